// Claim of lessons/long-term-dependencies.json (book §8.2.5, eq. 8.11–8.13), from the runners' lines:
// the trace.hidden_grad columns grad_h_0 … grad_h_50 at the initial weights, and the racers' fates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson, last } from './harness.mjs';

test('long-term-dependencies: ‖∂L/∂h_0‖ differs > 10⁶× between ρ = 1.2 and 0.8 and follows ρ⁵⁰; clipping keeps ρ = 1.2 finite', () => {
  const { racers } = runLesson('long-term-dependencies', { allowDiverged: true });
  assert.equal(racers.length, 3);
  const [small, clipped, plain] = racers;
  const first = (r) => r.rows[0];
  assert.equal(first(small).step, 0);
  const ratio = first(clipped).grad_h_0 / first(small).grad_h_0;
  assert.ok(ratio > 1e6, `‖∂L/∂h_0‖ ratio ${ratio}`);
  for (const [r, rho] of [[small, 0.8], [clipped, 1.2], [plain, 1.2]]) {
    const followed = first(r).grad_h_0 / first(r).grad_h_50, predicted = rho ** 50;
    assert.ok(followed > predicted / 2 && followed < predicted * 2, `${r.label}: ${followed} vs ρ⁵⁰ = ${predicted}`);
  }
  assert.match(plain.summary.diverged ?? '', /diverged at step/);
  assert.equal(clipped.summary.diverged, null);
  assert.equal(last(clipped).step, 200);
  for (const row of clipped.rows) assert.ok(Number.isFinite(row.loss), `finite loss at step ${row.step}`);
});
