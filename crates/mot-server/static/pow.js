// Solves the customer's page's proof of work when the altcha widget is not
// bundled (crates/mot-server/vendor, `npm ci` there before the build): the
// same ALTCHA protocol, by brute force with the browser's own SHA-256. The
// solution goes into the form's `altcha` field, and a `statechange` event
// like the widget's says so (feedback.js waits for it before sending).

const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

async function solve(el) {
  const c = JSON.parse(el.dataset.challenge);
  const field = el.querySelector('input[name=altcha]');
  const status = el.querySelector('.pow-status');
  const tell = (state, text, payload) => {
    if (status) status.textContent = text || '';
    el.dispatchEvent(new CustomEvent('statechange', { detail: { state, payload } }));
  };
  tell('verifying', el.dataset.verifying);
  const bytes = new TextEncoder();
  try {
    for (let n = 0; n <= c.maxnumber; n += 1) {
      if (hex(await crypto.subtle.digest('SHA-256', bytes.encode(c.salt + n))) === c.challenge) {
        const { algorithm, challenge, salt, signature } = c;
        field.value = btoa(JSON.stringify({ algorithm, challenge, number: n, salt, signature }));
        tell('verified', el.dataset.verified, field.value);
        return;
      }
    }
  } catch {
    // No Web Crypto (a page not served over HTTPS): as when nothing solves it.
  }
  tell('error', el.dataset.error);
}

// Last, once every declaration above is made: `hex` read before its line
// threw (the callee is looked up before the first digest is awaited), and
// the solver failed at once without a word.
const el = document.querySelector('.pow-solver[data-challenge]');
if (el) solve(el);
