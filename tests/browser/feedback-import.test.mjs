// An owner imports a large CSV of customers' answers on a phone: the upload,
// the mapping, the import's page while it runs (it reloads itself), then
// what was kept; the same file again adds nothing. Screenshots of each page
// (phone and laptop) go to tests/browser/screenshots/ for a person to look at.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import os from 'node:os';
import { mkdtemp, writeFile } from 'node:fs/promises';
import {
  axeProblems, harness, addNote, openBoard, ensureScreenshotDir, SCREENSHOTS, PHONE, DESKTOP,
} from './helpers.mjs';

const h = harness();
const ROWS = 150_000;

/** A semicolon CSV of `ROWS` answers over two notes and a year of days. */
async function bigCsv() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mot-import-'));
  const file = path.join(dir, 'till-answers.csv');
  const lines = ['date;moment;rating;comment'];
  for (let i = 0; i < ROWS; i++) {
    const d = new Date(Date.UTC(2025, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${d};${i % 2 ? 'Ordering' : 'Delivery day'};${(i % 5) + 1};${i % 10 ? '' : `Comment ${i}`}`);
  }
  await writeFile(file, lines.join('\n') + '\n');
  return file;
}

/** Uploads the file and sends the mapping (stars); answers whether the
 * import's page showed its progress (a screenshot `name`) before its result. */
async function importFile(page, journeyId, file, name) {
  await page.goto(`${h.base}/j/${journeyId}/feedback/import`);
  await page.setInputFiles('#import-file', file);
  await Promise.all([page.waitForURL(/\/feedback\/import\/[0-9a-f]{32}$/), page.click('form.card button[type=submit]')]);
  await page.check('input[name=scale][value=stars]');
  await Promise.all([page.waitForURL(/\/feedback\/imports\/\d+/), page.click('form.card button[type=submit]')]);
  // A small file is done before the page shows; this one usually is not.
  const running = await page.locator('[data-import-running]').count() > 0;
  if (running) {
    await page.screenshot({ path: path.join(SCREENSHOTS, name) });
    assert.deepEqual(await axeProblems(page, 'the import running'), []);
  }
  await page.locator('ul.import-counts').waitFor({ timeout: 180_000 });
  return running;
}

test('an owner imports 150,000 answers from a phone, sees the import run, and the same file again adds nothing', async () => {
  await ensureScreenshotDir();
  const { page } = await h.page('owner', PHONE, { owner: true });
  const { journeyId, boardUrl } = await h.journey(page);
  await openBoard(page, boardUrl);
  await addNote(page, 'Engagement', 'Ordering');
  await addNote(page, 'Post-sale', 'Delivery day');
  const file = await bigCsv();

  const ran = await importFile(page, journeyId, file, 'feedback-import-running-375x812.png');
  const counts = await page.textContent('ul.import-counts');
  assert.match(counts, /150,000 answers imported/);
  assert.match(counts, /0 were there already/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'feedback-import-done-375x812.png') });
  assert.deepEqual(await axeProblems(page, 'the import done'), []);
  // Nothing makes the phone page wider than the screen.
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true);

  const { page: laptop } = await h.page('owner laptop', DESKTOP, { owner: true });
  await importFile(laptop, journeyId, file, 'feedback-import-running-1280x800.png');
  const again = await laptop.textContent('ul.import-counts');
  assert.match(again, /0 answers imported/);
  assert.match(again, /150,000 were there already/);
  await laptop.screenshot({ path: path.join(SCREENSHOTS, 'feedback-import-done-1280x800.png') });
  console.log(`the first import's page showed its progress: ${ran}`);

  // The first import, read the wrong way, say: the owner finds it among the
  // earlier ones and takes it out, after a second look.
  await page.goto(`${h.base}/j/${journeyId}/feedback/import`);
  const earlier = page.locator('section.earlier-imports li');
  assert.equal(await earlier.count(), 2);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'feedback-import-earlier-375x812.png'), fullPage: true });
  await Promise.all([page.waitForURL(/\/feedback\/imports\/\d+$/), earlier.filter({ hasText: '150,000 answers imported' }).locator('a').click()]);
  await page.locator('details.take-out summary').tap();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'feedback-import-take-out-375x812.png'), fullPage: true });
  await Promise.all([page.waitForURL(/\/feedback\/imports\/\d+$/), page.locator('details.take-out button').tap()]);
  await page.locator('h1', { hasText: 'Import taken out' }).waitFor();
  assert.match(await page.textContent('main'), /150,000 answers are no longer in the figures/);
  assert.deepEqual(await axeProblems(page, 'the import taken out'), []);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'feedback-import-taken-out-375x812.png'), fullPage: true });
  await laptop.goto(`${h.base}/j/${journeyId}/feedback/import`);
  await laptop.screenshot({ path: path.join(SCREENSHOTS, 'feedback-import-earlier-1280x800.png'), fullPage: true });
});
