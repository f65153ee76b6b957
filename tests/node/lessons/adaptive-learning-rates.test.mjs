// Claim of lessons/adaptive-learning-rates.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson, last } from './harness.mjs';

test('adaptive-learning-rates: GD stalls (y moves < 6%); AdaGrad and Adam end below 1e-10; RMSProp dips below 1e-10 but ends bouncing above 1e-3', () => {
  const { racers } = runLesson('adaptive-learning-rates');
  assert.deepEqual(racers.map((r) => r.rows[0].params), racers.map(() => [1, 1]));
  const [gd, adagrad, rmsprop, adam] = racers;
  assert.equal(last(gd).step, 300);
  assert.ok(last(gd).loss > 4e-3, `GD f = ${last(gd).loss}`);
  assert.ok(1 - last(gd).params[1] < 0.06, `GD's y moved ${1 - last(gd).params[1]}`);
  for (const r of [adagrad, adam]) assert.ok(last(r).loss < 1e-10, `${r.label}: f = ${last(r).loss}`);
  assert.ok(Math.min(...rmsprop.rows.map((q) => q.loss)) < 1e-10);
  assert.ok(last(rmsprop).loss > 1e-3, `RMSProp ends at f = ${last(rmsprop).loss}`);
  // "bouncing": over its last 50 steps RMSProp's f goes up at least 10 times
  const tail = rmsprop.rows.slice(-51);
  assert.ok(tail.slice(1).filter((q, k) => q.loss > tail[k].loss).length >= 10);
});
