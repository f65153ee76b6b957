// Recurrent networks in the page (docs/recurrent.md): a recall spec with an Elman layer and
// trace.hidden_grad runs to its end, and the rnn-gradients figure draws ‖∂L/∂h_t‖ against t for
// every racer (latest row and θ₀); the figure is hidden for a run without the columns.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, waitState, linkFor, outputDir } from './helpers.mjs';
import { runRunner } from '../node/helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const L = 20;
const SPEC = {
  seed: 3, dataset: { name: 'recall', length: L, samples: 200 },
  network: { layers: [{ type: 'rnn', units: 8, activation: 'linear', recurrent_init: { name: 'orthogonal', gain: 1.2 } }] },
  optimizer: { name: 'sgd', lr: 0.05, clip_norm: 1 }, steps: 40, log_every: 10, trace: { hidden_grad: true },
};

test('a recall run with trace.hidden_grad draws ‖∂L/∂h_t‖ against t, the runner\'s values, in English and Japanese', async () => {
  const { page, context, problems } = await openPage(env, linkFor(SPEC));
  try {
    const figure = page.locator('#rnn-grad-chart');
    await page.click('#play');
    assert.equal(await waitState(page, ['finished', 'diverged'], 120_000), 'finished');
    assert.ok(await figure.isVisible(), 'the rnn-gradients figure is shown');
    await page.waitForFunction(() => Number(document.getElementById('rnn-grad-chart').dataset.points) > 0, null, { timeout: 30_000 });
    // One racer: the latest row and θ₀, L + 1 positive values each.
    assert.equal(Number(await figure.getAttribute('data-points')), 2 * (L + 1));
    // The runner's θ₀ row for the same spec: ρ = 1.2, so the gradient grows towards t = 0 like 1.2^(L − t).
    const first = runRunner('wasm', SPEC).rows.find((j) => j.step === 0);
    const ratio = first.grad_h_0 / first[`grad_h_${L}`];
    assert.ok(ratio > 1.2 ** L / 2 && ratio < 1.2 ** L * 2, `‖∂L/∂h_0‖/‖∂L/∂h_L‖ = ${ratio}`);
    await page.screenshot({ path: join(outputDir, 'rnn-gradients-en.png'), fullPage: true });
    await page.selectOption('#lang', 'ja');
    await page.waitForFunction(() => document.querySelector('#rnn-grad-chart').closest('figure').querySelector('figcaption').textContent.includes('勾配'));
    assert.ok(await figure.isVisible());
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a recurrent run without trace.hidden_grad does not show the figure', async () => {
  const { page, context, problems } = await openPage(env, linkFor({ ...SPEC, trace: {} }));
  try {
    await page.click('#play');
    assert.equal(await waitState(page, ['finished', 'diverged'], 120_000), 'finished');
    assert.equal(await page.locator('#rnn-grad-chart').isVisible(), false);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the repeated-multiplication panel draws ‖Wᵗv‖, the untied chain and every eigen-component from the core\'s readout; a bad eigenvalue is named', async () => {
  const { page, context, problems } = await openPage(env);
  try {
    await page.click('#repmul summary');
    const chart = page.locator('#rm-chart');
    await page.waitForFunction(() => Number(document.getElementById('rm-chart').dataset.points) > 0, null, { timeout: 30_000 });
    // Default W: eigenvalues 1.1, 0.9, 0.5, −0.3 and t = 0 … 50: tied, untied and 4 components, all positive.
    assert.equal(Number(await chart.getAttribute('data-points')), 51 * 6);
    // The runner's readout for the same spec (seed 1): the status line's growth of the tied chain.
    const rows = runRunner('wasm', { seed: 1, readout: { name: 'repeated_multiplication', eigenvalues: [1.1, 0.9, 0.5, -0.3], length: 50 } }).rows;
    const tied = rows.filter((r) => r.step !== undefined).map((r) => r.norm_tied);
    const growth = Math.exp(Math.log(tied[50] / tied[0]) / 50);
    const status = await page.locator('.rm-status').textContent();
    assert.ok(status.includes(growth.toPrecision(4).replace(/0+$/, '')), `${status} vs ${growth}`);
    assert.ok(status.includes('max |λ| = 1.1'), status);
    await page.screenshot({ path: join(outputDir, 'repeated-multiplication-en.png'), fullPage: true });
    // A token that is not a number: the core's message, naming the field, in English and Japanese.
    await page.fill('#rm-eigen', '1.1, x');
    await page.dispatchEvent('#rm-eigen', 'change');
    await page.waitForFunction(() => document.querySelector('.rm-status').textContent.startsWith('readout.eigenvalues[1]:'));
    assert.equal(Number(await chart.getAttribute('data-points')), 0);
    await page.selectOption('#lang', 'ja');
    await page.waitForFunction(() => document.querySelector('#repmul summary').textContent.includes('繰り返し'));
    const ja = await page.locator('.rm-status').textContent();
    assert.ok(ja.startsWith('readout.eigenvalues[1]:') && !/must|got/.test(ja), ja);
    // A valid W again, t = 20.
    await page.fill('#rm-eigen', '2, 0.5');
    await page.fill('#rm-length', '20');
    await page.dispatchEvent('#rm-length', 'change');
    await page.waitForFunction(() => Number(document.getElementById('rm-chart').dataset.points) === 21 * 4);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
