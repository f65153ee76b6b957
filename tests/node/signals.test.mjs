// Per-layer signal statistics (trace.layers) through both runners and the JS API, on networks that
// use the new initializers and normalization layers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOptlab } from '../../wasm/optlab.js';
import { runRunner } from './helpers.mjs';

const lab = await loadOptlab();

const spec = {
  seed: 5, steps: 60, log_every: 20, batch_size: 16,
  network: {
    layers: [
      { units: 16, activation: 'tanh', init: { name: 'orthogonal', gain: 1.2 }, norm: 'batch_norm' },
      { units: 16, activation: 'relu', init: 'he_normal', bias_init: { name: 'constant', value: 0.1 },
        norm: { name: 'group_norm', groups: 4 } },
      { units: 16, activation: 'sigmoid', init: { name: 'sparse', k: 4 }, norm: 'layer_norm' },
    ],
    output_bias_init: 'class_prior',
  },
  trace: { layers: [0, 30, 60] },
};

const rel = (a, b) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-12);

test('both runners print the same per-layer statistics on the traced steps', () => {
  const native = runRunner('native', spec);
  const wasm = runRunner('wasm', spec);
  assert.equal(native.status, 0, native.stderr);
  assert.equal(wasm.status, 0, wasm.stderr);
  const traced = (r) => r.rows.filter((row) => row.layers).map((row) => row.step);
  assert.deepEqual(traced(native), [0, 30, 60]);
  assert.deepEqual(traced(wasm), [0, 30, 60]);
  let worst = 0;
  for (let i = 0; i < native.rows.length; ++i) {
    const n = native.rows[i], w = wasm.rows[i];
    if (!n.layers) continue;
    assert.deepEqual(n.layers.map((l) => l.activation), ['tanh', 'relu', 'sigmoid']);
    assert.ok('saturated' in n.layers[0].act && 'dead' in n.layers[1].act && 'saturated' in n.layers[2].act);
    for (let l = 0; l < 3; ++l) {
      for (const kind of ['act', 'grad']) {
        worst = Math.max(worst, rel(n.layers[l][kind].std, w.layers[l][kind].std));
        assert.equal(n.layers[l][kind].hist.length, 32);
        assert.equal(n.layers[l][kind].hist.reduce((a, b) => a + b, 0), 240 * 16);
      }
    }
  }
  assert.ok(worst < 1e-4, `largest relative difference ${worst}`);
});

test('layerStats() is a zero-copy table view holding the numbers of the JSON lines', () => {
  const run = lab.createRun(spec);
  try {
    run.step(60);
    const s = run.layerStats();
    assert.ok(s.data instanceof Float64Array);
    assert.equal(s.stride, s.columns.length);
    assert.equal(s.bins, 32);
    assert.equal(s.layers, 3);
    assert.equal(s.rows, 3 * 3 * 2);  // steps × layers × (activation, gradient)
    const col = (name) => s.columns.indexOf(name);
    const rowsAtStep30 = [];
    for (let r = 0; r < s.rows; ++r) if (s.data[r * s.stride + col('step')] === 30) rowsAtStep30.push(r);
    assert.equal(rowsAtStep30.length, 6);
    // Step 30 is the second of records logged at steps 0, 20, 30, 40, 60.
    const line = JSON.parse(run.jsonLine(2));
    assert.equal(line.step, 30);
    for (const r of rowsAtStep30) {
      const layer = s.data[r * s.stride + col('layer')];
      const kind = s.data[r * s.stride + col('kind')] === 0 ? 'act' : 'grad';
      assert.equal(s.data[r * s.stride + col('std')], line.layers[layer][kind].std);
      assert.equal(s.data[r * s.stride + col('mean')], line.layers[layer][kind].mean);
    }
    const plain = lab.createRun({ steps: 5 });
    assert.equal(plain.layerStats(), null);
    plain.delete();
  } finally {
    run.delete();
  }
});

test('a spec with a bad initializer or norm is rejected by the JS API with the field named', () => {
  let r = lab.validate({ network: { layers: [{ units: 10, norm: { name: 'group_norm', groups: 4 } }] } });
  assert.deepEqual([r.ok, r.field], [false, 'network.layers[0].norm.groups']);
  r = lab.validate({ network: { layers: [{ units: 8, init: { name: 'sparse', k: 3 } }] } });
  assert.deepEqual([r.ok, r.field], [false, 'network.layers[0].init']);
  assert.match(r.message, /larger than the fan-in/);
});

test('the page\'s depth view computes one 10-layer probe per initializer in the worker (web/worker/signals.js)', async () => {
  const { computeSignals, SIGNAL_INITS } = await import('../../web/worker/signals.js');
  const msg = computeSignals(lab, { id: 7, activation: 'tanh', norm: 'none', depth: 10, width: 32, seed: 1 });
  assert.equal(msg.type, 'signals');
  assert.equal(msg.id, 7);
  assert.equal(msg.results.length, SIGNAL_INITS.length);
  const byLabel = Object.fromEntries(msg.results.map((r) => [r.label, r]));
  const lastLayer = (r, kind, name) => {
    const c = r.columns.indexOf(name);
    for (let row = 0; row < r.data.length / r.stride; ++row)
      if (r.data[row * r.stride + r.columns.indexOf('kind')] === kind && r.data[row * r.stride + r.columns.indexOf('layer')] === 9)
        return r.data[row * r.stride + c];
    return NaN;
  };
  assert.ok(lastLayer(byLabel['N(0, 1)'], 0, 'fraction') > 0.4);
  assert.ok(lastLayer(byLabel['Glorot normal'], 0, 'fraction') < 0.01);
  // A copy, not a view: it survives the runs being deleted.
  assert.ok(byLabel['Glorot normal'].data.buffer.byteLength === byLabel['Glorot normal'].data.byteLength);
});
