#!/usr/bin/env node
// The benchmark driver behind `npm run bench` (scripts/optlab-dev.mjs builds first).
//
//   node bench/run.mjs [--rounds N] [--no-write] [--only race]
//
// 1. Every benchmark of the OPTLAB_BENCH registry (bench/native/*.cpp) except the training ones, once
//    natively (build/native/optlab_bench) and once in WebAssembly under Node
//    (build/wasm/node/optlab_bench_node.js); every JSON line is collected and tabulated generically,
//    grouped by its "bench" field, so new registry entries need no change here.
// 2. The training comparison of issue 7: the networks of bench/nets.mjs trained by optlab native,
//    optlab wasm and TensorFlow.js 4.22's wasm backend (bench/tfjs.mjs), in N rounds with the
//    implementations in rotating order (so a burst of load on this shared machine hits all of them
//    alike). Each process warms up and reports the median of 5 timed batches; the table shows the
//    median over rounds and its range.
// 3. The digits experiment of issue 14, bench/digits.mjs.
// 4. The page's race on every core (issue 12; bench/race.mjs): in Chromium, a 4-racer race on the
//    worker pool against one worker, and the page's frame time. `--only race` runs just this and
//    replaces its section of docs/benchmarks.md, keeping the rest of the file.
//
// The result is printed and written to docs/benchmarks.md (unless --no-write) — generated, never
// edited by hand.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { NETS, flopsPerStep } from './nets.mjs';
import { digitsBench, digitsMarkdown } from './digits.mjs';
import { raceBench } from './race.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NATIVE = path.join(ROOT, 'build', 'native', 'optlab_bench');
const WASM = path.join(ROOT, 'build', 'wasm', 'node', 'optlab_bench_node.js');
const TFJS = path.join(ROOT, 'bench', 'tfjs.mjs');
const OUT = path.join(ROOT, 'docs', 'benchmarks.md');

const say = (m) => process.stderr.write(`${m}\n`);

function parseArgs(argv) {
  const o = { rounds: 5, write: true, only: null };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--rounds') o.rounds = Math.max(1, Number.parseInt(argv[++i], 10) || 5);
    else if (argv[i] === '--no-write') o.write = false;
    else if (argv[i] === '--only' && argv[i + 1] === 'race') { o.only = 'race'; i++; }
    else throw new Error(`unknown argument ${argv[i]} (usage: node bench/run.mjs [--rounds N] [--no-write] [--only race])`);
  }
  return o;
}

// Runs a command and returns the JSON objects it printed, one per line.
function jsonLines(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${path.relative(ROOT, args[0] ?? cmd) || cmd} exited with ${code}: ${err.trim()}`));
      const lines = [];
      for (const line of out.split('\n')) {
        const t = line.trim();
        if (!t.startsWith('{')) continue;
        try { lines.push(JSON.parse(t)); } catch { say(`ignoring unparsable line: ${t}`); }
      }
      resolve(lines);
    });
  });
}

const IMPLS = {
  native: { label: 'optlab native', available: () => fs.existsSync(NATIVE), run: (a) => jsonLines(NATIVE, a) },
  wasm: { label: 'optlab wasm (Node)', available: () => fs.existsSync(WASM), run: (a) => jsonLines(process.execPath, [WASM, ...a]) },
  'tfjs-wasm': { label: 'TF.js 4.22 wasm+SIMD', available: () => fs.existsSync(TFJS), run: (a) => jsonLines(process.execPath, [TFJS, ...a]) },
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function fmt(v) {
  if (typeof v !== 'number') return v === undefined || v === null ? '' : String(v);
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e7) return String(v);
  const a = Math.abs(v);
  if (a >= 1e6) return v.toExponential(3);
  if (a >= 100) return v.toFixed(0);
  if (a >= 1) return v.toFixed(2);
  return v.toPrecision(3);
}
const thousands = (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');

function table(header, rows) {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function firstLine(cmd, args) {
  try { return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0].trim(); } catch { return 'unknown'; }
}

function machineInfo() {
  const cpus = os.cpus();
  const cache = path.join(ROOT, 'build', 'native', 'CMakeCache.txt');
  let cxx = 'c++';
  if (fs.existsSync(cache)) {
    const m = fs.readFileSync(cache, 'utf8').match(/^CMAKE_CXX_COMPILER:[A-Z]+=(.*)$/m);
    if (m) cxx = m[1];
  }
  return {
    cpu: `${cpus[0]?.model ?? 'unknown'} (${cpus.length} logical cores)`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    cxx: firstLine(cxx, ['--version']),
    emcc: firstLine('emcc', ['--version']),
    load: os.loadavg().map((x) => x.toFixed(2)).join(', '),
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = new Date();
  const info = machineInfo();
  say(`bench: ${info.cpu}; load average ${info.load}`);
  if (opts.only === 'race') { await onlyRace(opts, info); return; }

  // 1. The registry, minus the training benchmarks (measured below, alternating).
  const registry = [];
  for (const impl of ['native', 'wasm']) {
    if (!IMPLS[impl].available()) { say(`bench: ${IMPLS[impl].label} is not built; skipping its registry`); continue; }
    say(`bench: registry, ${IMPLS[impl].label}`);
    try { registry.push(...(await IMPLS[impl].run(['-train']))); } catch (e) { say(`bench: ${e.message}`); }
  }

  // 2. Training, alternating implementations.
  const order = Object.keys(IMPLS).filter((k) => IMPLS[k].available());
  const samples = {};  // `${net}/${impl}` → [steps/s]
  const meta = {};     // `${net}/${impl}` → last line
  let optimizer = null;
  for (let r = 0; r < opts.rounds; ++r) {
    const rot = order.map((_, i) => order[(i + r) % order.length]);
    for (const impl of rot) {
      const args = impl === 'tfjs-wasm' ? ['--optimizer', optimizer ?? 'adam', ...Object.keys(NETS)] : ['train_'];
      say(`bench: training round ${r + 1}/${opts.rounds}, ${IMPLS[impl].label}`);
      let lines = [];
      try { lines = await IMPLS[impl].run(args); } catch (e) { say(`bench: ${e.message}`); }
      for (const l of lines.filter((x) => x.bench === 'train')) {
        const key = `${l.net}/${impl}`;
        (samples[key] ??= []).push(l.steps_per_s);
        meta[key] = l;
        if (impl !== 'tfjs-wasm' && !optimizer) optimizer = l.optimizer;
      }
    }
  }

  // 3. The digits experiment (issue 14): epochs/s and test accuracy, optlab wasm beside TF.js wasm.
  let digits = [];
  say('bench: digits (bench/digits.mjs)');
  try { digits = await digitsBench(3); } catch (e) { say(`bench: digits: ${e.message}`); }

  // Report.
  const md = [];
  md.push('# Benchmarks');
  md.push('');
  md.push(`Generated by \`npm run bench\` (bench/run.mjs) on ${started.toISOString().replace(/\.\d+Z$/, 'Z')} — do not edit by hand; run it again.`);
  md.push('');
  md.push(`- CPU: ${info.cpu}`);
  md.push(`- OS: ${info.os}; Node ${info.node}`);
  md.push(`- native compiler: ${info.cxx}; wasm: ${info.emcc}`);
  md.push(`- load average when started: ${info.load}; at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(', ')} (a shared machine: compare ratios within this run, not absolute numbers across runs)`);
  md.push('');
  md.push('## Training throughput against TensorFlow.js');
  md.push('');
  md.push(`Each network is trained by optlab natively, by optlab's WebAssembly build in Node and by TensorFlow.js 4.22 with its WebAssembly backend (SIMD on, threads off), in ${opts.rounds} rounds with the three in rotating order. Each process warms up for 0.3 s and reports the median rate of 5 timed batches of ≥ 0.2 s; the table gives the median over rounds (range in brackets). GFLOP/s counts 2·m·n·k per matrix product of the forward and backward pass (dX of the first layer excluded) and nothing else. Data is seeded synthetic data; optlab trains through Model + NetworkObjective + the factory's optimizer (MLP) or a NetworkRun advanced many steps per call with whole-set evaluation only at the end (tiny net); TF.js through variables, ops and \`optimizer.minimize\` with no read-back per step (bench/tfjs.mjs).`);
  md.push('');
  const ratios = {};
  for (const [net, def] of Object.entries(NETS)) {
    const flops = flopsPerStep(def);
    md.push(`### ${def.title}`);
    md.push('');
    md.push(`${(flops / 1e6).toFixed(3)} MFLOP of matrix products per step.`);
    md.push('');
    const tf = samples[`${net}/tfjs-wasm`] ? median(samples[`${net}/tfjs-wasm`]) : NaN;
    const rows = [];
    for (const impl of Object.keys(IMPLS)) {
      const s = samples[`${net}/${impl}`];
      if (!s) { rows.push([IMPLS[impl].label, '—', 'not run', '', '', '', '']); continue; }
      const m = median(s);
      ratios[`${net}/${impl}`] = m;
      rows.push([
        IMPLS[impl].label,
        meta[`${net}/${impl}`].optimizer ?? '',
        `${thousands(m)} [${thousands(Math.min(...s))}–${thousands(Math.max(...s))}]`,
        thousands(m * def.batch),
        (m * flops / 1e9).toFixed(2),
        Number.isFinite(tf) ? `${(m / tf).toFixed(1)}×` : '—',
      ]);
    }
    md.push(table(['implementation', 'optimizer', 'steps/s', 'examples/s', 'GFLOP/s', '× TF.js'], rows));
    md.push('');
  }
  const r = (a, b) => (ratios[a] && ratios[b] ? ratios[a] / ratios[b] : NaN);
  const targets = [
    ['(a) MLP: optlab wasm ÷ TF.js wasm', r('mlp/wasm', 'mlp/tfjs-wasm'), 5],
    ['(b) tiny: optlab wasm ÷ TF.js wasm', r('tiny/wasm', 'tiny/tfjs-wasm'), 30],
    ['(a) MLP: optlab wasm ÷ optlab native', r('mlp/wasm', 'mlp/native'), 0.35],
  ];
  md.push('### Targets (issue 7)');
  md.push('');
  md.push(table(['ratio', 'measured', 'target', 'met'], targets.map(([name, v, t]) => [
    name, Number.isFinite(v) ? `${v.toFixed(2)}×` : '—', `≥ ${t}×`, Number.isFinite(v) ? (v >= t ? 'yes' : '**no**') : '—',
  ])));
  md.push('');
  if (optimizer && optimizer !== 'adam') {
    md.push(`Note: the optimizer factory has no Adam yet, so optlab trained with ${optimizer} (lr 1e-3) and TF.js was given the same optimizer for a like-for-like comparison.`);
    md.push('');
  }

  // Where an MLP step goes, from the profile_mlp_step registry entry (each phase timed alone).
  const prof = registry.filter((l) => l.bench === 'profile_mlp_step');
  if (prof.length) {
    md.push('### Where an MLP step goes');
    md.push('');
    const rows = [];
    for (const build of ['native', 'wasm']) {
      const ph = Object.fromEntries(prof.filter((l) => l.build === build).map((l) => [l.phase, l.us_per_call]));
      const step = ph['whole step (optimizer.step)'];
      const products = (ph.forward ?? NaN) + (ph.backward ?? NaN);
      if (!Number.isFinite(step)) continue;
      rows.push([build, step.toFixed(0), products.toFixed(0), `${((100 * products) / step).toFixed(0)}%`,
        (ph['loss + dloss'] ?? NaN).toFixed(1), (ph['gather batch (set_batch)'] ?? NaN).toFixed(1)]);
    }
    md.push(table(['build', 'step µs', 'forward + backward µs', 'share', 'loss µs', 'batch gather µs'], rows));
    md.push('');
    md.push('Forward and backward are almost all matrix products (see the matmul table below for their rates against Eigen 3.4); the rest of a step is the optimizer update over 109,386 parameters, the loss and the minibatch gather.');
    md.push('');
  }

  if (digits.length) md.push(digitsMarkdown(digits));
  try { md.push(...(await raceBench({ rounds: opts.rounds, loadAtStart: info.load }))); } catch (e) { say(`bench: race: ${e.message}`); md.push(RACE_HEADING, '', `(not run: ${e.message})`, ''); }

  md.push('## Registry benchmarks');
  md.push('');
  md.push('Every other OPTLAB_BENCH entry (bench/native/), native and wasm, as printed, grouped by "bench".');
  md.push('');
  const groups = new Map();
  for (const l of registry) {
    if (!groups.has(l.bench)) groups.set(l.bench, []);
    groups.get(l.bench).push(l);
  }
  if (groups.size === 0) md.push('(none ran)');
  for (const [name, lines] of groups) {
    const cols = [];
    for (const l of lines) for (const k of Object.keys(l)) if (k !== 'bench' && k !== 'build' && !cols.includes(k)) cols.push(k);
    md.push(`### ${name}`);
    md.push('');
    md.push(table(['build', ...cols], lines.map((l) => [l.build ?? '', ...cols.map((c) => fmt(l[c]))])));
    md.push('');
  }

  const text = `${md.join('\n').trimEnd()}\n`;
  process.stdout.write(text);
  if (opts.write) {
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, text);
    say(`bench: wrote ${path.relative(ROOT, OUT)}`);
  }
}

const RACE_HEADING = '## A race on every core (issue 12)';
// --only race: the page's race benchmark alone; its section of docs/benchmarks.md is replaced (or
// added before the registry benchmarks), the rest of the file kept as the last full run wrote it.
async function onlyRace(opts, info) {
  const section = (await raceBench({ rounds: opts.rounds, loadAtStart: info.load })).join('\n').trimEnd();
  process.stdout.write(`${section}\n`);
  if (!opts.write) return;
  let text = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '# Benchmarks\n';
  const at = text.indexOf(RACE_HEADING);
  if (at >= 0) {
    const next = text.indexOf('\n## ', at + RACE_HEADING.length);
    text = text.slice(0, at) + section + '\n' + (next >= 0 ? text.slice(next) : '');
  } else {
    const reg = text.indexOf('## Registry benchmarks');
    text = reg >= 0 ? `${text.slice(0, reg)}${section}\n\n${text.slice(reg)}` : `${text.trimEnd()}\n\n${section}\n`;
  }
  fs.writeFileSync(OUT, text);
  say(`bench: wrote the race section of ${path.relative(ROOT, OUT)}`);
}

main().catch((e) => { say(`bench: ${e.stack ?? e}`); process.exit(1); });
