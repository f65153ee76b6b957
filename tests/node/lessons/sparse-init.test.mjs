// Claim of lessons/sparse-init.json, from the layer statistics at step 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson } from './harness.mjs';

test('sparse-init: the 4th layer\'s activation scale is independent of width with sparse weights, not with dense ones', () => {
  const { racers } = runLesson('sparse-init');
  assert.equal(racers.length, 4);
  const l4 = (r) => r.rows[0].layers[3].act;
  const [s32, s256, d32, d256] = racers.map(l4);
  assert.ok(Math.abs(s256.std / s32.std - 1) < 0.1, `sparse: ${s32.std} vs ${s256.std}`);
  assert.ok(d256.std > 1.5 * d32.std, `dense: ${d32.std} vs ${d256.std}`);
  assert.ok(d256.saturated > 0.25, `dense, 256 units: saturated ${d256.saturated}`);
  // the text's caveat: here the wide dense net trains fastest
  const final = racers.map((r) => r.rows.at(-1).loss);
  assert.equal(Math.min(...final), final[3]);
});
