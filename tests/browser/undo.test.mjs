// Deleting a note shows a toast with Undo; Undo brings the note back, in its
// place, for the author and for another client live.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, DESKTOP, PHONE, joinLink, joinAsGuest, openBoard, waitLive, addNote, waitForTitles, boardTitles, noteByTitle, waitUntil } from './helpers.mjs';

const h = harness();

test('delete shows Undo in a toast; Undo restores the note for both clients', async () => {
  const { page: owner } = await h.page('owner', DESKTOP, { owner: true });
  const { journeyId, boardUrl } = await h.journey(owner, 'Undo check');
  const link = await joinLink(owner, h.base, journeyId);
  await openBoard(owner, boardUrl);
  const { page: guest } = await h.page('guest', PHONE);
  await joinAsGuest(guest, link, 'Gus');
  await waitLive(guest);

  for (const t of ['Sees the sign', 'Parks the car', 'Finds the door']) await addNote(owner, 'Pre-engagement', t);
  const full = { 'Pre-engagement': ['Sees the sign', 'Parks the car', 'Finds the door'] };
  await waitForTitles(guest, full);

  await owner.getByRole('button', { name: 'Delete note: Parks the car' }).click();
  const gone = { 'Pre-engagement': ['Sees the sign', 'Finds the door'] };
  await waitForTitles(owner, gone, { message: 'the note gone on the author\'s board' });
  await waitForTitles(guest, gone, { message: 'the note gone on the other board' });

  const toast = owner.locator('#toast');
  await toast.waitFor({ state: 'visible' });
  assert.match(await toast.textContent(), /deleted/i);
  const undo = toast.getByRole('button', { name: 'Undo' });
  await undo.waitFor({ state: 'visible' });
  await undo.click();

  await waitForTitles(owner, full, { message: 'the note back in its place on the author\'s board' });
  await waitForTitles(guest, full, { message: 'the note back in its place on the other board' });
  await waitUntil(owner, () => /restored/i.test(document.getElementById('toast').textContent), null, { message: 'a "Note restored" toast' });
  // The restored note is a working note again (it can be deleted, its channel and author are shown).
  assert.equal(await noteByTitle(owner, 'Parks the car').locator('.author').textContent(), 'Olivia Owner');

  // Saved: a reload shows it.
  await owner.reload();
  await waitLive(owner);
  assert.deepEqual(await boardTitles(owner), { ...full, Engagement: [], 'Post-sale': [] });
  assert.deepEqual(h.pageErrors, []);
});

test('a guest on a phone deletes its own note and undoes it', async () => {
  const { page: owner } = await h.page('owner', DESKTOP, { owner: true });
  const { journeyId, boardUrl } = await h.journey(owner, 'Guest undo');
  const link = await joinLink(owner, h.base, journeyId);
  await openBoard(owner, boardUrl);
  const { page: guest } = await h.page('guest', PHONE);
  await joinAsGuest(guest, link, 'Gus');
  await waitLive(guest);

  await addNote(guest, 'Engagement', 'Waits at the till');
  await waitForTitles(owner, { Engagement: ['Waits at the till'] });
  await guest.getByRole('button', { name: 'Delete note: Waits at the till' }).tap();
  await waitForTitles(owner, { Engagement: [] }, { message: 'the deleted note gone on the owner board' });
  const undo = guest.locator('#toast').getByRole('button', { name: 'Undo' });
  await undo.waitFor({ state: 'visible' });
  await undo.tap();
  await waitForTitles(guest, { Engagement: ['Waits at the till'] }, { message: 'the note back on the guest board' });
  await waitForTitles(owner, { Engagement: ['Waits at the till'] }, { message: 'the note back on the owner board' });
  assert.deepEqual(h.pageErrors, []);
});
