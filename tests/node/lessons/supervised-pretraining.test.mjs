// Claim of lessons/supervised-pretraining.json (greedy supervised layer-wise pretraining, §8.7.4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson } from './harness.mjs';

test('supervised-pretraining: each stage ends below the one before; each added layer lowers the training loss by more than a third', () => {
  const { racers } = runLesson('supervised-pretraining');
  assert.equal(racers.length, 1);
  const { rows, summary } = racers[0];
  // The last logged row of each stage, from the rows (the summary's "stages" must agree).
  const ends = [0, 1, 2, 3].map((k) => rows.filter((r) => r.stage === k).at(-1));
  assert.deepEqual(ends.map((r) => r.step), [300, 600, 900, 1500]);
  assert.deepEqual(summary.stages.map((s) => s.final_train_loss), ends.map((r) => r.loss));
  for (let k = 1; k < 4; k++) assert.ok(ends[k].loss < ends[k - 1].loss, `stage ${k} ends at ${ends[k].loss} ≥ ${ends[k - 1].loss}`);
  for (let k = 1; k < 3; k++) assert.ok(ends[k].loss < (2 / 3) * ends[k - 1].loss, `depth ${k + 1}: ${ends[k].loss} vs ${ends[k - 1].loss}`);
  // Every row carries its stage, in order, and the stage boundaries are logged.
  for (const r of rows) assert.equal(r.stage, r.step === 0 ? 0 : Math.min(3, Math.floor((r.step - 1) / 300)));
});
