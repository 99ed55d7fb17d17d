// Screenshots of a filled board on a phone (375×812) and a laptop (1280×800),
// written to tests/browser/screenshots/ (not committed) for a person to look
// at. The test also checks the phone layout does not scroll sideways.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { harness, DESKTOP, PHONE, SCREENSHOTS, ensureScreenshotDir, joinLink, joinAsGuest, openBoard, waitLive, addNote, waitForTitles } from './helpers.mjs';

const h = harness();

const NOTES = [
  ['Pre-engagement', 'Sees our advert in the local paper', 'POST · Post'],
  ['Pre-engagement', 'Looks at the website for opening hours and finds the delivery prices page confusing', 'WEB · Website'],
  ['Pre-engagement', 'Phones to ask whether the sofa is in stock', 'TEL · Phone call, 1-on-1'],
  ['Engagement', 'Greeted at the door', 'F2F · Face-to-face, 1-on-1'],
  ['Engagement', 'Looks for the right department', 'No channel yet'],
  ['Engagement', 'Pays at the till', 'F2F · Face-to-face, 1-on-1'],
  ['Post-sale', 'Gets a delivery confirmation email', 'MAIL · Email'],
];

/** Scrolls to the top and waits until no animation runs (the new-note flash), so screenshots are steady. */
async function settle(page) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 10_000 });
}

test('screenshots of the board on a phone and a laptop', async () => {
  await ensureScreenshotDir();
  const { page: owner } = await h.page('owner', DESKTOP, { owner: true });
  const { journeyId, boardUrl } = await h.journey(owner, 'New customer buys a sofa');
  const link = await joinLink(owner, h.base, journeyId);
  await openBoard(owner, boardUrl);
  for (const [stageName, title, channel] of NOTES) await addNote(owner, stageName, title, { channel });

  const { page: guest } = await h.page('guest', PHONE);
  await joinAsGuest(guest, link, 'Gus Guest');
  await waitLive(guest);
  await addNote(guest, 'Post-sale', 'Sofa arrives two days late', { channel: 'TEL · Phone call, 1-on-1' });
  await waitForTitles(owner, { 'Post-sale': ['Gets a delivery confirmation email', 'Sofa arrives two days late'] });

  await owner.reload();
  await waitLive(owner);
  await settle(owner);
  await owner.screenshot({ path: path.join(SCREENSHOTS, 'board-desktop-1280x800.png') });
  await owner.screenshot({ path: path.join(SCREENSHOTS, 'board-desktop-1280x800-full.png'), fullPage: true });

  const { page: phoneOwner } = await h.page('phone owner', PHONE, { owner: true });
  await openBoard(phoneOwner, boardUrl);
  await settle(phoneOwner);
  await phoneOwner.screenshot({ path: path.join(SCREENSHOTS, 'board-phone-375x812-owner.png') });
  await phoneOwner.screenshot({ path: path.join(SCREENSHOTS, 'board-phone-375x812-owner-full.png'), fullPage: true });

  await guest.reload();
  await waitLive(guest);
  await settle(guest);
  await guest.screenshot({ path: path.join(SCREENSHOTS, 'board-phone-375x812-guest.png') });
  await guest.screenshot({ path: path.join(SCREENSHOTS, 'board-phone-375x812-guest-full.png'), fullPage: true });

  // Nothing makes the phone page wider than the screen.
  for (const [who, page] of [['owner', phoneOwner], ['guest', guest]]) {
    const wide = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      offenders: [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
        && !e.closest('.legend ul')).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`),
    }));
    assert.ok(wide.scrollWidth <= wide.clientWidth, `${who}: the phone page scrolls sideways: ${JSON.stringify(wide)}`);
  }
  assert.deepEqual(h.pageErrors, []);
});

test('on a phone the legend is one row of single-line chips that scrolls sideways', async () => {
  const { page: owner } = await h.page('owner', PHONE, { owner: true });
  const { boardUrl } = await h.journey(owner, 'Legend on a phone');
  await openBoard(owner, boardUrl);
  const chips = await owner.evaluate(() => [...document.querySelectorAll('nav.legend a.chip')].map((a) => {
    const name = a.querySelector('.name');
    const fontSize = parseFloat(getComputedStyle(name).fontSize);
    return { name: name.textContent, top: Math.round(a.getBoundingClientRect().top), height: Math.round(a.getBoundingClientRect().height), nameLines: Math.round(name.getBoundingClientRect().height / (fontSize * 1.4)) };
  }));
  const wrapped = chips.filter((c) => c.nameLines > 1);
  assert.deepEqual(wrapped, [], 'chip labels wrap onto several lines (the chips are squeezed instead of scrolling)');
  assert.equal(new Set(chips.map((c) => c.top)).size, 1, `the chips are not in one row: ${JSON.stringify(chips)}`);
  assert.deepEqual(h.pageErrors, []);
});
