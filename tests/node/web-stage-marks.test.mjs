// The stage boundaries the charts mark (web/views/stage-marks.js), from the rows' "stage" column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stageBoundaries } from '../../web/views/stage-marks.js';

test('stage boundaries are the last logged step of each stage, from racer 0', () => {
  const col = { step: 0, loss: 1, stage: 2 };
  const rows = [[0, 1, 0], [50, 0.9, 0], [100, 0.8, 0], [150, 0.7, 1], [200, 0.6, 1], [250, 0.5, 2]];
  assert.deepEqual(stageBoundaries({ col, racers: [{ rows }] }), [{ step: 100, stage: 1 }, { step: 200, stage: 2 }]);
  assert.deepEqual(stageBoundaries({ col: { step: 0, loss: 1 }, racers: [{ rows: [[0, 1]] }] }), []);
  assert.deepEqual(stageBoundaries(null), []);
});
