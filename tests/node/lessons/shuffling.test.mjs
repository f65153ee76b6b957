// Claim of lessons/shuffling.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson } from './harness.mjs';

test('shuffling: shuffled loss < 0.1 and accuracy > 0.9 over the last 300 steps; class-by-class loss > 1 and accuracy < 0.5', () => {
  const { racers } = runLesson('shuffling');
  assert.equal(racers.length, 2);
  const window = (r) => r.rows.filter((q) => q.step > 2700);
  const mean = (rows, k) => rows.reduce((a, q) => a + q[k], 0) / rows.length;
  const [shuffled, ordered] = racers.map(window);
  assert.ok(shuffled.length >= 30 && ordered.length === shuffled.length);
  assert.ok(mean(shuffled, 'loss') < 0.1 && mean(shuffled, 'test_acc') > 0.9, `shuffled: ${mean(shuffled, 'loss')}, ${mean(shuffled, 'test_acc')}`);
  assert.ok(mean(ordered, 'loss') > 1 && mean(ordered, 'test_acc') < 0.5, `class by class: ${mean(ordered, 'loss')}, ${mean(ordered, 'test_acc')}`);
});
