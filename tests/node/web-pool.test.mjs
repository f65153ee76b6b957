// The worker pool (web/worker/pool.js, lane.js, race.js pooled): racers spread over pool workers
// give the very rows of a one-worker race (time aside), in lockstep, whatever the rounds' sizes;
// a racer whose step throws, or a pool worker that dies, stops only its own racers.
// The pool workers are stand-ins that run the real lane code (serveLane) on the real module,
// answering asynchronously like a Worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOptlab } from '../../wasm/optlab.js';
import { Race } from '../../web/worker/race.js';
import { Pacer } from '../../web/worker/pacing.js';
import { Pool, poolSize } from '../../web/worker/pool.js';
import { serveLane } from '../../web/worker/lane.js';
import { runRunner } from './helpers.mjs';

const lab = await loadOptlab();
const spec = { ...lab.defaultSpec(), steps: 60, log_every: 5 };
spec.optimizer = { name: 'sgd', lr: 0.1 };
const extra = [{ name: 'momentum', lr: 0.05 }, { name: 'adam', lr: 0.01 }, { name: 'sgd', lr: 0.3 }];
const turn = () => new Promise((r) => setImmediate(r));
// The race: the base, then racers whose optimizers replace the base's (docs/racing.md).
const race4 = (opts) => ({ ...spec, racers: [{}, ...opts.map((o) => ({ optimizer: o }))] });

// A stand-in pool worker: the real lane code, answering on a later turn. labFor(lab) may wrap the module.
function fakeWorker(labFor = (l) => l) {
  const w = { onmessage: null, onerror: null, dead: false, terminate() { this.dead = true; } };
  const handle = serveLane(labFor(lab), (m) => setImmediate(() => { if (!w.dead) w.onmessage?.({ data: m }); }));
  w.postMessage = (m) => setImmediate(() => { if (!w.dead) handle(structuredClone(m)); });
  return w;
}

// Every racer's rows (time column dropped) from the frames a race posted.
function rowsOf(posted) {
  const race = posted.filter((m) => m.type === 'race').at(-1);
  const w = race.columns.length;
  const out = [];
  for (const f of posted.filter((m) => m.type === 'frame')) {
    f.updates.forEach((u, i) => {
      out[i] ??= [];
      for (let at = 0; at + w <= u.rows.length; at += w) out[i].push(Array.from(u.rows.subarray(at, at + w)));
    });
  }
  return { rows: out, columns: race.columns };
}

test('poolSize: one worker per racer, at most two per core (one core: none), at most the cap', () => {
  assert.equal(poolSize(4, 2), 4);
  assert.equal(poolSize(8, 2), 4);
  assert.equal(poolSize(1, 8), 1);
  assert.equal(poolSize(3, 8), 3);
  assert.equal(poolSize(8, 8, 1), 1);
  assert.equal(poolSize(4, 2, 2), 2);
  assert.equal(poolSize(4, 1), 1);
  assert.equal(poolSize(4, 0), 1);
});

test('four racers on two pool workers: in lockstep, and row for row the one-worker race', async () => {
  const one = [], pooled = [];
  const local = new Race(lab, (m) => one.push(m));
  assert.ok(local.start(race4(extra), 'controls'));
  for (const n of [1, 7, 13, 100]) local.advance(n);
  local.sendFrame({ playing: false, force: true });

  const pool = new Pool(() => fakeWorker());
  const race = new Race(lab, (m) => pooled.push(m), { pool, cores: 2 });
  race.maxWorkers = 2;   // the link's workers=2: two racers per worker (4 workers without the cap)
  assert.ok(race.start(race4(extra), 'controls'));
  assert.equal(pooled.at(-1).workers, 2, 'the race says it runs on two workers');
  assert.deepEqual(pool.workers.map((s) => s.indices), [[0, 2], [1, 3]], 'racer i on worker i mod 2');
  for (const n of [3, 3, 20]) {
    await race.advance(n);
    await race.sendFrame({ playing: true });
    assert.deepEqual(pooled.at(-1).updates.map((u) => u.stepCount), Array(4).fill(pooled.at(-1).updates[0].stepCount), 'lockstep');
  }
  await race.advance(1000);
  await race.sendFrame({ playing: false, force: true });
  const f = pooled.at(-1);
  assert.equal(f.done, true);
  assert.ok(f.grid.length > 0 && f.classes === 3, 'the heatmap comes from the worker holding racer 1');
  const a = rowsOf(one), b = rowsOf(pooled);
  const time = a.columns.indexOf('time_ms');
  const strip = (rows) => rows.map((r) => r.filter((_, j) => j !== time));
  assert.equal(b.rows.length, 4);
  for (let i = 0; i < 4; i++) {
    assert.equal(b.rows[i].length, 60 / 5 + 1, `racer ${i + 1}: every logged row`);
    assert.deepEqual(strip(b.rows[i]), strip(a.rows[i]), `racer ${i + 1}: bit-identical rows`);
  }
  assert.notDeepEqual(strip(b.rows[0]), strip(b.rows[1]), 'racers differ');
  pool.terminate();
  for (const r of local.racers) r.run.delete();
});

test('digits on the pool: the confusion view gets the test-set predictions of the heatmap racer, as on one worker', async () => {
  // Data that is not 2-D has no heatmap; its frames carry racer heatmapRacer's predicted class of
  // every test example (views/digits.js), which must not go missing when the racers run elsewhere.
  const digits = { seed: 3, dataset: { name: 'digits' }, network: { layers: [{ units: 16, activation: 'relu' }] },
    optimizer: { name: 'adam', lr: 0.003 }, batch_size: 32, steps: 40, log_every: 20,
    racers: [{}, { optimizer: { lr: 0.01 } }, { batch_size: 8 }] };
  const lastPredictions = (posted) => posted.filter((m) => m.type === 'frame' && m.predictions.length).at(-1)?.predictions;
  const one = [], pooled = [];
  const local = new Race(lab, (m) => one.push(m));
  assert.ok(local.start(digits, 'controls'));
  local.advance(1000);
  local.sendFrame({ playing: false, force: true });
  const pool = new Pool(() => fakeWorker());
  const race = new Race(lab, (m) => pooled.push(m), { pool, cores: 2 });
  race.maxWorkers = 2;   // racers 0 and 2 share a worker
  assert.ok(race.start(digits, 'controls'));
  assert.equal(pooled.at(-1).workers, 2);
  await race.advance(1000);
  await race.sendFrame({ playing: false, force: true });
  const a = lastPredictions(one), b = lastPredictions(pooled);
  const alone = lab.createRun(JSON.stringify({ ...digits, racers: undefined }));
  const testSize = alone.dataset().testY.length;
  alone.delete();
  assert.equal(a.length, testSize, 'one worker: a prediction per test example');
  assert.deepEqual(Array.from(b), Array.from(a), 'the pool: the same predictions');
  pool.terminate();
  for (const r of local.racers) r.run.delete();
});

test('racers that log different columns (a continuation racer adds sigma, smoothed_loss): rows in the race\'s columns, by name, on one worker and on the pool', async () => {
  const surf = { seed: 7, problem: { name: 'rastrigin', x0: [3.2, -2.6] }, optimizer: { name: 'sgd', lr: 0.002 }, steps: 40, log_every: 10,
    racers: [{}, { continuation: { sigma: 1, samples: 16, stages: 2 } }] };
  // Each racer alone: its own columns and records (the reference).
  const alone = surf.racers.map((r) => {
    const run = lab.createRun(JSON.stringify({ ...surf, racers: undefined, ...r }));
    run.step(1000);
    const cols = run.columns, recs = Array.from(run.records(0));
    run.delete();
    const rows = [];
    for (let at = 0; at < recs.length; at += cols.length) rows.push(Object.fromEntries(cols.map((c, j) => [c, recs[at + j]])));
    return { cols, rows };
  });
  assert.ok(alone[1].cols.includes('sigma') && !alone[0].cols.includes('sigma'), 'the racers\' columns differ');
  for (const pooledRun of [false, true]) {
    const posted = [];
    const pool = pooledRun ? new Pool(() => fakeWorker()) : null;
    const race = new Race(lab, (m) => posted.push(m), pool ? { pool, cores: 2 } : {});
    assert.ok(race.start(surf, 'controls'));
    await race.advance(1000);
    await race.sendFrame({ playing: false, force: true });
    const { rows, columns } = rowsOf(posted);
    assert.deepEqual(columns, [...alone[0].cols, ...alone[1].cols.filter((c) => !alone[0].cols.includes(c))], 'the union, racer 1\'s order first');
    for (let i = 0; i < 2; i++) {
      assert.equal(rows[i].length, alone[i].rows.length, `racer ${i + 1}: every row`);
      rows[i].forEach((row, k) => {
        columns.forEach((c, j) => {
          if (c === 'time_ms') return;
          if (alone[i].cols.includes(c)) assert.equal(row[j], alone[i].rows[k][c], `${pooledRun ? 'pool' : 'one worker'}: racer ${i + 1} row ${k} ${c}`);
          else assert.ok(Number.isNaN(row[j]), `racer ${i + 1} has no ${c}`);
        });
      });
    }
    pool?.terminate();
    if (!pool) for (const r of race.lane.racers) r.run.delete();
  }
});

test('a racer whose step throws stops with its error; a pool worker that dies stops its racers; the others finish', async () => {
  // Racer 3 (lr 0.01 adam) throws on its first step; the module is otherwise the real one.
  const throwing = (l) => ({
    ...l,
    createRun(s) {
      const run = l.createRun(s);
      if (s.optimizer.name !== 'adam') return run;
      return new Proxy(run, { get: (t, k) => (k === 'step' ? () => { throw new Error('injected failure'); } : typeof t[k] === 'function' ? t[k].bind(t) : t[k]) });
    },
  });
  const posted = [];
  const pool = new Pool(() => fakeWorker(throwing));
  const race = new Race(lab, (m) => posted.push(m), { pool, cores: 4 });
  assert.ok(race.start(race4(extra), 'controls'));
  const pacer = new Pacer(race);
  pacer.play();
  while (!race.done) await new Promise((r) => setTimeout(r, 5));
  await race.sendFrame({ playing: false, force: true });
  const f = posted.at(-1);
  assert.match(f.updates[2].error, /injected failure/);
  assert.deepEqual(f.updates.map((u) => u.stepCount), [60, 60, 0, 60], 'the others ran to the end');
  assert.deepEqual(f.updates.map((u) => !!u.error), [false, false, true, false]);

  // Now the worker of racer 2 dies (its error event) in the middle of a race.
  assert.ok(race.start(race4(extra), 'controls'));
  await race.advance(10);
  pool.workers[1].w.onerror({ message: 'out of memory' });
  await race.advance(100);
  await race.sendFrame({ playing: false, force: true });
  const g = posted.at(-1);
  assert.match(g.updates[1].error, /pool worker: out of memory/);
  assert.equal(g.updates[1].stepCount, 10, 'racer 2 stopped where its worker died');
  assert.deepEqual([0, 3].map((i) => g.updates[i].stepCount), [60, 60]);
  // The next race replaces the dead worker.
  assert.ok(race.start(race4([extra[0]]), 'controls'));
  await race.advance(100);
  await race.sendFrame({ playing: false, force: true });
  assert.deepEqual(posted.at(-1).updates.map((u) => [u.stepCount, u.error]), [[60, null], [60, null]]);
  pool.terminate();
});

test('a racer that traces symmetry sends the core\'s readout once, when it finishes, from a one-worker and a pooled race alike', async () => {
  const sym = { ...spec, steps: 30, trace: { symmetry: true }, racers: [{}, { seed: 9 }, { optimizer: extra[1] }] };
  const readoutsOf = (posted) => {
    const out = [[], [], []];
    for (const f of posted.filter((m) => m.type === 'frame')) f.updates.forEach((u, i) => { if (u.symmetry) out[i].push(u.symmetry); });
    return out;
  };
  const one = [];
  const local = new Race(lab, (m) => one.push(m));
  assert.ok(local.start(sym, 'controls'));
  local.advance(10);
  local.sendFrame({ playing: false, force: true });
  assert.deepEqual(readoutsOf(one).map((r) => r.length), [0, 0, 0], 'nothing before the runs finish');
  local.advance(1000);
  local.sendFrame({ playing: false, force: true });
  local.sendFrame({ playing: false, force: true });
  const pooled = [];
  const pool = new Pool(() => fakeWorker());
  const race = new Race(lab, (m) => pooled.push(m), { pool, cores: 2 });
  assert.ok(race.start(sym, 'controls'));
  await race.advance(1000);
  await race.sendFrame({ playing: false, force: true });
  await race.sendFrame({ playing: false, force: true });
  const a = readoutsOf(one), b = readoutsOf(pooled);
  for (let i = 0; i < 3; i++) {
    assert.equal(a[i].length, 1, `racer ${i + 1}: one readout (one worker)`);
    assert.equal(b[i].length, 1, `racer ${i + 1}: one readout (pool)`);
    assert.deepEqual(b[i][0], a[i][0]);
    // The readout is the runner's own: the summary line of the racer's complete spec run alone.
    const run = lab.createRun(JSON.stringify(local.racerList[i].spec));
    while (!run.done) run.step(1000);
    assert.deepEqual(a[i][0], JSON.parse(run.summaryLine()).symmetry);
    run.delete();
  }
  assert.notDeepEqual(a[0][0].params, a[1][0].params, 'another seed, another θ');
  pool.terminate();
  for (const r of local.racers) r.run.delete();
});

test('a pooled race at full speed works a round ahead; changes made while it plays and while paused apply at the pool workers\' step, recorded so that the Node runner and one worker give its rows bit for bit', async () => {
  const long = { ...race4(extra), steps: 3000, log_every: 25 };
  const posted = [];
  const pool = new Pool(() => fakeWorker());
  const race = new Race(lab, (m) => posted.push(m), { pool, cores: 2 });
  assert.ok(race.start(long, 'controls'));
  const pacer = new Pacer(race);
  pacer.play();
  while (race.stepCount < 200) await turn();
  // What the page has been shown lags what the pool workers were asked for: the next round waits
  // in their queues while they answer the last.
  const shown = race.stepCount, asked = race.pooled.asked;
  assert.ok(race.pooled.inflight.length > 0 && asked > shown, `asked ${asked}, shown ${shown}: the pool is ahead`);
  assert.ok(await race.applyChange(1, { 'optimizer.lr': 0.01 }));
  const first = posted.filter((m) => m.type === 'changed').at(-1).change;
  assert.equal(first.racer, 1);
  assert.ok(first.step >= asked && first.step < 3000, `the change applies at step ${first.step}, after the rounds already asked for (${asked}), not at the step shown (${shown})`);
  // Paused, the frame takes every round asked for: what it shows is where the workers are, and a
  // change applies at exactly that step.
  pacer.pause();
  await pacer.frame(true);
  const paused = posted.filter((m) => m.type === 'frame').at(-1);
  assert.equal(race.pooled.inflight.length, 0, 'nothing pending while paused');
  assert.ok(paused.stepCount < 3000 && !paused.done, 'paused mid-run');
  assert.ok(await race.applyChange(3, { 'optimizer.lr': 0.1 }));
  const second = posted.filter((m) => m.type === 'changed').at(-1).change;
  assert.deepEqual(second, { step: paused.stepCount, racer: 3, set: { 'optimizer.lr': 0.1 } }, 'paused: the step shown');
  pacer.play();
  while (!race.done) await new Promise((r) => setTimeout(r, 2));
  await race.sendFrame({ playing: false, force: true });
  for (const f of posted.filter((m) => m.type === 'frame')) {
    const live = f.updates.filter((u) => !u.done).map((u) => u.stepCount);
    assert.ok(live.every((x) => x === live[0]), `lockstep: ${f.updates.map((u) => u.stepCount)}`);
  }
  assert.deepEqual(race.spec.changes, [first, second], 'both changes recorded in the spec');
  const { rows, columns } = rowsOf(posted);
  const time = columns.indexOf('time_ms');
  // The Node runner on the recorded spec: every racer's lines, every column but the wall clock.
  const lines = runRunner('node', race.spec);
  assert.equal(lines.status, 0, lines.stderr);
  for (let i = 0; i < 4; i++) {
    const mine = lines.rows.filter((l) => l.racer === i && !l.summary);
    assert.equal(rows[i].length, 3000 / 25 + 1, `racer ${i + 1}: every logged row`);
    assert.equal(mine.length, rows[i].length, `racer ${i + 1}: as many lines as rows`);
    rows[i].forEach((row, k) => columns.forEach((c, j) => {
      if (j !== time) assert.equal(row[j], mine[k][c] ?? NaN, `racer ${i + 1}, row ${k}, ${c}`);   // JSON: NaN as null
    }));
  }
  const lr = columns.indexOf('lr'), step = columns.indexOf('step');
  assert.ok(rows[1].some((r) => r[step] > first.step && r[lr] === 0.01) && rows[1].some((r) => r[step] <= first.step && r[lr] === 0.05), 'racer 2 changed its rate');
  // And one worker on the recorded spec: the same rows.
  const one = [];
  const local = new Race(lab, (m) => one.push(m));
  assert.ok(local.start(race.spec, 'controls'));
  local.advance(10000);
  local.sendFrame({ playing: false, force: true });
  const strip = (rs) => rs.map((r) => r.filter((_, j) => j !== time));
  assert.deepEqual(strip(rowsOf(one).rows.flat()), strip(rows.flat()));
  pool.terminate();
  for (const r of local.racers) r.run.delete();
});

test('one change to several racers of a pooled race playing at full speed applies at one step on all of them', async () => {
  // The reviewer's case: a batch-size change to 3 racers of a race on the pool recorded steps 577,
  // 582, 582 — each racer's change was posted after the last had been answered, and the pacer's
  // rounds came between them.
  const long = { ...race4(extra), steps: 3000, log_every: 25 };
  const posted = [];
  const pool = new Pool(() => fakeWorker());
  const race = new Race(lab, (m) => posted.push(m), { pool, cores: 2 });
  assert.ok(race.start(long, 'controls'));
  assert.ok(race.pooled.workers >= 3, 'racers 1-3 on different workers');
  const pacer = new Pacer(race);
  pacer.play();
  while (race.stepCount < 200) await turn();
  const asked = race.pooled.asked;
  assert.ok(await race.applyChange([0, 1, 2], { batch_size: 4 }));
  const changed = posted.filter((m) => m.type === 'changed').at(-1).changes;
  assert.equal(changed.length, 3);
  assert.deepEqual(changed.map((c) => c.racer), [0, 1, 2]);
  assert.ok(changed[0].step >= asked, `after the rounds already asked for (${asked})`);
  assert.deepEqual(changed.map((c) => c.step), Array(3).fill(changed[0].step), 'one step for every racer');
  pacer.pause();
  await pacer.frame(true);
  pool.terminate();
});
