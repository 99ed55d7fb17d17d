import * as h from '/work/main/tests/browser/helpers.mjs';
const srv = await h.startServer();
const browser = await h.launchBrowser();
const sleep = (ms) => new Promise(r => setTimeout(r, ms));
try {
  const oc = await browser.newContext(h.DESKTOP);
  const op = await oc.newPage();
  const { journeyId, boardUrl } = await h.setupBoard(op, srv.url);
  const link = await h.joinLink(op, srv.url, journeyId);
  await h.openBoard(op, boardUrl);
  const gc = await browser.newContext(h.PHONE);
  const gp = await gc.newPage();
  await h.joinAsGuest(gp, link, 'Gus');
  await h.waitLive(gp);
  await gc.setOffline(true);
  const gs = h.stage(gp, 'Post-sale');
  await gs.locator('input[name=title]').fill('guest offline note');
  await gs.locator('button[type=submit]').click();
  await gp.waitForFunction(() => localStorage.length > 0);
  await gc.setOffline(false);
  const st = Date.now();
  for (let i = 0; i < 70; i++) {
    const r = await gp.evaluate(() => [document.getElementById('live-status').textContent, localStorage.length, document.querySelectorAll('.note').length]);
    const o = await op.evaluate(() => document.querySelectorAll('.note').length);
    if (i % 5 == 0 || r[2] || o) console.log(Date.now() - st, JSON.stringify(r), o);
    if (r[2] && o) break;
    await sleep(1000);
  }
} finally { await browser.close(); await srv.stop(); }
