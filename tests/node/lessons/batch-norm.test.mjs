// Claim of lessons/batch-norm.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson } from './harness.mjs';

const lastMean = (r, key, n = 5) => r.rows.slice(-n).reduce((a, q) => a + q[key], 0) / n;

test('batch-norm: without normalization the loss stays at ln 3; with batch norm training loss < 0.3 and test accuracy > 0.9', () => {
  const { racers } = runLesson('batch-norm');
  assert.equal(racers.length, 2);
  const [plain, bn] = racers;
  assert.equal(plain.rows.at(-1).step, 3000);
  assert.ok(Math.abs(lastMean(plain, 'loss') - Math.log(3)) < 0.01, `no norm: loss ${lastMean(plain, 'loss')}`);
  assert.ok(Math.abs(lastMean(plain, 'test_acc') - 1 / 3) < 0.1);
  assert.ok(lastMean(bn, 'loss') < 0.3, `batch norm: loss ${lastMean(bn, 'loss')}`);
  assert.ok(lastMean(bn, 'test_acc') > 0.9, `batch norm: test accuracy ${lastMean(bn, 'test_acc')}`);
});
