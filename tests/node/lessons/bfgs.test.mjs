// Claim of lessons/bfgs.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson, last } from './harness.mjs';

test('bfgs: BFGS and L-BFGS reach f < 1e-10 within 50 steps and 60 evaluations; gradient descent above 1 after 200', () => {
  const { racers } = runLesson('bfgs');
  assert.equal(racers.length, 3);
  for (const r of racers.slice(0, 2)) {
    const row = r.rows.find((q) => q.loss < 1e-10);
    assert.ok(row, `${r.label} reaches 1e-10`);
    assert.ok(row.step <= 50 && row.evaluations <= 60, `${r.label}: step ${row.step}, evaluations ${row.evaluations}`);
  }
  assert.equal(last(racers[2]).step, 200);
  assert.ok(last(racers[2]).loss > 1);
});
