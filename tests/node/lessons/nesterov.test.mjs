// Claim of lessons/nesterov.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson } from './harness.mjs';

test('nesterov: standard momentum climbs back above 100, Nesterov stays below 2; Nesterov reaches 1e-8 by step 140, momentum after 170', () => {
  const { racers } = runLesson('nesterov');
  assert.equal(racers.length, 2);
  const [momentum, nesterov] = racers;
  const after1 = (r) => Math.max(...r.rows.slice(2).map((q) => q.loss));
  assert.ok(after1(momentum) > 100, `momentum's largest f after step 1: ${after1(momentum)}`);
  assert.ok(after1(nesterov) < 2, `Nesterov's largest f after step 1: ${after1(nesterov)}`);
  const reach = (r) => r.rows.find((q) => q.loss < 1e-8)?.step ?? Infinity;
  assert.ok(reach(nesterov) <= 140, `Nesterov at step ${reach(nesterov)}`);
  assert.ok(reach(momentum) > 170 && reach(momentum) <= 300, `momentum at step ${reach(momentum)}`);
});
