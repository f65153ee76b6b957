// The page's state and its edit operations. The state IS the experiment: the spec the worker
// accepted — a race is the spec's own `racers` list (docs/racing.md: each racer a merge patch over
// the base spec) — each racer's complete spec as the core expanded it (lab.expandRace, sent back by
// the worker), the other kind's experiment kept for a switch back, and the page's own flags (the
// racers' colours among them). Controls are views of it: each edit copies the state's spec, changes
// exactly the field(s) the control shows, and hands the copy to the worker; fields no control shows
// are carried along untouched. The merge itself and every check are the core's (never redone here).
// No DOM; tested under Node (tests/node/web-state.test.mjs).
//
// An edit returns {spec, colours} to send, or {error: {field, message}} when the page can already
// tell the value is out of range (the worker's validator stays the final authority). colours: the
// palette index of each racer of the new spec, so removing a racer recolours no other.
import {
  newOptimizer, surfaceStart, surfaceEntry, datasetEntry, optionOf, names, networkOption, layerOption,
  optimizerEntry, optionDefault, optionBounds, rangeText, inRange, defaultLr,
} from './catalog.js';
import { commonKeys, commonFields } from './racer-options.js';
import { SURFACE_LABELS, FORMULA_EXAMPLE } from './registry.js';
import { withoutRacer } from './race-spec.js';
import { optimizerAt, valueAt } from './changes.js';

/** The catalog's surfaces in the page's order (registry.js SURFACE_LABELS first, then any others). */
export function surfaceNames(cat) {
  const all = names(cat, 'surfaces');
  return [...Object.keys(SURFACE_LABELS).filter((n) => all.includes(n)), ...all.filter((n) => !(n in SURFACE_LABELS))];
}

export const MAX_RACERS = 8;
// Hidden layers the page's control sets at most, when the catalog gives no bound of its own.
const MAX_HIDDEN_LAYERS = 64;
// What the page runs on a 2-D surface (its view, not a spec default): a walk long enough to watch,
// every step logged, θ traced for the contour map.
const SURFACE_WALK = { steps: 500, log_every: 1, trace: { params: true } };

export const kindOf = (spec) => (spec && spec.problem && !spec.dataset ? 'surface' : 'network');
const surfaceName = (spec) => (kindOf(spec) === 'surface' ? spec.problem?.name ?? null : null);

export function createState(page = {}) {
  return {
    spec: null,               // the running experiment, as the worker's validator returned it
    racers: [],               // [{index, label, spec}]: each racer's complete spec (lab.expandRace)
    // Steps the run on screen has done (its last frame's). A spec with recorded `changes` is a
    // timeline: the controls show each racer's values in use at this step (changes.js optimizerAt),
    // and an edit of an array option starts from them.
    step: 0,
    shelf: { network: null, surface: null },   // {spec, colours} of the kind not on screen
    defaultSpec: null,        // the core's default network experiment (lab.defaultSpec())
    colours: [],              // palette index (registry.js RACER_COLOURS) of each racer
    page: { lang: 'en', speed: 0, heatmapRacer: 0, embed: false, autoplay: false, ...page },
  };
}

/** Every racer's optimizer object in use at the run's current step (its complete spec's, with its
 *  recorded changes up to state.step applied), racer 1 first. */
export const optimizersOf = (state) => (state.racers.length ? state.racers.map((r) => optimizerAt(r, state.step)) : state.spec ? [state.spec.optimizer] : []);
/** The batch size the Batch size field shows: the base's, as in use at state.step by the first racer
 *  that takes it (a batch size changed mid-run is recorded for each of them); the base's own when
 *  every racer sets its own. */
export function batchSizeShown(state) {
  const patches = state.spec?.racers;
  const i = state.racers.findIndex((_, k) => patches?.[k]?.batch_size === undefined);
  return i < 0 ? state.spec?.batch_size : valueAt(state.racers[i], state.step, 'batch_size');
}
/** How many racers run (a spec without `racers` is one). */
export const racerCount = (spec) => (Array.isArray(spec?.racers) && spec.racers.length ? spec.racers.length : 1);

// The lowest palette indices not in `taken`, n of them.
function freeColours(taken, n) {
  const out = [];
  for (let c = 0; out.length < n; c++) if (!taken.includes(c) && !out.includes(c)) out.push(c);
  return out;
}
/** Colours for n racers: `wanted` when it has n (an edit's), else the kept ones cut or extended. */
export function coloursFor(wanted, kept, n) {
  if (Array.isArray(wanted) && wanted.length === n) return [...wanted];
  const c = (kept ?? []).slice(0, n);
  return [...c, ...freeColours(c, n - c.length)];
}

/** The worker accepted a race: it is now the state. racers: the worker's expanded racers;
 *  colours: what the edit asked for (or undefined). */
export function accept(state, spec, racers = null, colours = undefined) {
  state.spec = spec;
  state.racers = racers?.length ? racers : [{ index: 0, label: '', spec }];
  state.step = 0;   // a new race starts from step 0
  state.colours = coloursFor(colours, state.colours, state.racers.length);
  if (state.page.heatmapRacer >= state.racers.length) state.page.heatmapRacer = 0;
}

const copy = (state) => ({ spec: structuredClone(state.spec), colours: [...state.colours] });
const failure = (field, message) => ({ error: { field, message: `${field}: ${message}` } });

/** Set (or, with undefined, remove) one field of the spec by path: ['dataset', 'noise']. */
export function setField(state, path, value) {
  const next = copy(state);
  let o = next.spec;
  for (const k of path.slice(0, -1)) {
    if (o[k] === null || typeof o[k] !== 'object') o[k] = {};
    o = o[k];
  }
  const last = path[path.length - 1];
  if (value === undefined) delete o[last]; else o[last] = value;
  return next;
}

/** Another dataset: its name changes; the options the new dataset also reads keep their values,
 *  moved into its range where the catalog allows less (spiral's 3 classes → XOR's only 2). */
export function setDataset(state, cat, name) {
  const next = copy(state);
  const ds = { ...(next.spec.dataset ?? {}), name };
  const entry = datasetEntry(cat, name);
  if (entry) {
    for (const k of Object.keys(ds)) {
      if (k === 'name') continue;
      const option = optionOf(entry, k);
      if (!option) delete ds[k];
      else if (typeof ds[k] === 'number' && !inRange(option, ds[k])) ds[k] = nearestAllowed(option, ds[k]);
    }
  }
  next.spec.dataset = ds;
  fitNetworkToData(next.spec, entry);
  return next;
}

// A recurrent first layer reads sequences, and a sequence data set without classes (the adding
// problem) is regression: keep the network valid for the data set just chosen
// (core/problems/sequence.hpp; digits and inline have no classes option but are classification).
const isSequenceDataset = (entry) => entry.options.some((o) => o.key === 'length');
/** Whether a catalog dataset entry is a regression task (the adding problem: a sequence set without classes). */
export const isRegressionDataset = (entry) => isSequenceDataset(entry) && !entry.options.some((o) => o.key === 'classes');

function fitNetworkToData(spec, entry) {
  const net = spec.network;
  if (!net || !entry) return;
  const first = net.layers?.[0];
  if (!isSequenceDataset(entry) && first && first.type && first.type !== 'dense') {
    for (const k of ['type', 'recurrent_init', 'forget_bias']) delete first[k];
  }
  if (isRegressionDataset(entry)) {
    net.loss = 'mean_squared_error';
    if (net.output_bias_init === 'class_prior' || net.output_bias_init?.name === 'class_prior') delete net.output_bias_init;
  }
}

// The value of a number option nearest v: v clamped to a closed bound, else the option's default.
function nearestAllowed(option, v) {
  const b = optionBounds(option);
  const clamped = Math.min(Math.max(v, b.min), b.max);
  return inRange(option, clamped) ? clamped : optionDefault(option);
}

/** n hidden layers: existing layers keep every field (init, norm, …); new ones copy the last. */
export function setHiddenLayers(state, cat, n) {
  const max = networkOption(cat, 'layers')?.max ?? MAX_HIDDEN_LAYERS;
  if (!Number.isInteger(n) || n < 0 || n > max) {
    return failure('network.layers', `the number of hidden layers must be an integer from 0 to ${max} (got ${Number.isNaN(n) ? 'nothing' : n})`);
  }
  const next = copy(state);
  const net = next.spec.network ?? (next.spec.network = {});
  const layers = Array.isArray(net.layers) ? net.layers : [];
  const template = layers[layers.length - 1] ?? {
    units: optionDefault(layerOption(cat, 'units')) ?? 16,
    activation: optionDefault(layerOption(cat, 'activation')) ?? 'tanh',
  };
  net.layers = Array.from({ length: n }, (_, i) => layers[i] ?? structuredClone(template));
  return next;
}

/** One field of every hidden layer (the page shows one units and one activation control). */
export function setLayerField(state, cat, key, value) {
  const option = layerOption(cat, key);
  if (option && typeof value === 'number' && !inRange(option, value)) {
    return failure(`network.layers[0].${key}`, `must be ${rangeText(option)} (got ${value})`);
  }
  const next = copy(state);
  for (const layer of next.spec.network?.layers ?? []) layer[key] = value;
  return next;
}

// Racer i's optimizer as it runs (its complete spec's), and where an edit of it is written: the
// spec's own optimizer without racers, else racer i's patch (racers[i].optimizer).
const runningOptimizer = (state, i) => structuredClone(optimizersOf(state)[i] ?? state.spec.optimizer);
function putOptimizer(next, i, o) {
  if (!Array.isArray(next.spec.racers) || !next.spec.racers.length) next.spec.optimizer = o;
  else next.spec.racers[i] = { ...withoutLabel(next.spec.racers[i]), optimizer: o };
}
// A racer edited in the page loses its spec's label: the label named the racer as a lesson or a
// link built it ("ρ = 1.2, no clipping"), and may name the very value just edited. The page then
// names the racer by what its patch sets (racer-label.js racerTitle: "clip_norm = 1").
function withoutLabel(patch) {
  const { label, ...rest } = patch ?? {};
  return rest;
}
// Racer i's optimizer patch, for one option's edit: the patch it has (or {}) — the base's other
// options go on applying through the merge. Without racers: the spec's optimizer itself.
function optimizerPatch(next, i) {
  if (!Array.isArray(next.spec.racers) || !next.spec.racers.length) return next.spec.optimizer;
  const r = next.spec.racers[i] = withoutLabel(next.spec.racers[i]);
  if (r.optimizer === null || typeof r.optimizer !== 'object') r.optimizer = {};
  return r.optimizer;
}

/** Racer i switches method: the catalog's rate for the new method on this kind of run, and the
 *  shared schedule/regularization fields the new method also reads — those set away from the old
 *  method's defaults (a default follows the method: AdamW's λ = 0.01 is not SGD's 0). The racer's
 *  optimizer object is replaced whole (the merge's name rule does the same). */
export function setMethod(state, cat, i, method) {
  const next = copy(state);
  const old = runningOptimizer(state, i) ?? {};
  const o = newOptimizer(cat, method, surfaceName(next.spec));
  const oldDefault = Object.fromEntries(commonFields(cat, old).map((f) => [f.look.key, optionDefault(f.option)]));
  for (const k of commonKeys(cat, method)) if (old[k] !== undefined && old[k] !== oldDefault[k]) o[k] = old[k];
  putOptimizer(next, i, o);
  return next;
}

/** One option of racer i's optimizer (index: item of an array option such as betas); undefined
 *  removes it (the reader's default applies: null in a racer's patch, so the base's value does
 *  not come through the merge). Every other field keeps its exact value. */
export function setOptimizerField(state, cat, i, key, value, index) {
  const next = copy(state);
  const running = runningOptimizer(state, i);
  const o = optimizerPatch(next, i);
  const inRace = o !== next.spec.optimizer;
  if (index === undefined) {
    if (value !== undefined) o[key] = value;
    else if (inRace && next.spec.optimizer?.[key] !== undefined && (o.name === undefined || o.name === next.spec.optimizer.name)) o[key] = null;
    else delete o[key];
  } else {
    const option = optionOf(optimizerEntry(cat, running.name), key);
    const cur = running[key];
    const n = option?.length ?? Math.max(index + 1, Array.isArray(cur) ? cur.length : 0);
    const arr = Array.from({ length: n }, (_, j) => (Array.isArray(cur) && typeof cur[j] === 'number' ? cur[j] : optionDefault(option, j)));
    arr[index] = value;
    o[key] = arr;
  }
  return next;
}

/** One more racer: a method not racing yet (catalog order), at the rate the catalog gives it here.
 *  A spec without racers becomes a race of two: the base as it is ({}), and the new one. */
export function addRacer(state, cat) {
  const racing = optimizersOf(state);
  if (racing.length >= MAX_RACERS) return failure('racers', `at most ${MAX_RACERS} racers race at once`);
  const used = new Set(racing.map((o) => o.name));
  const method = names(cat, 'optimizers').find((n) => !used.has(n)) ?? state.spec.optimizer.name;
  const next = copy(state);
  if (!Array.isArray(next.spec.racers) || !next.spec.racers.length) next.spec.racers = [{}];
  next.spec.racers.push({ optimizer: newOptimizer(cat, method, surfaceName(next.spec)) });
  next.colours = coloursFor(null, next.colours, next.spec.racers.length);
  return next;
}

/** Racer i leaves the race; the others keep their colours, and the changes recorded for them
 *  follow their new places (changes of racer i go with it). A race left with one racer that
 *  changes nothing is the base spec alone again. */
export function removeRacer(state, i) {
  const next = copy(state);
  const list = next.spec.racers;
  if (!Array.isArray(list) || list.length < 2 || i < 0 || i >= list.length) return next;
  next.spec = withoutRacer(next.spec, i);
  next.colours.splice(i, 1);
  if (next.spec.racers.length === 1 && Object.keys(next.spec.racers[0]).length === 0) {
    delete next.spec.racers;
    if (Array.isArray(next.spec.changes)) next.spec.changes = next.spec.changes.map(({ racer, ...c }) => c);
  }
  return next;
}

/** Switch between a network experiment and a 2-D surface. The experiment left behind goes on the
 *  shelf whole and comes back as it was; the first visit to the other kind starts from its default
 *  (a surface: the first 2-D one, the racers' methods at the catalog's rates for it). */
export function setKind(state, cat, kind) {
  const from = kindOf(state.spec);
  if (kind === from) return copy(state);
  state.shelf[from] = copy(state);
  const shelved = state.shelf[kind];
  if (shelved) return structuredClone(shelved);
  const methods = optimizersOf(state).map((o) => o.name);
  if (kind === 'network') {
    const spec = structuredClone(state.defaultSpec);
    spec.seed = state.spec.seed;
    return withMethods({ spec }, methods.map((m) => newOptimizer(cat, m, null)), state.colours);
  }
  const name = surfaceNames(cat).find((n) => surfaceEntry(cat, n)?.dim === 2) ?? surfaceNames(cat)[0];
  const problem = { name };
  const x0 = surfaceStart(cat, name);
  if (x0) problem.x0 = x0;
  const spec = { seed: state.spec.seed, problem, ...structuredClone(SURFACE_WALK) };
  return withMethods({ spec }, methods.map((m) => newOptimizer(cat, m, name)), state.colours);
}

// The racers' methods carried to the other kind: the first one is the base's, each racer one patch.
function withMethods(next, opts, colours) {
  next.spec.optimizer = opts[0];
  if (opts.length > 1) next.spec.racers = opts.map((o, i) => (i === 0 ? {} : { optimizer: o }));
  else delete next.spec.racers;
  next.colours = [...colours];
  return next;
}

/** Another surface: its catalog start point; options it does not read are dropped. A racer still at
 *  the catalog's rate for the old surface takes the new surface's (a rate the user set stays). */
export function setSurface(state, cat, name) {
  const next = copy(state);
  const old = surfaceName(next.spec);
  // The base's optimizer, and every racer's patch that sets its own rate (its method: the racer's).
  const racing = optimizersOf(state);
  const objects = [[next.spec.optimizer, next.spec.optimizer.name],
    ...(next.spec.racers ?? []).map((r, i) => [r.optimizer, racing[i]?.name])];
  for (const [o, method] of objects) {
    if (old && o && typeof o.lr === 'number' && o.lr === defaultLr(cat, method, old)) o.lr = defaultLr(cat, method, name) ?? o.lr;
  }
  const entry = surfaceEntry(cat, name);
  const problem = { ...(next.spec.problem ?? {}), name };
  for (const k of Object.keys(problem)) if (k !== 'name' && k !== 'x0' && entry && !optionOf(entry, k)) delete problem[k];
  const x0 = surfaceStart(cat, name);
  if (x0) problem.x0 = x0; else delete problem.x0;
  if (entry?.user_function && typeof problem.f !== 'string') problem.f = FORMULA_EXAMPLE;
  next.spec.problem = problem;
  return next;
}

/** The start point of a surface walk. */
export function setStart(state, x, y) {
  return setField(state, ['problem', 'x0'], [x, y]);
}

// "Compare by": racers that differ from the base in one field, the field's standard choices
// (issue 12). Each variant is a racer patch (docs/racing.md); networks only but for learning rates
// and optimizers. Initializers and norms go into every hidden layer (a layer list is replaced
// whole by a patch, so each variant carries the base's layers with the one field changed).
const withLayers = (spec, f) => ({ network: { layers: (spec.network?.layers ?? []).map((l) => ({ ...l, ...f(l) })) } });
// group_norm needs a number of groups dividing the layer's units, and each group needs units
// enough for its mean and variance to mean something: with 2 units a group's normalized values
// are ±1 whatever the input (only the sign of their difference is left), and at batch 2 such a
// net stayed at chance on the spiral while 4 groups of 4 trained. So at least 4 units per group,
// the most groups of 8, 4, 2 that allows; else 1 group (group norm with G = 1 is layer norm,
// Wu & He 2018, §3.1).
const MIN_UNITS_PER_GROUP = 4;
const groupsFor = (units) => [8, 4, 2].find((g) => units % g === 0 && units / g >= MIN_UNITS_PER_GROUP) ?? 1;
export const COMPARE_FIELDS = {
  batch_size: { network: true, variants: () => [{ batch_size: 1 }, { batch_size: 16 }, { batch_size: 'full' }] },
  init: {
    network: true,
    variants: (spec) => [{ name: 'random_normal', stddev: 1 }, 'glorot_normal', 'he_normal', 'lecun_normal']
      .map((init) => withLayers(spec, () => ({ init }))),
  },
  norm: {
    network: true,
    variants: (spec) => ['none', 'batch_norm', 'group_norm', 'layer_norm']
      .map((norm) => withLayers(spec, (l) => ({ norm: norm === 'group_norm' ? { name: norm, groups: groupsFor(l.units ?? 1) } : norm }))),
  },
  lr: {
    variants: (spec) => {
      const lr = spec.optimizer?.lr;
      return (typeof lr === 'number' && lr > 0 ? [lr / 10, lr, lr * 10] : [0.001, 0.01, 0.1]).map((v) => ({ optimizer: { lr: Number(v.toPrecision(6)) } }));
    },
  },
  shuffle: { network: true, variants: () => [{ shuffle: true }, { shuffle: false }] },
  optimizer: {
    variants: (spec, cat) => ['sgd', 'momentum', 'rmsprop', 'adam'].filter((m) => names(cat, 'optimizers').includes(m))
      .map((m) => ({ optimizer: newOptimizer(cat, m, surfaceName(spec)) })),
  },
};

/** The race of COMPARE_FIELDS[field]'s variants over the base spec (field '' or unknown: the base
 *  alone again). The changes recorded for the old racers go (they belonged to other racers). */
export function compareBy(state, cat, field) {
  const next = copy(state);
  delete next.spec.racers;
  delete next.spec.changes;
  const f = COMPARE_FIELDS[field];
  if (!f) { next.colours = [0]; return next; }
  if (f.network && kindOf(next.spec) === 'surface') return failure('compare', `${field} can be compared on networks only`);
  next.spec.racers = f.variants(next.spec, cat).slice(0, MAX_RACERS);
  next.colours = next.spec.racers.map((_, i) => i);
  return next;
}

/** Which COMPARE_FIELDS field a spec's racers vary, or '' (none, or not one of those races). */
export function comparedField(spec, cat) {
  if (!Array.isArray(spec?.racers) || !spec.racers.length) return '';
  const base = { ...spec };
  delete base.racers; delete base.changes;
  for (const [field, f] of Object.entries(COMPARE_FIELDS)) {
    if (f.network && kindOf(spec) === 'surface') continue;
    let variants;
    try { variants = f.variants(base, cat); } catch { continue; }
    if (sameJson(variants, spec.racers)) return field;
  }
  return '';
}

// Equal as JSON whatever the order of object keys (the worker's normalized spec sorts them).
function sameJson(a, b) {
  const canonical = (x) => (Array.isArray(x) ? x.map(canonical)
    : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, canonical(x[k])])) : x);
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
