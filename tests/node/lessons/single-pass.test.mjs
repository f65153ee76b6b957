// Claim of lessons/single-pass.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson } from './harness.mjs';

test('single-pass: one epoch of 1000 steps with test ≈ training loss throughout; 600 epochs over 80 examples leave a gap > 0.25', () => {
  const { racers } = runLesson('single-pass');
  assert.equal(racers.length, 2);
  const [once, many] = racers;
  const end = once.rows.at(-1);
  assert.equal(end.step, 1000);
  assert.equal(end.epoch, 1);
  for (const q of once.rows) assert.ok(Math.abs(q.test_loss - q.loss) < 0.01, `step ${q.step}: test ${q.test_loss}, train ${q.loss}`);
  const last = many.rows.at(-1);
  assert.equal(last.step, 3000);
  assert.equal(last.epoch, 600);
  assert.ok(last.test_loss - last.loss > 0.25, `gap ${last.test_loss - last.loss}`);
});
