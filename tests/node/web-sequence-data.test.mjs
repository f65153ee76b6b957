// The digits view on sequence data (web/views/sequence-data.js): a recall sequence from the wasm
// module's own data set reads as its symbols, step 1 marked and equal to the label.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOptlab } from '../../wasm/optlab.js';
import { sequenceShape, sequenceSteps } from '../../web/views/sequence-data.js';

test('recall sequences: the symbol at each step, step 1 marked and equal to the label; the last step shown after a gap', async () => {
  const lab = await loadOptlab();
  const dataset = { name: 'recall', length: 20, samples: 60, classes: 4 };
  const run = lab.createRun({ seed: 5, dataset, network: { layers: [{ type: 'rnn', units: 4 }] }, optimizer: { name: 'sgd', lr: 0.1 }, steps: 1 });
  const d = run.dataset();
  const shape = sequenceShape(dataset, d.dim);
  assert.deepEqual(shape, { name: 'recall', length: 20, features: 5 });
  for (let i = 0; i < d.testY.length; ++i) {
    const row = Array.from(d.testX.slice(i * d.dim, (i + 1) * d.dim));
    const { steps, gap } = sequenceSteps(row, shape, d.classes);
    assert.deepEqual(steps.map((s) => s.t), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 20]);
    assert.equal(gap, 8);
    assert.equal(steps[0].text, String(d.testY[i]), 'step 1 holds the label');
    assert.ok(steps[0].marked && steps.slice(1).every((s) => !s.marked), 'only step 1 is marked');
    // Each step's symbol is the one-hot feature that is set.
    steps.forEach((s) => assert.equal(row[(s.t - 1) * 5 + Number(s.text)], 1));
  }
  run.delete();
});

test('adding-like rows: u_t to 2 decimals, marked steps; short sequences whole; other data is not a sequence', () => {
  const shape = sequenceShape({ name: 'adding', length: 4 }, 8);
  const { steps, gap } = sequenceSteps([0.123, 0, 0.5, 1, 0.25, 0, 0.75, 1], shape, 0);
  assert.equal(gap, 0);
  assert.deepEqual(steps, [{ t: 1, text: '0.12', marked: false }, { t: 2, text: '0.50', marked: true },
    { t: 3, text: '0.25', marked: false }, { t: 4, text: '0.75', marked: true }]);
  assert.equal(sequenceShape({ name: 'digits' }, 64), null);
  assert.equal(sequenceShape({ name: 'recall', length: 7 }, 24), null, 'a row that is not L·D values');
});
