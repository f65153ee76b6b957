// The lecture views' data (web/views/view-data.js) and the contour map's zoom (web/views/zoom.js):
// the ill-conditioning terms of eq. 8.10, the terminal velocity of eq. 8.17, the effective-rate
// histogram and the gradient-noise lines as the views draw them, and zoom/pan geometry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCurves, appendFrame } from '../../web/curves.js';
import {
  seriesData, column, logColumn, descentTerm, curvatureTerm, momentumOf, terminalVelocity, effectiveLrHistogram,
  gradientNoiseData, withNeeds, hasColumns, EFFECTIVE_LR_BINS,
  withoutSeed,
} from '../../web/views/view-data.js';
import { zoomBox, panBox, followBox, FOLLOW_MAX, FAR_MIN } from '../../web/views/zoom.js';
import { VIEW_TEXTS } from '../../web/i18n-views.js';
import { optimizerAt } from '../../web/changes.js';

function curvesOf(columns, racers) {
  const c = createCurves(columns, racers.length);
  appendFrame(c, racers.map((rows) => ({ rows: Float64Array.from(rows.flat()), times: rows.map(() => 0), trace: [], stepCount: rows.length, done: false, diverged: null })));
  return c;
}

test('the ill-conditioning terms are −ε gᵀg and ½ε² gᵀHg of the row (eq. 8.10) and sum to the core column', () => {
  const cols = ['step', 'lr', 'gTg', 'gTHg', 'ill_conditioning'];
  const c = curvesOf(cols, [[[0, 0.1, 4, 50, -0.4 + 0.25], [1, 0.2, 1, 100, -0.2 + 2]]]);
  const d = seriesData(c, [descentTerm, curvatureTerm, column('ill_conditioning')]);
  assert.deepEqual(d[0], [0, 1]);
  assert.ok(Math.abs(d[1][0] - -0.4) < 1e-15 && Math.abs(d[1][1] - -0.2) < 1e-15);
  assert.ok(Math.abs(d[2][0] - 0.25) < 1e-15 && Math.abs(d[2][1] - 2) < 1e-15);
  for (let i = 0; i < 2; i++) assert.ok(Math.abs(d[1][i] + d[2][i] - d[3][i]) < 1e-12);
});

test('the terminal velocity is ε‖g‖/(1 − α) per racer; methods without momentum get no line', () => {
  assert.equal(momentumOf({ name: 'momentum', momentum: 0.9 }), 0.9);
  assert.equal(momentumOf({ name: 'nesterov', momentum: 0.5 }), 0.5);
  assert.equal(momentumOf({ name: 'sgd' }), 0);
  assert.equal(momentumOf({ name: 'adam' }), null);
  const c = curvesOf(['step', 'lr', 'grad_norm', 'step_length'], [[[1, 0.01, 2, 0.05]], [[1, 0.01, 2, 0.02]], [[1, 0.01, 2, 0.001]]]);
  const d = seriesData(c, [logColumn('step_length'), terminalVelocity((i) => [0.9, 0, null][i])]);
  assert.ok(Math.abs(d[2][0] - 0.2) < 1e-12);    // 0.01·2/(1 − 0.9)
  assert.ok(Math.abs(d[4][0] - 0.02) < 1e-12);   // plain SGD: ε‖g‖
  assert.equal(d[6][0], null);
  assert.equal(d[5][0], 0.001);
});

test('a momentum change mid-run moves the terminal velocity from its step on (α of the racer as it runs then)', () => {
  // Racer 2 of a race changes α 0.5 → 0.9 after 20 steps (spec.changes; web/changes.js optimizerAt).
  const racer = { index: 1, spec: { optimizer: { name: 'momentum', lr: 0.1, momentum: 0.5 }, changes: [{ step: 20, set: { 'optimizer.momentum': 0.9 } }] } };
  const alphaAt = (i, step) => momentumOf(optimizerAt(racer, step));
  const c = curvesOf(['step', 'lr', 'grad_norm', 'step_length'], [[[10, 0.1, 1, 0.1], [20, 0.1, 1, 0.1], [30, 0.1, 1, 0.5]]]);
  const d = seriesData(c, [terminalVelocity(alphaAt)]);
  assert.deepEqual(d[1].map((v) => Number(v.toFixed(12))), [0.2, 1, 1]);   // 0.1·1/(1 − 0.5), then 0.1·1/(1 − 0.9)
});

test('log series leave gaps for values with no place on a log axis', () => {
  const c = curvesOf(['step', 'step_length'], [[[0, NaN], [1, 0], [2, 0.5]]]);
  assert.deepEqual(seriesData(c, [logColumn('step_length')])[1], [null, null, 0.5]);
});

test('the effective-rate histogram reads the 20 half-decade bins; rows of non-adaptive methods are null', () => {
  const bins = Array.from({ length: EFFECTIVE_LR_BINS }, (_, b) => `lr_eff_h${String(b).padStart(2, '0')}`);
  const cols = ['step', 'lr_eff_median', ...bins];
  const row = (step, hot) => [step, 1e-3, ...bins.map((_, b) => (b === hot ? 1 : 0))];
  const c = curvesOf(cols, [[row(0, 10), row(10, 9)], [[0, NaN, ...bins.map(() => NaN)]]]);
  const h = effectiveLrHistogram(c, 0);
  assert.deepEqual(h.steps, [0, 10]);
  assert.equal(h.bins[0], -8);
  assert.equal(h.bins[10], -3);   // 10⁻³ … 10⁻²·⁵
  assert.equal(h.fractions[0][10], 1);
  assert.equal(h.fractions[1][9], 1);
  assert.deepEqual(effectiveLrHistogram(c, 1).fractions, [null]);
});

test('gradient-noise lines become the plot: m, measured, σ/√m and the fitted slope', () => {
  const lines = [1, 2, 4].map((m) => JSON.stringify({ batch_size: m, std_error: 2 / Math.sqrt(m) * 1.01, sigma_over_sqrt_m: 2 / Math.sqrt(m) }));
  lines.push(JSON.stringify({ summary: true, sigma: 2, slope: -0.49, examples: 300, parameters: 10, samples: 256 }));
  const d = gradientNoiseData(lines);
  assert.deepEqual(d.m, [1, 2, 4]);
  assert.ok(Math.abs(d.predicted[2] - 1) < 1e-15);
  assert.equal(d.slope, -0.49);
  assert.equal(d.samples, 256);
});

test('a view turns on only what it needs: trace switches, or Polyak averaging for every racer', () => {
  const spec = { optimizer: { name: 'sgd', lr: 0.1 }, trace: { params: false } };
  const e = withNeeds(spec, { trace: { curvature: true } });
  assert.equal(e.spec.trace.curvature, true);
  assert.equal(spec.trace.curvature, undefined, 'the state is not modified in place');
  const race = { ...spec, racers: [{}, { optimizer: { name: 'adam', lr: 0.01, average: 'ema' } }, { optimizer: { name: 'adam', lr: 0.02 } }, { batch_size: 4 }] };
  const a = withNeeds(race, { average: 'polyak' });
  assert.equal(a.spec.optimizer.average, 'polyak', 'the base, and so every racer that keeps its optimizer');
  assert.equal(a.spec.racers[1].optimizer.average, 'ema', "a racer's own averaging stays");
  assert.equal(a.spec.racers[2].optimizer.average, 'polyak', 'a racer with its own method averages too');
  assert.deepEqual(a.spec.racers[3], { batch_size: 4 });
  assert.equal(race.racers[2].optimizer.average, undefined, 'the state is not modified in place');
  assert.equal(withNeeds({ ...spec, trace: { curvature: { lanczos_steps: 30 } } }, { trace: { curvature: true } }), null);
  assert.ok(hasColumns(createCurves(['step', 'loss']), ['loss']));
  assert.ok(!hasColumns(createCurves(['step', 'loss']), ['avg_loss']));
});

test('zoom keeps the point under the pointer in place and stays within the limits; pan follows the drag', () => {
  const box = [-2, 2, -1, 3];
  const z = zoomBox(box, [0.25, 0.5], 0.5);
  // The point at (0.25, 0.5) of the view: x = −1, y = 1, before and after.
  assert.ok(Math.abs(z[0] + 0.25 * (z[1] - z[0]) - -1) < 1e-12);
  assert.ok(Math.abs(z[3] - 0.5 * (z[3] - z[2]) - 1) < 1e-12);
  assert.ok(Math.abs(z[1] - z[0] - 2) < 1e-12);
  const limited = zoomBox(box, [0.5, 0.5], 1e-9, { base: box, min: 1e-3, max: 1e6 });
  assert.ok(Math.abs((limited[1] - limited[0]) - 4e-6) < 1e-15);
  const out = zoomBox(box, [0.5, 0.5], 1e9, { base: box, min: 1e-3, max: 1e6 });
  assert.ok(Math.abs((out[1] - out[0]) - 4000) < 1e-9);
  assert.deepEqual(panBox(box, 0.25, -0.25), [-3, 1, -2, 2]);
});

test('every text of the views exists in English and Japanese, and the Japanese is not the English', () => {
  assert.deepEqual(Object.keys(VIEW_TEXTS.ja).sort(), Object.keys(VIEW_TEXTS.en).sort());
  for (const [k, v] of Object.entries(VIEW_TEXTS.ja)) {
    assert.ok(v.length > 0, k);
    assert.notEqual(v, VIEW_TEXTS.en[k], `${k} is not translated`);
    assert.match(v, /[\u3040-\u30ff\u4e00-\u9fff]/, `${k} has no Japanese in it`);
  }
});

test('the contour map follows racers off the surface box (the cliff lesson: unclipped SGD thrown to x ≈ 21), keeping the box\'s shape', () => {
  const base = [-2, 6, -3, 3];   // 8 wide, 6 high
  // Inside the box: the box itself.
  assert.deepEqual(followBox(base, [[0, 0, 1, 1, 3, 0]]), base);
  // Thrown to x = 21.3: the view reaches past it, keeps 8:6, and still holds the whole base box.
  const thrown = [-0.02, 1, 21.3, 0.99, 20, 0.5, 3, 0];
  const v = followBox(base, [thrown, [-0.02, 1, 0.08, 0.9]]);
  assert.ok(v[1] > 21.3 && v[0] <= -2 && v[2] <= -3 && v[3] >= 3, `view ${v}`);
  assert.ok(Math.abs((v[1] - v[0]) / (v[3] - v[2]) - 8 / 6) < 1e-12, `aspect ${v}`);
  // The point lies inside, not on the edge (a margin).
  assert.ok(v[1] - 21.3 > 0.01 * (v[1] - v[0]));
  // A diverging racer (10³⁰⁰, then NaN) grows the view towards it to the edge of FOLLOW_MAX × the
  // box about its centre (2, 0), no further; the surface's box stays inside it.
  const far = followBox(base, [[0, 0, 1e300, -1e300, NaN, NaN]]);
  assert.equal(far[1], 2 + (FOLLOW_MAX / 2) * 8, `far ${far}`);
  assert.equal(far[2], -(FOLLOW_MAX / 2) * 6, `far ${far}`);
  assert.ok(far[1] - far[0] <= FOLLOW_MAX * 8 && far[3] - far[2] <= FOLLOW_MAX * 6);
  assert.ok(far[0] <= -2 && far[1] >= 6 && far[2] <= -3 && far[3] >= 3);
  // Non-finite points alone change nothing.
  assert.deepEqual(followBox(base, [[NaN, 1, Infinity, 0]]), base);
});

test('racers that start far outside the surface box (momentum: x = −10⁶) get a map around their paths, not an empty 10× box', () => {
  const base = [-2, 6, -3, 3];   // 8 wide, 6 high
  // Three paths along y = 0 from x = −10⁶, 4, 20 and 190 long (lessons/momentum.json).
  const paths = [4, 20, 190].map((d) => [-1e6, 0, -1e6 + d / 2, 0, -1e6 + d, 0]);
  const v = followBox(base, paths);
  for (const p of paths) for (let i = 0; i < p.length; i += 2) assert.ok(p[i] > v[0] && p[i] < v[1] && p[i + 1] > v[2] && p[i + 1] < v[3], `(${p[i]}, ${p[i + 1]}) in ${v}`);
  assert.ok(Math.abs((v[1] - v[0]) / (v[3] - v[2]) - 8 / 6) < 1e-9, `aspect ${v}`);
  // The longest path fills most of the width (about 1/1.1 of it): the three lengths can be compared.
  assert.ok(190 / (v[1] - v[0]) > 0.85, `view ${v}`);
  // At the start (one point), a small box about it: 1% of the surface's box.
  const start = followBox(base, [[-1e6, 0]]);
  assert.ok(Math.abs(start[1] - start[0] - FAR_MIN * 8) < 1e-6 && start[0] < -1e6 && start[1] > -1e6, `start ${start}`);
  // One racer inside the limits: the old rule (grow towards the far one up to FOLLOW_MAX).
  const mixed = followBox(base, [[0, 0, 1, 1], [-1e6, 0]]);
  assert.equal(mixed[0], 2 - (FOLLOW_MAX / 2) * 8);
});

test('a racer\'s name without its seed names its configuration in the seeds view, in English and in Japanese', () => {
  assert.equal(withoutSeed('seed 1, curriculum'), 'curriculum');
  assert.equal(withoutSeed('seed 12, random order'), 'random order');
  assert.equal(withoutSeed('シード 1、カリキュラム'), 'カリキュラム');
  assert.equal(withoutSeed('シード 2、ランダム順'), 'ランダム順');
  assert.equal(withoutSeed('momentum, seed 3'), 'momentum');
  assert.equal(withoutSeed('Adam'), 'Adam', 'a name without a seed is kept');
  assert.equal(withoutSeed(undefined), '');
});
