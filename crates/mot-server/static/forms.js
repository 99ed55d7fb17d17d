// Small helpers for pages other than the board.
import './words.js';
for (const input of document.querySelectorAll('input[readonly]')) {
  input.addEventListener('focus', () => input.select());
}

// Each form carries a client request id (`_rid`), so a browser re-sending
// a post whose answer was lost makes nothing twice. A page shown again from
// the back-forward cache gets new ids: what is sent from it is a new change,
// not a repeat of the one sent before.
addEventListener('pageshow', (e) => {
  if (!e.persisted) return;
  for (const input of document.querySelectorAll('input[name="_rid"]')) {
    const b = crypto.getRandomValues(new Uint8Array(16));
    input.value = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  }
});
