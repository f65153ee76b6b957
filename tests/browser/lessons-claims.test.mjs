// Each lesson's claim is visible in a view the lesson opens (the fresh reviewer's findings on the
// tour, /work/team/closing5.md "Noticed and left alone"). Screenshots under test-output/browser/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openRaw, waitState, recordCanvasText, outputDir } from './helpers.mjs';

const END = ['finished', 'diverged'];
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('minibatch-size: the "Loss per epoch" view is open beside the step chart, with every racer drawn against epochs on a log axis', async () => {
  const { page, context, problems } = await openRaw(env, 'index.html#lesson=minibatch-size', { prepare: recordCanvasText });
  try {
    await waitState(page, END, 180_000);
    const fig = page.locator('figure.lecture-view[data-view="epochs"]');
    await fig.waitFor({ state: 'visible' });
    await page.waitForFunction(() => document.querySelector('figure[data-view="epochs"]').dataset.state === 'data');
    assert.ok(Number(await fig.getAttribute('data-points')) > 100, 'the five racers are drawn');
    // The x axis spans m = 1's ~4 epochs and m = 256's ~1000: log ticks from below 1 to beyond 100.
    const ticks = await page.evaluate(() => {
      const canvas = document.querySelector('figure[data-view="epochs"] canvas');
      return window.__optlabCanvasText(canvas).filter((t) => !t.rotated && t.baseline === 'top').map((t) => t.text);
    });
    assert.ok(ticks.includes('1') && ticks.includes('100'), `x ticks ${ticks}`);
    assert.ok(await page.locator('#view-epochs').isChecked());
    await fig.screenshot({ path: join(outputDir, 'lessons-minibatch-epochs.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
