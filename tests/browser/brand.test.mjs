// A practice's branding (issue 11, item 8, first part): the owner names
// the reports, picks their colour and uploads a PNG logo from the home
// page's settings; the preview shows it; a file that is not a PNG is
// refused on the page, the form kept. No serious axe violation; pictures
// phone and laptop.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { harness, PHONE, DESKTOP, SCREENSHOTS, ensureScreenshotDir, axeProblems } from './helpers.mjs';

const h = harness();
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

test('the owner brands the reports: a name, a colour and a logo', async () => {
  await ensureScreenshotDir();
  const problems = [];
  const { page } = await h.page('owner', DESKTOP, { owner: true });
  await page.goto(`${h.base}/#brand`);
  await page.fill('#brand-name', 'Harbour Advisers & Co');
  await Promise.all([page.waitForLoadState('load'), page.click('#brand form[action="/workspace/brand"] button')]);
  assert.equal(await page.inputValue('#brand-name'), 'Harbour Advisers & Co');

  // Not a PNG: said on the page.
  await page.setInputFiles('#brand-logo', { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg onload="alert(1)"></svg>') });
  const refused = await Promise.all([page.waitForLoadState('load'), page.click('#brand form[enctype] button')]);
  assert.match(await page.textContent('#brand .notice.error'), /PNG/);
  await page.goto(`${h.base}/#brand`);
  await page.setInputFiles('#brand-logo', { name: 'logo.png', mimeType: 'image/png', buffer: PNG });
  await Promise.all([page.waitForLoadState('load'), page.click('#brand form[enctype] button')]);
  const shown = await page.locator('#brand img.logo-preview').evaluate((img) => img.complete && img.naturalWidth);
  assert.equal(shown, 1, 'the preview shows the logo');
  problems.push(...await axeProblems(page, 'branding, desktop'));
  await page.locator('#brand').screenshot({ path: path.join(SCREENSHOTS, 'brand-desktop.png') });
  await page.setViewportSize(PHONE.viewport);
  await page.locator('#brand').screenshot({ path: path.join(SCREENSHOTS, 'brand-phone.png') });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `the page fits the phone (${width} px)`);
  assert.ok(refused);
  assert.deepEqual(problems, []);
});
