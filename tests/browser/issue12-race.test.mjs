// Issue 12, the page: races live in the spec (`racers`, docs/racing.md), "Compare by" makes them,
// old links (#spec=…&racers=[optimizers]) still open as the same race, a learning-rate change made
// while the run is under way applies without reset and the copied link replays it in both runners
// row for row, and a racer's bad field is named racers[i].field. Every race is checked against
// the runners: per racer, the page's losses are those of that racer's spec run alone (native) and
// those of the whole race in the Node runner.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  setup, openPage, waitState, trainToEnd, racerStats, exportedJson, linkFor, root, boxSpec, addressState, errorBox,
} from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const SPIRAL = {
  seed: 5, dataset: { name: 'spiral', classes: 3, noise: 0.1, samples: 120 },
  network: { layers: [{ units: 12, activation: 'tanh' }] },
  optimizer: { name: 'sgd', lr: 0.1 }, batch_size: 16, steps: 120, log_every: 10,
};

// A runner's JSON lines on a spec: records only (no summary lines).
function runner(which, spec) {
  const [cmd, args] = which === 'native'
    ? [join(root, 'build', 'native', 'optlab_native'), ['run', '-']]
    : [process.execPath, [join(root, 'cli', 'optlab.mjs'), 'run', '-']];
  let out;
  try {
    out = execFileSync(cmd, args, { input: JSON.stringify(spec), encoding: 'utf8', cwd: root });
  } catch (e) {
    if (e.status !== 3) throw e;   // 3: a racer diverged; its lines are still printed
    out = e.stdout;
  }
  return out.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => !l.summary);
}
// The complete spec of every racer, as the core expands it (the Node runner's module).
async function expand(spec) {
  const { loadOptlab } = await import(join(root, 'wasm', 'optlab.js'));
  const lab = await loadOptlab();
  const r = lab.expandRace(spec);
  assert.ok(r.ok, r.message);
  return r.racers;
}
// Per racer, the page's loss (or f, on a surface) column from its own JSON export.
async function pageLosses(page, key = 'loss') {
  const data = await exportedJson(page);
  const at = data.racers[0].columns.indexOf(key);
  assert.ok(at >= 0, `a ${key} column`);
  return { spec: data.spec, losses: data.racers.map((r) => r.rows.map((row) => row[at])), steps: data.racers.map((r) => r.rows.map((row) => row[data.racers[0].columns.indexOf('step')])) };
}
const close = (a, b) => Math.abs(a - b) <= 1e-4 * Math.max(1e-12, Math.abs(b));
// The page's race against the runners: each racer alone (native, ≤ 1e-4 relative as the issue
// allows; in practice equal) and the whole race (Node runner: identical numbers).
async function checkAgainstRunners(spec, losses, key = 'loss') {
  const racers = await expand(spec);
  assert.equal(losses.length, racers.length, 'one curve per racer');
  const node = runner('node', spec);
  for (const r of racers) {
    const alone = runner('native', r.spec).map((l) => l[key]);
    assert.equal(losses[r.index].length, alone.length, `racer ${r.index + 1}: as many rows as alone`);
    losses[r.index].forEach((v, j) => assert.ok(close(v, alone[j]), `racer ${r.index + 1} row ${j}: page ${v}, native alone ${alone[j]}`));
    assert.deepEqual(losses[r.index], node.filter((l) => l.racer === r.index).map((l) => l[key]), `racer ${r.index + 1}: the Node runner's race`);
  }
}

test('an old link (#spec=…&racers=[optimizers]) opens as the same race, now in the spec', async () => {
  const old = [{ name: 'adam', lr: 0.01 }, { name: 'sgd', lr: 0.02 }];
  const { page, context, problems } = await openPage(env, linkFor(SPIRAL, old));
  try {
    const spec = await boxSpec(page);
    assert.equal(spec.racers.length, 3, 'racer 1 = the base, then the link\'s two');
    assert.deepEqual(spec.racers[0], {});
    assert.equal(spec.racers[1].optimizer.name, 'adam');
    const a = await addressState(page);
    assert.equal(a.params.racers, undefined, 'the link is written the new way');
    assert.equal(a.spec.racers.length, 3);
    const names = await page.$$eval('#legend .legend-item', (els) => els.map((e) => e.textContent.slice(0, e.textContent.length - e.querySelector('.v').textContent.length).trim()));
    assert.match(names[0], /^1 · SGD/);
    assert.match(names[1], /^2 · Adam/);
    assert.equal(names[2], '3 · SGD ε = 0.02');
    assert.equal((await trainToEnd(page)).state, 'finished');
    const { losses } = await pageLosses(page);
    // The same race as the old page ran: racer k+1 = the base with its optimizer replaced by o_k.
    const sameAsOld = [SPIRAL, ...old.map((o) => ({ ...SPIRAL, optimizer: o }))];
    sameAsOld.forEach((s, i) => assert.deepEqual(losses[i], runner('native', s).map((l) => l.loss), `racer ${i + 1} as the old page raced it`));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('Compare by batch size on the spiral: m = 1, 16 and full batch, each as its spec alone', async () => {
  const { page, context, problems } = await openPage(env, linkFor(SPIRAL));
  try {
    await page.selectOption('#compare-by', 'batch_size');
    await page.waitForFunction(() => document.querySelectorAll('#racers .racer').length === 3);
    const names = await page.$$eval('#racers .racer .racer-label', (els) => els.map((e) => e.textContent));
    assert.deepEqual(names, ['1 · m = 1', '2 · m = 16', '3 · full batch']);
    const diffs = await page.$$eval('#racers .racer .racer-diff', (els) => els.map((e) => e.textContent));
    assert.match(diffs[0], /m = 1/, 'each panel says what differs from the base');
    assert.equal(diffs[1], '', 'm = 16 is the base\'s own batch size: no difference to name');
    assert.equal((await trainToEnd(page)).state, 'finished');
    const { spec, losses } = await pageLosses(page);
    assert.deepEqual(spec.racers, [{ batch_size: 1 }, { batch_size: 16 }, { batch_size: 'full' }]);
    await checkAgainstRunners(spec, losses);
    // Removing racer 2 recolours no other racer.
    const colours = await page.$$eval('#racers .racer .swatch', (els) => els.map((e) => e.style.background));
    await page.click('#racers .racer[data-index="1"] .remove-racer');
    await page.waitForFunction(() => document.querySelectorAll('#racers .racer').length === 2);
    assert.deepEqual(await page.$$eval('#racers .racer .swatch', (els) => els.map((e) => e.style.background)), [colours[0], colours[2]]);
    assert.deepEqual((await boxSpec(page)).racers, [{ batch_size: 1 }, { batch_size: 'full' }]);
    // The lecture views draw each racer in the same colour as its panel and the legend.
    await page.click('#view-step-length');
    await page.click('figure[data-view="step-length"] .view-needs-on');
    await page.waitForFunction(() => JSON.parse(document.getElementById('spec').value).trace?.step_length === true);
    await trainToEnd(page);
    await page.waitForFunction(() => document.querySelector('figure[data-view="step-length"]').dataset.state === 'data');
    const rgb = (hex) => `rgb(${[1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16)).join(', ')})`;
    const strokes = await page.$$eval('figure[data-view="step-length"] .u-legend .u-series .u-marker', (els) => els.map((e) => getComputedStyle(e).borderTopColor));
    // series: step, then per racer its step length and the terminal velocity
    assert.deepEqual([strokes[1], strokes[3]], [colours[0], colours[2]].map((c) => (c.startsWith('#') ? rgb(c) : c)));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('four initializers on a 10-layer tanh net, and batch/group/layer norm at batch 2, as the runners run them', async () => {
  const deep = { ...SPIRAL, network: { layers: Array.from({ length: 10 }, () => ({ units: 8, activation: 'tanh' })) }, steps: 60 };
  const { page, context, problems } = await openPage(env, linkFor(deep));
  try {
    await page.selectOption('#compare-by', 'init');
    await page.waitForFunction(() => document.querySelectorAll('#racers .racer').length === 4);
    const names = await page.$$eval('#racers .racer .racer-label', (els) => els.map((e) => e.textContent));
    assert.deepEqual(names, ['1 · N(0, 1)', '2 · Glorot normal', '3 · He normal', '4 · LeCun normal']);
    await page.click('#signals summary');   // the signals view beside the race
    await page.waitForFunction(() => document.querySelector('#signals .signals-body')?.children.length > 0, null, { timeout: 60_000 });
    // The view probes the race's network (10 × 8 tanh, not its own 10 × 32) and draws each raced
    // initializer in its racer's colour; the initializers no racer has get colours no racer uses.
    await page.waitForFunction(() => document.getElementById('signals').dataset.ready === '1' && document.getElementById('signals-width').value === '8', null, { timeout: 60_000 });
    assert.equal(await page.inputValue('#signals-depth'), '10');
    const racerColours = await page.$$eval('#racers .racer .swatch', (els) => els.map((e) => e.style.background));
    const sig = await page.$$eval('#signals .signals-legend button', (els) => els.map((b) => ({ name: b.textContent, colour: b.querySelector('.swatch').style.background })));
    const colourOf = (name) => sig.find((x) => x.name === name)?.colour;
    assert.deepEqual(['N(0, 1)', 'Glorot normal', 'He normal', 'LeCun normal'].map(colourOf), racerColours, `signals legend ${JSON.stringify(sig)}`);
    for (const x of sig.filter((y) => !['N(0, 1)', 'Glorot normal', 'He normal', 'LeCun normal'].includes(y.name))) {
      assert.ok(!racerColours.includes(x.colour), `${x.name} (not raced) is drawn in ${x.colour}, a racer's colour`);
    }
    assert.equal((await trainToEnd(page)).state, 'finished');
    let r = await pageLosses(page);
    await checkAgainstRunners(r.spec, r.losses);

    await page.fill('#batch', '2');
    await page.press('#batch', 'Tab');
    await page.waitForFunction(() => JSON.parse(document.getElementById('spec').value).batch_size === 2);
    await page.selectOption('#compare-by', 'norm');
    await page.waitForFunction(() => document.querySelectorAll('#racers .racer').length === 4);
    assert.equal((await trainToEnd(page)).state, 'finished');
    r = await pageLosses(page);
    assert.deepEqual(r.spec.racers.map((x) => x.network.layers[0].norm), ['none', 'batch_norm', { name: 'group_norm', groups: 2 }, 'layer_norm']);
    await checkAgainstRunners(r.spec, r.losses);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a learning-rate change mid-run applies without reset; Copy link replays it in both runners row for row', async () => {
  const spec = { ...SPIRAL, steps: 3000, log_every: 50, racers: [{}, { optimizer: { name: 'momentum', lr: 0.05 } }] };
  // At 300 steps/s (the link's speed), so the pause comes near step 1000.
  const { page, context, problems } = await openPage(env, linkFor(spec, null, '&speed=300'));
  try {
    await page.click('#play');
    await page.waitForFunction(() => Number(document.getElementById('stat-step').dataset.value) >= 1000, null, { timeout: 120_000 });
    await page.click('#play');   // pause
    await waitState(page, ['paused']);
    const at = Number(await page.evaluate(() => document.getElementById('stat-step').dataset.value));
    await page.fill('#opt2-lr-num', '0.01');
    await page.press('#opt2-lr-num', 'Tab');
    await page.waitForFunction(() => JSON.parse(document.getElementById('spec').value).changes?.length === 1);
    const changed = await boxSpec(page);
    assert.deepEqual(changed.changes, [{ step: at, racer: 1, set: { 'optimizer.lr': 0.01 } }], 'recorded at the step it was made');
    assert.equal(Number(await page.evaluate(() => document.getElementById('stat-step').dataset.value)), at, 'no reset');
    assert.match(await page.textContent('#notice'), new RegExp(`optimizer\\.lr = 0\\.01.*${at}`));
    assert.match(await page.getAttribute('#loss-chart', 'data-changes'), new RegExp(`^${at}:ε → 0\\.01$`), 'the change is marked on the step-axis charts');
    assert.equal((await trainToEnd(page)).state, 'finished');
    const { losses, steps } = await pageLosses(page);
    const link = await (async () => { await page.click('#copy-link'); return page.getAttribute('#copy-link', 'data-copied'); })();
    const linked = JSON.parse(decodeURIComponent(new URL(link).hash.match(/spec=([^&]*)/)[1]));
    assert.deepEqual(linked.changes, changed.changes, 'the link carries the change');
    for (const which of ['node', 'native']) {
      const lines = runner(which, linked);
      for (const i of [0, 1]) {
        const mine = lines.filter((l) => l.racer === i);
        assert.deepEqual(mine.map((l) => l.step), steps[i]);
        assert.deepEqual(mine.map((l) => l.loss), losses[i], `${which} runner, racer ${i + 1}: the page's rows`);
      }
    }
    // The lr column shows the change from the row after it.
    const lr = (await exportedJson(page)).racers[1];
    const lrAt = lr.columns.indexOf('lr'), stepAt = lr.columns.indexOf('step');
    assert.ok(lr.rows.filter((r) => r[stepAt] > at).every((r) => r[lrAt] === 0.01));
    assert.ok(lr.rows.filter((r) => r[stepAt] <= at).every((r) => r[lrAt] === 0.05));

    // After the end there is nothing left to change mid-run: a change starts a new run, and says so.
    await page.fill('#opt2-lr-num', '0.02');
    await page.press('#opt2-lr-num', 'Tab');
    await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '0');
    assert.match(await page.textContent('#notice'), /The run had finished: the new optimizer\.lr applies to a new run from step 0 — press Play/);
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'ready', 'the new run waits for Play, as the note says');

    // A change that alters the model restarts, and the status line says so (made while under way).
    await page.click('#reset');
    await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '0');
    await page.click('#step');
    await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '1');
    await page.fill('#layers', '2');
    await page.press('#layers', 'Tab');
    await page.waitForFunction(() => JSON.parse(document.getElementById('spec').value).network.layers.length === 2);
    assert.equal(Number(await page.evaluate(() => document.getElementById('stat-step').dataset.value)), 0);
    assert.match(await page.textContent('#notice'), /Restarted from step 0: network\.layers changes the model/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a racer\'s bad field is named racers[i].field, in a spec link and in an old link; nothing freezes', async () => {
  const bad = { ...SPIRAL, racers: [{}, { batch_size: 0 }, { optimizer: { lr: 0.05 } }] };
  let { page, context, problems } = await openPage(env, linkFor(bad));
  try {
    const e = await errorBox(page);
    assert.ok(e.visible);
    assert.match(e.text, /racers\[1\]\.batch_size/);
    assert.equal(await page.getAttribute('#error', 'data-field'), 'racers[1].batch_size');
    assert.equal(await page.locator('#racers .racer').count(), 2, 'the other racers race');
    assert.equal((await trainToEnd(page)).state, 'finished', 'and the page runs');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
  ({ page, context, problems } = await openPage(env, linkFor(SPIRAL, [{ name: 'sgd', lr: -1 }, { name: 'adam', lr: 0.01 }])));
  try {
    const e = await errorBox(page);
    assert.match(e.text, /racers\[0\]\.lr/, `the old link's own naming: ${e.text}`);
    assert.equal(await page.locator('#racers .racer').count(), 2);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('racers on a surface: Compare by learning rate keeps to what a surface can vary', async () => {
  const { page, context, problems } = await openPage(env, linkFor({ seed: 1, problem: { name: 'rosenbrock' }, optimizer: { name: 'sgd', lr: 0.001 }, steps: 100, log_every: 1, trace: { params: true } }));
  try {
    const options = await page.$$eval('#compare-by option', (els) => els.map((e) => e.value));
    assert.deepEqual(options, ['', 'lr', 'optimizer'], 'network-only fields are not offered on a surface');
    await page.selectOption('#compare-by', 'lr');
    await page.waitForFunction(() => document.querySelectorAll('#racers .racer').length === 3);
    assert.equal((await racerStats(page)).length, 3);
    // ε = 0.01 on Rosenbrock may diverge: that racer stops, the others finish.
    assert.ok(['finished', 'diverged'].includes((await trainToEnd(page)).state));
    const data = await exportedJson(page);
    const key = ['f', 'value', 'loss'].find((k) => data.racers[0].columns.includes(k));
    const { spec, losses } = await pageLosses(page, key);
    await checkAgainstRunners(spec, losses, key);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
