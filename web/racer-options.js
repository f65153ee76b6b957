// Which controls one racer's optimizer object gets: its method's sliders and the shared
// "schedule & regularization" fields, each joined with its catalog option (default, range) and its
// look (registry.js). No DOM; tested under Node (tests/node/web-state.test.mjs).
import {
  optimizerEntry, optionOf, optionDefault, isFirstOrder, optionApplies, scheduleEntry, averagingEntry, names,
} from './catalog.js';
import { paramLook, COMMON_LOOK } from './registry.js';

const COMMON_KEYS = new Set(COMMON_LOOK.map((c) => c.key));
const familyOf = (cat, from) => (Array.isArray(cat?.[from]) ? cat[from] : []);
// Keys that live in the catalog's schedules[] / averaging[] entries (not in an optimizer's options).
const keysIn = (cat, from) => new Set(familyOf(cat, from).flatMap((e) => (e.options ?? []).map((o) => o.key)));

/** Sliders of a method: [{key, index?, option, look, id}] in the catalog's order; id is the DOM
 *  suffix ("lr", "betas-0"). Options of the shared group and options without a numeric look
 *  (flags, choices) are not sliders; they survive in the object untouched. */
export function sliderParams(cat, method) {
  const out = [];
  for (const option of optimizerEntry(cat, method)?.options ?? []) {
    if (COMMON_KEYS.has(option.key) && !paramLook(method, option.key)) continue;
    if (option.type === 'number_array') {
      const n = option.length ?? (Array.isArray(option.default) ? option.default.length : 0);
      for (let index = 0; index < n; index++) {
        const look = paramLook(method, option.key, index);
        if (look) out.push({ key: option.key, index, option, look, id: `${option.key}-${index}` });
      }
    } else if (option.type === 'number' || option.type === 'integer') {
      const look = paramLook(method, option.key);
      if (look) out.push({ key: option.key, option, look, id: option.key });
    }
  }
  return out;
}

/** The catalog option behind a shared field for this method, or null when the method does not read it. */
function commonOption(cat, method, key) {
  const entry = optimizerEntry(cat, method);
  const own = optionOf(entry, key);
  if (own) return own;
  if (!isFirstOrder(cat, method)) {
    // Second-order methods read averaging only.
    if (key !== 'average' && !keysIn(cat, 'averaging').has(key)) return null;
  }
  if (key === 'schedule') return { key, type: 'choice', default: 'constant', choices: names(cat, 'schedules') };
  if (key === 'average') return { key, type: 'choice', default: 'none', choices: names(cat, 'averaging') };
  for (const from of ['schedules', 'averaging']) {
    for (const e of familyOf(cat, from)) {
      const o = optionOf(e, key);
      if (o) return o;
    }
  }
  return null;
}

/** Shared fields of a racer: [{look, option, shown}] for those the method reads; `shown` is false
 *  for a field the current choices make irrelevant (τ under a constant schedule). A field slid
 *  into the method's sliders (AdamW's own λ) is not repeated here. */
export function commonFields(cat, o) {
  const sliders = new Set(sliderParams(cat, o.name).map((p) => p.key));
  const schedule = scheduleEntry(cat, o.schedule ?? 'constant');
  const averaging = averagingEntry(cat, o.average ?? 'none');
  const out = [];
  for (const look of COMMON_LOOK) {
    if (sliders.has(look.key)) continue;
    const option = commonOption(cat, o.name, look.key);
    if (!option) continue;
    let shown = optionApplies(option, o);
    if (keysIn(cat, 'schedules').has(look.key)) shown = shown && !!optionOf(schedule, look.key);
    if (keysIn(cat, 'averaging').has(look.key)) shown = shown && !!optionOf(averaging, look.key);
    if (look.shownWhen) shown = shown && look.shownWhen(o);
    if (option.type === 'choice' && (option.choices ?? []).length < 2) shown = false;   // nothing to choose
    out.push({ look, option, shown });
  }
  return out;
}

/** Shared-field keys a method reads (kept when a racer switches to it). */
export function commonKeys(cat, method) {
  return COMMON_LOOK.map((c) => c.key).filter((k) => commonOption(cat, method, k));
}

/** Value of a slider parameter in an optimizer object, the catalog default where the object has none. */
export function paramValue(cat, o, p) {
  const v = o?.[p.key];
  if (p.index === undefined) return typeof v === 'number' ? v : optionDefault(p.option);
  return Array.isArray(v) && typeof v[p.index] === 'number' ? v[p.index] : optionDefault(p.option, p.index);
}
