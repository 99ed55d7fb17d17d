// The rater's page: every answer is saved as soon as it is given. Without a
// connection, answers wait in this device's storage and are sent when it is
// back; each is an upsert on the server, so sending one twice changes nothing.

import { t, num, sep } from './words.js';

const root = document.getElementById('rater');
if (root) {
  const token = root.dataset.token;
  const KEY = `mot-rater-${token}`;
  const total = Number(root.dataset.items);
  const form = document.getElementById('rater-form');
  const progress = document.getElementById('rater-progress');
  const pending = () => JSON.parse(localStorage.getItem(KEY) || '{}');
  const keep = (all) => localStorage.setItem(KEY, JSON.stringify(all));

  function answered() {
    return [...form.querySelectorAll('fieldset.item')].filter((f) => f.querySelector('input[type=radio]:checked')).length;
  }
  function show(note) {
    if (!progress) return;
    const waiting = Object.keys(pending()).length;
    progress.textContent = t('js-audit-progress', { answered: num(answered()), total: num(total) })
      + (waiting ? `${sep}${t('js-audit-waiting', { waiting: num(waiting) })}` : '') + (note ? `${sep}${note}` : '');
  }

  async function send(itemId, a) {
    const body = new URLSearchParams({ item_id: itemId, score: a.score, comment: a.comment });
    try {
      const res = await fetch(`/r/${token}/answer`, { method: 'POST', body, headers: { 'x-mot-fetch': '1' } });
      if (res.ok) return 'ok';
      const j = await res.json().catch(() => null);
      return j?.error?.message || t('js-audit-not-saved', { status: res.status });
    } catch {
      return 'offline';
    }
  }

  // Sends everything waiting, including answers given while a send was under
  // way: it loops until nothing is left (or the connection is gone).
  let flushing = null;
  function flush() {
    if (!flushing) flushing = drain().finally(() => { flushing = null; });
    return flushing;
  }
  async function drain() {
    let sent = 0;
    for (;;) {
      const entries = Object.entries(pending());
      if (!entries.length) break;
      for (const [itemId, a] of entries) {
        const r = await send(itemId, a);
        if (r === 'offline') { show(t('js-audit-offline')); return; }
        const all = pending();
        // Only forget it if nobody changed it meanwhile.
        if (JSON.stringify(all[itemId]) === JSON.stringify(a)) { delete all[itemId]; keep(all); }
        if (r !== 'ok') { show(r); return; }
        sent += 1;
      }
    }
    if (sent) show(t('js-audit-saved'));
  }

  // Keeps the item's answer on the device at once (so a reload or a closed
  // tab loses nothing); sending it may wait.
  function keepAnswer(fieldset) {
    const checked = fieldset.querySelector('input[type=radio]:checked');
    if (!checked) return false;
    const all = pending();
    all[fieldset.dataset.item] = { score: checked.value, comment: fieldset.querySelector('textarea').value };
    keep(all);
    show(t('js-audit-saving'));
    return true;
  }
  function record(fieldset) {
    if (keepAnswer(fieldset)) flush();
  }

  // Answers kept from an earlier visit (e.g. the page was closed offline).
  for (const [itemId, a] of Object.entries(pending())) {
    const fs = form.querySelector(`fieldset.item[data-item="${itemId}"]`);
    if (!fs) continue;
    const radio = fs.querySelector(`input[type=radio][value="${a.score}"]`);
    if (radio) radio.checked = true;
    fs.querySelector('textarea').value = a.comment;
  }

  form.addEventListener('change', (e) => {
    const fs = e.target.closest('fieldset.item');
    if (fs) record(fs);
  });
  let typing = null;
  form.addEventListener('input', (e) => {
    const fs = e.target.closest('fieldset.item');
    if (!fs || e.target.tagName !== 'TEXTAREA') return;
    // Every keystroke is kept on the device; the send waits for a pause.
    if (!keepAnswer(fs)) return;
    clearTimeout(typing);
    typing = setTimeout(flush, 600);
  });
  form.addEventListener('submit', async (e) => {
    const handIn = e.submitter && e.submitter.value === '1';
    e.preventDefault();
    await flush();
    if (Object.keys(pending()).length) { show(t('js-audit-offline-kept')); return; }
    if (!handIn) { show(t('js-audit-saved')); return; }
    const missing = total - answered();
    if (missing > 0 && !window.confirm(t('js-audit-confirm-missing', { missing: num(missing) }))) return;
    try {
      const res = await fetch(`/r/${token}/submit`, { method: 'POST', headers: { 'x-mot-fetch': '1' } });
      // A new address, so the page opens at the thank-you note, not where the rater had scrolled.
      if (res.ok) { location.assign(`${location.pathname}?handed-in=1`); return; }
      const j = await res.json().catch(() => null);
      show(j?.error?.message || t('js-audit-not-handed-in', { status: res.status }));
    } catch {
      show(t('js-audit-offline-hand-in'));
    }
  });
  // The sticky bar at the bottom must never hide the focused control: the
  // page's bottom scroll padding follows the bar's height (so focus scrolls
  // clear of it), and a control still under the bar after a focus move (or
  // above the top) is scrolled into the clear.
  const bar = form.querySelector('.rater-actions');
  if (bar) {
    const pad = () => { document.documentElement.style.scrollPaddingBottom = `${bar.offsetHeight + 16}px`; };
    pad();
    if ('ResizeObserver' in window) new ResizeObserver(pad).observe(bar);
    form.addEventListener('focusin', (e) => {
      if (bar.contains(e.target)) return;
      // A score's radio is a 1 px input: what shows is its button.
      const shown = e.target.matches('.score-option input') ? e.target.nextElementSibling : e.target;
      requestAnimationFrame(() => {
        const r = shown.getBoundingClientRect();
        const limit = bar.getBoundingClientRect().top - 8;
        if (r.bottom > limit) window.scrollBy(0, r.bottom - limit);
        else if (r.top < 0) window.scrollBy(0, r.top - 8);
      });
    });
  }
  window.addEventListener('online', flush);
  // Leaving the page (or putting the phone away): send what is typed now.
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flush(); });
  show();
  flush();
}
