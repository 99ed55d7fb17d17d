// The channel legend: counts follow the notes (also live on another client),
// and a chip filters the board to its channel; pressing it again shows all.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, DESKTOP, PHONE, joinLink, joinAsGuest, openBoard, waitLive, addNote, waitUntil } from './helpers.mjs';

const h = harness();

const F2F = 'F2F · Face-to-face, 1-on-1';
const MAIL = 'MAIL · Email';

/** The legend chip of a channel by its name ("No channel yet" for none). */
const chip = (page, name) => page.locator('nav.legend a.chip', { has: page.locator('.name', { hasText: new RegExp(`^${name}$`) }) });

/** In-page: legend counts by channel name, and which notes are visible. */
function legendState() {
  const counts = {};
  for (const c of document.querySelectorAll('nav.legend a.chip')) {
    const name = c.querySelector('.name')?.textContent;
    if (name) counts[name] = Number(c.querySelector('.n').textContent);
  }
  const notes = [...document.querySelectorAll('#board .note')];
  return {
    counts,
    visible: notes.filter((n) => !n.hidden && n.offsetParent !== null).map((n) => n.querySelector('.title').textContent),
    hidden: notes.filter((n) => n.hidden || n.offsetParent === null).map((n) => n.querySelector('.title').textContent),
    pressed: [...document.querySelectorAll('nav.legend [aria-current=true] .name')].map((e) => e.textContent),
  };
}

async function waitForLegend(page, expected, message) {
  await waitUntil(page, (exp) => {
    const counts = {};
    for (const c of document.querySelectorAll('nav.legend a.chip')) {
      const name = c.querySelector('.name')?.textContent;
      if (name) counts[name] = Number(c.querySelector('.n').textContent);
    }
    return Object.entries(exp).every(([k, v]) => counts[k] === v);
  }, expected, { message: `${message}: ${JSON.stringify(expected)}`, describe: legendState });
}

async function waitForVisible(page, visible, message) {
  await waitUntil(page, (exp) => {
    const shown = [...document.querySelectorAll('#board .note')].filter((n) => !n.hidden && n.offsetParent !== null).map((n) => n.querySelector('.title').textContent);
    return JSON.stringify(shown) === JSON.stringify(exp);
  }, visible, { message: `${message}: ${JSON.stringify(visible)}`, describe: legendState });
}

const ALL = ['Sees the shop front', 'Gets a confirmation email', 'Greeted at the door', 'Gets a follow-up email', 'Finds parking'];

/** An owner board with notes in three channels and a guest watching it. */
async function boardWithChannels(label) {
  const { page: owner } = await h.page(`${label} owner`, DESKTOP, { owner: true });
  const { journeyId, boardUrl } = await h.journey(owner, `Legend ${label}`);
  const link = await joinLink(owner, h.base, journeyId);
  await openBoard(owner, boardUrl);
  const { page: guest } = await h.page(`${label} guest`, PHONE);
  await joinAsGuest(guest, link, 'Gus');
  await waitLive(guest);

  const zero = { 'Face-to-face, 1-on-1': 0, Email: 0, 'No channel yet': 0 };
  await waitForLegend(owner, zero, 'legend counts on an empty board');

  await addNote(owner, 'Pre-engagement', 'Sees the shop front', { channel: F2F });
  await waitForLegend(owner, { 'Face-to-face, 1-on-1': 1, Email: 0 }, 'legend after one face-to-face note');
  await addNote(owner, 'Pre-engagement', 'Gets a confirmation email', { channel: MAIL });
  await addNote(owner, 'Engagement', 'Greeted at the door', { channel: F2F });
  await addNote(owner, 'Post-sale', 'Gets a follow-up email', { channel: MAIL });
  // The channel picker keeps the last choice, so choose "none" explicitly.
  await addNote(owner, 'Post-sale', 'Finds parking', { channel: 'No channel yet' });
  const counts = { 'Face-to-face, 1-on-1': 2, Email: 2, 'No channel yet': 1, Website: 0 };
  await waitForLegend(owner, counts, 'legend counts on the author\'s board');
  await waitForLegend(guest, counts, 'legend counts on the other board (live)');
  return { owner, guest, boardUrl, counts };
}

test('legend counts follow new notes (also live) and a chip filters the board', async () => {
  const { owner, guest, counts } = await boardWithChannels('filter');

  // The note carries its channel visibly (not only by colour).
  assert.match(await owner.locator('#board .note', { hasText: 'Gets a confirmation email' }).locator('.chan').textContent(), /MAIL\s+Email/);

  await chip(owner, 'Email').click();
  await waitForVisible(owner, ['Gets a confirmation email', 'Gets a follow-up email'], 'only email notes after pressing the Email chip');
  assert.equal(await chip(owner, 'Email').getAttribute('aria-current'), 'true');
  assert.match(owner.url(), /[?&]channel=\d+/);
  // Filtering does not change the counts.
  await waitForLegend(owner, counts, 'legend counts while filtered');

  await chip(owner, 'Email').click();
  await waitForVisible(owner, ALL, 'every note after pressing the Email chip again');
  assert.equal(await chip(owner, 'Email').getAttribute('aria-current'), 'false');
  assert.doesNotMatch(owner.url(), /channel=/);

  // "No channel yet" filters to notes without a channel; on the phone too.
  await chip(guest, 'No channel yet').tap();
  await waitForVisible(guest, ['Finds parking'], 'only notes without a channel on the phone');
  await chip(guest, 'No channel yet').tap();
  await waitForVisible(guest, ALL, 'every note on the phone again');

  // A note added while a filter is on shows only if it matches.
  await chip(owner, 'Face-to-face, 1-on-1').click();
  await waitForVisible(owner, ['Sees the shop front', 'Greeted at the door'], 'only face-to-face notes');
  await addNote(guest, 'Engagement', 'Emails a question', { channel: MAIL });
  await waitForLegend(owner, { Email: 3 }, 'the email count after the guest\'s note');
  await waitForVisible(owner, ['Sees the shop front', 'Greeted at the door'], 'the guest\'s email note stays hidden under the face-to-face filter');
  assert.deepEqual(h.pageErrors, []);
});

test('a filtered board opened by its address keeps the true counts, and pressing the chip again shows all notes', async () => {
  const { owner, counts } = await boardWithChannels('reload');
  await chip(owner, 'Email').click();
  await waitForVisible(owner, ['Gets a confirmation email', 'Gets a follow-up email'], 'only email notes');
  // The filter is kept in the address (history.replaceState), so a reload opens the filtered board.
  await owner.reload();
  await waitLive(owner);
  assert.equal(await chip(owner, 'Email').getAttribute('aria-current'), 'true');
  await waitForVisible(owner, ['Gets a confirmation email', 'Gets a follow-up email'], 'only email notes after reload');
  // Both halves are checked, so one run reports every problem.
  const failures = [];
  await waitForLegend(owner, counts, 'legend counts on the filtered board after reload').catch((e) => failures.push(e.message));
  await chip(owner, 'Email').click();
  await waitForVisible(owner, ALL, 'every note after pressing the Email chip again on the reloaded board').catch((e) => failures.push(e.message));
  assert.ok(failures.length === 0, failures.join('\n\n'));
  assert.deepEqual(h.pageErrors, []);
});

test('changing a note\'s channel with the quick picker on the note updates the legend, also live', async () => {
  const { owner, guest, counts } = await boardWithChannels('picker');
  const note = owner.locator('#board .note', { hasText: 'Finds parking' });
  await note.locator('.chan').click();
  const picker = owner.getByRole('dialog', { name: 'Choose a channel' });
  await picker.waitFor();
  await picker.getByRole('button', { name: 'WEB · Website' }).click();
  const moved = { ...counts, 'No channel yet': 0, Website: 1 };
  await waitForLegend(owner, moved, 'legend after picking Website for the note without a channel');
  await waitForLegend(guest, moved, 'legend on the other board after the channel change');
  assert.match(await note.locator('.chan').textContent(), /WEB\s+Website/);
  // The filter follows the note's new channel.
  await chip(owner, 'Website').click();
  await waitForVisible(owner, ['Finds parking'], 'only the re-coloured note under the Website filter');
  assert.deepEqual(h.pageErrors, []);
});
