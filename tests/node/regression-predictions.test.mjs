// The test-set view of regression data (the fresh reviewer's item 10: it listed feature values without
// target or prediction): lab Run.predictTestValues / testPredictions and dataset().testT, checked
// against the run's own logged test_loss (the mean squared error over the test set) and "test within
// ±0.04" (test_acc), and the raw targets against the spec's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOptlab } from '../../wasm/optlab.js';

const lab = await loadOptlab();

// price = 2·f1 − f2 + 0.5·f3·f4 + 100 over 80 rows (as tests/browser/data.test.mjs's CSV).
const x = [], targets = [];
for (let i = 0; i < 80; ++i) {
  const f = Array.from({ length: 4 }, (_, j) => Number((Math.sin(i * 3.1 + j * 1.7) * 2).toFixed(3)));
  x.push(f);
  targets.push(Number((2 * f[0] - f[1] + 0.5 * f[2] * f[3] + 100).toFixed(4)));
}

test('regression: the test set\'s predictions and targets give the run\'s own test loss and share within 0.04; raw targets are the spec\'s', () => {
  const run = lab.createRun({ seed: 7, dataset: { name: 'inline', x, targets }, steps: 600, log_every: 600 });
  try {
    for (const steps of [0, 600]) {
      if (steps) run.step(steps);
      const d = run.dataset();
      assert.equal(d.classes, 0);
      const p = run.testPredictions();
      assert.ok(p instanceof Float32Array && p.length === d.testT.length && p.length === d.testY.length, `${p?.length} predictions, ${d.testT.length} targets`);
      const cols = run.columns;
      const row = run.records().slice(-cols.length);
      const at = (c) => row[cols.indexOf(c)];
      assert.equal(at('step'), steps);
      let se = 0, within = 0;
      for (let i = 0; i < p.length; ++i) { const e = p[i] - d.testT[i]; se += e * e; if (Math.abs(e) < 0.04) within++; }
      assert.ok(Math.abs(se / p.length - at('test_loss')) <= 1e-9 * at('test_loss'), `MSE ${se / p.length} vs test_loss ${at('test_loss')}`);
      assert.equal(within / p.length, at('test_acc'));
      // Standardized targets: raw = t · scale + mean is one of the spec's targets.
      assert.equal(d.targetScale.length, 1);
      for (const t of d.testT) {
        const raw = t * d.targetScale[0] + d.targetMean[0];
        assert.ok(targets.some((v) => Math.abs(v - raw) < 1e-4 * Math.abs(v)), `raw target ${raw}`);
      }
    }
  } finally {
    run.delete();
  }
  // Classes: testPredictions is the predicted class of each test example; no targets.
  const cls = lab.createRun({ seed: 7, dataset: { name: 'spiral', samples: 100 }, steps: 10 });
  try {
    const p = cls.testPredictions();
    assert.ok(p instanceof Int32Array && p.length === cls.dataset().testY.length);
    assert.equal(cls.dataset().testT.length, 0);
    assert.equal(cls.predictTestValues().length, 0);
  } finally {
    cls.delete();
  }
});
