// Claim of lessons/initialization.json, from the layer statistics at step 0 and the loss.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson } from './harness.mjs';

test('initialization: Glorot keeps the activation scale through 8 layers; N(0, 0.05²) vanishes and never trains; N(0, 1) saturates', () => {
  const { racers } = runLesson('initialization');
  assert.equal(racers.length, 3);
  const [glorot, small, large] = racers;
  const layers = (r) => r.rows[0].layers;
  assert.equal(layers(glorot).length, 8);
  const stds = (r) => layers(r).map((l) => l.act.std);
  const g = stds(glorot);
  assert.ok(g.every((s) => s > g[0] / 2 && s < 2 * g[0]), `Glorot act std ${g}`);
  const s = stds(small);
  assert.ok(s[7] < s[0] / 1000, `N(0, 0.05²): ${s[0]} → ${s[7]}`);
  assert.ok(small.rows.every((q) => Math.abs(q.loss - Math.log(3)) < 1e-3), 'N(0, 0.05²) stays at ln 3');
  assert.ok(layers(large)[7].act.saturated > 0.5, `N(0, 1): saturated ${layers(large)[7].act.saturated}`);
  assert.ok(glorot.rows.at(-1).test_acc >= 0.9);
});
