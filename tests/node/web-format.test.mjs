// How the page prints numbers and lays out its charts (web/format.js, web/views/chart-data.js,
// web/panels/transport.js keyAction): readouts that are never cut or rounded into another number,
// log axes that reach 1e-23 with labels that say so, and keys that work after a click on a button.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statText, paramText, logTickText, linearTickTexts } from '../../web/format.js';
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
  assert.equal(keyAction(' ', { tagName: 'INPUT', type: 'range' }), 'toggle');
  assert.equal(keyAction('ArrowRight', { tagName: 'INPUT', type: 'range' }), null, 'the slider moves');
  assert.equal(keyAction('ArrowRight', { tagName: 'INPUT', type: 'number' }), null);
  assert.equal(keyAction(' ', { tagName: 'TEXTAREA' }), null);
  assert.equal(keyAction(' ', { tagName: 'BODY' }), 'toggle');
  assert.equal(keyAction('ArrowRight', { tagName: 'DIV' }), 'step');
  assert.equal(keyAction('a', { tagName: 'BODY' }), null);
});
