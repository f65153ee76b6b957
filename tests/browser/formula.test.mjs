// Formula surfaces in the page (issue 14, item 3): a student picks "Your formula", types f(x, y),
// and the walk is the Node runner's for the same spec; a typo gets a message that points at the
// place, keeps the typed text to correct, and the running experiment goes on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, waitState, exportedJson, errorBox, outputDir, nodeParamsTrace } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('typed in the page, a formula walks exactly the Node runner\'s trajectory; a typo is named and the run goes on', async () => {
  const { page, context } = await openPage(env);
  try {
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
