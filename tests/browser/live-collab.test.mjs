// An owner and a guest, both on phones, edit one board; each sees the other's
// note appear without reloading.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, PHONE, joinLink, joinAsGuest, openBoard, waitLive, addNote, waitForTitles, noteByTitle } from './helpers.mjs';

const h = harness();

test('owner and guest on phones see each other\'s notes live', async () => {
  const { page: owner } = await h.page('owner', PHONE, { owner: true });
  const { journeyId, boardUrl } = await h.journey(owner, 'Walk-in customer');
  const link = await joinLink(owner, h.base, journeyId);
  await openBoard(owner, boardUrl);

  const { page: guest } = await h.page('guest', PHONE);
  await joinAsGuest(guest, link, 'Gus Guest');
  assert.equal(new URL(guest.url()).pathname, `/j/${journeyId}`);
  await waitLive(guest);
  assert.equal((await guest.textContent('header .who')).trim(), 'Gus Guest');

  // Marks that survive only if neither page reloads.
  await owner.evaluate(() => { window.__sameDocument = true; });
  await guest.evaluate(() => { window.__sameDocument = true; });

  await addNote(owner, 'Pre-engagement', 'Finds us on the map');
  await waitForTitles(guest, { 'Pre-engagement': ['Finds us on the map'] }, { message: 'the guest to see the owner\'s note' });

  await addNote(guest, 'Engagement', 'Greeted at the door');
  await waitForTitles(owner, { 'Pre-engagement': ['Finds us on the map'], Engagement: ['Greeted at the door'] }, { message: 'the owner to see the guest\'s note' });

  await addNote(owner, 'Engagement', 'Asked what they need');
  await waitForTitles(guest, { Engagement: ['Greeted at the door', 'Asked what they need'] }, { message: 'the guest to see the second owner note after its own' });

  // Each note names its author, on both screens.
  for (const page of [owner, guest]) {
    assert.equal((await noteByTitle(page, 'Greeted at the door').locator('.author').textContent()).trim(), 'Gus Guest');
    assert.equal((await noteByTitle(page, 'Finds us on the map').locator('.author').textContent()).trim(), 'Olivia Owner');
  }
  // Stage counts follow.
  assert.equal((await guest.locator('li.stage', { has: guest.locator('h2', { hasText: /^Engagement$/ }) }).locator('.count .n').textContent()).trim(), '2');

  assert.equal(await owner.evaluate(() => window.__sameDocument), true, 'the owner page reloaded');
  assert.equal(await guest.evaluate(() => window.__sameDocument), true, 'the guest page reloaded');
  assert.deepEqual(h.pageErrors, []);
});
