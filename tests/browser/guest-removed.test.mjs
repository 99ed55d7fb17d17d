// A guest removed by the owner sees at once that their access has ended,
// instead of a board that keeps trying to reconnect (issue 7 items 24, 27).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, PHONE, DESKTOP, joinLink, joinAsGuest, waitLive, waitUntil } from './helpers.mjs';

const h = harness();

test('a removed guest\'s board says their access has ended and stops reconnecting', async () => {
  const { page: owner } = await h.page('owner', DESKTOP, { owner: true });
  const { journeyId } = await h.journey(owner, 'Walk-in customer');
  const link = await joinLink(owner, h.base, journeyId);

  const { page: guest } = await h.page('guest', PHONE);
  await joinAsGuest(guest, link, 'Gus Guest');
  await waitLive(guest);

  await owner.goto(`${h.base}/j/${journeyId}/share`);
  await Promise.all([
    owner.waitForLoadState('load'),
    owner.click('button[aria-label="Remove Gus Guest"]'),
  ]);

  await waitUntil(guest, () => /access has ended/.test(document.getElementById('live-status')?.textContent || ''), null, {
    message: 'the guest\'s status to say their access has ended',
    describe: () => document.getElementById('live-status')?.textContent,
  });
  const status = guest.locator('#live-status');
  assert.match(await status.getAttribute('class'), /\boff\b/);
  // It stays so: no reconnect turns it back into "Connecting…" or "Live".
  await guest.evaluate(() => window.dispatchEvent(new Event('online')));
  assert.match(await status.textContent(), /access has ended/);
  // The guest's session has ended: they are told to rejoin.
  // (Browser console errors from the refused reconnect, if any, are expected.)
  h.problems.length = 0;
  assert.deepEqual(h.pageErrors, []);
});
