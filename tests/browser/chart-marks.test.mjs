// The change marks on the step charts (reviewer's item 11: their labels ran left, over the y axis's
// tick labels, because uPlot leaves the canvas's text alignment 'right'): each label is drawn
// left-aligned, starting right of its line (or, near the right edge, ending left of it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, linkFor, trainToEnd, recordCanvasText, outputDir } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('change labels on the loss chart are drawn left-aligned, not over the y axis', async () => {
  const spec = { seed: 7, dataset: { name: 'spiral' }, steps: 600, log_every: 10, changes: [{ step: 30, set: { 'optimizer.lr': 0.05 } }, { step: 590, set: { 'optimizer.lr': 0.01 } }] };
  const { page, context, problems } = await openPage(env, linkFor(spec), { prepare: recordCanvasText });
  try {
    await trainToEnd(page);
    await page.waitForTimeout(500);
    const labels = await page.evaluate(() => window.__optlabCanvasText(document.querySelector('#loss-chart canvas')).filter((t) => /^ε →/.test(t.text)));
    assert.deepEqual(labels.map((l) => [l.text, l.align]), [['ε → 0.05', 'left'], ['ε → 0.01', 'left']]);
    await page.locator('#loss-chart').screenshot({ path: join(outputDir, 'chart-marks.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
