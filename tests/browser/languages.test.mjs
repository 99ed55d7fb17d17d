// A board in German and one in Arabic, as a team abroad would use them.
//
// The expected words are read from the catalogues themselves
// (crates/mot-i18n/locales), so the test checks that the page speaks the
// language, not that a translation reads one particular way: the German
// board shows German words and none of the English words that German says
// otherwise; the Arabic board is right-to-left, takes a note, and its
// planning form is exported in Arabic and read back with independent
// readers (pdf.js, SheetJS).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';
import {
  harness, DESKTOP, PHONE, HERE, SCREENSHOTS, ensureScreenshotDir, addNote, waitUntil, noteByTitle,
  panelShot,
} from './helpers.mjs';

const h = harness();

const LOCALES = path.join(HERE, '..', '..', 'crates', 'mot-i18n', 'locales');

/** The plain one-line messages of a language's catalogues: { key: text }. */
function catalogue(lang) {
  const out = {};
  for (const f of readdirSync(path.join(LOCALES, lang)).filter((n) => n.endsWith('.ftl'))) {
    for (const line of readFileSync(path.join(LOCALES, lang, f), 'utf8').split('\n')) {
      const m = /^([a-zA-Z][\w-]*) = (.+)$/.exec(line);
      if (m && !m[2].includes('{')) out[m[1]] = m[2].trim();
    }
  }
  return out;
}
const EN = catalogue('en');
const DE = catalogue('de');
const AR = catalogue('ar');

/** Waits until the board's live connection is open (whatever the language says). */
async function waitOn(page) {
  await waitUntil(page, () => document.getElementById('live-status')?.classList.contains('on'), null,
    { message: 'the live connection to open', describe: () => document.getElementById('live-status')?.outerHTML });
}

/** Every text node of the page's visible text, trimmed, without the notes people typed. */
function readTexts() {
  const out = new Set();
  // Stage names are what the team typed (new journeys start with default
  // ones in their creator's language): they may appear in pickers too.
  const stages = new Set([...document.querySelectorAll('#board li.stage h2')].map((e) => e.textContent.trim()));
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (n.parentElement.closest('.title, .desc, h1, h2, .who, script, option[lang]')) continue;
    const t = n.textContent.trim();
    if (t && !stages.has(t)) out.add(t);
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
    for (const a of ['aria-label', 'title', 'placeholder']) if (el.getAttribute(a)) out.add(el.getAttribute(a).trim());
  }
  return [...out];
}

/** English messages the page shows although the language says them otherwise. */
function englishLeft(texts, other) {
  const english = new Map();
  for (const [k, v] of Object.entries(EN)) {
    // Stage and channel names are the team's own words once made (a new
    // business or journey gets them in its creator's language): not the page's.
    const teams = /^board-(stage|channel)-/.test(k);
    if (other[k] && other[k] !== v && /[a-z]{3}/.test(v) && !k.startsWith('language-name') && !teams) english.set(v, k);
  }
  return texts.filter((t) => english.has(t)).map((t) => `${english.get(t)}: ${t}`);
}

test('a board in German: the browser asks for German, and every word on the board is German', async () => {
  await ensureScreenshotDir();
  const { page: owner } = await h.page('owner', DESKTOP, { owner: true });
  const { journeyId, boardUrl } = await h.journey(owner, 'Neukunde kauft ein Sofa');
  for (const [name, options] of [['desktop-1280x800', DESKTOP], ['phone-375x812', PHONE]]) {
    const { page } = await h.page(`de ${name}`, { ...options, locale: 'de-DE' }, { owner: true });
    await page.goto(boardUrl);
    await waitOn(page);
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
    assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
    assert.equal(await page.locator('#lang-select').inputValue(), 'de');
    assert.equal((await page.locator('header.top form[action="/logout"] button').textContent()).trim(), DE['layout-log-out']);
    const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(over <= 0, `the German board is ${over} px wider than the window at ${name}`);
    const left = englishLeft(await page.evaluate(readTexts), DE);
    assert.deepEqual(left, [], 'English words on the German board');
    await page.screenshot({ path: path.join(SCREENSHOTS, `language-de-board-${name}.png`), fullPage: true });
  }
  // A note added on the German board is there for an English viewer too.
  const { page: de } = await h.page('de', { ...DESKTOP, locale: 'de-DE' }, { owner: true });
  await de.goto(boardUrl);
  await waitOn(de);
  const firstStage = (await de.locator('#board li.stage h2').first().textContent()).trim();
  await addNote(de, firstStage, 'Findet uns über die Suche');
  await noteByTitle(owner, 'Findet uns über die Suche').waitFor();
  assert.equal(journeyId > 0, true);
});

test('a board in Arabic: the switch turns it right-to-left, a note is added, and the planning form is exported in Arabic', async () => {
  await ensureScreenshotDir();
  const { page: owner } = await h.page('owner', DESKTOP, { owner: true });
  const { journeyId, boardUrl } = await h.journey(owner, 'عميل جديد يشتري أريكة');
  await owner.goto(boardUrl);
  await waitOn(owner);
  assert.equal(await owner.getAttribute('html', 'lang'), 'en');
  // The switch: picking a language sends the form at once (words.js).
  await Promise.all([
    owner.waitForURL(boardUrl),
    owner.waitForEvent('load'),
    owner.selectOption('#lang-select', 'ar'),
  ]);
  await waitOn(owner);
  assert.equal(await owner.getAttribute('html', 'lang'), 'ar');
  assert.equal(await owner.getAttribute('html', 'dir'), 'rtl');
  assert.equal((await owner.locator('header.top form[action="/logout"] button').textContent()).trim(), AR['layout-log-out']);
  assert.deepEqual(englishLeft(await owner.evaluate(readTexts), AR), [], 'English words on the Arabic board');
  // Right-to-left: the first stage stands to the right of the second.
  const [first, second] = await owner.evaluate(() => [...document.querySelectorAll('#board li.stage')].slice(0, 2)
    .map((s) => s.getBoundingClientRect().left));
  assert.ok(first > second, `the first stage (x=${first}) is not right of the second (x=${second})`);

  // A note in Arabic.
  const NOTE = 'يتصل العميل ليسأل عن موعد التسليم';
  const firstStage = (await owner.locator('#board li.stage h2').first().textContent()).trim();
  await addNote(owner, firstStage, NOTE);
  for (const [name, options] of [['desktop-1280x800', DESKTOP], ['phone-375x812', PHONE]]) {
    const { page } = await h.page(`ar ${name}`, options, { owner: true });
    await page.goto(boardUrl);
    await waitOn(page);
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl', 'the account keeps its language on another device');
    await noteByTitle(page, NOTE).waitFor();
    const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(over <= 0, `the Arabic board is ${over} px wider than the window at ${name}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, `language-ar-board-${name}.png`), fullPage: true });
  }

  // A session, and its planning form in Arabic.
  await owner.locator('#session-panel details.start-session summary').click();
  await owner.fill('#ss-title', 'الجلسة الأولى');
  await Promise.all([
    owner.waitForURL(`${boardUrl}#session-panel`),
    owner.locator('#session-panel details.start-session button[type=submit]').click(),
  ]);
  await waitOn(owner);
  const sid = await owner.locator('#session-panel').getAttribute('data-session');
  assert.match(sid || '', /^\d+$/);
  assert.deepEqual(englishLeft(await owner.evaluate(readTexts), AR), [], 'English words in the Arabic session');
  await panelShot(owner, path.join(SCREENSHOTS, 'language-ar-session-desktop-1280x800.png'));

  // Shaped Arabic comes back from a PDF's text layer in presentation forms
  // (NFKC turns them back into letters), and the lam-alef ligature, one
  // glyph for two letters, may come back with its two letters swapped:
  // compare the other letters, in order.
  const squash = (s) => s.normalize('NFKC').replace(/\s+/g, '').replace(/[\u0627\u0623\u0625\u0622\u0644]/g, '');
  const pdf = await owner.request.get(`${h.base}/j/${journeyId}/sessions/${sid}/form.pdf`);
  assert.equal(pdf.status(), 200);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(await pdf.body()), isEvalSupported: false }).promise;
  let text = '';
  for (let p = 1; p <= doc.numPages; p++) {
    const c = await (await doc.getPage(p)).getTextContent();
    text += `${c.items.map((i) => i.str).join(' ')}\n`;
  }
  // A line of right-to-left text may come back with its words in visual
  // order: look for every word of each heading.
  const flat = squash(text);
  for (const needle of [AR['export-form-title'], AR['export-form-col-moment']]) {
    for (const word of needle.split(/\s+/)) {
      assert.ok(flat.includes(squash(word)), `the Arabic PDF lacks "${word}" of "${needle}": ${text.slice(0, 300)}`);
    }
  }
  assert.ok(!flat.includes(squash(EN['export-form-title'])), 'the Arabic PDF has the English title');

  const xlsx = await owner.request.get(`${h.base}/j/${journeyId}/sessions/${sid}/form.xlsx`);
  assert.equal(xlsx.status(), 200);
  const XLSX = (await import('xlsx')).default;
  const wb = XLSX.read(await xlsx.body(), { type: 'buffer' });
  const cells = wb.SheetNames.flatMap((n) => XLSX.utils.sheet_to_json(wb.Sheets[n], { header: 1 }).flat()).map(String);
  assert.ok(cells.includes(AR['export-form-col-moment']), `the Arabic XLSX lacks the heading "${AR['export-form-col-moment']}": ${cells.slice(0, 20)}`);

  // Back to English, so the account is as the other tests expect it.
  await Promise.all([owner.waitForEvent('load'), owner.selectOption('#lang-select', 'en')]);
  assert.equal(await owner.getAttribute('html', 'lang'), 'en');
});
