// The board page: applies live changes, sends edits without reloading,
// filters by channel, undoes deletes, and moves notes by drag or keys.
// Without this script every action still works through plain forms.

import { connectLive } from './live.js';
import { enableDnd } from './dnd.js';
import { t, num, sep } from './words.js';

const data = document.getElementById('page-data').dataset;
const journeyId = Number(data.journey);
const me = data.me;
const editAll = data.editAll === '1';
const csrf = document.querySelector('meta[name=csrf-token]').content;
const PENDING_KEY = `mot-pending-${journeyId}`;

// (words.js has marked the body `js`.)
if (editAll) document.body.classList.add('edit-all');

let seq = Number(document.getElementById('board').dataset.seq || 0);
let filter = new URLSearchParams(location.search).get('channel');
let lastDeleted = null;
let refreshing = null;

const $ = (sel, el = document) => el.querySelector(sel);
const $$ = (sel, el = document) => [...el.querySelectorAll(sel)];

function fromHtml(html) {
  const tpl = document.createElement('template');
  tpl.innerHTML = html.trim();
  return tpl.content.firstElementChild;
}

// Live fragments carry no CSRF token; fill ours in.
function prepare(el) {
  for (const input of $$('input[name=_csrf]', el)) input.value = csrf;
  const notes = el.classList && el.classList.contains('note') ? [el] : $$('.note', el);
  for (const n of notes) {
    n.classList.toggle('mine', n.dataset.author === me);
    const grip = $('.grip', n);
    if (grip) grip.setAttribute('aria-pressed', 'false');
    const chan = $('.chan', n);
    if (chan && canMove(n)) {
      chan.tabIndex = 0;
      chan.setAttribute('role', 'button');
      chan.title = t('js-board-change-channel');
    }
  }
  return el;
}

function canMove(note) { return editAll || note.dataset.author === me; }

// ---- applying changes -------------------------------------------------

function listOf(stageId) { return $(`ol.notes[data-stage="${stageId}"]`); }

function upsertNote(m, html) {
  const el = prepare(fromHtml(html));
  const old = document.getElementById(`m-${m.id}`);
  const list = listOf(m.stage_id);
  if (!list) { if (old) old.remove(); return; }
  if (old && old.parentElement === list) {
    old.replaceWith(el);
  } else {
    if (old) old.remove();
    const after = [...list.children].find((n) => Number(n.dataset.position) > m.position
      || (Number(n.dataset.position) === m.position && Number(n.dataset.id) > m.id));
    if (after) list.insertBefore(el, after); else list.append(el);
  }
  applyMarks(el);
  if (old && old.contains(document.activeElement)) $('.grip', el)?.focus();
  el.classList.add('flash');
  applyFilter(el);
}

function reorder(stageId, ids) {
  const list = listOf(stageId);
  if (!list) return;
  ids.forEach((id, i) => {
    const n = document.getElementById(`m-${id}`);
    if (!n) return;
    n.dataset.stage = stageId;
    n.dataset.position = i;
    list.append(n);
  });
}

// Someone else's vote or rating only changes the counts everyone sees: they
// come in the frame, so the panel is not re-read (with a hundred people voting
// at once, re-reading it for every dot kept every screen waiting).
function setLiveCount(key, value) {
  const els = $$(`#session-panel [data-live="${key}"]`);
  for (const el of els) el.textContent = num(value);
  return els.length > 0;
}

function applyChange(f, own = false) {
  switch (f.type) {
    case 'moment_added':
    case 'moment_updated':
    case 'moment_restored':
      upsertNote(f.moment, f.html);
      break;
    case 'moment_deleted':
      document.getElementById(`m-${f.id}`)?.remove();
      break;
    case 'moments_reordered':
      for (const s of f.stages) reorder(s.stage_id, s.moment_ids);
      break;
    case 'stage_added':
      if (!document.getElementById(`s-${f.stage.id}`)) $('.stages').append(prepare(fromHtml(f.html)));
      break;
    case 'stage_renamed': {
      const h = document.getElementById(`sh-${f.stage.id}`);
      if (h) h.textContent = f.stage.name;
      break;
    }
    case 'stages_reordered':
      for (const id of f.stage_ids) { const s = document.getElementById(`s-${id}`); if (s) $('.stages').append(s); }
      break;
    case 'stage_removed':
      document.getElementById(`s-${f.id}`)?.remove();
      break;
    case 'journey_renamed':
      $('#journey-name').textContent = f.name;
      document.title = `\u2068${f.name}\u2069 · mot`;
      break;
    case 'channels_changed':
      refreshBoard(f.seq);
      return;
    case 'batch':
      // Counts of several moments at once (see live.js).
      for (const g of f.frames) applyChange(g, own);
      return;
    case 'votes_changed':
      if (!own && setLiveCount('vote-dots', f.dots) && setLiveCount('vote-voters', f.voters)) return;
      refreshPanel();
      return;
    case 'ratings_changed':
      if (!own && setLiveCount(`ratings-${f.moment_id}`, f.count)) return;
      refreshPanel();
      return;
    case 'session_started': case 'phase_changed': case 'timer_set': case 'done_changed':
    case 'votes_revealed': case 'priorities_set':
    case 'ratings_revealed': case 'assessment_recorded': case 'idea_added': case 'idea_updated':
    case 'idea_removed': case 'action_saved': case 'next_session_booked':
      refreshPanel();
      return;
    default:
      break;
  }
  recount();
}

function onFrame(f) {
  if (refreshing) { refreshing.push(f); return; }
  applyChange(f);
  seq = f.seq;
}

// Replaces the board region with a fresh copy (far behind, or channels changed).
async function refreshBoard() {
  if (refreshing) return;
  refreshing = [];
  try {
    const res = await fetch(`/j/${journeyId}?fragment=1${filter ? `&channel=${encodeURIComponent(filter)}` : ''}`, { headers: { 'x-mot-fetch': '1' } });
    if (!res.ok) throw new Error(String(res.status));
    const fresh = prepare(fromHtml(await res.text()));
    $('#board').replaceWith(fresh);
    applyMarks();
    seq = Number(fresh.dataset.seq);
    const css = document.getElementById('channel-css');
    if (css) { const u = new URL(css.href); u.searchParams.set('r', String(Date.now())); css.href = u.toString(); }
    const queued = refreshing;
    refreshing = null;
    for (const f of queued) if (f.seq > seq) { applyChange(f); seq = f.seq; }
    showPending();
  } catch {
    refreshing = null;
    setTimeout(() => refreshBoard(), 3000);
    return;
  }
  recount();
}

function recount() {
  const notes = $$('#board .note:not(.pending)');
  const counts = new Map();
  for (const n of notes) { const k = n.dataset.channel || 'none'; counts.set(k, (counts.get(k) || 0) + 1); }
  for (const c of $$('[data-count]')) c.textContent = num(counts.get(c.dataset.count) || 0);
  for (const s of $$('.stage')) { const c = $('.count .n', s); if (c) c.textContent = num($$('.note:not(.pending)', s).length); }
  const hint = document.getElementById('empty-hint');
  if (hint) hint.hidden = notes.length > 0;
}

// ---- the session panel ---------------------------------------------------------

// Re-renders the panel for this viewer (votes and ratings are private), keeping
// whatever the person was typing and which sections were open.
// Frames in a burst are read once, 80 ms after the last, but never more than
// 400 ms after the first, so a busy session still shows its changes.
let panelTimer = null;
let panelFirst = 0;
function refreshPanel() {
  const now = Date.now();
  if (!panelTimer) panelFirst = now;
  clearTimeout(panelTimer);
  panelTimer = setTimeout(() => { panelTimer = null; reloadPanel(); }, Math.max(0, Math.min(80, panelFirst + 400 - now)));
}

// A form's identity across redraws: where it posts, its operation and the
// ids it acts on (its hidden fields), e.g. "add an idea to moment 7".
function formKey(form) {
  if (!form) return '';
  const v = (n) => form.querySelector(`input[type=hidden][name="${n}"]`)?.value || '';
  return [form.getAttribute('action'), v('op'), v('moment_id'), v('idea_id'), v('id')].join('|');
}

// Where the focus is, in terms that survive a redraw: an id, else the form
// it sits in and its name, else a summary by its place.
function focusSpot(root) {
  const el = document.activeElement;
  if (!el || el === document.body || !root.contains(el)) return null;
  const spot = { id: el.id || null, form: null, tag: el.tagName, name: el.getAttribute('name') || '', text: el.textContent.trim(), summary: -1 };
  const form = el.closest('form');
  if (form) {
    spot.form = formKey(form);
    spot.index = alike(spot, root).indexOf(el);
  }
  if (el.tagName === 'SUMMARY') spot.summary = $$('summary', root).indexOf(el);
  try {
    if (typeof el.selectionStart === 'number') Object.assign(spot, { start: el.selectionStart, end: el.selectionEnd, dir: el.selectionDirection });
  } catch { /* no caret here */ }
  return spot;
}

// The controls like the one at `spot`: same kind and name, in forms with the
// same key (e.g. the facilitator's "← back" and "next →" phase buttons).
function alike(spot, root) {
  return $$('form', root).filter((f) => formKey(f) === spot.form)
    .flatMap((f) => $$(spot.tag.toLowerCase(), f).filter((e) => (e.getAttribute('name') || '') === spot.name));
}

function findSpot(spot, root) {
  if (spot.id) return document.getElementById(spot.id);
  if (spot.summary >= 0) return $$('summary', root)[spot.summary] || null;
  if (spot.form !== null) {
    const same = alike(spot, root);
    return same.find((e) => e.textContent.trim() === spot.text) || same[spot.index] || same.find((e) => e.type === 'submit') || same[0] || null;
  }
  return null;
}

// What a person typed, chose or opened in `root`, to put back on its
// redrawn copy (fields by id; a <details> as `detailsKeys` names it).
function fieldState(root) {
  const typed = new Map();
  for (const el of $$('input[id], textarea[id], select[id]', root)) {
    if (el.type === 'hidden' || el.type === 'radio' || el.type === 'checkbox') continue;
    if (el.tagName === 'SELECT') {
      const first = [...el.options].find((o) => o.defaultSelected) || el.options[0];
      if (el.dataset.touched && el.value !== (first ? first.value : '')) typed.set(el.id, el.value);
    } else if (el.value !== el.defaultValue) typed.set(el.id, el.value);
  }
  const open = new Set(detailsKeys(root).filter(([d]) => d.open).map(([, k]) => k));
  return { typed, open };
}

// Each <details> of `root` with a key that survives a redraw: its id, else
// its class and its place among those of that class (so an open action
// form never opens the "start a session" box that takes its place).
function detailsKeys(root) {
  const seen = new Map();
  return $$('details', root).map((d) => {
    if (d.id) return [d, `#${d.id}`];
    const n = seen.get(d.className) || 0;
    seen.set(d.className, n + 1);
    return [d, `${d.className}@${n}`];
  });
}

function putFieldState({ typed, open }, root) {
  for (const [id, value] of typed) {
    const el = root.querySelector(`#${CSS.escape(id)}`);
    if (!el) continue;
    el.value = value;
    if (el.tagName === 'SELECT') el.dataset.touched = '1';
  }
  for (const [d, k] of detailsKeys(root)) if (open.has(k)) d.open = true;
}

// The panel is re-read whole; each answer is put in only if no newer read
// has been put in already.
let panelReads = 0;
let panelShown = 0;

async function reloadPanel() {
  if (!document.getElementById('session-panel')) return;
  const n = ++panelReads;
  let html;
  try {
    const res = await fetch(`/j/${journeyId}/session-panel`, { headers: { 'x-mot-fetch': '1' } });
    if (!res.ok) return;
    html = await res.text();
  } catch { return; }
  if (n < panelShown) return;
  panelShown = n;
  // Read the page as it is now, after the wait: a post answered meanwhile
  // has already emptied its form.
  const old = document.getElementById('session-panel');
  if (!old) return;
  const fresh = enhancePanel(prepare(fromHtml(html)));
  const state = fieldState(old);
  const spot = focusSpot(old);
  old.replaceWith(fresh);
  putFieldState(state, fresh);
  showLadderRows(fresh);
  applyMarks();
  applyPresence();
  padForBar();
  if (spot) {
    const el = findSpot(spot, fresh);
    if (el) {
      el.focus({ preventScroll: true });
      if (spot.start !== undefined) { try { el.setSelectionRange(spot.start, spot.end, spot.dir); } catch { /* not a text field */ } }
    } else {
      // What had the focus is gone (e.g. the last "− dot"): keep it in the panel.
      fresh.tabIndex = -1;
      fresh.focus({ preventScroll: true });
    }
  }
  tickTimer();
}

document.addEventListener('change', (e) => { if (e.target.matches && e.target.matches('#session-panel select, #board .note-marks select')) e.target.dataset.touched = '1'; });

// ---- the session's marks on the notes -----------------------------------------
// While the team prioritises, the panel (read for this viewer) carries what
// goes on each note: my dots with the forms to put one on or take one back,
// or, after the reveal, the note's dots from everyone. They go on the notes
// after each read of the panel and on a note a change redrew; a button that
// had the focus keeps it. A tap on a note puts a dot on it, a tap on my dots
// takes one back; with a keyboard, + or − on a focused note, and * stars it
// (the facilitator, after the reveal).
function applyMarks(only) {
  const box = document.getElementById('note-marks');
  for (const n of only ? [only] : $$('#board .note')) {
    const slot = $('.note-marks', n);
    if (!slot) continue;
    const tpl = box && box.querySelector(`template[data-for="${n.dataset.id}"]`);
    const spot = focusSpot(slot);
    const dot = spot && document.activeElement.dataset.dot;
    const state = fieldState(slot);
    slot.replaceChildren(...(tpl ? [prepare(tpl.content.cloneNode(true))] : []));
    putFieldState(state, slot);
    for (const ladder of $$('fieldset.ladder', slot)) enhanceLadder(ladder);
    n.classList.toggle('voting', !!$('[data-dot=add]', slot));
    if (spot) {
      // The same control again; a "− dot" gone with the last dot leaves the focus on "+ dot".
      const el = findSpot(spot, slot) || (dot && $('[data-dot=add]', slot)) || n;
      el.focus({ preventScroll: true });
      if (spot.start !== undefined) { try { el.setSelectionRange(spot.start, spot.end, spot.dir); } catch { /* not a text field */ } }
    }
  }
}

document.addEventListener('click', (e) => {
  const note = e.target.closest && e.target.closest('#board .note.voting');
  if (!note || e.target.closest('a, button, input, select, textarea, label, summary, form, .chan, .picker')) return;
  // A tap on my dots takes one back; anywhere else on the note puts one on.
  const back = e.target.closest('.note-marks .dots') && $('.note-marks [data-dot=remove]', note);
  (back || $('.note-marks [data-dot=add]', note))?.click();
});

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey || !e.target.matches || !e.target.matches('#board .note')) return;
  const which = { '+': '[data-dot=add]', '=': '[data-dot=add]', '-': '[data-dot=remove]', '−': '[data-dot=remove]', '*': 'button.star' }[e.key];
  const b = which && $(`.note-marks ${which}`, e.target);
  if (!b) return;
  e.preventDefault();
  b.click();
});

// ---- who is here --------------------------------------------------------------
// The live socket says who is on the board (a `presence` frame: key, name,
// initials); their initials in the session bar get a solid ring and the
// words "here". Someone here who has not taken part yet gets a badge too.
let present = null;
function applyPresence() {
  const list = $('#session-panel .people');
  if (!list) return;
  const keys = new Set((present || []).map((x) => x.p));
  for (const li of $$('li.person', list)) {
    if (li.dataset.joined && !keys.has(li.dataset.person)) { li.remove(); continue; }
    const here = keys.has(li.dataset.person);
    li.classList.toggle('here', here);
    const w = $('.here-word', li);
    if (w) w.textContent = here ? `, ${t('js-board-here')}` : '';
  }
  for (const x of present || []) {
    if ($$('li.person', list).some((li) => li.dataset.person === x.p)) continue;
    const li = document.createElement('li');
    li.className = 'person here';
    li.dataset.person = x.p;
    li.dataset.joined = '1';
    li.title = x.n;
    const initials = document.createElement('span');
    initials.className = 'initials';
    initials.setAttribute('aria-hidden', 'true');
    initials.textContent = x.i;
    const sr = document.createElement('span');
    sr.className = 'sr-only';
    const name = document.createElement('bdi');
    name.textContent = x.n;
    const w = document.createElement('span');
    w.className = 'here-word';
    w.textContent = `, ${t('js-board-here')}`;
    sr.append(name, w);
    li.append(initials, sr);
    list.append(li);
  }
}

// The session bar stays at the top: what the page scrolls to (a focused
// control, a note) stops below it, never under it.
function barPadding() {
  const bar = $('#session-panel .session-bar');
  document.documentElement.style.scrollPaddingTop = bar ? `${bar.offsetHeight + 8}px` : '';
}
const barSize = new ResizeObserver(barPadding);
function padForBar() {
  barSize.disconnect();
  const bar = $('#session-panel .session-bar');
  if (bar) barSize.observe(bar);
  barPadding();
}

// ---- the journey map as a PNG ----------------------------------------------------
// The server draws the map as SVG; the page paints it on a canvas at twice
// its size and saves that as PNG.
async function saveMapPng(button) {
  try {
    const res = await fetch(button.dataset.svg, { headers: { 'x-mot-fetch': '1' } });
    if (!res.ok) throw new Error(String(res.status));
    const name = (/filename="([^"]+)"/.exec(res.headers.get('content-disposition') || '') || [])[1] || 'journey-map.svg';
    // A data: URL: the page's content security policy allows no blob: images.
    const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(await res.text())}`;
    const img = new Image();
    await new Promise((ok, fail) => { img.onload = ok; img.onerror = fail; img.src = url; });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(img.naturalWidth * 2);
    canvas.height = Math.round(img.naturalHeight * 2);
    const g = canvas.getContext('2d');
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(img, 0, 0, canvas.width, canvas.height);
    const png = await new Promise((ok) => canvas.toBlob(ok, 'image/png'));
    if (!png) throw new Error('no PNG');
    const a = document.createElement('a');
    a.href = URL.createObjectURL(png);
    a.download = name.replace(/\.svg$/, '.png');
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  } catch {
    toast(`${t('js-board-map-png-failed')}.`, { error: true });
  }
}
document.addEventListener('click', (e) => {
  const b = e.target.closest && e.target.closest('button.map-png');
  if (b) saveMapPng(b);
});

// The shared countdown: every screen counts down to the same moment.
let timeUpShown = false;
function tickTimer() {
  const panel = document.getElementById('session-panel');
  const out = document.getElementById('timer');
  if (!panel || !out) return;
  const ends = Number(panel.dataset.timerEnds || 0);
  if (!ends) { out.textContent = ''; out.classList.remove('up'); timeUpShown = false; return; }
  const left = Math.round((ends - Date.now()) / 1000);
  if (left > 0) {
    const time = `${num(Math.floor(left / 60))}:${num(left % 60).padStart(2, num(0))}`;
    out.textContent = t('js-board-timer-left', { time });
    out.classList.remove('up');
    timeUpShown = false;
  } else {
    out.textContent = t('js-board-time-up');
    out.classList.add('up');
    if (!timeUpShown) { timeUpShown = true; toast(t('js-board-time-up-phase')); }
  }
}
setInterval(tickTimer, 1000);
tickTimer();

// ---- filter by channel -----------------------------------------------------

function applyFilter(el) {
  const notes = el ? [el] : $$('#board .note');
  for (const n of notes) n.hidden = filter !== null && (n.dataset.channel || 'none') !== filter;
}

document.addEventListener('click', (e) => {
  const chip = e.target.closest('[data-filter]');
  if (!chip) return;
  e.preventDefault();
  const f = chip.dataset.filter;
  filter = f === '' || f === filter ? null : f;
  for (const c of $$('[data-filter]')) c.setAttribute('aria-current', String(c.dataset.filter === filter));
  const url = new URL(location.href);
  if (filter === null) url.searchParams.delete('channel'); else url.searchParams.set('channel', filter);
  history.replaceState(null, '', url);
  applyFilter();
});

// ---- toasts and undo -----------------------------------------------------------

let toastTimer = null;
function toast(text, { error = false, action = null } = {}) {
  const box = $('#toast');
  box.replaceChildren();
  const span = document.createElement('span');
  span.textContent = text;
  box.append(span);
  if (action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = action.label;
    b.addEventListener('click', () => { box.hidden = true; action.run(); });
    box.append(b);
  }
  box.classList.toggle('error', error);
  box.setAttribute('role', error ? 'alert' : 'status');
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, action ? 10000 : 5000);
}
const announce = (text) => toast(text);

async function undoDelete() {
  if (!lastDeleted) return;
  const id = lastDeleted;
  lastDeleted = null;
  const r = await post(`/j/${journeyId}/m/${id}/restore`, new URLSearchParams({ _csrf: csrf }));
  if (r) toast(t('js-board-note-restored'));
}

document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key === 'z' && !e.target.closest('input, textarea, select')) {
    if (lastDeleted) { e.preventDefault(); undoDelete(); }
  }
});

// ---- sending changes ----------------------------------------------------------

// A new client request id: 128 random bits (crypto.randomUUID needs HTTPS;
// phones on a shop's network may use plain HTTP).
function newRequestId() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

// A page shown again from the back-forward cache gets new form request ids:
// what is sent from it is a new change, not a repeat of one sent before.
addEventListener('pageshow', (e) => {
  if (!e.persisted) return;
  for (const input of document.querySelectorAll('input[name="_rid"]')) input.value = newRequestId();
});

// Posts a change; applies the answer at once (the live feed confirms it).
// A request that never reached the server is kept and sent again later.
// Each change carries one request id (Idempotency-Key) across all its
// attempts: when an answer is lost after the change was saved, the retry is
// answered with the first outcome instead of making the change twice.
async function post(url, body, { keep = true, rid = newRequestId() } = {}) {
  let res;
  try {
    res = await fetch(url, { method: 'POST', body, headers: { 'x-mot-fetch': '1', 'x-csrf-token': csrf, 'idempotency-key': rid } });
  } catch {
    if (keep) {
      const pending = JSON.parse(localStorage.getItem(PENDING_KEY) || '[]');
      pending.push({ url, body: body.toString(), rid });
      localStorage.setItem(PENDING_KEY, JSON.stringify(pending));
      toast(t('js-board-offline-kept'), { error: true });
      showPending();
      return { queued: true };
    }
    return null;
  }
  if (res.ok) setTimeout(flushPending, 0);
  let json = null;
  try { json = await res.json(); } catch { /* not JSON */ }
  if (!res.ok) {
    toast(json?.error?.message || t('js-board-not-saved', { status: res.status }), { error: true });
    return null;
  }
  if (json && json.type) applyChange(json, true);
  return json;
}

let flushing = false;
async function flushPending() {
  if (flushing) return;
  const pending = JSON.parse(localStorage.getItem(PENDING_KEY) || '[]');
  if (!pending.length) return;
  flushing = true;
  localStorage.removeItem(PENDING_KEY);
  try {
    for (const p of pending) await post(p.url, new URLSearchParams(p.body), { rid: p.rid || newRequestId() });
  } finally {
    flushing = false;
    showPending();
  }
}

// ---- changes waiting to be sent ------------------------------------------------
// A note written while offline shows on the board at once, marked as
// waiting, until the server has it; the live status counts what waits.

function readPending() {
  try { return JSON.parse(localStorage.getItem(PENDING_KEY) || '[]'); } catch { return []; }
}

function showPending() {
  for (const el of $$('#board li.note.pending')) el.remove();
  for (const p of readPending()) {
    if (!new URL(p.url, location.href).pathname.endsWith(`/j/${journeyId}/moments`)) continue;
    const f = new URLSearchParams(p.body);
    const list = listOf(f.get('stage_id'));
    const title = (f.get('title') || '').trim();
    if (!list || !title) continue;
    const chip = $(`.legend [data-filter="${CSS.escape(f.get('channel_id') || 'none')}"]`);
    const li = document.createElement('li');
    li.className = `note pending ${f.get('channel_id') ? `ch-${f.get('channel_id')}` : 'no-channel'}`;
    li.dataset.channel = f.get('channel_id') || '';
    li.setAttribute('aria-label', t('js-board-pending-label', { title }));
    const titleEl = document.createElement('p');
    titleEl.className = 'title';
    titleEl.textContent = title;
    titleEl.dir = 'auto';
    const meta = document.createElement('p');
    meta.className = 'meta';
    if (chip) {
      const chan = document.createElement('span');
      chan.className = 'chan';
      chan.textContent = `${$('.icon', chip).textContent} ${$('.name', chip).textContent}`;
      meta.append(chan);
    }
    const wait = document.createElement('span');
    wait.className = 'waiting';
    wait.textContent = t('js-board-waiting');
    meta.append(wait);
    li.append(titleEl, meta);
    list.append(li);
  }
  showStatus();
}
window.addEventListener('online', () => flushPending());

// Empties what the person typed (texts, dates, numbers), keeps their choices
// in menus (e.g. the channel of the next note), and puts the cursor back in
// the first field for the next entry. `sent` holds what was submitted, by
// field: only a field that still holds it is emptied, so text typed since
// is kept. The form may have been redrawn while the post was under way: the
// one on the page now is emptied, never only the old copy.
function typedFields(form) {
  return $$('input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea', form);
}
const fieldKey = (el, i) => el.id || `${el.name}#${i}`;
function resetForm(form, sent = null) {
  const key = formKey(form);
  const live = document.contains(form) ? form : ($$('form[data-reset]').find((f) => formKey(f) === key) || form);
  const typed = typedFields(live);
  typed.forEach((el, i) => {
    const k = fieldKey(el, i);
    if (sent && sent.has(k) && el.value !== sent.get(k)) return;
    el.value = el.defaultValue = '';
  });
  const details = live.closest('details.action-form, details.plan-idea');
  if (details) details.open = false;
  for (const ladder of $$('fieldset.ladder', live)) extraLadderRows.delete(ladder.id);
  showLadderRows(live);
  const active = document.activeElement;
  if (!active || active === document.body || live.contains(active)) {
    if (details) details.querySelector('summary')?.focus(); else typed[0]?.focus();
  }
}

document.addEventListener('submit', async (e) => {
  const form = e.target;
  if (!form.matches('[data-fetch]')) return;
  e.preventDefault();
  const off = e.submitter && e.submitter.getAttribute('aria-disabled') === 'true';
  if (off) { toast(`${e.submitter.dataset.why || t('js-board-not-available')}.`); return; }
  if (form.hasAttribute('data-reset')) compactLadder(form);
  // The pressed button's own value goes too (a face is the rating).
  const body = new URLSearchParams(new FormData(form, e.submitter && e.submitter.name ? e.submitter : undefined));
  if (form.matches('form.rate')) advanceFrom = form.querySelector('input[name=moment_id]')?.value || null;
  body.set('_csrf', csrf);
  const sent = new Map(typedFields(form).map((el, i) => [fieldKey(el, i), el.value]));
  const json = await post(form.action, body);
  if (!json) return;
  if (json.queued) {
    if (form.hasAttribute('data-reset')) resetForm(form, sent);
    return;
  }
  if (form.hasAttribute('data-reset')) resetForm(form, sent);
  if (json.type === 'moment_deleted') {
    lastDeleted = json.id;
    toast(t('js-board-note-deleted'), { action: { label: t('js-board-undo'), run: undoDelete } });
  }
});

// A "+ dot" that would be refused says why instead (it stays focusable; a
// disabled button would say nothing).
document.addEventListener('click', (e) => {
  const b = e.target.closest && e.target.closest('button[aria-disabled=true]');
  if (!b) return;
  e.preventDefault();
  toast(`${b.dataset.why || t('js-board-not-available')}.`);
});

// ---- the ladder of small steps: rows added, removed and reordered --------------
// Without the script the form shows three rows and folds the others under
// "More steps". With it, every row sits in one list, only the rows in use
// (and one blank) show, and each row has buttons to move or remove it. Rows
// keep their ids; moving a step moves its values, so a redraw keeps them.

const stepInputs = (row) => $$('input', row);
const rowUsed = (row) => stepInputs(row).some((i) => i.value.trim() !== '');
// How many rows each ladder (by id) was asked to show, across redraws.
const extraLadderRows = new Map();

function ladderRows(ladder) { return $$('li.step-row', ladder); }

// ---- Assess: one priority at a time ---------------------------------------------
// With the script, the priorities' cards show one at a time, with "2 of 4"
// and buttons to go back and forth (without it they stack). After a face
// is tapped, the next priority comes up.
let assessAt = null; // the moment id of the card in view
let advanceFrom = null; // the card whose face was just tapped

function focusAssess(root) {
  const cards = $$('article.assess', root);
  const box = $('.phase-body', root);
  if (cards.length < 2 || !box) { assessAt = null; return; }
  const ids = cards.map((c) => c.dataset.moment);
  let at = ids.indexOf(assessAt);
  if (at < 0) at = Math.max(0, cards.findIndex((c) => !$('.faces [aria-pressed=true]', c)));
  if (advanceFrom && advanceFrom === ids[at] && $('.faces [aria-pressed=true]', cards[at]) && at < cards.length - 1) at += 1;
  advanceFrom = null;
  assessAt = ids[at];
  cards.forEach((c, i) => { c.hidden = i !== at; });
  const nav = document.createElement('nav');
  nav.className = 'assess-nav';
  nav.setAttribute('aria-label', t('js-board-priorities'));
  const go = (to, label, text, key) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'small quiet';
    b.dataset.assess = key;
    b.textContent = text;
    b.setAttribute('aria-label', label);
    if (to < 0 || to >= cards.length) b.setAttribute('aria-disabled', 'true');
    else b.addEventListener('click', () => { assessAt = ids[to]; focusAssess(root); $(`[data-assess=${key}]`, root)?.focus({ preventScroll: true }); });
    return b;
  };
  const where = document.createElement('span');
  where.className = 'where';
  where.setAttribute('role', 'status');
  where.textContent = t('js-board-priority-of', { n: num(at + 1), count: num(cards.length) });
  nav.append(go(at - 1, t('js-board-priority-previous'), '‹', 'prev'), where, go(at + 1, t('js-board-priority-next'), '›', 'next'));
  $('nav.assess-nav', root)?.remove();
  cards[0].before(nav);
}

function enhancePanel(root) {
  focusAssess(root);
  for (const ladder of $$('fieldset.ladder', root)) enhanceLadder(ladder);
  return root;
}

// One list of rows, each with buttons to move it up or down or remove it,
// and "Add a step" under them.
function enhanceLadder(ladder) {
  if (ladder.dataset.enhanced) return;
  ladder.dataset.enhanced = '1';
  const [list] = $$('ol.step-rows', ladder);
  for (const row of ladderRows(ladder)) {
    list.append(row);
    const tools = document.createElement('span');
    tools.className = 'step-tools';
    for (const [act, label, text] of [['up', 'js-board-step-up', '↑'], ['down', 'js-board-step-down', '↓'], ['remove', 'js-board-step-remove', '✕']]) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'small quiet';
      b.dataset.step = act;
      b.textContent = text;
      b.setAttribute('aria-label', t(label, { n: num(Number(row.dataset.row) + 1) }));
      tools.append(b);
    }
    row.append(tools);
  }
  $('details.more-steps', ladder)?.remove();
  const add = document.createElement('button');
  add.type = 'button';
  add.className = 'small quiet add-step';
  add.dataset.step = 'add';
  add.textContent = t('js-board-add-step');
  ladder.append(add);
  showRows(ladder);
}

// Shows the rows in use of each ladder in `root`, at least one, and as
// many as the person asked for.
function showLadderRows(root) {
  for (const ladder of $$('fieldset.ladder', root)) showRows(ladder);
}

function showRows(ladder) {
  const rows = ladderRows(ladder);
  if (!rows.length || !ladder.dataset.enhanced) return;
  let last = -1;
  rows.forEach((r, i) => { if (rowUsed(r)) last = i; });
  const shown = Math.min(rows.length, Math.max(last + 1, 1, extraLadderRows.get(ladder.id) || 0));
  rows.forEach((r, i) => { r.hidden = i >= shown; });
  const add = $('.add-step', ladder);
  if (add) add.hidden = shown >= rows.length;
}

function swapRows(a, b) {
  const [ia, ib] = [stepInputs(a), stepInputs(b)];
  ia.forEach((el, k) => { const v = el.value; el.value = ib[k].value; ib[k].value = v; });
}

// Moves the values of the steps up over blank rows, so the steps are sent
// (and numbered in messages) as the page shows them.
function compactLadder(form) {
  const ladder = $('fieldset.ladder', form);
  const rows = ladder ? ladderRows(ladder) : [];
  if (!rows.length) return;
  const used = rows.filter(rowUsed).map((r) => stepInputs(r).map((i) => i.value));
  rows.forEach((r, i) => stepInputs(r).forEach((el, k) => { el.value = used[i] ? used[i][k] : ''; }));
}

document.addEventListener('click', (e) => {
  const b = e.target.closest && e.target.closest('fieldset.ladder button[data-step]');
  if (!b) return;
  const ladder = b.closest('fieldset.ladder');
  const rows = ladderRows(ladder);
  const act = b.dataset.step;
  if (act === 'add') {
    const visible = rows.filter((r) => !r.hidden).length;
    extraLadderRows.set(ladder.id, visible + 1);
    showRows(ladder);
    const next = rows[visible];
    if (next) $('input', next).focus();
    return;
  }
  const row = b.closest('li.step-row');
  const i = rows.indexOf(row);
  if (act === 'up' && i > 0) { swapRows(rows[i - 1], row); $(`button[data-step=up]`, rows[i - 1]).focus(); }
  if (act === 'down' && i < rows.length - 1 && !rows[i + 1].hidden) { swapRows(row, rows[i + 1]); $(`button[data-step=down]`, rows[i + 1]).focus(); }
  if (act === 'remove') {
    for (let k = i; k < rows.length - 1; k += 1) swapRows(rows[k], rows[k + 1]);
    stepInputs(rows[rows.length - 1]).forEach((el) => { el.value = ''; });
    extraLadderRows.set(ladder.id, Math.max(1, rows.filter((r) => !r.hidden).length - 1));
    showRows(ladder);
    (row.hidden ? $('input', rows[Math.max(0, i - 1)]) : $('input', row)).focus();
  }
});

// ---- colour-coding: a quick channel picker on each note ------------------

let picker = null;
function closePicker() { if (picker) { picker.remove(); picker = null; } }

function openPicker(note, anchor) {
  closePicker();
  picker = document.createElement('div');
  picker.className = 'picker';
  picker.setAttribute('role', 'dialog');
  picker.setAttribute('aria-label', t('js-board-choose-channel'));
  const choices = $$('.legend [data-filter]').filter((c) => c.dataset.filter !== '');
  for (const chip of choices) {
    const b = document.createElement('button');
    b.type = 'button';
    const id = chip.dataset.filter;
    b.className = `pick ${id === 'none' ? 'no-channel' : `ch-${id}`}`;
    b.setAttribute('aria-pressed', String((note.dataset.channel || 'none') === id));
    const sw = document.createElement('span');
    sw.className = 'swatch';
    const label = document.createElement('span');
    // Channel labels and names are people's text: each isolated, so a
    // right-to-left name keeps its order beside the separator.
    const icon = document.createElement('bdi');
    icon.textContent = $('.icon', chip).textContent;
    const name = document.createElement('bdi');
    name.textContent = $('.name', chip).textContent;
    label.append(icon, sep, name);
    b.append(sw, label);
    b.addEventListener('click', async () => {
      closePicker();
      await post(`/j/${journeyId}/m/${note.dataset.id}/edit`, new URLSearchParams({ _csrf: csrf, channel_id: id === 'none' ? '' : id }));
      $('.chan', document.getElementById(`m-${note.dataset.id}`))?.focus();
    });
    picker.append(b);
  }
  anchor.after(picker);
  $('.pick[aria-pressed=true]', picker)?.focus() || $('.pick', picker)?.focus();
}

document.addEventListener('click', (e) => {
  const chan = e.target.closest('.note .chan');
  if (chan) {
    const note = chan.closest('.note');
    if (canMove(note)) { e.preventDefault(); openPicker(note, chan.closest('.meta')); }
    return;
  }
  if (picker && !e.target.closest('.picker')) closePicker();
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && picker) {
    const note = picker.closest('.note');
    closePicker();
    $('.chan', note)?.focus();
  } else if ((e.key === 'Enter' || e.key === ' ') && e.target.matches && e.target.matches('.note .chan')) {
    e.preventDefault();
    const note = e.target.closest('.note');
    if (canMove(note)) openPicker(note, e.target.closest('.meta'));
  }
});

// ---- moving notes ----------------------------------------------------------

enableDnd(document.getElementById('main'), {
  canMove,
  announce,
  onDrop: async (note, stageId, index, undo) => {
    note.dataset.stage = stageId;
    const r = await post(`/j/${journeyId}/m/${note.dataset.id}/move`, new URLSearchParams({ _csrf: csrf, stage_id: stageId, index }));
    if (!r) undo();
  },
});

// ---- live --------------------------------------------------------------------

const status = $('#live-status');
let liveState = 'connecting';
// "Offline" as soon as the browser knows the network is gone (it may still
// hold a socket that has not noticed), with what waits to be sent.
function showStatus() {
  const s = navigator.onLine === false ? 'offline' : liveState;
  const waiting = readPending().length;
  status.classList.toggle('on', s === 'live');
  status.classList.toggle('off', s === 'offline');
  if (liveState === 'ended') {
    status.classList.remove('on');
    status.classList.add('off');
    status.textContent = t('js-board-access-ended');
    return;
  }
  let text = t(s === 'live' ? 'js-board-live' : s === 'connecting' ? 'js-board-connecting' : navigator.onLine === false ? 'js-board-offline' : 'js-board-reconnecting');
  if (waiting) text += `${sep}${t(waiting === 1 ? 'js-board-waiting-one' : 'js-board-waiting-other', { count: num(waiting) })}`;
  status.textContent = text;
}
connectLive({
  journeyId,
  lastSeq: () => seq,
  onFrame,
  onPresence: (here) => { present = here; applyPresence(); },
  onRefresh: () => refreshBoard(),
  onStatus: (s) => {
    liveState = s;
    showStatus();
    if (s === 'live') flushPending();
  },
});
window.addEventListener('offline', showStatus);
window.addEventListener('online', showStatus);

prepare(document.getElementById('board'));
const panelAtLoad = document.getElementById('session-panel');
if (panelAtLoad) enhancePanel(panelAtLoad);
applyFilter();
recount();
showPending();
applyMarks();
padForBar();
