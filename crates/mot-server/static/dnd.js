// Moving notes: drag with a finger or mouse (pointer events on the ⠿ handle),
// or with keys (Space to pick up, arrows to move, Space to drop, Escape to
// cancel). `onDrop(note, stageId, index)` is called when a note lands in a new
// place.

import { t, num } from './words.js';

function lists(root) { return [...root.querySelectorAll('ol.notes')]; }
function notesOf(list) { return [...list.children].filter((n) => n.classList.contains('note') && !n.classList.contains('ghost')); }

function place(note) {
  const list = note.parentElement;
  return { list, stageId: Number(list.dataset.stage), index: notesOf(list).indexOf(note) };
}

export function enableDnd(root, { onDrop, announce, canMove }) {
  // ---- pointer ----
  root.addEventListener('pointerdown', (e) => {
    const grip = e.target.closest('.grip');
    if (!grip || e.button > 0) return;
    const note = grip.closest('.note');
    if (!note || !canMove(note)) return;
    e.preventDefault();
    try { grip.setPointerCapture(e.pointerId); } catch { /* not essential */ }
    const start = place(note);
    const rect = note.getBoundingClientRect();
    const dx = e.clientX - rect.left;
    const dy = e.clientY - rect.top;
    const ghost = note.cloneNode(true);
    ghost.removeAttribute('id');
    ghost.classList.add('ghost');
    ghost.style.width = `${rect.width}px`;
    ghost.style.left = `${rect.left}px`;
    ghost.style.top = `${rect.top}px`;
    document.body.append(ghost);
    note.classList.add('placeholder');
    let scrollTimer = null;

    const move = (ev) => {
      ghost.style.left = `${ev.clientX - dx}px`;
      ghost.style.top = `${ev.clientY - dy}px`;
      const under = document.elementFromPoint(ev.clientX, ev.clientY);
      const stage = under && under.closest('.stage');
      const list = stage && stage.querySelector('ol.notes');
      if (list) {
        const before = notesOf(list).find((n) => n !== note && ev.clientY < n.getBoundingClientRect().top + n.getBoundingClientRect().height / 2);
        if (before) { if (note.nextElementSibling !== before) list.insertBefore(note, before); }
        else if (list.lastElementChild !== note) list.append(note);
      }
      clearInterval(scrollTimer);
      const edge = 48;
      const vy = ev.clientY < edge ? -12 : ev.clientY > innerHeight - edge ? 12 : 0;
      const strip = root.querySelector('.stages');
      const vx = ev.clientX < edge ? -14 : ev.clientX > innerWidth - edge ? 14 : 0;
      if (vx || vy) scrollTimer = setInterval(() => { scrollBy(0, vy); if (strip) strip.scrollLeft += vx; }, 16);
    };
    const finish = (cancelled) => {
      clearInterval(scrollTimer);
      document.removeEventListener('pointermove', onMove);
      document.removeEventListener('pointerup', up);
      document.removeEventListener('pointercancel', cancel);
      ghost.remove();
      note.classList.remove('placeholder');
      if (cancelled) { restore(note, start); return; }
      const end = place(note);
      if (end.list !== start.list || end.index !== start.index) onDrop(note, end.stageId, end.index, () => restore(note, start));
    };
    // Listen on the document: moving the note in the page can make the
    // browser drop the grip's pointer capture mid-drag.
    const mine = (ev) => ev.pointerId === e.pointerId;
    const onMove = (ev) => { if (mine(ev)) move(ev); };
    const up = (ev) => { if (mine(ev)) finish(false); };
    const cancel = (ev) => { if (mine(ev)) finish(true); };
    document.addEventListener('pointermove', onMove);
    document.addEventListener('pointerup', up);
    document.addEventListener('pointercancel', cancel);
  });

  // ---- keyboard ----
  let grabbed = null;
  root.addEventListener('keydown', (e) => {
    const grip = e.target.closest && e.target.closest('.grip');
    if (!grip) return;
    const note = grip.closest('.note');
    if (!note || !canMove(note)) return;
    const stageName = (n) => n.closest('.stage').querySelector('h2').textContent;
    const where = () => {
      const p = place(note);
      return t('js-board-dnd-position', { index: num(p.index + 1), count: num(notesOf(p.list).length), stage: stageName(note) });
    };
    if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      if (!grabbed) {
        grabbed = { note, start: place(note) };
        note.classList.add('grabbed');
        grip.setAttribute('aria-pressed', 'true');
        announce(t('js-board-dnd-picked-up', { where: where() }));
      } else {
        const { start } = grabbed;
        drop(note, grip);
        const end = place(note);
        announce(t('js-board-dnd-dropped', { where: where() }));
        if (end.list !== start.list || end.index !== start.index) onDrop(note, end.stageId, end.index, () => restore(note, start));
      }
      return;
    }
    if (!grabbed || grabbed.note !== note) return;
    const list = note.parentElement;
    const all = lists(root);
    const li = all.indexOf(list);
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      const sib = e.key === 'ArrowUp' ? note.previousElementSibling : note.nextElementSibling;
      if (sib && sib.classList.contains('note')) {
        if (e.key === 'ArrowUp') list.insertBefore(note, sib); else list.insertBefore(sib, note);
      }
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      // On a right-to-left page the previous stage stands to the right.
      const back = document.documentElement.dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
      const target = all[li + (e.key === back ? -1 : 1)];
      if (target) {
        const idx = Math.min(notesOf(list).indexOf(note), notesOf(target).length);
        const before = notesOf(target)[idx];
        if (before) target.insertBefore(note, before); else target.append(note);
      }
    } else if (e.key === 'Escape') {
      e.preventDefault();
      restore(note, grabbed.start);
      drop(note, grip);
      announce(t('js-board-dnd-cancelled'));
      return;
    } else {
      return;
    }
    grip.focus();
    announce(where());
  });

  function drop(note, grip) {
    note.classList.remove('grabbed');
    grip.setAttribute('aria-pressed', 'false');
    grabbed = null;
    grip.focus();
  }
}

function restore(note, start) {
  const items = notesOf(start.list).filter((n) => n !== note);
  const before = items[start.index];
  if (before) start.list.insertBefore(note, before); else start.list.append(note);
}
