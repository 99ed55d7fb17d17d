// The touchpoint audit end to end: the owner (desktop) sets up a business
// with two branches, the default template and a round, and invites five
// raters; the raters (phones) score every item by tapping, one of them
// partly offline; everyone hands in; the results page (and the downloads,
// where they are wired) shows figures worked out by hand from the plan below.
//
// The steps are separate tests that run in order and share one server, one
// browser and the state below; a step whose prerequisite failed says so.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  startServer, launchBrowser, setupOwner, createBusiness, waitUntil, ensureScreenshotDir,
  SCREENSHOTS, TIMEOUT, PHONE, DESKTOP,
} from './helpers.mjs';

// ---- the plan ----------------------------------------------------------------

const BRANCH_A = 'Harbour Street';
const BRANCH_B = 'Quay Road';

/** The default template's items, in template order (phase, text). */
const ITEMS = [
  ['Pre-engagement', 'Website / brochure / advertising / prospective-customer communication'],
  ['Pre-engagement', 'Telephone / email enquiry'],
  ['Pre-engagement', 'Convenience of location and access (parking etc.)'],
  ['Pre-engagement', 'Experience / perception / reputation / word of mouth'],
  ['Engagement', 'Ambience and atmosphere (lighting, colour, décor, music, hygiene)'],
  ['Engagement', 'Store layout, flow, signage, ease of navigation'],
  ['Engagement', 'Staff appearance (uniforms, presentation, name badges)'],
  ['Engagement', 'Staff pleasantness and service attitude'],
  ['Engagement', 'Needs investigation, product and technical knowledge'],
  ['Engagement', 'Selling and closing skills'],
  ['Engagement', 'Ease of payment and exit'],
  ['Post-sale engagement', 'Purchases to destination (delivery, installation)'],
  ['Post-sale engagement', 'Product and process instruction, ease of use'],
  ['Post-sale engagement', 'Support, help and assistance'],
  ['Post-sale engagement', 'Warranty / guarantee'],
];
const TEL = ITEMS[1][1];
const LAYOUT = ITEMS[5][1];
const NEEDS = ITEMS[8][1];
const PAYMENT = ITEMS[10][1];
const WARRANTY = ITEMS[14][1];

/**
 * Five raters. Everyone gives 7 except:
 *   Telephone / email enquiry   Ann 3, Bo 2, Cy 3 | Dee 2, Eve 3   mean 2.6, the lowest item
 *   Needs investigation          all 5                               mean 5.0
 *   Store layout                 staff 8, 8, friend 4 | 6, 6         mean 6.4, gap Staff 8.0 vs Friend 4.0
 *   Ease of payment and exit     9, 9, 9 | 5, 5                      branch A 9.0 vs B 5.0: inconsistent
 *   Warranty / guarantee         10, 10, 10 | 10, Eve N/A            mean 10.0 from 4 scores
 */
const RATERS = [
  { name: 'Ann', group: 'staff', groupLabel: 'Staff', branch: BRANCH_A },
  { name: 'Bo', group: 'staff', groupLabel: 'Staff', branch: BRANCH_A },
  { name: 'Cy', group: 'friend', groupLabel: 'Friend', branch: BRANCH_A },
  { name: 'Dee', group: 'manager', groupLabel: 'Manager', branch: BRANCH_B },
  { name: 'Eve', group: 'customer', groupLabel: 'Customer', branch: BRANCH_B },
];
const SPECIAL = {
  [TEL]: { Ann: 3, Bo: 2, Cy: 3, Dee: 2, Eve: 3 },
  [NEEDS]: { Ann: 5, Bo: 5, Cy: 5, Dee: 5, Eve: 5 },
  [LAYOUT]: { Ann: 8, Bo: 8, Cy: 4, Dee: 6, Eve: 6 },
  [PAYMENT]: { Ann: 9, Bo: 9, Cy: 9, Dee: 5, Eve: 5 },
  [WARRANTY]: { Ann: 10, Bo: 10, Cy: 10, Dee: 10, Eve: 'na' },
};
/** The answer (1–10 or 'na') a rater gives an item. */
const planned = (rater, text) => SPECIAL[text]?.[rater] ?? 7;

/** A comment only Ann writes: nobody else may ever see it. */
const ANN_COMMENT = 'Nobody picked up at 9:05, rang three times';

// Hand-computed expectations for the items table (mean, median, spread =
// population standard deviation, count), lowest mean first; ties (the 7s)
// keep template order.
const EXPECTED_ORDER = [TEL, NEEDS, LAYOUT,
  ...ITEMS.map((i) => i[1]).filter((t) => !SPECIAL[t]), PAYMENT, WARRANTY];
const EXPECTED_ROWS = {
  // [3,2,3,2,3]: mean 13/5 = 2.6, median 3, sd sqrt(1.2/5) = 0.49
  [TEL]: { mean: '2.6', median: '3.0', spread: '0.5', count: '5', gap: 'Friend 3.0 vs Manager 2.0 (1.0)', notable: false },
  // all 5
  [NEEDS]: { mean: '5.0', median: '5.0', spread: '0.0', count: '5' },
  // [8,8,4,6,6]: mean 6.4, median 6, sd sqrt(11.2/5) = 1.50; Staff 8 vs Friend 4
  [LAYOUT]: { mean: '6.4', median: '6.0', spread: '1.5', count: '5', gap: 'Staff 8.0 vs Friend 4.0 (4.0)', notable: true },
  // [9,9,9,5,5]: mean 7.4, median 9, sd sqrt(19.2/5) = 1.96; Staff 9 vs Manager 5
  [PAYMENT]: { mean: '7.4', median: '9.0', spread: '2.0', count: '5', gap: 'Staff 9.0 vs Manager 5.0 (4.0)', notable: true },
  // [10,10,10,10] and one N/A, which does not count
  [WARRANTY]: { mean: '10.0', median: '10.0', spread: '0.0', count: '4' },
};
// Heat map: mean per branch (A = Ann, Bo, Cy; B = Dee, Eve) and the range.
const EXPECTED_HEAT = {
  [PAYMENT]: { a: '9.0', b: '5.0', range: '4.0', flag: true }, // 9,9,9 | 5,5
  [LAYOUT]: { a: '6.7', b: '6.0', range: '0.7', flag: false }, // 20/3 | 6
  [TEL]: { a: '2.7', b: '2.5', range: '0.2', flag: false }, // 8/3 | 5/2
  [WARRANTY]: { a: '10.0', b: '10.0', range: '0.0', flag: false }, // Eve's N/A leaves Dee's 10
};

// ---- arithmetic for the summary rows (the same figures, computed) ---------------

function stats(xs) {
  if (!xs.length) return null;
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const s = [...xs].sort((a, b) => a - b);
  const median = n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  const spread = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / n);
  return { mean, median, spread, count: n };
}
/** One decimal; refuses an exact tie (x.x5), where rounding rules differ. */
function one(x) {
  const t = x * 10;
  assert.ok(Math.abs(t - Math.floor(t) - 0.5) > 1e-9, `the plan gives a rounding tie: ${x}`);
  return x.toFixed(1);
}
function statCells(xs) {
  const s = stats(xs);
  return s ? [one(s.mean), one(s.median), one(s.spread), String(s.count)] : ['–', '–', '–', '0'];
}
/** Every numeric score matching `pick(rater, itemIndex)`. */
function scoresWhere(pick) {
  const out = [];
  for (const r of RATERS) {
    ITEMS.forEach(([, text], i) => {
      const v = planned(r.name, text);
      if (v !== 'na' && pick(r, i)) out.push(v);
    });
  }
  return out;
}

// ---- shared state -------------------------------------------------------------

const S = {
  server: null,
  browser: null,
  contexts: [],
  problems: [], // console errors and page errors, by page
  expectedOffline: [], // console errors we caused on purpose (offline requests, the late answer)
  expectLate: false,
  owner: null,
  businessId: null,
  roundId: null,
  links: {}, // rater name -> { url, token }
  itemIds: {}, // item text -> round item id
  raterPages: {}, // rater name -> { page, context }
  handedIn: new Set(),
  thanksInView: {}, // rater name -> where the thank-you was right after handing in
};
const base = () => S.server.url;
const roundUrl = () => `${base()}/b/${S.businessId}/rounds/${S.roundId}`;

async function newPage(label, options) {
  const context = await S.browser.newContext(options);
  S.contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = `${label} console.error: ${m.text()}`;
    if (/ERR_INTERNET_DISCONNECTED/.test(m.text())) S.expectedOffline.push(text);
    else if (S.expectLate && /409/.test(m.text())) S.expectedOffline.push(`${text} (the late answer sent on purpose)`);
    else S.problems.push(text);
  });
  page.on('pageerror', (e) => S.problems.push(`${label} pageerror: ${e.message}`));
  return { context, page };
}

function need(...keys) {
  for (const k of keys) {
    const v = k.split('.').reduce((o, p) => o?.[p], S);
    if (v === undefined || v === null || (typeof v === 'object' && !Object.keys(v).length && !(v instanceof Set))) {
      throw new Error(`an earlier step did not finish (no ${k}); see the first failure above`);
    }
  }
}

before(async () => {
  S.server = await startServer();
  S.browser = await launchBrowser();
  await ensureScreenshotDir();
});

after(async () => {
  if (S.problems.length) console.log(`browser problems:\n  ${S.problems.join('\n  ')}`);
  if (S.expectedOffline.length) console.log(`(expected: ${S.expectedOffline.length} failed requests logged by the browser while offline or for the late answer)`);
  for (const c of S.contexts) await c.close().catch(() => {});
  await S.browser?.close();
  await S.server?.stop();
});

// ---- rater helpers ----------------------------------------------------------------

const storageKey = (name) => `mot-rater-${S.links[name].token}`;
const kept = (page, name) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) || '{}'), storageKey(name));
const progressText = (page) => page.locator('#rater-progress').textContent();

/** Taps a score button (1–10 or 'na') of an item. */
async function tapScore(page, text, value) {
  const option = page.locator(`fieldset.item[data-item="${S.itemIds[text]}"] label.score-option`)
    .filter({ has: page.locator(`input[value="${value}"]`) });
  await option.tap();
  await waitUntil(page, ([id, v]) => document.querySelector(`fieldset.item[data-item="${id}"] input[value="${v}"]`).checked,
    [S.itemIds[text], String(value)], { message: `the ${value} of "${text}" to be selected after tapping it` });
}

/** The selections the page shows: { itemText: '7' | 'na' } for each answered item. */
async function selections(page) {
  const byId = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('fieldset.item')]
    .map((f) => [f.dataset.item, f.querySelector('input[type=radio]:checked')?.value])
    .filter(([, v]) => v !== undefined)));
  const textOf = Object.fromEntries(Object.entries(S.itemIds).map(([t, id]) => [String(id), t]));
  return Object.fromEntries(Object.entries(byId).map(([id, v]) => [textOf[id], v]));
}
const plannedSelections = (name) => Object.fromEntries(ITEMS.map(([, t]) => [t, String(planned(name, t))]));

/** Waits until every answer is on the server as far as the page knows: nothing kept, progress says all answered and saved. */
async function waitAllSaved(page, name) {
  await waitUntil(page, (k) => {
    const p = document.getElementById('rater-progress').textContent;
    return localStorage.getItem(k) === '{}' && /^15 of 15 answered · saved$/.test(p);
  }, storageKey(name), {
    timeout: 15_000,
    message: `${name}'s answers all to be sent ("15 of 15 answered · saved", nothing kept on the device)`,
    describe: (k) => ({ progress: document.getElementById('rater-progress').textContent, kept: localStorage.getItem(k) }),
  });
}

/** Opens a rater's personal link on a phone. */
async function openRater(name) {
  const { page, context } = await newPage(`rater ${name}`, PHONE);
  await page.goto(S.links[name].url);
  await page.waitForSelector('#rater-progress');
  S.raterPages[name] = { page, context };
  return page;
}

/**
 * Scores items as planned, by tapping, in template order. Online, each tap
 * waits until the page has sent that answer (as a person reading the next
 * item gives it time to); answers tapped faster than that are the subject of
 * the slow-connection test below.
 */
async function scoreItems(page, name, texts, { online = true } = {}) {
  for (const t of texts) {
    await tapScore(page, t, planned(name, t));
    if (online) {
      await waitUntil(page, (k) => localStorage.getItem(k) === '{}' && / · saved$/.test(document.getElementById('rater-progress').textContent),
        storageKey(name), { message: `${name}'s answer to "${t}" to be sent`, describe: (k) => ({ progress: document.getElementById('rater-progress').textContent, kept: localStorage.getItem(k) }) });
    }
  }
}

/** Hands in and waits for the thank-you page. */
async function handIn(page, name) {
  await page.locator('button:has-text("Hand in")').tap();
  await page.waitForURL((u) => u.href.startsWith(S.links[name].url));
  await page.waitForSelector('p.notice:has-text("Thank you")');
  S.handedIn.add(name);
  // Where the thank-you is, as the rater's phone shows the page right after handing in.
  const box = await page.locator('p.notice').boundingBox();
  const vh = page.viewportSize().height;
  S.thanksInView[name] = { inView: !!box && box.y >= 0 && box.y + box.height <= vh, y: box && Math.round(box.y), scrollY: await page.evaluate(() => Math.round(scrollY)) };
  if (name === 'Bo') await page.screenshot({ path: path.join(SCREENSHOTS, 'audit-rater-just-handed-in-phone.png') });
}

// ---- the owner ----------------------------------------------------------------------

test('the owner sets up two branches, the default template and a round', async () => {
  const { page } = await newPage('owner', DESKTOP);
  S.owner = page;
  await setupOwner(page, base());
  S.businessId = await createBusiness(page, base(), 'Harbour Furniture');
  const bizUrl = `${base()}/b/${S.businessId}`;

  for (const name of [BRANCH_A, BRANCH_B]) {
    await page.fill('#brname', name);
    await Promise.all([page.waitForURL(`${bizUrl}#branches`), page.click('#branches button:has-text("Add branch")')]);
  }
  assert.deepEqual(await page.locator('#branches ul.list li').allTextContents(), [BRANCH_A, BRANCH_B]);

  await page.selectOption('#tfrom', 'default');
  await Promise.all([page.waitForURL(/\/templates\/\d+$/), page.click('button:has-text("Create template")')]);
  // The template page lists the 15 items in their phases.
  const itemInputs = await page.locator('ol.template-items input[name=text]').evaluateAll((es) => es.map((e) => e.value));
  assert.deepEqual(itemInputs, ITEMS.map((i) => i[1]));

  await page.goto(bizUrl);
  await page.fill('#rname', 'Spring audit');
  // Both branches are ticked by default; make sure of it.
  for (const name of [BRANCH_A, BRANCH_B]) await page.locator('label.check', { hasText: name }).locator('input').check();
  await Promise.all([page.waitForURL(/\/rounds\/\d+$/), page.click('button:has-text("Start the round")')]);
  S.roundId = Number(new URL(page.url()).pathname.split('/').pop());
  await page.waitForSelector('h1:has-text("Spring audit")');
  assert.match(await page.locator('main p', { hasText: 'items' }).first().textContent(), /15 items · 0 of 0 raters handed in/);
});

test('the owner invites 3 raters for one branch and 2 for the other; each link is shown once', async () => {
  need('roundId');
  const page = S.owner;
  await page.goto(roundUrl());
  const batches = [
    [BRANCH_A, 'staff', ['Ann', 'Bo']],
    [BRANCH_A, 'friend', ['Cy']],
    [BRANCH_B, 'manager', ['Dee']],
    [BRANCH_B, 'customer', ['Eve']],
  ];
  for (const [branch, group, names] of batches) {
    await page.selectOption('#lbranch', { label: branch });
    await page.selectOption('#lgroup', group);
    await page.fill('#lnames', names.join('\n'));
    await Promise.all([
      page.waitForResponse((r) => r.url() === `${roundUrl()}/links` && r.request().method() === 'POST'),
      page.click('button:has-text("Make links")'),
    ]);
    await page.waitForSelector('.new-links .link-list input');
    const shown = await page.locator('.link-list li').evaluateAll((lis) => lis.map((li) => ({
      who: li.querySelector('strong').textContent,
      line: li.querySelector('div:not(.qr)').textContent.replace(/\s+/g, ' ').trim(),
      url: li.querySelector('input').value,
      qr: !!li.querySelector('.qr svg'),
    })));
    assert.deepEqual(shown.map((s) => s.who), names, 'the new links are the ones just made');
    for (const s of shown) {
      const r = RATERS.find((x) => x.name === s.who);
      assert.ok(s.line.includes(`${r.name} · ${r.groupLabel} · ${r.branch}`), `link line: ${s.line}`);
      assert.match(s.url, new RegExp(`^${base().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/r/[0-9a-f]{32}$`));
      assert.ok(s.qr, `no QR code for ${s.who}`);
      S.links[s.who] = { url: s.url, token: s.url.split('/').pop() };
    }
  }
  assert.equal(new Set(Object.values(S.links).map((l) => l.token)).size, 5, 'five different links');

  // Shown once: after a reload the links are gone, the raters are listed.
  await page.goto(roundUrl());
  assert.equal(await page.locator('.link-list').count(), 0, 'the personal links are shown again after a reload');
  const rows = await page.locator('table.raters tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].slice(0, 5).map((c) => c.textContent.trim())));
  assert.deepEqual(rows, RATERS.map((r) => [r.name, r.groupLabel, r.branch, '0 / 15', 'not started']));
  const html = await page.content();
  for (const { token } of Object.values(S.links)) assert.ok(!html.includes(token), 'a link token is still in the page');
});

// ---- the raters ---------------------------------------------------------------------

test('three raters score every item by tapping on their phones; each answer is saved as it is given', async () => {
  need('links.Ann', 'links.Cy', 'links.Dee');
  // Ann, Cy and Dee at the same time, on three phones.
  await Promise.all(['Ann', 'Cy', 'Dee'].map(async (name) => {
    const page = await openRater(name);
    // (On a fresh page the progress says "0 of 15 answered · saved": the start-up flush of nothing.)
    assert.match(await progressText(page), /^0 of 15 answered( · saved)?$/);
    assert.equal((await page.locator('p.hint').first().textContent()).trim(), `Harbour Furniture · ${RATERS.find((r) => r.name === name).branch}`);
    if (!Object.keys(S.itemIds).length) {
      const ids = await page.locator('fieldset.item').evaluateAll((fs) => fs.map((f) => [f.querySelector('legend').textContent, Number(f.dataset.item)]));
      assert.deepEqual(ids.map((x) => x[0]), ITEMS.map((i) => i[1]), 'the rater sees the 15 items in order');
      S.itemIds = Object.fromEntries(ids);
    }
    const texts = ITEMS.map((i) => i[1]);
    await scoreItems(page, name, texts);
    if (name === 'Ann') {
      // A comment, typed on the phone.
      await page.locator(`#c${S.itemIds[TEL]}`).tap();
      await page.locator(`#c${S.itemIds[TEL]}`).fill(ANN_COMMENT);
    }
    await waitAllSaved(page, name);
  }));

  // The owner sees 15 answers from each, nobody handed in yet.
  await S.owner.goto(roundUrl());
  const rows = await S.owner.locator('table.raters tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].slice(0, 5).map((c) => c.textContent.trim())));
  assert.deepEqual(rows.filter((r) => ['Ann', 'Cy', 'Dee'].includes(r[0])).map((r) => [r[0], r[3], r[4]]),
    [['Ann', '15 / 15', 'in progress'], ['Cy', '15 / 15', 'in progress'], ['Dee', '15 / 15', 'in progress']]);
});

test('a rater only ever sees their own answers', async () => {
  need('itemIds', 'links.Eve');
  // Eve opens her link after three others have answered: nothing is selected.
  const eve = await openRater('Eve');
  assert.deepEqual(await selections(eve), {}, 'a fresh link shows answers');
  assert.match(await progressText(eve), /^0 of 15 answered( · saved)?$/);
  assert.ok(!(await eve.content()).includes(ANN_COMMENT), "Ann's comment shows on Eve's page");

  // After a reload, each rater's page shows exactly their own selections.
  for (const name of ['Ann', 'Cy', 'Dee']) {
    const { page } = S.raterPages[name];
    await page.reload();
    await page.waitForSelector('#rater-progress');
    assert.deepEqual(await selections(page), plannedSelections(name), `${name}'s page after a reload`);
    assert.match(await progressText(page), /^15 of 15 answered( · saved)?$/);
    const comment = await page.locator(`#c${S.itemIds[TEL]}`).inputValue();
    assert.equal(comment, name === 'Ann' ? ANN_COMMENT : '', `${name}'s comment box`);
  }
  // Cy (friend) scored the layout 4, Ann (staff) 8: each sees their own.
  assert.equal((await selections(S.raterPages.Cy.page))[LAYOUT], '4');
  assert.equal((await selections(S.raterPages.Ann.page))[LAYOUT], '8');

  await eve.screenshot({ path: path.join(SCREENSHOTS, 'audit-rater-top-phone.png') });
  await scoreItems(eve, 'Eve', ITEMS.slice(0, 6).map((i) => i[1]));
  await eve.screenshot({ path: path.join(SCREENSHOTS, 'audit-rater-phone.png') });
  await eve.screenshot({ path: path.join(SCREENSHOTS, 'audit-rater-phone-full.png'), fullPage: true });
  await scoreItems(eve, 'Eve', ITEMS.slice(6).map((i) => i[1]));
  await waitAllSaved(eve, 'Eve');
  assert.equal((await selections(eve))[WARRANTY], 'na');
});

test('a rater who loses the connection keeps answering; nothing is lost or sent twice', async () => {
  need('itemIds', 'links.Bo');
  const bo = await openRater('Bo');
  const { context } = S.raterPages.Bo;
  const texts = ITEMS.map((i) => i[1]);
  const first = texts.slice(0, 5);
  const rest = texts.slice(5); // from the store layout on

  await scoreItems(bo, 'Bo', first);
  await waitUntil(bo, (k) => localStorage.getItem(k) === '{}' && /^5 of 15 answered · saved$/.test(document.getElementById('rater-progress').textContent),
    storageKey('Bo'), { message: 'the first five answers to be saved', describe: () => document.getElementById('rater-progress').textContent });

  await context.setOffline(true);
  // First a wrong tap on the store layout (3), then the intended 8: only the 8 may count.
  await tapScore(bo, LAYOUT, 3);
  await scoreItems(bo, 'Bo', rest, { online: false });
  await waitUntil(bo, () => /^15 of 15 answered · 10 waiting for a connection · offline/.test(document.getElementById('rater-progress').textContent), null,
    { message: 'the progress to say 10 answers are waiting for a connection', describe: () => document.getElementById('rater-progress').textContent });
  await bo.screenshot({ path: path.join(SCREENSHOTS, 'audit-rater-offline-phone.png') });

  // The ten answers are kept on the phone, with their final values.
  const keptNow = await kept(bo, 'Bo');
  const expectKept = Object.fromEntries(rest.map((t) => [String(S.itemIds[t]), { score: String(planned('Bo', t)), comment: '' }]));
  assert.deepEqual(keptNow, expectKept, 'what is kept in localStorage while offline');

  // Handing in while offline does not hand in, and says why.
  await bo.locator('button:has-text("Hand in")').tap();
  await waitUntil(bo, () => /hand in when the connection is back/.test(document.getElementById('rater-progress').textContent), null,
    { message: 'the page to say it will hand in when the connection is back', describe: () => document.getElementById('rater-progress').textContent });
  assert.equal(Object.keys(await kept(bo, 'Bo')).length, 10, 'answers were dropped by the offline hand-in');

  // The server has only the first five so far.
  await S.owner.goto(roundUrl());
  const boRow = () => S.owner.locator('table.raters tbody tr', { has: S.owner.locator('td:first-child', { hasText: /^Bo$/ }) });
  assert.deepEqual((await boRow().locator('td').allTextContents()).slice(3, 5).map((s) => s.trim()), ['5 / 15', 'in progress']);

  // Back online: everything is sent without touching the page.
  await context.setOffline(false);
  await waitAllSaved(bo, 'Bo');
  await S.owner.goto(roundUrl());
  assert.deepEqual((await boRow().locator('td').allTextContents()).slice(3, 5).map((s) => s.trim()), ['15 / 15', 'in progress']);

  // What the server kept is exactly the plan (the 3 was replaced by the 8).
  await bo.reload();
  await bo.waitForSelector('#rater-progress');
  assert.deepEqual(await selections(bo), plannedSelections('Bo'));
  assert.match(await progressText(bo), /^15 of 15 answered( · saved)?$/);
});

test('every rater hands in; a handed-in link thanks them and takes no more answers', async () => {
  need('raterPages.Ann', 'raterPages.Bo', 'raterPages.Cy', 'raterPages.Dee', 'raterPages.Eve');
  for (const r of RATERS) {
    const { page } = S.raterPages[r.name];
    await handIn(page, r.name);
    assert.equal((await page.locator('p.notice').textContent()).trim(), 'Thank you: your answers are handed in.');
    assert.equal(await page.locator('button:has-text("Hand in"), button:has-text("Save")').count(), 0, 'Save / Hand in are still offered');
    assert.equal(await page.locator('#rater-progress').count(), 0);
    const inputs = await page.locator('fieldset.item input, fieldset.item textarea').evaluateAll((es) => es.map((e) => e.matches(':disabled')));
    assert.equal(inputs.length, 15 * 12, 'expected 11 score options and a comment per item');
    assert.ok(inputs.every(Boolean), 'an input on the handed-in page is still enabled');
    assert.deepEqual(await selections(page), plannedSelections(r.name), `${r.name}'s answers after handing in`);
  }
  // A tap on a handed-in page changes nothing, and the server refuses a late answer.
  const { page } = S.raterPages.Cy;
  await page.locator(`fieldset.item[data-item="${S.itemIds[LAYOUT]}"] label.score-option`).filter({ hasText: /^10$/ }).tap({ force: true });
  assert.equal((await selections(page))[LAYOUT], '4');
  S.expectLate = true;
  const late = await page.evaluate(async ([token, id]) => {
    const res = await fetch(`/r/${token}/answer`, { method: 'POST', body: new URLSearchParams({ item_id: id, score: '10', comment: '' }), headers: { 'x-mot-fetch': '1' } });
    return res.status;
  }, [S.links.Cy.token, S.itemIds[LAYOUT]]);
  S.expectLate = false;
  assert.ok(late >= 400 && late < 500, `a late answer after handing in got HTTP ${late}`);
  await page.reload();
  assert.equal((await selections(page))[LAYOUT], '4');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'audit-rater-thanks-phone.png') });

  // The owner's round page: 5 of 5.
  await S.owner.goto(roundUrl());
  assert.equal((await S.owner.locator('main p strong').first().textContent()).trim(), '5 of 5');
  const rows = await S.owner.locator('table.raters tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].slice(0, 5).map((c) => c.textContent.trim())));
  assert.deepEqual(rows, RATERS.map((r) => [r.name, r.groupLabel, r.branch, '15 / 15', '✓ handed in']));
  assert.equal(await S.owner.locator('button:has-text("Remind")').count(), 0, 'Remind offered for a handed-in link');
});

// ---- the results ----------------------------------------------------------------------

/** Rows of a table as arrays of trimmed cell texts (th and td). */
const tableRows = (locator) => locator.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.replace(/\s+/g, ' ').trim())));

test('the results page shows the figures worked out by hand', async () => {
  need('roundId');
  assert.equal(S.handedIn.size, 5, 'not everyone handed in (an earlier step failed)');
  const page = S.owner;
  await page.goto(`${roundUrl()}/results`);
  await page.waitForSelector('table.results');
  assert.match(await page.locator('main').textContent(), /5 of 5 raters handed in/);

  // Items, lowest first; the columns that matter first (a phone shows the left of the table).
  const items = page.locator('table.results').first();
  assert.deepEqual(await items.locator('thead th').allTextContents(), ['Item', 'Mean', 'Change since last round', 'Gap between groups', 'Spread', 'Median', 'Count', 'Phase']);
  const rows = await tableRows(items);
  const itemOf = (row) => row[0].replace(/ low mainly at .*$/, '').replace(/ ⚑ inconsistent$/, '');
  assert.deepEqual(rows.map(itemOf), EXPECTED_ORDER, 'items lowest-scoring first');
  assert.equal(itemOf(rows[0]), TEL, 'the lowest-scoring item comes first');
  const byItem = Object.fromEntries(rows.map((r) => [itemOf(r), r]));
  for (const [text, e] of Object.entries(EXPECTED_ROWS)) {
    const r = byItem[text];
    assert.deepEqual([r[1], r[5], r[4], r[6], r[2]], [e.mean, e.median, e.spread, e.count, '–'], `mean, median, spread, count, change of "${text}"`);
    if (e.gap) assert.equal(r[3], `${e.notable ? '⚑ ' : ''}${e.gap}`, `gap of "${text}"`);
  }
  // Every row's figures agree with the plan.
  for (const [phase, text] of ITEMS) {
    const scores = RATERS.map((r) => planned(r.name, text)).filter((v) => v !== 'na');
    const r = byItem[text];
    assert.deepEqual([r[7], itemOf(r), r[1], r[5], r[4], r[6]], [phase, text, ...statCells(scores)], `row of "${text}"`);
  }
  // The gap marker: a span.gap.notable with ⚑ for the 4-point gaps, not for the 1-point one.
  const notable = await items.locator('span.gap.notable').allTextContents();
  assert.deepEqual(notable.sort(), [`⚑ ${EXPECTED_ROWS[LAYOUT].gap}`, `⚑ ${EXPECTED_ROWS[PAYMENT].gap}`].sort());
  // Only the payment item is flagged inconsistent.
  assert.deepEqual(rows.filter((r) => r[0].includes('⚑ inconsistent')).map(itemOf), [PAYMENT]);
  // Its low mean comes from one branch, and the page says which.
  assert.equal(byItem[PAYMENT][0], `${PAYMENT} ⚑ inconsistent low mainly at ${BRANCH_B} (5.0)`);

  // The heat map: one column per branch, means per branch, the range, ⚑ on the inconsistent item.
  const heat = page.locator('table.heatmap');
  assert.deepEqual(await heat.locator('thead th').allTextContents(), ['Item', BRANCH_A, BRANCH_B, 'Inconsistency']);
  const heatRows = await tableRows(heat);
  assert.deepEqual(heatRows.map((r) => r[0].replace(/^⚑ /, '')), EXPECTED_ORDER, 'heat map rows in the same order');
  const heatBy = Object.fromEntries(heatRows.map((r) => [r[0].replace(/^⚑ /, ''), r]));
  for (const [text, e] of Object.entries(EXPECTED_HEAT)) {
    assert.deepEqual(heatBy[text], [`${e.flag ? '⚑ ' : ''}${text}`, e.a, e.b, e.range], `heat map row of "${text}"`);
  }
  assert.deepEqual(heatRows.filter((r) => r[0].startsWith('⚑')).map((r) => r[0]), [`⚑ ${PAYMENT}`]);
  // Each heat cell carries its number (colour is never the only cue) and a class for its colour.
  const payCells = await heat.locator('tbody tr', { hasText: PAYMENT }).locator('td.heat').evaluateAll((tds) => tds.map((td) => td.className));
  assert.deepEqual(payCells, ['heat h9', 'heat h5']);

  // Summaries by phase, group and branch.
  const summary = await tableRows(page.locator('table.results').nth(1));
  const expectSummary = [
    ...['Pre-engagement', 'Engagement', 'Post-sale engagement'].map((p) => [`Phase: ${p}`, ...statCells(scoresWhere((r, i) => ITEMS[i][0] === p))]),
    ...['Manager', 'Staff', 'Friend', 'Customer'].map((g) => [`Group: ${g}`, ...statCells(scoresWhere((r) => r.groupLabel === g))]),
    ...[BRANCH_A, BRANCH_B].map((b) => [`Branch: ${b}`, ...statCells(scoresWhere((r) => r.branch === b))]),
  ];
  assert.deepEqual(summary, expectSummary);
  // Two figures by hand: Friend (Cy) 7×10 + 3 + 5 + 4 + 9 + 10 = 101 over 15 = 6.7;
  // branch B: Dee 7×10 + 2 + 5 + 6 + 5 + 10 = 98, Eve 7×10 + 3 + 5 + 6 + 5 = 89 (N/A left out): 187 over 29 = 6.4.
  const friendRow = summary.find((r) => r[0] === 'Group: Friend');
  assert.deepEqual([friendRow[1], friendRow[4]], ['6.7', '15']);
  const branchB = summary.find((r) => r[0] === `Branch: ${BRANCH_B}`);
  assert.deepEqual([branchB[1], branchB[4]], ['6.4', '29']);

  // Ann's comment reaches the owner with her group and branch, never her name.
  const comments = page.locator('#comments');
  assert.equal((await comments.locator('li', { hasText: ANN_COMMENT }).textContent()).replace(/\s+/g, ' ').trim(), `${ANN_COMMENT} — Staff, ${BRANCH_A}`);
  assert.ok(!(await comments.textContent()).includes('Ann'), 'a rater named in the comments');

  await page.screenshot({ path: path.join(SCREENSHOTS, 'audit-results-desktop.png') });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'audit-results-desktop-full.png'), fullPage: true });
});

test('a gap between groups never compares a group with itself', async () => {
  need('roundId');
  assert.equal(S.handedIn.size, 5, 'not everyone handed in (an earlier step failed)');
  const page = S.owner;
  await page.goto(`${roundUrl()}/results`);
  const gaps = await page.locator('table.results').first().locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.cells[0].textContent.trim(), tr.cells[3].textContent.trim()]));
  // Items where every group gave the same mean (e.g. all 7) have no widest gap between two groups.
  const selfGap = /^(?:⚑ )?(\S+(?: \S+)?) [\d.]+ vs \1 [\d.]+/;
  const self = gaps.filter(([, g]) => selfGap.test(g));
  // The CSV download (where it is served) uses the same words.
  const res = await page.request.get(`${roundUrl()}/results.csv`);
  let csvSelf = [];
  if (res.status() === 200) {
    const { parse } = await import('csv-parse/sync');
    const rows = parse((await res.body()).toString('utf8'), { bom: true });
    const gi = rows[0].indexOf('Gap between groups');
    csvSelf = rows.slice(1).filter((r) => selfGap.test(r[gi])).map((r) => [r[1], r[gi]]);
  }
  assert.deepEqual({ page: self, csv: csvSelf }, { page: [], csv: [] }, 'gap texts that compare a group with itself');
});

// ---- downloads -----------------------------------------------------------------------

async function fetchDownloads() {
  const out = {};
  for (const ext of ['pdf', 'xlsx', 'csv']) {
    const res = await S.owner.request.get(`${roundUrl()}/results.${ext}`);
    out[ext] = { status: res.status(), type: res.headers()['content-type'] || '', body: await res.body() };
  }
  return out;
}

/** The items' expected export values, lowest first: [text, mean, median, spread, count, gapText, flags]. */
function expectedExportRows() {
  return EXPECTED_ORDER.map((text) => {
    const scores = RATERS.map((r) => planned(r.name, text)).filter((v) => v !== 'na');
    const e = EXPECTED_ROWS[text];
    const flags = [];
    if (e?.notable) flags.push('⚑ gap');
    if (text === PAYMENT) flags.push('⚑ inconsistent');
    return { text, stats: stats(scores), cells: statCells(scores), gap: e?.gap, flags: flags.join(', ') };
  });
}

test('the downloads (PDF, Excel, CSV) carry the same figures', async () => {
  need('roundId');
  assert.equal(S.handedIn.size, 5, 'not everyone handed in (an earlier step failed)');
  await S.owner.goto(`${roundUrl()}/results`);
  const hrefs = await S.owner.locator('.downloads a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
  assert.deepEqual(hrefs, [['PDF', `/b/${S.businessId}/rounds/${S.roundId}/results.pdf`], ['Excel', `/b/${S.businessId}/rounds/${S.roundId}/results.xlsx`], ['CSV', `/b/${S.businessId}/rounds/${S.roundId}/results.csv`]]);
  const d = await fetchDownloads();
  const statuses = Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.status]));
  assert.deepEqual(statuses, { pdf: 200, xlsx: 200, csv: 200 }, 'every download the results page links answers');
  const exp = expectedExportRows();

  // CSV, read with csv-parse.
  const { parse } = await import('csv-parse/sync');
  assert.match(d.csv.type, /text\/csv/);
  const csv = parse(d.csv.body.toString('utf8'), { bom: true, relax_column_count: false });
  const head = csv[0];
  const col = (name) => { const i = head.indexOf(name); assert.ok(i >= 0, `CSV has no column "${name}": ${JSON.stringify(head)}`); return i; };
  // The items, up to the empty record before the summaries.
  const end = csv.findIndex((r) => r.every((c) => c === ''));
  assert.ok(end > 0, 'no empty record after the items in the CSV');
  const body = csv.slice(1, end);
  // The summaries and comments the other formats have.
  const friendCsv = csv.slice(csv.findIndex((r) => r[0] === 'By rater group')).find((r) => r[0] === 'Friend');
  assert.deepEqual([friendCsv[1], friendCsv[4]], ['6.7', '15'], 'the CSV\'s Friend summary');
  assert.ok(csv.some((r) => r.slice(0, 5).join('|') === `Pre-engagement|${TEL}|Staff|${BRANCH_A}|${ANN_COMMENT}`), 'Ann\'s comment in the CSV');
  assert.deepEqual(body.map((r) => r[col('Item')]), EXPECTED_ORDER, 'CSV rows lowest first');
  for (const [i, e] of exp.entries()) {
    const r = body[i];
    assert.deepEqual([r[col('Mean')], r[col('Median')], r[col('Spread')], r[col('Count')]], e.cells, `CSV figures of "${e.text}"`);
    if (e.gap) assert.equal(r[col('Gap between groups')], e.gap, `CSV gap of "${e.text}"`);
    assert.equal(r[col('Flags')], e.flags, `CSV flags of "${e.text}"`);
    if (EXPECTED_HEAT[e.text]) {
      const h = EXPECTED_HEAT[e.text];
      assert.deepEqual([r[col(`Mean at ${BRANCH_A}`)], r[col(`Mean at ${BRANCH_B}`)], r[col('Inconsistency')]], [h.a, h.b, h.range], `CSV branch means of "${e.text}"`);
    }
  }

  // XLSX, read with SheetJS.
  const XLSX = (await import('xlsx')).default;
  const wb = XLSX.read(d.xlsx.body, { type: 'buffer' });
  assert.deepEqual(wb.SheetNames, ['Items', 'Summary', 'Heat map', 'Comments']);
  const grid = (name) => XLSX.utils.sheet_to_json(wb.Sheets[name], { header: 1, raw: true, defval: null });
  const shown = (name) => XLSX.utils.sheet_to_json(wb.Sheets[name], { header: 1, raw: false, defval: null });
  const items = grid('Items');
  const itemsShown = shown('Items');
  const h = items.findIndex((r) => r[0] === 'Phase');
  assert.ok(h >= 0, 'no header row on the Items sheet');
  const xcol = (name) => { const i = items[h].indexOf(name); assert.ok(i >= 0, `Items sheet has no column "${name}"`); return i; };
  for (const [i, e] of exp.entries()) {
    const r = items[h + 1 + i];
    assert.equal(r[xcol('Item')], e.text, `Items sheet row ${i + 1}`);
    for (const [k, name] of [['mean', 'Mean'], ['median', 'Median'], ['spread', 'Spread'], ['count', 'Count']]) {
      assert.equal(typeof r[xcol(name)], 'number', `${name} of "${e.text}" is not a number cell`);
      assert.ok(Math.abs(r[xcol(name)] - e.stats[k]) < 0.051, `${name} of "${e.text}": ${r[xcol(name)]} vs ${e.stats[k]}`);
    }
    assert.deepEqual(itemsShown[h + 1 + i].slice(xcol('Mean'), xcol('Count') + 1), e.cells, `shown figures of "${e.text}"`);
    if (e.gap) assert.equal(r[xcol('Gap between groups')], e.gap);
    assert.equal(r[xcol('Flags')] ?? '', e.flags, `Items sheet flags of "${e.text}"`);
  }
  const hm = grid('Heat map');
  const hh = hm.findIndex((r) => r[0] === 'Item');
  assert.deepEqual(hm[hh], ['Item', BRANCH_A, BRANCH_B, 'Inconsistency']);
  for (const [text, e] of Object.entries(EXPECTED_HEAT)) {
    const r = hm.find((row) => row[0] === text);
    assert.ok(r, `heat map sheet has no row "${text}"`);
    assert.deepEqual([one(r[1]), one(r[2]), one(r[3])], [e.a, e.b, e.range], `heat map sheet row "${text}"`);
  }
  const sm = grid('Summary');
  const friend = sm.find((r) => r[0] === 'Friend');
  assert.ok(friend, 'Summary sheet has no Friend row');
  assert.deepEqual([one(friend[1]), friend[4]], ['6.7', 15]);

  // PDF, text read with pdf.js.
  assert.match(d.pdf.type, /application\/pdf/);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(d.pdf.body), isEvalSupported: false }).promise;
  let text = '';
  for (let p = 1; p <= doc.numPages; p++) {
    const c = await (await doc.getPage(p)).getTextContent();
    text += `${c.items.map((i) => i.str).join(' ')}\n`;
  }
  const squash = (s) => s.replace(/\s+/g, '');
  const flat = squash(text);
  for (const needle of ['5 of 5 raters handed in', ANN_COMMENT, ...ITEMS.map((i) => i[1]), BRANCH_A, BRANCH_B,
    EXPECTED_ROWS[LAYOUT].gap, EXPECTED_ROWS[PAYMENT].gap, '⚑ gap', '⚑ inconsistent']) {
    assert.ok(flat.includes(squash(needle)), `the PDF text lacks "${needle}"`);
  }
  // The lowest item comes before the highest one in the items table.
  assert.ok(flat.indexOf(squash(TEL)) < flat.indexOf(squash(WARRANTY)), 'PDF items not lowest first');
});

test('after handing in on a phone, the thank-you is in view', () => {
  assert.equal(S.handedIn.size, 5, 'not everyone handed in (an earlier step failed)');
  // Handing in reloads the page; the thank-you is at its top. Each rater pressed
  // "Hand in" at the bottom of a long page.
  const notInView = Object.entries(S.thanksInView).filter(([, v]) => !v.inView);
  assert.deepEqual(notInView, [], 'raters for whom the thank-you was off-screen right after handing in (y = its top relative to the viewport)');
});

test('on a slow connection, answers tapped while an earlier one is being sent are sent too', async () => {
  need('businessId');
  // A second round with one rater, so the first round's figures stay as they are.
  const page = S.owner;
  await page.goto(`${base()}/b/${S.businessId}`);
  await page.fill('#rname', 'Slow network check');
  await Promise.all([page.waitForURL(/\/rounds\/\d+$/), page.click('button:has-text("Start the round")')]);
  const slowRound = page.url();
  await page.selectOption('#lbranch', { label: BRANCH_A });
  await page.selectOption('#lgroup', 'staff');
  await page.fill('#lnames', 'Fay');
  await page.click('button:has-text("Make links")');
  const url = await page.locator('.link-list input').inputValue();
  const token = url.split('/').pop();

  const { page: fay, context } = await newPage('rater Fay (slow network)', PHONE);
  await fay.goto(url);
  await fay.waitForSelector('#rater-progress');
  // A phone on a slow mobile network: every request takes 400 ms more.
  const cdp = await context.newCDPSession(fay);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: -1, uploadThroughput: -1 });
  const ids = await fay.locator('fieldset.item').evaluateAll((fs) => fs.map((f) => f.dataset.item));
  // Tap 7 on every item at a brisk but human pace (each tap waits until the button shows as chosen).
  for (const id of ids) {
    await fay.locator(`fieldset.item[data-item="${id}"] label.score-option`).filter({ has: fay.locator('input[value="7"]') }).tap();
    await waitUntil(fay, (i) => document.querySelector(`fieldset.item[data-item="${i}"] input[value="7"]`).checked, id);
  }
  // Without any further action, everything reaches the server.
  let stuck = null;
  try {
    await waitUntil(fay, (k) => localStorage.getItem(k) === '{}' && /^15 of 15 answered · saved$/.test(document.getElementById('rater-progress').textContent),
      `mot-rater-${token}`, {
        timeout: 15_000,
        message: 'every answer to be sent (nothing kept on the phone, no "waiting")',
        describe: (k) => ({ progress: document.getElementById('rater-progress').textContent, kept: Object.keys(JSON.parse(localStorage.getItem(k) || '{}')).length }),
      });
  } catch (e) {
    stuck = e.message.split('\n')[0];
  }
  await page.goto(slowRound);
  const answers = (await page.locator('table.raters tbody tr td:nth-child(4)').first().textContent()).trim();
  assert.deepEqual({ stuck, serverHas: answers }, { stuck: null, serverHas: '15 / 15' },
    'answers given on a slow connection (the server count is read 15 s after the last tap, the page left open and online)');
});

test('on a phone, no focus stop of the rater page is hidden under the sticky bar', async () => {
  need('roundId');
  const page = S.owner;
  await page.goto(roundUrl());
  await page.selectOption('#lbranch', { label: BRANCH_A });
  await page.selectOption('#lgroup', 'staff');
  await page.fill('#lnames', 'Gil');
  await Promise.all([page.waitForSelector('.new-links .link-list input'), page.click('button:has-text("Make links")')]);
  const url = await page.locator('.link-list input').inputValue();
  const { page: gil } = await newPage('rater Gil (keyboard)', PHONE);
  await gil.goto(url);
  await gil.waitForSelector('#rater-progress');
  // Where the focused control shows (a score's 1 px radio shows as its button) and the bar's top.
  const where = () => {
    const el = document.activeElement;
    const form = document.getElementById('rater-form');
    if (!el || !form.contains(el)) return { inForm: false };
    const bar = form.querySelector('.rater-actions');
    const shown = el.matches('.score-option input') ? el.nextElementSibling : el;
    const r = shown.getBoundingClientRect();
    const label = el.name || el.id || el.textContent.trim();
    return { inForm: true, inBar: bar.contains(el), label, top: r.top, bottom: r.bottom, barTop: bar.getBoundingClientRect().top };
  };
  const hidden = [];
  let stops = 0;
  let left = false;
  for (let i = 0; i < 200 && !left; i++) {
    await gil.keyboard.press('Tab');
    const w = await gil.evaluate(where);
    if (!w.inForm) { left = stops > 0; continue; }
    stops += 1;
    if (w.inBar) continue;
    try {
      await waitUntil(gil, (fn) => {
        const el = document.activeElement;
        const shown = el.matches('.score-option input') ? el.nextElementSibling : el;
        const r = shown.getBoundingClientRect();
        const barTop = document.querySelector('#rater-form .rater-actions').getBoundingClientRect().top;
        return r.bottom <= barTop + 0.5 && r.top >= -0.5;
      }, null, { timeout: 1500, message: `focus stop ${w.label} clear of the bar` });
    } catch {
      hidden.push(await gil.evaluate(where));
    }
  }
  assert.ok(stops >= 32, `only ${stops} focus stops reached (15 score groups, 15 comments, Save, Hand in)`);
  assert.deepEqual(hidden, [], 'focus stops (partly) under the sticky bar or above the top');
  await gil.screenshot({ path: path.join(SCREENSHOTS, 'audit-rater-keyboard-phone.png') });
});

test('on a phone, the results show the item and its mean first and wide tables scroll by keyboard', async () => {
  need('roundId');
  const { page } = await newPage('owner (phone)', { ...PHONE, storageState: await S.owner.context().storageState() });
  await page.goto(`${roundUrl()}/results`);
  await page.waitForSelector('table.results');
  // The first two columns, item and mean, are on screen.
  const heads = await page.locator('table.results').first().locator('thead th').evaluateAll((ths) => ths.slice(0, 2).map((th) => { const r = th.getBoundingClientRect(); return [th.textContent, r.right <= innerWidth]; }));
  assert.deepEqual(heads, [['Item', true], ['Mean', true]]);
  // Every table sits in a named region that takes the keyboard focus.
  const wraps = await page.locator('table').evaluateAll((ts) => ts.map((t) => {
    const w = t.parentElement;
    return { wrap: w.classList.contains('table-wrap'), tabindex: w.getAttribute('tabindex'), role: w.getAttribute('role'), named: !!w.getAttribute('aria-label') };
  }));
  assert.ok(wraps.length >= 4);
  for (const w of wraps) assert.deepEqual(w, { wrap: true, tabindex: '0', role: 'region', named: true });
  // The items table is wider than the phone: the arrow keys scroll it.
  const wrap = page.locator('.table-wrap').first();
  assert.ok(await wrap.evaluate((w) => w.scrollWidth > w.clientWidth), 'the items table fits the phone (nothing to scroll)');
  await wrap.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await waitUntil(page, () => document.querySelector('.table-wrap').scrollLeft > 0, null, { message: 'the items table to scroll by keyboard' });
  await page.evaluate(() => { document.querySelector('.table-wrap').scrollLeft = 0; });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'audit-results-phone.png') });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'audit-results-phone-full.png'), fullPage: true });
});

test('no page errors', () => {
  assert.deepEqual(S.problems.filter((p) => /pageerror/.test(p)), []);
});
