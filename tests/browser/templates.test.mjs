// The templates library (issue 11, item 6): the adviser opens the library,
// starts a new client's journey from the "Restaurant or café" starter (its
// stages and moments arrive on the board, with channels), saves it as a
// template, starts another client from it, changes the first, saves the
// next version and takes up the changes on the second. No serious axe
// violation; pictures of the library and of the changes, phone and laptop.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  harness, PHONE, DESKTOP, SCREENSHOTS, ensureScreenshotDir, axeProblems, readBoardTitles,
} from './helpers.mjs';

const h = harness();

test('a new client from a starter, a template from it, and its next version taken up', async () => {
  await ensureScreenshotDir();
  const problems = [];
  const { page } = await h.page('owner', DESKTOP, { owner: true });
  await page.goto(`${h.base}/`);
  await Promise.all([page.waitForURL(/\/templates$/), page.click('a[href="/templates"]')]);
  problems.push(...await axeProblems(page, 'templates library, desktop'));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'templates-library-desktop.png'), fullPage: false });

  // A new client from the restaurant starter.
  const starter = page.locator('#starter-restaurant');
  await starter.locator('details.start summary').click();
  await starter.locator('select[name=business]').selectOption('');
  await starter.locator('input[name=new_business]').fill('Corner Café');
  await starter.locator('input[name=name]').fill('A table for two');
  await Promise.all([page.waitForURL(/\/j\/\d+$/), starter.locator('button[type=submit]').click()]);
  const cafeBoard = page.url();
  const titles = await page.evaluate(readBoardTitles);
  const all = Object.values(titles).flat();
  assert.ok(all.length >= 15, `the starter's moments are on the board: ${all.length}`);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'templates-started-board-desktop.png'), fullPage: false });

  // Saved as a template; another client's journey from it.
  await page.goto(`${h.base}/templates`);
  await page.selectOption('#save-journey', { label: 'Corner Café — A table for two' });
  await page.fill('#save-name', 'Café journey');
  await Promise.all([page.waitForURL(/\/templates\/\d+$/), page.click('#saved form.inline-form button[type=submit]')]);
  const templateUrl = page.url();
  await page.goto(`${h.base}/templates`);
  const saved = page.locator('#saved li', { hasText: 'Café journey' });
  await saved.locator('details.start summary').click();
  await saved.locator('select[name=business]').selectOption('');
  await saved.locator('input[name=new_business]').fill('Harbour Bistro');
  await saved.locator('input[name=name]').fill('Bistro evening');
  await saved.locator('input[name=with_audit]').uncheck();
  await Promise.all([page.waitForURL(/\/j\/\d+$/), saved.locator('button[type=submit]').click()]);
  const bistroBoard = page.url();

  // The café's journey changes: a note renamed on its board (the edit form).
  const first = all[0];
  await page.goto(cafeBoard);
  const note = page.locator('.note', { hasText: first }).first();
  const edit = await note.locator('a[href*="/edit"]').first().getAttribute('href');
  await page.goto(`${h.base}${edit}`);
  await page.fill('input[name=title]', `${first} — with a smile`);
  await Promise.all([page.waitForURL(/\/j\/\d+/), page.click('main form button[type=submit]')]);
  // The template's next version, offered to the bistro.
  await page.goto(templateUrl);
  await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Save the next version")')]);
  assert.match(await page.textContent('main'), /version 2/);
  await page.click('a:has-text("Changes to review")');
  await page.waitForURL(/\/template$/);
  assert.match(await page.textContent('main'), /with a smile/);
  problems.push(...await axeProblems(page, 'template changes, desktop'));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'templates-changes-desktop.png'), fullPage: true });
  await page.setViewportSize(PHONE.viewport);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'templates-changes-phone.png'), fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `the changes fit the phone (${width} px)`);
  await Promise.all([page.waitForURL(bistroBoard), page.click('button:has-text("Take up the ticked changes")')]);
  const after = Object.values(await page.evaluate(readBoardTitles)).flat();
  assert.ok(after.includes(`${first} — with a smile`), after.join(' | '));

  await page.goto(`${h.base}/templates`);
  problems.push(...await axeProblems(page, 'templates library, phone'));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'templates-library-phone.png'), fullPage: false });
  assert.deepEqual(problems, []);
});
