#!/usr/bin/env node
// The developer entry point behind the npm scripts (plain Node, no dependencies):
//
//   npm start                     setup, build, serve dist/ on http://127.0.0.1:$PORT (8080 or next free)
//   npm test                      setup, build, run native + node + browser suites, print "N passed, N failed"
//   npm run build                 setup, then native, wasm and web builds
//   npm run bench                 setup, build, node bench/run.mjs
//   npm run -s optlab:native -- ARGS   run build/native/optlab_native ARGS (built first if missing)
//   node scripts/optlab-dev.mjs setup  only the package / node_modules check
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setup } from './lib/setup.mjs';
import { buildAll, buildNative, buildSanitize } from './lib/build.mjs';
import { runNativeSuite, runSanitizeSuite, runTapSuite, formatSummary } from './lib/test-suites.mjs';
import { startServer } from './serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NATIVE_CLI = path.join(ROOT, 'build', 'native', 'optlab_native');

const toStdout = (msg) => process.stdout.write(`${msg}\n`);
const toStderr = (msg) => process.stderr.write(`${msg}\n`);

async function cmdSetup(say = toStdout) {
  const ok = await setup({ root: ROOT, say });
  if (!ok) process.exit(1);
}

async function cmdBuild() {
  await cmdSetup();
  const b = await buildAll({ root: ROOT, say: toStdout });
  toStdout(['build summary:', `  ${b.native.message}`, `  ${b.wasm.message}`, `  ${b.web.message}`].join('\n'));
  return b;
}

async function cmdStart() {
  const b = await cmdBuild();
  if (!b.wasm.ok || !b.web.ok) {
    toStdout('start: the page cannot be served because the wasm build or the web bundle failed (see above)');
    process.exit(1);
  }
  if (!b.native.ok) toStdout('start: the native build failed; serving the page anyway (it only needs wasm)');
  const dist = path.join(ROOT, 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    toStdout('start: dist/index.html does not exist, so there is no page to serve yet (web/build.mjs writes it)');
    process.exit(1);
  }
  const port = Number.parseInt(process.env.PORT ?? '8080', 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    toStdout(`start: PORT=${process.env.PORT} is not a port number`);
    process.exit(1);
  }
  const srv = await startServer({ root: dist, port });
  if (srv.port !== port && port !== 0) toStdout(`start: port ${port} is in use; using ${srv.port}`);
  toStdout(`optlab is running at ${srv.url}`);
  toStdout('press Ctrl+C to stop');
  const stop = async () => { await srv.close(); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function cmdTest() {
  await cmdSetup();
  const outDir = path.join(ROOT, 'test-output');
  fs.mkdirSync(outDir, { recursive: true });
  const buildLog = path.join(outDir, 'build.log');
  fs.writeFileSync(buildLog, '');
  toStdout(`building (output in ${path.relative(ROOT, buildLog)})`);
  const b = await buildAll({ root: ROOT, say: toStdout, out: buildLog });
  const sanitizeBuild = await buildSanitize({ root: ROOT, say: toStdout, out: buildLog });
  for (const step of [b.native, b.wasm, b.web, sanitizeBuild]) toStdout(`  ${step.message}`);

  const wasmWarn = b.wasm.ok ? '' : 'the wasm build failed, so tests that load it used stale or no output';
  const webWarn = b.wasm.ok && b.web.ok ? '' : 'the wasm build or web bundle failed, so the page under test may be stale or missing';
  toStdout('running native tests (ctest)');
  const native = await runNativeSuite({ root: ROOT, outDir, buildOk: b.native.ok });
  toStdout('running the native suite under AddressSanitizer + UndefinedBehaviorSanitizer (build/sanitize)');
  const sanitize = await runSanitizeSuite({ root: ROOT, outDir, buildOk: sanitizeBuild.ok });
  toStdout('running node tests (tests/node/)');
  const node = await runTapSuite({ root: ROOT, outDir, name: 'node', dir: 'tests/node', warn: wasmWarn });
  toStdout('running browser tests (tests/browser/)');
  // The browser tests serve OPTLAB_DIST when it is set instead of bundling their own copy; hand them
  // the dist/ just built, so they test exactly what `npm start` serves.
  const distBuilt = b.web.ok && !b.web.skipped && fs.existsSync(path.join(ROOT, 'dist', 'index.html'));
  const browser = await runTapSuite({
    root: ROOT, outDir, name: 'browser', dir: 'tests/browser', warn: webWarn,
    env: distBuilt && !process.env.OPTLAB_DIST ? { OPTLAB_DIST: path.join(ROOT, 'dist') } : undefined,
  });

  const buildFailed = [b.native, b.wasm, b.web, sanitizeBuild].filter((s) => !s.ok);
  const summary = formatSummary([native, sanitize, node, browser], ROOT);
  const text = [
    '',
    ...buildFailed.map((s) => `build    ${s.message}`),
    summary.text,
  ].join('\n');
  fs.writeFileSync(path.join(outDir, 'summary.txt'), `${text.trimStart()}\n`);
  toStdout(text);
  process.exit(summary.ok && buildFailed.length === 0 ? 0 : 1);
}

async function cmdBench(args) {
  const b = await cmdBuild();
  const bench = path.join(ROOT, 'bench', 'run.mjs');
  if (!fs.existsSync(bench)) {
    toStdout('bench: bench/run.mjs does not exist yet, so there is nothing to benchmark');
    process.exit(1);
  }
  if (!b.ok) toStdout('bench: some builds failed (see above); benchmarks of those targets will fail or be stale');
  const code = await passThrough(process.execPath, [bench, ...args], ROOT);
  process.exit(code);
}

// native-cli keeps stdout for the binary's JSON lines: every message and all build output go to stderr.
async function cmdNativeCli(args) {
  if (!fs.existsSync(NATIVE_CLI)) {
    toStderr('optlab:native: build/native/optlab_native is missing; building it first');
    if (!(await setup({ root: ROOT, say: toStderr }))) process.exit(1);
    const r = await buildNative({ root: ROOT, say: toStderr, out: 'stderr', target: 'optlab_native' });
    if (!r.ok) { toStderr(r.message); process.exit(1); }
    if (!fs.existsSync(NATIVE_CLI)) {
      toStderr('optlab:native: the native build succeeded but produced no build/native/optlab_native');
      process.exit(1);
    }
  }
  // npm runs scripts from the package root; INIT_CWD is where the user typed the command, so
  // relative paths such as SPEC.json resolve the way they expect.
  const cwd = process.env.INIT_CWD && fs.existsSync(process.env.INIT_CWD) ? process.env.INIT_CWD : process.cwd();
  process.exit(await passThrough(NATIVE_CLI, args, cwd));
}

function passThrough(cmd, args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: 'inherit' });
    const forward = (sig) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (err) => { toStderr(`${cmd}: ${err.message}`); resolve(127); });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 1)));
  });
}

const USAGE = `usage: node scripts/optlab-dev.mjs <command> [args]
  setup        check Debian packages and node_modules (installs what is missing when root)
  build        setup, then native, wasm and web builds
  start        build, then serve dist/ on http://127.0.0.1:$PORT/ (default 8080)
  test         build, then native, sanitized native (ASan+UBSan), node and browser suites; ends with "N passed, N failed"
  bench        build, then node bench/run.mjs [args]
  native-cli   run build/native/optlab_native [args] (stdout is the binary's only)`;

const [command, ...rest] = process.argv.slice(2);
const commands = {
  setup: () => cmdSetup(),
  build: async () => { const b = await cmdBuild(); process.exit(b.ok ? 0 : 1); },
  start: () => cmdStart(),
  test: () => cmdTest(),
  bench: () => cmdBench(rest),
  'native-cli': () => cmdNativeCli(rest),
};
if (!commands[command]) {
  (command && command !== 'help' && command !== '--help' ? toStderr : toStdout)(USAGE);
  process.exit(command && command !== 'help' && command !== '--help' ? 2 : 0);
}
commands[command]().catch((err) => {
  toStderr(`optlab-dev ${command}: ${err.stack ?? err}`);
  process.exit(1);
});
