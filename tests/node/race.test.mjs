// Races and changes through both command-line runners and the wasm API (docs/racing.md): every
// racer's lines equal its own spec run alone, native and wasm print the same bytes, a live change
// in wasm replays in the native runner from the spec the run records, a spec without racers prints
// what main printed before races existed, and a bad racer field is named racers[i].field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOptlab } from '../../wasm/optlab.js';
import { root, runRunner } from './helpers.mjs';

const lab = await loadOptlab();

const batchRace = {
  seed: 5, steps: 60, log_every: 5, optimizer: { name: 'sgd', lr: 0.1 },
  racers: [{ batch_size: 1, optimizer: { lr: 0.02 } }, { batch_size: 16 }, { batch_size: 'full', label: 'full batch' }],
};
const surfaceRace = {
  problem: { name: 'rosenbrock' }, steps: 80, optimizer: { name: 'adam', lr: 0.05 },
  racers: [{}, { optimizer: { name: 'momentum', lr: 0.001 } }, { problem: { name: 'rosenbrock', x0: [0.5, -0.5] } }],
  changes: [{ step: 30, racer: 0, set: { 'optimizer.lr': 0.01 } }, { step: 10, racer: 1, set: { 'optimizer.momentum': 0.5 } }],
};

// The lines of one run in the wasm module (as cli/optlab.mjs prints them for a spec without racers).
function wasmRunLines(spec) {
  const run = lab.createRun(spec);
  while (!run.done) run.step(1000);
  const lines = Array.from({ length: run.recordCount }, (_, i) => run.jsonLine(i));
  lines.push(run.summaryLine());
  run.delete();
  return lines;
}

// Racer i's lines from a race's output, with the racer tags taken off.
function racerLines(lines, i) {
  const tag = new RegExp(`^\\{"racer":${i},"label":"(?:[^"\\\\]|\\\\.)*",`);
  return lines.filter((l) => tag.test(l)).map((l) => `{${l.replace(tag, '')}`);
}

for (const [name, race] of [['batch sizes 1, 16 and full on the spiral', batchRace], ['a surface race with changes', surfaceRace]]) {
  test(`each racer prints what its own spec prints alone, and native = wasm byte for byte: ${name}`, () => {
    const native = runRunner('native', race), wasm = runRunner('wasm', race);
    assert.equal(native.status, 0, native.stderr);
    assert.equal(wasm.status, 0, wasm.stderr);
    assert.deepEqual(wasm.lines, native.lines);
    const expanded = lab.expandRace(race);
    assert.equal(expanded.ok, true);
    assert.equal(expanded.racers.length, race.racers.length);
    for (const { index, label, spec } of expanded.racers) {
      const alone = runRunner('native', spec);
      assert.equal(alone.status, 0, alone.stderr);
      assert.ok(alone.lines.length > 3);
      assert.deepEqual(racerLines(native.lines, index), alone.lines, `racer ${index}`);
      for (const row of native.rows.filter((r) => r.racer === index)) assert.equal(row.label, label);
    }
    // The racers really differ.
    const finals = native.rows.filter((r) => r.summary).map((r) => r.final_train_loss ?? r.final_loss);
    assert.equal(new Set(finals).size, finals.length);
  });
}

test('labels: given, or what the racer sets differently from the base', () => {
  const r = lab.expandRace(batchRace);
  // batch_size 16 is the base's own value: with nothing different, the label names what the racer sets.
  assert.deepEqual(r.racers.map((x) => x.label), ['batch_size=1, lr=0.02', 'batch_size=16', 'full batch']);
  assert.equal(lab.expandRace({ racers: [{}] }).racers[0].label, 'base');
  assert.equal(JSON.parse(lab.expandRaceText(JSON.stringify(batchRace))).racers[2].label, 'full batch');
  const plain = lab.expandRace({ steps: 5 });
  assert.deepEqual(plain.racers.map((x) => [x.index, x.label]), [[0, '']]);
});

test('a spec without racers prints the lines main printed before races existed (fixture: main 8157a8a, plus the summary\'s confusion matrix main added since)', () => {
  const fixture = JSON.parse(readFileSync(join(root, 'tests', 'node', 'fixtures', 'plain-runs-main.json'), 'utf8'));
  assert.ok(fixture.length >= 3);
  for (const { spec, lines } of fixture) {
    for (const which of ['native', 'wasm']) {
      const r = runRunner(which, spec);
      assert.deepEqual(r.lines, lines, `${which}: ${JSON.stringify(spec)}`);
    }
  }
});

test('a bad racer field is named racers[i].field in both runners and in lab.validate; createRun refuses a race', () => {
  const bad = { ...batchRace, racers: [{}, { batch_size: 0 }] };
  for (const which of ['native', 'wasm']) {
    const r = runRunner(which, bad);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^error: racers\[1\]\.batch_size: must be an integer/m);
    assert.equal(r.lines.length, 0);
  }
  const v = lab.validate(bad);
  assert.equal(v.ok, false);
  assert.equal(v.field, 'racers[1].batch_size');
  const e = lab.expandRace({ ...batchRace, racers: [{ optimizer: { name: 'adam', betas: [0.9, 2] } }] });
  assert.equal(e.field, 'racers[0].optimizer.betas[1]');
  const ok = lab.validate(surfaceRace);
  assert.equal(ok.ok, true);
  assert.deepEqual(ok.spec.racers, surfaceRace.racers);
  assert.deepEqual(ok.spec.changes, surfaceRace.changes);
  assert.throws(() => lab.createRun(batchRace), (err) => err.field === 'racers');
});

test('a live applyChange in wasm replays bit for bit in both runners from the spec the run records', () => {
  const spec = { seed: 9, steps: 200, log_every: 9, optimizer: { name: 'adam', lr: 0.01 } };
  const run = lab.createRun(spec);
  run.step(37);
  run.step(40);
  run.applyChange({ 'optimizer.lr': 0.002, batch_size: 48 });
  assert.throws(() => run.applyChange({ 'optimizer.lr': -2 }), (err) => err.field === 'optimizer.lr');
  while (!run.done) run.step(50);
  const lines = [];
  for (let i = 0; i < run.recordCount; ++i) lines.push(run.jsonLine(i));
  lines.push(run.summaryLine());
  const recorded = run.spec;
  run.delete();
  assert.deepEqual(recorded.changes, [{ step: 77, set: { 'optimizer.lr': 0.002, batch_size: 48 } }]);
  for (const which of ['native', 'wasm']) {
    const r = runRunner(which, recorded);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.lines, lines, which);
  }
  // The change shows from the row after step 77: ε = 0.002.
  const rows = lines.map((l) => JSON.parse(l));
  assert.equal(rows.find((r) => r.step === 72).lr, 0.01);
  assert.equal(rows.find((r) => r.step === 81).lr, 0.002);
});

test('an old link (#spec=S&racers=[optimizer objects]) maps to spec racers meaning the same race', () => {
  // The old page raced {...normalized S, optimizer: o} for each listed o (web/worker/race.js before
  // issue 12). The spec race: [{}, {optimizer: o′}, …], o′ = o with null for each key of S's
  // optimizer that o lacks (docs/racing.md, "Old links").
  const S = { seed: 3, steps: 40, log_every: 10, optimizer: { name: 'sgd', lr: 0.2, schedule: 'step', step_size: 10, gamma: 0.5 } };
  const linkRacers = [{ name: 'sgd', lr: 0.05 }, { name: 'adam', lr: 0.01 }];
  const toRacer = (o) => ({ optimizer: { ...Object.fromEntries(Object.keys(S.optimizer).filter((k) => !(k in o)).map((k) => [k, null])), ...o } });
  const race = { ...S, racers: [{}, ...linkRacers.map(toRacer)] };
  const expanded = lab.expandRace(race);
  assert.equal(expanded.ok, true, expanded.message);
  const base = lab.validate(S).spec;
  const old = [base, ...linkRacers.map((o) => ({ ...base, optimizer: o }))];
  expanded.racers.forEach((r, i) => assert.deepEqual(wasmRunLines(r.spec), wasmRunLines(old[i]), `racer ${i}`));
  // Without the nulls the same-name racer would keep S's step schedule: a different race.
  const merged = lab.expandRace({ ...S, racers: [{ optimizer: linkRacers[0] }] }).racers[0].spec;
  assert.notDeepEqual(wasmRunLines(merged), wasmRunLines(old[1]));
});
