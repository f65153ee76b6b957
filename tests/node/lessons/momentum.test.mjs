// Claim of lessons/momentum.json: under a constant gradient the step length reaches ε‖g‖/(1 − α).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson } from './harness.mjs';

test('momentum: the step length reaches the terminal velocity ε‖g‖/(1 − α) for α = 0.5, 0.9, 0.99', () => {
  const { racers } = runLesson('momentum');
  assert.equal(racers.length, 3);
  const eps = 0.001;
  [0.5, 0.9, 0.99].forEach((alpha, i) => {
    const rows = racers[i].rows;
    const n = rows.length - 1;
    assert.equal(rows[n].step, 2000);
    const step = Math.hypot(rows[n].params[0] - rows[n - 1].params[0], rows[n].params[1] - rows[n - 1].params[1]);
    // ‖g‖ of the step that made row n is the one logged on row n − 1 (g at θ_{n−1}).
    const terminal = eps * rows[n - 1].grad_norm / (1 - alpha);
    assert.ok(Math.abs(step / terminal - 1) < 1e-3, `α = ${alpha}: step ${step} vs ε‖g‖/(1−α) = ${terminal}`);
    assert.ok(Math.abs(rows[n].grad_norm - 1) < 1e-3, 'the gradient stayed ≈ constant, ‖g‖ ≈ 1');
  });
  // α = 0.99 is still far from it early on: the velocity builds up at the rate 1 − α.
  const r = racers[2].rows;
  const early = Math.hypot(r[20].params[0] - r[19].params[0], r[20].params[1] - r[19].params[1]);
  assert.ok(early < 0.25 * 0.1, `α = 0.99 at step 20 moves ${early}`);
});

test('momentum: on the contour map the paths are about 4, 20 and 190 long after 2000 steps (the text), all along y = 0', () => {
  const { racers } = runLesson('momentum');
  [4, 20, 190].forEach((length, i) => {
    const rows = racers[i].rows;
    const [a, b] = [rows[0].params, rows.at(-1).params];
    const d = Math.hypot(b[0] - a[0], b[1] - a[1]);
    assert.ok(Math.abs(d / length - 1) < 0.05, `racer ${i}: path ${d} long, the text says about ${length}`);
    assert.ok(rows.every((r) => Math.abs(r.params[1]) < 1e-9), 'the path stays on y = 0');
  });
});
