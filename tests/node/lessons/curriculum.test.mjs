// Claim of lessons/curriculum.json (curriculum learning, Bengio et al. 2009): the lesson's own race
// (seeds 1–4, each with and without the curriculum) through both runners, then seeds 1–20 of the
// lesson's spec, without a curriculum and with the random-order control, through the native runner
// (the same bytes as the wasm runner: the harness and tests/node/native-wasm-bits.test.mjs check that).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runLesson } from './harness.mjs';
import { nativeRunner, root } from '../helpers.mjs';

const lesson = JSON.parse(readFileSync(join(root, 'lessons', 'curriculum.json'), 'utf8'));

function summary(spec) {
  const r = spawnSync(nativeRunner, ['run', '-'], { input: JSON.stringify(spec), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
const stderr = (v) => Math.sqrt(v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / (v.length - 1) / v.length);

test('curriculum: over 20 seeds, a lower final test loss than the random order by > 2 standard errors; the random control is no better; the raced seeds go both ways', () => {
  const { racers } = runLesson('curriculum');
  assert.equal(racers.length, 8);
  const own = racers[0].rows;
  // The lesson's run: the epoch column counts examples drawn (the curriculum draws m per step).
  assert.ok(Math.abs(own.find((r) => r.step === 1000).epoch - (1000 * 16) / 320) < 1e-9);
  // Racers 2k and 2k+1: seed k+1 with and without the curriculum.
  const raced = [0, 1, 2, 3].map((k) => racers[2 * k].summary.final_test_loss - racers[2 * k + 1].summary.final_test_loss);
  assert.deepEqual(raced.map((d) => Math.sign(d)), [1, -1, -1, -1], `raced seeds 1–4: Δ test loss ${raced}`);
  const curriculum = [], plain = [], control = [];
  for (let seed = 1; seed <= 20; seed++) {
    const { racers: _, ...base } = lesson.spec;
    const spec = { ...base, seed };
    curriculum.push(summary(spec).final_test_loss);
    const { curriculum: c, ...without } = spec;
    plain.push(summary(without).final_test_loss);
    control.push(summary({ ...spec, curriculum: { ...c, score: 'random' } }).final_test_loss);
  }
  // The race's own seeds are the same runs as the standalone specs.
  assert.deepEqual([0, 1, 2, 3].map((k) => racers[2 * k].summary.final_test_loss), curriculum.slice(0, 4));
  assert.deepEqual([0, 1, 2, 3].map((k) => racers[2 * k + 1].summary.final_test_loss), plain.slice(0, 4));
  const gain = curriculum.map((v, i) => v - plain[i]);
  assert.ok(gain.filter((g) => g < 0).length >= 15, `lower on ${gain.filter((g) => g < 0).length} of 20 seeds`);
  assert.ok(mean(gain) < -2 * stderr(gain), `Δ test loss ${mean(gain)} ± ${stderr(gain)}`);
  const controlGain = control.map((v, i) => v - plain[i]);
  assert.ok(mean(controlGain) >= 0, `random-order control: Δ test loss ${mean(controlGain)}`);
});
