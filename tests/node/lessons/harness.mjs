// The claim-test harness: runs a lesson through both command-line runners (`lesson <id>` of the
// WebAssembly runner under Node and of the native runner), requires them to print the same bytes,
// and hands the per-racer lines to the lesson's claim test. A claim test checks its claim from these
// lines only — never from the lesson file's text (docs/lessons.md).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { nativeRunner, nodeRunner, root } from '../helpers.mjs';

const cache = new Map();

function runOne(which, id) {
  const [cmd, args] = which === 'native' ? [nativeRunner, ['lesson', id]] : [process.execPath, [nodeRunner, 'lesson', id]];
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 512 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Groups a runner's JSON lines by racer: [{index, label, rows: [row…], summary}] in racer order.
 *  A spec without racers is one racer (index 0, label null). */
export function racersOf(lines) {
  const byIndex = new Map();
  for (const line of lines) {
    const index = line.racer ?? 0;
    if (!byIndex.has(index)) byIndex.set(index, { index, label: line.label ?? null, rows: [], summary: null });
    const racer = byIndex.get(index);
    if (line.summary === true) racer.summary = line; else racer.rows.push(line);
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

/** Runs lesson `id` in both runners (once per test process). Asserts that both finished (exit 0, or 3
 *  for a racer that diverged, when `allowDiverged`) with byte-identical output, and returns
 *  {racers, lines, stderr}: racers as racersOf gives them. */
export function runLesson(id, { allowDiverged = false } = {}) {
  if (!cache.has(id)) {
    const wasm = runOne('wasm', id);
    const native = runOne('native', id);
    const okStatus = allowDiverged ? [0, 3] : [0];
    assert.ok(okStatus.includes(wasm.status), `lesson ${id} (wasm runner) exited ${wasm.status}: ${wasm.stderr}`);
    assert.equal(native.status, wasm.status, `lesson ${id}: native runner exited ${native.status}, wasm ${wasm.status}: ${native.stderr}`);
    assert.ok(native.stdout === wasm.stdout, `lesson ${id}: the native and wasm runners printed different lines`);
    const lines = wasm.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    cache.set(id, { racers: racersOf(lines), lines, stderr: wasm.stderr });
  }
  return cache.get(id);
}

/** The column `key` of a racer's rows (a row without it gives undefined). */
export const column = (racer, key) => racer.rows.map((r) => r[key]);
/** The last logged row of a racer. */
export const last = (racer) => racer.rows[racer.rows.length - 1];
