// Optimizer races on networks: racers share the seed (so the initial weights and the minibatch
// order), step in lockstep, and a copied link reproduces every racer's numbers in a fresh page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { loadavg, availableParallelism } from 'node:os';
import { setup, openPage, waitState, trainToEnd, racerStats, exportedJson, outputDir, percentile, linkFor } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });


async function defaultSpec() {
  const { page, context } = await openPage(env);
  const spec = JSON.parse(await page.inputValue('#spec'));
  await context.close();
  return spec;
}

test('racers share initial weights and minibatch order: identical racers draw identical curves, another lr differs', async () => {
  const spec = { ...(await defaultSpec()), steps: 300 };
  spec.optimizer = { name: 'sgd', lr: 0.1 };
  const racers = [{ name: 'sgd', lr: 0.1 }, { name: 'sgd', lr: 0.02 }];
  const { page, context, problems } = await openPage(env, linkFor(spec, racers));
  try {
    assert.equal(await page.locator('#racers .racer').count(), 3, 'three racer blocks');
    // Each racer: its own labelled controls and its update rule typeset next to them.
    for (const id of ['optimizer', 'optimizer2', 'optimizer3', 'opt-lr', 'opt2-lr', 'opt3-lr']) {
      assert.equal(await page.locator(`label[for="${id}"]`).count(), 1, `label for #${id}`);
    }
    assert.equal(await page.locator('#racers .racer .formula .katex').count(), 3, 'three rendered update rules');
    const s = await trainToEnd(page);
    assert.equal(s.state, 'finished');
    const r = await racerStats(page);
    assert.equal(r.length, 3);
    assert.ok(r.every((x) => x.step === 300), `every racer ran all steps in lockstep: ${JSON.stringify(r)}`);
    const data = await exportedJson(page);
    const [a, b, c] = data.racers.map((x) => x.rows);
    const lossAt = data.racers[0].columns.indexOf('loss');
    assert.equal(a[0][lossAt], c[0][lossAt], 'same loss at step 0 for every racer: the same initial weights');
    assert.deepEqual(a.map((row) => row.slice(1)), b.map((row) => row.slice(1)), 'identical racers: identical curves (time column aside)');
    assert.notEqual(a.at(-1)[lossAt], c.at(-1)[lossAt], 'a different learning rate ends elsewhere');
    // One colour per racer, all different.
    const colours = await page.evaluate(() => [...document.querySelectorAll('#legend .swatch')].map((e) => getComputedStyle(e).backgroundColor));
    assert.equal(new Set(colours).size, 3, `distinct colours ${colours}`);
    // Loss against wall-clock time is drawn from positive, increasing times.
    const times = data.racers[0].rows.map((row) => row[0]);
    assert.ok(times.every((t, i) => i === 0 || t >= times[i - 1]), 'time is non-decreasing');
    assert.ok(times.at(-1) > 0, 'time spent is recorded');
    await page.screenshot({ path: join(outputDir, 'race-network-3.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a copied race link reopened in a fresh page reproduces every racer, language included', async () => {
  const spec = { ...(await defaultSpec()), steps: 400 };
  const { page, context, problems } = await openPage(env, linkFor(spec));
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    // Build the race with the controls: add two racers, change the second one's learning rate.
    await page.click('#add-racer');
    await page.waitForFunction(() => document.querySelectorAll('#racers .racer').length === 2);
    await page.click('#add-racer');
    await page.waitForFunction(() => document.querySelectorAll('#racers .racer').length === 3);
    const slider = page.locator('#opt2-lr');
    await slider.evaluate((e) => { e.value = String(Number(e.value) - 100); e.dispatchEvent(new Event('input')); e.dispatchEvent(new Event('change')); });
    await page.waitForFunction(() => { try { return JSON.parse(decodeURIComponent(/spec=([^&]*)/.exec(location.hash)[1])).racers?.length === 3; } catch { return false; } });
    await page.selectOption('#lang', 'ja');
    await page.waitForFunction(() => /lang=ja/.test(location.hash));
    const first = await trainToEnd(page);
    assert.equal(first.state, 'finished');
    const firstRacers = await racerStats(page);
    assert.equal(firstRacers.length, 3);
    await page.click('#copy-link');
    const link = await page.evaluate(() => document.getElementById('copy-link').dataset.copied);
    assert.ok(link.startsWith(env.base) && /#spec=[^&]*&lang=ja/.test(link), `link ${link}`);
    assert.equal(JSON.parse(decodeURIComponent(/spec=([^&]*)/.exec(link)[1])).racers.length, 3, 'the race rides in the spec');
    const clip = await page.evaluate(() => navigator.clipboard.readText().catch(() => null));
    if (clip !== null) assert.equal(clip, link, 'the link is on the clipboard');

    const { page: other, context: c2, problems: p2 } = await openPage(env, link.slice(link.indexOf('#')));
    try {
      assert.equal(await other.textContent('#play'), '再生', 'the language came with the link');
      const again = await trainToEnd(other);
      await other.screenshot({ path: join(outputDir, 'race-link-reopened.png'), fullPage: true });
      assert.deepEqual(again, first, 'racer 1 reproduced');
      assert.deepEqual((await racerStats(other)).map((r) => r.value), firstRacers.map((r) => r.value), 'every racer reproduced');
      assert.deepEqual(p2, []);
    } finally {
      await c2.close();
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('an 8-way race keeps the page responsive (p95 frame time) and the first frame comes fast', async () => {
  // Long enough that no racer finishes while the frames are measured, however fast the core gets.
  const spec = { ...(await defaultSpec()), steps: 1000000, log_every: 100 };
  const names = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'adadelta', 'adamw'];
  const { page: probe, context: c0 } = await openPage(env);
  const available = await probe.evaluate(() => [...document.getElementById('optimizer').options].filter((o) => !o.disabled).map((o) => o.value));
  await c0.close();
  // Eight racers of whatever methods the build has (the same method at other learning rates otherwise).
  const racers = [];
  for (let i = 1; racers.length < 7; i++) {
    const name = names[i % names.length];
    racers.push(available.includes(name) ? { name, lr: 0.01 } : { name: 'sgd', lr: 0.02 * i });
  }
  spec.optimizer = { name: 'sgd', lr: 0.1 };
  const { page, context, problems } = await openPage(env, linkFor(spec, racers));
  try {
    assert.equal(await page.locator('#racers .racer').count(), 8);
    await page.click('#play');
    await page.waitForFunction(() => Number(document.getElementById('stat-step').dataset.value) > 0);
    // requestAnimationFrame deltas over 3 s of racing, measured in the page.
    const deltas = await page.evaluate(() => new Promise((resolve) => {
      const out = [];
      let last = performance.now();
      const t0 = last;
      const tick = (now) => {
        out.push(now - last);
        last = now;
        if (now - t0 < 3000) requestAnimationFrame(tick); else resolve(out);
      };
      requestAnimationFrame(tick);
    }));
    const steps = Number(await page.evaluate(() => document.getElementById('stat-step').dataset.value));
    const p95 = percentile(deltas.slice(1), 95);
    const p50 = percentile(deltas.slice(1), 50);
    await page.screenshot({ path: join(outputDir, 'race-network-8.png'), fullPage: true });
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'playing', 'still racing when measured');
    await page.click('#play');
    console.log(`# 8-way race: ${deltas.length} frames, p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ${steps} steps per racer in ~3 s`);
    // First frame: a fresh page with autoplay, timed from navigation start.
    const { page: fresh, context: c3 } = await openPage(env, linkFor(spec, racers, '&autoplay=1'));
    await fresh.waitForFunction(() => document.body.dataset.firstStepMs);
    const first = await fresh.evaluate(() => ({ frame: Number(document.body.dataset.firstFrameMs), step: Number(document.body.dataset.firstStepMs) }));
    await c3.close();
    console.log(`# first frame ${first.frame} ms, first training frame ${first.step} ms after navigation`);
    // The frame budget is a property of the page, but a machine whose cores are already busy with
    // other work (load average above the core count) starves any page: then the numbers are
    // recorded and reported, not asserted.
    const load = loadavg()[0], cores = availableParallelism();
    writeFileSync(join(outputDir, 'race-perf.json'), JSON.stringify({ frames: deltas.length, p50, p95, stepsPerRacer: steps, firstFrameMs: first.frame, firstTrainingFrameMs: first.step, loadAverage: load, cores }, null, 2));
    if (load < cores) {
      assert.ok(p95 < 20, `p95 frame time ${p95.toFixed(1)} ms < 20 ms`);
      assert.ok(first.step < 1500, `first training frame within 1.5 s (${first.step} ms)`);
    } else {
      console.log(`# load average ${load.toFixed(1)} on ${cores} cores: p95 ${p95.toFixed(1)} ms and first frame ${first.step} ms recorded, not asserted`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
