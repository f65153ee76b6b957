// The JavaScript API of the WebAssembly module (docs/wasm-api.md), used in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOptlab, OptlabSpecError } from '../../wasm/optlab.js';

const lab = await loadOptlab();

test('the default spec validates and normalizes with every default filled', () => {
  const r = lab.validate(lab.defaultSpec());
  assert.equal(r.ok, true);
  assert.equal(r.spec.dataset.name, 'spiral');
  assert.equal(r.spec.shuffle, true);
});

test('validate names the field of a bad spec; createRun throws OptlabSpecError', () => {
  const r = lab.validate({ optimizer: { name: 'sgd', lr: -1 } });
  assert.deepEqual([r.ok, r.field], [false, 'optimizer.lr']);
  assert.throws(() => lab.createRun('{"batch_size": 0}'), (e) => e instanceof OptlabSpecError && e.field === 'batch_size');
  assert.throws(() => lab.createRun('not json'), (e) => e instanceof OptlabSpecError && e.field === 'spec');
});

test('a run steps, logs rows with named columns, and reports its dataset and predictions', () => {
  const run = lab.createRun({ steps: 40, log_every: 10 });
  try {
    assert.equal(run.step(15), 15);
    assert.equal(run.stepCount, 15);
    assert.equal(run.recordCount, 2);
    run.step(100);
    assert.equal(run.done, true);
    const cols = run.columns;
    const rows = run.records();
    assert.equal(rows.length, run.recordCount * cols.length);
    assert.equal(rows[(run.recordCount - 1) * cols.length + cols.indexOf('step')], 40);
    assert.equal(JSON.parse(run.jsonLine(1)).step, 10);
    const d = run.dataset();
    assert.equal(d.trainX.length, d.trainY.length * 2);
    assert.equal(d.classes, 3);
    const grid = run.predictGrid(-1, 1, -1, 1, 8, 4);
    assert.equal(grid.length, 8 * 4 * 3);
    for (let i = 0; i < 32; ++i) {
      const s = grid[3 * i] + grid[3 * i + 1] + grid[3 * i + 2];
      assert.ok(Math.abs(s - 1) < 1e-5, 'probabilities sum to 1');
    }
    assert.equal(run.params().length, 2 * 16 + 16 + 16 * 16 + 16 + 16 * 3 + 3);
  } finally {
    run.delete();
  }
});

test('records() returns a copy that survives memory growth', () => {
  const run = lab.createRun({ steps: 20, log_every: 1 });
  const before = run.records();
  const big = lab.createRun({ steps: 20000, log_every: 1, dataset: { samples: 20000 } }); // grows the heap
  big.step(50);
  assert.ok(before.length > 0 && Number.isFinite(before[2]));
  big.delete();
  run.delete();
});
