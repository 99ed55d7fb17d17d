// Customer feedback, as its people use it: the owner (laptop) asks customers
// about a moment and gets a link and a QR code; a customer answers on a
// 375×812 phone by touch with scripts off, and another, its script on, loses
// its network mid-answer (kept on the phone, sent once when back); the page
// loads in under 30 KB; the owner reads
// the answer in the figures. axe finds no critical or serious problem on
// the customer's page or the owner's, and each page is photographed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  axeProblems, harness, addNote, openBoard, ensureScreenshotDir, waitUntil, SCREENSHOTS, PHONE, DESKTOP,
} from './helpers.mjs';

const h = harness();

test('a customer answers on a phone without scripts, and the owner sees it counted', { timeout: 120_000 }, async () => {
  await ensureScreenshotDir();
  const { page: owner } = await h.page('owner', DESKTOP, { owner: true });
  const { boardUrl, journeyId } = await h.journey(owner);
  await openBoard(owner, boardUrl);
  await addNote(owner, 'Engagement', 'Delivery day');

  // The owner asks customers about the moment, from the journey's feedback page.
  await owner.goto(`${h.base}/j/${journeyId}/feedback`);
  await owner.click('section.moment-feedback button:has-text("Ask customers")');
  await owner.waitForURL(/\/feedback\/\d+$/);
  const link = await owner.inputValue('#link');
  assert.match(link, /\/f\/[0-9a-f]{32}$/);
  assert.ok(await owner.locator('.qr svg').isVisible(), 'the QR code is shown');
  await owner.fill('#reasons', 'Waiting time\nFriendliness');
  await Promise.all([owner.waitForURL(/\/feedback\/\d+$/), owner.click('button:has-text("Save reasons")')]);
  const problems = await axeProblems(owner, 'point page (laptop)');
  await owner.screenshot({ path: path.join(SCREENSHOTS, 'feedback-point-1280.png'), fullPage: true });

  // A customer on a phone, scripts off: the plain form.
  const { page: phone, context } = await h.page('customer', { ...PHONE, javaScriptEnabled: false });
  await phone.goto(link);
  assert.match(await phone.locator('h1').innerText(), /Delivery day/);
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `no sideways scrolling on a phone (${width} px)`);
  for (const v of ['Worse', 'As expected', 'Better']) {
    const box = await phone.locator(`label.verdict:has-text("${v}")`).boundingBox();
    assert.ok(box && box.height >= 44 && box.width >= 44, `${v} is a big touch target: ${JSON.stringify(box)}`);
  }
  await phone.screenshot({ path: path.join(SCREENSHOTS, 'feedback-question-375.png'), fullPage: true });
  await phone.locator('label.verdict:has-text("Better")').tap();
  await phone.locator('label.reason:has-text("Friendliness")').tap();
  await phone.fill('#comment', 'Right on time, and they carried it upstairs');
  await phone.locator('button.send').tap();
  await phone.locator('h1', { hasText: 'Thank you' }).waitFor();
  await phone.screenshot({ path: path.join(SCREENSHOTS, 'feedback-thanks-375.png'), fullPage: true });
  await context.close();

  // With scripts on, on a phone that loses its network: the answer is kept
  // on the phone and sent when the network is back, once.
  const { page: online, context: onlineContext } = await h.page('customer-offline', PHONE);
  const sizes = [];
  // What travels over the network: bodies as sent (gzipped where the server gzips).
  online.on('requestfinished', (r) => { sizes.push(r.sizes().then((s) => s.responseBodySize).catch(() => 0)); });
  await online.goto(link, { waitUntil: 'load' });
  const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  console.log(`customer's page with its script: ${bytes} bytes over the network`);
  assert.ok(bytes > 0 && bytes < 30 * 1024, `the customer's page loads in under 30 KB (${bytes} bytes)`);
  await waitUntil(online, () => document.body.classList.contains('js'), null, { message: 'the script ran' });
  // Switching the language midway keeps what was chosen and typed.
  await online.locator('label.verdict:has-text("As expected")').tap();
  await online.fill('#comment', 'Half an hour late');
  await Promise.all([online.waitForEvent('load'), online.selectOption('#lang-select', 'de')]);
  await online.locator('html[lang=de]').waitFor();
  assert.ok(await online.locator('input[name=verdict][value=as_expected]').isChecked(), 'the answer chosen before the switch');
  assert.equal(await online.inputValue('#comment'), 'Half an hour late');
  await Promise.all([online.waitForEvent('load'), online.selectOption('#lang-select', 'en')]);
  await online.locator('html[lang=en]').waitFor();
  await online.fill('#comment', '');
  await onlineContext.setOffline(true);
  await online.locator('label.verdict:has-text("Worse")').tap();
  await online.locator('button.send').tap();
  await waitUntil(online, () => /Saved on this phone/.test(document.getElementById('feedback-status')?.textContent || ''), null, { message: 'kept on the phone' });
  assert.ok(await online.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('mot-feedback-'))), 'the answer is in the phone\'s storage');
  await online.screenshot({ path: path.join(SCREENSHOTS, 'feedback-offline-375.png'), fullPage: true });
  await onlineContext.setOffline(false);
  await online.locator('h1', { hasText: 'Thank you' }).waitFor();
  assert.equal(await online.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mot-feedback-')).length), 0, 'nothing left waiting');

  // With scripts on, axe on the customer's page (phone and laptop).
  for (const [label, options] of [['phone', PHONE], ['laptop', DESKTOP]]) {
    const { page } = await h.page(`customer-${label}`, options);
    await page.goto(link);
    problems.push(...await axeProblems(page, `customer's page (${label})`));
    if (label === 'laptop') await page.screenshot({ path: path.join(SCREENSHOTS, 'feedback-question-1280.png'), fullPage: true });
  }

  // The owner sees one answer, too few to tell a score.
  await owner.goto(`${h.base}/j/${journeyId}/feedback`);
  await waitUntil(owner, () => document.body.innerText.includes('2 answers'), null, { message: 'both answers counted, once each' });
  assert.match(await owner.locator('section.moment-feedback').innerText(), /Too few to tell/);
  problems.push(...await axeProblems(owner, 'figures (laptop)'));
  await owner.screenshot({ path: path.join(SCREENSHOTS, 'feedback-figures-1280.png'), fullPage: true });
  const { page: ownerPhone } = await h.page('owner-phone', PHONE, { owner: true });
  await ownerPhone.goto(`${h.base}/j/${journeyId}/feedback`);
  problems.push(...await axeProblems(ownerPhone, 'figures (phone)'));
  // The files to take away are a finger's tap each, not a word's.
  const smallLinks = await ownerPhone.evaluate(() => [...document.querySelectorAll('.downloads a')]
    .map((a) => { const r = a.getBoundingClientRect(); return { what: a.textContent.trim(), w: Math.round(r.width), h: Math.round(r.height) }; }));
  assert.equal(smallLinks.length, 5, JSON.stringify(smallLinks));
  assert.deepEqual(smallLinks.filter((b) => b.w < 44 || b.h < 44), [], 'download links smaller than 44×44 px on a phone');
  await ownerPhone.screenshot({ path: path.join(SCREENSHOTS, 'feedback-figures-375.png'), fullPage: true });
  // The note on the board carries the customers' count beside its other figures.
  await owner.goto(`${h.base}/j/${journeyId}`);
  await waitUntil(owner, () => [...document.querySelectorAll('.note .score.customers')].some((e) => /2 answers/.test(e.textContent)), null, { message: 'the customers on the note' });
  await owner.locator('.note', { hasText: 'Delivery day' }).screenshot({ path: path.join(SCREENSHOTS, 'feedback-note-1280.png') });

  // A customer reading Arabic: right to left, nothing wider than the phone.
  const { page: arabic } = await h.page('customer-ar', { ...PHONE, locale: 'ar', extraHTTPHeaders: { 'accept-language': 'ar' } });
  await arabic.goto(link);
  assert.equal(await arabic.getAttribute('html', 'dir'), 'rtl');
  const arWidth = await arabic.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(arWidth <= 375, `no sideways scrolling in Arabic (${arWidth} px)`);
  problems.push(...await axeProblems(arabic, "customer's page (Arabic, phone)"));
  await arabic.screenshot({ path: path.join(SCREENSHOTS, 'feedback-question-ar-375.png'), fullPage: true });

  // The moment over time, and what customers wrote, on both screens.
  const momentId = (await ownerPhone.getAttribute('section.moment-feedback', 'id')).slice(2);
  for (const [label, page, width] of [['laptop', owner, 1280], ['phone', ownerPhone, 375]]) {
    await page.goto(`${h.base}/j/${journeyId}/feedback/m/${momentId}`);
    assert.ok(await page.locator('figure.trend-chart svg').isVisible(), 'the chart is shown');
    problems.push(...await axeProblems(page, `trend (${label})`));
    await page.screenshot({ path: path.join(SCREENSHOTS, `feedback-trend-${width}.png`), fullPage: true });
    await page.goto(`${h.base}/j/${journeyId}/feedback/comments`);
    await page.locator('li.comment', { hasText: 'carried it upstairs' }).waitFor();
    problems.push(...await axeProblems(page, `comments (${label})`));
    await page.screenshot({ path: path.join(SCREENSHOTS, `feedback-comments-${width}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling on the comments (${label}): ${overflow} px`);
  }
  assert.deepEqual(problems, []);
});
