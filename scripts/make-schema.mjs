#!/usr/bin/env node
// Writes schema/experiment.schema.json from the core's catalog (scripts/lib/catalog-schema.mjs).
//
//   node scripts/make-schema.mjs          regenerate the file (after changing core/run/catalog.cpp)
//   node scripts/make-schema.mjs --check  exit 1 if the committed file differs from the generated one
//
// The catalog comes from the native runner (build/native/optlab_native catalog), built first with
// `npm run build`; tests/node/catalog.test.mjs runs the same comparison in `npm test`.
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaText } from './lib/catalog-schema.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(root, 'schema', 'experiment.schema.json');
const runner = join(root, 'build', 'native', 'optlab_native');
const r = spawnSync(runner, ['catalog'], { encoding: 'utf8' });
if (r.status !== 0) {
  process.stderr.write(`make-schema: \`${runner} catalog\` failed (${r.error?.message ?? r.stderr}); run npm run build first\n`);
  process.exit(2);
}
const text = schemaText(JSON.parse(r.stdout));
if (process.argv.includes('--check')) {
  const committed = readFileSync(file, 'utf8');
  if (committed !== text) {
    process.stderr.write('make-schema: schema/experiment.schema.json differs from the catalog; run node scripts/make-schema.mjs\n');
    process.exit(1);
  }
  process.stdout.write('make-schema: schema/experiment.schema.json matches the catalog\n');
} else {
  writeFileSync(file, text);
  process.stdout.write(`make-schema: wrote ${file}\n`);
}
