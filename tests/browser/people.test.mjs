// People in the web UI (issue 11, item 1): the owner invites someone from
// the people page and copies the link; the invitee opens it on a phone,
// sets a name and password and lands signed in; the owner changes the
// role, and removes them, whose open board says at once that access has
// ended. The account page: a new token shown once, then revoked. No
// serious axe violation on these pages, phone and laptop; pictures of each.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  harness, PHONE, DESKTOP, SCREENSHOTS, ensureScreenshotDir, axeProblems, waitLive, waitUntil,
} from './helpers.mjs';

const h = harness();

test('an owner invites, the invitee joins on a phone, gets another role and is removed', async () => {
  await ensureScreenshotDir();
  const problems = [];
  const { page: owner } = await h.page('owner', DESKTOP, { owner: true });
  const { journeyId, boardUrl } = await h.journey(owner, 'Walk-in customer');

  // The header leads to the people page.
  await owner.click('header a.people-link');
  await owner.waitForURL(/\/people$/);
  await owner.fill('#invite-email', 'Ann.Baker@example.test');
  await owner.selectOption('#invite-role', 'member');
  await Promise.all([owner.waitForLoadState('load'), owner.click('#invite button[type=submit]')]);
  const link = await owner.inputValue('#invite-link');
  assert.match(link, /\/invite\/[0-9a-f]{32}$/);
  assert.match(await owner.textContent('.invited'), /ann\.baker@example\.test/);
  assert.match(await owner.textContent('.invite-list'), /ann\.baker@example\.test/);
  problems.push(...await axeProblems(owner, 'people, desktop'));
  await owner.screenshot({ path: path.join(SCREENSHOTS, 'people-invited-desktop.png'), fullPage: true });

  // The invitee, on a phone, without an account.
  const { page: ann } = await h.page('ann', PHONE);
  await ann.goto(link);
  assert.match(await ann.textContent('h1'), /Join Harbour Advisers/);
  problems.push(...await axeProblems(ann, 'invitation, phone'));
  await ann.screenshot({ path: path.join(SCREENSHOTS, 'people-invite-phone.png'), fullPage: true });
  await ann.fill('#name', 'Ann Baker');
  await ann.fill('#password', 'a long enough password');
  await Promise.all([ann.waitForURL(`${h.base}/`), ann.click('main button[type=submit]')]);
  assert.equal(await ann.textContent('header .who'), 'Ann Baker');
  const width = await ann.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `the page fits the phone (${width} px)`);

  // Ann opens the board and stays on it.
  await ann.goto(boardUrl);
  await waitLive(ann);

  // The owner makes Ann a viewer, then removes her.
  await owner.goto(`${h.base}/people`);
  const row = owner.locator('.people-list li', { hasText: 'Ann Baker' });
  await row.locator('select').selectOption('viewer');
  await Promise.all([owner.waitForLoadState('load'), row.locator('.role-form button').click()]);
  assert.equal(await row.locator('select').inputValue(), 'viewer');
  await owner.setViewportSize(PHONE.viewport);
  await owner.screenshot({ path: path.join(SCREENSHOTS, 'people-list-phone.png'), fullPage: true });
  problems.push(...await axeProblems(owner, 'people, narrow'));
  const ownerWidth = await owner.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(ownerWidth <= 375, `the people page fits 375 px (${ownerWidth} px)`);
  await owner.setViewportSize(DESKTOP.viewport);
  await row.locator('details.remove summary').click();
  await Promise.all([owner.waitForLoadState('load'), row.locator('button.danger').click()]);
  assert.equal(await owner.locator('.people-list li', { hasText: 'Ann Baker' }).count(), 0);

  await waitUntil(ann, () => /access has ended/.test(document.getElementById('live-status')?.textContent || ''), null, {
    message: 'Ann\'s board to say her access has ended',
    describe: () => document.getElementById('live-status')?.textContent,
  });
  await ann.goto(`${h.base}/`);
  assert.match(ann.url(), /\/login$/, 'Ann is signed out');
  void journeyId;
  h.problems.length = 0; // the refused reconnect may log an error in Ann's console
  assert.deepEqual(problems, []);
});

test('the account page makes a token, shows it once, and revokes it', async () => {
  const problems = [];
  const { page } = await h.page('owner', PHONE, { owner: true });
  await page.goto(`${h.base}/`);
  await page.click('header a.who');
  await page.waitForURL(/\/account$/);
  await page.fill('#token-label', 'weekly export');
  await Promise.all([page.waitForLoadState('load'), page.click('#tokens button[type=submit]')]);
  const token = await page.inputValue('#new-token');
  assert.match(token, /^mot_[0-9a-f]{32}$/);
  problems.push(...await axeProblems(page, 'account, phone'));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'account-token-phone.png'), fullPage: true });
  const res = await page.request.get(`${h.base}/api/v1/businesses`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status(), 200);

  await page.goto(`${h.base}/account`);
  assert.equal(await page.locator('#new-token').count(), 0, 'shown only once');
  await Promise.all([page.waitForLoadState('load'), page.click('button[aria-label="Revoke the token weekly export"]')]);
  assert.match(await page.textContent('#tokens'), /No tokens yet/);
  const after = await page.request.get(`${h.base}/api/v1/businesses`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(after.status(), 401);
  await page.setViewportSize(DESKTOP.viewport);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'account-desktop.png'), fullPage: true });
  problems.push(...await axeProblems(page, 'account, desktop'));
  assert.deepEqual(problems, []);
  assert.deepEqual(h.problems, []);
});

test('a forgotten password: the login page leads to the reset page, which says who can help without e-mail', async () => {
  const { page } = await h.page('visitor', PHONE);
  await page.goto(`${h.base}/login`);
  await Promise.all([page.waitForURL(/\/reset$/), page.click('main a[href="/reset"]')]);
  assert.match(await page.textContent('main'), /mot user reset-password/);
  const problems = await axeProblems(page, 'reset, phone');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'reset-phone.png'), fullPage: true });
  assert.deepEqual(problems, []);
  assert.deepEqual(h.problems, []);
});
