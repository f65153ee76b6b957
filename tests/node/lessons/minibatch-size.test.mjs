// Claim of lessons/minibatch-size.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson } from './harness.mjs';

test('minibatch-size: loss falls with m per step, with less than linear returns; per example m = 1 is ahead', () => {
  const { racers } = runLesson('minibatch-size');
  assert.equal(racers.length, 5);
  const final = racers.map((r) => r.rows.at(-1));
  assert.ok(final.every((q) => q.step === 2000));
  for (let i = 1; i < 5; i++) assert.ok(final[i].loss < final[i - 1].loss, `m index ${i}`);
  assert.ok(final[4].loss > 0.8 * final[2].loss, `m = 256: ${final[4].loss} vs m = 16: ${final[2].loss}`);
  // equal data: each racer's first logged row at or past 4 epochs (m = 256 has then seen 5.3)
  const atFour = racers.map((r) => r.rows.find((q) => q.epoch >= 4));
  assert.ok(atFour.every(Boolean), 'each racer got past 4 epochs');
  const losses = atFour.map((q) => q.loss);
  assert.equal(Math.min(...losses), losses[0]);
  assert.equal(Math.max(...losses), losses[4]);
});
