// The two command-line runners — native and WebAssembly under Node — on the same specs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRunner } from './helpers.mjs';

const specs = {
  'default spiral, SGD': { seed: 7, steps: 100, log_every: 1 },
  'circles, relu, binary cross-entropy': {
    seed: 11, steps: 100, log_every: 1, batch_size: 8,
    dataset: { name: 'circles', samples: 200, noise: 0.05 },
    network: { layers: [{ units: 12, activation: 'relu' }, { units: 8, activation: 'leaky_relu' }], loss: 'binary_cross_entropy' },
    optimizer: { name: 'sgd', lr: 0.3 },
  },
  'gaussians, sigmoid, squared error, no shuffling': {
    seed: 3, steps: 100, log_every: 1, shuffle: false,
    dataset: { name: 'gaussians', classes: 3, samples: 150 },
    network: { layers: [{ units: 8, activation: 'sigmoid' }, { units: 8, activation: 'tanh' }], loss: 'mean_squared_error' },
    optimizer: { name: 'sgd', lr: 0.1 },
  },
};

const rel = (a, b) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-12);

for (const [name, spec] of Object.entries(specs)) {
  test(`native and wasm runners agree to 1e-4 relative on every logged loss of the first 100 steps: ${name}`, () => {
    const native = runRunner('native', spec);
    const wasm = runRunner('wasm', spec);
    assert.equal(native.status, 0, native.stderr);
    assert.equal(wasm.status, 0, wasm.stderr);
    assert.equal(native.rows.length, 102); // steps 0..100 and the summary
    assert.equal(wasm.rows.length, native.rows.length);
    let worst = 0;
    for (let i = 0; i < 101; ++i) {
      const n = native.rows[i], w = wasm.rows[i];
      assert.equal(n.step, i);
      assert.equal(w.step, i);
      for (const key of ['loss', 'test_loss']) worst = Math.max(worst, rel(n[key], w[key]));
      if (i > 0) worst = Math.max(worst, rel(n.batch_loss, w.batch_loss));
    }
    assert.ok(worst < 1e-4, `largest relative difference ${worst}`);
    // The loss really moved, so the agreement is about a trajectory, not a constant.
    assert.ok(native.rows[100].loss < native.rows[0].loss * 0.95);
  });
}

test('two runs of one build with one seed print bit-identical lines', () => {
  const spec = { ...specs['default spiral, SGD'], steps: 300, log_every: 7 };
  for (const which of ['native', 'wasm']) {
    const a = runRunner(which, spec), b = runRunner(which, spec);
    assert.equal(a.status, 0);
    assert.deepEqual(a.lines, b.lines);
  }
  const other = runRunner('wasm', { ...spec, seed: 8 });
  assert.notDeepEqual(other.lines, runRunner('wasm', spec).lines);
});

test('the summary line reports final train/test loss and accuracy', () => {
  const r = runRunner('wasm', { steps: 50 });
  const s = r.rows.at(-1);
  assert.equal(s.summary, true);
  assert.equal(s.steps, 50);
  for (const k of ['final_train_loss', 'final_test_loss', 'train_accuracy', 'test_accuracy']) assert.equal(typeof s[k], 'number', k);
  assert.equal(s.diverged, null);
});

const bad = [
  ['negative learning rate', '{"optimizer": {"name": "sgd", "lr": -0.1}}', /^error: optimizer\.lr: must be > 0/m],
  ['batch size 0', '{"batch_size": 0}', /^error: batch_size: must be an integer in \[1, /m],
  ['unknown optimizer', '{"optimizer": {"name": "adamz"}}', /^error: optimizer\.name: unknown value "adamz"; expected one of /m],
  ['malformed JSON', '{"seed": 7,,}', /^error: spec: malformed JSON: parse error at line 1, column 12/m],
  ['unknown key', '{"sead": 7}', /^error: sead: unknown key; allowed here: seed/m],
];
for (const [what, text, message] of bad) {
  test(`both runners reject a bad spec with a message naming the field: ${what}`, () => {
    for (const which of ['native', 'wasm']) {
      const r = runRunner(which, text);
      assert.equal(r.status, 2, `${which} exit status`);
      assert.equal(r.lines.length, 0, `${which} printed no JSON line`);
      assert.match(r.stderr, message, which);
    }
  });
}

test('a diverging run ends with a message naming the cause and exit status 3', () => {
  const spec = { steps: 200, optimizer: { name: 'sgd', lr: 1e30 }, network: { layers: [{ units: 8, activation: 'relu' }], loss: 'mean_squared_error' } };
  for (const which of ['native', 'wasm']) {
    const r = runRunner(which, spec);
    assert.equal(r.status, 3, which);
    assert.match(r.stderr, /diverged at step \d+: .*learning rate/, which);
    assert.match(r.rows.at(-1).diverged, /diverged at step/);
  }
});
