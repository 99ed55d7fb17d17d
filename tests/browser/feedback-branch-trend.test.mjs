// One branch's trend, as the owner reaches it: the business has a branch;
// the owner asks that branch's customers about a moment, one answers on a
// phone; the owner reads the figures of dates chosen, then follows the
// branch's row on the figures to the moment's trend for that branch alone,
// then back to every branch together.
// Plain forms, on a laptop and a 375×812 phone; axe finds no serious
// problem; each page is photographed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  axeProblems, harness, addNote, openBoard, ensureScreenshotDir, SCREENSHOTS, PHONE, DESKTOP,
} from './helpers.mjs';

const h = harness();

test("a branch's row leads to the moment's trend for that branch alone", { timeout: 120_000 }, async () => {
  await ensureScreenshotDir();
  const { page: owner } = await h.page('owner', DESKTOP, { owner: true });
  const bizUrl = `${h.base}/b/${h.businessId}`;
  await owner.goto(bizUrl);
  await owner.fill('#brname', 'Harbour Street');
  await Promise.all([owner.waitForURL(`${bizUrl}#branches`), owner.click('#branches button:has-text("Add branch")')]);
  const { boardUrl, journeyId } = await h.journey(owner);
  await openBoard(owner, boardUrl);
  await addNote(owner, 'Engagement', 'Delivery day');

  // The owner asks Harbour Street's customers.
  await owner.goto(`${h.base}/j/${journeyId}/feedback`);
  const section = owner.locator('section.moment-feedback', { has: owner.locator('h2', { hasText: 'Delivery day' }) });
  await section.locator('select[name="branch_id"]').selectOption({ label: 'Harbour Street' });
  await Promise.all([owner.waitForURL(/\/feedback\/\d+$/), section.locator('button:has-text("Ask customers")').click()]);
  const link = await owner.inputValue('#link');

  // A customer there answers, scripts off.
  const { page: phone, context } = await h.page('customer', { ...PHONE, javaScriptEnabled: false });
  await phone.goto(link);
  await phone.locator('label.verdict:has-text("Worse")').tap();
  await phone.locator('button.send').tap();
  await phone.locator('h1', { hasText: 'Thank you' }).waitFor();
  await context.close();

  // The figures of chosen dates: today alone, by a form of its own.
  await owner.goto(`${h.base}/j/${journeyId}/feedback`);
  const today = new Date().toISOString().slice(0, 10);
  await owner.locator('details.period-dates summary').click();
  await owner.fill('#period-from', today);
  await owner.fill('#period-to', today);
  await Promise.all([
    owner.waitForURL(new RegExp(`from=${today}&to=${today}$`)),
    owner.locator('details.period-dates button:has-text("Show")').click(),
  ]);
  assert.equal(await owner.locator('#days option:checked').innerText(), `${today} to ${today}`, 'the period is named');
  assert.match(await owner.locator('section.moment-feedback').innerText(), /1 answer/);
  assert.match(await owner.locator('a:has-text("CSV")').first().getAttribute('href'), new RegExp(`from=${today}&to=${today}$`), 'the files cover the same dates');
  const problems = await axeProblems(owner, 'figures of chosen dates (laptop)');
  await owner.screenshot({ path: path.join(SCREENSHOTS, 'feedback-figures-dates-1280.png'), fullPage: true });

  // The branch's row on the figures leads to its own trend.
  await Promise.all([
    owner.waitForURL(/\/feedback\/m\/\d+\?branch=\d+$/),
    owner.locator('table.branches th a', { hasText: 'Harbour Street' }).click(),
  ]);
  assert.equal(await owner.locator('#t-branch option:checked').innerText(), 'Harbour Street', 'the branch shown is picked');
  assert.match(await owner.locator('table.trend tbody').innerText(), /\b1\b/, "the branch's one answer");
  problems.push(...await axeProblems(owner, 'branch trend (laptop)'));
  await owner.screenshot({ path: path.join(SCREENSHOTS, 'feedback-trend-branch-1280.png'), fullPage: true });
  // By month, still the branch's.
  await Promise.all([owner.waitForURL(/by=month&branch=\d+$/), owner.click('nav.periods a:has-text("month")')]);
  assert.equal(await owner.locator('#t-branch option:checked').innerText(), 'Harbour Street');

  // On a phone, then back to every branch together.
  const { page: ownerPhone } = await h.page('owner-phone', PHONE, { owner: true });
  await ownerPhone.goto(owner.url());
  problems.push(...await axeProblems(ownerPhone, 'branch trend (phone)'));
  const overflow = await ownerPhone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling on a phone: ${overflow} px`);
  await ownerPhone.screenshot({ path: path.join(SCREENSHOTS, 'feedback-trend-branch-375.png'), fullPage: true });
  await ownerPhone.goto(`${h.base}/j/${journeyId}/feedback?from=${today}&to=${today}`);
  problems.push(...await axeProblems(ownerPhone, 'figures of chosen dates (phone)'));
  await ownerPhone.screenshot({ path: path.join(SCREENSHOTS, 'feedback-figures-dates-375.png'), fullPage: true });
  await ownerPhone.goBack();
  await ownerPhone.locator('#t-branch').selectOption({ label: 'Every branch together' });
  await Promise.all([ownerPhone.waitForURL(/by=month&branch=$/), ownerPhone.locator('form.inline-form button').tap()]);
  assert.equal(await ownerPhone.locator('#t-branch option:checked').innerText(), 'Every branch together');

  // In Arabic the page reads right to left, but the chart's time runs left
  // to right: its labels stay inside it.
  const trendUrl = ownerPhone.url();
  await Promise.all([ownerPhone.waitForURL(trendUrl), ownerPhone.locator('#lang-select').selectOption('ar')]);
  await ownerPhone.waitForFunction(() => document.documentElement.lang === 'ar');
  const outside = await ownerPhone.evaluate(() => {
    const chart = document.querySelector('.trend-chart svg').getBoundingClientRect();
    return [...document.querySelectorAll('.trend-chart text.axis')]
      .map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }))
      .filter(({ box }) => box.left < chart.left - 0.5 || box.right > chart.right + 0.5)
      .map(({ text, box }) => `${text}: ${Math.round(box.left)}–${Math.round(box.right)} of ${Math.round(chart.left)}–${Math.round(chart.right)}`);
  });
  assert.deepEqual(outside, [], 'axis labels outside the chart');
  await ownerPhone.screenshot({ path: path.join(SCREENSHOTS, 'feedback-trend-ar-375.png'), fullPage: true });
  assert.deepEqual(problems, [], problems.join('\n'));
});
