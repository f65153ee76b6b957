// The worker's race and pacing (web/worker/race.js, pacing.js) on the real module: a race is the
// spec's racers (expanded by the core), racers share the seed and step in lockstep, a cut-short
// round is caught up before anyone moves ahead, a link's bad racer is dropped (lenient) or the
// whole race refused (controls), Reset replays the same numbers, a change without reset is applied
// at the current step and recorded so a rerun replays it bit for bit, and pacing never runs past a
// paced budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOptlab } from '../../wasm/optlab.js';
import { Race } from '../../web/worker/race.js';
import { Pacer } from '../../web/worker/pacing.js';

const lab = await loadOptlab();
const spec = { ...lab.defaultSpec(), steps: 40, log_every: 5 };
spec.optimizer = { name: 'sgd', lr: 0.1 };

function newRace() {
  const posted = [];
  const race = new Race(lab, (msg) => posted.push(msg));
  return { race, posted };
}
const last = (posted, type) => posted.filter((m) => m.type === type).at(-1);
const withRacers = (optimizers) => ({ ...spec, racers: [{}, ...optimizers.map((o) => (typeof o === 'object' ? { optimizer: o } : o))] });

test('a race starts with one run per racer, validated and normalized; a frame carries every racer', () => {
  const { race, posted } = newRace();
  assert.equal(race.start(withRacers([{ name: 'sgd', lr: 0.1 }, { name: 'momentum', lr: 0.05 }]), 'url'), true);
  const r = last(posted, 'race');
  assert.equal(r.racers.length, 3);
  assert.equal(r.racers[2].spec.optimizer.lr, 0.05, 'exact value kept');
  assert.equal(r.spec.racers.length, 3, 'the race stays in the spec');
  assert.ok(r.columns.includes('loss'));
  race.advance(10);
  race.sendFrame({ playing: false, force: true });
  const f = last(posted, 'frame');
  assert.deepEqual(f.updates.map((u) => u.stepCount), [10, 10, 10]);
  const w = r.columns.length, loss = r.columns.indexOf('loss');
  // Identical racers 1 and 2 (same seed, same optimizer): identical records.
  assert.deepEqual(Array.from(f.updates[0].rows).filter((_, i) => i % w === loss), Array.from(f.updates[1].rows).filter((_, i) => i % w === loss));
  assert.ok(f.grid.length > 0 && f.classes === 3, 'the heatmap of a small network');
  race.restart();
  race.advance(10);
  race.sendFrame({ playing: false, force: true });
  assert.deepEqual(Array.from(last(posted, 'frame').updates[2].rows), Array.from(f.updates[2].rows), 'Reset replays the same numbers');
  for (const x of race.racers) x.run.delete();
});

test('a round cut short by its deadline is caught up before the leader moves on', () => {
  const { race } = newRace();
  race.start(withRacers([{ name: 'sgd', lr: 0.05 }, { name: 'sgd', lr: 0.02 }]), 'controls');
  race.advance(4, -Infinity);   // past its deadline at once: only racer 1 steps
  assert.deepEqual(race.racers.map((r) => r.run.stepCount), [4, 0, 0]);
  assert.equal(race.advance(4), 4, 'the laggards catch up first');
  assert.deepEqual(race.racers.map((r) => r.run.stepCount), [4, 4, 4]);
  race.advance(3);
  assert.deepEqual(race.racers.map((r) => r.run.stepCount), [7, 7, 7]);
  for (const x of race.racers) x.run.delete();
});

test('a bad racer from a link is dropped and named by its place in the link; from the controls it refuses the race', () => {
  const { race, posted } = newRace();
  assert.equal(race.start(withRacers([{ name: 'sgd', lr: -1 }, 'junk', { name: 'sgd', lr: 0.02 }]), 'url', '', true), true);
  const r = last(posted, 'race');
  assert.equal(r.racers.length, 2, 'the base and the good racer');
  assert.deepEqual(r.linkProblems.map((p) => p.field), ['racers[1].optimizer.lr', 'racers[2]'], 'named as the core names them, by their places in the spec as given');
  assert.match(r.linkProblems[0].message, /^racers\[1\]\.optimizer\.lr: .*-1.* \(racer 2 not raced; the racers after it move up one place\)$/);
  assert.match(r.linkProblems[1].message, /^racers\[2\].*\(racer 3 not raced; the racers after it move up one place\)$/);
  const before = race.racers;
  assert.equal(race.start(withRacers([{ name: 'sgd', lr: -1 }]), 'controls'), false);
  assert.equal(last(posted, 'invalid').field, 'racers[1].optimizer.lr');
  assert.equal(race.racers, before, 'the running race is untouched');
  assert.equal(race.start({ ...spec, batch_size: 0 }, 'json'), false);
  assert.equal(last(posted, 'invalid').field, 'batch_size');
  for (const x of race.racers) x.run.delete();
});

test('pacing: a paced run takes no more steps than its budget; a finished race stops playing', () => {
  const { race, posted } = newRace();
  race.start(spec, 'controls');
  let t = 1000;
  const pacer = new Pacer(race, () => t);
  pacer.setSpeed(30);
  pacer.playing = true;
  t += 500;                     // half a second at 30 steps/s: 15 steps due
  pacer.chunk();
  assert.equal(race.stepCount, 15);
  pacer.playing = false;
  pacer.setSpeed(0);
  pacer.playing = true;
  for (let i = 0; i < 100 && pacer.playing; i++) { t += 1; pacer.chunk(); }
  assert.equal(race.stepCount, spec.steps);
  assert.equal(pacer.playing, false, 'finished: not playing');
  assert.equal(last(posted, 'frame').done, true);
  for (const x of race.racers) x.run.delete();
});

test('a change without reset applies at the current step, keeps the others, and a rerun of the recorded spec gives the same rows', async () => {
  const { race, posted } = newRace();
  const race2 = withRacers([{ name: 'momentum', lr: 0.05 }]);
  assert.ok(race.start(race2, 'controls'));
  race.advance(17);
  assert.equal(await race.applyChange(1, { 'optimizer.lr': 0.01 }), true);
  const c = last(posted, 'changed');
  assert.deepEqual(c.change, { step: 17, racer: 1, set: { 'optimizer.lr': 0.01 } });
  assert.deepEqual(c.spec.changes, [c.change], 'recorded in the spec');
  assert.deepEqual(c.racers[1].spec.changes, [{ step: 17, set: { 'optimizer.lr': 0.01 } }]);
  // A change the core refuses names its place in the spec's changes; nothing is recorded.
  assert.equal(await race.applyChange(0, { 'optimizer.name': 'adam' }), false);
  assert.equal(last(posted, 'invalid').field, 'changes[1].set.optimizer.name');
  assert.match(last(posted, 'invalid').message, /^changes\[1\]\.set\.optimizer\.name: the method cannot change mid-run/);
  assert.equal(race.spec.changes.length, 1);
  race.advance(100);
  race.sendFrame({ playing: false, force: true });
  const live = last(posted, 'frame').updates.map((u) => Array.from(u.rows));
  // The spec as recorded, run again from step 0 (Reset, a copied link): the same rows.
  const again = newRace();
  assert.ok(again.race.start(c.spec, 'url'));
  again.race.advance(5); again.race.advance(100);
  again.race.sendFrame({ playing: false, force: true });
  const w = last(posted, 'race').columns.length, lr = last(posted, 'race').columns.indexOf('lr'), step = last(posted, 'race').columns.indexOf('step');
  const strip = (rows) => rows.filter((_, i) => i % w !== last(posted, 'race').columns.indexOf('time_ms'));
  const replay = last(again.posted, 'frame').updates.map((u) => Array.from(u.rows));
  assert.deepEqual(replay.map(strip), live.map(strip));
  const rows1 = live[1];
  for (let at = 0; at < rows1.length; at += w) assert.equal(rows1[at + lr], rows1[at + step] <= 17 ? 0.05 : 0.01, `ε at step ${rows1[at + step]}`);
  // After the last step there is nothing left to change.
  assert.equal(await race.applyChange(0, { 'optimizer.lr': 0.5 }), false);
  assert.equal(last(posted, 'invalid').field, 'changes[1]');
  for (const x of [...race.racers, ...again.race.racers]) x.run.delete();
});
