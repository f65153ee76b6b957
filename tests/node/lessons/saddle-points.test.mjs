// Claim of lessons/saddle-points.json, from the runners' lines: Newton ends on the saddle point,
// gradient descent escapes below it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson, last } from './harness.mjs';

test('saddle-points: Newton lands on the saddle (0, 0) in one step and stays; gradient descent escapes below it', () => {
  const { racers } = runLesson('saddle-points');
  assert.equal(racers.length, 2);
  const [gd, newton] = racers;
  assert.deepEqual(newton.rows[1].params, [0, 0], 'Newton: the saddle after one step');
  assert.deepEqual(last(newton).params, [0, 0]);
  assert.equal(last(newton).loss, 0);
  assert.equal(last(newton).grad_norm, 0);
  assert.equal(last(gd).step, 40);
  assert.ok(Math.abs(last(gd).params[1]) > 10, `gradient descent's |y| = ${last(gd).params[1]}`);
  assert.ok(last(gd).loss < -100, `gradient descent's f = ${last(gd).loss}`);
  // It escapes by growing y by (1 + 2ε) = 1.2 per step, from y₀ = 0.01 (independent check: 0.01·1.2⁴⁰).
  assert.ok(Math.abs(last(gd).params[1] - 0.01 * 1.2 ** 40) < 1e-9 * 0.01 * 1.2 ** 40);
});
