// Notes whose titles look like markup are shown as text and never run, for
// the author, for another client receiving them live, and after a reload.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, DESKTOP, PHONE, joinLink, joinAsGuest, openBoard, waitLive, addNote, waitForTitles, recordCspViolations } from './helpers.mjs';

const h = harness();

const SCRIPT = '<script>window.__xss=1</script>';
const IMG = '<img src=x onerror="window.__xss=2">';

/** In-page: what a markup-looking title turned into. */
function inspect(titles) {
  const notes = [...document.querySelectorAll('#board .note')];
  const byTitle = Object.fromEntries(titles.map((t) => {
    const n = notes.find((x) => x.querySelector('.title').textContent === t);
    return [t, n ? { labelEndsRight: (n.getAttribute('aria-label') || '').startsWith(t) } : null];
  }));
  return {
    xss: typeof window.__xss === 'undefined' ? 'undefined' : String(window.__xss),
    // Elements that would exist if the title had been parsed as HTML.
    injected: document.querySelectorAll('#board .note script, #board .note img, body > img, #board img').length,
    csp: window.__csp || [],
    byTitle,
  };
}

test('markup in note titles is shown as text, live and after reload, and never executes', async () => {
  const { page: author } = await h.page('author', DESKTOP, { owner: true, init: recordCspViolations });
  const { journeyId, boardUrl } = await h.journey(author, 'Markup check');
  const link = await joinLink(author, h.base, journeyId);
  await openBoard(author, boardUrl);

  const { page: other } = await h.page('other', PHONE, { init: recordCspViolations });
  await joinAsGuest(other, link, 'Gus');
  await waitLive(other);

  await addNote(author, 'Pre-engagement', SCRIPT);
  await addNote(author, 'Pre-engagement', IMG);
  await waitForTitles(other, { 'Pre-engagement': [SCRIPT, IMG] }, { message: 'the other client to receive both notes as text' });

  for (const [who, page] of [['author', author], ['other client (live)', other]]) {
    const r = await page.evaluate(inspect, [SCRIPT, IMG]);
    assert.equal(r.xss, 'undefined', `${who}: a title ran as script`);
    assert.equal(r.injected, 0, `${who}: a title was parsed into elements`);
    assert.deepEqual(r.csp, [], `${who}: markup reached the page and was only stopped by the Content-Security-Policy`);
    assert.deepEqual(r.byTitle, { [SCRIPT]: { labelEndsRight: true }, [IMG]: { labelEndsRight: true } }, `${who}: the titles are not shown literally`);
  }

  // Rendered by the server too.
  for (const page of [author, other]) {
    await page.reload();
    await waitLive(page);
    await waitForTitles(page, { 'Pre-engagement': [SCRIPT, IMG] }, { message: 'the titles after reload' });
    const r = await page.evaluate(inspect, [SCRIPT, IMG]);
    assert.equal(r.xss, 'undefined');
    assert.equal(r.injected, 0);
    assert.deepEqual(r.csp, []);
  }
  // What a person sees is the literal characters.
  assert.equal(await author.locator('#board .note .title').first().innerText(), SCRIPT);
  assert.deepEqual(h.pageErrors, []);
});
