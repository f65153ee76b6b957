// The page against the core's own catalog (lab.catalog()): every name the core accepts has its
// presentation, every slider's scale stays inside the catalog's range (so a slider can never make
// a spec the validator refuses), and the page's defaults are the catalog's — change the catalog
// and the page follows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOptlab } from '../../wasm/optlab.js';
import { names, choosableDatasets, optionBounds, newOptimizer, defaultLr } from '../../web/catalog.js';
import { sliderParams, commonFields } from '../../web/racer-options.js';
import { OPTIMIZER_LOOK, DATASET_LABELS, ACTIVATION_LABELS, SURFACE_LABELS, CHOICE_LOOK, sliderValue, SLIDER_STEPS, FORMULA_EXAMPLE } from '../../web/registry.js';
import { createState, accept, setMethod, setKind, addRacer, setDataset, surfaceNames, isRegressionDataset } from '../../web/state.js';

const lab = await loadOptlab();
const cat = lab.catalog();

test('every name in the catalog has its label; every method its update rule in TeX', () => {
  for (const name of names(cat, 'optimizers')) {
    const look = OPTIMIZER_LOOK[name];
    assert.ok(look && look.tex.length > 10 && look.label, `no presentation for optimizer ${name}`);
  }
  for (const name of names(cat, 'datasets')) assert.ok(DATASET_LABELS[name], `dataset ${name}`);
  for (const name of names(cat, 'activations')) assert.ok(ACTIVATION_LABELS[name], `activation ${name}`);
  for (const name of names(cat, 'surfaces')) assert.ok(SURFACE_LABELS[name], `surface ${name}`);
  for (const name of names(cat, 'schedules')) assert.ok(CHOICE_LOOK.schedules[name], `schedule ${name}`);
  for (const name of names(cat, 'averaging')) assert.ok(CHOICE_LOOK.averaging[name], `averaging ${name}`);
  // Presentation for a name the core does not have would be dead text.
  for (const name of Object.keys(OPTIMIZER_LOOK)) assert.ok(names(cat, 'optimizers').includes(name), `registry knows ${name}, the core does not`);
});

test('every slider sweeps only values the catalog allows, and both ends validate in the core', () => {
  const base = lab.defaultSpec();
  for (const method of names(cat, 'optimizers')) {
    for (const p of sliderParams(cat, method)) {
      const b = optionBounds(p.option, p.index);
      const [lo, hi] = [sliderValue(p.look.scale, 0), sliderValue(p.look.scale, SLIDER_STEPS)];
      assert.ok(b.minOpen ? lo > b.min : lo >= b.min, `${method}.${p.id}: slider starts at ${lo}, below ${b.min}`);
      assert.ok(b.maxOpen ? hi < b.max : hi <= b.max, `${method}.${p.id}: slider ends at ${hi}, above ${b.max}`);
      for (const v of [lo, hi]) {
        const o = newOptimizer(cat, method, null);
        if (p.index === undefined) o[p.key] = v; else { o[p.key] = [...p.option.default]; o[p.key][p.index] = v; }
        const r = lab.validate({ ...base, optimizer: o });
        assert.equal(r.ok, true, `${method}.${p.id} = ${v}: ${r.message}`);
      }
    }
    for (const f of commonFields(cat, { name: method })) assert.ok(f.option, `${method}: ${f.look.key} has its catalog option`);
  }
});

test('a racer added or switched on any surface starts with a spec the core accepts, at the catalog\'s rate', () => {
  const state = createState();
  state.defaultSpec = lab.defaultSpec();
  accept(state, lab.defaultSpec(), []);
  const onSurface = setKind(state, cat, 'surface');
  assert.ok(lab.validate(onSurface.spec).ok, lab.validate(onSurface.spec).message);
  accept(state, lab.validate(onSurface.spec).spec, []);
  for (const surface of surfaceNames(cat)) {
    for (const method of names(cat, 'optimizers')) {
      const o = newOptimizer(cat, method, surface);
      assert.equal(o.lr, defaultLr(cat, method, surface));
      // A formula surface needs its f (the page switches to it with FORMULA_EXAMPLE).
      const f = cat.surfaces.find((e) => e.name === surface)?.user_function ? { f: FORMULA_EXAMPLE } : {};
      const r = lab.validate({ seed: 7, problem: { name: surface, ...f }, optimizer: o, steps: 5 });
      assert.equal(r.ok, true, `${method} on ${surface}: ${r.message}`);
    }
  }
  const next = addRacer(state, cat);
  const added = next.spec.racers.at(-1).optimizer;
  assert.equal(added.lr, cat.surfaces.find((s) => s.name === state.spec.problem.name).lr[added.name]);
  assert.ok(lab.validate(next.spec).ok, 'the race the page makes is one the core accepts');
});

test('the page takes its defaults from the catalog: change the catalog, the page follows', () => {
  const changed = structuredClone(cat);
  const sgd = changed.optimizers.find((o) => o.name === 'sgd');
  sgd.lr.network = 0.0123;
  const state = createState();
  accept(state, { ...lab.defaultSpec(), optimizer: { name: 'adam', lr: 0.001 } }, []);
  assert.equal(setMethod(state, changed, 0, 'sgd').spec.optimizer.lr, 0.0123);
  const rosen = changed.surfaces.find((s) => s.name === 'rosenbrock');
  rosen.lr.sgd = 0.000321;
  accept(state, { seed: 7, problem: { name: 'rosenbrock' }, optimizer: { name: 'adam', lr: 0.01 }, steps: 10 }, []);
  assert.equal(setMethod(state, changed, 0, 'sgd').spec.optimizer.lr, 0.000321);
  // A method switch keeps what the user set, not the old method's defaults.
  accept(state, { ...lab.defaultSpec(), optimizer: lab.validate({ ...lab.defaultSpec(), optimizer: { name: 'sgd', lr: 0.1, clip_norm: 1 } }).spec.optimizer }, []);
  const adamw = setMethod(state, cat, 0, 'adamw').spec.optimizer;
  assert.equal(adamw.clip_norm, 1, 'clip_norm set by the user stays');
  assert.equal(adamw.weight_decay, undefined, 'SGD\'s default λ = 0 does not replace AdamW\'s own default');
  assert.equal(lab.validate({ ...lab.defaultSpec(), optimizer: adamw }).spec.optimizer.weight_decay, 0.01);
  const momentum = changed.optimizers.find((o) => o.name === 'momentum').options.find((o) => o.key === 'momentum');
  momentum.max = 0.5;
  assert.equal(optionBounds(sliderParams(changed, 'momentum').find((p) => p.key === 'momentum').option).max, 0.5);
});

test('choosing any dataset from any other gives a spec the core accepts: options moved into the new dataset\'s range, the rest kept', () => {
  const base = lab.defaultSpec();
  let pairs = 0;
  // The dataset control offers the datasets without a required option (inline data comes from the
  // data panel); every one of them must be reachable from every other.
  assert.deepEqual(choosableDatasets(cat), names(cat, 'datasets').filter((n) => n !== 'inline'));
  for (const from of choosableDatasets(cat)) {
    const fromEntry = cat.datasets.find((d) => d.name === from);
    // The largest class count and the most noise `from` allows, and fields no dataset control shows.
    const big = Object.fromEntries(fromEntry.options.filter((o) => typeof o.max === 'number' && o.key !== 'samples').map((o) => [o.key, o.max]));
    // (The default's dataset fields that `from` reads: digits has no classes, samples or noise.)
    const own = Object.fromEntries(Object.entries(base.dataset).filter(([k]) => fromEntry.options.some((o) => o.key === k)));
    const spec = { ...structuredClone(base), seed: 11, steps: 123, dataset: { ...own, name: from, ...big } };
    if (isRegressionDataset(fromEntry)) spec.network.loss = 'mean_squared_error';  // the adding problem
    const v = lab.validate(spec);
    assert.ok(v.ok, `${from} at its maxima validates: ${v.message}`);
    for (const to of choosableDatasets(cat)) {
      const s = createState();
      s.defaultSpec = base;
      accept(s, v.spec, []);
      const next = setDataset(s, cat, to);
      const r = lab.validate(next.spec);
      assert.ok(r.ok, `${from} (${JSON.stringify(v.spec.dataset)}) → ${to}: ${r.field} ${r.message}`);
      const toEntry = cat.datasets.find((d) => d.name === to);
      for (const o of toEntry.options) {
        const had = v.spec.dataset[o.key];
        const allowed = (typeof o.min !== 'number' || had >= o.min) && (typeof o.max !== 'number' || had <= o.max);
        if (had !== undefined && allowed) assert.equal(next.spec.dataset[o.key], had, `${from} → ${to}: ${o.key} kept`);
      }
      assert.equal(next.spec.seed, 11);
      assert.equal(next.spec.steps, 123);
      // The network is kept; the adding problem (regression, no classes) takes mean_squared_error.
      const network = isRegressionDataset(toEntry) ? { ...v.spec.network, loss: 'mean_squared_error' } : v.spec.network;
      assert.deepEqual(next.spec.network, network);
      pairs++;
    }
  }
  assert.ok(pairs >= 9, `${pairs} pairs`);
  // The review's case: the default spiral (3 classes) → XOR takes the 2 classes XOR allows.
  const s = createState();
  accept(s, base, []);
  const xor = setDataset(s, cat, 'xor');
  const xorClasses = cat.datasets.find((d) => d.name === 'xor').options.find((o) => o.key === 'classes');
  assert.equal(xor.spec.dataset.classes, xorClasses.max);
  assert.ok(lab.validate(xor.spec).ok);
});
