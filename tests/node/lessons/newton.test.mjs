// Claim of lessons/newton.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson, last } from './harness.mjs';

test('newton: f < 1e-10 on Rosenbrock within 10 steps; gradient descent and momentum above 0.1 after 200', () => {
  const { racers } = runLesson('newton');
  assert.equal(racers.length, 3);
  const [newton, gd, momentum] = racers;
  const k = newton.rows.findIndex((r) => r.loss < 1e-10);
  assert.ok(k > 0 && newton.rows[k].step <= 10, `Newton first below 1e-10 at step ${newton.rows[k]?.step}`);
  for (const r of [gd, momentum]) {
    assert.equal(last(r).step, 200);
    assert.ok(last(r).loss > 0.1, `${r.label}: f = ${last(r).loss}`);
  }
});
