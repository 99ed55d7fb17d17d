// A journey survey, as its people use it: the owner (laptop) ticks three
// moments and gets one link; a customer on a 375×812 phone answers two of
// them by touch with scripts on (kept on the phone, sent once), picking a
// reason the owner set for the moment once, and the
// owner reads each answer under its own moment. Another customer answers
// with scripts off. axe finds no critical or serious problem; each page is
// photographed, phone and laptop.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  axeProblems, harness, addNote, openBoard, ensureScreenshotDir, waitUntil, SCREENSHOTS, PHONE, DESKTOP,
} from './helpers.mjs';

const h = harness();

test('one survey link asks about three moments; each answer counts for its own', { timeout: 120_000 }, async () => {
  await ensureScreenshotDir();
  const { page: owner } = await h.page('owner', DESKTOP, { owner: true });
  const { boardUrl, journeyId } = await h.journey(owner);
  await openBoard(owner, boardUrl);
  await addNote(owner, 'Engagement', 'Ordering');
  await addNote(owner, 'Engagement', 'Delivery day');
  await addNote(owner, 'Engagement', 'Installation');

  // The owner sets the reasons customers may pick about "Installation",
  // once, on its link for every branch: the survey offers them too.
  await owner.goto(`${h.base}/j/${journeyId}/feedback`);
  const install = owner.locator('section.moment-feedback', { has: owner.locator('h2', { hasText: 'Installation' }) });
  await Promise.all([owner.waitForURL(/\/feedback\/\d+$/), install.locator('button:has-text("Ask customers")').click()]);
  await owner.fill('#reasons', 'Punctuality\nTidiness');
  await Promise.all([owner.waitForURL(/\/feedback\/\d+$/), owner.click('button:has-text("Save reasons")')]);

  await owner.goto(`${h.base}/j/${journeyId}/feedback`);
  await owner.locator('details.new-survey summary').click();
  await owner.fill('#survey-title', 'After your delivery');
  for (const m of ['Ordering', 'Delivery day', 'Installation']) {
    await owner.locator('fieldset.survey-moments label', { hasText: m }).locator('input').check();
  }
  const problems = await axeProblems(owner, 'journey feedback page (laptop)');
  await owner.screenshot({ path: path.join(SCREENSHOTS, 'feedback-survey-new-1280.png'), fullPage: true });
  await Promise.all([owner.waitForURL(/\/feedback\/s\/\d+$/), owner.click('button:has-text("Make the survey link")')]);
  const link = await owner.inputValue('#link');
  assert.match(link, /\/s\/[0-9a-f]{32}$/);
  assert.ok(await owner.locator('.qr svg').isVisible(), 'the QR code is shown');
  problems.push(...await axeProblems(owner, 'survey page (laptop)'));
  await owner.screenshot({ path: path.join(SCREENSHOTS, 'feedback-survey-admin-1280.png'), fullPage: true });

  // A customer with scripts on, who loses the network before sending.
  const { page: phone, context } = await h.page('customer', PHONE);
  await phone.goto(link, { waitUntil: 'load' });
  await waitUntil(phone, () => document.body.classList.contains('js'), null, { message: 'the script ran' });
  assert.equal(await phone.locator('fieldset.survey-moment').count(), 3);
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `no sideways scrolling on a phone (${width} px)`);
  problems.push(...await axeProblems(phone, 'survey (phone)'));
  await phone.screenshot({ path: path.join(SCREENSHOTS, 'feedback-survey-375.png'), fullPage: true });
  const moment = (title) => phone.locator('fieldset.survey-moment', { hasText: title });
  await moment('Ordering').locator('label.verdict:has-text("Better")').tap();
  await moment('Installation').locator('label.verdict:has-text("Worse")').tap();
  assert.equal(await moment('Ordering').locator('label.reason').count(), 0, 'Ordering offers no reasons');
  await moment('Installation').locator('label.reason:has-text("Punctuality")').tap();
  await moment('Installation').locator('summary').tap();
  await moment('Installation').locator('textarea').fill('The fitter came a day late');
  await context.setOffline(true);
  await phone.locator('button.send').tap();
  await waitUntil(phone, () => /Saved on this phone/.test(document.getElementById('feedback-status')?.textContent || ''), null,
    { message: 'the answer is kept on the phone' });
  await context.setOffline(false);
  await phone.locator('h1', { hasText: 'Thank you' }).waitFor();
  await context.close();

  // Scripts off: the plain form, one moment answered.
  const { page: plain, context: plainContext } = await h.page('customer-plain', { ...PHONE, javaScriptEnabled: false });
  await plain.goto(link);
  await plain.locator('fieldset.survey-moment', { hasText: 'Delivery day' }).locator('label.verdict:has-text("As expected")').tap();
  await plain.locator('button.send').tap();
  await plain.locator('h1', { hasText: 'Thank you' }).waitFor();
  await plainContext.close();

  // The owner reads each answer under its own moment.
  await owner.goto(`${h.base}/j/${journeyId}/feedback`);
  const section = (title) => owner.locator('section.moment-feedback', { has: owner.locator('h2', { hasText: title }) });
  assert.match(await section('Ordering').innerText(), /1 answer/);
  assert.match(await section('Delivery day').innerText(), /1 answer/);
  assert.match(await section('Installation').innerText(), /1 answer/);
  await owner.goto(`${h.base}/j/${journeyId}/feedback/comments`);
  const comment = owner.locator('li.comment', { hasText: 'The fitter came a day late' });
  await comment.waitFor();
  assert.match(await comment.innerText(), /Installation/, 'under its own moment');
  assert.match(await comment.innerText(), /Worse/);
  assert.match(await comment.innerText(), /Punctuality/, 'with the reason picked in the survey');
  assert.deepEqual(problems, [], problems.join('\n'));
});
