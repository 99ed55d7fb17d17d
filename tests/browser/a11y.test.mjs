// Accessibility: axe-core (pinned in package.json) runs on every page type —
// setup, login, join, home, business, the board as owner and as guest in
// each session phase, the planning form, share, standards, the note and
// stage editors, template, round (with new links), rater and results — on a
// phone (375×812) and a laptop (1280×800): no critical or serious violation.
// Then what axe does not measure: the focus ring's contrast, a skip link to
// "Add a moment", 44 px touch targets on a phone, and the visual order of
// right-to-left titles beside other text.
//
// axe is injected with page.evaluate (a DevTools evaluation, which the
// page's Content-Security-Policy does not govern; an inline <script> tag
// would be refused).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  harness, startServer, launchBrowser, DESKTOP, PHONE, TIMEOUT, joinLink, joinAsGuest, openBoard, waitLive, waitUntil,
} from './helpers.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const VIEWPORTS = [['laptop', DESKTOP], ['phone', PHONE]];

const h = harness();

/** Runs axe on the page; returns its critical and serious violations as lines. */
async function axeProblems(page, label) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} — ${(n.failureSummary || '').split('\n').slice(1, 2).join(' ').trim()}`) }));
  });
  return found.map((v) => `${label}: [${v.impact}] ${v.id} (${v.help}) at ${v.nodes.join(' | ')}`);
}

/** Opens `url` in each page of `pages` ([label, page]) and audits it; problems are added to `out`. */
async function auditAll(pages, url, what, out, { live = false } = {}) {
  for (const [label, page] of pages) {
    await page.goto(url);
    if (live) await waitLive(page);
    out.push(...await axeProblems(page, `${what} (${label})`));
  }
}

/** Today, YYYY-MM-DD in UTC (the server's "today"). */
const today = (days = 0) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Posts a form as the page script does (x-mot-fetch, the session's CSRF
 * token) from `page`'s context; `fields` is a list of [name, value] pairs.
 * Resolves to the response; fails on an error status.
 */
async function send(page, path, fields, { fetch = true } = {}) {
  const csrf = await page.getAttribute('meta[name=csrf-token]', 'content');
  const body = new URLSearchParams([['_csrf', csrf], ...fields]).toString();
  const headers = { 'content-type': 'application/x-www-form-urlencoded', ...(fetch ? { 'x-mot-fetch': '1', 'x-csrf-token': csrf } : {}) };
  const res = await page.request.post(`${h.base}${path}`, { data: body, headers, maxRedirects: 0 });
  assert.ok(res.status() < 400, `${path} ${JSON.stringify(fields)}: ${res.status()} ${await res.text()}`);
  return res;
}

test('setup, login and join pages have no critical or serious accessibility problems', { timeout: 120_000 }, async () => {
  const problems = [];
  // A server of its own, since setup is offered only before anyone set up.
  const fresh = await startServer();
  const browser = await launchBrowser();
  try {
    for (const [label, options] of VIEWPORTS) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT);
      await page.goto(`${fresh.url}/setup`);
      problems.push(...await axeProblems(page, `setup (${label})`));
      await context.close();
    }
  } finally {
    await browser.close();
    await fresh.stop();
  }
  const { page: owner } = await h.page('owner', DESKTOP, { owner: true });
  const { journeyId } = await h.journey(owner, 'Joining');
  const link = await joinLink(owner, h.base, journeyId);
  for (const [label, options] of VIEWPORTS) {
    const { page } = await h.page(`anonymous ${label}`, options);
    for (const [what, url] of [['login', `${h.base}/login`], ['join by code', `${h.base}/join`], ['join by link', link]]) {
      await page.goto(url);
      problems.push(...await axeProblems(page, `${what} (${label})`));
    }
  }
  assert.deepEqual(problems, []);
});

test('every page of a workshop and an audit has no critical or serious accessibility problems on a phone and a laptop', { timeout: 600_000 }, async () => {
  const problems = [];
  const owners = [];
  for (const [label, options] of VIEWPORTS) owners.push([`owner, ${label}`, (await h.page(`owner ${label}`, options, { owner: true })).page]);
  const owner = owners[0][1];
  const bizUrl = `${h.base}/b/${h.businessId}`;

  // Home, and the business before it has a journey.
  await auditAll(owners, `${h.base}/`, 'home', problems);
  await auditAll(owners, bizUrl, 'business without journeys', problems);

  const { journeyId, boardUrl } = await h.journey(owner, 'New customer buys a sofa');
  await openBoard(owner, boardUrl);
  const stages = await owner.locator('li.stage').evaluateAll((ls) => ls.map((l) => l.dataset.stage));
  const channel = await owner.locator('nav.legend a.chip[data-filter]').first().getAttribute('data-filter');
  const titles = ['Sees our advert', 'Greeted at the door', 'Pays at the till', 'Sofa is delivered'];
  for (const [i, title] of titles.entries()) {
    await send(owner, `/j/${journeyId}/moments`, [['stage_id', stages[Math.min(i, stages.length - 1)]], ['title', title], ['channel_id', i % 2 ? channel : '']]);
  }
  const link = await joinLink(owner, h.base, journeyId);
  const guests = [];
  for (const [label, options] of VIEWPORTS) {
    const { page } = await h.page(`guest ${label}`, options);
    await joinAsGuest(page, link, `Guest on a ${label}`);
    guests.push([`guest, ${label}`, page]);
  }
  await send(guests[1][1], `/j/${journeyId}/moments`, [['stage_id', stages[0]], ['title', 'Asks a friend'], ['description', 'Before coming in']]);

  await auditAll(owners, bizUrl, 'business with a journey', problems);
  await auditAll(owners, `${h.base}/j/${journeyId}/share`, 'share', problems);
  await auditAll(owners, `${h.base}/j/${journeyId}/standards`, 'standards', problems);
  await openBoard(owner, boardUrl);
  const noteId = await owner.locator('li.note').first().getAttribute('data-id');
  await auditAll(owners, `${h.base}/j/${journeyId}/m/${noteId}/edit`, 'edit a note', problems);
  await auditAll(owners, `${h.base}/j/${journeyId}/s/${stages[0]}/edit`, 'edit a stage', problems);
  await auditAll(owners, `${boardUrl}?channel=${channel}`, 'board filtered by a channel', problems, { live: true });
  await auditAll(owners, boardUrl, 'board without a session', problems, { live: true });
  await auditAll(guests, boardUrl, 'board without a session', problems, { live: true });

  // A session, phase by phase.
  await send(owner, `/j/${journeyId}/sessions`, [['title', 'March workshop'], ['held_on', today()], ['vote_limit', '3'], ['priority_cap', '2']]);
  const panelHtml = async () => (await owner.request.get(`${h.base}/j/${journeyId}/session-panel`)).text();
  const sid = (await panelHtml()).match(/data-session="(\d+)"/)[1];
  const at = `/j/${journeyId}/sessions/${sid}`;
  const ids = await owner.locator('li.note').evaluateAll((ns) => ns.map((n) => n.dataset.id));
  const phase = async (from, to) => send(owner, at, [['op', 'change_phase'], ['expected', from], ['target', to]]);
  const auditBoards = async (what) => {
    await auditAll(owners, boardUrl, `board in ${what}`, problems, { live: true });
    await auditAll(guests, boardUrl, `board in ${what}`, problems, { live: true });
  };
  await send(owner, at, [['op', 'set_timer'], ['seconds', '300']]);
  await send(guests[0][1], at, [['op', 'mark_done'], ['done', 'true']]);
  await auditBoards('Capture');
  await phase('capture', 'colour_code');
  await auditBoards('Colour-code');
  await phase('colour_code', 'prioritise');
  for (const id of ids.slice(0, 2)) await send(guests[1][1], at, [['op', 'vote'], ['moment_id', id]]);
  await send(owner, at, [['op', 'vote'], ['moment_id', ids[1]]]);
  await auditBoards('Prioritise, votes hidden');
  await send(owner, at, [['op', 'reveal_votes']]);
  await send(owner, at, [['op', 'set_priorities'], ['moment_ids', ids[0]], ['moment_ids', ids[1]]]);
  await auditBoards('Prioritise, votes revealed');
  await phase('prioritise', 'assess');
  await send(guests[0][1], at, [['op', 'rate'], ['moment_id', ids[0]], ['rating', 'miserable'], ['expectation', 'A smile']]);
  await send(owner, at, [['op', 'rate'], ['moment_id', ids[0]], ['rating', 'magical']]);
  await auditBoards('Assess, ratings hidden');
  await send(owner, at, [['op', 'reveal_ratings'], ['moment_id', ids[0]]]);
  await send(owner, at, [['op', 'record_assessment'], ['moment_id', ids[0]], ['rating', 'miserable'], ['issue', 'Nobody looks up']]);
  await auditBoards('Assess, ratings revealed');
  await phase('assess', 'ideas');
  await send(guests[0][1], at, [['op', 'add_idea'], ['moment_id', ids[0]], ['text', 'A bell on the door']]);
  await send(owner, at, [['op', 'add_idea'], ['moment_id', ids[1]], ['text', 'A second till']]);
  await auditBoards('Ideas');
  await phase('ideas', 'select_plan');
  const idea = (await panelHtml()).match(/name="idea_id" value="(\d+)"/)[1];
  await send(guests[1][1], at, [['op', 'toggle_merit'], ['idea_id', idea]]);
  await send(owner, at, [['op', 'pick_idea'], ['idea_id', idea], ['picked', 'true']]);
  await send(owner, at, [['op', 'save_action'], ['moment_id', ids[0]], ['idea_id', idea], ['what', 'Fit a door bell'], ['owner_name', 'Ana'], ['due_on', today(14)]]);
  await auditBoards('Select & plan');
  await phase('select_plan', 'wrap_up');
  await send(owner, at, [['op', 'book_next'], ['date', today(90)]]);
  await auditBoards('Wrap-up');
  await auditAll(owners, `${h.base}${at}/form`, 'planning form', problems);
  await auditAll(guests, `${h.base}${at}/form`, 'planning form', problems);

  // An audit: branches, a template, a round, links, a rater, results.
  for (const name of ['Harbour Street', 'Quay Road']) await send(owner, `/b/${h.businessId}/branches`, [['name', name]], { fetch: false });
  const tpl = await send(owner, `/b/${h.businessId}/templates`, [['from', 'default']], { fetch: false });
  const tplPath = tpl.headers().location;
  await owner.goto(bizUrl);
  const branches = await owner.locator('input[name=branch_ids]').evaluateAll((es) => es.map((e) => e.value));
  assert.equal(branches.length, 2);
  await auditAll(owners, `${h.base}${tplPath}`, 'template', problems);
  await auditAll(owners, bizUrl, 'business with branches, a template and audits', problems);
  const round = await send(owner, `/b/${h.businessId}/rounds`, [
    ['name', 'Spring audit'], ['template_id', tplPath.split('/').pop()], ['opens_on', today()], ['closes_on', today(14)],
    ...branches.map((b) => ['branch_ids', b]),
  ], { fetch: false });
  const roundUrl = `${h.base}${round.headers().location}`;
  await auditAll(owners, roundUrl, 'round without raters', problems);
  const raterUrls = [];
  for (const [label, page] of owners) {
    await page.goto(roundUrl);
    await page.fill('#lnames', `Ann ${label}\nBo ${label}`);
    await page.click('button:has-text("Make links")');
    await waitUntil(page, () => document.querySelector('.new-links .link-list input'), null,
      { message: `the new links (${label})`, describe: () => `${location.href} ${document.querySelector('main')?.innerText.slice(0, 600)}` });
    problems.push(...await axeProblems(page, `round with new links (${label})`));
    raterUrls.push(...await page.locator('.link-list input').evaluateAll((es) => es.map((e) => e.value)));
  }
  await auditAll(owners, roundUrl, 'round with raters', problems);
  for (const [i, [label, options]] of VIEWPORTS.entries()) {
    const { page } = await h.page(`rater ${label}`, options);
    await page.goto(raterUrls[i]);
    problems.push(...await axeProblems(page, `rater, not answered (${label})`));
    const items = await page.locator('fieldset.item').evaluateAll((fs) => fs.map((f) => f.dataset.item));
    const token = raterUrls[i].split('/').pop();
    const body = new URLSearchParams([...items.map((it, n) => [`s${it}`, String(3 + ((n + i) % 7))]), ['submit', '1']]).toString();
    const res = await page.request.post(`${h.base}/r/${token}`, { data: body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, maxRedirects: 0 });
    assert.equal(res.status(), 303, await res.text());
    await page.goto(raterUrls[i]);
    await page.waitForSelector('#thanks');
    problems.push(...await axeProblems(page, `rater, handed in (${label})`));
  }
  await auditAll(owners, `${roundUrl}/results`, 'results', problems);

  assert.deepEqual(problems, []);
});

// ---- what axe does not measure -------------------------------------------------------

/** Contrast ratio of two CSS colours given as rgb()/rgba() strings (alpha ignored). */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

test('the focus ring stands out (3:1) and a skip link leads to "Add a moment" in one step', async () => {
  const { page } = await h.page('owner', DESKTOP, { owner: true });
  const { boardUrl } = await h.journey(page, 'Focus');
  await openBoard(page, boardUrl);

  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => ({ tag: document.activeElement.tagName, text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute('href') }));
  assert.equal(first.tag, 'A', `the first Tab stop is a link: ${JSON.stringify(first)}`);
  assert.match(first.text, /^Skip to .Add a moment.$/);
  // The skip link is seen when focused (not left off-screen).
  const box = await page.locator('a.skip').boundingBox();
  assert.ok(box && box.x >= 0 && box.y >= 0 && box.width > 20, `the focused skip link is on screen: ${JSON.stringify(box)}`);

  // Its focus ring against the page behind it.
  const ring = await page.evaluate(() => {
    const el = document.activeElement;
    const cs = getComputedStyle(el);
    let bg = 'rgb(255, 255, 255)';
    for (let e = el.parentElement; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) { bg = c; break; }
    }
    return { style: cs.outlineStyle, width: parseFloat(cs.outlineWidth), colour: cs.outlineColor, bg };
  });
  assert.equal(ring.style, 'solid');
  assert.ok(ring.width >= 2, `outline width ${ring.width}`);
  const ratio = contrast(ring.colour, ring.bg);
  assert.ok(ratio >= 3, `focus ring ${ring.colour} on ${ring.bg}: ${ratio.toFixed(2)}:1, needs 3:1`);

  await page.keyboard.press('Enter');
  await waitUntil(page, () => document.activeElement?.matches('form.add-note input[name=title]'), null,
    { message: 'focus in the first "Add a moment" field', describe: () => document.activeElement?.outerHTML.slice(0, 200) });
  const firstStage = await page.locator('form.add-note input[name=title]').first().getAttribute('id');
  assert.equal(await page.evaluate(() => document.activeElement.id), firstStage);
  // A ring on an ordinary button too, against the board.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const other = await page.evaluate(() => {
    const el = document.activeElement;
    return { colour: getComputedStyle(el).outlineColor, tag: el.tagName };
  });
  assert.ok(contrast(other.colour, 'rgb(246, 245, 240)') >= 3, `ring on ${other.tag}: ${other.colour}`);
});

test('on a phone the main buttons are at least 44 px each way', async () => {
  const { page: desk } = await h.page('owner', DESKTOP, { owner: true });
  const { journeyId, boardUrl } = await h.journey(desk, 'Touch');
  await openBoard(desk, boardUrl);
  const stage = await desk.locator('li.stage').first().getAttribute('data-stage');
  await send(desk, `/j/${journeyId}/moments`, [['stage_id', stage], ['title', 'Greeted at the door']]);
  await send(desk, `/j/${journeyId}/sessions`, [['title', 'Touch workshop'], ['held_on', today()]]);
  const sid = (await (await desk.request.get(`${h.base}/j/${journeyId}/session-panel`)).text()).match(/data-session="(\d+)"/)[1];
  for (const [from, to] of [['capture', 'colour_code'], ['colour_code', 'prioritise']]) {
    await send(desk, `/j/${journeyId}/sessions/${sid}`, [['op', 'change_phase'], ['expected', from], ['target', to]]);
  }
  const { page } = await h.page('owner phone', PHONE, { owner: true });
  await openBoard(page, boardUrl);
  const small = await page.evaluate(() => [...document.querySelectorAll('main button, main .button, main a.chip, main .map-links a, main .crumbs a, header button, header > a, header select')]
    .filter((e) => e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden')
    .map((e) => { const r = e.getBoundingClientRect(); return { what: `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${e.textContent.trim().slice(0, 20)}"`, w: Math.round(r.width), h: Math.round(r.height) }; })
    .filter((b) => b.w < 44 || b.h < 44));
  assert.deepEqual(small, [], 'buttons smaller than 44×44 px on a phone');
});

test('right-to-left titles keep their order beside counts and punctuation', async () => {
  const ARABIC = 'مرحبا بكم في المتجر';
  const HEBREW = 'שלום';
  const { page } = await h.page('owner', DESKTOP, { owner: true });
  const { journeyId, boardUrl } = await h.journey(page, 'Right to left');
  await openBoard(page, boardUrl);
  const stage = await page.locator('li.stage').first().getAttribute('data-stage');
  for (const t of [ARABIC, `${HEBREW}!`]) await send(page, `/j/${journeyId}/moments`, [['stage_id', stage], ['title', t]]);
  await send(page, `/j/${journeyId}/sessions`, [['title', 'Bidi'], ['held_on', today()]]);
  const sid = (await (await page.request.get(`${h.base}/j/${journeyId}/session-panel`)).text()).match(/data-session="(\d+)"/)[1];
  const at = `/j/${journeyId}/sessions/${sid}`;
  for (const [from, to] of [['capture', 'colour_code'], ['colour_code', 'prioritise']]) await send(page, at, [['op', 'change_phase'], ['expected', from], ['target', to]]);
  const ids = await page.locator('li.note').evaluateAll((ns) => ns.map((n) => n.dataset.id));
  await send(page, at, [['op', 'vote'], ['moment_id', ids[0]]]);
  await send(page, at, [['op', 'reveal_votes']]);
  await openBoard(page, boardUrl);

  const geometry = await page.evaluate(([arabic, hebrew]) => {
    /** The box of the first occurrence of `text` inside `root`. */
    function boxOf(root, text) {
      const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const i = n.data.indexOf(text);
        if (i >= 0) {
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + text.length);
          const b = r.getBoundingClientRect();
          return { left: b.left, right: b.right };
        }
      }
      return null;
    }
    const li = [...document.querySelectorAll('#session-panel .tally li')].find((l) => l.textContent.includes(arabic));
    const note = [...document.querySelectorAll('#board .note .title')].find((p) => p.textContent.includes(hebrew));
    return {
      title: li && boxOf(li, arabic),
      count: li && (({ left, right }) => ({ left, right }))(li.querySelector('strong').getBoundingClientRect()),
      word: note && boxOf(note, hebrew),
      bang: note && boxOf(note, '!'),
      tally: li && li.innerText,
    };
  }, [ARABIC, HEBREW]);
  assert.ok(geometry.title && geometry.count, JSON.stringify(geometry));
  // Left to right around the title: "#1 <title> — 1 dot": the count stays to its right.
  assert.ok(geometry.count.left >= geometry.title.right - 1, `the vote count jumped into the Arabic title: ${JSON.stringify(geometry)}`);
  // A Hebrew title reads right to left, so its "!" ends it on the left.
  assert.ok(geometry.bang.right <= geometry.word.left + 1, `the "!" of the Hebrew title is not at its end: ${JSON.stringify(geometry)}`);
});
