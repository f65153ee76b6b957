// Claim of lessons/continuation.json (§8.7.6), from the racers' rows: gradient descent stops in a
// local minimum of Rastrigin from both starts; the same method with continuation ends at the global
// minimum, at 512 evaluations of f per smoothed step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson, last } from './harness.mjs';

test('continuation: plain gradient descent stops in local minima, with continuation it reaches the global minimum', () => {
  const { racers } = runLesson('continuation');
  assert.equal(racers.length, 4);
  const [plain, smooth, plain2, smooth2] = racers;
  for (const r of [plain, plain2]) {
    const end = last(r);
    assert.ok(end.loss > 17, `${r.label}: f = ${end.loss}`);
    assert.ok(end.grad_norm < 1e-6, `${r.label}: stopped (‖∇f‖ = ${end.grad_norm})`);
    assert.ok(end.distance > 4, `${r.label}: ${end.distance} from the global minimizer`);
    assert.equal(end.sigma, undefined);
  }
  for (const r of [smooth, smooth2]) {
    const end = last(r);
    assert.ok(end.distance < 1e-6, `${r.label}: distance ${end.distance}`);
    assert.ok(end.loss < 1e-10, `${r.label}: f = ${end.loss}`);
    assert.equal(end.sigma, 0);
    // 20 smoothed steps between the rows at steps 20 and 40 (σ = 1): 2 × 256 evaluations each.
    const at = (s) => r.rows.find((x) => x.step === s);
    assert.equal(at(20).sigma, 1);
    assert.equal(at(40).evaluations - at(20).evaluations, 20 * 512);
  }
});
