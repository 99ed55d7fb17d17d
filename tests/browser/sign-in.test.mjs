// Single sign-on in the browser (issue 11, item 2): a real OpenID provider
// (tests/oidc/provider.mjs, panva's oidc-provider) is started first and
// mot is started with it; the owner signs in by "Sign in with Test ID",
// the provider's own login and consent pages, and lands signed in. The
// owner's people page offers who may join by it. Pictures of both.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  harness, PHONE, DESKTOP, SCREENSHOTS, OWNER, ensureScreenshotDir, axeProblems,
} from './helpers.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const provider = spawn(process.execPath, [path.join(HERE, '../oidc/provider.mjs')], { stdio: ['pipe', 'pipe', 'ignore'] });
const issuer = await new Promise((resolve, reject) => {
  provider.once('exit', (code) => reject(new Error(`the OpenID provider exited (${code}); run (cd tests/oidc && npm ci)`)));
  createInterface({ input: provider.stdout }).once('line', resolve);
});
after(() => provider.kill());
// mot (started by the harness) signs in through it.
Object.assign(process.env, {
  MOT_OIDC_ISSUER: issuer,
  MOT_OIDC_CLIENT_ID: 'mot',
  MOT_OIDC_CLIENT_SECRET: 'mot-test-secret',
  MOT_OIDC_LABEL: 'Test ID',
});

const h = harness();

test('the owner signs in with the OpenID provider and lands on their workspace', async () => {
  await ensureScreenshotDir();
  const problems = [];
  const { page } = await h.page('visitor', PHONE);
  await page.goto(`${h.base}/login`);
  problems.push(...await axeProblems(page, 'login with single sign-on, phone'));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'login-sso-phone.png'), fullPage: true });
  await page.click('a.sso');
  // The provider's own pages: any login name is the account's e-mail.
  await page.waitForURL((u) => u.href.startsWith(issuer));
  await page.fill('input[name=login]', OWNER.email);
  await page.fill('input[name=password]', 'any');
  await page.click('button[type=submit]');
  await page.waitForSelector('button[type=submit]');
  await Promise.all([page.waitForURL(`${h.base}/`), page.click('button[type=submit]')]);
  // The provider's pages ask the internet for fonts and a favicon, which
  // this machine refuses; only mot's pages count from here on.
  h.problems.length = 0;
  assert.equal(await page.textContent('header .who'), OWNER.name);
  assert.match(await page.textContent('h1'), new RegExp(OWNER.workspace));

  await page.setViewportSize(DESKTOP.viewport);
  await page.goto(`${h.base}/people`);
  await page.selectOption('#sso-role', 'member');
  await Promise.all([page.waitForLoadState('load'), page.click('#invite form[action="/people/sso"] button')]);
  assert.equal(await page.inputValue('#sso-role'), 'member');
  problems.push(...await axeProblems(page, 'people with single sign-on, desktop'));
  await page.locator('#invite').screenshot({ path: path.join(SCREENSHOTS, 'people-sso-desktop.png') });
  assert.deepEqual(problems, []);
  assert.deepEqual(h.problems, []);
});
