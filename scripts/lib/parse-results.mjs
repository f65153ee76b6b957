// Turns test-runner output into counts. Pure functions, unit-tested in tests/node/dev-scripts.test.mjs.
//
// What one "test" is, so the summary line means the same thing in every suite:
//   native  — one doctest TEST_CASE (SUBCASEs are not counted separately), read from the
//             `[doctest] test cases: N | P passed | F failed | S skipped` line each doctest binary
//             prints. A ctest test that prints no such line (not doctest, or it crashed before
//             the summary) counts as one test with ctest's verdict. A ctest test that failed
//             although doctest reported no failing case (crash at exit, timeout) adds one failure.
//   node / browser — one leaf test point of node:test's TAP output: a `test()`/`it()` that has no
//             subtests. describe() blocks and parent tests are not counted themselves, except that a
//             parent that fails while none of its leaves failed (a failing hook, a file that does
//             not load) counts as one failure. Skipped and todo tests are reported as "skipped" and
//             are neither passed nor failed.

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

// ---- TAP (node --test --test-reporter=tap) ------------------------------------------------------

const TEST_POINT = /^( *)(not ok|ok)\b *(\d+)?(?: +- +)?(.*)$/;

function splitDirective(rest) {
  // Node escapes '#' inside names as '\#'; the directive is the first unescaped ' # '.
  const m = /(^|[^\\])#\s*(SKIP|TODO)\b/i.exec(rest);
  const unescape = (n) => n.trim().replace(/\\#/g, '#');
  if (!m) return { name: unescape(rest), directive: null };
  const at = m.index + m[1].length;
  return { name: unescape(rest.slice(0, at)), directive: m[2].toUpperCase() };
}

export function parseTap(text) {
  const lines = text.replace(ANSI, '').split(/\r?\n/);
  const points = [];
  let yamlIndent = -1; // inside a YAML diagnostic block ("---" ... "...") when >= 0
  for (const line of lines) {
    if (yamlIndent >= 0) {
      const indent = line.length - line.trimStart().length;
      if (line.trim() === '...' && indent === yamlIndent) yamlIndent = -1;
      continue;
    }
    if (/^ *---\s*$/.test(line)) { yamlIndent = line.indexOf('-'); continue; }
    const m = TEST_POINT.exec(line);
    if (!m) continue;
    const { name, directive } = splitDirective(m[4] ?? '');
    points.push({ indent: m[1].length, ok: m[2] === 'ok', name, directive });
  }

  // A point is a parent when the point printed just before it is nested deeper
  // (node prints a test's subtests before the test's own line).
  const result = { passed: 0, failed: 0, skipped: 0, failures: [] };
  const failedLeafAtDepth = []; // failedLeafAtDepth[d]: a counted failure is open below depth d
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    const isParent = i > 0 && points[i - 1].indent > p.indent;
    let failedBelow = false;
    if (isParent) {
      for (let d = p.indent + 1; d < failedLeafAtDepth.length; d++) failedBelow ||= !!failedLeafAtDepth[d];
      failedLeafAtDepth.length = p.indent + 1;
    }
    const countsAsFailure = !p.ok && p.directive !== 'TODO';
    if (isParent) {
      if (countsAsFailure && !failedBelow) {
        result.failed++; result.failures.push(`${p.name} (failed outside its subtests)`);
        failedBelow = true;
      }
    } else if (p.directive) {
      result.skipped++;
    } else if (p.ok) {
      result.passed++;
    } else {
      result.failed++; result.failures.push(p.name);
      failedBelow = true;
    }
    if (failedBelow) failedLeafAtDepth[p.indent] = true;
  }
  result.points = points.length;
  return result;
}

// ---- ctest -V with doctest executables --------------------------------------------------------

const CTEST_RESULT = /^\s*\d+\/\d+ +Test +#(\d+): +(.+?) +\.+ *(.*?) +([\d.]+) +sec\s*$/;
const DOCTEST_SUMMARY = /^(\d+): \[doctest\] test cases: *(\d+) *\| *(\d+) passed *\| *(\d+) failed(?: *\| *(\d+) skipped)?/;

export function parseCtestVerbose(text) {
  const lines = text.replace(ANSI, '').split(/\r?\n/);
  const doctest = new Map(); // test number → {cases, passed, failed, skipped}
  const tests = [];
  for (const line of lines) {
    let m = DOCTEST_SUMMARY.exec(line);
    if (m) {
      const n = Number(m[1]);
      const prev = doctest.get(n) ?? { cases: 0, passed: 0, failed: 0, skipped: 0 };
      prev.cases += Number(m[2]); prev.passed += Number(m[3]);
      prev.failed += Number(m[4]); prev.skipped += Number(m[5] ?? 0);
      doctest.set(n, prev);
      continue;
    }
    m = CTEST_RESULT.exec(line);
    if (m) {
      const status = m[3].replace(/\*+/g, ' ').trim();
      tests.push({ number: Number(m[1]), name: m[2], status, ok: /^Passed\b/.test(status) });
    }
  }
  const result = { passed: 0, failed: 0, skipped: 0, failures: [], ctestTests: tests.length, tests };
  for (const t of tests) {
    const d = doctest.get(t.number);
    t.doctest = d ?? null;
    if (d) {
      result.passed += d.passed; result.failed += d.failed; result.skipped += d.skipped;
      if (d.failed) result.failures.push(`${t.name}: ${d.failed} doctest case(s) failed`);
      if (!t.ok && d.failed === 0) {
        result.failed++; result.failures.push(`${t.name}: ${t.status} although doctest reported no failing case`);
      }
    } else if (t.ok) {
      result.passed++;
    } else {
      result.failed++; result.failures.push(`${t.name}: ${t.status}`);
    }
  }
  result.noTests = /No tests were found/.test(text);
  return result;
}
