// `test`: runs the native (ctest/doctest), node and browser suites, writes full logs to
// test-output/ and returns per-suite counts. How a "test" is counted: see parse-results.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { run } from './proc.mjs';
import { parseTap, parseCtestVerbose } from './parse-results.mjs';

const PER_TEST_TIMEOUT_MS = 5 * 60 * 1000; // a hung test fails instead of hanging CI

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
