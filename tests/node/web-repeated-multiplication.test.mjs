// The repeated-multiplication view's worker side and data (web/worker/repeated-multiplication.js,
// web/views/repeated-multiplication-data.js) on the real core: the eigen-components grow as |λ|ᵗ
// (book eq. 8.12), ‖Wᵗv‖² is their sum of squares (W symmetric, Q orthonormal), the tied chain's
// growth per step approaches max|λ|, and a bad eigenvalue comes back as the core's message naming it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOptlab } from '../../wasm/optlab.js';
import { computeRepeatedMultiplication, readoutSpec } from '../../web/worker/repeated-multiplication.js';
import { parseEigenvalues, repeatedMultiplicationData, growthPerStep } from '../../web/views/repeated-multiplication-data.js';

const lab = await loadOptlab();
const close = (a, b, rel) => Math.abs(a - b) <= rel * Math.abs(b);

test('components |c_i||λ_i|ᵗ explode for |λ| > 1 and vanish for |λ| < 1; ‖Wᵗv‖² is their sum of squares', () => {
  const eigenvalues = [1.2, 0.8, -0.5];
  const msg = computeRepeatedMultiplication(lab, { id: 7, eigenvalues, length: 50, seed: 3 });
  assert.equal(msg.type, 'repeatedMultiplication');
  assert.equal(msg.id, 7);
  assert.equal(msg.error, null);
  const c = msg.columns;
  assert.deepEqual(c.step, Array.from({ length: 51 }, (_, t) => t));
  eigenvalues.forEach((l, i) => {
    const comp = c[`component_${i}`];
    assert.ok(close(comp[50] / comp[0], Math.abs(l) ** 50, 1e-9), `component ${i}: ${comp[50] / comp[0]} vs |λ|⁵⁰ ${Math.abs(l) ** 50}`);
  });
  assert.ok(c.component_0[50] > 1000 * c.component_0[0] && c.component_1[50] < 1e-4 * c.component_1[0]);
  for (let t = 0; t <= 50; t += 10) {
    const sum = eigenvalues.reduce((s, _, i) => s + c[`component_${i}`][t] ** 2, 0);
    assert.ok(close(c.norm_tied[t], Math.sqrt(sum), 1e-9), `t = ${t}: ${c.norm_tied[t]} vs ${Math.sqrt(sum)}`);
  }
  assert.ok(close(c.norm_tied[0], 1, 1e-12));   // v is a unit vector
  // ‖Wᵗv‖ follows the largest |λ| alone: its growth per step is within 3% of 1.2.
  assert.ok(close(growthPerStep(c.norm_tied), 1.2, 0.03), `${growthPerStep(c.norm_tied)}`);
  // The view's series: t, tied, untied, one per component, with their eigenvalues.
  const { data, lambdas } = repeatedMultiplicationData(c, eigenvalues);
  assert.equal(data.length, 3 + eigenvalues.length);
  assert.deepEqual(lambdas, eigenvalues);
  assert.deepEqual(data[1], c.norm_tied);
  // The same numbers as the readout spec run directly (the worker adds nothing).
  const run = lab.createRun(readoutSpec({ eigenvalues, length: 50, seed: 3 }));
  run.step(50);
  const k = run.columns.indexOf('norm_untied');
  assert.equal(run.records()[50 * run.columns.length + k], c.norm_untied[50]);
  run.delete();
});

test('a bad eigenvalue or length comes back as the core\'s message naming the field', () => {
  const bad = computeRepeatedMultiplication(lab, { id: 1, eigenvalues: parseEigenvalues('1.1, x'), length: 50, seed: 1 });
  assert.equal(bad.columns, null);
  assert.equal(bad.field, 'readout.eigenvalues[1]');
  assert.match(bad.error, /^readout\.eigenvalues\[1\]: must be a number/);
  const far = computeRepeatedMultiplication(lab, { id: 2, eigenvalues: [20], length: 5, seed: 1 });
  assert.equal(far.field, 'readout.eigenvalues[0]');
  const long = computeRepeatedMultiplication(lab, { id: 3, eigenvalues: [1.1], length: 5000, seed: 1 });
  assert.equal(long.field, 'readout.length');
});

test('the eigenvalue text, and series values a log axis cannot place', () => {
  assert.deepEqual(parseEigenvalues('1.1, 0.9 -0.3; x'), [1.1, 0.9, -0.3, 'x']);
  assert.deepEqual(parseEigenvalues(''), []);
  const { data } = repeatedMultiplicationData({ step: [0, 1], norm_tied: [1, 0], norm_untied: [1, NaN], component_0: [0.5, Infinity] }, [2]);
  assert.deepEqual(data.slice(1), [[1, null], [1, null], [0.5, null]]);
  assert.ok(Number.isNaN(growthPerStep([1, 0])));
  assert.ok(close(growthPerStep([1, 2, 4]), 2, 1e-12));
});
