// Losing and regaining the connection: the board catches up on what it
// missed, in order, without a reload; and a note written while offline is
// kept on the device and sent when the connection is back.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { harness, DESKTOP, PHONE, SCREENSHOTS, ensureScreenshotDir, joinLink, joinAsGuest, openBoard, waitLive, addNote, waitForTitles, boardTitles, stage, waitUntil } from './helpers.mjs';

const h = harness();

/** Init script: keeps every WebSocket the page opens in window.__sockets. */
function recordSockets() {
  const Native = window.WebSocket;
  window.__sockets = [];
  window.WebSocket = class extends Native {
    constructor(...args) { super(...args); window.__sockets.push(this); }
  };
}

/** An owner board page and a guest (phone) page on one new journey, both live. */
async function ownerAndGuest(name) {
  const { page: owner } = await h.page('owner', DESKTOP, { owner: true });
  const { journeyId, boardUrl } = await h.journey(owner, name);
  const link = await joinLink(owner, h.base, journeyId);
  await openBoard(owner, boardUrl);
  const { context, page: guest } = await h.page('guest', PHONE, { init: recordSockets });
  await joinAsGuest(guest, link, 'Gus');
  await waitLive(guest);
  await guest.evaluate(() => { window.__sameDocument = true; });
  return { owner, guest, guestContext: context, journeyId };
}

/** Takes the guest offline and drops its live socket, as a lost network does; waits for the board to say so. */
async function dropConnection(guest, guestContext) {
  await guestContext.setOffline(true);
  await guest.evaluate(() => window.__sockets.at(-1).close());
  await waitUntil(guest, () => /offline/i.test(document.getElementById('live-status').textContent), null,
    { message: 'the live status to say offline', describe: () => document.getElementById('live-status').textContent });
}

/** Types a note into a stage's add form and presses Add (no waiting for the result). */
async function submitNote(page, stageName, title) {
  const s = stage(page, stageName);
  await s.locator('form.add-note input[name=title]').fill(title);
  await s.locator('form.add-note button[type=submit]').click();
}

const pending = (page, journeyId) => page.evaluate((id) => JSON.parse(localStorage.getItem(`mot-pending-${id}`) || '[]'), journeyId);

test('a dropped connection catches up on every change it missed, in order, without reload', async () => {
  const { owner, guest, guestContext } = await ownerAndGuest('Catch up');
  const added = owner.waitForResponse((r) => r.url().endsWith('/moments') && r.request().method() === 'POST');
  await addNote(owner, 'Pre-engagement', 'Before the drop');
  // The answer to a change carries its sequence number: the last one the guest sees before the drop.
  const lastSeen = (await (await added).json()).seq;
  assert.equal(typeof lastSeen, 'number');
  await waitForTitles(guest, { 'Pre-engagement': ['Before the drop'] });

  await dropConnection(guest, guestContext);
  const missed = ['Missed one', 'Missed two', 'Missed three', 'Missed four'];
  for (const t of missed) await addNote(owner, 'Engagement', t);
  await addNote(owner, 'Post-sale', 'Missed five');
  // Still offline: nothing has arrived.
  assert.deepEqual((await boardTitles(guest)).Engagement, []);

  await guestContext.setOffline(false);
  await waitLive(guest, 20_000);
  await waitForTitles(guest, { 'Pre-engagement': ['Before the drop'], Engagement: missed, 'Post-sale': ['Missed five'] },
    { message: 'the guest to catch up on the missed notes' });

  // The reconnect asked for the changes after the last one seen.
  const urls = await guest.evaluate(() => window.__sockets.map((s) => s.url));
  const last = new URL(urls.at(-1));
  assert.equal(last.searchParams.get('since'), String(lastSeen), `reconnected with ${last.search}; all sockets: ${urls.join(', ')}`);
  assert.equal(await guest.evaluate(() => window.__sameDocument), true, 'the guest page reloaded');

  // And it keeps receiving afterwards.
  await addNote(owner, 'Engagement', 'After the return');
  await waitForTitles(guest, { Engagement: [...missed, 'After the return'] });
  assert.deepEqual(h.pageErrors, []);
});

test('going offline without the socket closing still delivers everything once back online', async () => {
  const { owner, guest, guestContext } = await ownerAndGuest('Catch up, socket kept');
  await guestContext.setOffline(true);
  const missed = ['Held one', 'Held two', 'Held three'];
  for (const t of missed) await addNote(owner, 'Engagement', t);
  await guestContext.setOffline(false);
  await waitForTitles(guest, { Engagement: missed }, { timeout: 20_000, message: 'the guest to get the notes sent while it was offline' });
  assert.equal(await guest.evaluate(() => window.__sameDocument), true, 'the guest page reloaded');
  assert.deepEqual(h.pageErrors, []);
});

test('a note written while the connection is down is kept and sent when it is back', async () => {
  const { owner, guest, guestContext, journeyId } = await ownerAndGuest('Offline note, dropped socket');
  await dropConnection(guest, guestContext);

  await submitNote(guest, 'Post-sale', 'Written on the train');
  await waitUntil(guest, () => /kept on this device/i.test(document.getElementById('toast').textContent), null,
    { message: 'the toast saying the change is kept', describe: () => document.getElementById('toast').textContent });
  const kept = await pending(guest, journeyId);
  assert.equal(kept.length, 1, 'the change was not kept in localStorage');
  assert.match(kept[0].body, /title=Written\+on\+the\+train/);

  await guestContext.setOffline(false);
  await waitForTitles(guest, { 'Post-sale': ['Written on the train'] }, { timeout: 20_000, message: 'the kept note on the guest board' });
  await waitForTitles(owner, { 'Post-sale': ['Written on the train'] }, { message: 'the kept note on the owner board' });
  assert.deepEqual(await pending(guest, journeyId), [], 'the change is still pending after it was sent');
  // Sent exactly once.
  await owner.reload();
  await waitLive(owner);
  assert.deepEqual((await boardTitles(owner))['Post-sale'], ['Written on the train']);
  assert.deepEqual(h.pageErrors, []);
});

test('a note written during a short network loss (socket survives) is sent when the network is back', async () => {
  const { owner, guest, guestContext, journeyId } = await ownerAndGuest('Offline note, socket kept');
  await guestContext.setOffline(true);
  await submitNote(guest, 'Post-sale', 'Written in the lift');
  await waitUntil(guest, () => /kept on this device/i.test(document.getElementById('toast').textContent), null,
    { message: 'the toast saying the change is kept', describe: () => document.getElementById('toast').textContent });
  assert.equal((await pending(guest, journeyId)).length, 1, 'the change was not kept in localStorage');

  await guestContext.setOffline(false);
  await waitForTitles(owner, { 'Post-sale': ['Written in the lift'] }, {
    timeout: 15_000,
    message: 'the kept note to reach the server within 15 s of the network coming back',
  }).catch(async (e) => {
    const state = await guest.evaluate((id) => ({
      liveStatus: document.getElementById('live-status').textContent,
      pending: localStorage.getItem(`mot-pending-${id}`),
      sockets: window.__sockets.map((s) => `${s.url} readyState=${s.readyState}`),
    }), journeyId);
    throw new Error(`${e.message}\nguest state: ${JSON.stringify(state)}`);
  });
  await waitForTitles(guest, { 'Post-sale': ['Written in the lift'] });
  assert.deepEqual(await pending(guest, journeyId), []);
  assert.deepEqual(h.pageErrors, []);
});

test('the board says Offline as soon as the browser knows, and a note written offline shows as waiting until it is sent', async () => {
  const { owner, guest, guestContext, journeyId } = await ownerAndGuest('Offline shown');
  const status = () => document.getElementById('live-status').textContent.trim();
  await guestContext.setOffline(true);
  // The socket has not noticed (no heartbeat for up to 45 s); the browser has.
  await waitUntil(guest, () => /^Offline/.test(document.getElementById('live-status').textContent.trim()), null,
    { timeout: 5000, message: 'the live status to say "Offline" within 5 s', describe: status });

  await submitNote(guest, 'Post-sale', 'Written in the tunnel');
  const readPending = () => [...document.querySelectorAll('#board li.note.pending')].map((n) => ({
    stage: n.closest('li.stage').querySelector('h2').textContent, title: n.querySelector('.title').textContent, text: n.innerText,
  }));
  await waitUntil(guest, () => document.querySelectorAll('#board li.note.pending').length === 1, null,
    { message: 'the note written offline on the board', describe: readPending });
  const [shown] = await guest.evaluate(readPending);
  assert.equal(shown.stage, 'Post-sale');
  assert.equal(shown.title, 'Written in the tunnel');
  assert.match(shown.text, /waiting to be sent/i);
  assert.match(await guest.evaluate(status), /^Offline · 1 change waiting$/);
  await ensureScreenshotDir();
  await guest.locator('li.stage', { has: guest.locator('h2', { hasText: 'Post-sale' }) }).scrollIntoViewIfNeeded();
  await guest.screenshot({ path: path.join(SCREENSHOTS, 'offline-waiting-note-phone-375x812.png') });
  assert.equal((await pending(guest, journeyId)).length, 1);
  // It is not counted as a note of the stage until the server has it.
  assert.equal(await guest.locator('li.stage', { has: guest.locator('h2', { hasText: 'Post-sale' }) }).locator('.count .n').textContent(), '0');

  await guestContext.setOffline(false);
  await waitForTitles(owner, { 'Post-sale': ['Written in the tunnel'] }, { timeout: 15_000, message: 'the note on the owner board' });
  await waitUntil(guest, () => document.querySelectorAll('#board li.note.pending').length === 0
    && [...document.querySelectorAll('#board li.note .title')].filter((t) => t.textContent === 'Written in the tunnel').length === 1, null,
  { timeout: 15_000, message: 'the waiting note replaced by the note the server has', describe: readPending });
  await waitLive(guest, 20_000);
  assert.deepEqual(await pending(guest, journeyId), []);
  assert.deepEqual(h.pageErrors, []);
});
