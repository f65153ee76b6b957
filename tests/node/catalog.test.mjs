// The catalog (core/run/catalog.cpp, docs/catalog.md) is the one source of the spec's names,
// defaults and ranges. These tests prove that everything else agrees with it:
//   - both runners and lab.catalog() give the same catalog, byte for byte;
//   - the committed schema is exactly the one generated from it (scripts/make-schema.mjs), and the
//     generator is a pure function of the catalog (a changed default or range shows in the schema);
//   - both runners' validators equal the catalog: every option of every entry is probed at its
//     edges (default applied when absent, min/max accepted or rejected as min_open/max_open say,
//     a wrong type rejected naming the field's path), through the `validate` command of each runner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOptlab } from '../../wasm/optlab.js';
import { catalogToSchema, schemaText } from '../../scripts/lib/catalog-schema.mjs';
import { catalogMarkdown } from '../../scripts/lib/catalog-docs.mjs';
import { nativeRunner, nodeRunner, root } from './helpers.mjs';
import { makeProbes } from './catalog-probes.mjs';

const lab = await loadOptlab();
const catalog = lab.catalog();

function runner(which, args, input) {
  const [cmd, argv] = which === 'native' ? [nativeRunner, args] : [process.execPath, [nodeRunner, ...args]];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 256 << 20, input });
  assert.equal(r.status, 0, `${which} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

test('both runners and lab.catalog() give the same catalog, byte for byte', () => {
  const native = runner('native', ['catalog']);
  const node = runner('node', ['catalog']);
  assert.equal(node, native);
  assert.equal(`${lab.catalogText()}\n`, native);
  assert.deepEqual(JSON.parse(native), catalog);
});

test('the catalog has the contract\'s lists, each option typed and each surface with its oracle and rates', () => {
  for (const key of ['datasets', 'surfaces', 'optimizers', 'schedules', 'averaging', 'initializers', 'norms',
    'activations', 'losses']) {
    assert.ok(Array.isArray(catalog[key]) && catalog[key].length > 0, key);
  }
  const types = new Set(['number', 'integer', 'boolean', 'string', 'choice', 'number_array', 'object_array', 'number_matrix', 'string_array']);
  for (const o of allOptions()) assert.ok(types.has(o.option.type), `${o.path}: ${o.option.type}`);
  const methods = catalog.optimizers.map((o) => o.name);
  for (const s of catalog.surfaces) {
    assert.equal(s.x0.length, s.dim, s.name);
    for (const m of methods) assert.ok(s.lr[m] > 0, `${s.name}.lr.${m}`);
  }
  for (const o of catalog.optimizers) assert.ok(o.lr.network > 0 && ['first_order', 'second_order'].includes(o.kind));
});

test('the committed schema is the one generated from the catalog', () => {
  const committed = readFileSync(join(root, 'schema', 'experiment.schema.json'), 'utf8');
  assert.equal(committed, schemaText(catalog), 'run `node scripts/make-schema.mjs` after changing the catalog');
});

test('docs/spec-reference.md is the one generated from the catalog, so the docs list every name and default', () => {
  const committed = readFileSync(join(root, 'docs', 'spec-reference.md'), 'utf8');
  assert.equal(committed, catalogMarkdown(catalog), 'run `node scripts/make-schema.mjs` after changing the catalog');
  for (const key of ['datasets', 'surfaces', 'optimizers', 'schedules', 'averaging', 'initializers', 'norms',
    'activations', 'losses']) {
    for (const e of catalog[key]) assert.ok(committed.includes(`\`${e.name}\``), `${key}: ${e.name}`);
  }
});

test('a changed default or range in the catalog shows in the generated schema and docs', () => {
  const changed = structuredClone(catalog);
  const adam = changed.optimizers.find((o) => o.name === 'adam');
  adam.options.find((o) => o.key === 'eps').default = 3e-7;
  const seed = changed.spec.options.find((o) => o.key === 'seed');
  seed.max = 12345;
  const units = changed.network.layer.options.find((o) => o.key === 'units');
  units.max = 77;
  const before = catalogToSchema(catalog);
  const after = catalogToSchema(changed);
  assert.equal(before.properties.seed.maximum, 9007199254740991);
  assert.equal(after.properties.seed.maximum, 12345);
  const adamThen = (s) => s.properties.optimizer.allOf.find((r) => JSON.stringify(r.if).includes('"adam"')).then;
  assert.equal(adamThen(before).properties.eps.default, 1e-8);
  assert.equal(adamThen(after).properties.eps.default, 3e-7);
  assert.equal(after.properties.network.properties.layers.items.properties.units.maximum, 77);
  assert.match(catalogMarkdown(changed), /\| `eps` \| number \| `3e-7` \|/);
  assert.doesNotMatch(catalogMarkdown(catalog), /`3e-7`/);
  // A pure function: the catalog it was given is untouched, and the same input gives the same text.
  assert.equal(schemaText(catalog), schemaText(structuredClone(catalog)));
});

// ---- the validators equal the catalog ---------------------------------------------------------

const { get, allOptions, probes } = makeProbes(catalog);

// The two runners' results for one spec agree: the same verdict, field and message, and the same
// normalized spec — except sparse_coding's generated start point, whose last bits still differ
// between the native and the wasm build (bit-identity of the data generation is issue 11's
// native-vs-wasm corpus, not the validator's business).
function sameVerdict(a, b) {
  const mask = (r) => {
    const c = structuredClone(r);
    if (c.spec?.problem?.name === 'sparse_coding') delete c.spec.problem.x0;
    return c;
  };
  return JSON.stringify(mask(a)) === JSON.stringify(mask(b));
}

test('both validators apply every default, accept and reject every edge, and name the field of a wrong value', () => {
  const cases = allOptions().flatMap(probes);
  assert.ok(cases.length > 500, `only ${cases.length} probes`);
  const dir = mkdtempSync(join(tmpdir(), 'optlab-catalog-'));
  const file = join(dir, 'probes.jsonl');
  writeFileSync(file, `${cases.map((c) => JSON.stringify(c.spec)).join('\n')}\n`);
  const native = runner('native', ['validate', file]).trimEnd().split('\n');
  const node = runner('node', ['validate', file]).trimEnd().split('\n');
  assert.equal(native.length, cases.length);
  const failures = [];
  cases.forEach((c, i) => {
    // A formula surface is parsed by math.js in the JavaScript runners only; the native runner
    // rejects it naming problem.f (tests/node/formula.test.mjs checks its message).
    if (c.spec.problem?.name === 'formula') {
      const n = JSON.parse(native[i]);
      if (n.ok || !n.field.startsWith('problem.')) failures.push(`native accepted a formula: ${native[i].slice(0, 200)}`);
    }
    const r = JSON.parse(c.spec.problem?.name === 'formula' ? node[i] : native[i]);
    if (c.spec.problem?.name !== 'formula' && native[i] !== node[i] && sameVerdict(r, JSON.parse(node[i])) !== true) {
      failures.push(`runners differ on ${JSON.stringify(c.spec)}:\n  ${native[i].slice(0, 300)}\n  ${node[i].slice(0, 300)}`);
    }
    const label = `${c.field} (${c.why}) in ${JSON.stringify(c.spec)}`;
    if (r.ok !== c.ok) {
      failures.push(`${label}: expected ${c.ok ? 'accepted' : 'rejected'}, got ${r.ok ? 'accepted' : r.message}`);
      return;
    }
    if (!c.ok && r.field !== c.field && !r.field.startsWith(`${c.field}[`)) {
      failures.push(`${label}: rejected naming ${r.field}, not ${c.field}: ${r.message}`);
    }
    if (c.normalized !== undefined) {
      const path = c.field.split(/\.|\[(\d+)\]/).filter((k) => k).map((k) => (/^\d+$/.test(k) ? Number(k) : k));
      const got = get(r.spec, path);
      try {
        assert.deepEqual(got, c.normalized);
      } catch {
        failures.push(`${label}: default ${JSON.stringify(c.normalized)}, normalized ${JSON.stringify(got)}`);
      }
    }
  });
  assert.deepEqual(failures, [], `${failures.length} of ${cases.length} probes disagree with the catalog`);
});
