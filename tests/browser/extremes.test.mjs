// The page under extreme input: a heavy but legal network (3 hidden layers of 800 units, 1.3·10⁶
// parameters — under core/run/spec_limits.hpp's 2·10⁶ — on 3000 examples, full batch: a step takes
// a large part of a second) plays while the page says the worker is at it, and
// Pause and Reset still answer — the worker steps in chunks of bounded work and the heatmap's grid is
// sized to the network; a link nested thousands of levels deep is reported and the default runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, waitState, stats, errorBox } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('a heavy network plays showing it is working; Pause stops it and Reset starts it again', async () => {
  const { page: p0, context: c0 } = await openPage(env);
  const spec = JSON.parse(await p0.inputValue('#spec'));
  await c0.close();
  spec.network.layers = Array.from({ length: 3 }, () => ({ units: 800, activation: 'tanh' }));
  spec.dataset.samples = 3000;
  spec.batch_size = 'full';
  spec.steps = 1000;
  const { page, context, problems } = await openPage(env, '#spec=' + encodeURIComponent(JSON.stringify(spec)));
  try {
    assert.equal(await waitState(page, ['ready']), 'ready');
    assert.equal((await errorBox(page)).visible, false, 'the heavy spec is legal (within the core\'s resource limits)');
    await page.click('#play');
    await page.waitForFunction(() => document.body.dataset.busy === 'true', null, { timeout: 60_000 });
    assert.match(await page.textContent('#stat-state'), /a step takes a while/, 'the state says the worker is working');
    await page.click('#play');   // Pause
    assert.equal(await waitState(page, ['paused', 'finished'], 60_000), 'paused', 'Pause took effect before the run ended');
    const a = await stats(page);
    assert.ok(a.step > 0 && a.step < spec.steps, `stopped part way (step ${a.step})`);
    await page.waitForTimeout(1500);
    assert.equal((await stats(page)).step, a.step, 'paused means paused');
    await page.click('#reset');
    await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '0', null, { timeout: 60_000 });
    assert.equal(await waitState(page, ['ready']), 'ready');
    assert.equal(await page.evaluate(() => document.body.dataset.busy), 'false');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a link whose spec nests 7000 arrays deep is reported and the default experiment runs', async () => {
  const deep = '{"seed": ' + '['.repeat(7000) + ']'.repeat(7000) + '}';
  const { page, context, problems } = await openPage(env, '#spec=' + encodeURIComponent(deep));
  try {
    assert.equal(await waitState(page, ['ready', 'error'], 60_000), 'ready', 'not stuck loading, not dead');
    const e = await errorBox(page);
    assert.ok(e.visible, 'the rejection is shown');
    assert.match(e.text, /nested deeper than 100 levels/);
    await page.click('#step');
    await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '1');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
