// Bad specs are reported in the page (role="alert"), naming the field with the validator's
// message, and the page keeps running the last good experiment.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, waitState, stats, errorBox } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

// Each report bumps data-seq on the error box, so a new report is told apart from the last one.
async function applyJson(page, text) {
  const seq = await page.evaluate(() => Number(document.getElementById('error').dataset.seq ?? 0));
  await page.fill('#spec', text);
  await page.click('#apply');
  await page.waitForFunction((n) => Number(document.getElementById('error').dataset.seq ?? 0) > n, seq, { timeout: 30_000 });
}

// The page still works: the last good spec is the one running, and Step advances it.
async function assertStillUsable(page, goodSpec) {
  const before = await stats(page);
  await page.click('#step');
  await page.waitForFunction((n) => Number(document.getElementById('stat-step').dataset.value) === n + 1, before.step, { timeout: 30_000 });
  const hashSpec = await page.evaluate(() => JSON.parse(decodeURIComponent(location.hash.slice(6))));
  assert.deepEqual(hashSpec, goodSpec, 'the URL still holds the last good spec');
  assert.equal(await page.inputValue('#seed'), String(goodSpec.seed), 'controls show the running spec');
}

test('bad specs typed in the JSON box name their field and leave the run alone', async () => {
  const { page, context, problems } = await openPage(env);
  try {
    const good = JSON.parse(await page.inputValue('#spec'));
    const cases = [
      ['negative learning rate', (s) => { s.optimizer.lr = -0.1; }, /optimizer\.lr/],
      ['batch size 0', (s) => { s.batch_size = 0; }, /batch_size/],
      ['unknown optimizer', (s) => { s.optimizer.name = 'sgd_with_wings'; }, /optimizer(\.name)?/],
    ];
    for (const [what, mutate, field] of cases) {
      const bad = structuredClone(good);
      mutate(bad);
      await applyJson(page, JSON.stringify(bad, null, 2));
      const e = await errorBox(page);
      assert.ok(e.visible, `${what}: error box visible`);
      assert.equal(e.role, 'alert');
      assert.match(e.text, field, `${what}: names the field (${e.text})`);
      await assertStillUsable(page, good);
    }

    // Malformed JSON: reported, nothing else changes.
    await applyJson(page, '{"seed": 7, "optimizer": {"name": "sgd", "lr": 0.1,}');
    let e = await errorBox(page);
    assert.ok(e.visible);
    assert.match(e.text, /json|parse|syntax|expected|unexpected/i, `malformed JSON reported (${e.text})`);
    await assertStillUsable(page, good);

    // Markup in a value is shown as text, never parsed.
    const evil = structuredClone(good);
    evil.optimizer.name = '<img src=x onerror="document.title=1">';
    await applyJson(page, JSON.stringify(evil));
    e = await errorBox(page);
    assert.equal(e.children, 0, 'the error box holds text only');
    assert.equal(await page.locator('#error img').count(), 0);

    // A good spec clears the error and takes over.
    const next = structuredClone(good);
    next.seed = good.seed + 1;
    await page.fill('#spec', JSON.stringify(next));
    await page.click('#apply');
    await page.waitForFunction(() => document.getElementById('error').hidden, null, { timeout: 30_000 });
    assert.equal(await page.inputValue('#seed'), String(next.seed));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('NaN in the URL is reported against its field and the default experiment runs instead', async () => {
  // What a hand-edited link looks like: JSON with a bare NaN.
  const text = '{"seed":7,"dataset":{"name":"spiral","classes":3,"samples":300,"noise":0.1,"test_fraction":0.2},' +
    '"network":{"layers":[{"units":16,"activation":"tanh"}],"loss":"softmax_cross_entropy"},' +
    '"optimizer":{"name":"sgd","lr":NaN},"batch_size":16,"steps":200,"log_every":10}';
  const { page, context, problems } = await openPage(env, '#spec=' + encodeURIComponent(text));
  try {
    const e = await errorBox(page);
    assert.ok(e.visible, 'error visible');
    assert.match(e.text, /optimizer\.lr/, `names the field (${e.text})`);
    assert.equal(await waitState(page, ['ready']), 'ready');
    // The JSON box and the address bar keep the link's text, to correct; a good spec runs meanwhile.
    assert.match(await page.inputValue('#spec'), /"lr": ?NaN/);
    assert.match(decodeURIComponent(await page.evaluate(() => location.hash)), /"lr":NaN/);
    const s = { optimizer: { lr: Number(await page.inputValue('#opt-lr-num')) }, batch_size: Number(await page.inputValue('#batch')) };
    assert.ok(Number.isFinite(s.optimizer.lr), 'a good spec is running');
    await page.click('#step');
    await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '1');

    // Controls that produce an invalid value are rejected the same way (batch size 0 from the input).
    await page.fill('#batch', '0');
    await page.dispatchEvent('#batch', 'change');
    await page.waitForFunction(() => /batch_size/.test(document.getElementById('error').textContent), null, { timeout: 30_000 });
    assert.equal(await page.inputValue('#batch'), String(s.batch_size), 'the control snaps back to the running value');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a diverging run stops with a visible message, and a smaller learning rate recovers', async () => {
  const { page, context, problems } = await openPage(env);
  try {
    const good = JSON.parse(await page.inputValue('#spec'));
    // A linear model under squared error with a huge step: |1 - εL| > 1, so it blows up in a few steps.
    const bad = structuredClone(good);
    bad.network.layers = [{ units: 16, activation: 'linear' }];
    bad.network.loss = 'mean_squared_error';
    bad.optimizer.lr = 100;
    await page.fill('#spec', JSON.stringify(bad));
    await page.click('#apply');
    // Accepted by the worker (the link is written then; the box already holds the typed text).
    await page.waitForFunction(() => { try { return JSON.parse(decodeURIComponent(location.hash.slice(6))).optimizer.lr === 100; } catch { return false; } });
    await page.click('#play');
    assert.equal(await waitState(page, ['diverged', 'finished'], 60_000), 'diverged');
    const msg = await page.evaluate(() => { const d = document.getElementById('diverged'); return { hidden: d.hidden, text: d.textContent }; });
    assert.equal(msg.hidden, false);
    assert.match(msg.text, /diverged at step \d+/);
    assert.ok(await page.locator('#play').isDisabled(), 'nothing left to play');
    const s = await stats(page);
    assert.ok(s.step < bad.steps, `stopped early (step ${s.step})`);

    // Lower the learning rate from the JSON box: a new run starts and the message goes away.
    bad.optimizer.lr = 0.01;
    await page.fill('#spec', JSON.stringify(bad));
    await page.click('#apply');
    await waitState(page, ['ready']);
    assert.equal(await page.evaluate(() => document.getElementById('diverged').hidden), true);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
