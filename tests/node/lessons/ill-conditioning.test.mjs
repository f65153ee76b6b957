// Claim of lessons/ill-conditioning.json (the book's Figure 8.1 story), from the curvature columns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson, last } from './harness.mjs';

test('ill-conditioning: ‖g‖ grows > 5× while the loss falls; ½ε²gᵀHg cancels > 75% of −εgᵀg in the second half', () => {
  const { racers } = runLesson('ill-conditioning');
  assert.equal(racers.length, 1);
  const rows = racers[0].rows;
  const half = rows.findIndex((r) => r.step >= last(racers[0]).step / 2);
  const first = rows.slice(1, half), second = rows.slice(half);
  const gnorm = (r) => Math.sqrt(r.gTg);   // the full-batch gradient at θ_s
  const minFirst = Math.min(...first.map(gnorm));
  assert.ok(Math.min(...second.map(gnorm)) > 5 * minFirst, `second-half ‖g‖ ≥ ${Math.min(...second.map(gnorm))} vs first-half min ${minFirst}`);
  for (let k = 1; k < second.length; k++) assert.ok(second[k].loss < second[k - 1].loss, `loss falls at step ${second[k].step}`);
  assert.equal(last(racers[0]).loss, Math.min(...rows.map((r) => r.loss)));
  for (const r of second) {
    const gain = -r.lr * r.gTg, curvature = 0.5 * r.lr ** 2 * r.gTHg;
    // the test's two terms, and the core's own sum of them (eq. 8.10)
    assert.ok(Math.abs(gain + curvature - r.ill_conditioning) <= 1e-9 * Math.abs(gain));
    assert.ok(curvature > 0.75 * -gain, `step ${r.step}: ½ε²gᵀHg = ${curvature} vs εgᵀg = ${-gain}`);
  }
});
