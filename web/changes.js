// Changes without reset (issue 12; docs/racing.md "Changes"): which edits of a running experiment
// apply to the runs from the current step, and what a racer's optimizer is after the changes
// recorded so far. The core applies and checks each change (Run::apply_change); this only decides
// whether to ask it or to restart, by the rule the core documents (core/run/changes.hpp): any
// option of the method but its name and `average` (second-order methods: lr and the schedule's
// options only), and batch_size. No DOM; tested under Node.
import { optimizerEntry } from './catalog.js';

// The schedule's options and the learning rate: what a second-order method may change mid-run.
const SCHEDULE_KEYS = new Set(['lr', 'schedule', 'lr_final', 'tau', 'step_size', 'gamma', 'warmup_steps', 'warmup_start_factor']);

/** Whether option `key` of method `method` may change mid-run. */
export function changeable(cat, method, key) {
  if (key === 'name' || key === 'average') return false;
  const kind = optimizerEntry(cat, method)?.kind;
  return kind === 'second_order' ? SCHEDULE_KEYS.has(key) : true;
}

// Racer i's optimizer object in a spec as edited by state.js (its patch's value, else the base's).
function optimizerValue(spec, i, key) {
  const patch = Array.isArray(spec.racers) ? spec.racers[i]?.optimizer : undefined;
  if (patch && typeof patch === 'object' && key in patch) return patch[key];
  return spec.optimizer?.[key];
}

/** The change {"optimizer.<key>": value} that takes racer i to what the edited spec says, or null
 *  when this edit must restart (the option cannot change mid-run, or it was removed so its
 *  default would apply: a change sets values only). cat, method: the racer's running method. */
export function changeOf(cat, method, spec, i, key) {
  if (!changeable(cat, method, key)) return null;
  const v = optimizerValue(spec, i, key);
  if (v === undefined || v === null) return null;
  return { [`optimizer.${key}`]: v };
}

/** Racer i's optimizer as it runs at `step`: its complete spec's optimizer with the changes of its
 *  own (racer.spec.changes, step order) up to `step` applied, so the controls show the values in use.
 *  A change recorded at step s applies after s steps are done (docs/racing.md "Changes"), so it is
 *  in use once the run has done s steps: `step` counts the steps done. */
export function optimizerAt(racer, step = Infinity) {
  const o = { ...(racer?.spec?.optimizer ?? {}) };
  for (const c of byStep(racer?.spec?.changes)) {
    if (!(c?.step <= step)) continue;
    for (const [path, v] of Object.entries(c.set ?? {})) if (path.startsWith('optimizer.')) o[path.slice(10)] = v;
  }
  return o;
}

/** Whether a run that moved from `from` steps done to `to` (either way: a reset goes back to 0)
 *  passed one of the spec's changes (a change at step s is in use from s steps done on), so the
 *  values in use differ and the controls that show them must be redrawn. changes: spec.changes. */
export function passesChange(changes, from, to) {
  if (!Array.isArray(changes) || from === to) return false;
  const [lo, hi] = from < to ? [from, to] : [to, from];
  return changes.some((c) => c?.step > lo && c.step <= hi);
}

// The symbol a change's path is shown with (the book's: ε learning rate, m minibatch size, α
// momentum, λ weight decay); other paths by their option name.
const SET_SYMBOLS = { 'optimizer.lr': 'ε', batch_size: 'm', 'optimizer.momentum': 'α', 'optimizer.weight_decay': 'λ' };
const valueText = (v) => (Array.isArray(v) ? v.join(', ') : String(v));

/** What a change sets, as the step-axis charts and the racer panel show it: "ε → 0.05", or with
 *  `before` (the values it replaces: {'optimizer.lr': 0.1}) "ε 0.1 → 0.05". */
export function changeLabel(set, before = {}) {
  return Object.entries(set ?? {}).map(([k, v]) => {
    const was = before[k] === undefined || before[k] === null ? '' : `${valueText(before[k])} `;
    return `${SET_SYMBOLS[k] ?? k.replace(/^optimizer\./, '')} ${was}→ ${valueText(v)}`;
  }).join(', ');
}

/** The marks the step-axis charts draw for a spec's changes: one per step and label, in step order,
 *  with the racers it applies to. A batch size changed once in the page is recorded for every racer
 *  that takes the base's batch size, but it is one mark "m → 4" at its step, not one per racer.
 *  changes: spec.changes; returns [{step, text, racers: [i, …]}]. */
export function changeMarks(changes) {
  const marks = new Map();
  for (const c of byStep(changes)) {
    const text = changeLabel(c.set), key = `${c.step}\u0000${text}`;
    if (!marks.has(key)) marks.set(key, { step: c.step, text, racers: [] });
    const racers = marks.get(key).racers, i = c.racer ?? 0;
    if (!racers.includes(i)) racers.push(i);
  }
  return [...marks.values()];
}

/** Racer i's own recorded changes (racer.spec.changes) in step order, each with the values it
 *  replaces: [{step, set, before, own}], before = {path: value in use just before the change}, own:
 *  its place in racer.spec.changes (the spec's order; race-spec.js changePlaces maps it to
 *  spec.changes). */
export function changesOf(racer) {
  const list = Array.isArray(racer?.spec?.changes) ? racer.spec.changes : [];
  return byStep(list).map((c) => ({
    step: c.step, set: c.set ?? {}, before: Object.fromEntries(Object.keys(c.set ?? {}).map((p) => [p, valueAt(racer, c.step - 1, p)])),
    own: list.indexOf(c),
  }));
}

// Changes in the order the core applies them: by step, in list order within a step.
const byStep = (changes) => (Array.isArray(changes) ? changes.filter((c) => Number.isFinite(c?.step)) : [])
  .map((c, k) => [c, k]).sort((a, b) => a[0].step - b[0].step || a[1] - b[1]).map(([c]) => c);

/** The value of a change path ('optimizer.lr', 'batch_size') racer i uses at `step` (steps done):
 *  its complete spec's, with its own changes up to `step` applied. */
export function valueAt(racer, step, path) {
  if (path.startsWith('optimizer.')) return optimizerAt(racer, step)[path.slice(10)];
  let v = racer?.spec?.[path];
  for (const c of byStep(racer?.spec?.changes)) if (c.step <= step && c.set && path in c.set) v = c.set[path];
  return v;
}

/** The first field (path) where two specs differ, for the status line ('network.layers'); '' when
 *  they are the same. Arrays are compared whole (a layer list is one field). */
export function changedPath(a, b, path = '') {
  if (JSON.stringify(a) === JSON.stringify(b)) return '';
  const isObj = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);
  if (!isObj(a) || !isObj(b)) return path;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const p = changedPath(a[k], b[k], path ? `${path}.${k}` : k);
    if (p) return p;
  }
  return path;
}

/** An edit made against one spec, replayed onto another: every field that `edited` changes
 *  relative to `base` (set, replaced or removed, found by walking both as JSON) is set the same way
 *  in a copy of `onto`; everything else of `onto` stays. Objects are walked key by key, arrays of
 *  the same length in all three element by element (a layer's units edited while another request
 *  set its initializer keeps both), anything else is replaced whole. The page uses it when a control
 *  is moved while an earlier request (Apply, a lesson, a link) is still on its way to the worker:
 *  the control's edit was computed from the spec on screen, and replaying it onto the spec that is
 *  coming keeps both. base, edited, onto: JSON values (not changed); returns a new value. */
export function replayEdit(base, edited, onto) {
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  if (same(base, edited)) return structuredClone(onto);
  const isObj = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);
  if (isObj(base) && isObj(edited) && isObj(onto)) {
    const out = structuredClone(onto);
    for (const k of new Set([...Object.keys(base), ...Object.keys(edited)])) {
      if (same(base[k], edited[k])) continue;
      if (edited[k] === undefined) delete out[k];
      else out[k] = replayEdit(base[k], edited[k], onto[k]);
    }
    return out;
  }
  if (Array.isArray(base) && Array.isArray(edited) && Array.isArray(onto)
      && base.length === edited.length && onto.length === base.length) {
    return onto.map((o, i) => replayEdit(base[i], edited[i], o));
  }
  return structuredClone(edited);
}
