// A race with recorded changes (docs/racing.md "Changes"), opened from a link and replayed: the spec
// is a timeline, so a racer's controls show the values in use at the run's current step — the
// racer's own ε before the change's step, the changed ε once the run has passed it, its own ε again
// after Reset — and the racer panel lists the change with the value it replaces. The step-axis
// charts mark it, and "Compare by" still names the field the racers vary. Before the fix the field
// showed the changed ε from step 0 on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, linkFor, waitState, racerStats } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const RACE = {
  seed: 5, dataset: { name: 'spiral', classes: 3, noise: 0.1, samples: 120 },
  network: { layers: [{ units: 12, activation: 'tanh' }] },
  optimizer: { name: 'sgd', lr: 0.1 }, batch_size: 16, steps: 600, log_every: 10,
  // "Compare by learning rate": ε/10, ε, 10ε; racer 2's ε changes 0.1 → 0.05 after 100 steps.
  racers: [{ optimizer: { lr: 0.01 } }, { optimizer: { lr: 0.1 } }, { optimizer: { lr: 1 } }],
  changes: [{ step: 100, racer: 1, set: { 'optimizer.lr': 0.05 } }],
};
const CHANGE_AT = 100;

const shown = (page) => page.evaluate(() => ({
  step: Number(document.getElementById('stat-step').dataset.value),
  lr: [...document.querySelectorAll('#racers .racer')].map((r) => r.querySelector('input.exact').value),
  changes: [...document.querySelectorAll('#racers .racer .racer-changes')].map((e) => (e.hidden ? '' : e.textContent)),
  compare: document.getElementById('compare-by').value,
  marks: document.getElementById('loss-chart').dataset.changes,
}));

test('a linked race replays its recorded change: racer 2 shows ε 0.1 until step 100, then 0.05; Reset shows 0.1 again', async () => {
  const { page, context, problems } = await openPage(env, linkFor(RACE, null, '&speed=100'));
  try {
    let s = await shown(page);
    assert.equal(s.step, 0);
    assert.deepEqual(s.lr, ['0.01', '0.1', '1'], 'at step 0 every racer shows its own ε (racer 2: not yet the change\'s 0.05)');
    assert.deepEqual(s.changes, ['', 'changes: ε 0.1 → 0.05 at step 100 × (the fields show the values at the current step)', ''], 'with a × that removes it');
    assert.equal(s.compare, 'lr', 'Compare by names the field the racers vary, changes or not');
    assert.equal(s.marks, `${CHANGE_AT}:ε → 0.05`, 'the change is marked on the step-axis charts');

    // Play past the change, pause: the field follows the run.
    await page.click('#play');
    await page.waitForFunction(() => Number(document.getElementById('stat-step').dataset.value) >= 20, null, { timeout: 60_000 });
    s = await shown(page);
    if (s.step < CHANGE_AT) assert.equal(s.lr[1], '0.1', `before the change's step (${s.step})`);
    await page.waitForFunction((at) => Number(document.getElementById('stat-step').dataset.value) >= at + 20, CHANGE_AT, { timeout: 60_000 });
    await page.click('#play');   // pause
    await waitState(page, ['paused', 'finished']);
    await page.waitForFunction(() => document.querySelectorAll('#racers .racer')[1].querySelector('input.exact').value === '0.05', null, { timeout: 10_000 })
      .catch(() => {});
    s = await shown(page);
    assert.ok(s.step >= CHANGE_AT);
    assert.deepEqual(s.lr, ['0.01', '0.05', '1'], `after step ${CHANGE_AT} (at ${s.step}) racer 2 shows the changed ε`);
    assert.equal(s.compare, 'lr');

    // Reset goes back to step 0, before the change.
    await page.click('#reset');
    await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '0');
    await page.waitForFunction(() => document.querySelectorAll('#racers .racer')[1].querySelector('input.exact').value === '0.1', null, { timeout: 10_000 })
      .catch(() => {});
    s = await shown(page);
    assert.deepEqual(s.lr, ['0.01', '0.1', '1'], 'after Reset: racer 2\'s own ε again');
    assert.equal(s.marks, `${CHANGE_AT}:ε → 0.05`, 'the recorded change stays in the spec and on the charts');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a linked run with a recorded batch-size change: the Batch size field shows 16 until step 50, then 4', async () => {
  const { racers, changes, ...base } = RACE;
  const spec = { ...base, steps: 200, changes: [{ step: 50, set: { batch_size: 4 } }] };
  const { page, context, problems } = await openPage(env, linkFor(spec, null, '&speed=100'));
  const batch = () => page.inputValue('#batch');
  try {
    assert.equal(await batch(), '16', 'at step 0: the spec\'s own batch size');
    await page.click('#play');
    await page.waitForFunction(() => Number(document.getElementById('stat-step').dataset.value) >= 70, null, { timeout: 60_000 });
    await page.click('#play');   // pause
    await waitState(page, ['paused', 'finished']);
    await page.waitForFunction(() => document.getElementById('batch').value === '4', null, { timeout: 10_000 }).catch(() => {});
    assert.equal(await batch(), '4', 'after step 50: the changed batch size');
    await page.click('#reset');
    await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '0');
    await page.waitForFunction(() => document.getElementById('batch').value === '16', null, { timeout: 10_000 }).catch(() => {});
    assert.equal(await batch(), '16', 'after Reset');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('racer 1 diverging early does not hold racer 2\'s controls at its step', async () => {
  // On Rosenbrock racer 1 (ε = 0.1) diverges at step 5; racer 2's recorded change applies after 40 steps.
  const spec = { seed: 1, problem: { name: 'rosenbrock' }, optimizer: { name: 'sgd', lr: 0.1 }, steps: 300, log_every: 1,
    racers: [{}, { optimizer: { lr: 0.0001 } }], changes: [{ step: 40, racer: 1, set: { 'optimizer.lr': 0.0002 } }] };
  const { page, context, problems } = await openPage(env, linkFor(spec, null, '&speed=100'));
  try {
    const lr2 = async () => Number(await page.inputValue('#opt2-lr-num'));
    assert.equal(await lr2(), 0.0001);
    await page.click('#play');
    await page.waitForFunction(() => Number(document.querySelector('#legend .legend-item[data-racer="2"]')?.dataset.step) >= 60, null, { timeout: 60_000 });
    const [r1, r2] = await racerStats(page);
    assert.ok(r1.step < 40 && r2.step >= 60, `racer 1 stopped at ${r1.step}, racer 2 at ${r2.step}`);
    await page.waitForFunction(() => Number(document.getElementById('opt2-lr-num').value) === 0.0002, null, { timeout: 10_000 }).catch(() => {});
    assert.equal(await lr2(), 0.0002, 'racer 2 shows its changed ε');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
