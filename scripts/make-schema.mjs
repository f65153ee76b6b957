#!/usr/bin/env node
// Writes schema/experiment.schema.json (scripts/lib/catalog-schema.mjs) and docs/spec-reference.md
// (scripts/lib/catalog-docs.mjs) from the core's catalog.
//
//   node scripts/make-schema.mjs          regenerate both (after changing core/run/catalog.cpp)
//   node scripts/make-schema.mjs --check  exit 1 if a committed file differs from the generated one
//
// The catalog comes from the native runner (build/native/optlab_native catalog), built first with
// `npm run build`; tests/node/catalog.test.mjs runs the same comparison in `npm test`.
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaText } from './lib/catalog-schema.mjs';
import { catalogMarkdown } from './lib/catalog-docs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(root, 'schema', 'experiment.schema.json');
const runner = join(root, 'build', 'native', 'optlab_native');
const r = spawnSync(runner, ['catalog'], { encoding: 'utf8' });
if (r.status !== 0) {
  process.stderr.write(`make-schema: \`${runner} catalog\` failed (${r.error?.message ?? r.stderr}); run npm run build first\n`);
  process.exit(2);
}
const catalog = JSON.parse(r.stdout);
const outputs = [[file, schemaText(catalog)], [join(root, 'docs', 'spec-reference.md'), catalogMarkdown(catalog)]];
let differs = false;
for (const [path, text] of outputs) {
  if (process.argv.includes('--check')) {
    let committed = '';
    try { committed = readFileSync(path, 'utf8'); } catch { /* missing: differs */ }
    if (committed !== text) {
      process.stderr.write(`make-schema: ${path} differs from the catalog; run node scripts/make-schema.mjs\n`);
      differs = true;
    }
  } else {
    writeFileSync(path, text);
    process.stdout.write(`make-schema: wrote ${path}\n`);
  }
}
if (differs) process.exit(1);
if (process.argv.includes('--check')) process.stdout.write('make-schema: the schema and docs/spec-reference.md match the catalog\n');
