// Issue 12, "Racers on every core": the page runs a race's racers on a pool of workers (one per core,
// at most one per racer), still in lockstep, and row for row what one worker (link flag workers=1)
// and the native runner give; a racer that diverges stops alone while the others run to the end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { setup, openPage, waitState, trainToEnd, racerStats, exportedJson, linkFor, root } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const spec = {
  seed: 11, dataset: { name: 'spiral', classes: 3, noise: 0.1 },
  network: { layers: [{ units: 16, activation: 'tanh' }, { units: 16, activation: 'tanh' }] },
  optimizer: { name: 'sgd', lr: 0.1 }, batch_size: 16, steps: 300, log_every: 20,
};
const racers = [{ name: 'momentum', lr: 0.05 }, { name: 'adam', lr: 0.01 }, { name: 'sgd', lr: 0.3 }];

// The native runner's lines for one racer's spec.
function nativeRows(s) {
  const out = execFileSync(join(root, 'build', 'native', 'optlab_native'), ['run', '-'], { input: JSON.stringify(s), encoding: 'utf8' });
  return out.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => !l.summary);
}

// Every racer's rows from the page's JSON export, without the wall-clock column.
async function raceRows(hash) {
  const { page, context, problems } = await openPage(env, hash);
  try {
    const workers = Number(await page.evaluate(() => document.body.dataset.workers));
    const end = await trainToEnd(page);
    assert.equal(end.state, 'finished');
    const steps = (await racerStats(page)).map((r) => r.step);
    const data = await exportedJson(page);
    assert.deepEqual(problems, []);
    return { workers, steps, columns: data.racers[0].columns.slice(1), rows: data.racers.map((r) => r.rows.map((row) => row.slice(1))) };
  } finally {
    await context.close();
  }
}

test('four racers on the worker pool: the rows of one worker and of the native runner, bit for bit', async () => {
  const cores = await (async () => { const p = await env.browser.newPage(); const n = await p.evaluate(() => navigator.hardwareConcurrency); await p.close(); return n; })();
  const one = await raceRows(linkFor(spec, racers, '&workers=1'));
  const pool = await raceRows(linkFor(spec, racers));
  assert.equal(one.workers, 1);
  assert.equal(pool.workers, Math.min(4, 2 * cores), 'two pool workers per core, at most one per racer');
  assert.ok(pool.workers >= 2, `this machine reports ${cores} cores: the pool must have at least 2 workers to test anything`);
  assert.deepEqual(pool.steps, [300, 300, 300, 300], 'every racer ran to the end');
  assert.equal(pool.rows.length, 4);
  assert.deepEqual(pool.rows, one.rows, 'pool = one worker, every column of every row');
  const loss = pool.columns.indexOf('loss');
  [spec, ...racers.map((o) => ({ ...spec, optimizer: o }))].forEach((s, i) => {
    const native = nativeRows(s);
    assert.equal(pool.rows[i].length, native.length, `racer ${i + 1}: as many rows as the runner`);
    assert.deepEqual(pool.rows[i].map((r) => r[loss]), native.map((l) => l.loss), `racer ${i + 1}: the native runner's losses`);
  });
  assert.notDeepEqual(pool.rows[0].map((r) => r[loss]), pool.rows[1].map((r) => r[loss]), 'the racers differ');
});

test('a racer that diverges on its pool worker stops alone; the others run to the end', async () => {
  // ReLU layers: ε = 10⁶ makes the loss NaN at step 2 (tanh would saturate and stay finite).
  const relu = { ...spec, network: { layers: spec.network.layers.map((l) => ({ ...l, activation: 'relu' })) } };
  const wild = [{ name: 'momentum', lr: 0.05 }, { name: 'sgd', lr: 1e6 }, { name: 'sgd', lr: 0.3 }];
  const { page, context, problems } = await openPage(env, linkFor(relu, wild));
  try {
    assert.ok(Number(await page.evaluate(() => document.body.dataset.workers)) >= 2);
    await page.click('#play');
    await waitState(page, ['finished', 'diverged']);
    const r = await racerStats(page);
    assert.deepEqual(r.map((x) => x.step === 300), [true, true, false, true], `steps ${r.map((x) => x.step)}`);
    const text = await page.textContent('#diverged');
    assert.match(text, /^3 · .*diverged/m, 'the message names racer 3');
    assert.doesNotMatch(text, /^[124] · /m, 'and only racer 3');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the pool workers instantiate the training worker\'s compiled module: the wasm binary is fetched once', async () => {
  // Before, every pool worker fetched and compiled optlab_web.wasm (~5 MB) itself: 3 fetches for 2 workers.
  const fetched = [];
  const count = (context) => context.on('request', (r) => { if (/optlab_web\.wasm$/.test(new URL(r.url()).pathname)) fetched.push(r.url()); });
  const { page, context, problems } = await openPage(env, linkFor(spec, racers), { prepare: count });
  try {
    assert.ok(Number(await page.evaluate(() => document.body.dataset.workers)) >= 2, 'the race runs on the pool');
    await page.click('#play');
    await waitState(page, ['finished']);
    const r = await racerStats(page);
    assert.deepEqual(r.map((x) => x.step), [300, 300, 300, 300], 'every racer ran to the end on the pool workers');
    assert.equal(fetched.length, 1, `optlab_web.wasm fetched ${fetched.length} times: ${fetched.join(', ')}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
