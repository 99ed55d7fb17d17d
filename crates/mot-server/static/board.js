// The board page: applies live changes, sends edits without reloading,
// filters by channel, undoes deletes, and moves notes by drag or keys.
// Without this script every action still works through plain forms.

import { connectLive } from './live.js';
import { enableDnd } from './dnd.js';

const data = document.getElementById('page-data').dataset;
const journeyId = Number(data.journey);
const me = data.me;
const editAll = data.editAll === '1';
const csrf = document.querySelector('meta[name=csrf-token]').content;
const PENDING_KEY = `mot-pending-${journeyId}`;

document.body.classList.add('js');
if (editAll) document.body.classList.add('edit-all');

let seq = Number(document.getElementById('board').dataset.seq || 0);
let filter = new URLSearchParams(location.search).get('channel');
let lastDeleted = null;
let refreshing = null;

const $ = (sel, el = document) => el.querySelector(sel);
const $$ = (sel, el = document) => [...el.querySelectorAll(sel)];

function fromHtml(html) {
  const t = document.createElement('template');
  t.innerHTML = html.trim();
  return t.content.firstElementChild;
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
      chan.title = 'Change the channel';
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
  for (const el of els) el.textContent = String(value);
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
      document.title = `${f.name} · mot`;
      break;
    case 'channels_changed':
      refreshBoard(f.seq);
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
    seq = Number(fresh.dataset.seq);
    const css = document.getElementById('channel-css');
    if (css) { const u = new URL(css.href); u.searchParams.set('r', String(Date.now())); css.href = u.toString(); }
    const queued = refreshing;
    refreshing = null;
    for (const f of queued) if (f.seq > seq) { applyChange(f); seq = f.seq; }
  } catch {
    refreshing = null;
    setTimeout(() => refreshBoard(), 3000);
    return;
  }
  recount();
}

function recount() {
  const notes = $$('#board .note');
  const counts = new Map();
  for (const n of notes) { const k = n.dataset.channel || 'none'; counts.set(k, (counts.get(k) || 0) + 1); }
  for (const c of $$('[data-count]')) c.textContent = counts.get(c.dataset.count) || 0;
  for (const s of $$('.stage')) { const c = $('.count', s); if (c) c.textContent = $$('.note', s).length; }
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

async function reloadPanel() {
  const old = document.getElementById('session-panel');
  if (!old) return;
  let html;
  try {
    const res = await fetch(`/j/${journeyId}/session-panel`, { headers: { 'x-mot-fetch': '1' } });
    if (!res.ok) return;
    html = await res.text();
  } catch { return; }
  const fresh = prepare(fromHtml(html));
  const typed = new Map();
  for (const el of $$('input[id], textarea[id], select[id]', old)) {
    if (el.type === 'hidden' || el.type === 'radio' || el.type === 'checkbox') continue;
    if (el.value !== el.defaultValue || (el.tagName === 'SELECT' && el.dataset.touched)) typed.set(el.id, el.value);
  }
  const open = new Set($$('details', old).map((d, i) => (d.open ? i : -1)));
  const focusId = document.activeElement && old.contains(document.activeElement) ? document.activeElement.id : null;
  old.replaceWith(fresh);
  for (const [id, value] of typed) { const el = document.getElementById(id); if (el) el.value = value; }
  $$('details', fresh).forEach((d, i) => { if (open.has(i)) d.open = true; });
  if (focusId) document.getElementById(focusId)?.focus();
  tickTimer();
}

document.addEventListener('change', (e) => { if (e.target.matches && e.target.matches('#session-panel select')) e.target.dataset.touched = '1'; });

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
    out.textContent = `Timer: ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} left`;
    out.classList.remove('up');
    timeUpShown = false;
  } else {
    out.textContent = "Time's up!";
    out.classList.add('up');
    if (!timeUpShown) { timeUpShown = true; toast("Time's up for this phase."); }
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
  for (const c of $$('[data-filter]')) c.setAttribute('aria-pressed', String(c.dataset.filter === filter));
  const url = new URL(location.href);
  if (filter === null) url.searchParams.delete('channel'); else url.searchParams.set('channel', filter);
  history.replaceState(null, '', url);
  applyFilter();
});

// ---- toasts and undo -----------------------------------------------------------

let toastTimer = null;
function toast(text, { error = false, action = null } = {}) {
  const t = $('#toast');
  t.replaceChildren();
  const span = document.createElement('span');
  span.textContent = text;
  t.append(span);
  if (action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = action.label;
    b.addEventListener('click', () => { t.hidden = true; action.run(); });
    t.append(b);
  }
  t.classList.toggle('error', error);
  t.setAttribute('role', error ? 'alert' : 'status');
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; }, action ? 10000 : 5000);
}
const announce = (text) => toast(text);

async function undoDelete() {
  if (!lastDeleted) return;
  const id = lastDeleted;
  lastDeleted = null;
  const r = await post(`/j/${journeyId}/m/${id}/restore`, new URLSearchParams({ _csrf: csrf }));
  if (r) toast('Note restored.');
}

document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key === 'z' && !e.target.closest('input, textarea, select')) {
    if (lastDeleted) { e.preventDefault(); undoDelete(); }
  }
});

// ---- sending changes ----------------------------------------------------------

// Posts a change; applies the answer at once (the live feed confirms it).
// A request that never reached the server is kept and sent again later.
async function post(url, body, { keep = true } = {}) {
  let res;
  try {
    res = await fetch(url, { method: 'POST', body, headers: { 'x-mot-fetch': '1', 'x-csrf-token': csrf } });
  } catch {
    if (keep) {
      const pending = JSON.parse(localStorage.getItem(PENDING_KEY) || '[]');
      pending.push({ url, body: body.toString() });
      localStorage.setItem(PENDING_KEY, JSON.stringify(pending));
      toast('You are offline. This change is kept on this device and will be sent when the connection is back.', { error: true });
      return { queued: true };
    }
    return null;
  }
  if (res.ok) setTimeout(flushPending, 0);
  let json = null;
  try { json = await res.json(); } catch { /* not JSON */ }
  if (!res.ok) {
    toast(json?.error?.message || `Not saved (${res.status}).`, { error: true });
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
    for (const p of pending) await post(p.url, new URLSearchParams(p.body));
  } finally {
    flushing = false;
  }
}
window.addEventListener('online', () => flushPending());

// Empties what the person typed (texts, dates, numbers), keeps their choices
// in menus (e.g. the channel of the next note), and puts the cursor back in
// the first field for the next entry.
function resetForm(form) {
  const typed = $$('input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea', form);
  for (const el of typed) el.value = el.defaultValue = '';
  const details = form.closest('details.action-form');
  if (details) details.open = false;
  typed[0]?.focus();
}

document.addEventListener('submit', async (e) => {
  const form = e.target;
  if (!form.matches('[data-fetch]')) return;
  e.preventDefault();
  const body = new URLSearchParams(new FormData(form));
  body.set('_csrf', csrf);
  const json = await post(form.action, body);
  if (!json) return;
  if (json.queued) {
    if (form.hasAttribute('data-reset')) resetForm(form);
    return;
  }
  if (form.hasAttribute('data-reset')) resetForm(form);
  if (json.type === 'moment_deleted') {
    lastDeleted = json.id;
    toast('Note deleted.', { action: { label: 'Undo', run: undoDelete } });
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
  picker.setAttribute('aria-label', 'Choose a channel');
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
    label.textContent = `${$('.icon', chip).textContent} · ${$('.name', chip).textContent}`;
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
connectLive({
  journeyId,
  lastSeq: () => seq,
  onFrame,
  onRefresh: () => refreshBoard(),
  onStatus: (s) => {
    status.classList.toggle('on', s === 'live');
    status.textContent = s === 'live' ? 'Live' : s === 'connecting' ? 'Connecting…' : 'Offline — reconnecting';
    if (s === 'live') flushPending();
  },
});

prepare(document.getElementById('board'));
applyFilter();
recount();
