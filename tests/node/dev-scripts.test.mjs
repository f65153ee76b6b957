// Tests of the developer scripts themselves (scripts/): result counting and the static server.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { parseTap, parseCtestVerbose } from '../../scripts/lib/parse-results.mjs';
import { formatSummary } from '../../scripts/lib/test-suites.mjs';
import { startServer } from '../../scripts/serve.mjs';

const TAP = `TAP version 13
# Subtest: top pass
ok 1 - top pass
  ---
  duration_ms: 1.6
  ...
# Subtest: top \\# fail
not ok 2 - top \\# fail
  ---
  error: |-
    boom
    ok 7 - a line inside the YAML block is not a test point
  ...
# Subtest: suite
    # Subtest: leaf
    ok 1 - leaf
    # Subtest: skipped
    ok 2 - skipped # SKIP
    # Subtest: todo
    not ok 3 - todo # TODO
    1..3
ok 3 - suite
# Subtest: parent
    # Subtest: child bad
    not ok 1 - child bad
    1..1
not ok 4 - parent
  ---
  failureType: 'subtestsFailed'
  ...
# Subtest: hook fails
    # Subtest: fine
    ok 1 - fine
    1..1
not ok 5 - hook fails
# Subtest: /x/broken.test.mjs
not ok 6 - /x/broken.test.mjs
1..6
`;

test('TAP: counts leaf tests, skips YAML blocks, and reports a parent that fails on its own once', () => {
  const r = parseTap(TAP);
  assert.equal(r.passed, 3);  // top pass, leaf, fine
  assert.equal(r.failed, 4);  // top # fail, child bad, hook fails (outside subtests), broken file
  assert.equal(r.skipped, 2); // SKIP and TODO
  assert.deepEqual(r.failures, ['top # fail', 'child bad', 'hook fails (failed outside its subtests)', '/x/broken.test.mjs']);
});

test('TAP: an empty run has no test points', () => {
  const r = parseTap('TAP version 13\n1..0\n# tests 0\n');
  assert.equal(r.points, 0);
  assert.equal(r.passed + r.failed + r.skipped, 0);
});

const CTEST = `test 1
    Start 1: core_tests

1: Test command: /b/core_tests
1: [doctest] test cases: 3 | 3 passed | 0 failed | 0 skipped
1/4 Test #1: core_tests .......................   Passed    0.00 sec
test 2
2: [doctest] test cases: 2 | 1 passed | 1 failed | 1 skipped
2/4 Test #2: optim_tests ......................***Failed    0.00 sec
[doctest] test cases: 2 | 1 passed | 1 failed | 1 skipped
3/4 Test #3: crashes ..........................Subprocess aborted***Exception:   0.00 sec
4: [doctest] test cases: 1 | 1 passed | 0 failed | 0 skipped
4/4 Test #4: leaks_at_exit ....................***Failed    0.01 sec

50% tests passed, 3 tests failed out of 4
`;

test('ctest -V: counts doctest cases, and a ctest failure without a failing case as one failure', () => {
  const r = parseCtestVerbose(CTEST);
  assert.equal(r.ctestTests, 4);
  assert.equal(r.passed, 5);  // 3 + 1 + 1
  assert.equal(r.failed, 3);  // one doctest case, the crash, the exit failure after all cases passed
  assert.equal(r.skipped, 1);
});

test('summary: the last line is exactly "N passed, N failed" and a suite that could not run fails the run', () => {
  const s = formatSummary([
    { name: 'native', ran: true, passed: 2, failed: 0, skipped: 0, failures: [], note: '' },
    { name: 'node', ran: false, passed: 0, failed: 0, skipped: 0, failures: [], note: 'could not run' },
  ], '/');
  assert.equal(s.text.split('\n').at(-1), '2 passed, 0 failed');
  assert.equal(s.ok, false);
});

function get(url) {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body: Buffer.concat(chunks).toString() }));
    }).on('error', reject);
  });
}

test('serve: MIME types, index.html, no way out of the root, next port when taken', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'optlab-serve-'));
  const root = path.join(dir, 'dist');
  fs.mkdirSync(root);
  fs.writeFileSync(path.join(root, 'index.html'), '<p>page</p>');
  fs.writeFileSync(path.join(root, 'm.wasm'), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
  fs.writeFileSync(path.join(root, 'a.mjs'), 'export {};');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'secret');
  const a = await startServer({ root, port: 0 });
  const b = await startServer({ root, port: a.port }); // taken: must move on
  try {
    assert.match(a.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.notEqual(b.port, a.port);
    assert.equal((await get(a.url)).body, '<p>page</p>');
    assert.equal((await get(`${a.url}m.wasm`)).type, 'application/wasm');
    assert.match((await get(`${a.url}a.mjs`)).type, /^text\/javascript/);
    for (const evil of ['%2e%2e/secret.txt', '..%2fsecret.txt', '%2e%2e%2f%2e%2e%2fetc%2fpasswd']) {
      const r = await get(`${a.url}${evil}`);
      assert.notEqual(r.status, 200, evil);
      assert.ok(!r.body.includes('secret'), evil);
    }
    assert.equal((await get(`${a.url}missing.js`)).status, 404);
  } finally {
    await a.close();
    await b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
