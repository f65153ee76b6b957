// Claim of lessons/landscape.json (§8.2; Goodfellow, Vinyals & Saxe 2015; Li et al. 2018), from the
// runners' landscape lines and trace rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson } from './harness.mjs';

test('landscape: the line meets the trace at α = 0, 1 and falls monotonically between; θ₁ is the plane\'s lowest point; the plane misses > 95% of the path', () => {
  const { racers } = runLesson('landscape');
  assert.equal(racers.length, 1);
  const rows = racers[0].rows;
  const trace = rows.filter((r) => r.landscape === undefined);
  const line = rows.filter((r) => r.landscape === 'line');
  const plane = rows.filter((r) => r.landscape === 'plane');
  const path = rows.filter((r) => r.landscape === 'trajectory');
  assert.equal(line.length, 41);
  const at = (a) => line.find((r) => r.alpha === a).loss;
  assert.equal(at(0), trace[0].loss);
  assert.equal(at(1), trace.at(-1).loss);
  const between = line.filter((r) => r.alpha >= 0 && r.alpha <= 1);
  for (let i = 1; i < between.length; i++) {
    assert.ok(between[i].loss < between[i - 1].loss, `no barrier: J falls from α = ${between[i - 1].alpha} to ${between[i].alpha}`);
  }
  assert.ok(at(0) > 1 && at(1) < 0.05, `J(θ₀) = ${at(0)}, J(θ₁) = ${at(1)}`);
  assert.equal(plane.length, 21);
  const all = plane.flatMap((r) => r.loss);
  assert.equal(Math.min(...all), trace.at(-1).loss);
  assert.equal(plane.find((r) => r.b === 0).loss[10], trace.at(-1).loss);
  const off = path.map((r) => r.off_plane).sort((x, y) => x - y);
  assert.equal(path.length, trace.length);
  assert.ok(off[Math.floor(off.length / 2)] > 0.95, `median off-plane ${off[Math.floor(off.length / 2)]}`);
});
