// Races on 2-D test surfaces: three optimizers on Rosenbrock draw three distinct trajectories over
// the contour map, and each trajectory is exactly the params trace the Node runner prints for the
// same spec. Clicking the map sets the start point; hovering shows the gradient.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, waitState, exportedJson, outputDir, linkFor, nodeParamsTrace, addressState } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });


async function surfacesAvailable() {
  const { page, context } = await openPage(env);
  const r = await page.evaluate(() => ({
    surface: !document.querySelector('#kind option[value="surface"]').disabled,
    optimizers: [...document.getElementById('optimizer').options].filter((o) => !o.disabled).map((o) => o.value),
  }));
  await context.close();
  return r;
}

test('three optimizers on Rosenbrock: three distinct trajectories, each equal to the Node runner\'s params trace', async (t) => {
  const avail = await surfacesAvailable();
  if (!avail.surface) { t.skip('this build has no test surfaces yet'); return; }
  const spec = { seed: 7, problem: { name: 'rosenbrock', x0: [-1.2, 1] }, optimizer: { name: 'sgd', lr: 0.001 }, steps: 300, log_every: 1, trace: { params: true } };
  const pick = (name, o, fallback) => (avail.optimizers.includes(name) ? o : fallback);
  const racers = [
    pick('momentum', { name: 'momentum', lr: 0.0005, momentum: 0.9 }, { name: 'sgd', lr: 0.0005 }),
    pick('adam', { name: 'adam', lr: 0.05 }, { name: 'sgd', lr: 0.002 }),
  ];
  const { page, context, problems } = await openPage(env, linkFor(spec, racers));
  try {
    assert.equal(await page.inputValue('#kind'), 'surface');
    assert.ok(await page.locator('#contour').isVisible(), 'the contour map is shown');
    assert.equal(await page.locator('#heatmap').isVisible(), false, 'no decision regions for a surface');
    await page.click('#play');
    assert.equal(await waitState(page, ['finished', 'diverged'], 60_000), 'finished');
    await page.waitForTimeout(300);   // the last frame's drawing
    const data = await exportedJson(page);
    assert.equal(data.racers.length, 3);
    const page3 = data.racers.map((r) => r.params_trace);
    const all = [spec.optimizer, ...racers];
    const { racers: race, ...base } = data.spec;   // the exported spec is the race; each racer alone:
    assert.equal(race.length, 3);
    for (let i = 0; i < 3; i++) {
      const expected = nodeParamsTrace({ ...base, optimizer: all[i] }).flat();
      assert.equal(page3[i].length, expected.length, `racer ${i + 1}: ${expected.length / 2} points`);
      let worst = 0;
      for (let k = 0; k < expected.length; k++) worst = Math.max(worst, Math.abs(page3[i][k] - expected[k]));
      assert.ok(worst <= 1e-12, `racer ${i + 1} (${all[i].name}) matches the Node runner's trace (max |Δ| ${worst})`);
    }
    // Distinct: the end points are apart.
    const ends = page3.map((tr) => tr.slice(-2));
    for (let i = 0; i < 3; i++) for (let j = i + 1; j < 3; j++) {
      assert.ok(Math.hypot(ends[i][0] - ends[j][0], ends[i][1] - ends[j][1]) > 1e-3, `racers ${i + 1} and ${j + 1} end apart`);
    }
    // Each racer's colour is on the map (its trajectory is drawn).
    const found = await page.evaluate(() => {
      const c = document.getElementById('contour');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const hex = [...document.querySelectorAll('#legend .swatch')].map((s) => getComputedStyle(s).backgroundColor.match(/\d+/g).map(Number));
      return hex.map(([r, g, b]) => {
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < 30) n++;
        return n;
      });
    });
    assert.ok(found.every((n) => n > 20), `pixels of each racer's colour on the map: ${found}`);
    await page.screenshot({ path: join(outputDir, 'race-rosenbrock-3.png'), fullPage: true });

    // Hover: f and ∇f at the pointer.
    const map = page.locator('#contour');
    await map.scrollIntoViewIfNeeded();
    const box = await map.boundingBox();
    await map.hover({ position: { x: box.width * 0.3, y: box.height * 0.4 } });
    await page.waitForFunction(() => /∇f = \(/.test(document.getElementById('probe-out').textContent));
    // Click: a new start point, a new race from there.
    await map.click({ position: { x: box.width * 0.75, y: box.height * 0.25 } });
    await page.waitForFunction((x) => JSON.parse(document.getElementById('spec').value).problem.x0[0] !== x, spec.problem.x0[0]);
    const x0 = JSON.parse(await page.inputValue('#spec')).problem.x0;
    assert.ok(x0[0] > spec.problem.x0[0] && x0[1] > 0, `start point from the click: ${x0}`);
    assert.equal((await addressState(page)).spec.racers.length, 3, 'racers kept (in the spec)');
    // Step by step: → advances every racer by one.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => [...document.querySelectorAll('#legend .legend-item')].every((e) => e.dataset.step === '1'));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('switching the problem kind with the controls: network → Himmelblau with a Newton racer → network', async (t) => {
  const avail = await surfacesAvailable();
  if (!avail.surface || !avail.optimizers.includes('newton')) { t.skip('this build has no surfaces or no Newton yet'); return; }
  const { page, context, problems } = await openPage(env);
  try {
    await page.click('#add-racer');
    await page.waitForFunction(() => document.querySelectorAll('#racers .racer').length === 2);
    await page.selectOption('#kind', 'surface');
    await page.waitForFunction(() => document.documentElement.classList.contains('surface'));
    const s = JSON.parse(await page.inputValue('#spec'));
    assert.equal(s.problem.name, 'rosenbrock');
    assert.ok(s.optimizer.lr <= 0.002, `a step plain gradient descent survives on Rosenbrock (${s.optimizer.lr})`);
    await page.selectOption('#surface', 'himmelblau');
    await page.waitForFunction(() => JSON.parse(document.getElementById('spec').value).problem.name === 'himmelblau');
    await page.selectOption('#optimizer2', 'newton');
    await page.waitForFunction(() => /newton/.test(decodeURIComponent(location.hash)));
    assert.ok(await page.locator('#formula2 .katex').count() > 0, 'Newton\'s update rule is typeset');
    await page.click('#play');
    assert.equal(await waitState(page, ['finished', 'diverged'], 60_000), 'finished');
    const legend = await page.evaluate(() => [...document.querySelectorAll('#legend .legend-item')].map((e) => Number(e.dataset.value)));
    // Newton from (0, 0) goes to the critical point next to it: Himmelblau's local maximum, f ≈ 181.6.
    assert.ok(Math.abs(legend[1] - 181.617) < 0.01, `Newton at the local maximum (f = ${legend[1]})`);
    assert.ok(legend[0] < 1e-6, `gradient descent reaches a minimum (f = ${legend[0]})`);
    await page.screenshot({ path: join(outputDir, 'race-himmelblau-newton.png'), fullPage: true });
    await page.selectOption('#kind', 'network');
    await page.waitForFunction(() => !document.documentElement.classList.contains('surface'));
    assert.ok(JSON.parse(await page.inputValue('#spec')).dataset, 'back to a network experiment');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
