// The catalog probes (shared by catalog.test.mjs and core-messages.test.mjs): every option of the
// catalog at its edges — the default when absent, min/max just inside and outside, an unknown name,
// a wrong type — each as {spec, ok, field, why}. makeProbes(catalog) gives the generators.

import { catalogSections } from '../../scripts/lib/catalog-schema.mjs';

export function makeProbes(catalog) {
  const ABSENT = Symbol('absent');

  // Sets `value` at `path` (["optimizer", "lr"], ["network", "layers", 0, "init", "gain"]) in a copy
  // of `base`; ABSENT removes it.
  function place(base, path, value) {
    const spec = structuredClone(base);
    let o = spec;
    for (let i = 0; i < path.length - 1; ++i) {
      o[path[i]] ??= typeof path[i + 1] === 'number' ? [] : {};
      o = o[path[i]];
    }
    if (value === ABSENT) delete o[path.at(-1)];
    else o[path.at(-1)] = value;
    return spec;
  }
  const get = (obj, path) => path.reduce((o, k) => (o == null ? undefined : o[k]), obj);
  const fieldOf = (path) => path.reduce((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');

  // Every option of the catalog with a base spec in which it is read, its path, and its default
  // (including the kind-dependent ones). `base` also satisfies the relations between fields the
  // catalog does not state (batch size vs data, c1 < c2, k ≤ fan-in, groups dividing the units …).
  function allOptions() {
    const out = [];
    const add = (option, base, path, def = option.default) => out.push({ option, base, path, def });
    const net = { steps: 100 };
    for (const o of catalog.spec.options) {
      if (o.key === 'batch_size') {
        add(o, { dataset: { samples: 100000, test_fraction: 0 } }, [o.key]);
        continue;
      }
      add(o, o.key === 'stages' ? {} : net, [o.key], o.defaults ? o.defaults.network : o.default);
      // (Surfaces log every step by default: 10⁷ steps then need a sparser log to fit, run/spec_limits.hpp.)
      if (o.defaults) add(o, { problem: { name: 'booth' }, ...(o.key === 'steps' ? { log_every: 1000 } : {}) }, [o.key], o.defaults.surface);
    }
    for (const d of catalog.datasets) {
      // inline data needs its examples: 20 rows of 2 features in 2 classes (test_fraction 0.9 leaves 2 to train).
      const given = { x: Array.from({ length: 20 }, (_, i) => [i, i % 3]), y: Array.from({ length: 20 }, (_, i) => i % 2) };
      for (const o of d.options) {
        add(o, { dataset: { name: d.name, ...(d.name === 'inline' ? given : {}) }, batch_size: 1 }, ['dataset', o.key]);
      }
    }
    for (const o of catalog.network.options) {
      add(o, { dataset: { name: 'xor' } }, ['network', o.key]);
    }
    for (const o of catalog.network.layer.options) {
      if (o.when?.type) {
        // Options of a recurrent layer: the first layer of that type, on a sequence data set.
        add(o, { dataset: { name: 'recall' }, network: { layers: [{ units: 16, type: o.when.type.at(-1) }] } }, ['network', 'layers', 0, o.key]);
        continue;
      }
      // The second layer has fan-in 16, so every initializer fits it with its defaults (sparse: k = 15).
      add(o, { network: { layers: [{ units: 16 }, { units: 16 }] } }, ['network', 'layers', 1, o.key]);
    }
    for (const o of catalog.trace.options) {
      // A list of steps may reach the maximum number of steps; {"every": k} traces at most 2000 steps.
      add(o, o.key === 'layers' ? { steps: 10000000, log_every: 10000000 } : net, ['trace', o.key]);
      for (const sub of o.object?.options ?? []) add(sub, { ...net, trace: { [o.key]: {} } }, ['trace', o.key, sub.key]);
    }
    // Staged training and curriculum (run/stages_spec.hpp): bases with the layers and teacher stage an
    // option's edges need (depth 64 needs 64 hidden layers; a hint layer 63 a teacher of 64).
    const deep = { layers: Array.from({ length: 64 }, () => ({ units: 1 })) };
    const withTeacher = { teacher: { layers: [{ units: 4 }] }, stages: [{ steps: 1 }, { steps: 1, model: 'teacher' }] };
    for (const o of catalog.stage?.options ?? []) {
      const base = o.key === 'model' ? withTeacher : { network: deep, log_every: 1000, stages: [{ steps: 1 }] };
      add(o, base, ['stages', 0, o.key]);
    }
    for (const [list, key] of [[catalog.hint?.options ?? [], 'hint'], [catalog.distill?.options ?? [], 'distill']]) {
      for (const o of list) {
        const base = { teacher: deep, network: deep, stages: [{ steps: 1, model: 'teacher' }, { steps: 1, [key]: {} }] };
        add(o, base, ['stages', 1, key, o.key]);
      }
    }
    for (const o of catalog.curriculum?.options ?? []) add(o, { curriculum: {} }, ['curriculum', o.key]);
    for (const e of catalog.optimizers) {
      for (const o of e.options) {
        const base = { optimizer: { name: e.name } };
        if (o.requires) for (const [k, c] of Object.entries(o.requires)) base.optimizer[k] = c.min;
        if (o.key === 'c1') base.optimizer.c2 = 1 - 1e-12;
        if (o.key === 'c2') base.optimizer.c1 = 1e-300;
        if (o.key === 'lr') {
          add(o, base, ['optimizer', 'lr'], e.lr.network);
          for (const s of catalog.surfaces) {
            const problem = { name: s.name, ...(s.user_function ? { f: 'x^2 + y^2' } : {}) };
            add(o, { problem, optimizer: { name: e.name } }, ['optimizer', 'lr'], s.lr[e.name]);
          }
          continue;
        }
        add(o, base, ['optimizer', o.key]);
      }
    }
    for (const s of catalog.schedules) {
      for (const o of s.options) {
        const base = { optimizer: { name: 'sgd', lr: 0.5, schedule: s.name } };
        add(o, base, ['optimizer', o.key], o.default_factor ? 0.5 * o.default_factor.factor : o.default);
      }
    }
    for (const a of catalog.averaging) {
      for (const o of a.options) add(o, { optimizer: { name: 'momentum', average: a.name } }, ['optimizer', o.key]);
    }
    for (const i of catalog.initializers) {
      for (const o of i.options) {
        // The second layer has fan-in 4096, so sparse's k may reach its maximum.
        add(o, { network: { layers: [{ units: 4096 }, { units: 2, init: { name: i.name } }] } },
          ['network', 'layers', 1, 'init', o.key]);
      }
    }
    for (const n of catalog.norms) {
      for (const o of n.options) {
        const norm = { name: n.name, ...(n.name === 'group_norm' && o.key !== 'groups' ? { groups: 2 } : {}) };
        add(o, { network: { layers: [{ units: 4096, norm }] } }, ['network', 'layers', 0, 'norm', o.key]);
      }
    }
    for (const s of catalog.surfaces) {
      for (const o of s.options) {
        const problem = { name: s.name, ...(s.name === 'sparse_coding' && o.key === 'samples' ? { atoms: 1 } : {}),
          ...(s.user_function && o.key !== 'f' ? { f: 'x^2 + y^2' } : {}) };
        add(o, { problem }, ['problem', o.key], o.key === 'x0' ? s.x0 : o.default);
      }
    }
    // Sections of one kind of run (continuation: surfaces; landscape: networks). A range's other end
    // is set as far out as it goes, so a bound of alpha_min is probed with alpha_max at its maximum.
    const partner = { alpha_min: ['alpha_max', 1e3], alpha_max: ['alpha_min', -1e3], plane_min: ['plane_max', 1e3],
      plane_max: ['plane_min', -1e3] };
    for (const [key, section] of catalogSections(catalog)) {
      for (const o of section.options) {
        const own = {};
        if (o.when) for (const [k, v] of Object.entries(o.when)) own[k] = v[0];
        if (partner[o.key]) own[partner[o.key][0]] = partner[o.key][1];
        const base = section.runs.includes('surface')
          ? { problem: { name: 'rastrigin' }, steps: 1000, log_every: 1000, [key]: own } : { ...net, [key]: own };
        add(o, base, [key, o.key]);
      }
    }
    return out;
  }

  // The largest step that still counts as "just inside" or "just outside" a bound.
  const nudge = (v) => Math.max(Math.abs(v), 1) * 1e-9;

  // Probes of one option: [{spec, ok, field?, value?, why}].
  function probes({ option: o, base, path, def }) {
    const list = [];
    const field = fieldOf(path);
    const at = (value, ok, why, extra = {}) => list.push({ spec: place(base, path, value), ok, field, why, ...extra });
    // Default applied when absent (checked on the normalized spec).
    // (An alias such as beta1 is normalized in the form given, betas by default.)
    if (def !== undefined && def !== null && !o.required && !o.alias_of) {
      at(ABSENT, true, 'default when absent', { normalized: def });
    }
    const arrayItem = o.type === 'number_array';
    const wrap = (v) => {
      if (!arrayItem) return v;
      if (o.length) return Array.from({ length: o.length }, (_, i) => (i === 0 ? v : o.default?.[i] ?? v));
      return [v];
    };
    const itemField = arrayItem && o.length ? `${field}[0]` : field;
    const numeric = ['number', 'integer', 'number_array', 'object_array'].includes(o.type);
    if (numeric && o.type !== 'object_array' && !o.length_from) {
      const step = o.type === 'integer' || o.integer ? () => 1 : nudge;
      if (o.min !== undefined) {
        at(wrap(o.min), !o.min_open, `min ${o.min}${o.min_open ? ' (open)' : ''}`, { field: itemField });
        if (o.min_open) at(wrap(o.min + step(o.min)), true, 'just above an open min');
        else at(wrap(o.min - step(o.min)), false, 'just below min', { field: itemField });
      }
      if (o.max !== undefined) {
        at(wrap(o.max), !o.max_open, `max ${o.max}${o.max_open ? ' (open)' : ''}`, { field: itemField });
        if (o.max_open) at(wrap(o.max - step(o.max)), true, 'just below an open max');
        else at(wrap(o.max + step(o.max)), false, 'just above max', { field: itemField });
      }
    }
    if (o.type === 'object_array' && o.max !== undefined) {
      const item = () => (o.items === 'stage' ? { steps: 1 } : { units: 1 });
      at(Array.from({ length: o.max }, item), true, `${o.max} items`);
      at(Array.from({ length: o.max + 1 }, item), false, `${o.max + 1} items`);
    }
    if (o.type === 'choice') {
      at(`no_such_${o.key}`, false, 'an unknown name');
      for (const c of o.choices) {
        const entry = o.ref ? catalog[o.ref]?.find((e) => e.name === c) : null;
        if (entry?.options.some((x) => x.required)) continue;  // needs its object form
        if ((UNFIT[field] ?? []).includes(c)) continue;
        at(c, true, `choice ${c}`);
      }
    }
    // A wrong type, rejected naming the field.
    const wrong = { number: 'x', integer: 'x', boolean: 1, string: 2, choice: 5, number_array: 'x', object_array: 'x', number_matrix: 'x', string_array: 5 }[o.type];
    if (!(o.also ?? []).includes(wrong)) at(wrong, false, 'a wrong type');
    if (o.type === 'integer') at(1.5, false, 'not an integer');
    return list;
  }

  // Choices the base spec rules out by a relation between fields: sparse's default k = 15 nonzero
  // weights per unit needs a fan-in of at least 15, and the output bias is a 1 × 2 matrix.
  const UNFIT = {
    'network.output_bias_init': ['sparse'],
    // Only the first layer may be recurrent, on a sequence data set (core/run/spec.cpp).
    'network.layers[1].type': ['rnn', 'lstm'],
  };

  return { ABSENT, place, get, fieldOf, allOptions, probes };
}
