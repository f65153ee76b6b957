// `test`: runs the native (ctest/doctest), node and browser suites, writes full logs to
// test-output/ and returns per-suite counts. How a "test" is counted: see parse-results.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { run } from './proc.mjs';
import { parseTap, parseCtestVerbose } from './parse-results.mjs';

// A hung test fails instead of hanging CI. Node applies it to each test file as a whole too, and the
// fuzz replay (tests/node/fuzz.test.mjs: ~340 hostile specs, races included, through both runners)
// takes longer than 5 minutes on a busy 2-core machine; 20 minutes still ends a hang well inside CI's 90.
const PER_TEST_TIMEOUT_MS = 20 * 60 * 1000;

function couldNotRun(name, why, log) {
  return { name, ran: false, passed: 0, failed: 0, skipped: 0, failures: [], note: why, log };
}

export async function runNativeSuite({ root, outDir, buildOk }) {
  const log = path.join(outDir, 'native.log');
  if (!buildOk) return couldNotRun('native', 'could not run: the native build failed', null);
  fs.writeFileSync(log, '');
  const r = await run('ctest', ['--test-dir', 'build/native', '--output-on-failure', '-V'], { cwd: root, out: log });
  const res = parseCtestVerbose(r.output);
  const suite = {
    name: 'native', ran: true, log,
    passed: res.passed, failed: res.failed, skipped: res.skipped, failures: res.failures,
    note: `${res.ctestTests} ctest test(s)`,
  };
  if (res.ctestTests === 0) {
    if (r.code !== 0) return couldNotRun('native', `could not run: ctest exited ${r.code} without running tests`, log);
    suite.note = 'no tests registered with ctest yet';
  } else if (r.code !== 0 && suite.failed === 0) {
    return { ...suite, ran: false, note: `could not run: ctest exited ${r.code} but reported no failing test` };
  }
  return suite;
}

// Specs the sanitized native runner must run clean (exit 0, 2 or 3 as listed, no sanitizer report):
// the sanitizer case (booth + newton, 1 step) and one of each kind of Hessian work.
const SANITIZE_RUNS = [
  ['booth, newton, curvature', 0, { problem: { name: 'booth' }, optimizer: { name: 'newton' }, steps: 1, trace: { curvature: true } }],
  ['sparse coding, coordinate descent', 0, { problem: { name: 'sparse_coding' }, optimizer: { name: 'coordinate_descent' }, steps: 3 }],
  ['sparse coding, newton', 0, { problem: { name: 'sparse_coding' }, optimizer: { name: 'newton', damping: 0.1 }, steps: 2 }],
  ['quadratic 300, Lanczos curvature', 0, { problem: { name: 'quadratic', dim: 300 }, steps: 2, trace: { curvature: true } }],
  ['network, curvature and layer trace', 0, { steps: 5, log_every: 1, trace: { curvature: true, params: true, layers: { every: 2 } } }],
  ['network, batch norm, adam, polyak', 0, { steps: 5, network: { layers: [{ units: 6, norm: { name: 'batch_norm' } }] }, optimizer: { name: 'adam', average: 'polyak' } }],
  ['saddle, cg (runs off to −∞)', 3, { problem: { name: 'saddle' }, optimizer: { name: 'cg' }, steps: 100 }],
  ['constant init 1e300', 3, { network: { layers: [{ units: 4, init: { name: 'constant', value: 1e300 } }] }, steps: 3 }],
  ['7,000 nested arrays', 2, `{"seed": ${'['.repeat(7000)}${']'.repeat(7000)}}`],
  ['non-ASCII at a syntax error', 2, '{"seed": é}'],
];
// Slow under ASan (timing loops over large networks): left to the plain native suite.
const SANITIZE_EXCLUDE = ['*speed*', '*throughput*'];

const SANITIZER_ENV = {
  ASAN_OPTIONS: 'halt_on_error=1:detect_leaks=1:abort_on_error=0:strict_string_checks=1',
  UBSAN_OPTIONS: 'halt_on_error=1:print_stacktrace=1',
};

// The native doctest suite and SANITIZE_RUNS under AddressSanitizer + UndefinedBehaviorSanitizer
// (build/sanitize, see build.mjs). Any sanitizer report stops the binary and counts as a failure.
export async function runSanitizeSuite({ root, outDir, buildOk }) {
  const log = path.join(outDir, 'sanitize.log');
  if (!buildOk) return couldNotRun('sanitize', 'could not run: the sanitize build failed', null);
  fs.writeFileSync(log, '');
  const env = { ...process.env, ...SANITIZER_ENV };
  const tests = path.join(root, 'build', 'sanitize', 'optlab_tests');
  const r = await run(tests, ['--force-colors=false', `--test-case-exclude=${SANITIZE_EXCLUDE.join(',')}`],
    { cwd: root, out: log, env });
  const m = r.output.match(/\[doctest\] test cases: *(\d+) *\| *(\d+) passed *\| *(\d+) failed(?: *\| *(\d+) skipped)?/);
  const failures = [];
  let passed = m ? Number(m[2]) : 0, failed = m ? Number(m[3]) : 0;
  // doctest prints a "TEST CASE:" block for MESSAGE output too; only blocks with an error are failures.
  for (const block of r.output.split(/^={20,}$/m)) {
    const name = /^TEST CASE: +(.*)$/m.exec(block);
    if (name && /\b(ERROR|FATAL ERROR):/.test(block)) failures.push(`doctest: ${name[1]}`);
  }
  if (!m || (r.code !== 0 && failed === 0)) {
    failed += 1;
    failures.push(`optlab_tests under sanitizers exited ${r.code} before its summary (a sanitizer report? see ${path.relative(root, log)})`);
  }
  const runner = path.join(root, 'build', 'sanitize', 'optlab_native');
  for (const [name, want, spec] of SANITIZE_RUNS) {
    const file = path.join(outDir, 'sanitize-spec.json');
    fs.writeFileSync(file, typeof spec === 'string' ? spec : JSON.stringify(spec));
    const x = await run(runner, ['run', file], { cwd: root, out: 'capture', env });
    fs.appendFileSync(log, `\n== runner: ${name} (exit ${x.code})\n${x.output.split('\n').filter((l) => !l.startsWith('{')).join('\n')}\n`);
    const report = /runtime error|AddressSanitizer|LeakSanitizer/.test(x.output);
    if (x.code === want && !report) passed += 1;
    else { failed += 1; failures.push(`runner: ${name}: exit ${x.code} (want ${want})${report ? ', sanitizer report' : ''}`); }
  }
  return { name: 'sanitize', ran: true, log, passed, failed, skipped: m ? Number(m[4] ?? 0) : 0, failures,
    note: 'ASan + UBSan: native doctest suite and runner specs' };
}

export async function runTapSuite({ root, outDir, name, dir, warn, env }) {
  const log = path.join(outDir, `${name}.tap`);
  fs.writeFileSync(log, '');
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) {
    return { name, ran: true, passed: 0, failed: 0, skipped: 0, failures: [], note: `no tests yet (${dir} does not exist)`, log };
  }
  const r = await run(process.execPath, [
    '--test', '--test-reporter=tap', `--test-timeout=${PER_TEST_TIMEOUT_MS}`, `${dir}/`,
  ], { cwd: root, out: log, env: env ? { ...process.env, ...env } : undefined });
  const res = parseTap(r.output);
  const suite = {
    name, ran: true, log,
    passed: res.passed, failed: res.failed, skipped: res.skipped, failures: res.failures, note: warn ?? '',
  };
  if (res.points === 0) {
    if (r.code !== 0) return { ...suite, ran: false, note: `could not run: node --test exited ${r.code} (see ${path.relative(root, log)})` };
    suite.note = `no tests yet in ${dir}/`;
  } else if (r.code !== 0 && res.failed === 0) {
    return { ...suite, ran: false, note: `could not run cleanly: node --test exited ${r.code} but no test failed` };
  }
  return suite;
}

export function formatSummary(suites, root) {
  const lines = [];
  let passed = 0; let failed = 0; let broken = false;
  for (const s of suites) {
    passed += s.passed; failed += s.failed; broken ||= !s.ran;
    const skipped = s.skipped ? `, ${s.skipped} skipped` : '';
    const where = s.log ? `; log ${path.relative(root, s.log)}` : '';
    const note = s.note ? ` — ${s.note}` : '';
    lines.push(`${s.name.padEnd(8)} ${s.passed} passed, ${s.failed} failed${skipped}${note}${where}`);
    for (const f of s.failures.slice(0, 10)) lines.push(`           failed: ${f}`);
    if (s.failures.length > 10) lines.push(`           … and ${s.failures.length - 10} more`);
  }
  lines.push(`${passed} passed, ${failed} failed`);
  return { text: lines.join('\n'), passed, failed, ok: failed === 0 && !broken };
}
