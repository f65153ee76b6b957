// Claim of lessons/local-minima.json (weight-space symmetry, §8.2.2): the lesson's run through both
// runners, and seeds 1–8 of its spec through the native runner for the distances between solutions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runLesson } from './harness.mjs';
import { nativeRunner, root } from '../helpers.mjs';

const lesson = JSON.parse(readFileSync(join(root, 'lessons', 'local-minima.json'), 'utf8'));
const distance = (a, b) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0));

test('local-minima: the permuted network is far away with the same loss; seeds stay apart after canonicalization', () => {
  const { racers } = runLesson('local-minima');
  const s = racers[0].summary.symmetry;
  assert.ok(s.permuted_distance > 1, `permuted copy at distance ${s.permuted_distance}`);
  assert.ok(Math.abs(s.permuted_loss - s.loss) < 1e-6, `${s.permuted_loss} vs ${s.loss}`);
  assert.ok(Math.abs(s.canonical_loss - s.loss) < 1e-6);
  assert.equal(s.loss, racers[0].summary.final_train_loss);
  // The readout's permutation, applied by hand to params, gives a point at the reported distance.
  assert.equal(s.permutation[0].length, 8);
  assert.deepEqual([...s.permutation[0]].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7]);
  const solutions = [];
  for (let seed = 1; seed <= 8; seed++) {
    const r = spawnSync(nativeRunner, ['run', '-'], { input: JSON.stringify({ ...lesson.spec, seed }), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    solutions.push(JSON.parse(r.stdout.trim().split('\n').at(-1)).symmetry);
  }
  let raw = 0, canonical = 0;
  for (let i = 0; i < solutions.length; i++) {
    for (let j = i + 1; j < solutions.length; j++) {
      raw += distance(solutions[i].params, solutions[j].params);
      canonical += distance(solutions[i].canonical_params, solutions[j].canonical_params);
    }
  }
  assert.ok(canonical >= 0.8 * raw, `canonical ${canonical} vs raw ${raw}`);
});
