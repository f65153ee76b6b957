// Changes without reset as a student meets them (issue 12, Deliver 3; closing note 6, items 3–5), on
// the real module through the worker's race (web/worker/race.js) and the page's DOM-free helpers:
// - one batch-size change made once for several racers is one 'changed' message and one chart mark;
// - a change to a racer that has diverged is refused as "stopped" (with its step), so the page can
//   offer the restart instead of showing the core's "the run has finished" as an error, and the
//   restarted racer is named by what it now sets, not by its old label;
// - a live change at step s drops the racer's recorded changes of that path after s: the race is
//   replayed to s and then runs bit for bit as the recorded spec does, without the dropped change;
// - recorded changes can be removed from the spec.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOptlab } from '../../wasm/optlab.js';
import { Race } from '../../web/worker/race.js';
import { changeMarks } from '../../web/changes.js';
import { dropLaterChanges, changePlaces, withoutChanges } from '../../web/race-spec.js';
import { racerTitle } from '../../web/racer-label.js';
import { createState, accept, setOptimizerField } from '../../web/state.js';
import { setLang } from '../../web/i18n.js';

const lab = await loadOptlab();
const cat = lab.catalog();
const base = { ...lab.defaultSpec(), steps: 40, log_every: 5, optimizer: { name: 'sgd', lr: 0.1 } };

function newRace() {
  const posted = [];
  return { race: new Race(lab, (msg) => posted.push(msg)), posted };
}
const last = (posted, type) => posted.filter((m) => m.type === type).at(-1);
const done = (race) => { for (const x of race.racers) x.run.delete(); };
// A frame's rows of every racer, without the wall-clock column.
function rowsOf(race, posted) {
  race.sendFrame({ playing: false, force: true });
  const cols = last(posted, 'race').columns, w = cols.length, time = cols.indexOf('time_ms');
  return last(posted, 'frame').updates.map((u) => Array.from(u.rows).filter((_, i) => i % w !== time));
}

test('a batch size changed once for three racers is one message naming all three, and one chart mark', async () => {
  const { race, posted } = newRace();
  assert.ok(race.start({ ...base, racers: [{ optimizer: { lr: 0.01 } }, {}, { optimizer: { lr: 0.3 } }] }, 'controls'));
  race.advance(15);
  assert.equal(await race.applyChange([0, 1, 2], { batch_size: 4 }), true);
  const changed = posted.filter((m) => m.type === 'changed');
  assert.equal(changed.length, 1, 'one user action, one message');
  assert.deepEqual(changed[0].changes, [0, 1, 2].map((racer) => ({ step: 15, racer, set: { batch_size: 4 } })));
  assert.deepEqual(race.spec.changes, changed[0].changes, 'recorded once per racer: the core\'s changes name one racer each');
  assert.deepEqual(changed[0].racers.map((r) => r.spec.changes), [0, 1, 2].map(() => [{ step: 15, set: { batch_size: 4 } }]));
  // The step-axis charts: identical labels at one step are one mark, with the racers it applies to.
  assert.deepEqual(changeMarks(race.spec.changes), [{ step: 15, text: 'm → 4', racers: [0, 1, 2] }]);
  assert.deepEqual(changeMarks([...race.spec.changes, { step: 15, racer: 1, set: { 'optimizer.lr': 0.05 } }, { step: 30, racer: 0, set: { batch_size: 4 } }]),
    [{ step: 15, text: 'm → 4', racers: [0, 1, 2] }, { step: 15, text: 'ε → 0.05', racers: [1] }, { step: 30, text: 'm → 4', racers: [0] }]);
  done(race);
});

test('a change to a racer that diverged is refused as stopped, with its step; the others take it', async () => {
  // On Rosenbrock racer 1 (ε = 0.1) diverges within a few steps; racer 2 (ε = 1e-4) goes on.
  const { race, posted } = newRace();
  assert.ok(race.start({ seed: 1, problem: { name: 'rosenbrock' }, optimizer: { name: 'sgd', lr: 0.1 }, steps: 300, log_every: 1,
    racers: [{}, { optimizer: { lr: 0.0001 } }] }, 'controls'));
  race.advance(60);
  const [r1, r2] = race.racers;
  assert.ok(r1.run.done && r1.run.diverged && r1.run.stepCount < 60, `racer 1 diverged (at ${r1.run.stepCount})`);
  assert.equal(r2.run.stepCount, 60);
  assert.equal(await race.applyChange([0, 1], { 'optimizer.lr': 0.0002 }), true);
  const refused = last(posted, 'invalid');
  assert.equal(refused.racer, 0);
  assert.deepEqual(refused.stopped, { step: r1.run.stepCount, why: 'diverged' }, 'the page is told the racer stopped, and where');
  assert.deepEqual(last(posted, 'changed').changes, [{ step: 60, racer: 1, set: { 'optimizer.lr': 0.0002 } }], 'racer 2 took it at its step');
  done(race);
});

test('a restart offered for a stopped racer names it by what it now sets, not by its old label', () => {
  setLang('en');
  // The long-term-dependencies lesson's racer 3: "ρ = 1.2, no clipping" with clip_norm 0 over a base that clips at 1.
  const spec = { ...base, optimizer: { name: 'sgd', lr: 0.1, clip_norm: 1 },
    racers: [{ label: 'ρ = 1.2, clip_norm = 1' }, { label: 'ρ = 1.2, no clipping', optimizer: { clip_norm: 0 } }],
    changes: [{ step: 30, racer: 1, set: { 'optimizer.clip_norm': 0 } }] };
  const state = createState();
  const expanded = spec.racers.map((r, index) => ({ index, label: r.label, spec: { ...base, optimizer: { ...spec.optimizer, ...r.optimizer } } }));
  accept(state, spec, expanded);
  const e = setOptimizerField(state, cat, 1, 'clip_norm', 1);
  assert.deepEqual(e.spec.racers[1], { optimizer: { clip_norm: 1 } }, 'the edit drops the label that named the old value');
  assert.deepEqual(e.spec.racers[0], { label: 'ρ = 1.2, clip_norm = 1' }, 'the other racer keeps its label');
  const restarted = dropLaterChanges(e.spec, 1, ['optimizer.clip_norm'], -1).spec;
  assert.equal(restarted.changes, undefined, 'its recorded clip_norm change would undo the restart\'s value: it goes');
  const title = racerTitle(restarted.racers[1], { label: 'base', spec: { ...base, optimizer: { ...spec.optimizer, clip_norm: 1 } } }, restarted);
  assert.equal(title, 'clip_norm = 1');
  assert.equal(racerTitle({ optimizer: { clip_norm: 0 } }, { spec: base }, base), 'no clipping');
  // A live (recorded) change follows the name: a label describes the racer from step 0.
  const live = { index: 1, label: 'x', spec: { ...base, changes: [{ step: 40, set: { 'optimizer.clip_norm': 1 } }] } };
  assert.equal(racerTitle(spec.racers[1], live, spec), 'ρ = 1.2, no clipping; clip_norm → 1 from step 40');
  assert.equal(racerTitle(spec.racers[1], live, spec, '', { changes: false }), 'ρ = 1.2, no clipping');
  // A recurrent racer's W = ρ·Q is named by ρ once its label is gone.
  const rnnBase = { network: { layers: [{ type: 'rnn', units: 16, recurrent_init: { name: 'orthogonal', gain: 1.2 } }] } };
  assert.equal(racerTitle({ network: { layers: [{ type: 'rnn', units: 16, recurrent_init: { name: 'orthogonal', gain: 0.8 } }] } }, { spec: rnnBase }, rnnBase), 'ρ = 0.8');
});

test('a live change at step s replaces the racer\'s recorded change of that path after s: replayed to s, then as the recorded spec runs', async () => {
  const { race, posted } = newRace();
  const spec = { ...base, racers: [{}, { optimizer: { lr: 0.05 } }],
    changes: [{ step: 30, racer: 1, set: { 'optimizer.lr': 0.2, batch_size: 8 } }, { step: 35, racer: 0, set: { 'optimizer.lr': 0.3 } }] };
  assert.ok(race.start(spec, 'url'));
  race.advance(10);
  const r = await race.applyChange(1, { 'optimizer.lr': 0.01 });
  assert.deepEqual(r, { replayTo: 10 }, 'the race starts again and is replayed to step 10');
  const again = last(posted, 'race');
  assert.equal(again.source, 'change');
  assert.deepEqual(again.replayed.dropped, [{ step: 30, racer: 1, set: { 'optimizer.lr': 0.2 } }], 'what it replaced, as recorded');
  assert.deepEqual(race.spec.changes, [
    { step: 30, racer: 1, set: { batch_size: 8 } },   // the recorded change's other path stays
    { step: 35, racer: 0, set: { 'optimizer.lr': 0.3 } },   // another racer's change stays
    { step: 10, racer: 1, set: { 'optimizer.lr': 0.01 } },
  ]);
  race.advance(10);   // the replay (worker/main.js replay())
  assert.deepEqual(race.racers.map((x) => x.run.stepCount), [10, 10]);
  race.advance(100);
  const shown = rowsOf(race, posted);
  // ε of racer 2 is 0.05 up to step 10, then 0.01 to the end: the dropped ε = 0.2 at step 30 never applies.
  const cols = again.columns.filter((c) => c !== 'time_ms'), w = cols.length, lr = cols.indexOf('lr'), step = cols.indexOf('step');
  const rows = shown[1];
  assert.ok(rows.length / w >= 8);
  for (let at = 0; at < rows.length; at += w) assert.equal(rows[at + lr], rows[at + step] <= 10 ? 0.05 : 0.01, `ε at step ${rows[at + step]}`);
  // The recorded spec run again from step 0 (a copied link, Reset): the same rows.
  const fresh = newRace();
  assert.ok(fresh.race.start(race.spec, 'url'));
  fresh.race.advance(100);
  assert.deepEqual(rowsOf(fresh.race, fresh.posted), shown);
  // A live change of another path keeps the recorded ones and the run: no replay.
  assert.equal(await newLiveCheck(), true);
  done(race); done(fresh.race);
});

async function newLiveCheck() {
  const { race, posted } = newRace();
  race.start({ ...base, changes: [{ step: 30, set: { 'optimizer.lr': 0.2 } }] }, 'url');
  race.advance(10);
  const r = await race.applyChange(0, { batch_size: 4 });
  const ok = r === true && last(posted, 'race').source === 'url' && race.spec.changes.length === 2;
  done(race);
  return ok;
}

test('recorded changes are found by racer and removed from the spec', () => {
  const spec = { ...base, racers: [{}, {}], changes: [{ step: 5, racer: 1, set: { batch_size: 4 } }, { step: 7, racer: 0, set: { 'optimizer.lr': 0.2 } }, { step: 9, racer: 1, set: { 'optimizer.lr': 0.3 } }] };
  assert.deepEqual(changePlaces(spec, 1), [0, 2]);
  assert.deepEqual(changePlaces(spec, 0), [1]);
  assert.deepEqual(withoutChanges(spec, [0, 2]).changes, [{ step: 7, racer: 0, set: { 'optimizer.lr': 0.2 } }]);
  assert.equal('changes' in withoutChanges(spec, [0, 1, 2]), false, 'none left: no changes key');
  const one = { ...base, changes: [{ step: 5, set: { batch_size: 4 } }] };
  assert.deepEqual(changePlaces(one, 0), [0], 'without racers every change is the run\'s');
  // The rule at s: later changes of the path go, changes at s itself stay (a live change is recorded after them and wins).
  const d = dropLaterChanges({ ...base, changes: [{ step: 10, set: { 'optimizer.lr': 0.2 } }, { step: 20, set: { 'optimizer.lr': 0.3 } }] }, 0, ['optimizer.lr'], 10);
  assert.deepEqual(d.spec.changes, [{ step: 10, set: { 'optimizer.lr': 0.2 } }]);
  assert.deepEqual(d.dropped, [{ step: 20, set: { 'optimizer.lr': 0.3 } }]);
});
