// Claim of lessons/cliffs.json: unclipped SGD is thrown far past the bowl, the clipped racer settles in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson, last } from './harness.mjs';

const BOWL_X = 3;   // the cliff surface's minimizer (3, 0)

test('cliffs: unclipped SGD is thrown past the bowl in one step; the clipped racer never steps more than ε·c and settles in the bowl', () => {
  const { racers } = runLesson('cliffs');
  assert.equal(racers.length, 2);
  const [sgd, clipped] = racers;
  const x = (r) => r.rows.map((row) => row.params[0]);
  assert.ok(sgd.rows[1].params[0] > 20, `SGD after one step at x = ${sgd.rows[1].params[0]}`);
  assert.ok(Math.max(...x(sgd)) - BOWL_X > 17);
  const steps = clipped.rows.slice(1).map((row, k) => Math.hypot(row.params[0] - clipped.rows[k].params[0], row.params[1] - clipped.rows[k].params[1]));
  assert.ok(Math.max(...steps) <= 0.1 * (1 + 1e-12), `largest clipped step ${Math.max(...steps)}`);
  assert.ok(Math.max(...x(clipped)) < BOWL_X, 'the clipped racer never passes x = 3');
  assert.equal(last(clipped).step, 300);
  assert.ok(last(clipped).loss < 0.01, `clipped f = ${last(clipped).loss}`);
  assert.ok(last(sgd).loss > 3 * last(clipped).loss, 'unclipped SGD is still walking back at the end');
});
