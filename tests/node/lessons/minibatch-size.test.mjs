// Claim of lessons/minibatch-size.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLesson } from './harness.mjs';
import { readLesson } from '../../../scripts/lib/lessons.mjs';
import { epochTables } from '../../../web/views/view-data.js';
import { createCurves } from '../../../web/curves.js';

test('minibatch-size: loss falls with m per step, with less than linear returns; per example m = 1 is ahead', () => {
  const { racers } = runLesson('minibatch-size');
  assert.equal(racers.length, 5);
  const final = racers.map((r) => r.rows.at(-1));
  assert.ok(final.every((q) => q.step === 2000));
  for (let i = 1; i < 5; i++) assert.ok(final[i].loss < final[i - 1].loss, `m index ${i}`);
  assert.ok(final[4].loss > 0.8 * final[2].loss, `m = 256: ${final[4].loss} vs m = 16: ${final[2].loss}`);
  // equal data: each racer's first logged row at or past 4 epochs (m = 256 has then seen 5.3)
  const atFour = racers.map((r) => r.rows.find((q) => q.epoch >= 4));
  assert.ok(atFour.every(Boolean), 'each racer got past 4 epochs');
  const losses = atFour.map((q) => q.loss);
  assert.equal(Math.min(...losses), losses[0]);
  assert.equal(Math.max(...losses), losses[4]);
});

// The claim's second half is about equal data, not equal steps: the lesson opens the "Loss per epoch"
// view (web/views/lecture-views.js), and what that view draws — epochTables of the run's own lines —
// shows it: at the first point past 4 epochs m = 1 is lowest and m = 256 highest. The loss chart
// (x: step) shows the first half. Fails when the lesson does not open the view or the view is missing.
test('minibatch-size: the "Loss per epoch" view the lesson opens draws the equal-data half of the claim', async () => {
  const { readLesson } = await import('../../../scripts/lib/lessons.mjs');
  const { epochTables } = await import('../../../web/views/view-data.js');
  const { createCurves } = await import('../../../web/curves.js');
  const lesson = readLesson('minibatch-size');
  assert.ok(lesson.views.includes('loss') && lesson.views.includes('epochs'), `views ${lesson.views}`);
  const { racers, lines } = runLesson('minibatch-size');
  const columns = Object.keys(lines[0]).filter((k) => k !== 'racer' && k !== 'label');
  const curves = createCurves(columns, racers.length);
  racers.forEach((r, i) => { curves.racers[i].rows = r.rows.map((row) => columns.map((c) => row[c] ?? NaN)); });
  const tables = epochTables(curves);
  assert.equal(tables.length, 5);
  for (const [xs] of tables) assert.ok(xs.length > 0 && xs.every((x, i) => x > 0 && (i === 0 || x > xs[i - 1])), 'x: epochs > 0, increasing (log axis)');
  // m = 1 ends near 4 epochs, m = 256 near 1000: the view spans both (why its x axis is logarithmic).
  assert.ok(tables[0][0].at(-1) < 5 && tables[4][0].at(-1) > 500, `last epochs ${tables.map((t) => t[0].at(-1))}`);
  const atFour = tables.map(([xs, ys]) => ys[xs.findIndex((x) => x >= 4)]);
  assert.ok(atFour.every(Number.isFinite), `loss at 4 epochs ${atFour}`);
  assert.equal(Math.min(...atFour), atFour[0]);
  assert.equal(Math.max(...atFour), atFour[4]);
});
