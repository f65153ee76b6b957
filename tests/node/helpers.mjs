// Shared by the Node suites: paths of the two builds and a way to run both command-line runners.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const nativeRunner = join(root, 'build', 'native', 'optlab_native');
export const nodeRunner = join(root, 'cli', 'optlab.mjs');

const scratch = mkdtempSync(join(tmpdir(), 'optlab-node-test-'));
let counter = 0;

// Writes a spec (object or raw text) to a temporary file and runs a runner on it.
export function runRunner(which, spec) {
  const file = join(scratch, `spec-${counter++}.json`);
  writeFileSync(file, typeof spec === 'string' ? spec : JSON.stringify(spec));
  const [cmd, args] = which === 'native' ? [nativeRunner, ['run', file]] : [process.execPath, [nodeRunner, 'run', file]];
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
  const lines = r.stdout.split('\n').filter(Boolean);
  return { status: r.status, stderr: r.stderr, lines, rows: lines.map((l) => JSON.parse(l)) };
}
