// The "rnn-gradients" view's data (web/views/hidden-grad-data.js): ‖∂L/∂h_t‖ columns against t.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCurves, appendFrame } from '../../web/curves.js';
import { hiddenGradColumns, hiddenGradData } from '../../web/views/hidden-grad-data.js';

test('grad_h_0 … grad_h_L become one series per racer over t, latest row and θ₀, with nulls where a log axis has no place', () => {
  const columns = ['step', 'loss', 'grad_h_0', 'grad_h_1', 'grad_h_2'];
  const curves = createCurves(columns, 2);
  const rows = (...rs) => ({ rows: Float64Array.from(rs.flat()), times: rs.map(() => 1), trace: [], stepCount: 0, done: false, diverged: null });
  appendFrame(curves, [rows([0, 1, 1e-6, 1e-3, 1], [10, 0.5, 2e-6, 0, 2]), rows([0, 1, NaN, 1, 1])]);
  assert.deepEqual(hiddenGradColumns(curves), [2, 3, 4]);
  const { data, steps } = hiddenGradData(curves);
  assert.deepEqual(data[0], [0, 1, 2]);
  assert.deepEqual(data[1], [2e-6, null, 2]);   // racer 1, latest row (step 10): 0 has no log place
  assert.deepEqual(data[2], [1e-6, 1e-3, 1]);   // racer 1, θ₀
  assert.deepEqual(data[3], [null, 1, 1]);      // racer 2 (NaN → null), latest = first
  assert.deepEqual(steps, [10, 0, 0, 0]);
  assert.deepEqual(hiddenGradColumns(createCurves(['step', 'loss'], 1)), []);
});
