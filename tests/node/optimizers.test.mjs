// Every first-order method through the wasm module: the same JSON lines as the native runner,
// and the optimizer's state readable from JS (docs/wasm-api.md, "Optimizer state").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOptlab } from '../../wasm/optlab.js';
import { runRunner } from './helpers.mjs';

const lab = await loadOptlab();
const METHODS = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'rmsprop_nesterov', 'adam', 'adamw', 'amsgrad', 'nadam', 'adadelta'];

test('the module accepts every first-order method', () => {
  for (const name of METHODS) {
    assert.ok(lab.optimizers().includes(name), name);
    assert.equal(lab.validate({ optimizer: { name } }).ok, true, name);
  }
});

test('optimizerState returns copies of the state vectors, laid out like params, including the average', () => {
  const run = lab.createRun({ steps: 20, optimizer: { name: 'adam', lr: 0.01, average: 'polyak' } });
  try {
    run.step(20);
    const s = run.optimizerState();
    assert.deepEqual(Object.keys(s), ['first_moment', 'second_moment', 'average']);
    const n = run.params().length;
    for (const v of Object.values(s)) {
      assert.ok(v instanceof Float32Array);
      assert.equal(v.length, n);
    }
    assert.ok(s.second_moment.every((r) => r >= 0));
    assert.ok(s.second_moment.some((r) => r > 0));
    assert.ok(run.columns.includes('avg_loss'));
    // a copy: stepping on does not change what we hold
    const before = s.first_moment.slice();
    run.step(1);
    assert.deepEqual(s.first_moment, before);
  } finally {
    run.delete();
  }
  const sgd = lab.createRun({ steps: 2 });
  assert.deepEqual(sgd.optimizerState(), {});
  sgd.delete();
});

test('native and wasm runners print the same lines for the adaptive methods, SIMD in both', () => {
  for (const name of ['nesterov', 'rmsprop', 'adam', 'nadam']) {
    const spec = { steps: 30, log_every: 10, optimizer: { name, lr: 0.01, average: 'ema' } };
    const a = runRunner('native', spec), b = runRunner('node', spec);
    assert.equal(a.status, 0, a.stderr);
    assert.equal(b.status, 0, b.stderr);
    assert.equal(a.rows.length, b.rows.length);
    for (let i = 0; i < a.rows.length; i++) {
      for (const [k, v] of Object.entries(a.rows[i])) {
        if (typeof v === 'number') assert.ok(Math.abs(v - b.rows[i][k]) <= 1e-4 * Math.max(1, Math.abs(v)), `${name} ${k}`);
        else assert.deepEqual(b.rows[i][k], v);
      }
    }
  }
});
