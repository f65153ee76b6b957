// Claim of lessons/lr-decay.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson, last } from './harness.mjs';

const stats = (xs) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean: m, sd: Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length) };
};

test('lr-decay: over the last 1000 steps the decayed racer\'s loss averages < half the constant one\'s, with ≥ 3× smaller std', () => {
  const { racers } = runLesson('lr-decay');
  assert.equal(racers.length, 2);
  const [constant, decayed] = racers;
  const end = last(constant).step;
  assert.equal(end, 3000);
  const window = (r) => r.rows.filter((q) => q.step > end - 1000).map((q) => q.loss);
  const c = stats(window(constant)), d = stats(window(decayed));
  assert.ok(d.mean < 0.5 * c.mean, `mean ${d.mean} vs ${c.mean}`);
  assert.ok(3 * d.sd <= c.sd, `std ${d.sd} vs ${c.sd}`);
  // the schedule itself, from the lr column: ε₀ = 0.5 falling linearly to ε_τ = 0.005 at τ = 3000
  assert.equal(decayed.rows[0].lr, 0.5);
  for (const q of decayed.rows) assert.ok(Math.abs(q.lr - ((1 - q.step / 3000) * 0.5 + (q.step / 3000) * 0.005)) < 1e-12);
  assert.ok(constant.rows.every((q) => q.lr === 0.5));
});
