// Claim of lessons/coordinate-descent.json: coordinate descent crawls on the book's counterexample;
// conjugate gradient, which uses the coupling, finishes in two steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson, last } from './harness.mjs';

test('coordinate-descent: conjugate gradient reaches f < 1e-20 at step 2; coordinate descent is > 0.25 away after 100 steps', () => {
  const { racers } = runLesson('coordinate-descent');
  assert.equal(racers.length, 2);
  const [cd, cg] = racers;
  assert.ok(cg.rows[2].loss < 1e-20, `CG at step 2: f = ${cg.rows[2].loss}`);
  assert.ok(cg.rows[1].loss > 1e-3, 'CG needed both steps (its first step alone does not finish)');
  assert.equal(last(cd).step, 100);
  // distance to the minimizer (0, 0), from θ itself
  const dist = (row) => Math.hypot(...row.params);
  assert.ok(dist(last(cd)) > 0.25, `coordinate descent is ${dist(last(cd))} from the minimizer`);
  // Each step moves one coordinate only (the staircase), and the distance shrinks by only ~1% per pair of steps.
  for (let k = 1; k < cd.rows.length; k++) {
    const moved = cd.rows[k].params.map((v, j) => v !== cd.rows[k - 1].params[j]).filter(Boolean).length;
    assert.ok(moved <= 1, `step ${k} moved ${moved} coordinates`);
  }
  const rate = (dist(cd.rows[100]) / dist(cd.rows[10])) ** (1 / 90);
  assert.ok(rate > 0.985 && rate < 1, `per-step contraction ${rate}`);
});
