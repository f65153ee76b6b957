// Claim of lessons/polyak-averaging.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson, last } from './harness.mjs';

test('polyak-averaging: over the last 1000 steps the averaged parameters\' loss is ≥ 30% below the raw loss, for Polyak and EMA', () => {
  const { racers } = runLesson('polyak-averaging');
  assert.equal(racers.length, 2);
  const end = last(racers[0]).step;
  for (const r of racers) {
    const rows = r.rows.filter((q) => q.step > end - 1000);
    const mean = (k) => rows.reduce((a, q) => a + q[k], 0) / rows.length;
    assert.ok(mean('avg_loss') < 0.7 * mean('loss'), `${r.label}: averaged ${mean('avg_loss')} vs raw ${mean('loss')}`);
  }
  // both follow the same raw trajectory: only the average differs
  assert.deepEqual(racers[0].rows.map((q) => q.loss), racers[1].rows.map((q) => q.loss));
});
