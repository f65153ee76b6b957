// Regression data's test-set view (the fresh reviewer's item 10): each listed test example shows its
// target y in the data's own units and the network's prediction ŷ, which follows the run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, linkFor, trainToEnd, outputDir } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

// price = 2·f1 − f2 + 0.5·f3·f4 + 100 over 80 rows (as data.test.mjs's CSV): targets near 100.
const x = [], targets = [];
for (let i = 0; i < 80; ++i) {
  const f = Array.from({ length: 4 }, (_, j) => Number((Math.sin(i * 3.1 + j * 1.7) * 2).toFixed(3)));
  x.push(f);
  targets.push(Number((2 * f[0] - f[1] + 0.5 * f[2] * f[3] + 100).toFixed(4)));
}

test('regression: the test examples show target y (raw units) → prediction ŷ, and ŷ approaches y as the run trains', async () => {
  const spec = { seed: 7, dataset: { name: 'inline', x, targets }, steps: 1500, log_every: 50 };
  const { page, context, problems } = await openPage(env, linkFor(spec));
  try {
    const captions = () => page.$$eval('#digit-samples figure figcaption', (fs) => fs.map((f) => f.textContent));
    const parse = (c) => { const m = /^y (-?[\d.]+) → ŷ (-?[\d.e−-]+)$/.exec(c); return m ? [Number(m[1]), Number(m[2].replace('−', '-'))] : null; };
    await page.waitForFunction(() => /→ ŷ/.test(document.querySelector('#digit-samples figure figcaption')?.textContent ?? ''), null, { timeout: 30_000 });
    const start = (await captions()).map(parse);
    assert.equal(start.length, 16);
    assert.ok(start.every(Boolean), `captions ${await captions()}`);
    // Raw units: every target is one of the spec's (≈ 100), not a standardized value near 0.
    for (const [y] of start) assert.ok(targets.some((v) => Math.abs(v - y) < 0.06), `target ${y}`);
    await trainToEnd(page);
    await page.waitForTimeout(500);
    const end = (await captions()).map(parse);
    const err = (rows) => rows.reduce((s, [y, p]) => s + Math.abs(p - y), 0) / rows.length;
    assert.ok(err(end) < 0.5 * err(start), `mean |ŷ − y| ${err(start)} at the start, ${err(end)} at the end`);
    assert.match(await page.textContent('#digits-view h3'), /target y → the network’s prediction ŷ/);
    await page.locator('#digits-view').screenshot({ path: join(outputDir, 'regression-view.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
