// The JSON Schema of the experiment spec, as a pure function of the core's catalog
// (docs/catalog.md; `optlab_native catalog`). scripts/make-schema.mjs writes its result to
// schema/experiment.schema.json, and tests/node/catalog.test.mjs proves the committed file equals
// catalogToSchema(the built core's catalog), so a default or range changed in the catalog reaches
// the schema (and a hand edit of the schema fails the suite).
//
// What the schema cannot say and the C++ reader checks (its messages name the field): relations
// between fields (samples vs classes and test_fraction, batch_size ≤ the training set, c1 < c2,
// minval < maxval, groups dividing the units, x0's length, sparse k ≤ fan-in, the sparse-coding size,
// inline data's equal row lengths, its size limit and labels 0…k−1 with every class present).

const bound = (o, s) => {
  if (o.min !== undefined) s[o.min_open ? 'exclusiveMinimum' : 'minimum'] = o.min;
  if (o.max !== undefined) s[o.max_open ? 'exclusiveMaximum' : 'maximum'] = o.max;
  return s;
};

function describe(o) {
  const unit = o.unit ? ` (${o.unit})` : '';
  return `${o.symbol ? `${o.symbol}: ` : ''}${o.meaning}${unit}`;
}

// Schema of an object whose fields are `options` (no other keys).
function objectOf(options, ctx, extra = {}) {
  const properties = {};
  for (const o of options) properties[o.key] = optionSchema(o, ctx);
  const s = { type: 'object', additionalProperties: false, properties, ...extra };
  const required = options.filter((o) => o.required).map((o) => o.key);
  if (required.length) s.required = required;
  const rules = optionRules(options, ctx);
  if (rules.length) s.allOf = rules;
  return s;
}

// The value schema of one option (default and description included).
function optionSchema(o, ctx) {
  let s;
  switch (o.type) {
    case 'number': s = bound(o, { type: 'number' }); break;
    case 'integer': s = bound(o, { type: 'integer' }); break;
    case 'boolean': s = { type: 'boolean' }; break;
    case 'string': s = { type: 'string', ...(o.max_length ? { minLength: 1, maxLength: o.max_length } : {}) }; break;
    case 'choice':
      s = o.object && o.ref ? { $ref: `#/$defs/${ctx.namedDef(o)}` } : { enum: o.choices };
      break;
    case 'number_array': {
      const items = bound(o, { type: o.integer ? 'integer' : 'number' });
      s = { type: 'array', items };
      if (o.length) Object.assign(s, { minItems: o.length, maxItems: o.length });
      if (o.max_length) Object.assign(s, { minItems: 1, maxItems: o.max_length });
      // bounds apply to the items, not the array
      break;
    }
    case 'number_matrix': {
      // rows of numbers (inline data's x); the reader checks equal row lengths, finiteness and max_numbers
      s = { type: 'array', minItems: 1, items: { type: 'array', minItems: 1, items: { type: 'number' } } };
      if (o.max_features) s.items.maxItems = o.max_features;
      break;
    }
    case 'object_array': {
      // items: the catalog list of the items' options ("stage"), else a hidden layer's.
      const items = o.items ? ctx.catalog[o.items].options : ctx.catalog.network.layer.options;
      s = { type: 'array', items: objectOf(items, ctx) };
      if (o.min !== undefined && o.items) s.minItems = o.min;
      if (o.max !== undefined) s.maxItems = o.max;
      break;
    }
    case 'string_array':
      s = { type: 'array', minItems: 1, items: o.pattern ? { type: 'string', pattern: o.pattern } : { type: 'string' } };
      break;
    default: throw new Error(`catalog option ${o.key}: unknown type ${o.type}`);
  }
  const alternatives = [];
  for (const v of o.also ?? []) alternatives.push({ const: v });
  if (o.object && o.object.options) alternatives.push(objectOf(o.object.options, ctx));
  // "object": "hint" — the object form's options are the catalog list of that name.
  if (typeof o.object === 'string') alternatives.push(objectOf(ctx.catalog[o.object].options, ctx));
  if (alternatives.length) s = { anyOf: [s, ...alternatives] };
  if (o.default !== undefined) s.default = o.default;
  s.description = describe(o);
  return s;
}

// Cross-field rules the catalog states: aliases (not both forms), exclusions, options read only
// when another has a value (`requires`), and options of the chosen schedule/averaging entry.
function optionRules(options, ctx) {
  const rules = [];
  const keys = new Set(options.map((o) => o.key));
  for (const o of options) {
    if (o.alias_of && keys.has(o.alias_of.key)) {
      rules.push({ not: { required: [o.key, o.alias_of.key] } });
    }
    for (const other of o.excludes ?? []) rules.push({ not: { required: [o.key, other] } });
    for (const [k, cond] of Object.entries(o.requires ?? {})) {
      rules.push({ if: { required: [o.key] }, then: { required: [k], properties: { [k]: bound(cond, {}) } } });
    }
  }
  return rules;
}

// The sub-options a choice brings in (schedule → lr_final, tau …; average → ema_decay): allowed
// only when that entry is chosen (or is the default when the choice is absent).
function choiceOptionRules(choice, entries, ctx) {
  const chosen = entries.filter((e) => choice.choices.includes(e.name));
  const all = new Map();
  for (const e of chosen) for (const o of e.options) if (!all.has(o.key)) all.set(o.key, o);
  const rules = [];
  for (const e of chosen) {
    const mine = new Set(e.options.map((o) => o.key));
    const absent = [...all.keys()].filter((k) => !mine.has(k));
    const then = { properties: Object.fromEntries(e.options.map((o) => [o.key, optionSchema(o, ctx)])) };
    if (absent.length) then.not = { anyOf: absent.map((k) => ({ required: [k] })) };
    rules.push({ if: whenNamed(choice.key, e.name, choice.default), then });
  }
  return { keys: [...all.keys()], rules };
}

// "key is `name`" — or is absent when `name` is the default.
function whenNamed(key, name, def) {
  const named = { properties: { [key]: { const: name } }, required: [key] };
  return name === def ? { anyOf: [named, { not: { required: [key] } }] } : named;
}

// An object {"name": one of entries, …that entry's options} (datasets, optimizers, surfaces, the
// object form of initializers and norms). `common`: properties every variant allows.
function variants(entries, { def, required = !def, common = {} } = {}, ctx) {
  const names = entries.map((e) => e.name);
  const name = { enum: names, ...(def ? { default: def } : {}) };
  const allOf = entries.map((e) => {
    const props = { name: {} };
    const rules = optionRules(e.options, ctx);
    for (const o of e.options) {
      props[o.key] = optionSchema(o, ctx);
      if (o.type === 'choice' && o.ref && !o.object) {
        const sub = ctx.catalog[o.ref];
        if (sub && sub.some((x) => x.options.length)) {
          const r = choiceOptionRules(o, sub, ctx);
          for (const k of r.keys) props[k] ??= {};
          rules.push({ $ref: `#/$defs/${ctx.rulesDef(o, r.rules)}` });
        }
      }
    }
    Object.assign(props, common);
    const then = { properties: props, additionalProperties: false };
    const req = e.options.filter((o) => o.required).map((o) => o.key);
    if (req.length) then.required = req;
    if (rules.length) then.allOf = rules;
    return { if: whenNamed('name', e.name, def), then };
  });
  const s = { type: 'object', properties: { name }, allOf };
  if (required) s.required = ['name'];
  return s;
}

// [key, {runs, options}] of the catalog's top-level sections that belong to one kind of run.
export function catalogSections(catalog) {
  return Object.entries(catalog).filter(([, v]) => v && !Array.isArray(v) && typeof v === 'object' &&
    Array.isArray(v.runs) && Array.isArray(v.options));
}

// "racers" and "changes" (docs/racing.md). A racer is a JSON merge patch over the base spec, so
// its objects are partial (their fields are checked by the C++ reader on the merged spec, which
// names them racers[i].field) and null removes a key; its top-level scalars are checked here.
export function raceProperties(catalog, topOption) {
  const race = catalog.race;
  const nullable = (s) => ({ anyOf: [s, { type: 'null' }] });
  const racerProps = {};
  for (const o of race.racer.options) {
    racerProps[o.key] = { type: 'string', minLength: 1, maxLength: o.max_length, description: o.meaning };
  }
  for (const o of catalog.spec.options) racerProps[o.key] = nullable(topOption(o.key));
  for (const k of ['dataset', 'network', 'optimizer', 'problem', 'trace']) {
    racerProps[k] = { type: ['object', 'null'], description: `merged into the base spec's ${k} (RFC 7386; a different "name" replaces it)` };
  }
  const change = Object.fromEntries(race.change.options.map((o) => [o.key, o]));
  const set = change.set;
  return {
    racers: {
      type: 'array', minItems: 1, maxItems: race.max_racers,
      items: { type: 'object', additionalProperties: false, properties: racerProps },
      description: 'racers run side by side: each a partial spec merged over this one (docs/racing.md)',
    },
    changes: {
      type: 'array',
      items: {
        type: 'object', additionalProperties: false, required: ['step', 'set'],
        properties: {
          step: bound(change.step, { type: 'integer', description: describe(change.step) }),
          racer: bound(change.racer, { type: 'integer', description: describe(change.racer) }),
          set: {
            type: 'object', minProperties: 1, description: set.meaning,
            propertyNames: { pattern: '^(optimizer\\.[a-z0-9_]+|batch_size)$', not: { enum: set.not } },
          },
        },
      },
      description: 'hyperparameter changes at step boundaries, replayed bit for bit (docs/racing.md)',
    },
  };
}

export function catalogToSchema(catalog) {
  const defs = {};
  const ctx = {
    catalog,
    // One $defs entry per distinct choice (e.g. the first-order methods' "schedule") for the rules
    // of its entries' options, shared by every optimizer that has that choice.
    rulesDef(o, rules) {
      const key = `${o.ref}_${o.key}_${o.choices.length}`;
      defs[key] ??= { description: `options of the chosen ${o.key} (catalog ${o.ref})`, allOf: rules };
      return key;
    },
    // A $defs entry per distinct (list, names) of "name or {name, options}" fields.
    namedDef(o) {
      const base = o.ref.replace(/s$/, '');
      const list = catalog[o.ref].filter((e) => o.choices.includes(e.name));
      const key = list.length === catalog[o.ref].length ? base : `${base}_${list.length}`;
      if (!defs[key]) {
        defs[key] = {}; // reserve (recursion-safe)
        // A bare name: every option at its default, so entries with a required option need the object form.
        const bare = list.filter((e) => !e.options.some((x) => x.required)).map((e) => e.name);
        defs[key] = {
          description: `a name from the catalog's ${o.ref}, or {"name", that entry's options}`,
          anyOf: [{ enum: bare }, variants(list, { required: true }, ctx)],
        };
      }
      return key;
    },
  };
  const spec = Object.fromEntries(catalog.spec.options.map((o) => [o.key, o]));
  const topOption = (k) => optionSchema(spec[k], ctx);
  const networkOnly = catalog.spec.options.filter((o) => (o.runs ?? []).includes('network')).map((o) => o.key);
  const traceNetworkOnly = catalog.trace.options.filter((o) => (o.runs ?? []).includes('network')).map((o) => o.key);
  // Top-level objects for one kind of run ({runs, options} in the catalog): continuation (surfaces),
  // landscape (networks).
  const sections = catalogSections(catalog);
  const surfaceOnly = sections.filter(([, v]) => !v.runs.includes('network')).map(([k]) => k);
  const networkSections = sections.filter(([, v]) => !v.runs.includes('surface')).map(([k]) => k);
  const datasetDefault = catalog.default_names.dataset;
  const optimizerDefault = catalog.default_names.optimizer;
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'optlab/experiment.schema.json',
    title: 'optlab experiment spec',
    description: 'GENERATED from the core\'s catalog by scripts/make-schema.mjs — do not edit by hand. One JSON ' +
      'document describes a run. The C++ validator is authoritative and names the bad field in its message; it ' +
      'also checks relations between fields that a schema cannot (docs/catalog.md).',
    type: 'object',
    additionalProperties: false,
    properties: {
      seed: topOption('seed'),
      dataset: variants(catalog.datasets, { def: datasetDefault }, ctx),
      network: objectOf(catalog.network.options, ctx),
      optimizer: variants(catalog.optimizers, { def: optimizerDefault }, ctx),
      problem: variants(catalog.surfaces, { required: true }, ctx),
      ...(catalog.readouts ? { readout: variants(catalog.readouts, { def: catalog.readouts[0].name }, ctx) } : {}),
      ...Object.fromEntries(catalog.spec.options.filter((o) => o.key !== 'seed').map((o) => [o.key, topOption(o.key)])),
      trace: objectOf(catalog.trace.options, ctx),
      ...Object.fromEntries(sections.map(([k, v]) => [k, objectOf(v.options, ctx)])),
      ...(catalog.race ? raceProperties(catalog, topOption) : {}),
      ...(catalog.teacher ? { teacher: { ...objectOf(catalog.network.options, ctx), description: catalog.teacher.meaning } } : {}),
    },
    dependentSchemas: {
      ...Object.fromEntries(surfaceOnly.map((k) => [k, { required: ['problem'] }])),
      // A readout (core/run/repeated_multiplication.hpp) has only the seed beside it.
      ...(catalog.readouts ? { readout: { propertyNames: { enum: ['readout', 'seed'] } } } : {}),
      problem: {
        not: { anyOf: ['dataset', 'network', ...(catalog.teacher ? ['teacher'] : []), ...networkOnly, ...networkSections].map((k) => ({ required: [k] })) },
        properties: { trace: { not: { anyOf: traceNetworkOnly.map((k) => ({ required: [k] })) } } },
      },
    },
    $defs: defs,
  };
  return schema;
}

// The file's text: 2-space JSON with a final newline (what make-schema.mjs writes).
export function schemaText(catalog) {
  return `${JSON.stringify(catalogToSchema(catalog), null, 2)}\n`;
}
