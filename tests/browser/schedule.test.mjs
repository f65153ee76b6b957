// The per-racer "schedule & regularization" controls (web/racer-options.js from the catalog, labels from web/registry.js COMMON_LOOK): a linear
// schedule chosen in the page reaches the run (the lr column decays to lr_final by step tau, as the
// book's εₖ = (1 − k/τ)ε₀ + (k/τ)ε_τ), the link carries it, and bad values go to the validator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, waitState, trainToEnd, exportedJson, errorBox, outputDir, linkFor } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });


// Racer 2's optimizer object as the link holds it (the page writes it after the worker accepted it):
// in the spec's race, racers[1].optimizer (an old link's racers= list, [0], before the page rewrote it).
const racer2Is = (page, want) => page.waitForFunction((w) => {
  const m = /[#&]spec=([^&]*)/.exec(location.hash);
  let o = {};
  try { o = JSON.parse(decodeURIComponent(m[1])).racers?.[1]?.optimizer ?? {}; } catch { o = {}; }
  return Object.entries(w).every(([k, v]) => o[k] === v);
}, want);

async function setNumber(page, id, value) {
  // Typed, then Tab: the browser's own change event (one spec sent per edit).
  await page.fill(`#${id}`, String(value));
  await page.press(`#${id}`, 'Tab');
}

test('a linear schedule picked in the controls decays lr to lr_final by step tau, and the link round-trips it', async () => {
  const { page: p0, context: c0 } = await openPage(env);
  const spec = { ...JSON.parse(await p0.inputValue('#spec')), steps: 200 };
  await c0.close();
  spec.optimizer = { name: 'sgd', lr: 0.1 };
  const { page, context, problems } = await openPage(env, linkFor(spec, [{ name: 'sgd', lr: 0.1 }]));
  let link;
  try {
    // Generated, labelled controls for both racers, folded away by default.
    for (const id of ['opt-schedule', 'opt2-schedule', 'opt2-average', 'opt2-weight_decay', 'opt2-clip_norm', 'opt2-clip_value']) {
      assert.equal(await page.locator(`label[for="${id}"]`).count(), 1, `label for #${id}`);
    }
    assert.equal(await page.locator('#common-options2').evaluate((d) => d.open), false, 'folded while everything is default');
    await page.click('#common-options2 summary');
    assert.equal(await page.locator('#opt2-tau').isVisible(), false, 'tau is hidden for a constant schedule');
    await page.selectOption('#opt2-schedule', 'linear');
    await racer2Is(page, { schedule: 'linear' });
    assert.ok(await page.locator('#opt2-tau').isVisible(), 'tau shows for a linear schedule');
    await setNumber(page, 'opt2-lr_final', 0.01);
    await racer2Is(page, { schedule: 'linear', lr_final: 0.01 });
    await setNumber(page, 'opt2-tau', 100);
    await racer2Is(page, { schedule: 'linear', lr_final: 0.01, tau: 100 });
    assert.ok(await page.locator('#schedule-formula2 .katex').count() >= 1, 'the schedule formula is typeset');
    const mathml = await page.locator('#schedule-formula2 annotation').first().textContent();
    assert.match(mathml, /\\tau/, 'the formula names τ');

    const s = await trainToEnd(page);
    assert.equal(s.state, 'finished');
    const data = await exportedJson(page);
    const cols = data.racers[1].columns;
    const [stepAt, lrAt] = [cols.indexOf('step'), cols.indexOf('lr')];
    assert.ok(lrAt >= 0 && stepAt >= 0, `lr and step columns in ${cols}`);
    const lrOf = (racer, k) => data.racers[racer].rows.find((row) => row[stepAt] === k)?.[lrAt];
    // εₖ = (1 − k/τ)ε₀ + (k/τ)ε_τ up to τ, then ε_τ; racer 1 keeps ε₀. The record of step s holds
    // ε_s, the rate of the step that leaves θ_s (docs/wasm-api.md), so ε_τ shows from step τ.
    const eps = (k) => (k < 100 ? (1 - k / 100) * 0.1 + (k / 100) * 0.01 : 0.01);
    for (const s of [0, 50, 100, 110, 150, 200]) {
      const want = eps(s);
      assert.ok(Math.abs(lrOf(1, s) - want) < 1e-9, `racer 2 lr at step ${s}: ${lrOf(1, s)} vs ${want}`);
      assert.ok(Math.abs(lrOf(0, s) - 0.1) < 1e-12, `racer 1 lr stays 0.1 at step ${s}`);
    }
    await page.screenshot({ path: join(outputDir, 'schedule-linear.png'), fullPage: true });
    link = await page.evaluate(() => location.href);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }

  // The link reproduces the choice in a fresh page: controls, JSON and the group open.
  const { page: p2, context: c2, problems: pr2 } = await openPage(env, link.slice(link.indexOf('#')));
  try {
    assert.equal(await p2.inputValue('#opt2-schedule'), 'linear');
    assert.equal(Number(await p2.inputValue('#opt2-tau')), 100);
    assert.equal(Number(await p2.inputValue('#opt2-lr_final')), 0.01);
    assert.equal(await p2.inputValue('#opt-schedule'), 'constant', 'racer 1 untouched');
    assert.equal(await p2.locator('#common-options2').evaluate((d) => d.open), true, 'opened: it holds a non-default choice');
    // Out-of-range values are the validator's to reject, in the page's error box, naming the field.
    await setNumber(p2, 'opt2-tau', 0);
    await p2.waitForFunction(() => !document.getElementById('error').hidden);
    const e = await errorBox(p2);
    assert.ok(e.visible && /tau/.test(e.text), `error names tau: ${e.text}`);
    assert.equal(Number(await p2.inputValue('#opt2-tau')), 100, 'the control goes back to the running value');
    await waitState(p2, ['ready', 'paused', 'finished']);
    assert.deepEqual(pr2, []);
  } finally {
    await c2.close();
  }
});
