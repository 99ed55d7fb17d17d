// Clients and their staff (issue 11, item 4): the adviser invites a
// client's owner to one business; on a phone she sees that business only,
// works on its board, and another client's board is not found. A "reports
// only" person lands on the business's reports. No serious axe violation;
// pictures of each page, phone and laptop.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  harness, PHONE, DESKTOP, SCREENSHOTS, ensureScreenshotDir, axeProblems, createBusiness, addNote, waitLive,
} from './helpers.mjs';

const h = harness();

/** Invites `email` for `business` (its name) with `role`; answers the link. */
async function invite(owner, email, business, role) {
  await owner.goto(`${h.base}/people`);
  await owner.fill('#invite-email', email);
  await owner.selectOption('#invite-business', { label: business });
  await owner.selectOption('#invite-role', role);
  await Promise.all([owner.waitForLoadState('load'), owner.click('#invite button[type=submit]')]);
  return owner.inputValue('#invite-link');
}

/** Takes up an invitation on a new phone; answers the page. */
async function join(label, link, name) {
  const { page } = await h.page(label, PHONE);
  await page.goto(link);
  await page.fill('#name', name);
  await page.fill('#password', 'a long enough password');
  await Promise.all([page.waitForLoadState('load'), page.click('main button[type=submit]')]);
  return page;
}

test("a client's owner sees her business only; reports only reads its reports", async () => {
  await ensureScreenshotDir();
  const problems = [];
  const { page: owner } = await h.page('owner', DESKTOP, { owner: true });
  // Harbour Furniture (the harness's business) with a board; a second client.
  const { journeyId: harbourBoard } = await h.journey(owner, 'Harbour sofa');
  const bakeryId = await createBusiness(owner, h.base, 'Corner Bakery');
  await owner.goto(`${h.base}/b/${bakeryId}`);
  await owner.fill('#jname', 'Buying a cake');
  await Promise.all([owner.waitForURL(/\/j\/\d+$/), owner.click('button:has-text("Create journey")')]);
  const bakeryBoard = Number(new URL(owner.url()).pathname.split('/')[2]);

  const link = await invite(owner, 'cleo@bakery.test', 'Corner Bakery', 'client_owner');
  assert.match(await owner.textContent('.invite-list'), /Client owner · Corner Bakery/);
  await owner.screenshot({ path: path.join(SCREENSHOTS, 'clients-invite-desktop.png'), fullPage: true });

  const cleo = await join('cleo', link, 'Cleo Baker');
  assert.equal(new URL(cleo.url()).pathname, '/');
  const home = await cleo.textContent('main');
  assert.match(home, /Corner Bakery/);
  assert.doesNotMatch(home, /Harbour Furniture/);
  assert.equal(await cleo.locator('header a.people-link').count(), 0, 'no people page for a client');
  problems.push(...await axeProblems(cleo, 'client home, phone'));
  await cleo.screenshot({ path: path.join(SCREENSHOTS, 'clients-home-phone.png'), fullPage: true });

  // She works on her own board, live.
  await cleo.goto(`${h.base}/j/${bakeryBoard}`);
  await waitLive(cleo);
  await addNote(cleo, 'Pre-engagement', 'Cake tasting');
  await cleo.screenshot({ path: path.join(SCREENSHOTS, 'clients-board-phone.png'), fullPage: true });
  // Another client's board does not exist for her.
  const res = await cleo.goto(`${h.base}/j/${harbourBoard}`);
  assert.equal(res.status(), 404);
  assert.doesNotMatch(await cleo.textContent('main'), /Harbour/);

  // Reports only: straight to the business's reports, nothing else.
  const link2 = await invite(owner, 'dan@bakery.test', 'Corner Bakery', 'reports');
  const dan = await join('dan', link2, 'Dan Reader');
  await dan.waitForURL(new RegExp(`/b/${bakeryId}/reports$`));
  assert.match(await dan.textContent('h1'), /Reports of Corner Bakery/);
  assert.match(await dan.textContent('main'), /Journey map/);
  problems.push(...await axeProblems(dan, 'reports, phone'));
  await dan.screenshot({ path: path.join(SCREENSHOTS, 'clients-reports-phone.png'), fullPage: true });
  const board = await dan.goto(`${h.base}/j/${bakeryBoard}`);
  assert.equal(board.status(), 403);
  assert.match(await dan.textContent('main'), /reports/);

  // The adviser sees the client's people under the client.
  await owner.goto(`${h.base}/people`);
  assert.match(await owner.textContent('main'), /People of Corner Bakery/);
  problems.push(...await axeProblems(owner, 'people with clients, desktop'));
  await owner.screenshot({ path: path.join(SCREENSHOTS, 'clients-people-desktop.png'), fullPage: true });
  await owner.goto(`${h.base}/b/${bakeryId}/reports`);
  // The practice's pack: a language to choose, and (no e-mail set up on
  // this server) what to do instead of sending it.
  assert.match(await owner.textContent('#pack'), /E-mail is not set up/);
  problems.push(...await axeProblems(owner, 'reports with the pack, desktop'));
  await owner.screenshot({ path: path.join(SCREENSHOTS, 'clients-reports-desktop.png'), fullPage: true });
  await owner.setViewportSize({ width: 375, height: 812 });
  assert.ok(await owner.evaluate(() => document.documentElement.scrollWidth) <= 375, 'the reports page fits a phone');
  await owner.screenshot({ path: path.join(SCREENSHOTS, 'clients-reports-owner-phone.png'), fullPage: true });
  assert.deepEqual(problems, []);
});
