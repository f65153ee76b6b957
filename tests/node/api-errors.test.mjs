// The wasm API never lets an exception escape: every bad spec is an OptlabSpecError {field,
// message} with a readable message, and every bad argument a thrown Error naming the argument —
// never `undefined`, a heap address, garbage or a bare number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOptlab, OptlabSpecError } from '../../wasm/optlab.js';
import { runRunner } from './helpers.mjs';

const lab = await loadOptlab();

function specError(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return null;
}

test('a syntax error at a non-ASCII character is a readable OptlabSpecError in the API and both runners', () => {
  const e = specError(() => lab.createRun('{"seed": é}'));
  assert.ok(e instanceof OptlabSpecError, `threw ${e}`);
  assert.equal(e.field, 'spec');
  assert.match(e.message, /malformed JSON/);
  const v = lab.validate('{"seed": é}');
  assert.equal(v.ok, false);
  assert.match(v.message, /malformed JSON/);
  for (const which of ['native', 'node']) {
    const r = runRunner(which, '{"seed": é}');
    assert.equal(r.status, 2, `${which}: ${r.stderr}`);
    assert.match(r.stderr, /^error: spec: malformed JSON/, which);
    assert.doesNotMatch(r.stderr, /undefined/, which);
  }
});

test('null for the spec or an object field is rejected naming the field, in the API', () => {
  for (const [spec, field] of [['null', 'spec'], ['{"optimizer": null}', 'optimizer'], ['{"trace": null}', 'trace'],
    ['{"dataset": null}', 'dataset'], ['{"problem": null}', 'problem']]) {
    const e = specError(() => lab.createRun(spec));
    assert.ok(e instanceof OptlabSpecError, spec);
    assert.equal(e.field, field, spec);
    assert.match(e.message, /must be an object, got null/, spec);
  }
});

test('jsonLine and the grids reject bad arguments with an Error naming the argument', () => {
  const run = lab.createRun({ steps: 20, log_every: 10 });
  try {
    run.step(20);
    assert.equal(run.recordCount, 3);
    assert.equal(JSON.parse(run.jsonLine(2)).step, 20);
    for (const row of [-1, 3, 1.5, NaN, 1e300, 'x']) {
      assert.throws(() => run.jsonLine(row), (e) => e instanceof Error && /^row must be an integer in \[0, 3\)/.test(e.message),
        `jsonLine(${row})`);
    }
    for (const [args, name] of [[[-1, 1, -1, 1, 0, 4], 'nx'], [[-1, 1, -1, 1, 4, -2], 'ny'], [[-1, 1, -1, 1, NaN, 4], 'nx'],
      [[-1, 1, -1, 1, 4, 1e9], 'ny'], [[-1, 1, -1, 1, 2.5, 4], 'nx'], [[1, -1, -1, 1, 4, 4], 'xmax'],
      [[-1, 1, NaN, 1, 4, 4], 'ymin'], [[-1, Infinity, -1, 1, 4, 4], 'xmax']]) {
      assert.throws(() => run.predictGrid(...args), (e) => e instanceof Error && e.message.startsWith(name),
        `predictGrid(${args})`);
    }
    assert.equal(run.predictGrid(-1, 1, -1, 1, 8, 4).length, 8 * 4 * 3);
    assert.equal(run.surfaceGrid(-1, 1, -1, 1, 4, 4), null, 'a network run has no surface');
    // The run is still usable after the errors.
    assert.equal(JSON.parse(run.jsonLine(0)).step, 0);
  } finally {
    run.delete();
  }
  const walk = lab.createRun({ problem: { name: 'rosenbrock' }, steps: 2 });
  try {
    for (const [args, name] of [[[-2, 2, -1, 3, 0, 8], 'nx'], [[-2, 2, -1, 3, 8, 1025], 'ny'], [[2, 2, -1, 3, 8, 8], 'xmax']]) {
      assert.throws(() => walk.surfaceGrid(...args), (e) => e instanceof Error && e.message.startsWith(name),
        `surfaceGrid(${args})`);
    }
    assert.equal(walk.surfaceGrid(-2, 2, -1, 3, 8, 8).length, 64);
    assert.equal(walk.predictGrid(-1, 1, -1, 1, 8, 8), null, 'a surface run has no network');
  } finally {
    walk.delete();
  }
});
