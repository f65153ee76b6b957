// Claim of lessons/conjugate-gradient.json: CG solves the 10-D quadratic in at most 10 steps; steepest
// descent with the same exact line search zig-zags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson, last } from './harness.mjs';

test('conjugate-gradient: f < 1e-9 by step n = 10; steepest descent still f > 1 after 30 steps, with orthogonal consecutive steps', () => {
  const { racers } = runLesson('conjugate-gradient');
  assert.equal(racers.length, 2);
  const [cg, sd] = racers;
  const n = cg.rows[0].params.length;
  assert.equal(n, 10);
  assert.ok(cg.rows[0].loss > 1000);
  assert.ok(cg.rows[n].loss < 1e-9, `CG at step ${n}: f = ${cg.rows[n].loss}`);
  assert.ok(cg.rows[n - 2].loss > 1e-6, 'not solved long before n steps (the claim is about n)');
  assert.equal(last(sd).step, 30);
  assert.ok(last(sd).loss > 1, `steepest descent f = ${last(sd).loss}`);
  const step = (r, k) => r.rows[k].params.map((v, j) => v - r.rows[k - 1].params[j]);
  const cos = (a, b) => a.reduce((s, v, j) => s + v * b[j], 0) / Math.hypot(...a) / Math.hypot(...b);
  for (let k = 2; k <= 30; k++) assert.ok(Math.abs(cos(step(sd, k), step(sd, k - 1))) < 1e-6, `steps ${k - 1}, ${k} orthogonal`);
});
