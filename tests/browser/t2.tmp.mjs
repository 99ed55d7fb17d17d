import { test, after } from 'node:test';
import * as H from './helpers.mjs';
const h = H.harness();
const t0 = Date.now();
after(() => console.log('after hook start', Date.now() - t0));
test('x', async () => { console.log('test start', Date.now() - t0); const { page } = await h.page('o', H.PHONE, { owner: true }); const j = await h.journey(page); await H.openBoard(page, j.boardUrl); console.log('test end', Date.now() - t0); });
process.on('exit', () => console.log('exit', Date.now() - t0));
