// Claim of lessons/group-norm.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson } from './harness.mjs';

const lastMean = (r, key, n = 5) => r.rows.slice(-n).reduce((a, q) => a + q[key], 0) / n;

test('group-norm: at batch 2 batch norm stays below 0.7 test accuracy while group norm exceeds 0.9; at batch 32 both exceed 0.9', () => {
  const { racers } = runLesson('group-norm');
  assert.equal(racers.length, 4);
  const [bn2, gn2, bn32, gn32] = racers.map((r) => lastMean(r, 'test_acc'));
  assert.ok(bn2 < 0.7, `batch norm, m = 2: ${bn2}`);
  assert.ok(gn2 > 0.9, `group norm, m = 2: ${gn2}`);
  assert.ok(bn32 > 0.9 && gn32 > 0.9, `m = 32: batch norm ${bn32}, group norm ${gn32}`);
  assert.ok(racers.every((r) => r.rows.at(-1).step === 3000));
});
