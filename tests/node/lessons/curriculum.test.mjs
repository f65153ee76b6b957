// Claim of lessons/curriculum.json (curriculum learning, Bengio et al. 2009): the lesson's own race
// (seeds 1 and 2, each with and without the curriculum) through both runners; then the "Over seeds"
// view's own runs — view-data.js seedRuns of the race's racers: both configurations at seeds 1–20 —
// trained by the worker's job (worker/seeds.js, wasm) and by the native runner, which must agree bit for
// bit; and the random-order control at seeds 1–20 (native).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runLesson } from './harness.mjs';
import { nativeRunner, root } from '../helpers.mjs';
import { loadOptlab } from '../../../wasm/optlab.js';
import { seedRuns, seedComparison, SEEDS } from '../../../web/views/view-data.js';
import { SeedsJob } from '../../../web/worker/seeds.js';

const lesson = JSON.parse(readFileSync(join(root, 'lessons', 'curriculum.json'), 'utf8'));

function summary(spec) {
  const r = spawnSync(nativeRunner, ['run', '-'], { input: JSON.stringify(spec), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

// The worker's job, run to its end here (defer: a queue drained in a loop; the page uses setTimeout).
function workerResults(lab, runs) {
  const queue = [], posted = [];
  const job = new SeedsJob({ lab, id: 1, runs, post: (m) => posted.push(m), defer: (f) => queue.push(f) });
  job.start();
  while (queue.length) queue.shift()();
  const last = posted.at(-1);
  assert.equal(last.error, null);
  assert.equal(last.results.length, runs.length);
  return last.results;
}

const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
const stderr = (v) => Math.sqrt(v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / (v.length - 1) / v.length);

test('curriculum: over 20 seeds (the "Over seeds" view\'s runs), a lower final test loss than the random order by > 2 standard errors; the random control is no better; the raced seeds go both ways', async () => {
  const { racers } = runLesson('curriculum');
  assert.equal(racers.length, 4);
  assert.ok(lesson.views.includes('seeds'), 'the lesson opens the view that shows the claim');
  const own = racers[0].rows;
  // The lesson's run: the epoch column counts examples drawn (the curriculum draws m per step).
  assert.ok(Math.abs(own.find((r) => r.step === 1000).epoch - (1000 * 16) / 320) < 1e-9);
  // Racers 2k and 2k+1: seed k+1 with and without the curriculum.
  const raced = [0, 1].map((k) => racers[2 * k].summary.final_test_loss - racers[2 * k + 1].summary.final_test_loss);
  assert.deepEqual(raced.map((d) => Math.sign(d)), [1, -1], `raced seeds 1, 2: Δ test loss ${raced}`);

  // The view's runs: two configurations (the racers differ only in seed within each), seeds 1–20.
  const lab = await loadOptlab();
  const expanded = lab.expandRace(lesson.spec);
  assert.ok(expanded.ok, expanded.message);
  const { groups, runs } = seedRuns(expanded.racers);
  assert.deepEqual(groups.map((g) => [g.racers, g.label]), [[[0, 2], 'curriculum'], [[1, 3], 'random order']]);
  assert.equal(runs.length, 2 * SEEDS);
  const fromWorker = workerResults(lab, runs);
  const native = runs.map((r) => summary(r.spec).final_test_loss);
  assert.deepEqual(fromWorker.map((r) => r.final_test_loss), native, 'the worker (wasm) and the native runner agree bit for bit');
  const curriculum = native.slice(0, SEEDS), plain = native.slice(SEEDS);
  // The race's own seeds are the same runs as the view's.
  assert.deepEqual([0, 1].map((k) => racers[2 * k].summary.final_test_loss), curriculum.slice(0, 2));
  assert.deepEqual([0, 1].map((k) => racers[2 * k + 1].summary.final_test_loss), plain.slice(0, 2));

  // What the view says: curriculum (group 0) against random order (group 1), curriculum − random.
  const { versus: [v] } = seedComparison(2, fromWorker);
  const gain = curriculum.map((c, i) => c - plain[i]);
  assert.equal(v.n, SEEDS);
  assert.equal(v.lower, gain.filter((g) => g < 0).length);
  assert.ok(Math.abs(v.mean - mean(gain)) < 1e-12 && Math.abs(v.se - stderr(gain)) < 1e-12);
  // The claim, and the text's numbers (17 of 20 seeds, 0.056 on average).
  const lower = gain.filter((g) => g < 0).length;
  assert.ok(lower >= 15, `lower on ${lower} of 20 seeds`);
  assert.equal(lower, 17);
  assert.ok(mean(gain) < -2 * stderr(gain), `Δ test loss ${mean(gain)} ± ${stderr(gain)}`);
  assert.equal(mean(gain).toFixed(3), '-0.056');

  const control = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    const { racers: _, ...base } = lesson.spec;
    control.push(summary({ ...base, seed, curriculum: { ...base.curriculum, score: 'random' } }).final_test_loss);
  }
  const controlGain = control.map((c, i) => c - plain[i]);
  assert.ok(mean(controlGain) >= 0, `random-order control: Δ test loss ${mean(controlGain)}`);
});
