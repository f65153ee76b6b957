// The depth view (web/views/signals.js, computed by web/worker/signals.js): opening it computes, in the worker, one probe pass of a 10-layer
// net under every initializer, and shows what the book says happens — N(0, 1) weights saturate a
// tanh net, Glorot does not, batch norm repairs the scale — without disturbing the main run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, stats } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

// The table under the charts: {initializer: [[act std, fraction, grad std] at first, middle, last layer]}.
async function table(page) {
  return page.evaluate(() => {
    const out = {};
    for (const tr of document.querySelectorAll('#signals .signals-table tr')) {
      const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent);
      if (!cells.length) continue;
      out[cells[0]] = cells.slice(1).map((c) => c.split(' · ').map(Number));
    }
    return out;
  });
}

async function waitReady(page) {
  await page.waitForFunction(() => document.getElementById('signals').dataset.ready === '1', null, { timeout: 60_000 });
}

test('the depth view shows tanh saturating under N(0, 1) but not under Glorot, and batch norm fixing it', async () => {
  const { page, context, problems } = await openPage(env);
  try {
    await page.click('#signals summary');
    await waitReady(page);
    let t = await table(page);
    assert.equal(Object.keys(t).length, 7, 'one row per initializer');
    const [, , lastBig] = t['N(0, 1)'];
    const [, , lastGlorot] = t['Glorot normal'];
    assert.ok(lastBig[1] > 0.4, `N(0,1): ${lastBig[1]} of the last layer's units saturated`);
    assert.ok(lastGlorot[1] < 0.01, `Glorot: ${lastGlorot[1]} saturated`);
    assert.ok(t['N(0, 1)'][0][2] / lastBig[2] > 1e3, 'gradients explode towards the input under N(0, 1)');
    // The charts are drawn.
    const inked = await page.evaluate(() => {
      const c = document.getElementById('signals-act');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) n += d[i] > 0;
      return n;
    });
    assert.ok(inked > 1000, `activation chart has ${inked} inked pixels`);

    await page.selectOption('#signals-norm', 'batch_norm');
    await waitReady(page);
    t = await table(page);
    assert.ok(t['N(0, 1)'][2][1] < 0.05, 'batch norm: the last layer no longer saturates');

    await page.selectOption('#signals-activation', 'relu');
    await page.selectOption('#signals-norm', 'none');
    await waitReady(page);
    t = await table(page);
    assert.ok(Math.abs(t['He normal'][2][1] - 0.5) < 0.2, 'ReLU: about half the outputs are 0');
    // The main experiment was not touched.
    assert.equal((await stats(page)).step, 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

// Units per layer m is the probe's fifth control. Under N(0, 1) weights a ReLU layer multiplies the
// activations' spread by about √(m/2) (fan-in m, half the units pass), so from m = 8 to m = 64 the
// last of 4 layers (3 of them with fan-in m) grows by about (√8)³ ≈ 23; He's initialization scales
// the weights by √(2/m) and keeps it width-free (He et al. 2015). A lesson sets it to its own width.
test('units per layer: under N(0, 1) a ReLU net\'s spread grows like √(m/2) per layer, under He it does not; a lesson sets its width', async () => {
  const { page, context, problems } = await openPage(env);
  try {
    await page.click('#signals summary');
    await waitReady(page);
    await page.selectOption('#signals-activation', 'relu');
    await waitReady(page);
    await page.fill('#signals-depth', '4');
    await page.dispatchEvent('#signals-depth', 'change');
    const at = async (m) => {
      await page.fill('#signals-width', String(m));
      await page.dispatchEvent('#signals-width', 'change');
      await page.waitForFunction((w) => document.getElementById('signals').dataset.ready === '1' && document.getElementById('signals-width').value === w, String(m), { timeout: 60_000 });
      return table(page);
    };
    const narrow = await at(8), wide = await at(64);
    const lastStd = (t, name) => t[name][2][0];
    const big = lastStd(wide, 'N(0, 1)') / lastStd(narrow, 'N(0, 1)');
    const he = lastStd(wide, 'He normal') / lastStd(narrow, 'He normal');
    assert.ok(big > 8 && big < 70, `N(0, 1): the last layer's spread grows ×${big} from 8 to 64 units (about 23 expected)`);
    assert.ok(he > 1 / 3 && he < 3, `He: ×${he}, about 1`);
    // A width that is not a multiple of 4 is moved to one, and the status says so.
    await page.fill('#signals-width', '10');
    await page.dispatchEvent('#signals-width', 'change');
    await waitReady(page);
    assert.equal(await page.inputValue('#signals-width'), '12');
    assert.match(await page.textContent('#signals .signals-controls'), /units 10: 12 per layer shown/);
    assert.equal((await stats(page)).step, 0, 'the main experiment was not touched');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
  // The batch-norm lesson's net has 16 units per layer: the probe takes them.
  const lesson = await openPage(env, '#lesson=batch-norm');
  try {
    await lesson.page.waitForFunction(() => document.getElementById('signals-width').value === '16', null, { timeout: 60_000 });
    assert.equal(await lesson.page.inputValue('#signals-activation'), 'sigmoid');
  } finally {
    await lesson.context.close();
  }
});
