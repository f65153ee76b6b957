// The page's state model (web/state.js): controls edit one field of the spec each, and whatever no
// control shows survives every edit, every kind switch, and the racers keep their exact numbers.
// A race is the spec's own racers list; each edit's race is expanded by the real module
// (lab.expandRace, as the worker does). Uses a small catalog of the shape CATALOG.md fixes
// (tests/node/fixtures/catalog.json) for the page's own choices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  createState, accept, setField, setDataset, setHiddenLayers, setLayerField, setMethod, setOptimizerField,
  addRacer, removeRacer, setKind, setSurface, setStart, optimizersOf, kindOf, MAX_RACERS,
} from '../../web/state.js';
import { sliderParams, commonFields, paramValue } from '../../web/racer-options.js';
import { sliderPosition, sliderValue, PARAM_LOOK, SLIDER_STEPS } from '../../web/registry.js';
import { loadOptlab } from '../../wasm/optlab.js';

const lab = await loadOptlab();
// Every racer's complete spec, as the worker gets it from the core.
function expand(spec) {
  const r = lab.expandRace(spec);
  assert.ok(r.ok, `${r.field}: ${r.message}`);
  return r.racers;
}

const cat = JSON.parse(readFileSync(new URL('./fixtures/catalog.json', import.meta.url), 'utf8'));

// A network spec with fields no control shows: a layer's init and norm, the loss, log_every,
// test_fraction, a trace option and racer options (a schedule, eps).
const SPEC = {
  seed: 8,
  dataset: { name: 'spiral', classes: 3, samples: 300, noise: 0.1, test_fraction: 0.25 },
  network: { layers: [{ units: 16, activation: 'tanh', init: 'orthogonal', norm: 'batch_norm' }], loss: 'softmax_cross_entropy' },
  optimizer: { name: 'momentum', lr: 0.05, momentum: 0.9, schedule: 'linear', tau: 100 },
  batch_size: 16, steps: 4000, log_every: 7, trace: { params: false },
};
const EXTRA = [{ name: 'adam', lr: 0.05, betas: [0.9, 0.999], eps: 1e-8 }];
const RACE = [{}, { optimizer: EXTRA[0] }];

function fresh() {
  const s = createState();
  s.defaultSpec = structuredClone(SPEC);
  const spec = { ...structuredClone(SPEC), racers: structuredClone(RACE) };
  accept(s, spec, expand(spec));
  return s;
}
// The worker accepts the edit as it is (the real one normalizes; the page keeps what comes back).
const run = (state, edit) => { assert.ok(!edit.error, edit.error?.message); accept(state, edit.spec, expand(edit.spec), edit.colours); return state; };

// Every control of the page, as the edit it makes.
const CONTROL_EDITS = {
  seed: (s) => setField(s, ['seed'], 7),
  steps: (s) => setField(s, ['steps'], 300),
  batch: (s) => setField(s, ['batch_size'], 32),
  noise: (s) => setField(s, ['dataset', 'noise'], 0.2),
  classes: (s) => setField(s, ['dataset', 'classes'], 4),
  dataset: (s) => setDataset(s, cat, 'spiral'),
  layers: (s) => setHiddenLayers(s, cat, 2),
  units: (s) => setLayerField(s, cat, 'units', 32),
  activation: (s) => setLayerField(s, cat, 'activation', 'relu'),
  'racer 1 lr': (s) => setOptimizerField(s, cat, 0, 'lr', 0.5),
  'racer 2 beta2': (s) => setOptimizerField(s, cat, 1, 'betas', 0.99, 1),
  'racer 1 method': (s) => setMethod(s, cat, 0, 'nesterov'),
  'add racer': (s) => addRacer(s, cat),
  'remove racer': (s) => removeRacer(s, 1),
};

test('a field no control shows survives every control change', () => {
  for (const [name, edit] of Object.entries(CONTROL_EDITS)) {
    const s = run(fresh(), edit(fresh()));
    assert.equal(s.spec.log_every, 7, `${name}: log_every`);
    assert.equal(s.spec.dataset.test_fraction, 0.25, `${name}: dataset.test_fraction`);
    assert.equal(s.spec.network.loss, 'softmax_cross_entropy', `${name}: network.loss`);
    assert.deepEqual(s.spec.trace, { params: false }, `${name}: trace`);
    for (const layer of s.spec.network.layers) {
      assert.equal(layer.init, 'orthogonal', `${name}: layer init`);
      assert.equal(layer.norm, 'batch_norm', `${name}: layer norm`);
    }
    assert.equal(s.spec.optimizer.tau, 100, `${name}: the base's tau`);
  }
});

test('changing the seed keeps every racer\'s exact numbers (lr 0.05, betas [0.9, 0.999])', () => {
  const s = run(fresh(), setField(fresh(), ['seed'], 7));
  assert.equal(s.spec.seed, 7);
  assert.deepEqual(s.spec.optimizer, SPEC.optimizer);
  assert.deepEqual(s.spec.racers, RACE);
  assert.deepEqual(optimizersOf(s)[1], EXTRA[0]);
});

test('one option edit changes that option only; an array option keeps its other item', () => {
  const s = run(fresh(), setOptimizerField(fresh(), cat, 1, 'betas', 0.99, 1));
  assert.deepEqual(s.spec.racers[1].optimizer, { ...EXTRA[0], betas: [0.9, 0.99] });
  assert.deepEqual(optimizersOf(s)[1], { ...EXTRA[0], betas: [0.9, 0.99] });
  // An object without betas gets the catalog defaults for the items it does not set.
  const t = fresh();
  run(t, { spec: { ...t.spec, racers: [{}, { optimizer: { name: 'adam', lr: 0.01 } }] } });
  run(t, setOptimizerField(t, cat, 1, 'betas', 0.5, 0));
  assert.deepEqual(t.spec.racers[1].optimizer.betas, [0.5, 0.999]);
  // Emptying a shared field hands it back to the reader's default: null in racer 1's patch, so the
  // base's τ does not come through the merge.
  run(t, setOptimizerField(t, cat, 0, 'tau', undefined));
  assert.equal(t.spec.racers[0].optimizer.tau, null);
  assert.equal('tau' in optimizersOf(t)[0], false);
  assert.equal(t.spec.optimizer.tau, 100, 'the base keeps it');
});

test('more hidden layers copy the last layer whole; 10000 is refused naming network.layers', () => {
  const s = run(fresh(), setHiddenLayers(fresh(), cat, 3));
  assert.equal(s.spec.network.layers.length, 3);
  for (const l of s.spec.network.layers) assert.deepEqual(l, SPEC.network.layers[0]);
  const bad = setHiddenLayers(fresh(), cat, 10000);
  assert.equal(bad.error.field, 'network.layers');
  assert.match(bad.error.message, /network\.layers: .*0 to 64 \(got 10000\)/);
  assert.ok(setHiddenLayers(fresh(), cat, 2.5).error, 'a fraction of a layer is refused');
  const units = setLayerField(fresh(), cat, 'units', 100000);
  assert.match(units.error.message, /network\.layers\[0\]\.units: must be an integer ≥ 1 and ≤ 4096 \(got 100000\)/);
});

test('network → surface → network gives back the network experiment whole (32 units, Adam)', () => {
  const s = fresh();
  run(s, setLayerField(s, cat, 'units', 32));
  run(s, setMethod(s, cat, 0, 'adam'));
  const before = { spec: structuredClone(s.spec), colours: [...s.colours] };
  run(s, setKind(s, cat, 'surface'));
  assert.equal(kindOf(s.spec), 'surface');
  assert.equal(s.spec.problem.name, 'rosenbrock', 'the first 2-D surface of the catalog');
  assert.deepEqual(s.spec.problem.x0, [-1.2, 1], 'its start point from the catalog');
  assert.deepEqual(optimizersOf(s).map((o) => [o.name, o.lr]), [['adam', 0.05], ['adam', 0.05]], 'the racers\' methods at the surface\'s rates');
  // Change the surface side, then go back and forth: each side comes back as it was left.
  run(s, setOptimizerField(s, cat, 0, 'lr', 0.02));
  run(s, setStart(s, 0.5, 0.5));
  const surfaceSide = { spec: structuredClone(s.spec), colours: [...s.colours] };
  run(s, setKind(s, cat, 'network'));
  assert.deepEqual({ spec: s.spec, colours: s.colours }, before);
  run(s, setKind(s, cat, 'surface'));
  assert.deepEqual({ spec: s.spec, colours: s.colours }, surfaceSide);
});

test('a racer added on a surface starts at the catalog\'s rate for that surface and method', () => {
  const s = fresh();
  run(s, setKind(s, cat, 'surface'));       // racers: momentum, adam
  run(s, addRacer(s, cat));
  assert.deepEqual(s.spec.racers.at(-1).optimizer, { name: 'sgd', lr: 0.001 });
  run(s, addRacer(s, cat));
  assert.deepEqual(s.spec.racers.at(-1).optimizer, { name: 'nesterov', lr: 0.0005 });
  run(s, setMethod(s, cat, 0, 'momentum'));
  assert.equal(optimizersOf(s)[0].lr, 0.0005, 'a method switch on a surface too');
  // On a network, the method's network rate.
  const n = fresh();
  run(n, setMethod(n, cat, 0, 'sgd'));
  assert.equal(optimizersOf(n)[0].lr, 0.2);
  assert.equal(optimizersOf(n)[0].schedule, 'linear', 'the shared schedule stays with the racer');
});

test('at most 8 racers; removing one keeps the others', () => {
  const s = fresh();
  while (optimizersOf(s).length < MAX_RACERS) run(s, addRacer(s, cat));
  assert.equal(addRacer(s, cat).error.field, 'racers');
  const third = structuredClone(s.spec.racers[2]);
  const colours = [...s.colours];
  run(s, removeRacer(s, 1));
  assert.deepEqual(s.spec.racers[1], third);
  assert.deepEqual(s.colours, [colours[0], ...colours.slice(2)], 'the others keep their colours');
});

test('another surface takes its start point; a dataset change keeps the options it shares', () => {
  const s = fresh();
  run(s, setKind(s, cat, 'surface'));
  run(s, setOptimizerField(s, cat, 1, 'lr', 0.0123));   // racer 2: a rate the user set
  run(s, setSurface(s, cat, 'saddle'));
  assert.deepEqual(s.spec.problem, { name: 'saddle', x0: [-1, 0.01] });
  assert.equal(s.spec.optimizer.lr, 0.01, 'racer 1 (momentum) at Rosenbrock\'s catalog rate moves to the saddle\'s');
  assert.equal(s.spec.racers[1].optimizer.lr, 0.0123, 'racer 2 keeps the rate the user set');
  const n = fresh();
  run(n, setDataset(n, cat, 'xor'));
  assert.deepEqual(n.spec.dataset, { name: 'xor', samples: 300, noise: 0.1, test_fraction: 0.25 }, 'xor reads no classes in this catalog');
});

test('slider positions: ε = 0.5, 0.01, 0.05 and β₂ = 0.999 are reachable exactly; an exact value shows at the nearest position', () => {
  const lr = PARAM_LOOK.lr.scale;
  for (const v of [0.5, 0.01, 0.05, 0.2, 0.001, 1e-4, 10]) assert.equal(sliderValue(lr, sliderPosition(lr, v)), v, `lr ${v}`);
  const b2 = PARAM_LOOK.betas[1].scale;
  for (const v of [0.999, 0.9999, 0.99]) assert.equal(sliderValue(b2, sliderPosition(b2, v)), v, `beta2 ${v}`);
  // 0.0501 is between positions: the slider shows the nearest, the value is never rewritten by it.
  const p = sliderPosition(lr, 0.0501);
  assert.ok(p > 0 && p < SLIDER_STEPS);
  for (let q = 0; q <= SLIDER_STEPS; q += 37) {
    const v = sliderValue(lr, q);
    assert.equal(sliderPosition(lr, v), q, `position ${q} → ${v} → back`);
  }
});

test('racer controls come from the catalog: sliders for the method\'s numeric options, shared fields where they apply', () => {
  assert.deepEqual(sliderParams(cat, 'adam').map((p) => p.id), ['lr', 'betas-0', 'betas-1', 'eps']);
  assert.deepEqual(sliderParams(cat, 'newton').map((p) => [p.id, p.look.title]), [['lr', 'step scale'], ['damping', 'damping (regularization)']]);
  const adam = { name: 'adam', lr: 0.01 };
  assert.equal(paramValue(cat, adam, sliderParams(cat, 'adam')[2]), 0.999, 'catalog default where the object has none');
  const keys = (o) => commonFields(cat, o).map((f) => `${f.look.key}${f.shown ? '' : '(hidden)'}`);
  assert.deepEqual(keys({ name: 'sgd', schedule: 'linear' }), ['schedule', 'lr_final', 'tau', 'step_size(hidden)', 'gamma(hidden)',
    'warmup_steps', 'warmup_start_factor(hidden)', 'average', 'ema_decay(hidden)', 'weight_decay', 'clip_norm', 'clip_value']);
  assert.deepEqual(keys({ name: 'sgd', warmup_steps: 10, average: 'ema' }).filter((k) => !k.endsWith('(hidden)')),
    ['schedule', 'warmup_steps', 'warmup_start_factor', 'average', 'ema_decay', 'weight_decay', 'clip_norm', 'clip_value']);
  assert.deepEqual(keys({ name: 'newton' }), ['schedule(hidden)', 'average', 'ema_decay(hidden)'], 'second-order methods: a constant schedule only');
});

test('a language switch is a page flag: the experiment is untouched and the link carries both', async () => {
  const { formatHash, parseHash } = await import('../../web/url-state.js');
  const s = fresh();
  const before = structuredClone(s.spec);
  s.page.lang = 'ja';
  assert.deepEqual(s.spec, before);
  const back = parseHash(formatHash({ spec: s.spec, ...s.page })).values;
  assert.equal(back.lang, 'ja');
  assert.deepEqual(back.spec, before, 'every hidden field rides along in the link, the race too');
});
