// Prioritise and Assess with the keyboard alone: a guest on a laptop who
// never touches the mouse puts two dots on notes (Tab to a note, then +),
// takes one back (−), and rates two priorities (Tab to a face, Enter), the
// next priority coming up by itself. The facilitator stars a priority with
// * on its note. Every key is a real key press; the test fails if a step
// cannot be reached by Tab within a bound.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  harness, DESKTOP, joinLink, joinAsGuest, openBoard, waitLive, addNote, waitUntil,
  sessionCommand,
} from './helpers.mjs';

const h = harness();

const NOTES = [['Pre-engagement', 'Finds us online'], ['Engagement', 'Greeted at the door'], ['Post-sale', 'Sofa is delivered']];
const [ONLINE, GREETED, DELIVERED] = NOTES.map((n) => n[1]);

const command = sessionCommand;

/** What has the focus, in words. */
function focused() {
  const a = document.activeElement;
  if (!a) return '';
  if (a.matches('.note')) return `note ${a.querySelector('.title').textContent}`;
  return `${a.tagName.toLowerCase()} ${(a.getAttribute('aria-label') || a.textContent).trim().slice(0, 60)}`;
}

/** Presses Tab (Shift+Tab when `back`) until `want` (in-page) holds for the focus; counts the keys. */
async function tabTo(page, keys, want, arg, what, { back = false, most = 80 } = {}) {
  for (let i = 0; i < most; i += 1) {
    if (await page.evaluate(want, arg)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    keys.n += 1;
  }
  assert.fail(`${what}: not reached with ${most} Tab presses (focus on ${await page.evaluate(focused)})`);
}

const onNote = (t) => document.activeElement?.matches('#board .note') && document.activeElement.querySelector('.title').textContent === t;
const dotsOn = (page, t) => page.evaluate((x) => [...document.querySelectorAll('#board .note')].find((n) => n.querySelector('.title').textContent === x)?.querySelector('.note-marks .dots')?.textContent || '', t);

test('a guest prioritises and assesses with the keyboard alone; the facilitator stars with *', { timeout: 180_000 }, async () => {
  const { page: owner } = await h.page('owner', DESKTOP, { owner: true });
  const { journeyId, boardUrl } = await h.journey(owner, 'Keyboard session');
  const link = await joinLink(owner, h.base, journeyId);
  await openBoard(owner, boardUrl);
  for (const [stageName, title] of NOTES) await addNote(owner, stageName, title);
  const started = await owner.evaluate(async (jid) => {
    const csrf = document.querySelector('meta[name=csrf-token]').content;
    const res = await fetch(`/j/${jid}/sessions`, { method: 'POST', body: new URLSearchParams({ _csrf: csrf, title: 'Keys', vote_limit: '2', priority_cap: '2', phase: 'prioritise' }) });
    return res.status;
  }, journeyId);
  assert.equal(started, 200);
  await waitUntil(owner, () => document.getElementById('session-panel')?.dataset.phase === 'prioritise', null, { message: 'Prioritise on the owner\'s board' });
  const sid = await owner.evaluate(() => document.getElementById('session-panel').dataset.session);
  const at = `/j/${journeyId}/sessions/${sid}`;

  const { page: guest } = await h.page('guest Ada', DESKTOP);
  await joinAsGuest(guest, link, 'Ada');
  await waitLive(guest);
  await waitUntil(guest, () => document.getElementById('session-panel')?.dataset.phase === 'prioritise', null, { message: 'Prioritise on the guest\'s board' });
  const keys = { n: 0 };

  // ---- Prioritise: Tab to a note, + puts a dot on it, − takes it back.
  await guest.evaluate(() => document.activeElement?.blur());
  for (const title of [ONLINE, GREETED, DELIVERED]) {
    await tabTo(guest, keys, onNote, title, `the note "${title}"`);
    await guest.keyboard.press('+');
    keys.n += 1;
    await waitUntil(guest, (t) => [...document.querySelectorAll('#board .note')].find((n) => n.querySelector('.title').textContent === t)?.querySelector('.note-marks .dots')?.textContent === '●', title, { message: `a dot on "${title}"`, describe: focused });
    if (title === GREETED) {
      // A slip: take it back, the focus staying on the note.
      await guest.keyboard.press('-');
      keys.n += 1;
      await waitUntil(guest, (t) => [...document.querySelectorAll('#board .note')].find((n) => n.querySelector('.title').textContent === t)?.querySelector('.note-marks .dots')?.textContent === '', title, { message: `the dot taken back from "${title}"`, describe: focused });
      assert.equal(await guest.evaluate(onNote, GREETED), true, 'the focus stays on the note');
    }
  }
  assert.deepEqual([await dotsOn(guest, ONLINE), await dotsOn(guest, GREETED), await dotsOn(guest, DELIVERED)], ['●', '', '●']);
  await waitUntil(guest, () => /0 of 2 dots left/.test(document.querySelector('.session-bar')?.innerText || ''), null, { message: 'the bar says no dot left' });
  const prioritiseKeys = keys.n;

  // ---- The facilitator reveals and stars two priorities with * on their notes.
  await command(owner, at, [['op', 'reveal_votes']]);
  await waitUntil(owner, () => document.querySelectorAll('#board .note-marks button.star').length === 3, null, { message: 'the stars on the notes' });
  for (const title of [ONLINE, DELIVERED]) {
    await owner.evaluate(() => document.activeElement?.blur());
    await tabTo(owner, { n: 0 }, onNote, title, `the owner's note "${title}"`);
    await owner.keyboard.press('*');
    await waitUntil(owner, (t) => [...document.querySelectorAll('#board .note')].find((n) => n.querySelector('.title').textContent === t)?.querySelector('.note-marks button.star[aria-pressed=true]'), title, { message: `the star on "${title}"`, describe: focused });
  }
  await waitUntil(guest, (p) => document.getElementById('session-panel').innerText.includes(`Priorities: ${p}`), `${ONLINE} · ${DELIVERED}`, { message: 'the two priorities on the guest\'s screen' });
  await command(owner, at, [['op', 'change_phase'], ['expected', 'prioritise'], ['target', 'assess']]);
  await waitUntil(guest, () => document.getElementById('session-panel')?.dataset.phase === 'assess' && !!document.querySelector('nav.assess-nav'), null, { message: 'Assess, one priority at a time' });

  // ---- Assess: Tab to a face, Enter; the next priority comes up by itself.
  keys.n = 0;
  await guest.evaluate(() => document.activeElement?.blur());
  const visibleFace = (word) => {
    const b = document.activeElement;
    return b?.matches('article.assess:not([hidden]) button.face') && b.textContent.includes(word);
  };
  await tabTo(guest, keys, visibleFace, 'Miserable', 'the face "Miserable" of the first priority');
  assert.equal(await guest.evaluate(() => document.querySelector('article.assess:not([hidden]) h3').textContent), ONLINE);
  await guest.keyboard.press('Enter');
  keys.n += 1;
  await waitUntil(guest, (t) => document.querySelector('article.assess:not([hidden]) h3')?.textContent === t, DELIVERED, { message: 'the second priority comes up', describe: focused });
  // From where the focus is now, Tab (forward or back) to the second card's "Magical".
  const before = keys.n;
  try {
    await tabTo(guest, keys, visibleFace, 'Magical', 'the face "Magical" of the second priority', { most: 30 });
  } catch {
    keys.n = before;
    await tabTo(guest, keys, visibleFace, 'Magical', 'the face "Magical" of the second priority (back)', { back: true, most: 30 });
  }
  await guest.keyboard.press('Enter');
  keys.n += 1;
  await waitUntil(guest, () => document.querySelector('article.assess:not([hidden]) .faces [aria-pressed=true]')?.textContent.includes('Magical'), null, { message: 'the second rating given', describe: focused });
  // The ratings reached the server: the facilitator's count says so.
  await waitUntil(owner, () => /1 rating\(s\) given/.test(document.getElementById('session-panel').innerText), null, { message: 'the owner sees a rating counted' });
  console.log(`keyboard only: Prioritise ${prioritiseKeys} keys (3 dots, one taken back), Assess ${keys.n} keys (2 ratings)`);
  assert.deepEqual(h.pageErrors, []);
});
