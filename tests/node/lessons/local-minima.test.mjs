// Claim of lessons/local-minima.json (weight-space symmetry, §8.2.2): the lesson's four racers (seeds
// 1–4, one network, the same inline data) through both runners; every number from their summary
// lines' "symmetry" readouts, the distances between racers by the page's own function
// (web/views/symmetry.js symmetryPairs), cross-checked against a plain norm here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson } from './harness.mjs';
import { symmetryPairs } from '../../../web/views/symmetry.js';

const distance = (a, b) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0));

test('local-minima: each permuted copy is far away with the same loss and one canonical form; the seeds stay apart after it', () => {
  const { racers } = runLesson('local-minima');
  assert.equal(racers.length, 4);
  const readouts = racers.map((r) => r.summary.symmetry);
  for (const [i, s] of readouts.entries()) {
    assert.ok(s.permuted_distance > 10, `racer ${i}: permuted copy at distance ${s.permuted_distance}`);
    assert.ok(Math.abs(s.permuted_loss - s.loss) < 1e-6, `racer ${i}: ${s.permuted_loss} vs ${s.loss}`);
    assert.ok(Math.abs(s.canonical_loss - s.loss) < 1e-6);
    assert.equal(s.permuted_canonical_distance, 0, `racer ${i}: the copy's canonical form is θ's`);
    assert.equal(s.loss, racers[i].summary.final_train_loss);
    assert.ok(s.loss < 0.005, `racer ${i}: training loss ${s.loss}`);
    assert.deepEqual([...s.permutation[0]].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7]);
  }
  const pairs = symmetryPairs(readouts);
  assert.equal(pairs.length, 6);
  let raw = 0, canonical = 0;
  for (const p of pairs) {
    assert.ok(Math.abs(p.raw - distance(readouts[p.a].params, readouts[p.b].params)) < 1e-9);
    assert.ok(Math.abs(p.canonical - distance(readouts[p.a].canonical_params, readouts[p.b].canonical_params)) < 1e-9);
    assert.ok(p.canonical > 5, `racers ${p.a + 1} and ${p.b + 1}: canonical forms ${p.canonical} apart`);
    raw += p.raw; canonical += p.canonical;
  }
  assert.ok(canonical >= 0.5 * raw, `mean canonical ${canonical / 6} vs raw ${raw / 6}`);
});
