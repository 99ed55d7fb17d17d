// Moving notes: pointer drag on the ⠿ handle, and the keyboard (Space to pick
// up, arrows to move, Space to drop, Escape to cancel). The new order must be
// saved: a reload shows the order seen after the drop.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, DESKTOP, joinLink, joinAsGuest, openBoard, waitLive, addNote, waitForTitles, boardTitles, noteByTitle, stage, waitUntil } from './helpers.mjs';

const h = harness();

/** A board with notes A1..A3 in Pre-engagement and B1 in Engagement. */
async function boardWithNotes(label, { init } = {}) {
  const { page } = await h.page(label, DESKTOP, { owner: true, init });
  const j = await h.journey(page, `Reorder ${label}`);
  await openBoard(page, j.boardUrl);
  for (const t of ['A1', 'A2', 'A3']) await addNote(page, 'Pre-engagement', t);
  await addNote(page, 'Engagement', 'B1');
  await waitForTitles(page, { 'Pre-engagement': ['A1', 'A2', 'A3'], Engagement: ['B1'], 'Post-sale': [] });
  return { page, ...j };
}

/** Resolves with the answer to the next move post of the page. */
function nextMove(page) {
  return page.waitForResponse((r) => /\/m\/\d+\/move$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST');
}

/** Drags a note by its grip with the mouse to the point `to()` returns (computed after pickup). */
async function drag(page, title, to) {
  const grip = noteByTitle(page, title).locator('.grip');
  await grip.scrollIntoViewIfNeeded();
  const g = await grip.boundingBox();
  await page.mouse.move(g.x + g.width / 2, g.y + g.height / 2);
  await page.mouse.down();
  await page.mouse.move(g.x + g.width / 2 + 5, g.y + g.height / 2 + 5, { steps: 2 });
  const [x, y] = await to();
  await page.mouse.move(x, y, { steps: 12 });
  // A second small move at the target lets the board settle the placeholder.
  await page.mouse.move(x + 1, y + 1, { steps: 2 });
  await page.mouse.up();
}

/** A point in the upper part of a note (drops before it). */
async function aboveNote(page, title) {
  const b = await noteByTitle(page, title).boundingBox();
  return [b.x + b.width / 2, b.y + Math.min(8, b.height / 4)];
}

async function reloadAndRead(page) {
  await page.reload();
  await waitLive(page);
  return boardTitles(page);
}

/** In-page: the order per stage plus any drag leftovers, for failure messages. */
function dragState() {
  const out = {};
  for (const s of document.querySelectorAll('#board li.stage')) {
    out[s.querySelector('h2').textContent] = [...s.querySelectorAll('ol.notes > .note')].map((n) => n.querySelector('.title').textContent);
  }
  out.ghosts = document.querySelectorAll('.note.ghost').length;
  out.placeholders = document.querySelectorAll('.note.placeholder').length;
  out.lostPointerCapture = window.__lostCapture || 0;
  return out;
}

function countLostCapture() {
  window.__lostCapture = 0;
  document.addEventListener('lostpointercapture', () => { window.__lostCapture += 1; }, true);
}

/** Drags `title` to `to()`, then checks the order, that the drag ended cleanly, and that the move was saved. */
async function dragAndCheck(page, title, to, expected, what) {
  const answer = nextMove(page);
  answer.catch(() => {});
  await drag(page, title, to);
  await waitUntil(page, (exp) => {
    const out = {};
    for (const s of document.querySelectorAll('#board li.stage')) {
      out[s.querySelector('h2').textContent] = [...s.querySelectorAll('ol.notes > .note')].map((n) => n.querySelector('.title').textContent);
    }
    return Object.entries(exp).every(([k, v]) => JSON.stringify(out[k]) === JSON.stringify(v));
  }, expected, { message: `order after ${what} = ${JSON.stringify(expected)}`, describe: dragState });
  const state = await page.evaluate(dragState);
  assert.equal(state.ghosts + state.placeholders, 0, `the drag did not end cleanly after ${what}: ${JSON.stringify(state)}`);
  assert.equal((await answer).status(), 200, `the move was not saved after ${what}`);
}

test('pointer drag reorders within a stage and across stages, and survives a reload', async () => {
  const { page } = await boardWithNotes('drag', { init: countLostCapture });

  await dragAndCheck(page, 'A3', () => aboveNote(page, 'A1'),
    { 'Pre-engagement': ['A3', 'A1', 'A2'], Engagement: ['B1'] }, 'dragging A3 to the top of its stage');
  await dragAndCheck(page, 'A1', () => aboveNote(page, 'B1'),
    { 'Pre-engagement': ['A3', 'A2'], Engagement: ['A1', 'B1'] }, 'dragging A1 into Engagement above B1');
  const afterDrop = { 'Pre-engagement': ['A3'], Engagement: ['A1', 'B1'], 'Post-sale': ['A2'] };
  await dragAndCheck(page, 'A2', async () => {
    const b = await stage(page, 'Post-sale').locator('ol.notes').boundingBox();
    return [b.x + b.width / 2, b.y + b.height / 2];
  }, afterDrop, 'dragging A2 into the empty Post-sale stage');

  assert.deepEqual(await reloadAndRead(page), afterDrop, 'the order after reload differs from the order after the drops');
  // The notes' stage data follows too (used by later moves).
  assert.equal(await noteByTitle(page, 'A2').getAttribute('data-stage'), await stage(page, 'Post-sale').getAttribute('data-stage'));
  assert.deepEqual(h.pageErrors, []);
});

test('a dragged note moves on another client live', async () => {
  const { page: owner, journeyId, boardUrl } = await boardWithNotes('live-drag', { init: countLostCapture });
  const link = await joinLink(owner, h.base, journeyId);
  await openBoard(owner, boardUrl);
  const { page: guest } = await h.page('guest', DESKTOP);
  await joinAsGuest(guest, link, 'Gus');
  await waitLive(guest);
  await dragAndCheck(owner, 'A2', () => aboveNote(owner, 'B1'),
    { 'Pre-engagement': ['A1', 'A3'], Engagement: ['A2', 'B1'] }, 'dragging A2 into Engagement above B1');
  await waitForTitles(guest, { 'Pre-engagement': ['A1', 'A3'], Engagement: ['A2', 'B1'] }, { message: 'the guest to see the drag' });
  assert.deepEqual(h.pageErrors, []);
});

/** Focuses a note's grip and checks that it has focus. */
async function focusGrip(page, title) {
  const grip = noteByTitle(page, title).locator('.grip');
  await grip.focus();
  await waitUntil(page, (t) => document.activeElement?.classList.contains('grip')
    && document.activeElement.closest('.note').querySelector('.title').textContent === t, title, { message: `focus on the grip of ${title}` });
  return grip;
}

test('keyboard: Space, ArrowDown, Space reorders; ArrowRight moves to the next stage; both survive a reload', async () => {
  const { page } = await boardWithNotes('keys');

  const grip = await focusGrip(page, 'A1');
  await page.keyboard.press('Space');
  assert.equal(await grip.getAttribute('aria-pressed'), 'true', 'Space did not pick the note up');
  assert.match(await noteByTitle(page, 'A1').getAttribute('class'), /\bgrabbed\b/);
  await page.keyboard.press('ArrowDown');
  await waitForTitles(page, { 'Pre-engagement': ['A2', 'A1', 'A3'] }, { message: 'order while moving with ArrowDown' });
  let answer = nextMove(page);
  await page.keyboard.press('Space');
  assert.equal((await answer).status(), 200, 'the move was not saved');
  assert.equal(await grip.getAttribute('aria-pressed'), 'false');
  await waitForTitles(page, { 'Pre-engagement': ['A2', 'A1', 'A3'], Engagement: ['B1'] });

  let titles = await reloadAndRead(page);
  assert.deepEqual(titles['Pre-engagement'], ['A2', 'A1', 'A3'], 'the keyboard reorder did not survive a reload');

  // A3 (third in its stage) to the next stage with ArrowRight: it lands at
  // the same index, capped to the end of the target stage.
  await focusGrip(page, 'A3');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await waitForTitles(page, { 'Pre-engagement': ['A2', 'A1'], Engagement: ['B1', 'A3'] }, { message: 'order while moving with ArrowRight' });
  // Focus stays on the moved note's grip, so the keys keep working.
  assert.equal(await page.evaluate(() => document.activeElement?.closest('.note')?.querySelector('.title').textContent), 'A3');
  answer = nextMove(page);
  await page.keyboard.press('Space');
  assert.equal((await answer).status(), 200, 'the move was not saved');

  titles = await reloadAndRead(page);
  assert.deepEqual(titles, { 'Pre-engagement': ['A2', 'A1'], Engagement: ['B1', 'A3'], 'Post-sale': [] }, 'the move to the next stage did not survive a reload');
  assert.deepEqual(h.pageErrors, []);
});

test('keyboard: Escape cancels a move and nothing is saved', async () => {
  const { page } = await boardWithNotes('escape');
  const moves = [];
  page.on('request', (r) => { if (/\/move$/.test(r.url())) moves.push(r.url()); });

  const grip = await focusGrip(page, 'A1');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await waitForTitles(page, { 'Pre-engagement': ['A2', 'A3'], Engagement: ['B1', 'A1'] }, { message: 'order while moving' });
  await page.keyboard.press('Escape');
  await waitForTitles(page, { 'Pre-engagement': ['A1', 'A2', 'A3'], Engagement: ['B1'] }, { message: 'order restored by Escape' });
  assert.equal(await grip.getAttribute('aria-pressed'), 'false');
  assert.doesNotMatch(await noteByTitle(page, 'A1').getAttribute('class'), /\bgrabbed\b/);
  await waitUntil(page, () => /cancelled/i.test(document.getElementById('toast').textContent), null, { message: 'a "Move cancelled" announcement' });

  // Arrow keys after Escape do nothing: the note is no longer held.
  await page.keyboard.press('ArrowDown');
  assert.deepEqual((await boardTitles(page))['Pre-engagement'], ['A1', 'A2', 'A3']);

  assert.deepEqual(moves, [], 'a move was sent although it was cancelled');
  assert.deepEqual(await reloadAndRead(page), { 'Pre-engagement': ['A1', 'A2', 'A3'], Engagement: ['B1'], 'Post-sale': [] });
  assert.deepEqual(h.pageErrors, []);
});
