// Issue 12, the page's side of races without the module: an old link's race read as spec racers,
// the old link's field names, the racers' colours when one leaves, "Compare by", the racers' names,
// and which edits change a run without reset. (The merge and the checks are the core's; races
// through the core: tests/node/web-worker.test.mjs and tests/browser/issue12-*.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseHash, formatHash } from '../../web/url-state.js';
import { fromOldLink, oldLinkField, withoutRacer } from '../../web/race-spec.js';
import * as stateOps from '../../web/state.js';
import { createState, accept, removeRacer, addRacer, compareBy, comparedField, setOptimizerField, setMethod, optimizersOf, batchSizeShown } from '../../web/state.js';
import { racerTitle, racerDiff, initText } from '../../web/racer-label.js';
import { changeOf, changeable, optimizerAt, replayEdit, changesOf, changeLabel, passesChange } from '../../web/changes.js';
import { setLang } from '../../web/i18n.js';

const cat = JSON.parse(readFileSync(new URL('./fixtures/catalog.json', import.meta.url), 'utf8'));
const SPEC = {
  seed: 3, dataset: { name: 'spiral' }, network: { layers: [{ units: 12, activation: 'tanh' }, { units: 6, activation: 'tanh', init: 'orthogonal' }] },
  optimizer: { name: 'sgd', lr: 0.1, momentum: 0.5, weight_decay: 0.001 }, batch_size: 16, steps: 100,
};

test('an old link (#spec=S&racers=[o₁, o₂]) is the race [{}, {optimizer: o₁′}, …], with nulls where o₁ has the same method', () => {
  const old = [{ name: 'adam', lr: 0.01 }, { name: 'sgd', lr: 0.02 }, 'junk'];
  const h = '#spec=' + encodeURIComponent(JSON.stringify(SPEC)) + '&racers=' + encodeURIComponent(JSON.stringify(old));
  const { values } = parseHash(h);
  assert.deepEqual(values.spec.racers, [
    {},
    { optimizer: { name: 'adam', lr: 0.01, momentum: null, weight_decay: null } },
    { optimizer: { name: 'sgd', lr: 0.02, momentum: null, weight_decay: null } },
    'junk',   // for the validator to name: racers[3]
  ]);
  assert.deepEqual(values.oldRacers, old);
  assert.equal(values.racersText, JSON.stringify(old), 'the link\'s text is kept for the address bar');
  // Written back the new way: the race rides in the spec; no racers= key.
  const back = formatHash({ spec: values.spec });
  assert.doesNotMatch(back, /&racers=/);
  assert.deepEqual(parseHash(back).values.spec, values.spec);
  // A link without racers, or racers without a spec object, is left as it is.
  assert.equal(fromOldLink(SPEC, []), SPEC);
  assert.equal(fromOldLink('text', old), 'text');
});

test('errors of an old link\'s racers are named by the link\'s own list', () => {
  assert.equal(oldLinkField('racers[1].optimizer.lr'), 'racers[0].lr');
  assert.equal(oldLinkField('racers[3]'), 'racers[2]');
  assert.equal(oldLinkField('racers[2].batch_size'), 'racers[1].batch_size');
  assert.equal(oldLinkField('batch_size'), 'batch_size');
});

function raceState(racers) {
  const s = createState();
  const spec = { ...structuredClone(SPEC), racers };
  // Stand-ins for the core's expansion: only names and optimizers are read here.
  accept(s, spec, racers.map((r, index) => ({ index, label: '', spec: { ...SPEC, optimizer: { ...SPEC.optimizer, ...(r.optimizer ?? {}) } } })));
  return s;
}

test('removing a racer recolours no other; its changes go with it and later ones follow their racers', () => {
  const s = raceState([{ batch_size: 1 }, { batch_size: 16 }, { batch_size: 'full' }]);
  s.spec.changes = [{ step: 5, racer: 1, set: { 'optimizer.lr': 0.2 } }, { step: 9, racer: 2, set: { batch_size: 8 } }];
  assert.deepEqual(s.colours, [0, 1, 2]);
  const e = removeRacer(s, 1);
  assert.deepEqual(e.colours, [0, 2]);
  assert.deepEqual(e.spec.racers, [{ batch_size: 1 }, { batch_size: 'full' }]);
  assert.deepEqual(e.spec.changes, [{ step: 9, racer: 1, set: { batch_size: 8 } }]);
  accept(s, e.spec, e.spec.racers.map((r, index) => ({ index, label: '', spec: SPEC })), e.colours);
  assert.deepEqual(s.colours, [0, 2]);
  // A new racer takes the lowest free colour.
  const f = addRacer(s, cat);
  assert.deepEqual(f.colours, [0, 2, 1]);
  // Down to one racer that changes nothing: the base spec alone again.
  const two = raceState([{}, { optimizer: { name: 'adam', lr: 0.01 } }]);
  two.spec.changes = [{ step: 3, racer: 0, set: { 'optimizer.lr': 0.5 } }];
  const g = removeRacer(two, 1);
  assert.equal(g.spec.racers, undefined);
  assert.deepEqual(g.spec.changes, [{ step: 3, set: { 'optimizer.lr': 0.5 } }]);
  assert.deepEqual(withoutRacer({ racers: [{}], changes: [{ step: 1, racer: 0, set: {} }] }, 0), {});
});

test('an optimizer edit of racer i goes into its patch; without racers into the spec\'s optimizer', () => {
  const s = raceState([{}, { optimizer: { name: 'adam', lr: 0.01 } }]);
  assert.deepEqual(setOptimizerField(s, cat, 0, 'lr', 0.3).spec.racers[0], { optimizer: { lr: 0.3 } });
  assert.deepEqual(setOptimizerField(s, cat, 1, 'lr', 0.3).spec.racers[1], { optimizer: { name: 'adam', lr: 0.3 } });
  assert.equal(setOptimizerField(s, cat, 1, 'lr', 0.3).spec.optimizer.lr, 0.1, 'the base keeps its rate');
  // Removing an option the base sets: null in the patch, so the default applies (not the base's).
  assert.equal(setOptimizerField(s, cat, 0, 'weight_decay', undefined).spec.racers[0].optimizer.weight_decay, null);
  assert.equal(setMethod(s, cat, 0, 'momentum').spec.racers[0].optimizer.name, 'momentum');
  const one = createState();
  accept(one, structuredClone(SPEC), null);
  assert.equal(setOptimizerField(one, cat, 0, 'lr', 0.3).spec.optimizer.lr, 0.3);
  assert.equal(setOptimizerField(one, cat, 0, 'lr', 0.3).spec.racers, undefined);
});

test('Compare by: one field\'s standard choices as racers, read back from the spec', () => {
  const one = createState();
  accept(one, structuredClone(SPEC), null);
  const b = compareBy(one, cat, 'batch_size');
  assert.deepEqual(b.spec.racers, [{ batch_size: 1 }, { batch_size: 16 }, { batch_size: 'full' }]);
  assert.equal(comparedField(b.spec, cat), 'batch_size');
  const init = compareBy(one, cat, 'init').spec.racers;
  assert.equal(init.length, 4);
  assert.deepEqual(init.map((r) => r.network.layers.map((l) => l.init)), [
    [{ name: 'random_normal', stddev: 1 }, { name: 'random_normal', stddev: 1 }], ['glorot_normal', 'glorot_normal'], ['he_normal', 'he_normal'], ['lecun_normal', 'lecun_normal']]);
  assert.deepEqual(init[0].network.layers[1].units, 6, 'every other field of the layers kept');
  const norm = compareBy(one, cat, 'norm').spec.racers;
  assert.deepEqual(norm.map((r) => r.network.layers.map((l) => l.norm)), [
    ['none', 'none'], ['batch_norm', 'batch_norm'], [{ name: 'group_norm', groups: 2 }, { name: 'group_norm', groups: 1 }], ['layer_norm', 'layer_norm']],
  'group norm: a number of groups dividing each layer\'s units, at least 4 units per group (12 units: 2 groups; 6: 1)');
  for (let units = 1; units <= 64; units++) {
    const st = createState();
    accept(st, { ...structuredClone(SPEC), network: { layers: [{ units }] } }, null);
    const layers = compareBy(st, cat, 'norm').spec.racers[2].network.layers;
    const g = layers[0].norm.groups;
    assert.ok(units % g === 0 && (g === 1 || units / g >= 4), `${units} units: ${g} groups`);
  }
  // Read back after the worker's normalization, which sorts object keys ({groups, name}).
  const sortKeys = (x) => JSON.parse(JSON.stringify(x, (k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v)));
  for (const field of ['norm', 'optimizer', 'init']) {
    const raced = compareBy(one, cat, field);
    assert.equal(comparedField({ ...raced.spec, racers: sortKeys(raced.spec.racers) }, cat), field, `${field}: keys in another order`);
  }
  assert.deepEqual(compareBy(one, cat, 'lr').spec.racers, [{ optimizer: { lr: 0.01 } }, { optimizer: { lr: 0.1 } }, { optimizer: { lr: 1 } }]);
  assert.deepEqual(compareBy(one, cat, 'shuffle').spec.racers, [{ shuffle: true }, { shuffle: false }]);
  assert.deepEqual(compareBy(one, cat, 'optimizer').spec.racers.map((r) => r.optimizer.name), ['sgd', 'momentum', 'adam'], 'the methods the catalog has');
  const s = raceState([{ batch_size: 1 }, { batch_size: 16 }]);
  s.spec.changes = [{ step: 1, racer: 0, set: { 'optimizer.lr': 1 } }];
  const none = compareBy(s, cat, '');
  assert.equal(none.spec.racers, undefined);
  assert.equal(none.spec.changes, undefined);
  assert.equal(comparedField(s.spec, cat), '', 'not one of Compare by\'s races');
  const surface = createState();
  accept(surface, { seed: 1, problem: { name: 'rosenbrock' }, optimizer: { name: 'sgd', lr: 0.001 } }, null);
  assert.equal(compareBy(surface, cat, 'batch_size').error.field, 'compare');
});

test('racers are named by their label, or by what they set in the field\'s standard name (en, ja)', () => {
  setLang('en');
  const r = (patch, optimizer = SPEC.optimizer) => racerTitle(patch, { label: 'core label', spec: { ...SPEC, optimizer } });
  assert.equal(r({ label: 'mine', batch_size: 1 }), 'mine');
  assert.equal(r({ batch_size: 16 }), 'm = 16');
  assert.equal(r({ batch_size: 'full' }), 'full batch');
  assert.equal(r({ shuffle: false }), 'not shuffled');
  assert.equal(r({}), 'SGD', 'the base as it is: its method');
  assert.equal(r(undefined), 'SGD', 'no race: the method');
  assert.equal(r({ optimizer: { lr: 0.01 } }), 'ε = 0.01');
  assert.equal(r({ optimizer: { name: 'adam', lr: 0.001 } }, { name: 'adam', lr: 0.001 }), 'Adam ε = 0.001');
  assert.equal(r({ network: { layers: [{ init: { name: 'random_normal', stddev: 1 } }] } }), 'N(0, 1)');
  assert.equal(r({ network: { layers: [{ init: 'he_normal', norm: 'batch_norm' }] } }), 'He normal, batch norm');
  // Compare by's layers carry every field of the base's layers: only what differs is named.
  const base = { network: { layers: [{ units: 8, init: 'glorot_uniform', norm: 'none' }, { units: 8, init: 'glorot_uniform', norm: 'none' }] } };
  const layers = (f) => ({ network: { layers: base.network.layers.map((l) => ({ ...l, ...f })) } });
  assert.equal(racerTitle(layers({ init: 'lecun_normal' }), {}, base), 'LeCun normal');
  assert.equal(racerTitle(layers({ norm: 'layer_norm' }), {}, base), 'layer norm');
  assert.equal(racerTitle(layers({}), { spec: { optimizer: { name: 'sgd' } } }, base), 'SGD', 'nothing differs: the method');
  assert.equal(racerTitle(layers({}), {}, base, 'norm'), 'no norm', 'in a Compare by race, its field is named');
  assert.equal(r({ dataset: { noise: 0.3 } }), 'core label', 'anything else: the core\'s label');
  assert.equal(racerDiff({ batch_size: 2, optimizer: { lr: 1 } }, {}), 'm = 2', 'the panel\'s difference line leaves the optimizer to its controls');
  assert.equal(racerDiff({ batch_size: 16 }, {}, { batch_size: 16 }), '', 'the base\'s own batch size is no difference');
  assert.equal(racerDiff({ shuffle: true, batch_size: 1 }, {}, { shuffle: true, batch_size: 16 }), 'm = 1');
  setLang('ja');
  assert.equal(r({ batch_size: 'full' }), 'フルバッチ');
  assert.equal(r({ network: { layers: [{ norm: { name: 'group_norm', groups: 2 } }] } }), 'グループ正規化');
  // Initializers in Japanese: the authors' names with the distribution in Japanese (the reviewer saw
  // 'He normal' in the Japanese page's lists); N(0, 1) is the same everywhere.
  assert.equal(r({ network: { layers: [{ init: 'he_normal', norm: 'batch_norm' }] } }), 'He 初期化（正規分布）, バッチ正規化');
  assert.equal(racerTitle(layers({ init: 'he_uniform' }), {}, base), 'He 初期化（一様分布）');
  assert.equal(initText('orthogonal'), '直交初期化');
  assert.equal(initText({ name: 'random_normal', stddev: 0.05 }), 'N(0, 0.05²)');
  setLang('en');
  assert.equal(initText('lecun_normal'), 'LeCun normal');
});

test('a lesson\'s own racers are named in Japanese (racer_labels); a changed label and English keep the spec\'s label', () => {
  const lesson = JSON.parse(readFileSync(new URL('../../lessons/batch-norm.json', import.meta.url), 'utf8'));
  const spec = structuredClone(lesson.spec);
  const name = (i, s = spec) => racerTitle(s.racers[i], {}, s, '', { lesson, i });
  assert.deepEqual(spec.racers.map((r) => r.label), ['no normalization', 'batch norm']);
  setLang('ja');
  assert.deepEqual([name(0), name(1)], ['正規化なし', 'バッチ正規化'], 'the lesson\'s race in Japanese');
  const changed = structuredClone(spec);
  changed.racers[1].label = 'my batch norm';
  assert.deepEqual([name(0, changed), name(1, changed)], ['正規化なし', 'my batch norm'], 'a label the user changed stays as written');
  const swapped = { ...spec, racers: [spec.racers[1], spec.racers[0]] };
  assert.equal(name(0, swapped), 'batch norm', 'racer 1 with racer 2\'s label is not the lesson\'s racer 1');
  assert.equal(racerTitle(spec.racers[0], {}, spec), 'no normalization', 'no lesson open: the spec\'s label');
  setLang('en');
  assert.deepEqual([name(0), name(1)], ['no normalization', 'batch norm'], 'English: the spec\'s labels');
});

test('what changes without reset: the core\'s rule; the panel shows the values in use at the run\'s step', () => {
  assert.equal(changeable(cat, 'adam', 'lr'), true);
  assert.equal(changeable(cat, 'adam', 'betas'), true);
  assert.equal(changeable(cat, 'adam', 'name'), false);
  assert.equal(changeable(cat, 'sgd', 'average'), false);
  assert.equal(changeable(cat, 'newton', 'lr'), true);
  assert.equal(changeable(cat, 'newton', 'damping'), false, 'second-order: lr and schedule only');
  const s = raceState([{}, { optimizer: { name: 'adam', lr: 0.01 } }]);
  assert.deepEqual(changeOf(cat, 'adam', setOptimizerField(s, cat, 1, 'lr', 0.05).spec, 1, 'lr'), { 'optimizer.lr': 0.05 });
  assert.deepEqual(changeOf(cat, 'sgd', setOptimizerField(s, cat, 0, 'momentum', 0.9).spec, 0, 'momentum'), { 'optimizer.momentum': 0.9 });
  assert.equal(changeOf(cat, 'sgd', setOptimizerField(s, cat, 0, 'weight_decay', undefined).spec, 0, 'weight_decay'), null, 'back to a default: restart');
  const racer = { spec: { optimizer: { name: 'sgd', lr: 0.1 }, changes: [{ step: 10, set: { 'optimizer.lr': 0.05 } }, { step: 20, set: { batch_size: 4, 'optimizer.lr': 0.01 } }] } };
  assert.deepEqual(optimizerAt(racer, 15), { name: 'sgd', lr: 0.05 });
  assert.deepEqual(optimizerAt(racer), { name: 'sgd', lr: 0.01 });
  // Out of list order (a live change at 5 made while replaying one recorded at 20): the core's step order.
  assert.equal(optimizerAt({ spec: { optimizer: { lr: 0.1 }, changes: [{ step: 20, set: { 'optimizer.lr': 0.01 } }, { step: 5, set: { 'optimizer.lr': 0.2 } }] } }).lr, 0.01);
  // A replayed race (a link with a change at step 4): racer 2 shows the base's ε until the run has
  // done 4 steps, then the changed one (before the fix it showed 0.002 from step 0 on).
  s.racers[1].spec.changes = [{ step: 4, set: { 'optimizer.lr': 0.002 } }];
  assert.equal(s.step, 0);
  assert.equal(optimizersOf(s)[1].lr, 0.01, 'at step 0: the racer\'s own ε');
  s.step = 3;
  assert.equal(optimizersOf(s)[1].lr, 0.01);
  s.step = 4;
  assert.equal(optimizersOf(s)[1].lr, 0.002, 'a change at step 4 is in use once 4 steps are done');
  // An array option edited between two changes starts from the values in use then.
  s.racers[1].spec.changes = [{ step: 4, set: { 'optimizer.betas': [0.8, 0.99] } }, { step: 9, set: { 'optimizer.betas': [0.5, 0.9] } }];
  s.step = 6;
  assert.deepEqual(setOptimizerField(s, cat, 1, 'betas', 0.95, 1).spec.racers[1].optimizer.betas, [0.8, 0.95]);
  accept(s, s.spec, s.racers);
  assert.equal(s.step, 0, 'a race accepted starts from step 0');
});

test('a racer\'s recorded changes as the panel lists them, and when the run passes one', () => {
  const racer = { spec: { optimizer: { name: 'sgd', lr: 0.1 }, batch_size: 16, changes: [{ step: 1000, set: { 'optimizer.lr': 0.05 } }, { step: 200, set: { batch_size: 4, 'optimizer.lr': 0.2 } }] } };
  assert.deepEqual(changesOf(racer).map((c) => [c.step, changeLabel(c.set, c.before)]), [[200, 'm 16 → 4, ε 0.1 → 0.2'], [1000, 'ε 0.2 → 0.05']]);
  assert.equal(changeLabel({ 'optimizer.lr': 0.05 }), 'ε → 0.05', 'without the values replaced (the charts\' marks)');
  assert.deepEqual(changesOf({ spec: { optimizer: {} } }), []);
  const changes = racer.spec.changes;
  assert.equal(passesChange(changes, 0, 199), false);
  assert.equal(passesChange(changes, 199, 200), true, 'a change at 200 is passed when 200 steps are done');
  assert.equal(passesChange(changes, 200, 999), false);
  assert.equal(passesChange(changes, 1500, 0), true, 'a reset goes back over them');
  assert.equal(passesChange(undefined, 0, 10), false);
});

test('the Batch size field shows the batch size in use at the run\'s step', () => {
  // Without racers: the spec's own changes; a change to m = 4 after 50 steps.
  const one = createState();
  const spec = { ...structuredClone(SPEC), batch_size: 16, changes: [{ step: 50, set: { batch_size: 4 } }] };
  accept(one, spec, [{ index: 0, label: '', spec }]);
  assert.equal(batchSizeShown(one), 16);
  one.step = 50;
  assert.equal(batchSizeShown(one), 4);
  // A race: racer 1 sets its own m; racer 2 takes the base's, changed after 10 steps.
  const race = createState();
  const rs = { ...structuredClone(SPEC), batch_size: 16, racers: [{ batch_size: 1 }, {}] };
  accept(race, rs, [{ index: 0, label: '', spec: { ...SPEC, batch_size: 1 } }, { index: 1, label: '', spec: { ...SPEC, batch_size: 16, changes: [{ step: 10, set: { batch_size: 'full' } }] } }]);
  assert.equal(batchSizeShown(race), 16);
  race.step = 10;
  assert.equal(batchSizeShown(race), 'full');
  race.spec.racers = [{ batch_size: 1 }, { batch_size: 2 }];
  assert.equal(batchSizeShown(race), 16, 'every racer sets its own: the base\'s');
});

test('the status line names the field an edit changed (restart under way)', async () => {
  const { changedPath } = await import('../../web/changes.js');
  assert.equal(changedPath(SPEC, { ...SPEC, network: { layers: [] } }), 'network.layers');
  assert.equal(changedPath(SPEC, { ...SPEC, dataset: { name: 'xor' } }), 'dataset.name');
  assert.equal(changedPath(SPEC, { ...SPEC, racers: [{}, { batch_size: 2 }] }), 'racers');
  assert.equal(changedPath(SPEC, structuredClone(SPEC)), '');
});

test('a lesson that opens the signals view sets its probe to the lesson\'s own network', async () => {
  const { signalsProbe } = await import('../../web/lessons.js');
  const read = (id) => JSON.parse(readFileSync(new URL(`../../lessons/${id}.json`, import.meta.url), 'utf8'));
  for (const id of ['batch-norm', 'initialization', 'sparse-init']) {
    const lesson = read(id);
    if (!lesson.views.includes('signals')) continue;
    const layers = lesson.spec.network.layers;
    const p = signalsProbe(lesson.spec);
    assert.equal(p.depth, layers.length, `${id}: depth`);
    assert.equal(p.activation, layers[0].activation ?? 'tanh', `${id}: activation`);
  }
  assert.deepEqual(signalsProbe(read('batch-norm').spec), { activation: 'sigmoid', norm: 'none', depth: read('batch-norm').spec.network.layers.length, width: 16 });
  assert.deepEqual(signalsProbe({ network: { layers: [{ units: 4, activation: 'relu', norm: { name: 'group_norm', groups: 2 } }] } }), { activation: 'relu', norm: 'group_norm', depth: 1, width: 4 });
  assert.equal(signalsProbe({ problem: { name: 'beale' } }).depth, 0);
});

// A control moved while an earlier request is still on its way (Apply, then the noise slider at
// once): the control's edit, computed from the spec on screen, is replayed onto the request's spec.
test('an edit made against the spec on screen is replayed onto a request still on its way', () => {
  const { setField, setLayerField, setMethod: method } = stateOps;
  const state = createState();
  accept(state, structuredClone(SPEC));
  // The JSON box applied: the first layer gets batch norm, the seed changes, the momentum is removed.
  const applied = structuredClone(SPEC);
  applied.network.layers[0].norm = 'batch_norm';
  applied.seed = 9;
  delete applied.optimizer.momentum;
  // Meanwhile the noise slider: one field, the rest as on screen.
  const noise = replayEdit(state.spec, setField(state, ['dataset', 'noise'], 0.3).spec, applied);
  assert.deepEqual(noise, { ...applied, dataset: { name: 'spiral', noise: 0.3 } });
  // Units of every layer (an array of the same length in all three: element by element).
  const units = replayEdit(state.spec, setLayerField(state, cat, 'units', 20).spec, applied);
  assert.deepEqual(units.network.layers, [
    { units: 20, activation: 'tanh', norm: 'batch_norm' }, { units: 20, activation: 'tanh', init: 'orthogonal' }]);
  assert.equal(units.seed, 9);
  assert.equal(units.optimizer.momentum, undefined, 'what the request removed stays removed');
  // A field the edit removes is removed from the request's spec too; the inputs are not changed.
  const before = structuredClone(applied);
  const noDecay = replayEdit(state.spec, setField(state, ['optimizer', 'weight_decay'], undefined).spec, applied);
  assert.equal('weight_decay' in noDecay.optimizer, false);
  assert.deepEqual(applied, before);
  // Another method replaces the optimizer object where the edit replaced it; an edit that changes
  // nothing gives the request's spec; layers of another count are replaced whole.
  const adam = method(state, cat, 0, 'adam').spec;
  const replayed = replayEdit(state.spec, adam, applied).optimizer;
  assert.equal(replayed.name, 'adam');
  assert.deepEqual(replayed, Object.fromEntries(Object.entries(adam.optimizer).filter(([k]) => k !== 'momentum')), 'Adam\'s options; the momentum the request removed stays out');
  assert.deepEqual(replayEdit(state.spec, structuredClone(state.spec), applied), applied);
  const oneLayer = { ...structuredClone(SPEC), network: { layers: [{ units: 5, activation: 'relu' }] } };
  assert.deepEqual(replayEdit(state.spec, oneLayer, applied).network.layers, [{ units: 5, activation: 'relu' }]);
});
