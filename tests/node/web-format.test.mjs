// How the page prints numbers and lays out its charts (web/format.js, web/views/chart-data.js,
// web/panels/transport.js keyAction): readouts that are never cut or rounded into another number,
// log axes that reach 1e-23 with labels that say so, and keys that work after a click on a button.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statText, paramText, logTickText, logTickTexts, linearTickTexts } from '../../web/format.js';
import { chartData, logRange, logTicks, strideIndices, yValue, MAX_DECADES, MAX_POINTS } from '../../web/views/chart-data.js';
import { createCurves, appendFrame } from '../../web/curves.js';
import { keyAction } from '../../web/panels/transport.js';

test('readouts: epoch 4000 stays 4000 (batch 240, 4000 steps), fractions lose only trailing zeros', () => {
  assert.equal(statText(4000), '4000');
  assert.equal(statText(3200), '3200');
  assert.equal(statText(4.5), '4.5');
  assert.equal(statText(0.1), '0.1');
  assert.equal(statText(0.123456), '0.1235');
  assert.equal(statText(1e-23), '1e-23');
  assert.equal(statText(NaN), 'NaN');
});

test('hyperparameter values print whole: 1e-7, 0.99899, 0.0501', () => {
  assert.equal(paramText(1e-7), '1e-7');
  assert.equal(paramText(0.99899), '0.99899');
  assert.equal(paramText(0.0501), '0.0501');
  assert.equal(paramText(2.5e-8), '2.5e-8');
});

test('log axis labels name their decade (never "0"); linear ticks are told apart', () => {
  assert.deepEqual([100, 1, 0.01, 1e-4, 1e-23].map(logTickText), ['100', '1', '0.01', '10⁻⁴', '10⁻²³']);
  assert.equal(logTickText(3e-5), '3·10⁻⁵');
  const lr = linearTickTexts([0, 0.00025, 0.0005, 0.00075, 0.001, 0.00125, 0.0015, 0.00175, 0.002]);
  assert.equal(new Set(lr).size, 9, `distinct: ${lr}`);
  assert.equal(lr[0], '0');
  assert.deepEqual(linearTickTexts([0, 0.5, 1]), ['0', '0.5', '1']);
});

test('a log axis from 100 down to 1e-23 (and 0, denormals) has a bounded range and a few ticks', () => {
  const series = [[100, 1, 1e-10, 1e-23, 0, 5e-324, null, Infinity]];
  const [lo, hi] = logRange(series);
  assert.equal(hi, 100);
  assert.ok(lo >= 1e-28 && lo <= 1e-23, `bottom ${lo}`);
  assert.ok(Math.log10(hi / lo) <= MAX_DECADES + 1e-9);
  const ticks = logTicks(lo, hi);
  assert.ok(ticks.length >= 3 && ticks.length <= 9, `${ticks.length} ticks`);
  assert.ok(ticks.every((v) => v > 0 && v >= lo * 0.999 && v <= hi * 1.001));
  assert.deepEqual(logRange([[null, 0]]), [0.1, 10], 'nothing positive: a default decade pair');
  assert.equal(yValue(0, 0, true), null, 'zero has no place on a log axis');
  assert.equal(yValue(-3, 0, false), -3, 'f itself on a linear axis (the saddle)');
});

test('chart data: one x column, a series per racer (and its test series), strided to MAX_POINTS', () => {
  const columns = ['step', 'loss', 'test_loss'];
  const curves = createCurves(columns, 2);
  const n = 1000;
  const rows = (scale, count) => Float64Array.from({ length: count * 3 }, (_, k) => (k % 3 === 0 ? Math.floor(k / 3) : scale / (1 + Math.floor(k / 3))));
  appendFrame(curves, [
    { rows: rows(1, n), times: new Float64Array(n), trace: [], stepCount: n - 1, done: true, diverged: null },
    { rows: rows(2, 10), times: new Float64Array(10), trace: [], stepCount: 9, done: true, diverged: 'diverged at step 10' },
  ]);
  const data = chartData(curves, { log: true, col: 1, testCol: 2 }, { xCol: 0 });
  assert.equal(data.length, 1 + 2 * 2);
  assert.ok(data[0].length <= MAX_POINTS + 1);
  assert.equal(data[0].at(-1), n - 1, 'the last row is always drawn');
  assert.ok(data.every((s) => s.length === data[0].length));
  assert.deepEqual(data[3].slice(0, 2), [2, 2 / 4], 'racer 2 strided on the same rows');
  assert.equal(data[3].at(-1), null, 'racer 2 ended early: no value past its end');
  assert.deepEqual(strideIndices(5, 400), [0, 1, 2, 3, 4]);
});

test('keys: → steps after a click on Play or Step; Space plays from a slider; fields keep their keys', () => {
  assert.equal(keyAction('ArrowRight', { tagName: 'BUTTON' }), 'step');
  assert.equal(keyAction(' ', { tagName: 'BUTTON' }), null, 'Space is the button\'s own click');
  assert.equal(keyAction(' ', { tagName: 'BUTTON', id: 'step' }), 'toggle', 'after clicking Step, Space plays/pauses (the hint)');
  assert.equal(keyAction('ArrowRight', { tagName: 'BUTTON', id: 'step' }), 'step');
  assert.equal(keyAction(' ', { tagName: 'INPUT', type: 'range' }), 'toggle');
  assert.equal(keyAction('ArrowRight', { tagName: 'INPUT', type: 'range' }), null, 'the slider moves');
  assert.equal(keyAction('ArrowRight', { tagName: 'INPUT', type: 'number' }), null);
  assert.equal(keyAction(' ', { tagName: 'TEXTAREA' }), null);
  assert.equal(keyAction(' ', { tagName: 'BODY' }), 'toggle');
  assert.equal(keyAction('ArrowRight', { tagName: 'DIV' }), 'step');
  assert.equal(keyAction('a', { tagName: 'BODY' }), null);
});

// Reads a tick label back as a number: "1.5e-7", "10⁻⁴", "3·10⁻⁵", "−2".
const SUPER_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
function labelValue(text) {
  const t = text.replace('−', '-');
  const m = /^(?:([\d.]+)·)?10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(t);
  if (!m) return Number(t);
  const e = Number([...m[2]].map((c) => (c === '⁻' ? '-' : SUPER_DIGITS.indexOf(c))).join(''));
  return Number(m[1] ?? 1) * 10 ** e;
}

// Ticks as a plotting library computes them: a nice step (1, 2, 2.5, 5 × 10^k), multiples of it
// accumulated in floating point (so 0.1 + 0.2 noise is present), over the range [lo, hi].
function niceTicks(lo, hi, count = 5) {
  const raw = (hi - lo) / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= raw);
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(v);
  return { step, ticks: out };
}

test('linear tick labels state each tick\'s value (25 is "25", never "30"), compactly, over many axes', () => {
  // The review's axes: 0..100 in 25s, 0..200 in 50s, 0..1250 in 250s.
  assert.deepEqual(linearTickTexts([0, 25, 50, 75, 100]), ['0', '25', '50', '75', '100']);
  assert.deepEqual(linearTickTexts([0, 50, 100, 150, 200]), ['0', '50', '100', '150', '200']);
  assert.deepEqual(linearTickTexts([0, 250, 500, 750, 1000, 1250]), ['0', '250', '500', '750', '1000', '1250']);
  assert.deepEqual(linearTickTexts([0.1, 0.1 + 0.1, 0.1 + 0.1 + 0.1]), ['0.1', '0.2', '0.3'], 'float noise dropped');
  assert.deepEqual(linearTickTexts([-0.5, -0.25, 0, 0.25]), ['-0.5', '-0.25', '0', '0.25']);
  assert.deepEqual(linearTickTexts([100000, 125000, 150000]), ['1e5', '1.25e5', '1.5e5']);
  assert.deepEqual(linearTickTexts([NaN, 1, 2]), ['', '1', '2']);
  let axes = 0;
  for (const scale of [1e-12, 3e-7, 1e-4, 0.01, 0.7, 1, 13, 250, 4000, 1.3e5, 7e9, 2e21]) {
    for (const [a, b] of [[0, 1], [-1, 1], [-3, -1], [0.2, 1.7], [1, 1.013], [-0.37, 2.91], [100, 100.4]]) {
      for (const count of [3, 5, 8]) {
        const { step, ticks } = niceTicks(a * scale, b * scale, count);
        const texts = linearTickTexts(ticks);
        texts.forEach((t, i) => {
          assert.ok(Math.abs(labelValue(t) - ticks[i]) <= 1e-6 * step, `label "${t}" for tick ${ticks[i]} (step ${step}): ${texts}`);
          // Compact: no more significant digits than the tick's shortest exact decimal needs.
          const exact = Number(ticks[i].toPrecision(12));
          const digits = (s) => s.replace(/e.*$/, '').replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '').length;
          assert.ok(digits(t) <= Math.max(1, digits(String(exact))), `label "${t}" longer than ${exact}`);
        });
        assert.equal(new Set(texts).size, new Set(ticks).size, `distinct: ${texts}`);
        axes++;
      }
    }
  }
  assert.ok(axes > 200);
  // Log axes (powers of ten from logTicks) read back as their values too.
  for (const [lo, hi] of [[1e-23, 100], [1e-3, 1e4], [0.5, 2e6], [1e-30, 1e-20]]) {
    for (const v of logTicks(lo, hi)) {
      const t = logTickText(v);
      assert.ok(Math.abs(labelValue(t) - v) <= 1e-9 * v, `log label "${t}" for ${v}`);
    }
  }
});

test('a log axis over values that change by less than a factor 5 fits them (the momentum lesson: f from 500000 to 499810), with distinct round ticks', () => {
  const racers = [[500000, 499998, 499996], [500000, 499990, 499980], [500000, 499900, 499810]];
  const [lo, hi] = logRange(racers);
  // Its own range, not the decades 10⁵ … 10⁶ that drew the three racers as one flat line.
  assert.ok(lo < 499810 && lo > 499700 && hi > 500000 && hi < 500100, `range ${lo} … ${hi}`);
  const ticks = logTicks(lo, hi, 6);
  assert.ok(ticks.length >= 2 && ticks.length <= 6, `ticks ${ticks}`);
  assert.ok(ticks.every((v) => v >= lo && v <= hi));
  const texts = logTickTexts(ticks);
  assert.equal(new Set(texts).size, texts.length, `distinct labels: ${texts}`);
  texts.forEach((s, i) => assert.ok(Math.abs(Number(s) - ticks[i]) < 1e-6 * (hi - lo), `${s} reads back as ${ticks[i]}`));
  // ‖g‖ ≈ 1 (from 1 to 0.99981): ticks within, labelled as numbers.
  const g = logRange([[1, 0.9999, 0.99981]]);
  assert.ok(g[0] > 0.9997 && g[1] < 1.0002, `gradient range ${g}`);
  assert.ok(logTicks(...g, 6).length >= 2);
  // A wider spread still gets whole decades, labelled 10ⁿ; so does a constant.
  assert.deepEqual(logRange([[1, 0.001]]), [0.001, 1]);
  assert.deepEqual(logTickTexts(logTicks(0.001, 1)), ['10⁻³', '0.01', '0.1', '1']);
  assert.deepEqual(logRange([[5e5, 5e5]]), [1e5, 1e6]);
});

test('a racer that blows up leaves a log chart at its top edge; the others stay in view', () => {
  // The reviewer's Rosenbrock race: ε = 0.02 climbs to f − f* ≈ 4.5e289; the others fall from 24 to 1e-4.
  const good = [24, 3, 0.5, 1e-2, 1e-4], other = [24, 5, 1, 0.1, 1e-3], blown = [24, 1e9, 1e80, 4.5e289];
  const [lo0, hi0] = logRange([good, other, blown]);
  assert.ok(lo0 > 1e-4, `without headroom, the 30 decades under 1e290 hide the others (bottom ${lo0})`);
  const [lo, hi] = logRange([good, other, blown], { headroom: 10 });
  assert.ok(lo <= 1e-4, `every value of the racers that did not blow up is on the axis (bottom ${lo})`);
  assert.ok(hi >= 24 && hi <= 24 * 1e10 * 10, `top ${hi}: at most 10 decades above the median peak (24), as whole decades`);
  assert.ok(Math.log10(hi / lo) <= MAX_DECADES + 1e-9);
  const [lo2] = logRange([good, blown], { headroom: 10 });
  assert.ok(lo2 <= 1e-4, `two racers, one blown up: the other in view (bottom ${lo2})`);
  // Racers that do not blow up: the headroom changes nothing.
  assert.deepEqual(logRange([good, other], { headroom: 10 }), logRange([good, other]));
  assert.deepEqual(logRange([[1, 0.001]], { headroom: 10 }), [0.001, 1]);
});
