// One click, one change: when the answer to "Add" is lost after the server
// saved the note (the connection reset on the way back), the page keeps the
// change and sends it again; the server knows the request by its id and
// answers with the first outcome instead of making a second note.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, DESKTOP, openBoard, waitLive, stage, boardTitles, waitForTitles, waitUntil } from './helpers.mjs';

const h = harness();

test('a note whose answer was lost after it was saved is made once, though the page sends it again', async () => {
  const { page } = await h.page('owner', DESKTOP, { owner: true });
  const { journeyId, boardUrl } = await h.journey(page, 'Lost answers');
  await openBoard(page, boardUrl);
  await waitLive(page);

  // The first POST reaches the server (the note is saved), then its answer
  // is lost; later ones go through untouched.
  const sent = [];
  await page.route('**/moments', async (route) => {
    const req = route.request();
    if (req.method() !== 'POST') return route.continue();
    sent.push({ key: req.headers()['idempotency-key'], body: req.postData() });
    if (sent.length === 1) {
      await route.fetch();
      return route.abort('connectionreset');
    }
    return route.continue();
  });

  const s = stage(page, 'Engagement');
  await s.locator('form.add-note input[name=title]').fill('Asks for a discount');
  await s.locator('form.add-note button[type=submit]').click();
  await waitUntil(page, () => /kept on this device/i.test(document.getElementById('toast').textContent), null,
    { message: 'the page to keep the change for later', describe: () => document.getElementById('toast').textContent });
  const kept = await page.evaluate((id) => JSON.parse(localStorage.getItem(`mot-pending-${id}`) || '[]'), journeyId);
  assert.equal(kept.length, 1);

  // The page's retry queue sends it again (as it does when the network is back).
  const retried = page.waitForResponse((r) => r.url().endsWith('/moments') && r.request().method() === 'POST');
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  const answer = await retried;
  assert.equal(answer.status(), 200, await answer.text());
  await waitUntil(page, (id) => !JSON.parse(localStorage.getItem(`mot-pending-${id}`) || '[]').length, journeyId,
    { message: 'the retry queue to empty' });

  assert.equal(sent.length, 2, 'the change was sent twice');
  assert.match(sent[0].key || '', /^[0-9a-f]{32}$/, 'the change carries a request id');
  assert.equal(sent[1].key, sent[0].key, 'the retry carries the same request id');

  // One note, on this page and after a reload.
  await waitForTitles(page, { Engagement: ['Asks for a discount'] });
  await page.unroute('**/moments');
  await page.reload();
  await waitLive(page);
  assert.deepEqual((await boardTitles(page)).Engagement, ['Asks for a discount']);

  // The next note is a new change with a new id.
  const next = page.waitForRequest((r) => r.url().endsWith('/moments') && r.method() === 'POST');
  await s.locator('form.add-note input[name=title]').fill('Pays by card');
  await s.locator('form.add-note button[type=submit]').click();
  assert.notEqual((await next).headers()['idempotency-key'], sent[0].key);
  await waitForTitles(page, { Engagement: ['Asks for a discount', 'Pays by card'] });
  assert.deepEqual(h.pageErrors, []);
});
