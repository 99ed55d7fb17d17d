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

  // An SVG with a script: refused, and said why on the page.
  await page.setInputFiles('#brand-logo', { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg onload="alert(1)"></svg>') });
  const refused = await Promise.all([page.waitForLoadState('load'), page.click('#brand form[enctype] button')]);
  assert.match(await page.textContent('#brand .notice.error'), /script/);
  await page.goto(`${h.base}/#brand`);
  await page.setInputFiles('#brand-logo', { name: 'logo.png', mimeType: 'image/png', buffer: PNG });
  await Promise.all([page.waitForLoadState('load'), page.click('#brand form[enctype] button')]);
  const shown = await page.locator('#brand img.logo-preview').evaluate((img) => img.complete && img.naturalWidth);
  assert.equal(shown, 1, 'the preview shows the logo');
  // A plain SVG drawing is taken, and previewed.
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" rx="8" fill="#0a5c7a"/><circle cx="20" cy="20" r="10" fill="#fff"/></svg>';
  await page.setInputFiles('#brand-logo', { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svg) });
  await Promise.all([page.waitForLoadState('load'), page.click('#brand form[enctype] button')]);
  await page.waitForFunction(() => { const img = document.querySelector('#brand img.logo-preview'); return img && img.complete && img.naturalWidth > 0; });
  assert.equal(await page.locator('#brand img.logo-preview').evaluate((img) => img.naturalWidth), 120, 'the SVG preview keeps its size');
  problems.push(...await axeProblems(page, 'branding, desktop'));
  await page.locator('#brand').screenshot({ path: path.join(SCREENSHOTS, 'brand-desktop.png') });
  await page.setViewportSize(PHONE.viewport);
  await page.locator('#brand').screenshot({ path: path.join(SCREENSHOTS, 'brand-phone.png') });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `the page fits the phone (${width} px)`);
  assert.ok(refused);
  assert.deepEqual(problems, []);
});
