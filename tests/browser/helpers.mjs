// Shared helpers for the browser tests: start a throwaway mot server, drive
// headless Chromium through playwright-core, and set up a board through the
// same forms a person uses. Synchronisation is always by polling the page
// (waitForSelector / waitForFunction) with a timeout, never by fixed sleeps.

import { spawn } from 'node:child_process';
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir, homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after, afterEach } from 'node:test';
import { chromium } from 'playwright-core';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const SCREENSHOTS = path.join(HERE, 'screenshots');

/** How long to wait for something the page should do promptly. */
export const TIMEOUT = 10_000;

export const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export const DESKTOP = { viewport: { width: 1280, height: 800 } };

export const STAGES = ['Pre-engagement', 'Engagement', 'Post-sale'];

function motBinary() {
  if (process.env.MOT_BIN) return process.env.MOT_BIN;
  const target = process.env.CARGO_TARGET_DIR || path.join(homedir(), '.cache', 'mot', 'target');
  return path.join(target, 'debug', 'mot');
}

/**
 * Starts `mot serve` on a random port with a fresh data directory.
 * Resolves to { url, port, dataDir, stop() } once the server prints its address.
 */
export async function startServer({ timeout = 30_000 } = {}) {
  const bin = motBinary();
  if (!existsSync(bin)) throw new Error(`mot binary not found at ${bin}; build it with cargo build -p mot-cli or set MOT_BIN`);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'mot-browser-'));
  const child = spawn(bin, ['--data-dir', dataDir, 'serve', '--bind', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG || 'warn' },
  });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mot did not print its address within ${timeout} ms; output:\n${output}`)), timeout);
    const onData = (chunk) => {
      output += chunk.toString();
      const m = output.match(/mot is running at http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => { output += c.toString(); });
    exited.then(({ code, signal }) => { clearTimeout(timer); reject(new Error(`mot exited early (code ${code}, signal ${signal}); output:\n${output}`)); });
  });
  // Keep draining the pipes so the server never blocks on a full pipe.
  child.stdout.on('data', (c) => { output += c.toString(); });
  const url = `http://127.0.0.1:${port}`;
  let stopped = false;
  return {
    url,
    port,
    dataDir,
    log: () => output,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        let timer;
        const done = await Promise.race([exited, new Promise((r) => { timer = setTimeout(() => r(null), 10_000); })]);
        clearTimeout(timer);
        if (!done) { child.kill('SIGKILL'); await exited; }
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Launches headless Chromium (Debian's, or $MOT_CHROMIUM). */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.MOT_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Polls `fn(arg)` in the page until it returns a truthy value. On timeout,
 * throws a message that includes `describe(arg)` evaluated in the page, so
 * the failure shows the actual state.
 */
export async function waitUntil(page, fn, arg, { timeout = TIMEOUT, message = 'condition', describe } = {}) {
  try {
    return await page.waitForFunction(fn, arg, { timeout, polling: 100 });
  } catch (e) {
    let actual = '';
    if (describe) {
      try { actual = JSON.stringify(await page.evaluate(describe, arg)); } catch (e2) { actual = `(could not read state: ${e2.message})`; }
    }
    throw new Error(`Timed out after ${timeout} ms waiting for ${message}${actual ? `; actual: ${actual}` : ''}\n${e.message.split('\n')[0]}`);
  }
}

// ---- setting up through the UI ----------------------------------------------

export const OWNER = { workspace: 'Harbour Advisers', name: 'Olivia Owner', email: 'owner@example.test', password: 'correct horse battery' };

/** Creates the workspace and owner account on /setup; the page ends logged in on /. */
export async function setupOwner(page, base, owner = OWNER) {
  await page.goto(`${base}/setup`);
  await page.fill('#workspace', owner.workspace);
  await page.fill('#name', owner.name);
  await page.fill('#email', owner.email);
  await page.fill('#password', owner.password);
  await Promise.all([
    page.waitForURL(`${base}/`),
    page.click('button[type=submit]:has-text("Create workspace")'),
  ]);
}

/** Logs in on /login (for a second owner context). */
export async function login(page, base, owner = OWNER) {
  await page.goto(`${base}/login`);
  await page.fill('#email', owner.email);
  await page.fill('#password', owner.password);
  await Promise.all([
    page.waitForURL(`${base}/`),
    page.click('button[type=submit]:has-text("Log in")'),
  ]);
}

/** Adds a business from the home page; returns its id. */
export async function createBusiness(page, base, name) {
  await page.goto(`${base}/`);
  await page.fill('#bname', name);
  await Promise.all([
    page.waitForURL(/\/b\/\d+$/),
    page.click('button:has-text("Add business")'),
  ]);
  return Number(new URL(page.url()).pathname.split('/')[2]);
}

/** Creates a journey on the business page; the page ends on its board. Returns the journey id. */
export async function createJourney(page, base, businessId, name) {
  await page.goto(`${base}/b/${businessId}`);
  await page.fill('#jname', name);
  await Promise.all([
    page.waitForURL(/\/j\/\d+$/),
    page.click('button:has-text("Create journey")'),
  ]);
  return Number(new URL(page.url()).pathname.split('/')[2]);
}

/** The join link shown on the share page. */
export async function joinLink(page, base, journeyId) {
  await page.goto(`${base}/j/${journeyId}/share`);
  const link = await page.inputValue('#join-link');
  if (!/\/join\/[0-9a-f]{32}$/.test(link)) throw new Error(`unexpected join link: ${link}`);
  return link;
}

/** Joins a board as a guest through the join link, typing a name; the page ends on the board. */
export async function joinAsGuest(page, link, name) {
  await page.goto(link);
  await page.fill('#name', name);
  await Promise.all([
    page.waitForURL(/\/j\/\d+$/),
    page.click('button:has-text("Join the board")'),
  ]);
}

/**
 * Sets up a fresh owner, business and journey; returns { journeyId, businessId, boardUrl }.
 * The page ends on the board.
 */
export async function setupBoard(page, base, { business = 'Harbour Furniture', journey = 'New customer buys a sofa' } = {}) {
  await setupOwner(page, base);
  const businessId = await createBusiness(page, base, business);
  const journeyId = await createJourney(page, base, businessId, journey);
  return { businessId, journeyId, boardUrl: `${base}/j/${journeyId}` };
}

// ---- the board ---------------------------------------------------------------

/** Opens a board URL and waits until its live connection says Live. */
export async function openBoard(page, url) {
  await page.goto(url);
  await waitLive(page);
}

/** Waits for the live status to be "Live". */
export async function waitLive(page, timeout = TIMEOUT) {
  await waitUntil(page, () => {
    const s = document.getElementById('live-status');
    return s && s.classList.contains('on') && s.textContent.trim() === 'Live';
  }, null, { timeout, message: 'live status "Live"', describe: () => document.getElementById('live-status')?.textContent });
}

/** The stage column (li.stage) whose heading is exactly `name`. */
export function stage(page, name) {
  return page.locator('li.stage').filter({ has: page.locator('h2', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
}

/**
 * Types a note into a stage's add form and waits for it on the board.
 * `channel` is the visible label of an option ("MAIL · Email", "No channel yet");
 * without it the picker is left as it is.
 */
export async function addNote(page, stageName, title, { channel } = {}) {
  const s = stage(page, stageName);
  const input = s.locator('form.add-note input[name=title]');
  await input.fill(title);
  if (channel) await s.locator('form.add-note select[name=channel_id]').selectOption({ label: channel });
  const before = await page.locator('#board .note').count();
  await s.locator('form.add-note button[type=submit]').click();
  // The form resets once the server answered; the note is then on the board.
  await waitUntil(page, ([t, n]) => [...document.querySelectorAll('#board .note .title')].some((e) => e.textContent === t)
    && document.querySelectorAll('#board .note').length > n, [title, before],
  { message: `note "${title}" to appear after adding it`, describe: () => [...document.querySelectorAll('#board .note .title')].map((e) => e.textContent) });
  await waitUntil(page, (name) => {
    const st = [...document.querySelectorAll('li.stage')].find((x) => x.querySelector('h2').textContent === name);
    return st && st.querySelector('form.add-note input[name=title]').value === '';
  }, stageName, { message: 'the add form to reset' });
}

/** Titles of the notes per stage, in order: { stageName: [titles] } (hidden notes included). */
export async function boardTitles(page) {
  return page.evaluate(readBoardTitles);
}

/** In-page function: titles per stage (used with waitUntil). */
export function readBoardTitles() {
  const out = {};
  for (const s of document.querySelectorAll('#board li.stage')) {
    out[s.querySelector('h2').textContent] = [...s.querySelectorAll('ol.notes > .note')].map((n) => n.querySelector('.title').textContent);
  }
  return out;
}

/** Waits until the board's titles per stage equal `expected` (only the stages named in it are compared). */
export async function waitForTitles(page, expected, { timeout = TIMEOUT, message = 'board order' } = {}) {
  await waitUntil(page, (exp) => {
    const out = {};
    for (const s of document.querySelectorAll('#board li.stage')) {
      out[s.querySelector('h2').textContent] = [...s.querySelectorAll('ol.notes > .note')].map((n) => n.querySelector('.title').textContent);
    }
    return Object.entries(exp).every(([k, v]) => JSON.stringify(out[k]) === JSON.stringify(v));
  }, expected, { timeout, message: `${message} = ${JSON.stringify(expected)}`, describe: readBoardTitles });
}

/** The note (li.note) with exactly this title. */
export function noteByTitle(page, title) {
  return page.locator('#board li.note').filter({ has: page.locator('p.title', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
}

export async function ensureScreenshotDir() {
  await mkdir(SCREENSHOTS, { recursive: true });
}

// ---- per-file harness --------------------------------------------------------

/**
 * One server and one browser for a test file. `h.page(label, contextOptions)`
 * opens a page in a new context and records its console errors and page
 * errors in `h.problems`; they are printed after each test and every context
 * is closed.
 */
export function harness() {
  const h = {
    server: null,
    browser: null,
    contexts: [],
    problems: [],
    pageErrors: [],
    get base() { return h.server.url; },
    /** A page in a new context; `owner: true` starts it logged in as the owner. */
    async page(label, options = DESKTOP, { init, owner = false } = {}) {
      const context = await h.browser.newContext(owner ? { ...options, storageState: h.ownerState } : options);
      h.contexts.push(context);
      if (init) await context.addInitScript(init);
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT);
      page.on('console', (m) => { if (m.type() === 'error') h.problems.push(`${label} console.error: ${m.text()}`); });
      page.on('pageerror', (e) => { h.problems.push(`${label} pageerror: ${e.message}`); h.pageErrors.push(`${label}: ${e.message}`); });
      return { context, page };
    },
    /** A new journey of the business, made through the form on an owner page; the page ends on its board. */
    async journey(ownerPage, name = 'New customer buys a sofa') {
      const id = await createJourney(ownerPage, h.server.url, h.businessId, name);
      return { journeyId: id, boardUrl: `${h.server.url}/j/${id}` };
    },
  };
  before(async () => {
    h.server = await startServer();
    h.browser = await launchBrowser();
    // The owner's account and one business, made once through the forms.
    const context = await h.browser.newContext(DESKTOP);
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    await setupOwner(page, h.server.url);
    h.businessId = await createBusiness(page, h.server.url, 'Harbour Furniture');
    h.ownerState = await context.storageState();
    await context.close();
  });
  afterEach(async () => {
    if (h.problems.length) console.log(`browser problems:\n  ${h.problems.join('\n  ')}`);
    h.problems.length = 0;
    h.pageErrors.length = 0;
    for (const c of h.contexts.splice(0)) await c.close().catch(() => {});
  });
  after(async () => {
    await h.browser?.close();
    await h.server?.stop();
  });
  return h;
}

/** An init script that records Content-Security-Policy violations in window.__csp. */
export function recordCspViolations() {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push(`${e.violatedDirective}: ${e.blockedURI || ''} ${e.sample || ''}`.trim());
  });
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The critical and serious axe-core violations on the page, each labelled. */
export async function axeProblems(page, label) {
  await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  return found.map((f) => `${label}: ${f}`);
}

/**
 * A picture of the session panel, its bar and its body together (while a
 * session runs the panel has no box of its own: its bar stays at the top
 * of the page). The page is scrolled to the top first.
 */
export async function panelShot(page, file) {
  const clip = await page.evaluate(() => {
    window.scrollTo(0, 0);
    const p = document.getElementById('session-panel');
    const parts = getComputedStyle(p).display === 'contents' ? [...p.children] : [p];
    const rs = parts.map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
    const x = Math.min(...rs.map((r) => r.left));
    const y = Math.min(...rs.map((r) => r.top));
    return {
      x: x + window.scrollX,
      y: y + window.scrollY,
      width: Math.max(...rs.map((r) => r.right)) - x,
      height: Math.max(...rs.map((r) => r.bottom)) - y,
    };
  });
  await page.screenshot({ path: file, fullPage: true, clip });
}

/** A session command posted as the page's script posts it (fields: [name, value] pairs); asserts 200. */
export async function sessionCommand(page, url, fields) {
  const r = await page.evaluate(async ([u, f]) => {
    const csrf = document.querySelector('meta[name=csrf-token]').content;
    const body = new URLSearchParams(f);
    body.set('_csrf', csrf);
    const res = await fetch(u, { method: 'POST', headers: { 'x-mot-fetch': '1', 'x-csrf-token': csrf }, body });
    return { status: res.status, text: (await res.text()).slice(0, 300) };
  }, [url, fields]);
  if (r.status !== 200) throw new Error(`${JSON.stringify(fields)}: ${r.status} ${r.text}`);
}
