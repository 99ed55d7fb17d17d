// The customer's page. An answer is kept on this phone the moment it is
// sent, and sent again until the server has it: on a weak network nothing
// is lost, and since the form carries its own request id (`_rid`) a repeat
// counts once. Without scripts the plain form works the same, minus the
// keeping.

import { t } from './words.js';

const root = document.querySelector('.feedback[data-token]');
if (root) {
  const token = root.dataset.token;
  const KEY = `mot-feedback-${token}`;
  const form = document.getElementById('feedback-form');
  // The link's own page: a question (/f/…) or a journey survey (/s/…).
  const href = form?.getAttribute('action') || location.pathname;
  const status = document.getElementById('feedback-status');
  const kept = () => JSON.parse(localStorage.getItem(KEY) || 'null');
  // A refusal looks like one (the page's error style); anything else does not.
  const say = (text, refused = false) => {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle('error', refused);
  };

  // Under a burst the form carries a proof of work: the altcha widget (or
  // our own pow.js) solves it, loaded only then; an answer waits for it.
  const pow = root.querySelector('.pow[data-pow-script]');
  const solver = pow?.querySelector('altcha-widget, .pow-solver');
  const solved = new Promise((resolve) => {
    solver?.addEventListener('statechange', (e) => { if (e.detail?.state === 'verified') resolve(); });
  });
  if (pow) import(pow.dataset.powScript);

  // Whether to load the page again for a challenge: once a minute at
  // most, so a refusal that a challenge does not lift (a flood from this
  // address) is waited out instead.
  function reloadOnce() {
    const at = `${KEY}-reloaded`;
    const last = Number(sessionStorage.getItem(at) || 0);
    if (Date.now() - last < 60_000) return false;
    sessionStorage.setItem(at, String(Date.now()));
    return true;
  }

  // Sends the kept answer, if any. Resolves to true once the server has
  // answered for good (taken or refused), false while the network is away.
  let sending = null;
  function flush() {
    if (!sending) sending = send().finally(() => { sending = null; });
    return sending;
  }
  async function send() {
    let fields = kept();
    if (!fields) return true;
    if (pow) {
      // Under a burst the answer goes with this page's proof, solved once
      // (an answer kept from before the burst had none).
      await solved;
      const proof = form && new FormData(form).get('altcha');
      if (proof && fields.altcha !== proof) {
        fields = { ...fields, altcha: proof };
        localStorage.setItem(KEY, JSON.stringify(fields));
      }
    }
    let res;
    try {
      res = await fetch(href, { method: 'POST', body: new URLSearchParams(fields), credentials: 'same-origin' });
    } catch {
      say(t('js-feedback-kept'));
      return false;
    }
    if (res.status === 429 && !pow && reloadOnce()) {
      // A burst began after this page loaded: the page again brings its
      // challenge, and the kept answer goes with the proof.
      say(t('js-feedback-kept-busy'));
      location.reload();
      return false;
    }
    if (res.status === 429 || res.status >= 500) {
      // Online, but not taken just now: kept, and tried again shortly.
      say(t('js-feedback-kept-busy'));
      return false;
    }
    localStorage.removeItem(KEY);
    if (res.ok || res.status === 409) {
      // Taken (or taken before, from this phone): the page now thanks it.
      location.replace(href);
    } else {
      // Refused (a wrong answer, a closed link): the server's page says why.
      const page = new DOMParser().parseFromString(await res.text(), 'text/html');
      say(page.querySelector('[role=alert]')?.textContent.trim() || t('js-feedback-refused', { status: res.status }), true);
      form?.querySelector('button[type=submit]')?.removeAttribute('disabled');
    }
    return true;
  }

  // Changing the language loads the page again in the other one: what was
  // chosen and typed so far comes back with it (this tab only).
  const DRAFT = `${KEY}-draft`;
  document.querySelector('form.lang-switch')?.addEventListener('submit', () => {
    if (!form) return;
    const fields = [...new FormData(form)].filter(([k, v]) => !k.startsWith('_') && k !== 'altcha' && k !== 'website' && v);
    sessionStorage.setItem(DRAFT, JSON.stringify(fields));
  });
  const draft = JSON.parse(sessionStorage.getItem(DRAFT) || 'null');
  sessionStorage.removeItem(DRAFT);
  if (form && draft) {
    for (const [name, value] of draft) {
      for (const el of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
        if (el.type === 'radio' || el.type === 'checkbox') {
          if (el.value === value) el.checked = true;
        } else {
          el.value = value;
        }
        el.closest('details')?.setAttribute('open', '');
      }
    }
  }

  if (form) {
    form.addEventListener('submit', async (e) => {
      if (!form.checkValidity()) return;
      e.preventDefault();
      form.querySelector('button[type=submit]')?.setAttribute('disabled', '');
      if (pow && !new FormData(form).get('altcha')) {
        say(t('js-feedback-checking'));
        await solved;
      }
      localStorage.setItem(KEY, JSON.stringify(Object.fromEntries(new FormData(form))));
      say(t('js-feedback-sending'));
      flush();
    });
  }
  // An answer kept from an earlier visit, or from before the network went.
  if (kept()) {
    // Sending it now says whether it waits for the network or the server.
    say(t('js-feedback-sending'));
    flush();
  }
  addEventListener('online', flush);
  setInterval(() => { if (kept()) flush(); }, 15_000);
}
