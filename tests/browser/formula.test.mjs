// Formula surfaces in the page (issue 14, item 3): a student picks "Your formula", types f(x, y),
// and the walk is the Node runner's for the same spec; a typo gets a message that points at the
// place, keeps the typed text to correct, and the running experiment goes on.
// math.js is its own file, formula.js, fetched only when a formula is needed (wasm/formula-loader.js):
// a page without one never fetches it; a link with one works while it is held back, on the worker
// pool too; a formula.js that cannot be fetched is named in the message and the link is kept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, openRaw, waitState, exportedJson, errorBox, outputDir, nodeParamsTrace, linkFor, addressState, boxSpec } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

// Records the path of every file the page and its workers ask for (prepare hook of openPage).
const recordPaths = (paths) => (context) => { context.on('request', (r) => paths.push(new URL(r.url()).pathname)); };
const isFormulaJs = (p) => p.endsWith('/formula.js');

test('typed in the page, a formula walks exactly the Node runner\'s trajectory; a typo is named and the run goes on', async () => {
  const paths = [];
  const { page, context } = await openPage(env, '', { prepare: recordPaths(paths) });
  try {
    // The default page (a network) has run a frame without ever asking for math.js.
    await page.waitForFunction(() => document.body.dataset.firstFrameMs);
    assert.ok(paths.some((p) => p.endsWith('/worker.js')) && paths.some((p) => p.endsWith('.wasm')), `the workers' requests are seen: ${paths}`);
    assert.deepEqual(paths.filter(isFormulaJs), [], 'a page without a formula never fetches formula.js');
    // Each choice is applied (the worker accepts the spec) before the next is made.
    await page.selectOption('#kind', 'surface');
    await page.waitForFunction(() => document.getElementById('spec').value.includes('"problem"'));
    await page.selectOption('#surface', 'formula');
    await page.waitForFunction(() => document.getElementById('spec').value.includes('"formula"'));
    await page.waitForFunction(() => !document.getElementById('surface-formula').closest('.row').hidden);
    // The example (Beale) is there, with its exact gradient written out.
    assert.match(await page.inputValue('#surface-formula'), /2\.625/);
    const f = '(1 - x)^2 + 100*(y - x^2)^2';
    await page.fill('#surface-formula', f);
    await page.press('#surface-formula', 'Enter');
    await page.locator('#surface-formula').dispatchEvent('change');
    // math.js's exact gradient of Rosenbrock is shown: ∂f/∂y = 200 (y − x²).
    await page.waitForFunction(() => /∂f\/∂y = 200 \* \(y - x \^ 2\)/.test(document.getElementById('surface-formula-derivatives').textContent), null, { timeout: 20_000 });
    assert.ok(paths.filter(isFormulaJs).length >= 1, 'picking "Your formula" fetched formula.js');
    await page.fill('#x0', '-1.2');
    await page.locator('#x0').dispatchEvent('change');
    await page.fill('#y0', '1');
    await page.locator('#y0').dispatchEvent('change');
    await page.fill('#steps', '200');
    await page.locator('#steps').dispatchEvent('change');
    await page.click('#play');
    assert.equal(await waitState(page, ['finished', 'diverged'], 60_000), 'finished');
    await page.waitForTimeout(300);
    const data = await exportedJson(page);
    const spec = data.spec ?? data.racers[0].spec;
    assert.equal(spec.problem.name, 'formula');
    assert.equal(spec.problem.f, f);
    const pageTrace = data.racers[0].params_trace;   // flat: x₀, y₀, x₁, y₁, …
    const runner = nodeParamsTrace({ ...spec, trace: { ...(spec.trace ?? {}), params: true } }).flat();
    assert.ok(pageTrace.length > 20);
    assert.deepEqual(pageTrace, runner, 'the page walks exactly the Node runner\'s trajectory');
    // It went somewhere: Rosenbrock's valley takes SGD towards (1, 1) from (−1.2, 1).
    assert.notDeepEqual(pageTrace.slice(-2), [-1.2, 1]);

    // A typo: named with its place, the text stays to correct, the finished experiment is kept.
    await page.fill('#surface-formula', '(1 - x)^2 + 100*(y - x^^2)^2');
    await page.locator('#surface-formula').dispatchEvent('change');
    const err = (await errorBox(page)).text;
    assert.match(err, /problem\.f/);
    assert.match(err, /character 24: \(1 - x\)\^2 \+ 100\*\(y - x\^⟨\^⟩2\)\^2/);
    assert.equal(await page.inputValue('#surface-formula'), '(1 - x)^2 + 100*(y - x^^2)^2');
    assert.equal(await page.getAttribute('#surface-formula', 'aria-invalid'), 'true');
    const after = await exportedJson(page);
    assert.deepEqual(after.racers[0].params_trace, pageTrace, 'the finished run is still shown');
    await page.screenshot({ path: join(outputDir, 'formula-typo.png') });
  } finally {
    await context.close();
  }
});

// A walk on f = x² + 10y² raced at two learning rates; each racer's path is the Node runner's.
const BOWL = { seed: 3, problem: { name: 'formula', f: 'x^2 + 10*y^2', x0: [2, 1] }, optimizer: { name: 'sgd', lr: 0.01 }, steps: 60, log_every: 1, trace: { params: true } };
const BOWL_RACERS = [{ label: 'ε = 0.01' }, { label: 'ε = 0.04', optimizer: { lr: 0.04 } }];
const hold = (pattern, ms) => (ctx) => ctx.route(pattern, async (route) => { await new Promise((r) => setTimeout(r, ms)); await route.continue(); });

test('a link with a formula race opens while formula.js is held back: the page answers meanwhile, and both racers walk the runner\'s paths on the worker pool', async () => {
  const spec = { ...BOWL, racers: BOWL_RACERS };
  const paths = [];
  const { page, context, problems } = await openRaw(env, 'index.html' + linkFor(spec), {
    prepare: async (ctx) => { recordPaths(paths)(ctx); await hold('**/formula.js', 2500)(ctx); },
  });
  try {
    // formula.js is asked for and held: the page's own code still answers at once.
    for (let i = 0; i < 100 && !paths.some(isFormulaJs); i++) await page.waitForTimeout(50);
    assert.ok(paths.some(isFormulaJs), 'formula.js was asked for');
    const t0 = Date.now();
    await page.selectOption('#lang', 'ja');
    await page.selectOption('#lang', 'en');
    assert.ok(Date.now() - t0 < 1500, `the page answers while math.js loads (${Date.now() - t0} ms)`);
    assert.equal(await waitState(page, ['ready', 'paused', 'finished', 'diverged', 'error'], 60_000), 'ready');
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    assert.equal(Number(await page.evaluate(() => document.body.dataset.workers)), Math.min(2, cores), 'one pool worker per racer (and core)');
    assert.equal((await boxSpec(page)).problem.f, 'x^2 + 10*y^2', 'the link\'s formula is the experiment');
    await page.waitForFunction(() => /∂f\/∂y = 20 \* y/.test(document.getElementById('surface-formula-derivatives').textContent), null, { timeout: 20_000 });
    await page.click('#play');
    assert.equal(await waitState(page, ['finished', 'diverged'], 60_000), 'finished');
    await page.waitForTimeout(300);
    const data = await exportedJson(page);
    assert.equal(data.racers.length, 2);
    BOWL_RACERS.forEach((r, i) => {
      const runner = nodeParamsTrace({ ...BOWL, ...(r.optimizer ? { optimizer: { ...BOWL.optimizer, ...r.optimizer } } : {}) }).flat();
      assert.ok(runner.length > 100);
      assert.deepEqual(data.racers[i].params_trace, runner, `racer ${i + 1} walks exactly the Node runner's path`);
    });
    assert.notDeepEqual(data.racers[0].params_trace, data.racers[1].params_trace, 'the racers differ');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('formula.js cannot be fetched: the link\'s formula is refused naming math.js, formula.js and the cause, the link is kept, and the default experiment runs', async () => {
  const spec = { ...BOWL, steps: 40 };
  const { page, context, problems } = await openRaw(env, 'index.html' + linkFor(spec), {
    prepare: (ctx) => ctx.route('**/formula.js', (route) => route.abort('failed')),
  });
  try {
    await waitState(page, ['ready'], 60_000);
    const err = await errorBox(page);
    assert.ok(err.visible, 'the error is shown');
    assert.match(err.text, /problem\.f: cannot be read: the formula parser \(math\.js, formula\.js\) did not load \(.*formula\.js.*\)/);
    // The link is not lost: the address and the JSON box keep it to retry or correct.
    assert.equal((await addressState(page)).spec?.problem?.f, 'x^2 + 10*y^2', 'the address keeps the link');
    assert.equal(JSON.parse(await page.inputValue('#spec')).problem.f, 'x^2 + 10*y^2', 'the JSON box keeps the link\'s spec');
    assert.equal(await page.inputValue('#kind'), 'network', 'the default experiment runs meanwhile');
    await page.click('#play');
    await page.waitForFunction(() => Number(document.getElementById('stat-step').dataset.value) > 0);
    // Picking "Your formula" now: refused with the same cause; the running experiment goes on.
    await page.selectOption('#kind', 'surface');
    await page.waitForFunction(() => document.getElementById('spec').value.includes('"problem"'));
    await page.selectOption('#surface', 'formula');
    await page.waitForFunction(() => /math\.js, formula\.js\) did not load/.test(document.getElementById('error').textContent) && document.getElementById('surface').value !== 'formula');
    assert.ok(problems.length > 0 && problems.every((p) => /formula\.js/.test(p)), `only formula.js failed: ${problems.join('\n')}`);
    await page.screenshot({ path: join(outputDir, 'formula-load-failed.png') });
  } finally {
    await context.close();
  }
});
