// The loss landscape in the page (docs/landscapes.md): a network spec with "landscape" trains, then
// the worker computes the line and the plane in chunks and the page draws both; while it computes,
// the page still answers (a language switch relabels it); the numbers the page receives are the
// ones the Node runner prints for the same spec.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, waitState, linkFor, outputDir } from './helpers.mjs';
import { runRunner } from '../node/helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const SPEC = {
  seed: 3, dataset: { name: 'spiral', samples: 200 }, network: { layers: [{ units: 12, activation: 'tanh' }] },
  optimizer: { name: 'adam', lr: 0.02 }, steps: 300, log_every: 20,
  landscape: { line_points: 21, plane_points: 15 },
};

// The landscape lines the Node (wasm) runner prints for a spec.
const nodeLandscape = (spec) => runRunner('wasm', spec).rows.filter((j) => j.landscape);

test('after the run the page draws the interpolation curve and the plane with the projected path, as the runner computes them', async () => {
  const { page, context, problems } = await openPage(env, linkFor(SPEC));
  try {
    const plane = page.locator('#landscape-plane');
    assert.equal(await plane.isVisible(), false, 'no landscape before the run has finished');
    await page.click('#play');
    assert.equal(await waitState(page, ['finished', 'diverged'], 120_000), 'finished');
    await page.waitForFunction(() => document.getElementById('landscape-plane').dataset.finished === 'true', null, { timeout: 120_000 });
    assert.ok(await plane.isVisible());
    assert.ok(await page.locator('#landscape-line').isVisible());
    const shown = await page.evaluate(() => ({
      done: Number(document.getElementById('landscape-plane').dataset.done),
      total: Number(document.getElementById('landscape-plane').dataset.total),
      note: document.getElementById('landscape-note').textContent,
      lineCanvas: !!document.querySelector('#landscape-line canvas'),
    }));
    assert.equal(shown.total, 21 + 15 * 15);
    assert.equal(shown.done, shown.total);
    assert.ok(shown.lineCanvas);
    assert.match(shown.note, /\d+%/);
    // The plane's pixels are not one colour (a contour map was drawn).
    const colours = await page.evaluate(() => {
      const c = document.getElementById('landscape-plane');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const set = new Set();
      for (let i = 0; i < d.length; i += 4 * 97) set.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
      return set.size;
    });
    assert.ok(colours > 10, `${colours} colours on the plane`);
    await page.screenshot({ path: join(outputDir, 'landscape-en.png'), fullPage: true });
    // The same numbers as the runner: the page's caption reads the same median off-plane fraction.
    const lines = nodeLandscape(SPEC);
    const off = lines.filter((l) => l.landscape === 'trajectory').map((l) => l.off_plane).sort((a, b) => a - b);
    const median = off[Math.floor(off.length / 2)];
    assert.ok(shown.note.includes(`${Math.round(median * 100)}%`), `${shown.note} vs median ${median}`);
    // Japanese.
    await page.selectOption('#lang', 'ja');
    assert.match(await page.locator('#landscape-note').textContent(), /平面/);
    await page.screenshot({ path: join(outputDir, 'landscape-ja.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
