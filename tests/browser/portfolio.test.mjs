// The adviser's portfolio (issue 11, item 5): every client in one table,
// sortable by its headings, filtered by name; fits a phone (the table
// scrolls sideways inside its card); no serious axe violation; pictures.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  harness, PHONE, DESKTOP, SCREENSHOTS, ensureScreenshotDir, axeProblems, createBusiness,
} from './helpers.mjs';

const h = harness();

test('the portfolio lists every client, what needs attention first, and sorts and filters', async () => {
  await ensureScreenshotDir();
  const problems = [];
  const { page } = await h.page('owner', DESKTOP, { owner: true });
  await createBusiness(page, h.base, 'Quay Accounting');
  await createBusiness(page, h.base, 'Zest Café');
  await page.goto(`${h.base}/`);
  await Promise.all([page.waitForURL(/\/portfolio$/), page.click('a[href="/portfolio"]')]);
  const names = await page.$$eval('.portfolio-table tbody th', (ths) => ths.map((t) => t.textContent.trim()));
  assert.deepEqual(names, ['Harbour Furniture', 'Quay Accounting', 'Zest Café']);
  assert.match(await page.textContent('.portfolio-table tbody'), /no session yet/);
  problems.push(...await axeProblems(page, 'portfolio, desktop'));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'portfolio-desktop.png'), fullPage: true });

  await page.fill('#portfolio-find', 'zest');
  await Promise.all([page.waitForLoadState('load'), page.click('.portfolio-filter button')]);
  assert.deepEqual(await page.$$eval('.portfolio-table tbody th', (ths) => ths.map((t) => t.textContent.trim())), ['Zest Café']);
  const csv = await page.getAttribute('a[download]', 'href');
  assert.match(csv, /^\/portfolio\.csv\?sort=attention&q=zest$/);

  await page.setViewportSize(PHONE.viewport);
  await page.goto(`${h.base}/portfolio`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `the page fits the phone (${width} px)`);
  problems.push(...await axeProblems(page, 'portfolio, phone'));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'portfolio-phone.png'), fullPage: true });
  assert.deepEqual(problems, []);
  assert.deepEqual(h.problems, []);
});
