// The session panel while others work at the same time: a live redraw never
// brings back what was just submitted, never loses what is still being
// typed, and keeps the focus and the caret; a "+ dot" that cannot be pressed
// looks it and says why; an action's ladder is entered row by row.
//
// Races are made deterministic by holding the person's POST (page.route)
// until another participant's change has been drawn, then releasing it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  harness, DESKTOP, PHONE, SCREENSHOTS, ensureScreenshotDir, joinLink, joinAsGuest, openBoard, waitLive, addNote, waitUntil,
  panelShot,
  sessionCommand,
} from './helpers.mjs';

const h = harness();

const NOTES = [['Pre-engagement', 'Finds us online'], ['Engagement', 'Greeted at the door'], ['Post-sale', 'Sofa is delivered']];
const [ONLINE, GREETED, DELIVERED] = NOTES.map((n) => n[1]);
const ORDER = ['capture', 'colour_code', 'prioritise', 'assess', 'ideas', 'select_plan', 'wrap_up'];

function readPanel() {
  const p = document.getElementById('session-panel');
  return p ? { phase: p.dataset.phase, active: `${document.activeElement?.tagName} ${document.activeElement?.id}`, text: p.innerText.slice(0, 800) } : null;
}

const command = sessionCommand;

/**
 * An owner (laptop) and a guest, Ada (phone), on a board with three notes and
 * a session moved to `phase`, with the first two notes as priorities.
 */
async function workshop(phase, settings = {}, { beforeJoin } = {}) {
  const { page: owner } = await h.page('owner', DESKTOP, { owner: true });
  const { journeyId, boardUrl } = await h.journey(owner, `Session ${phase}`);
  const link = await joinLink(owner, h.base, journeyId);
  await openBoard(owner, boardUrl);
  for (const [stageName, title] of NOTES) await addNote(owner, stageName, title);
  const ids = await owner.evaluate(() => Object.fromEntries([...document.querySelectorAll('#board .note')].map((n) => [n.querySelector('.title').textContent, n.dataset.id])));
  const started = await owner.evaluate(async ([jid, s]) => {
    const csrf = document.querySelector('meta[name=csrf-token]').content;
    const res = await fetch(`/j/${jid}/sessions`, { method: 'POST', body: new URLSearchParams({ _csrf: csrf, title: 'Race session', ...s }) });
    return res.status;
  }, [journeyId, settings]);
  assert.equal(started, 200);
  await waitUntil(owner, () => /^\d+$/.test(document.getElementById('session-panel')?.dataset.session || ''), null, { message: 'the session in the panel', describe: readPanel });
  const sid = await owner.evaluate(() => document.getElementById('session-panel').dataset.session);
  const at = `/j/${journeyId}/sessions/${sid}`;
  for (let i = 0; ORDER[i] !== phase; i += 1) {
    if (ORDER[i] === 'prioritise' && ORDER.indexOf(phase) > i) {
      await command(owner, at, [['op', 'set_priorities'], ['moment_ids', ids[ONLINE]], ['moment_ids', ids[GREETED]]]);
    }
    await command(owner, at, [['op', 'change_phase'], ['expected', ORDER[i]], ['target', ORDER[i + 1]]]);
  }
  const { page: ada } = await h.page('guest Ada', PHONE);
  if (beforeJoin) await beforeJoin(ada);
  await joinAsGuest(ada, link, 'Ada');
  await waitLive(ada);
  for (const page of [owner, ada]) {
    await waitUntil(page, (p) => document.getElementById('session-panel')?.dataset.phase === p, phase, { message: `phase ${phase}`, describe: readPanel });
  }
  return { owner, ada, at, ids, journeyId, link };
}

/** Holds the page's POSTs to `url` whose body matches `re` until `release()`; `reached` resolves when one is held. */
async function holdPosts(page, url, re) {
  let release;
  const gate = new Promise((r) => { release = r; });
  let reached;
  const held = new Promise((r) => { reached = r; });
  await page.route((u) => u.pathname === url, async (route) => {
    if (route.request().method() === 'POST' && re.test(route.request().postData() || '')) {
      reached();
      await gate;
    }
    await route.continue();
  });
  return { held, release };
}

const boardHas = (page, text, who) => waitUntil(page, (t) => document.getElementById('board')?.innerText.includes(t), text,
  { message: `${who}: "${text}" on the board`, describe: readPanel });

test('an idea sent while another arrives is not brought back; typing, focus and caret survive every redraw', async () => {
  const { owner, ada, at, ids } = await workshop('ideas');
  // The ideas are in a lane under each priority's note on the board.
  const card = (title) => ada.locator('#board .note', { has: ada.locator('.title', { hasText: title }) }).locator('.idea-lane');
  const box = (title) => card(title).locator('form.add-idea input[name=text]');
  const mine = 'Text the delivery date at once';
  const { held, release } = await holdPosts(ada, at, /op=add_idea/);

  await box(ONLINE).fill(mine);
  await card(ONLINE).getByRole('button', { name: 'Add idea' }).click();
  await held;
  // Someone else's idea arrives while Ada's is on its way: the panel is redrawn.
  await command(owner, at, [['op', 'add_idea'], ['moment_id', ids[ONLINE]], ['text', 'Owner one']]);
  await boardHas(ada, 'Owner one', 'Ada');
  assert.equal(await box(ONLINE).inputValue(), mine, 'the text still on its way was lost');
  const focused = await ada.evaluate(() => {
    const a = document.activeElement;
    return `${a.tagName} ${a.textContent.trim()} in ${a.closest('.note')?.querySelector('.title')?.textContent}`;
  });
  assert.equal(focused, `BUTTON Add idea in ${ONLINE}`, 'the focus did not come back to the button pressed');

  // Ada goes on to the next moment and is half-way through a word.
  await box(GREETED).fill('A greeter at the door');
  await box(GREETED).evaluate((el) => el.setSelectionRange(4, 9));
  release();
  await waitUntil(ada, (t) => [...document.querySelectorAll('#board li.idea .text')].some((e) => e.textContent === t), mine,
    { message: "Ada's idea in the list", describe: readPanel });
  await waitUntil(ada, (t) => {
    const a = [...document.querySelectorAll('#board .note')].find((x) => x.querySelector('.title').textContent === t);
    return a?.querySelector('.idea-lane form.add-idea input[name=text]').value === '';
  }, ONLINE, { message: 'the box of the idea sent to be empty', describe: readPanel });

  // Another redraw: nothing comes back, nothing typed is lost, focus and caret stay.
  await command(owner, at, [['op', 'add_idea'], ['moment_id', ids[ONLINE]], ['text', 'Owner two']]);
  await boardHas(ada, 'Owner two', 'Ada');
  assert.equal(await box(ONLINE).inputValue(), '', 'the submitted idea came back into the box');
  assert.equal(await box(GREETED).inputValue(), 'A greeter at the door');
  const caret = await ada.evaluate(() => ({ id: document.activeElement.id, start: document.activeElement.selectionStart, end: document.activeElement.selectionEnd }));
  assert.deepEqual(caret, { id: `idea-${ids[GREETED]}`, start: 4, end: 9 });
  // Sent once.
  const count = await owner.evaluate((t) => [...document.querySelectorAll('#board li.idea .text')].filter((e) => e.textContent === t).length, mine);
  assert.equal(count, 1);
  assert.deepEqual(h.pageErrors, []);
});

test('counts that come as one frame standing for several changes are drawn in place, with no replay asked', async () => {
  // The hub sends a burst of counts as one frame ("from" to "seq", or a
  // batch of them). Ada's socket is routed through the test, which gathers
  // the frames of two ratings from the server and hands them on as one
  // batch, the way the hub writes it (or as the server sent them, when the
  // hub was behind and sent one frame for both); everything else passes
  // through.
  const toServer = [];
  const gathered = [];
  let covered = 0;
  let gathering = false;
  const beforeJoin = (page) => page.routeWebSocket(/\/live\?/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => { toServer.push(String(m)); server.send(m); });
    server.onMessage((m) => {
      const f = JSON.parse(String(m));
      if (gathering && f.type === 'ratings_changed') {
        gathered.push(f);
        covered += f.seq - (f.from ?? f.seq) + 1;
        if (covered === 2) {
          gathering = false;
          const [first, last] = [gathered[0], gathered[gathered.length - 1]];
          ws.send(gathered.length === 1 ? String(m)
            : `{"seq":${last.seq},"from":${first.from ?? first.seq},"type":"batch","frames":${JSON.stringify(gathered)}}`);
        }
        return;
      }
      ws.send(m);
    });
  });
  const { owner, ada, at, ids, link } = await workshop('assess', {}, { beforeJoin });
  const { page: bob } = await h.page('guest Bob', PHONE);
  await joinAsGuest(bob, link, 'Bob');
  const count = `[data-live="ratings-${ids[ONLINE]}"]`;
  await waitUntil(ada, (sel) => document.querySelector(`#session-panel ${sel}`)?.textContent === '0', count,
    { message: 'no rating yet in Ada\'s panel', describe: readPanel });
  const panelReads = [];
  ada.on('request', (r) => { if (r.url().includes('/session-panel')) panelReads.push(r.url()); });

  gathering = true;
  await command(owner, at, [['op', 'rate'], ['moment_id', ids[ONLINE]], ['rating', 'neutral']]);
  await command(bob, at, [['op', 'rate'], ['moment_id', ids[ONLINE]], ['rating', 'magical']]);
  await waitUntil(ada, (sel) => document.querySelector(`#session-panel ${sel}`)?.textContent === '2', count,
    { message: 'two ratings counted in Ada\'s panel', describe: readPanel });
  assert.equal(covered, 2, 'both ratings went out in one frame');
  assert.deepEqual(panelReads, [], 'the counts were written in place, not re-read');
  // The next change follows on from the batch's last: no replay asked.
  await command(owner, at, [['op', 'reveal_ratings'], ['moment_id', ids[ONLINE]]]);
  await waitUntil(ada, (sel) => !document.querySelector(`#session-panel ${sel}`), count,
    { message: 'the reveal in Ada\'s panel (the hidden count gone)', describe: readPanel });
  assert.deepEqual(toServer.filter((m) => m.includes('resume')), [], 'Ada\'s page asked for a replay');
  assert.deepEqual(h.pageErrors, []);
});

test('an action saved while the panel is redrawn is not brought back into the form', async () => {
  const { owner, ada, at, ids } = await workshop('ideas');
  await command(ada, at, [['op', 'add_idea'], ['moment_id', ids[ONLINE]], ['text', 'Slots online']]);
  await command(owner, at, [['op', 'change_phase'], ['expected', 'ideas'], ['target', 'select_plan']]);
  await waitUntil(owner, () => document.getElementById('session-panel')?.dataset.phase === 'select_plan', null, { message: 'select & plan', describe: readPanel });
  const ideaId = await owner.evaluate(() => document.querySelector('#board li.idea input[name=idea_id]').value);
  const { held, release } = await holdPosts(owner, at, /op=save_action/);

  await owner.fill('#ac-what', 'Offer delivery slots');
  await owner.fill('#ac-owner', 'Olivia');
  await owner.getByRole('button', { name: 'Save action' }).click();
  await held;
  await command(ada, at, [['op', 'toggle_merit'], ['idea_id', ideaId]]);
  await waitUntil(owner, () => /merit · 1/.test(document.querySelector('#board li.idea')?.innerText || ''), null, { message: 'the merit drawn', describe: readPanel });
  assert.equal(await owner.inputValue('#ac-what'), 'Offer delivery slots', 'the action on its way was lost from the form');
  assert.equal(await owner.evaluate(() => document.activeElement?.textContent.trim()), 'Save action', 'the focus left the button pressed');

  release();
  await waitUntil(owner, () => [...document.querySelectorAll('#session-panel .actions-list strong')].some((e) => e.textContent === 'Offer delivery slots'), null, { message: 'the action in the list', describe: readPanel });
  await waitUntil(owner, () => document.getElementById('ac-what').value === '' && document.getElementById('ac-owner').value === '', null,
    { message: 'the action form emptied', describe: () => [document.getElementById('ac-what').value, document.getElementById('ac-owner').value] });
  await command(ada, at, [['op', 'toggle_merit'], ['idea_id', ideaId]]);
  await waitUntil(owner, () => /merit · 0/.test(document.querySelector('#board li.idea')?.innerText || ''), null, { message: 'the merit taken back', describe: readPanel });
  assert.deepEqual([await owner.inputValue('#ac-what'), await owner.inputValue('#ac-owner')], ['', ''],
    'the saved action came back into the form');
  assert.deepEqual(h.pageErrors, []);
});

test('a facilitator moving on by keyboard keeps the focus on "next" after the redraw', async () => {
  const { owner } = await workshop('assess');
  await owner.locator('#session-panel .session-bar').getByRole('button', { name: 'Ideas →', exact: true }).focus();
  await owner.keyboard.press('Enter');
  await waitUntil(owner, () => document.getElementById('session-panel')?.dataset.phase === 'ideas', null, { message: 'the Ideas phase', describe: readPanel });
  await waitUntil(owner, () => document.activeElement?.textContent.trim() === 'Select & plan →', null,
    { message: 'the focus on the next "next" button', describe: () => `${document.activeElement?.tagName} ${document.activeElement?.textContent.trim().slice(0, 40)}` });
  await owner.keyboard.press('Enter');
  await waitUntil(owner, () => document.getElementById('session-panel')?.dataset.phase === 'select_plan', null, { message: 'Select & plan, by a second Enter', describe: readPanel });
  assert.deepEqual(h.pageErrors, []);
});

test('a "+ dot" that cannot be pressed looks disabled and says why when tapped', async () => {
  await ensureScreenshotDir();
  const { ada } = await workshop('prioritise', { vote_limit: '2' });
  const dot = (title) => ada.locator('#board .note-marks').getByRole('button', { name: `Put a dot on ${title}`, exact: true });
  const look = (title) => dot(title).evaluate((b) => {
    const s = getComputedStyle(b);
    return { ariaDisabled: b.getAttribute('aria-disabled'), cursor: s.cursor, background: s.backgroundColor, color: s.color };
  });
  const enabled = await look(DELIVERED);
  assert.equal(enabled.ariaDisabled, null);

  await dot(ONLINE).tap();
  await waitUntil(ada, (t) => [...document.querySelectorAll('#board .note')].find((n) => n.querySelector('.title').textContent === t)?.querySelector('.note-marks .dots')?.textContent === '●',
    ONLINE, { message: 'a dot on the first moment', describe: readPanel });
  // One dot per moment: this one's "+ dot" is off, and the focus is still on it.
  const one = await look(ONLINE);
  assert.equal(one.ariaDisabled, 'true');
  assert.equal(await ada.evaluate(() => document.activeElement?.getAttribute('aria-label')), `Put a dot on ${ONLINE}`, 'the focus dropped');
  await dot(GREETED).tap();
  await waitUntil(ada, () => /You have 0 of 2 dots left/.test(document.getElementById('session-panel').innerText), null, { message: 'no dots left', describe: readPanel });

  const off = await look(DELIVERED);
  assert.equal(off.ariaDisabled, 'true');
  assert.equal(off.cursor, 'not-allowed');
  assert.notEqual(off.background, enabled.background, 'a "+ dot" that cannot be pressed has the colour of one that can');
  assert.match(await ada.locator('#dots-why').innerText(), /All 2 dots placed/);
  assert.equal(await dot(DELIVERED).getAttribute('aria-describedby'), 'dots-why');

  const posts = [];
  ada.on('request', (r) => { if (r.method() === 'POST') posts.push(r.url()); });
  // (Playwright waits for an aria-disabled button to become enabled; a finger
  // does not. Forced, it does not bring the button into view: on a phone the
  // stages scroll sideways, so the finger scrolls there first.)
  await dot(DELIVERED).evaluate((b) => b.scrollIntoView({ block: 'center', inline: 'center' }));
  await dot(DELIVERED).tap({ force: true });
  await waitUntil(ada, () => /All 2 dots placed/.test(document.getElementById('toast').textContent) && !document.getElementById('toast').hidden, null,
    { message: 'a toast saying why', describe: () => document.getElementById('toast').textContent });
  assert.deepEqual(posts, [], 'a refused dot was sent');
  await panelShot(ada, path.join(SCREENSHOTS, 'session-dots-used-phone-375x812.png'));
  // A tap on my dot takes it back.
  const mine = ada.locator('#board .note').filter({ has: ada.locator('.title', { hasText: new RegExp(`^${ONLINE}$`) }) }).locator('.note-marks .dots');
  await mine.tap();
  await waitUntil(ada, (t) => [...document.querySelectorAll('#board .note')].find((n) => n.querySelector('.title').textContent === t)?.querySelector('.note-marks .dots')?.textContent === '',
    ONLINE, { message: 'the dot taken back by a tap on it', describe: readPanel });
  await waitUntil(ada, () => /1 of 2 dots left/.test(document.querySelector('.session-bar')?.innerText || ''), null, { message: 'a dot to place again', describe: readPanel });
  assert.deepEqual(h.pageErrors, []);
});

test('an action ladder is entered in rows: add, reorder and remove a step, with a date picker', async () => {
  await ensureScreenshotDir();
  const { owner } = await workshop('select_plan');
  const visibleRows = () => owner.evaluate(() => [...document.querySelectorAll('#ac-ladder li.step-row')].filter((r) => !r.hidden).length);
  assert.equal(await visibleRows(), 1, 'one blank row to start');
  assert.equal(await owner.getAttribute('#ac-step-date-0', 'type'), 'date');
  await owner.fill('#ac-what', 'Faster delivery');
  await owner.fill('#ac-owner', 'Olivia');
  await owner.fill('#ac-step-text-0', 'Deliver in 10 days');
  await owner.fill('#ac-step-date-0', '2099-03-01');
  await owner.fill('#ac-step-measure-0', 'delivery time 10 days');
  await owner.getByRole('button', { name: '+ Add a step' }).click();
  assert.equal(await visibleRows(), 2);
  assert.equal(await owner.evaluate(() => document.activeElement.id), 'ac-step-text-1', 'the new row has the focus');
  await owner.fill('#ac-step-text-1', 'Money back if not in 7');
  await owner.getByRole('button', { name: '+ Add a step' }).click();
  assert.equal(await visibleRows(), 3);
  await owner.fill('#ac-step-text-2', 'Deliver in 7 days');
  await owner.fill('#ac-step-date-2', '2099-06-01');
  // The third step goes above the second.
  await owner.getByRole('button', { name: 'Move step up 3' }).click();
  assert.deepEqual(await owner.evaluate(() => [0, 1, 2].map((i) => document.getElementById(`ac-step-text-${i}`).value)),
    ['Deliver in 10 days', 'Deliver in 7 days', 'Money back if not in 7']);
  // A blank row in the middle is dropped; so is a removed step.
  await owner.getByRole('button', { name: '+ Add a step' }).click();
  await owner.fill('#ac-step-text-3', 'Remove me');
  await owner.getByRole('button', { name: 'Remove step 4' }).click();
  assert.equal(await visibleRows(), 3);
  await owner.locator('#session-panel details.action-form').screenshot({ path: path.join(SCREENSHOTS, 'session-ladder-desktop-1280x800.png') });
  await owner.getByRole('button', { name: 'Save action' }).click();
  await waitUntil(owner, () => document.querySelectorAll('#session-panel .actions-list ol.steps li').length === 3, null,
    { message: 'the action with three steps', describe: readPanel });
  const steps = await owner.locator('#session-panel .actions-list ol.steps li').allInnerTexts();
  assert.deepEqual(steps.map((s) => s.trim()), [
    'Deliver in 10 days — by 2099-03-01 (delivery time 10 days)', 'Deliver in 7 days — by 2099-06-01', 'Money back if not in 7']);
  assert.equal(await visibleRows(), 1, 'the ladder is blank again');
  assert.deepEqual(h.pageErrors, []);
});

test('the ladder on a phone: rows fit the screen', async () => {
  await ensureScreenshotDir();
  const { owner } = await workshop('select_plan');
  const { page: phone } = await h.page('owner phone', PHONE, { owner: true });
  await openBoard(phone, owner.url());
  await phone.fill('#ac-step-text-0', 'Deliver in 10 days');
  await phone.getByRole('button', { name: '+ Add a step' }).click();
  await phone.fill('#ac-step-text-1', 'Deliver in 7 days');
  const wide = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(wide <= 0, `the phone page scrolls sideways by ${wide}px`);
  await phone.locator('#session-panel details.action-form').screenshot({ path: path.join(SCREENSHOTS, 'session-ladder-phone-375x812.png') });
  assert.deepEqual(h.pageErrors, []);
});

test('without the page script the ladder still takes steps: three rows, more under "More steps"', async () => {
  await ensureScreenshotDir();
  const { owner } = await workshop('select_plan');
  const { page } = await h.page('owner without script', { ...DESKTOP, javaScriptEnabled: false }, { owner: true });
  await page.goto(owner.url());
  const shown = await page.evaluate(() => [...document.querySelectorAll('#ac-ladder li.step-row')].filter((r) => r.checkVisibility()).length);
  assert.equal(shown, 3);
  await page.fill('#ac-what', 'Faster delivery');
  await page.fill('#ac-owner', 'Olivia');
  await page.fill('#ac-step-text-0', 'Deliver in 10 days');
  await page.fill('#ac-step-date-0', '2099-03-01');
  await page.fill('#ac-step-text-2', 'Deliver in 7 days');
  await page.locator('#ac-ladder details.more-steps summary').click();
  await page.fill('#ac-step-text-3', 'Money back if not in 7');
  await page.fill('#ac-step-measure-3', 'refunds paid');
  await page.locator('#session-panel details.action-form').screenshot({ path: path.join(SCREENSHOTS, 'session-ladder-no-script-desktop-1280x800.png') });
  await Promise.all([page.waitForURL(/#session-panel$/), page.getByRole('button', { name: 'Save action' }).click()]);
  const steps = await page.locator('#session-panel .actions-list ol.steps li').allInnerTexts();
  assert.deepEqual(steps.map((s) => s.trim()), ['Deliver in 10 days — by 2099-03-01', 'Deliver in 7 days', 'Money back if not in 7 (refunds paid)']);
});

test('without the page script the notes still take it all: a dot, a star, an idea in a lane, an action from an idea', async () => {
  const { owner, at, journeyId } = await workshop('prioritise');
  const board = `/j/${journeyId}`;
  const { page } = await h.page('owner without script', { ...DESKTOP, javaScriptEnabled: false }, { owner: true });
  const note = (title) => page.locator('#board .note').filter({ has: page.locator('.title', { hasText: new RegExp(`^${title}$`) }) });
  const post = async (button) => Promise.all([page.waitForURL(/#session-panel$/), button.click()]);
  await page.goto(`${h.base}${board}`);
  // A dot from the note's own form.
  await post(note(DELIVERED).getByRole('button', { name: `Put a dot on ${DELIVERED}` }));
  assert.equal(await note(DELIVERED).locator('.note-marks .dots').textContent(), '●');
  // The facilitator reveals and stars a priority on its note.
  await command(owner, at, [['op', 'reveal_votes']]);
  await page.goto(`${h.base}${board}`);
  await post(note(DELIVERED).getByRole('button', { name: `Make ${DELIVERED} a priority` }));
  assert.equal(await note(DELIVERED).locator('button.star').getAttribute('aria-pressed'), 'true');
  await command(owner, at, [['op', 'change_phase'], ['expected', 'prioritise'], ['target', 'assess']]);
  await command(owner, at, [['op', 'change_phase'], ['expected', 'assess'], ['target', 'ideas']]);
  // An idea in the priority's lane.
  await page.goto(`${h.base}${board}`);
  await note(DELIVERED).locator('.idea-lane input[name=text]').fill('Text the delivery slot');
  await post(note(DELIVERED).getByRole('button', { name: 'Add idea' }));
  assert.deepEqual(await note(DELIVERED).locator('.idea-lane li.idea .text').allTextContents(), ['Text the delivery slot']);
  // Chosen, then turned into an action in place.
  await command(owner, at, [['op', 'change_phase'], ['expected', 'ideas'], ['target', 'select_plan']]);
  await page.goto(`${h.base}${board}`);
  await post(note(DELIVERED).getByRole('button', { name: 'Choose' }));
  const idea = note(DELIVERED).locator('li.idea');
  await idea.locator('details.plan-idea > summary').click();
  assert.equal(await idea.locator('input[name=what]').inputValue(), 'Text the delivery slot');
  await idea.locator('input[name=owner_name]').fill('Olivia Owner');
  await post(idea.getByRole('button', { name: 'Save action' }));
  assert.match(await note(DELIVERED).locator('.idea-lane .planned').innerText(), /Action: Text the delivery slot — Olivia Owner/);
  assert.deepEqual(h.pageErrors, []);
});
