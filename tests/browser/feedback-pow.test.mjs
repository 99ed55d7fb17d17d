// A burst at a customer's feedback link: after a flood of answers from one
// address, the page asks the phone for a proof of work. With scripts on, the
// altcha widget (or, in a build without it, our own solver) solves it unseen
// and the answer is kept; with scripts off, the page says the link is busy,
// to try again in a minute. Waits on conditions, never on time.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  harness, addNote, openBoard, ensureScreenshotDir, waitUntil, recordCspViolations, SCREENSHOTS, PHONE, DESKTOP,
} from './helpers.mjs';

const h = harness();

/** Answers sent from this address (fresh forms, no cookie) before the burst. */
const FLOOD = 10;

test('under a burst the phone solves a proof of work and its answer is kept', { timeout: 120_000 }, async () => {
  await ensureScreenshotDir();
  const { page: owner } = await h.page('owner', DESKTOP, { owner: true });
  const { boardUrl, journeyId } = await h.journey(owner);
  await openBoard(owner, boardUrl);
  await addNote(owner, 'Engagement', 'Delivery day');
  await owner.goto(`${h.base}/j/${journeyId}/feedback`);
  await owner.click('section.moment-feedback button:has-text("Ask customers")');
  await owner.waitForURL(/\/feedback\/\d+$/);
  const link = await owner.inputValue('#link');

  // No burst yet: the page loads nothing of the widget.
  const { page: calm } = await h.page('calm', PHONE);
  await calm.goto(link);
  assert.equal(await calm.locator('.pow').count(), 0, 'no challenge without a burst');

  // A flood from this address (the test runs on 127.0.0.1, as the phone does).
  for (let i = 0; i < FLOOD; i += 1) {
    const res = await fetch(link, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ _rid: `flood-${i}`, verdict: 'worse' }),
    });
    assert.equal(res.status, 303, `flood answer ${i}`);
  }

  // Scripts off: the page says plainly the link is busy; sending is refused kindly.
  const { page: plain } = await h.page('no-js', { ...PHONE, javaScriptEnabled: false });
  await plain.goto(link);
  assert.match(await plain.locator('.pow noscript, .pow').first().innerText(), /try again in a minute/);
  await plain.locator('label.verdict:has-text("Better")').tap();
  const [refusal] = await Promise.all([plain.waitForResponse((r) => r.request().method() === 'POST'), plain.locator('button.send').tap()]);
  assert.equal(refusal.status(), 429);
  await plain.getByText('Please try again in a minute').first().waitFor();
  await plain.screenshot({ path: path.join(SCREENSHOTS, 'feedback-busy-375.png'), fullPage: true });

  // Scripts on: the phone solves the challenge, and the answer is kept.
  const { page: phone } = await h.page('phone', PHONE, { init: recordCspViolations });
  await phone.goto(link);
  await phone.locator('.pow').waitFor();
  await waitUntil(phone, () => !!new FormData(document.getElementById('feedback-form')).get('altcha'), null, {
    message: 'the proof of work solved',
    describe: () => document.querySelector('.pow')?.outerHTML.slice(0, 600),
  });
  await phone.screenshot({ path: path.join(SCREENSHOTS, 'feedback-pow-375.png'), fullPage: true });
  const solver = await phone.evaluate(() => (document.querySelector('.pow altcha-widget') ? 'the altcha widget' : 'pow.js'));
  console.log(`solved by ${solver}`);
  assert.deepEqual(await phone.evaluate(() => window.__csp), [], 'the solver keeps to the Content-Security-Policy');
  if (solver === 'the altcha widget') {
    // The build bundles the widget; our own solver (for builds without it)
    // is still served: it solves this page's challenge too.
    const payload = await phone.evaluate(async () => {
      const widget = document.querySelector('.pow altcha-widget');
      const div = document.createElement('div');
      div.className = 'pow-solver';
      div.dataset.challenge = widget.getAttribute('challengejson');
      div.innerHTML = '<input type="hidden" name="altcha"><p class="pow-status"></p>';
      document.body.prepend(div);
      const done = new Promise((resolve) => div.addEventListener('statechange', (e) => {
        if (e.detail.state !== 'verifying') resolve(e.detail);
      }));
      await import(document.querySelector('.pow').dataset.powScript.replace(/altcha\.js$/, 'pow.js'));
      const detail = await done;
      div.remove();
      return detail.state === 'verified' ? detail.payload : `not solved: ${detail.state}`;
    });
    assert.doesNotMatch(payload, /^not solved/);
    const solution = JSON.parse(Buffer.from(payload, 'base64').toString());
    const { createHash } = await import('node:crypto');
    assert.equal(createHash('sha256').update(`${solution.salt}${solution.number}`).digest('hex'), solution.challenge, 'pow.js found the number');
  }
  await phone.locator('label.verdict:has-text("Better")').tap();
  await phone.fill('#comment', 'Worth the short wait');
  await phone.locator('button.send').tap();
  await phone.locator('h1', { hasText: 'Thank you' }).waitFor();

  // A page loaded before the burst has no challenge: its answer is refused
  // as busy, kept on the phone, the page loads again with a challenge, and
  // the kept answer goes with the proof, once.
  await calm.locator('label.verdict:has-text("As expected")').tap();
  await calm.fill('#comment', 'Asked before the rush');
  await calm.locator('button.send').tap();
  await calm.locator('h1', { hasText: 'Thank you' }).waitFor();
  assert.equal(await calm.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mot-feedback-')).length), 0, 'nothing left kept');

  // The owner counts the flood and the two solved answers; the refused one is not there.
  await owner.goto(`${h.base}/j/${journeyId}/feedback`);
  await waitUntil(owner, (n) => document.body.innerText.includes(`${n} answers`), FLOOD + 2, {
    message: 'the solved answer counted',
    describe: () => document.querySelector('section.moment-feedback')?.innerText,
  });
  await owner.goto(`${h.base}/j/${journeyId}/feedback/comments`);
  await owner.locator('li.comment', { hasText: 'Worth the short wait' }).waitFor();
  await owner.locator('li.comment', { hasText: 'Asked before the rush' }).waitFor();
  assert.deepEqual(h.pageErrors, []);
});
