// The loss landscape through wasm and the page's worker job (docs/landscapes.md): both runners
// print the same landscape lines; computing it in chunks gives the same numbers as all at once;
// the worker's LandscapeJob sizes its chunks to the time budget and yields between them; the
// interpolation line meets the trace's loss at α = 0 and 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOptlab } from '../../wasm/optlab.js';
import { LandscapeJob, CHUNK_MS } from '../../web/worker/landscape.js';
import { planeSurface, planeTrace, medianOffPlane } from '../../web/views/landscape.js';
import { runRunner } from './helpers.mjs';

const lab = await loadOptlab();
const SPEC = {
  seed: 4, dataset: { name: 'spiral', samples: 150 }, network: { layers: [{ units: 10, activation: 'tanh' }] },
  optimizer: { name: 'adam', lr: 0.02 }, steps: 200, log_every: 25,
  landscape: { line_points: 21, plane_points: 7 },
};

function finishedRun(spec) {
  const run = lab.createRun(JSON.stringify(spec));
  while (!run.done) run.step(1000);
  return run;
}

test('both runners print the landscape lines between the last row and the summary; the line meets the trace at α = 0, 1', () => {
  const native = runRunner('native', SPEC), wasm = runRunner('wasm', SPEC);
  assert.equal(native.status, 0, native.stderr);
  assert.deepEqual(wasm.lines, native.lines);
  const rows = native.rows;
  const trace = rows.filter((r) => 'step' in r && !('landscape' in r));
  const line = rows.filter((r) => r.landscape === 'line');
  const plane = rows.filter((r) => r.landscape === 'plane');
  const path = rows.filter((r) => r.landscape === 'trajectory');
  assert.equal(line.length, 21);
  assert.equal(plane.length, 7);
  assert.equal(path.length, trace.length);
  assert.ok(rows.at(-1).summary);
  assert.equal(line.find((r) => r.alpha === 0).loss, trace[0].loss);
  assert.equal(line.find((r) => r.alpha === 1).loss, trace.at(-1).loss);
  assert.equal(plane[3].b, 0);
  assert.equal(plane[3].loss[3], trace.at(-1).loss);  // the centre of the plane is θ₁
  assert.deepEqual(path.map((r) => r.step), trace.map((r) => r.step));
});

test('computed in chunks of any size, the landscape equals the one the runners print', () => {
  const run = finishedRun(SPEC);
  const total = run.landscapeBegin();
  assert.equal(total, 21 + 49);
  const partial = run.landscape();
  assert.equal(partial.done, 0);
  assert.ok(partial.line_loss.every((v) => v === null));
  let sizes = [1, 3, 7, 100], done = 0;
  for (const n of sizes) done += run.landscapeCompute(n);
  assert.equal(done, total);
  const chunked = run.landscape();
  const printed = run.finalLines().map((l) => JSON.parse(l));
  assert.deepEqual(chunked.line_loss, printed.filter((r) => r.landscape === 'line').map((r) => r.loss));
  assert.deepEqual(chunked.plane_loss, printed.filter((r) => r.landscape === 'plane').flatMap((r) => r.loss));
  assert.deepEqual(chunked.trajectory.a, printed.filter((r) => r.landscape === 'trajectory').map((r) => r.a));
  assert.throws(() => run.landscapeCompute(-1), /row|integer|range/i);
  run.delete();
});

test('a run without "landscape", or not finished, has nothing to compute', () => {
  const { landscape, ...plain } = SPEC;
  const run = finishedRun(plain);
  assert.equal(run.landscapeBegin(), 0);
  assert.equal(run.landscape(), null);
  assert.deepEqual(run.finalLines(), []);
  run.delete();
  const early = lab.createRun(JSON.stringify(SPEC));
  early.step(10);
  assert.equal(early.landscapeBegin(), 0);
  early.delete();
});

test('the worker job sizes chunks to its time budget, yields between them and stops when asked', () => {
  // A fake run whose points cost 7 ms each on a fake clock.
  const total = 50;
  let clock = 0, done = 0;
  const calls = [];
  const run = {
    done: true,
    landscapeBegin: () => total,
    landscapeCompute: (n) => { const k = Math.min(n, total - done); calls.push(k); done += k; clock += 7 * k; return k; },
    landscape: () => ({ done, total }),
  };
  const posted = [], deferred = [];
  const job = new LandscapeJob({ run, racer: 2, post: (m) => posted.push(m), now: () => clock, defer: (f) => deferred.push(f) });
  assert.equal(job.start(), true);
  assert.deepEqual(calls, [1]);             // first a single point, to measure
  while (deferred.length) deferred.shift()();
  assert.equal(done, total);
  for (const k of calls) assert.ok(7 * k <= CHUNK_MS, `a chunk of ${k} points takes ${7 * k} ms`);
  assert.equal(calls[1], Math.floor(CHUNK_MS / 7));
  assert.equal(posted.length, calls.length);  // progress after every chunk
  assert.ok(posted.every((m) => m.type === 'landscape' && m.racer === 2));
  assert.equal(posted.at(-1).finished, true);
  // stop(): a pending chunk does nothing.
  done = 0; clock = 0; calls.length = 0; posted.length = 0;
  const job2 = new LandscapeJob({ run, racer: 0, post: (m) => posted.push(m), now: () => clock, defer: (f) => deferred.push(f) });
  job2.start();
  job2.stop();
  while (deferred.length) deferred.shift()();
  assert.deepEqual(calls, [1]);
});

test('a racer in a pool worker: the job trains a copy from its spec in chunks, then gives the same landscape', () => {
  const posted = [], deferred = [];
  const job = new LandscapeJob({ lab, spec: SPEC, racer: 1, post: (m) => posted.push(m), defer: (f) => deferred.push(f) });
  assert.equal(job.start(), true);
  let chunks = 1;
  while (deferred.length) { deferred.shift()(); chunks++; }
  assert.ok(chunks > 2, 'trained and computed over several chunks');
  const last = posted.at(-1);
  assert.equal(last.finished, true);
  assert.equal(last.racer, 1);
  const run = finishedRun(SPEC);
  run.landscapeBegin();
  run.landscapeCompute(1000);
  assert.deepEqual(last.result, run.landscape());
  run.delete();
  assert.equal(job.run, null, 'the copy was deleted');
});

test('the view turns the result into a contour grid and a path', () => {
  const result = {
    axis: [-1, 0, 1], plane_loss: [1, 2, 3, 4, null, 6, 7, 8, 9],
    trajectory: { a: [0.5, 0], b: [-0.5, 0], off_plane: [0.9, 0.2, 0] },
  };
  const s = planeSurface(result);
  assert.deepEqual(s.box, [-1, 1, -1, 1]);
  assert.equal(s.nx, 3);
  assert.ok(Number.isNaN(s.values[4]));
  assert.deepEqual([...planeTrace(result)], [0.5, -0.5, 0, 0]);
  assert.equal(medianOffPlane(result), 0.2);
});
