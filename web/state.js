// The page's state and its edit operations. The state IS the experiment: the spec the worker
// accepted (racer 1's optimizer is spec.optimizer), the optimizer objects of racers 2..n, the other
// kind's experiment kept for a switch back, and the page's own flags. Controls are views of it:
// each edit copies the state's spec, changes exactly the field(s) the control shows, and hands the
// copy to the worker; fields no control shows are carried along untouched. No DOM; tested under
// Node (tests/node/web-state.test.mjs).
//
// An edit returns {spec, extraOptimizers} to send, or {error: {field, message}} when the page can
// already tell the value is out of range (the worker's validator stays the final authority).
import {
  newOptimizer, surfaceStart, surfaceEntry, datasetEntry, optionOf, names, networkOption, layerOption,
  optimizerEntry, optionDefault, optionBounds, rangeText, inRange, defaultLr,
} from './catalog.js';
import { commonKeys, commonFields } from './racer-options.js';
import { SURFACE_LABELS, FORMULA_EXAMPLE } from './registry.js';

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
    extraOptimizers: [],      // optimizer objects of racers 2..n
    shelf: { network: null, surface: null },   // {spec, extraOptimizers} of the kind not on screen
    defaultSpec: null,        // the core's default network experiment (lab.defaultSpec())
    page: { lang: 'en', speed: 0, heatmapRacer: 0, embed: false, autoplay: false, ...page },
  };
}

/** Every racer's optimizer object, racer 1 first. */
export const optimizersOf = (state) => (state.spec ? [state.spec.optimizer, ...state.extraOptimizers] : []);

/** The worker accepted a race: it is now the state. */
export function accept(state, spec, extraOptimizers = []) {
  state.spec = spec;
  state.extraOptimizers = extraOptimizers;
  if (state.page.heatmapRacer > extraOptimizers.length) state.page.heatmapRacer = 0;
}

const copy = (state) => ({ spec: structuredClone(state.spec), extraOptimizers: structuredClone(state.extraOptimizers) });
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
  return next;
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

// Racer i's optimizer object in a copy (0: spec.optimizer).
const optimizerIn = (next, i) => (i === 0 ? next.spec.optimizer : next.extraOptimizers[i - 1]);
function putOptimizer(next, i, o) {
  if (i === 0) next.spec.optimizer = o; else next.extraOptimizers[i - 1] = o;
}

/** Racer i switches method: the catalog's rate for the new method on this kind of run, and the
 *  shared schedule/regularization fields the new method also reads — those set away from the old
 *  method's defaults (a default follows the method: AdamW's λ = 0.01 is not SGD's 0). */
export function setMethod(state, cat, i, method) {
  const next = copy(state);
  const old = optimizerIn(next, i) ?? {};
  const o = newOptimizer(cat, method, surfaceName(next.spec));
  const oldDefault = Object.fromEntries(commonFields(cat, old).map((f) => [f.look.key, optionDefault(f.option)]));
  for (const k of commonKeys(cat, method)) if (old[k] !== undefined && old[k] !== oldDefault[k]) o[k] = old[k];
  putOptimizer(next, i, o);
  return next;
}

/** One option of racer i's optimizer (index: item of an array option such as betas); undefined
 *  removes it (the reader's default applies). Every other field keeps its exact value. */
export function setOptimizerField(state, cat, i, key, value, index) {
  const next = copy(state);
  const o = optimizerIn(next, i);
  if (index === undefined) {
    if (value === undefined) delete o[key]; else o[key] = value;
  } else {
    const option = optionOf(optimizerEntry(cat, o.name), key);
    const n = option?.length ?? Math.max(index + 1, Array.isArray(o[key]) ? o[key].length : 0);
    const arr = Array.from({ length: n }, (_, j) => (Array.isArray(o[key]) && typeof o[key][j] === 'number' ? o[key][j] : optionDefault(option, j)));
    arr[index] = value;
    o[key] = arr;
  }
  return next;
}

/** One more racer: a method not racing yet (catalog order), at the rate the catalog gives it here. */
export function addRacer(state, cat) {
  const racing = optimizersOf(state);
  if (racing.length >= MAX_RACERS) return failure('racers', `at most ${MAX_RACERS} optimizers race at once`);
  const used = new Set(racing.map((o) => o.name));
  const method = names(cat, 'optimizers').find((n) => !used.has(n)) ?? state.spec.optimizer.name;
  const next = copy(state);
  next.extraOptimizers.push(newOptimizer(cat, method, surfaceName(next.spec)));
  return next;
}

export function removeRacer(state, i) {
  const next = copy(state);
  if (i >= 1) next.extraOptimizers.splice(i - 1, 1);
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
    const opts = methods.map((m) => newOptimizer(cat, m, null));
    spec.optimizer = opts[0];
    return { spec, extraOptimizers: opts.slice(1) };
  }
  const name = surfaceNames(cat).find((n) => surfaceEntry(cat, n)?.dim === 2) ?? surfaceNames(cat)[0];
  const opts = methods.map((m) => newOptimizer(cat, m, name));
  const problem = { name };
  const x0 = surfaceStart(cat, name);
  if (x0) problem.x0 = x0;
  return { spec: { seed: state.spec.seed, problem, optimizer: opts[0], ...structuredClone(SURFACE_WALK) }, extraOptimizers: opts.slice(1) };
}

/** Another surface: its catalog start point; options it does not read are dropped. A racer still at
 *  the catalog's rate for the old surface takes the new surface's (a rate the user set stays). */
export function setSurface(state, cat, name) {
  const next = copy(state);
  const old = surfaceName(next.spec);
  for (const o of [next.spec.optimizer, ...next.extraOptimizers]) {
    if (old && o.lr === defaultLr(cat, o.name, old)) o.lr = defaultLr(cat, o.name, name) ?? o.lr;
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
