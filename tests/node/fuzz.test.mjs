// Fuzz replay: the committed hostile corpus (tests/fuzz/corpus.jsonl, from tests/fuzz/cases.mjs)
// and a short seeded run of random spec mutations, through BOTH command-line runners. Each case must
// end cleanly within its time limit: exit 0 (finished), 2 (one "error: field: message" line) or 3
// (diverged, with the reason); never a crash, a signal, an uncaught exception or a hang; stderr and
// stdout valid UTF-8; every stdout line JSON; and the two runners agree on the outcome and message.
// OPTLAB_FUZZ_SEED=n replays another random run (the seed is printed with every failure).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nativeRunner, nodeRunner, root } from './helpers.mjs';
import { mutate, rng } from '../fuzz/cases.mjs';

const TIME_LIMIT_MS = 60000;  // per case and runner; generous for a loaded machine (cases take < 1 s)
const RANDOM_CASES = 40;
const SEED = Number.parseInt(process.env.OPTLAB_FUZZ_SEED ?? '20261129', 10);
const scratch = mkdtempSync(join(tmpdir(), 'optlab-fuzz-'));
const utf8 = new TextDecoder('utf-8', { fatal: true });

function runOnce(which, file) {
  const [cmd, args] = which === 'native' ? [nativeRunner, ['run', file]] : [process.execPath, [nodeRunner, 'run', file]];
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [], err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, TIME_LIMIT_MS);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, timedOut, stdout: Buffer.concat(out), stderr: Buffer.concat(err) });
    });
  });
}

// The problems with one runner's outcome, as sentences ([] when it ended cleanly).
function problems(r) {
  const bad = [];
  if (r.timedOut) return [`did not finish within ${TIME_LIMIT_MS / 1000} s`];
  if (r.signal) return [`killed by ${r.signal}`];
  let stdout = '', stderr = '';
  try { stdout = utf8.decode(r.stdout); } catch { bad.push('stdout is not valid UTF-8'); }
  try { stderr = utf8.decode(r.stderr); } catch { bad.push('stderr is not valid UTF-8'); }
  if (![0, 2, 3].includes(r.status)) bad.push(`exit status ${r.status} (stderr: ${stderr.slice(0, 300)})`);
  const lines = stdout.split('\n').filter(Boolean);
  const rows = [];
  for (const l of lines) {
    try { rows.push(JSON.parse(l)); } catch { bad.push(`a stdout line is not JSON: ${l.slice(0, 100)}`); break; }
  }
  if (/[\u0000-\u0008\u000b-\u001f]/.test(stderr)) bad.push('stderr holds a raw control character');
  if (r.status === 2) {
    if (!/^error: \S.*\S/.test(stderr) || /undefined|\[object|^error: spec: \d+$/m.test(stderr))
      bad.push(`a spec error without a readable message: ${JSON.stringify(stderr.slice(0, 200))}`);
    if (lines.length) bad.push('a refused spec printed rows');
  }
  if (r.status === 0 || r.status === 3) {
    const last = rows.at(-1);
    if (!last?.summary) bad.push('no summary line at the end');
    else if ((r.status === 3) !== (typeof last.diverged === 'string')) bad.push(`exit ${r.status} with diverged ${last.diverged}`);
    if (r.status === 3 && !/^warning: (diverged|stopped) at step \d+: \S/.test(stderr)) bad.push(`exit 3 without the reason: ${stderr.slice(0, 200)}`);
  }
  return bad;
}

let counter = 0;
async function check(name, text) {
  const file = join(scratch, `case-${counter++}.json`);
  writeFileSync(file, text);
  const [native, wasm] = await Promise.all([runOnce('native', file), runOnce('wasm', file)]);
  const bad = [...problems(native).map((p) => `native: ${p}`), ...problems(wasm).map((p) => `wasm: ${p}`)];
  if (!bad.length) {
    if (native.status !== wasm.status) bad.push(`native exits ${native.status}, wasm ${wasm.status}`);
    const firstLine = (b) => b.toString('utf8').split('\n')[0];
    // (The wasm runner reads the file as UTF-8, so bytes that are not UTF-8 reach it as U+FFFD and
    // its message may quote them differently; the outcome must still agree.)
    if (native.status === 2 && typeof text === 'string' && firstLine(native.stderr) !== firstLine(wasm.stderr))
      bad.push(`different messages:\n  native: ${firstLine(native.stderr)}\n  wasm:   ${firstLine(wasm.stderr)}`);
  }
  const shown = typeof text === 'string' ? text : text.toString('latin1');
  return bad.length ? `${name} (${JSON.stringify(shown.slice(0, 160))}${shown.length > 160 ? '…' : ''}):\n    ${bad.join('\n    ')}` : null;
}

// Runs cases two at a time (one per core) and collects the failures.
async function replay(cases) {
  const failures = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++];
      const f = await check(c.name, c.text);
      if (f) failures.push(f);
    }
  };
  await Promise.all([worker(), worker()]);
  return failures;
}

const corpus = readFileSync(join(root, 'tests', 'fuzz', 'corpus.jsonl'), 'utf8').split('\n').filter(Boolean)
  .map((l) => JSON.parse(l)).map((c) => ({ name: c.name, text: c.base64 ? Buffer.from(c.base64, 'base64') : c.text }));

test(`the fuzz corpus (${corpus.length} hostile specs) ends cleanly in both runners`, { timeout: 30 * 60 * 1000 }, async () => {
  assert.ok(corpus.length >= 250, 'the corpus holds a few hundred cases');
  const failures = await replay(corpus);
  assert.deepEqual(failures, [], `${failures.length} of ${corpus.length} cases failed:\n${failures.join('\n')}`);
});

test(`a seeded random fuzz run (${RANDOM_CASES} mutations, seed ${SEED}) ends cleanly in both runners`, { timeout: 10 * 60 * 1000 }, async () => {
  const r = rng(SEED);
  const cases = Array.from({ length: RANDOM_CASES }, (_, i) => ({ name: `seed ${SEED} mutation ${i}`, text: mutate(r) }));
  const failures = await replay(cases);
  assert.deepEqual(failures, [], `${failures.length} of ${RANDOM_CASES} mutations failed (OPTLAB_FUZZ_SEED=${SEED}):\n${failures.join('\n')}`);
});
