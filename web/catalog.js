// Reading the core's catalog (docs/catalog.md; produced by
// optlab::catalog_json(), sent by the worker in its `ready` message as msg.catalog). Every name,
// default and range the page uses comes from here; the page adds only presentation (registry.js).
// No DOM: every function is pure and tested under Node (tests/node/web-catalog.test.mjs).
//
// Shapes (keys the page reads; unknown keys are ignored):
//   Entry     {name, meaning, source, options: [Option]}
//   Option    {key, type, default?, min?, min_open?, max?, max_open?, choices?, length?, items?,
//              unit?, symbol?, meaning?, when?: {sibling: [values]}}
//   Optimizer Entry + {kind: 'first_order'|'second_order', lr: {network: number}}
//   Surface   Entry + {dim, x0, box?, minimizers, f_min, lr: {method: number}}

const list = (cat, key) => (Array.isArray(cat?.[key]) ? cat[key] : []);
const entryByName = (entries, name) => entries.find((e) => e.name === name) ?? null;
export const names = (cat, key) => list(cat, key).map((e) => e.name);
/** Datasets a control may switch to: those without a required option (inline's x and y come from
 *  the data panel, web/panels/data-panel.js). */
export const choosableDatasets = (cat) => names(cat, 'datasets').filter((n) => !datasetEntry(cat, n)?.options.some((o) => o.required));

export const optimizerEntry = (cat, name) => entryByName(list(cat, 'optimizers'), name);
export const surfaceEntry = (cat, name) => entryByName(list(cat, 'surfaces'), name);
export const datasetEntry = (cat, name) => entryByName(list(cat, 'datasets'), name);
export const scheduleEntry = (cat, name) => entryByName(list(cat, 'schedules'), name);
export const averagingEntry = (cat, name) => entryByName(list(cat, 'averaging'), name);

/** The option `key` of an entry (or of a {options} table such as catalog.spec), or null. */
export function optionOf(entry, key) {
  return (entry?.options ?? []).find((o) => o.key === key) ?? null;
}

/** Default of an option; for a number_array, of its item `index`. undefined when kind-dependent. */
export function optionDefault(opt, index) {
  if (!opt) return undefined;
  if (index === undefined) return opt.default;
  return Array.isArray(opt.default) ? opt.default[index] : undefined;
}

/** Bounds of an option (of one item of a number_array: `items` may be one object or one per item). */
export function optionBounds(opt, index) {
  let src = opt ?? {};
  if (index !== undefined && opt?.items) src = Array.isArray(opt.items) ? (opt.items[index] ?? {}) : opt.items;
  return {
    min: typeof src.min === 'number' ? src.min : -Infinity,
    max: typeof src.max === 'number' ? src.max : Infinity,
    minOpen: !!src.min_open,
    maxOpen: !!src.max_open,
  };
}

/** Whether v lies in the option's range (an integer where the type says so). */
export function inRange(opt, v, index) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return false;
  if (opt?.type === 'integer' && !Number.isInteger(v)) return false;
  const b = optionBounds(opt, index);
  return (b.minOpen ? v > b.min : v >= b.min) && (b.maxOpen ? v < b.max : v <= b.max);
}

/** "an integer from 1 to 64", "a number > 0", … (for messages naming a field). */
export function rangeText(opt, index) {
  const b = optionBounds(opt, index);
  const what = opt?.type === 'integer' ? 'an integer' : 'a number';
  const lo = Number.isFinite(b.min) ? `${b.minOpen ? '>' : '≥'} ${b.min}` : '';
  const hi = Number.isFinite(b.max) ? `${b.maxOpen ? '<' : '≤'} ${b.max}` : '';
  return [what, lo, lo && hi ? 'and' : '', hi].filter(Boolean).join(' ');
}

/** Whether an option is read given its siblings' values (its `when`). */
export function optionApplies(opt, siblings) {
  if (!opt?.when) return true;
  return Object.entries(opt.when).every(([k, values]) => values.includes(siblings?.[k]));
}

/** Learning rate a method starts with: the surface's tested rate there, else the network default. */
export function defaultLr(cat, method, surfaceName = null) {
  if (surfaceName) {
    const lr = surfaceEntry(cat, surfaceName)?.lr?.[method];
    if (typeof lr === 'number') return lr;
  }
  const entry = optimizerEntry(cat, method);
  const lr = entry?.lr?.network ?? optionDefault(optionOf(entry, 'lr'));
  return typeof lr === 'number' ? lr : undefined;
}

/** A fresh optimizer object for a racer: its name and the rate that suits the kind of run (the
 *  reader fills every other default, so links stay short). */
export function newOptimizer(cat, method, surfaceName = null) {
  const o = { name: method };
  if (optionOf(optimizerEntry(cat, method), 'lr') || optimizerEntry(cat, method)?.lr) {
    const lr = defaultLr(cat, method, surfaceName);
    if (lr !== undefined) o.lr = lr;
  }
  return o;
}

export const isFirstOrder = (cat, method) => optimizerEntry(cat, method)?.kind !== 'second_order';

/** The start point of a surface (its catalog x0), copied. */
export function surfaceStart(cat, name) {
  const x0 = surfaceEntry(cat, name)?.x0;
  return Array.isArray(x0) ? x0.slice() : undefined;
}

/** Option of the spec's top level (seed, batch_size, steps, …), of the network or of its layers. */
export const specOption = (cat, key) => optionOf(cat?.spec, key);
export const networkOption = (cat, key) => optionOf(cat?.network, key);
export const layerOption = (cat, key) => optionOf(cat?.network?.layer, key);
