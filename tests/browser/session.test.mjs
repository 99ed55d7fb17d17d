// A whole five-step session, as a workshop runs it: the facilitator (the
// owner, on a laptop) leads three guests on phones through every phase, and
// every guest's panel follows live, without reloading. Then a second session
// on the same journey reviews the first one's action and shows how the
// agreed rating moved.
//
// Screenshots of the panel in each phase (phone and laptop) go to
// tests/browser/screenshots/ (not committed) for a person to look at.
//
// Steps that can go on after a failure are run through `check`, so one run
// reports every problem; the test fails at the end if any check failed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import {
  harness, DESKTOP, PHONE, TIMEOUT, SCREENSHOTS, ensureScreenshotDir, joinLink, joinAsGuest,
  openBoard, waitLive, addNote, waitUntil,
  panelShot,
} from './helpers.mjs';

const h = harness();

// Board order: the tally keeps this order within a tie.
const MOMENTS = [
  ['Pre-engagement', 'Finds us online', 'WEB · Website'],
  ['Pre-engagement', 'Phones to ask about stock', 'TEL · Phone call, 1-on-1'],
  ['Engagement', 'Greeted at the door', 'F2F · Face-to-face, 1-on-1'],
  ['Engagement', 'Pays at the till', 'No channel yet'],
  ['Post-sale', 'Gets a delivery date by email', 'MAIL · Email'],
  ['Post-sale', 'Sofa is delivered', 'No channel yet'],
];
const [ONLINE, PHONES, GREETED, TILL, DELIVERY_EMAIL, DELIVERED] = MOMENTS.map((m) => m[1]);
const GUESTS = ['Ada', 'Ben', 'Cy'];
const PHASES = ['Capture', 'Colour-code', 'Prioritise', 'Assess', 'Ideas', 'Select & plan', 'Wrap-up'];

const ISSUE = 'The date arrives two days after the order and is often wrong';
const IDEAS = {
  Ada: 'Text the delivery date the moment the order is placed',
  Ben: 'Let customers pick a delivery slot online',
  Cy: 'Money back if the date slips',
};
const ACTION = 'Add a delivery-slot picker to the checkout';

/** YYYY-MM-DD plus `days`, in UTC (the server's "today" is UTC). */
function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ---- in-page readers (used with waitUntil's describe) --------------------------

function readPanel() {
  const p = document.getElementById('session-panel');
  if (!p) return { present: false };
  return {
    present: true,
    session: p.dataset.session,
    phase: p.dataset.phase,
    current: [...p.querySelectorAll('.phases li.current')].map((li) => li.textContent.trim()),
    text: p.innerText.slice(0, 1500),
  };
}

function readTally() {
  return [...document.querySelectorAll('#session-panel .tally li')].map((li) => li.innerText.replace(/\s+/g, ' ').trim());
}

// ---- the test ------------------------------------------------------------------

test('a whole session with a facilitator and three guests on phones, then a follow-up session', { timeout: 300_000 }, async () => {
  await ensureScreenshotDir();
  const failures = [];
  /** Runs a step; a failure is recorded and the run goes on. */
  async function check(what, fn) {
    try {
      await fn();
    } catch (e) {
      failures.push(`${what}: ${e.message}`);
      console.log(`CHECK FAILED — ${what}: ${e.message}`);
    }
  }

  // ---- the owner's board with six moments --------------------------------------
  const { page: owner } = await h.page('owner', DESKTOP, { owner: true });
  const { journeyId, boardUrl } = await h.journey(owner, 'New customer buys a sofa');
  const link = await joinLink(owner, h.base, journeyId);
  await openBoard(owner, boardUrl);
  for (const [stageName, title, channel] of MOMENTS) await addNote(owner, stageName, title, { channel });

  // ---- three guests join on phones ----------------------------------------------
  const guests = {};
  const wsFrames = {};
  for (const name of GUESTS) {
    const { page, context } = await h.page(`guest ${name}`, PHONE);
    wsFrames[name] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (f) => { if (typeof f.payload === 'string') wsFrames[name].push(f.payload); }));
    await joinAsGuest(page, link, name);
    await waitLive(page);
    assert.equal((await page.textContent('header .who')).trim(), name);
    await page.evaluate(() => { window.__sameDocument = true; });
    guests[name] = { page, context };
  }
  const [ada, ben, cy] = GUESTS.map((n) => guests[n].page);
  const everyone = [['owner', owner], ...GUESTS.map((n) => [n, guests[n].page])];
  const guestPages = GUESTS.map((n) => [n, guests[n].page]);

  // Helpers bound to this board.
  const panel = (page) => page.locator('#session-panel');
  const sessionUrl = (sid) => `/j/${journeyId}/sessions/${sid}`;

  async function waitPanel(page, who, fn, arg, message) {
    await waitUntil(page, fn, arg, { message: `${who}: ${message}`, describe: readPanel });
  }
  async function waitPanelText(page, who, re, message) {
    await waitPanel(page, who, (src) => {
      const p = document.getElementById('session-panel');
      return p && new RegExp(src[0], src[1]).test(p.innerText);
    }, [re.source, re.flags], message || `panel text ${re}`);
  }
  async function waitPhase(page, who, label) {
    await waitPanel(page, who, (l) => {
      const cur = [...document.querySelectorAll('#session-panel .phases li.current')];
      return cur.length === 1 && cur[0].textContent.replace(/^\s*\d+(\/\d+)?\s*/, '').trim() === l
        && cur[0].getAttribute('aria-current') === 'step';
    }, label, `current phase "${label}"`);
  }
  /** The facilitator presses "<next> →" and every screen follows. */
  async function nextPhase(label) {
    await panel(owner).locator('.session-bar').getByRole('button', { name: `${label} →`, exact: true }).click();
    for (const [who, page] of everyone) await waitPhase(page, who, label);
  }
  /** In-page fetch POST of a session command, as a crafted request would be sent. */
  async function craftedPost(page, url, fields) {
    return page.evaluate(async ([u, f]) => {
      const csrf = document.querySelector('meta[name=csrf-token]').content;
      const res = await fetch(u, { method: 'POST', headers: { 'x-mot-fetch': '1', 'x-csrf-token': csrf }, body: new URLSearchParams({ _csrf: csrf, ...f }) });
      let json = null;
      const text = await res.text();
      try { json = JSON.parse(text); } catch { /* not JSON */ }
      return { status: res.status, json, text: text.slice(0, 300) };
    }, [url, fields]);
  }
  /** Screenshots of the panel: the laptop owner and the phone of `guest`, plus the phone's viewport. */
  let shot = 0;
  async function screenshots(slug, guest = ada) {
    shot += 1;
    const n = String(shot).padStart(2, '0');
    for (const page of [owner, guest]) {
      await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: TIMEOUT });
    }
    await panelShot(owner, path.join(SCREENSHOTS, `session-${n}-${slug}-desktop-1280x800.png`));
    await panelShot(guest, path.join(SCREENSHOTS, `session-${n}-${slug}-phone-375x812.png`));
    await guest.evaluate(() => document.querySelector('#session-panel .session-bar')?.scrollIntoView({ block: 'start' }));
    await guest.screenshot({ path: path.join(SCREENSHOTS, `session-${n}-${slug}-phone-375x812-viewport.png`) });
    await guest.evaluate(() => window.scrollTo(0, 0));
    // Nothing on the phone is wider than the screen.
    await check(`${slug}: the phone page does not scroll sideways`, async () => {
      const wide = await guest.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        offenders: [...document.querySelectorAll('#session-panel *')].filter((e) => !e.closest('.sr-only') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${e.textContent.trim().slice(0, 30)}"`),
      }));
      assert.ok(wide.scrollWidth <= wide.clientWidth && wide.offenders.length === 0, JSON.stringify(wide));
    });
  }
  /** The board itself (the notes with their lanes), on the owner's laptop and a guest's phone. */
  async function boardShots(slug, guest) {
    for (const [page, size] of [[owner, 'desktop-1280x800'], [guest, 'phone-375x812']]) {
      await page.evaluate(() => document.getElementById('board')?.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: path.join(SCREENSHOTS, `session-${slug}-${size}.png`) });
      await page.evaluate(() => window.scrollTo(0, 0));
    }
  }


  // ---- Session 1: start ---------------------------------------------------------
  for (const [who, page] of guestPages) {
    assert.equal(await panel(page).locator('details.start-session').count(), 0, `${who} (a guest) is offered "Start a session"`);
  }
  const today = await owner.inputValue('#ss-date').catch(() => null);
  await owner.locator('#session-panel details.start-session summary', { hasText: 'Start a session' }).click();
  assert.ok(/^\d{4}-\d{2}-\d{2}$/.test(today || ''), `the start form's date is today: ${today}`);
  await owner.fill('#ss-title', 'Sofa journey, first session');
  await owner.fill('#ss-cap', '3');
  await Promise.all([
    owner.waitForURL(`${boardUrl}#session-panel`),
    owner.getByRole('button', { name: 'Start the session' }).click(),
  ]);
  await waitLive(owner);
  await waitPhase(owner, 'owner', 'Capture');
  const sid1 = await panel(owner).getAttribute('data-session');
  assert.match(sid1, /^\d+$/);
  for (const [who, page] of guestPages) {
    await waitPhase(page, who, 'Capture');
    assert.equal(await panel(page).getAttribute('data-session'), sid1);
    assert.match(await panel(page).locator('#session-title').textContent(), /Sofa journey, first session/);
    // Guests don't get the facilitator's controls.
    assert.equal(await panel(page).getByRole('button', { name: 'Colour-code →' }).count(), 0, `${who} sees the facilitator's "Next" button`);
  }
  await screenshots('capture');

  await nextPhase('Colour-code');
  await screenshots('colour-code');
  await nextPhase('Prioritise');

  // ---- Prioritise: the timer --------------------------------------------------
  await check('a 2-minute timer counts down on every screen', async () => {
    await panel(owner).getByRole('button', { name: 'Timer 2 min' }).click();
    const ends = [];
    for (const [who, page] of everyone) {
      await waitPanel(page, who, () => /^Timer: [12]:\d\d left$/.test(document.getElementById('timer')?.textContent || ''), null, 'the timer to show about 2 minutes left');
      const first = await page.textContent('#timer');
      const secs = (t) => { const m = t.match(/(\d+):(\d\d)/); return Number(m[1]) * 60 + Number(m[2]); };
      assert.ok(secs(first) > 100 && secs(first) <= 120, `${who}: timer shows ${first}`);
      // It counts down: wait for a smaller number (the page ticks every second).
      await waitUntil(page, ([s]) => {
        const m = (document.getElementById('timer')?.textContent || '').match(/(\d+):(\d\d)/);
        return m && Number(m[1]) * 60 + Number(m[2]) < s;
      }, [secs(first)], { timeout: 5000, message: `${who}: the timer to count down from ${first}`, describe: () => document.getElementById('timer')?.textContent });
      ends.push(await panel(page).getAttribute('data-timer-ends'));
    }
    assert.equal(new Set(ends).size, 1, `every screen counts down to the same moment: ${ends}`);
  });

  // ---- Prioritise: dots ---------------------------------------------------------
  // The dots go on the notes of the board.
  const noteOf = (page, title) => page.locator('#board .note').filter({ has: page.locator('.title', { hasText: new RegExp(`^${title}$`) }) });
  const dotButton = (page, title) => noteOf(page, title).getByRole('button', { name: `Put a dot on ${title}`, exact: true });
  async function vote(page, who, titles) {
    for (const t of titles) {
      const before = await page.evaluate(() => document.querySelector('#session-panel .phase-body > p strong')?.textContent);
      await dotButton(page, t).tap();
      await waitPanel(page, who, ([title, b]) => {
        const n = [...document.querySelectorAll('#board .note')].find((x) => x.querySelector('.title')?.textContent === title);
        return n && (n.querySelector('.note-marks .dots')?.textContent || '').includes('●') && document.querySelector('#session-panel .phase-body > p strong')?.textContent !== b;
      }, [t, before], `a dot on "${t}"`);
    }
  }
  // Ada spends all five dots; Ben and Cy three each. M2 and M4 tie at the top.
  await check('Ada puts five dots and the "+ dot" buttons are then disabled', async () => {
    await waitPanelText(ada, 'Ada', /You have 5 of 5 dots left/);
    await vote(ada, 'Ada', [ONLINE, PHONES, GREETED, TILL, DELIVERY_EMAIL]);
    await waitPanelText(ada, 'Ada', /You have 0 of 5 dots left/);
    const buttons = await ada.locator('#board .note-marks button[aria-label^="Put a dot on"]').evaluateAll((bs) => bs.map((b) => ({ label: b.getAttribute('aria-label'), disabled: b.getAttribute('aria-disabled') === 'true' })));
    assert.equal(buttons.length, MOMENTS.length);
    assert.deepEqual(buttons.filter((b) => !b.disabled), [], 'some "+ dot" buttons are still enabled after five dots');
  });
  await check('a sixth dot sent by a crafted fetch is refused with a clear message', async () => {
    const moments = await ada.evaluate(() => [...document.querySelectorAll('#board .note-marks form:has(input[name=op][value=vote]) input[name=moment_id]')].map((i) => i.value));
    const sixth = moments[moments.length - 1];
    const r = await craftedPost(ada, sessionUrl(sid1), { op: 'vote', moment_id: sixth });
    assert.equal(r.status, 409, JSON.stringify(r));
    assert.match(r.json?.error?.message || '', /used all 5 of your dots/i, JSON.stringify(r));
    await waitPanelText(ada, 'Ada', /You have 0 of 5 dots left/);
  });
  await check('Ben and Cy put three dots each', async () => {
    await vote(ben, 'Ben', [GREETED, DELIVERY_EMAIL, DELIVERED]);
    await vote(cy, 'Cy', [PHONES, GREETED, DELIVERY_EMAIL]);
  });
  await check('votes stay hidden before the reveal', async () => {
    for (const [who, page] of everyone) {
      await waitPanelText(page, who, /11 dots from 3 people so far/);
      assert.equal(await panel(page).locator('.tally').count(), 0, `${who} sees a tally before the reveal`);
      assert.doesNotMatch(await panel(page).innerText(), /Votes revealed/);
    }
    // Cy sees only Cy's own dots: none on "Finds us online", which only Ada dotted.
    const cyDots = await cy.evaluate(() => Object.fromEntries([...document.querySelectorAll('#board .note')].map((n) => [n.querySelector('.title').textContent, (n.querySelector('.note-marks .dots')?.textContent || '').length])));
    assert.deepEqual(cyDots, { [ONLINE]: 0, [PHONES]: 1, [GREETED]: 1, [TILL]: 0, [DELIVERY_EMAIL]: 1, [DELIVERED]: 0 });
    // Nor does the live feed carry who voted for what.
    for (const name of GUESTS) {
      const leaks = wsFrames[name].map((p) => { try { return JSON.parse(p); } catch { return {}; } })
        .filter((f) => f.type === 'votes_changed' && Object.keys(f).some((k) => !['type', 'seq', 'session_id', 'dots', 'voters'].includes(k)));
      assert.deepEqual(leaks, [], `${name}'s live feed carries per-moment votes`);
    }
  });
  await screenshots('prioritise-voting', cy);

  // ---- "I'm done" ---------------------------------------------------------------
  await check('guests say they are done and the facilitator sees their names', async () => {
    for (const [who, page] of guestPages) {
      await panel(page).getByRole('button', { name: "I'm done", exact: true }).tap();
      await waitPanel(page, who, () => document.querySelector('#session-panel .session-tools button[aria-pressed=true]')?.textContent.includes("I'm done"), null, 'the pressed "I\'m done" button');
    }
    await waitPanelText(owner, 'owner', /3 done: /, 'the owner to see 3 done');
    const list = await panel(owner).locator('.done-list').innerText();
    for (const name of GUESTS) assert.match(list, new RegExp(`\\b${name}\\b`), `owner's done list: ${list}`);
    assert.doesNotMatch(list, /Still working/, `owner's done list: ${list}`);
    for (const [who, page] of guestPages) await waitPanelText(page, who, /3 done/);
  });
  await screenshots('prioritise-done', ben);

  // ---- Reveal: the tally with ties -----------------------------------------------
  await check('the owner reveals the votes and every guest sees the tally with its ties', async () => {
    await panel(owner).getByRole('button', { name: 'Reveal the votes' }).click();
    const expected = [
      `#1 ${GREETED} — 3 dots tie`,
      `#1 ${DELIVERY_EMAIL} — 3 dots tie`,
      `#3 ${PHONES} — 2 dots`,
      `#4 ${ONLINE} — 1 dot tie`,
      `#4 ${TILL} — 1 dot tie`,
      `#4 ${DELIVERED} — 1 dot tie`,
    ];
    for (const [who, page] of everyone) {
      await waitUntil(page, (exp) => JSON.stringify([...document.querySelectorAll('#session-panel .tally li')].map((li) => li.innerText.replace(/\s+/g, ' ').trim())) === JSON.stringify(exp),
        expected, { message: `${who}: the tally ${JSON.stringify(expected)}`, describe: readTally });
      assert.equal(await panel(page).locator('.tally .tie').count(), 5);
    }
    // Voting is closed now.
    assert.equal(await ben.getByRole('button', { name: /^Put a dot on/ }).count(), 0);
  });
  await screenshots('prioritise-revealed', cy);

  await check('the owner stars the three suggested priorities, takes one star off and puts it back, and every guest sees the stars', async () => {
    const stars = (page) => page.evaluate(() => [...document.querySelectorAll('#board .note')]
      .filter((n) => n.querySelector('.note-marks .star[aria-pressed=true], .note-marks span.star'))
      .map((n) => n.querySelector('.title').textContent.trim()));
    await panel(owner).getByRole('button', { name: 'Star the 3 suggested priorities' }).click();
    for (const [who, page] of everyone) {
      await waitPanelText(page, who, new RegExp(`Priorities: ${GREETED} · ${DELIVERY_EMAIL} · ${PHONES}`));
      await waitUntil(page, () => document.querySelectorAll('#board .note-marks .star').length > 0, null, { message: `${who}: stars on the notes` });
      assert.deepEqual(await stars(page), [PHONES, GREETED, DELIVERY_EMAIL], `${who}: the starred notes, in board order`);
    }
    // The facilitator's star on a note is a toggle; a guest's is a badge.
    assert.equal(await ada.locator('#board button.star').count(), 0, 'a guest has no star buttons');
    await owner.getByRole('button', { name: `${PHONES} is a priority: take its star off` }).click();
    await waitPanelText(owner, 'owner', new RegExp(`Priorities: ${GREETED} · ${DELIVERY_EMAIL}$`, 'm'));
    await waitUntil(ada, (t) => ![...document.querySelectorAll('#board .note')].some((n) => n.querySelector('.title').textContent.trim() === t && n.querySelector('.note-marks .star')), PHONES, { message: 'ada: the star taken off' });
    await owner.getByRole('button', { name: `Make ${PHONES} a priority` }).click();
    for (const [who, page] of everyone) {
      await waitPanelText(page, who, new RegExp(`Priorities: ${GREETED} · ${DELIVERY_EMAIL} · ${PHONES}`));
    }
  });

  // ---- Assess -------------------------------------------------------------------
  await nextPhase('Assess');
  const article = (page, title) => panel(page).locator('article.assess').filter({ has: page.locator('h3', { hasText: new RegExp(`^${title}$`) }) });
  /** The priorities show one at a time: goes back and forth until `title`'s card is in view. */
  async function showCard(page, title) {
    for (let i = 0; i < 6 && !(await article(page, title).isVisible()); i++) {
      const next = panel(page).locator('nav.assess-nav [data-assess=next]');
      if (await next.getAttribute('aria-disabled') === 'true') await panel(page).locator('nav.assess-nav [data-assess=prev]').click();
      else await next.click();
    }
    assert.ok(await article(page, title).isVisible(), `${title}'s card in view`);
  }
  await check('each card names its moment\'s stage and channel', async () => {
    await waitUntil(owner, () => document.querySelectorAll('#session-panel article.assess').length === 3, null, { message: 'three assess cards', describe: readPanel });
    await showCard(owner, DELIVERY_EMAIL);
    assert.equal((await article(owner, DELIVERY_EMAIL).locator('.place').innerText()).replace(/\s+/g, ' ').trim(), 'Stage: Post-sale · Channel: MAIL Email');
  });
  await check('guests rate privately (the team disagrees); nobody sees the spread before the reveal', async () => {
    for (const [who, page] of everyone) {
      await waitUntil(page, () => document.querySelectorAll('#session-panel article.assess').length === 3, null, { message: `${who}: three assess cards`, describe: readPanel });
    }
    const ratings = { Ada: 'Miserable', Ben: 'Magical', Cy: 'Miserable' };
    for (const [who, page] of guestPages) {
      await showCard(page, DELIVERY_EMAIL);
      // A face is the whole answer: one tap.
      await article(page, DELIVERY_EMAIL).getByRole('button', { name: ratings[who], exact: true }).tap();
      // The own choice shows as the pressed face after the refresh.
      await waitUntil(page, ([title, r]) => {
        const a = [...document.querySelectorAll('#session-panel article.assess')].find((x) => x.querySelector('h3').textContent === title);
        return a?.querySelector('.faces [aria-pressed=true] .word')?.textContent === r;
      }, [DELIVERY_EMAIL, ratings[who]], { message: `${who}: the rating saved (its face pressed)`, describe: readPanel });
    }
    for (const [who, page] of everyone) {
      await waitUntil(page, (title) => {
        const a = [...document.querySelectorAll('#session-panel article.assess')].find((x) => x.querySelector('h3').textContent === title);
        return a && /3 rating\(s\) given, hidden until revealed/.test(a.innerText);
      }, DELIVERY_EMAIL, { message: `${who}: "3 rating(s) given"`, describe: readPanel });
      assert.equal(await panel(page).locator('.spread').count(), 0, `${who} sees a spread before the reveal`);
    }
  });
  await screenshots('assess-rating', ben);

  await check('the owner reveals the ratings: everyone sees the spread and the disagreement', async () => {
    await showCard(owner, DELIVERY_EMAIL);
    await article(owner, DELIVERY_EMAIL).getByRole('button', { name: 'Reveal the ratings' }).click();
    for (const [who, page] of everyone) {
      await waitUntil(page, (title) => {
        const a = [...document.querySelectorAll('#session-panel article.assess')].find((x) => x.querySelector('h3').textContent === title);
        const sp = a?.querySelector('.spread')?.innerText.replace(/\s+/g, ' ').trim();
        return sp === '☹ Miserable 2 · = Neutral 0 · ★ Magical 1' && /The team disagrees/.test(a.innerText);
      }, DELIVERY_EMAIL, { message: `${who}: the spread 2 / 0 / 1 and the disagreement flag`, describe: readPanel });
    }
  });
  await check('the owner records the agreed rating and the issue; everyone sees it', async () => {
    const card = article(owner, DELIVERY_EMAIL);
    await card.locator('select[name=rating]').selectOption('miserable');
    await card.locator('textarea[name=issue]').fill(ISSUE);
    await card.getByRole('button', { name: 'Record' }).click();
    for (const [who, page] of everyone) {
      await waitUntil(page, ([title, issue]) => {
        const a = [...document.querySelectorAll('#session-panel article.assess')].find((x) => x.querySelector('h3').textContent === title);
        return a && a.innerText.replace(/\s+/g, ' ').includes(`Agreed: ☹ Miserable — ${issue}`);
      }, [DELIVERY_EMAIL, ISSUE], { message: `${who}: the agreed rating`, describe: readPanel });
    }
  });
  await screenshots('assess-revealed', ben);

  // ---- Ideas --------------------------------------------------------------------
  await nextPhase('Ideas');
  // The ideas go in a lane under each priority's note on the board.
  const lane = (page, title) => page.locator('#board .note').filter({ has: page.locator('.title', { hasText: new RegExp(`^${title}$`) }) }).locator('.idea-lane');
  const ideaItem = (page, text) => page.locator('#board .idea-lane li.idea').filter({ has: page.locator('.text', { hasText: new RegExp(`^${text}$`) }) });
  const readLanes = () => [...document.querySelectorAll('#board .note')].map((n) => [n.querySelector('.title').textContent, [...n.querySelectorAll('.idea-lane li.idea .text')].map((e) => e.textContent)]);
  await check('guests add ideas under the priority note and everyone sees them there', async () => {
    for (const [who, page] of guestPages) {
      const l = lane(page, DELIVERY_EMAIL);
      await l.locator('input[name=text]').fill(IDEAS[who]);
      await l.getByRole('button', { name: 'Add idea' }).tap();
      await ideaItem(page, IDEAS[who]).waitFor();
    }
    for (const [who, page] of everyone) {
      await waitUntil(page, ([title, texts]) => {
        const n = [...document.querySelectorAll('#board .note')].find((x) => x.querySelector('.title').textContent === title);
        return n && texts.every((t) => [...n.querySelectorAll('.idea-lane li.idea .text')].some((e) => e.textContent === t));
      }, [DELIVERY_EMAIL, Object.values(IDEAS)], { message: `${who}: all three ideas under "${DELIVERY_EMAIL}"`, describe: readLanes });
      await waitPanelText(page, who, new RegExp(`${DELIVERY_EMAIL}: 3 ideas`));
    }
  });
  await check('the idea box is emptied once the idea is added (a second tap must not add it twice)', async () => {
    for (const [who, page] of guestPages) {
      await waitUntil(page, (title) => {
        const n = [...document.querySelectorAll('#board .note')].find((x) => x.querySelector('.title').textContent === title);
        return n && n.querySelector('.idea-lane form.add-idea input[name=text]').value === '';
      }, DELIVERY_EMAIL, { message: `${who}: an empty idea box after adding an idea`, describe: readLanes });
    }
  });
  await check('an idea being typed survives the others\' ideas arriving', async () => {
    const box = lane(ada, GREETED).locator('input[name=text]');
    await box.fill('Half-typed idea');
    await box.focus();
    const l = lane(ben, GREETED);
    await l.locator('input[name=text]').fill('Greet by name');
    await l.getByRole('button', { name: 'Add idea' }).tap();
    await ideaItem(ada, 'Greet by name').waitFor();
    assert.equal(await box.inputValue(), 'Half-typed idea');
    assert.equal(await ada.evaluate(() => document.activeElement?.name), 'text', 'the focus stays in the idea box');
    await box.fill('');
    await ideaItem(ben, 'Greet by name').getByRole('button', { name: 'Remove' }).tap();
    await waitUntil(ada, () => ![...document.querySelectorAll('#board li.idea .text')].some((e) => e.textContent === 'Greet by name'), null, { message: 'the idea removed', describe: readLanes });
  });
  await check('a guest has a Remove button only on their own idea', async () => {
    for (const [who, page] of guestPages) {
      for (const [author, text] of Object.entries(IDEAS)) {
        const n = await ideaItem(page, text).getByRole('button', { name: 'Remove' }).count();
        assert.equal(n, author === who ? 1 : 0, `${who} sees ${n} Remove button(s) on ${author}'s idea`);
      }
    }
  });
  await check("a crafted remove_idea for another guest's idea is refused with 403", async () => {
    const adaIdeaId = await ideaItem(ada, IDEAS.Ada).locator('input[name=id]').inputValue();
    assert.match(adaIdeaId, /^\d+$/);
    const r = await craftedPost(ben, sessionUrl(sid1), { op: 'remove_idea', id: adaIdeaId });
    assert.equal(r.status, 403, JSON.stringify(r));
    assert.match(r.json?.error?.message || '', /another person's idea/i, JSON.stringify(r));
    // The idea is still there for everyone.
    for (const [who, page] of everyone) assert.equal(await ideaItem(page, IDEAS.Ada).count(), 1, `${who}: Ada's idea is gone`);
  });
  await screenshots('ideas', ben);
  await boardShots('ideas-board', ben);

  // ---- Select & plan ------------------------------------------------------------
  await nextPhase('Select & plan');
  const meritButton = (page, text) => ideaItem(page, text).getByRole('button', { name: /^\+1 merit/ });
  await check('guests mark merit; the owner chooses an idea and everyone sees the counts', async () => {
    for (const [who, page] of [['Ada', ada], ['Cy', cy]]) {
      await meritButton(page, IDEAS.Ben).tap();
      await waitUntil(page, (t) => {
        const li = [...document.querySelectorAll('#board li.idea')].find((x) => x.querySelector('.text').textContent === t);
        return li?.querySelector('button[aria-pressed=true]')?.textContent.startsWith('✓ Merit');
      }, IDEAS.Ben, { message: `${who}: the pressed merit button`, describe: readLanes });
    }
    for (const [who, page] of everyone) {
      await waitUntil(page, (t) => {
        const li = [...document.querySelectorAll('#board li.idea')].find((x) => x.querySelector('.text').textContent === t);
        return /(\+1 merit|✓ Merit) · 2/.test(li?.innerText || '');
      }, IDEAS.Ben, { message: `${who}: "merit · 2" on Ben's idea`, describe: readLanes });
    }
    // Only the facilitator chooses.
    assert.equal(await ben.locator('#board').getByRole('button', { name: 'Choose' }).count(), 0, 'a guest sees "Choose"');
    await ideaItem(owner, IDEAS.Ben).getByRole('button', { name: 'Choose' }).click();
    for (const [who, page] of everyone) {
      await waitUntil(page, (t) => [...document.querySelectorAll('#board li.idea.picked .text')].some((e) => e.textContent === t),
        IDEAS.Ben, { message: `${who}: Ben's idea chosen`, describe: readLanes });
    }
  });
  const due = addDays(today, 14);
  const steps = [['Offer three delivery slots', addDays(today, 7), 'slots offered'], ['Let customers pick any weekday', addDays(today, 14), 'picks per week']];
  await check('the owner turns the chosen idea into an action in place, with a ladder of two steps; everyone sees it', async () => {
    const idea = ideaItem(owner, IDEAS.Ben);
    await idea.locator('details.plan-idea > summary').click();
    const ideaId = await idea.getAttribute('data-idea');
    const p = `#ai${ideaId}`;
    assert.equal(await owner.inputValue(`${p}-what`), IDEAS.Ben, 'the action starts from the idea\'s words');
    await owner.fill(`${p}-what`, ACTION);
    await owner.fill(`${p}-owner`, 'Olivia Owner');
    assert.deepEqual(await owner.locator(`${p}-people option`).evaluateAll((os) => os.map((o) => o.value)).then((v) => v.includes('Ada')), true, 'the people of the board are offered');
    await owner.fill(`${p}-due`, due);
    await owner.selectOption(`${p}-from`, 'miserable');
    await owner.selectOption(`${p}-to`, 'neutral');
    // A merit from a guest meanwhile redraws the lane: what is typed stays.
    await meritButton(ben, IDEAS.Ada).tap();
    await waitUntil(owner, (t) => /· 1/.test([...document.querySelectorAll('#board li.idea')].find((x) => x.querySelector('.text').textContent === t)?.innerText || ''), IDEAS.Ada, { message: 'the merit on Ada\'s idea', describe: readLanes });
    assert.equal(await owner.inputValue(`${p}-what`), ACTION, 'the action being typed survived the redraw');
    for (const [i, [text, target, measure]] of steps.entries()) {
      if (i > 0) await idea.getByRole('button', { name: '+ Add a step' }).click();
      await owner.fill(`${p}-step-text-${i}`, text);
      await owner.fill(`${p}-step-date-${i}`, target);
      await owner.fill(`${p}-step-measure-${i}`, measure);
    }
    await idea.getByRole('button', { name: 'Save action' }).click();
    for (const [who, page] of everyone) {
      await waitUntil(page, (what) => [...document.querySelectorAll('#session-panel .actions-list li')].some((li) => li.querySelector('strong')?.textContent === what),
        ACTION, { message: `${who}: the action`, describe: readPanel });
      const li = panel(page).locator('.actions-list > li', { has: page.locator('strong', { hasText: ACTION }) });
      const line = (await li.innerText()).replace(/\s+/g, ' ');
      assert.match(line, new RegExp(`Olivia Owner, by ${due} \\(Miserable → Neutral\\)`), `${who}: ${line}`);
      assert.match(line, new RegExp(DELIVERY_EMAIL), `${who}: ${line}`);
      assert.deepEqual((await li.locator('ol.steps li').allInnerTexts()).map((t) => t.trim()),
        steps.map(([t, d, m]) => `${t} — by ${d} (${m})`), `${who}: the ladder`);
    }
    // On the board, the idea now shows its action instead of the form.
    await waitUntil(owner, (t) => {
      const li = [...document.querySelectorAll('#board li.idea')].find((x) => x.querySelector('.text').textContent === t);
      return li && !li.querySelector('details.plan-idea') && /Action: /.test(li.querySelector('.planned')?.textContent || '');
    }, IDEAS.Ben, { message: 'the action on the idea', describe: readLanes });
  });
  await screenshots('select-plan', cy);

  // ---- Wrap-up ------------------------------------------------------------------
  await nextPhase('Wrap-up');
  const nextOn = addDays(today, 28);
  await check('the owner books the next session; a guest downloads it as an .ics', async () => {
    await owner.fill('#next-date', nextOn);
    await panel(owner).getByRole('button', { name: 'Book', exact: true }).click();
    for (const [who, page] of everyone) await waitPanelText(page, who, new RegExp(`Next session: ${nextOn}`));
    const a = panel(cy).getByRole('link', { name: 'Add to my calendar (.ics)' });
    const href = await a.getAttribute('href');
    assert.equal(href, `/j/${journeyId}/sessions/${sid1}/next.ics`);
    const res = await guests.Cy.context.request.get(`${h.base}${href}`);
    assert.equal(res.status(), 200);
    assert.match(res.headers()['content-type'], /^text\/calendar\b/);
    const body = (await res.body()).toString('utf8');
    const lines = body.split('\r\n');
    assert.equal(lines.pop(), '', 'the file ends with CRLF');
    assert.ok(lines.every((l) => !l.includes('\n')), 'every line ends with CRLF');
    const long = lines.filter((l) => Buffer.byteLength(l, 'utf8') > 75);
    assert.deepEqual(long, [], 'lines longer than 75 octets');
    const unfolded = body.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
    assert.equal(unfolded[0], 'BEGIN:VCALENDAR');
    assert.equal(unfolded[unfolded.length - 1], 'END:VCALENDAR');
    assert.ok(unfolded.includes('BEGIN:VEVENT') && unfolded.includes('END:VEVENT'));
    assert.ok(unfolded.some((l) => /^VERSION:2\.0$/.test(l)) && unfolded.some((l) => /^PRODID:/.test(l)) && unfolded.some((l) => /^UID:\S+/.test(l)) && unfolded.some((l) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(l)));
    assert.deepEqual(unfolded.filter((l) => l.startsWith('DTSTART')), [`DTSTART;VALUE=DATE:${nextOn.replaceAll('-', '')}`]);
    assert.deepEqual(unfolded.filter((l) => l.startsWith('DTEND')), [`DTEND;VALUE=DATE:${addDays(nextOn, 1).replaceAll('-', '')}`]);
    assert.ok(unfolded.some((l) => l === 'SUMMARY:Moments of Truth: New customer buys a sofa'), unfolded.join('\n'));
  });
  await screenshots('wrap-up', cy);

  await check('the journey map to take away: SVG, PNG and an A3 PDF with every note, the priorities, the faces and the actions', async () => {
    const squash = (t) => t.replace(/\s+/g, '');
    const expected = [...MOMENTS.map((m) => m[1]), ...new Set(MOMENTS.map((m) => m[0])), '★ Priority', '☹ Miserable', '1 action', 'WEB · Website', 'MAIL · Email', `next session ${nextOn}`];
    // SVG, read by the browser's own XML parser.
    const svgRes = await owner.context().request.get(`${h.base}/j/${journeyId}/map.svg`);
    assert.equal(svgRes.status(), 200);
    assert.match(svgRes.headers()['content-type'], /^image\/svg\+xml/);
    assert.match(svgRes.headers()['content-disposition'], /attachment; filename="new-customer-buys-a-sofa-map\.svg"/);
    const parsed = await owner.evaluate((text) => {
      const d = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: d.querySelector('parsererror')?.textContent || null, root: d.documentElement.localName, text: [...d.querySelectorAll('text')].map((t) => t.textContent).join(' ') };
    }, (await svgRes.body()).toString('utf8'));
    assert.equal(parsed.error, null);
    assert.equal(parsed.root, 'svg');
    for (const e of expected) assert.ok(squash(parsed.text).includes(squash(e)), `the SVG lacks "${e}": ${parsed.text}`);
    // PNG, made by the page from the SVG: twice the A3 poster's size in points.
    const [download] = await Promise.all([owner.waitForEvent('download'), owner.locator('button.map-png').first().click()]);
    assert.equal(download.suggestedFilename(), 'new-customer-buys-a-sofa-map.png');
    const png = await readFile(await download.path());
    await download.saveAs(path.join(SCREENSHOTS, 'session-journey-map.png'));
    assert.equal(png.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'a PNG signature');
    assert.equal(png.subarray(12, 16).toString('ascii'), 'IHDR');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [2 * 1191, 2 * 842], "twice the A3 poster in points, whole pixels");
    // PDF: A3 landscape, every note's words (read by pdf.js).
    const pdfRes = await guests.Cy.context.request.get(`${h.base}/j/${journeyId}/map.pdf`);
    assert.equal(pdfRes.status(), 200, 'a guest takes the map away too');
    assert.equal(pdfRes.headers()['content-type'], 'application/pdf');
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(await pdfRes.body()), isEvalSupported: false }).promise;
    assert.equal(doc.numPages, 1);
    const page = await doc.getPage(1);
    assert.deepEqual(page.view.map((v) => Math.round(v)), [0, 0, 1191, 842]);
    const text = (await page.getTextContent()).items.map((i) => i.str).join(' ');
    for (const e of expected) assert.ok(squash(text).includes(squash(e)), `the PDF lacks "${e}": ${text}`);
  });

  // The contact planning form page.
  await check('the contact planning form page has the assessed row', async () => {
    const res = await owner.request.get(`${h.base}/j/${journeyId}/sessions/${sid1}/form`);
    assert.equal(res.status(), 200);
    const { page: formPage } = await h.page('owner form', DESKTOP, { owner: true });
    await formPage.goto(`${h.base}/j/${journeyId}/sessions/${sid1}/form`);
    const row = formPage.locator('tr', { hasText: DELIVERY_EMAIL });
    await row.first().waitFor();
    const text = (await row.first().innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Miserable/, text);
    assert.match(text, new RegExp(ISSUE), text);
    assert.match(text, new RegExp(ACTION), text);
    await formPage.screenshot({ path: path.join(SCREENSHOTS, 'session-form-desktop-1280x800.png'), fullPage: true });
  });

  // ---- Session 2 on the same journey --------------------------------------------
  let sid2 = null;
  await check('the owner can start a second session from the board', async () => {
    const start = panel(owner).locator('details.start-session summary', { hasText: 'Start the next session' });
    assert.equal(await start.count(), 1, 'after a session there is no "Start the next session" on the board');
  });
  if (await panel(owner).locator('details.start-session').count()) {
    await panel(owner).locator('details.start-session summary').click();
    await owner.fill('#ss-title', 'Sofa journey, follow-up');
    await Promise.all([
      owner.waitForURL(`${boardUrl}#session-panel`),
      owner.getByRole('button', { name: 'Start the session' }).click(),
    ]);
  } else {
    // Go on with the same form post the start form sends, so the rest of the follow-up is still checked.
    const r = await owner.evaluate(async ([jid, held]) => {
      const csrf = document.querySelector('meta[name=csrf-token]').content;
      const res = await fetch(`/j/${jid}/sessions`, { method: 'POST', body: new URLSearchParams({ _csrf: csrf, title: 'Sofa journey, follow-up', held_on: held, vote_limit: '5', priority_cap: '5' }) });
      return res.status;
    }, [journeyId, today]);
    assert.equal(r, 200, 'starting the second session by the start form post');
    await owner.goto(boardUrl);
  }
  await waitLive(owner);
  await waitPanel(owner, 'owner', (s1) => document.getElementById('session-panel')?.dataset.session !== s1, sid1, 'the new session');
  sid2 = await panel(owner).getAttribute('data-session');
  for (const [who, page] of everyone) {
    await waitPanel(page, who, (s) => document.getElementById('session-panel')?.dataset.session === s, sid2, `session ${sid2} in the panel`);
    await waitPhase(page, who, 'Capture');
  }

  await check('Capture of session 2 reviews the open action and lists the ratings so far', async () => {
    for (const [who, page] of everyone) {
      await waitPanelText(page, who, /Review of open actions/);
      const review = panel(page).locator('.actions-list > li', { has: page.locator('strong', { hasText: ACTION }) });
      assert.equal(await review.count(), 1, `${who}: the action of session 1 in the review`);
      assert.equal((await review.locator('.status').textContent()).trim(), 'open');
      assert.equal(await review.locator('ol.steps li').count(), 2);
      await waitPanelText(page, who, /Ratings so far/);
      const moved = (await panel(page).locator('ul.movement').innerText()).replace(/\s+/g, ' ');
      assert.match(moved, new RegExp(`${DELIVERY_EMAIL}: last rated Miserable`), `${who}: ${moved}`);
    }
    // Only the facilitator can change the status.
    assert.equal(await panel(ada).getByRole('button', { name: 'Update' }).count(), 0);
  });
  await check('the owner sets the action to "doing" and everyone sees it', async () => {
    const review = panel(owner).locator('.actions-list > li', { has: owner.locator('strong', { hasText: ACTION }) });
    await review.locator('select[name=status]').selectOption('doing');
    await review.getByRole('button', { name: 'Update' }).click();
    for (const [who, page] of everyone) {
      await waitUntil(page, (what) => {
        const li = [...document.querySelectorAll('#session-panel .actions-list > li')].find((x) => x.querySelector('strong')?.textContent === what);
        return li?.querySelector('.status.s-doing')?.textContent === 'doing';
      }, ACTION, { message: `${who}: the action's status "doing"`, describe: readPanel });
    }
  });
  await screenshots('s2-capture-review', ada);

  await nextPhase('Colour-code');
  await nextPhase('Prioritise');
  await check('session 2: one dot, the reveal and the priority', async () => {
    await vote(ada, 'Ada', [DELIVERY_EMAIL]);
    await panel(owner).getByRole('button', { name: 'Reveal the votes' }).click();
    for (const [who, page] of everyone) {
      await waitUntil(page, (t) => (document.querySelector('#session-panel .tally li')?.innerText || '').replace(/\s+/g, ' ').trim() === `#1 ${t} — 1 dot`,
        DELIVERY_EMAIL, { message: `${who}: the tally of session 2`, describe: readTally });
    }
    await owner.getByRole('button', { name: `Make ${DELIVERY_EMAIL} a priority` }).click();
    for (const [who, page] of everyone) await waitPanelText(page, who, new RegExp(`Priorities: ${DELIVERY_EMAIL}$`, 'm'));
  });
  await nextPhase('Assess');
  await check('session 2: the new agreed rating shows the movement Miserable → Neutral', async () => {
    for (const [who, page] of everyone) await article(page, DELIVERY_EMAIL).waitFor();
    const card = article(owner, DELIVERY_EMAIL);
    await card.locator('select[name=rating]').selectOption('neutral');
    await card.locator('textarea[name=issue]').fill('Date now sent the same day; slots not yet offered');
    await card.getByRole('button', { name: 'Record' }).click();
    for (const [who, page] of everyone) {
      await waitUntil(page, (title) => {
        const a = [...document.querySelectorAll('#session-panel article.assess')].find((x) => x.querySelector('h3').textContent === title);
        const t = a?.innerText.replace(/\s+/g, ' ') || '';
        return t.includes('Since last session: Miserable → Neutral') && t.includes('Agreed: = Neutral');
      }, DELIVERY_EMAIL, { message: `${who}: "Since last session: Miserable → Neutral"`, describe: readPanel });
    }
  });
  await screenshots('s2-assess-movement', ada);

  // ---- the end --------------------------------------------------------------------
  for (const [who, page] of guestPages) {
    assert.equal(await page.evaluate(() => window.__sameDocument), true, `${who}'s page reloaded`);
  }
  const errors = h.problems.filter((p) => !/Failed to load resource: the server responded with a status of (403|409)/.test(p));
  assert.deepEqual(failures, [], `\n${failures.join('\n\n')}`);
  assert.deepEqual(h.pageErrors, []);
  assert.deepEqual(errors, [], 'console errors');
});
