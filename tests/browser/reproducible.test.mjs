// The same seed gives the same run: after Reset, and from a copied link in a fresh page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, waitState, stats, trainToEnd } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const heatmapPixels = (page) => page.evaluate(() => {
  const c = document.getElementById('heatmap');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let h = 0;
  for (let i = 0; i < d.length; i++) h = (Math.imul(h, 31) + d[i]) | 0;
  return h;
});

const chartData = (page) => page.evaluate(() => document.getElementById('loss-chart').textContent);

test('Reset replays the identical run; a different seed gives a different one', async () => {
  // A short run keeps this test quick; the spec goes in through the URL, as a shared link would.
  const { page: p0, context: c0 } = await openPage(env);
  const spec = JSON.parse(await p0.inputValue('#spec'));
  await c0.close();
  spec.steps = 400;
  const hash = '#spec=' + encodeURIComponent(JSON.stringify(spec));

  const { page, context, problems } = await openPage(env, hash);
  try {
    assert.equal(JSON.parse(await page.inputValue('#spec')).steps, 400, 'the URL spec is the one loaded');
    const first = await trainToEnd(page);
    const firstPixels = await heatmapPixels(page);
    assert.equal(first.state, 'finished');
    assert.equal(first.step, 400);

    await page.click('#reset');
    await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '0');
    assert.equal(await waitState(page, ['ready']), 'ready');
    const second = await trainToEnd(page);
    assert.deepEqual(second, first, 'identical numbers after Reset');
    assert.equal(await heatmapPixels(page), firstPixels, 'identical decision boundary after Reset');

    // Pausing midway, single steps and a paced speed do not change where the run ends up.
    await page.click('#reset');
    await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '0');
    for (let i = 0; i < 5; i++) await page.click('#step');
    await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '5');
    await page.selectOption('#speed', '30');            // slow motion: ~30 steps per second
    await page.click('#play');
    await page.waitForTimeout(1000);
    await page.click('#play');                          // pause
    assert.equal(await waitState(page, ['paused']), 'paused');
    const paced = (await stats(page)).step - 5;
    assert.ok(paced >= 5 && paced <= 90, `about 30 steps in a second at 30 steps/s (got ${paced})`);
    await page.selectOption('#speed', '300');
    const t = Date.now();
    const third = await trainToEnd(page);
    const secs = (Date.now() - t) / 1000;
    assert.ok(secs > 0.6, `${400 - 5 - paced} steps at 300 steps/s take over a second (took ${secs} s)`);
    assert.deepEqual(third, first, 'same end point with pauses, single steps and pacing in between');
    await page.selectOption('#speed', '0');

    // The link in the address bar reproduces it in a fresh page.
    const link = await page.evaluate(() => location.hash);
    const { page: other, context: c2, problems: p2 } = await openPage(env, link);
    const fromLink = await trainToEnd(other);
    assert.deepEqual(fromLink, first, 'the copied link reproduces the run');
    assert.deepEqual(p2, []);
    await c2.close();

    // Pasting a link into the same tab (a hash change) loads that spec too.
    const pasted = { ...spec, seed: spec.seed + 2 };
    await page.evaluate((h) => { location.hash = h; }, '#spec=' + encodeURIComponent(JSON.stringify(pasted)));
    await page.waitForFunction((s) => document.getElementById('seed').value === String(s), pasted.seed);
    assert.equal(await waitState(page, ['ready']), 'ready');

    // A different seed is a different experiment (guards against the numbers simply being constant).
    await page.fill('#seed', String(spec.seed + 1));
    await page.dispatchEvent('#seed', 'change');
    await page.waitForFunction((s) => JSON.parse(document.getElementById('spec').value).seed === s, spec.seed + 1);
    const otherSeed = await trainToEnd(page);
    assert.notDeepEqual({ ...otherSeed }, { ...first }, 'another seed gives other numbers');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
