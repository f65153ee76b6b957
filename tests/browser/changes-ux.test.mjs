// Changes without reset as a student meets them in the page (issue 12, Deliver 3; closing note 6,
// "Not fixed" items 3–5). Each test fails on the page before the fix:
// - a change to a racer that diverged while the others play on: its panel says it stopped, the
//   status line offers the restart (no "Not applied — changes[0]: the run has finished" error), the
//   restart runs the race from step 0 with the change in that racer's patch, and the racer is named
//   by what it now sets, not by its old label "…, no clipping";
// - a batch size changed once for three racers: one status line naming all three, one chart mark;
//   Reset clears that line; a recorded change is removed with its × (and all with "Remove all
//   changes"), the race replayed to the step on screen without it;
// - a live change before a recorded later change of the same field replaces it: the race is replayed
//   to the step, and after the recorded change's step the racer still uses the live value.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, linkFor, waitState, racerStats, addressState } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const stepShown = (page) => page.evaluate(() => Number(document.getElementById('stat-step').dataset.value));
const notice = (page) => page.evaluate(() => document.getElementById('notice').textContent);
const marks = (page) => page.evaluate(() => document.getElementById('loss-chart').dataset.changes);
async function playUntil(page, atLeast, racer = 1) {
  await page.click('#play');
  await page.waitForFunction(([n, r]) => Number(document.querySelector(`#legend .legend-item[data-racer="${r}"]`)?.dataset.step) >= n, [atLeast, racer], { timeout: 60_000 });
  await page.click('#play');   // pause
  await waitState(page, ['paused', 'finished']);
}
async function commit(page, selector, value) {
  await page.fill(selector, value);
  await page.press(selector, 'Enter');
}

test('a change to a racer that diverged offers the restart with it; the restarted racer is named by what it sets', async () => {
  // On Rosenbrock racer 1 (ε = 0.1, labelled as unclipped) diverges within a few steps; racer 2 plays on.
  const spec = { seed: 1, problem: { name: 'rosenbrock' }, optimizer: { name: 'sgd', lr: 0.1 }, steps: 300, log_every: 1,
    racers: [{ label: 'ε = 0.1, no clipping' }, { optimizer: { lr: 0.0001 } }] };
  const { page, context, problems } = await openPage(env, linkFor(spec, null, '&speed=100'));
  try {
    await playUntil(page, 40, 2);
    const [r1, r2] = await racerStats(page);
    assert.ok(r1.step < 40 && r2.step >= 40, `racer 1 stopped at ${r1.step}, racer 2 went on to ${r2.step}`);
    const stoppedNote = await page.evaluate(() => {
      const e = document.querySelector('#racers .racer[data-index="0"] .racer-stopped');
      return e && !e.hidden ? e.textContent : '';
    });
    const m = /^diverged at step (\d+) and stopped — a change to this racer needs a restart of the race from step 0$/.exec(stoppedNote);
    assert.ok(m && Number(m[1]) <= r1.step + 1, `racer 1's panel says it stopped: "${stoppedNote}"`);
    const stoppedAt = m[1];
    const before = await stepShown(page);
    assert.equal(before, r2.step, 'the step readout is the race\'s (racer 2 plays on), not racer 1\'s where it stopped');

    await page.evaluate(() => { document.getElementById('common-options').open = true; });
    const clipBefore = await page.inputValue('#opt-clip_norm');
    await commit(page, '#opt-clip_norm', '1');
    await page.waitForFunction(() => !!document.getElementById('notice-action'), null, { timeout: 10_000 });
    assert.equal(await notice(page), `1 · ε = 0.1, no clipping diverged at step ${stoppedAt} and stopped: optimizer.clip_norm = 1 cannot apply to it mid-run `
      + '(the other racers play on). Restarting the race runs it with optimizer.clip_norm = 1 from step 0. Restart with optimizer.clip_norm = 1');
    assert.equal(await page.evaluate(() => document.getElementById('error').hidden), true, 'not an error: "Not applied — changes[0]: the run has finished" before');
    assert.equal(await stepShown(page), before, 'nothing restarts until asked');
    assert.equal(await page.evaluate(() => document.querySelector('#racers .racer[data-index="0"] .racer-stopped .restart-offer')?.textContent),
      'Restart with optimizer.clip_norm = 1', 'the offer stands beside the field edited too');
    assert.equal(await page.inputValue('#opt-clip_norm'), clipBefore, 'the field shows the value in use');

    await page.click('#notice-action');
    await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '0', null, { timeout: 10_000 });
    await page.waitForFunction(() => document.getElementById('notice').textContent.startsWith('Restarted'), null, { timeout: 10_000 });
    assert.equal(await notice(page), 'Restarted from step 0 with optimizer.clip_norm = 1 for 1 · ε = 0.1, no clipping');
    const { spec: linked } = await addressState(page);
    assert.deepEqual(linked.racers, [{ optimizer: { clip_norm: 1 } }, { optimizer: { lr: 0.0001 } }], 'the link carries the change from step 0, without the old label');
    const name = await page.evaluate(() => document.querySelector('#legend .legend-item[data-racer="1"]').textContent);
    assert.ok(name.includes('1 · clip_norm = 1') && !name.includes('no clipping'), `named by what it sets now: ${name}`);
    assert.equal(await page.inputValue('#opt-clip_norm'), '1');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

const RACE = {
  seed: 5, dataset: { name: 'spiral', classes: 3, noise: 0.1, samples: 120 },
  network: { layers: [{ units: 12, activation: 'tanh' }] },
  optimizer: { name: 'sgd', lr: 0.1 }, batch_size: 16, steps: 600, log_every: 10,
  racers: [{ optimizer: { lr: 0.01 } }, { optimizer: { lr: 0.1 } }, { optimizer: { lr: 1 } }],
};

test('a batch size changed once is one line naming every racer and one chart mark; Reset clears the line; changes are removed with ×', async () => {
  const { page, context, problems } = await openPage(env, linkFor(RACE, null, '&speed=100'));
  try {
    await playUntil(page, 30);
    const s = await stepShown(page);
    await commit(page, '#batch', '4');
    await page.waitForFunction(() => document.getElementById('notice').textContent.startsWith('Changed without reset'), null, { timeout: 10_000 });
    assert.equal(await notice(page), `Changed without reset: batch_size = 4 from step ${s} for 1 · ε = 0.01, 2 · ε = 0.1, 3 · ε = 1 (the optimizer keeps its state)`);
    assert.equal(await marks(page), `${s}:m → 4`, 'one mark, not one per racer');
    assert.equal((await addressState(page)).spec.changes.length, 3, 'recorded for each racer (the core\'s changes name one racer each)');
    const legend = await page.evaluate(() => document.querySelector('#legend .legend-item[data-racer="1"]').textContent);
    assert.ok(legend.includes(`1 · ε = 0.01; m → 4 from step ${s}`), `the name follows the change: ${legend}`);

    await page.click('#reset');
    await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '0');
    await page.waitForFunction(() => document.getElementById('notice').textContent === '', null, { timeout: 10_000 }).catch(() => {});
    assert.equal(await notice(page), '', 'Reset: the line about the run before is stale');
    assert.equal(await marks(page), `${s}:m → 4`, 'the changes stay recorded');

    // Play past the change, pause, remove racer 2's: the race is replayed to the same step without it.
    await playUntil(page, s + 20);
    const at = await stepShown(page);
    await page.click('#racers .racer[data-index="1"] .remove-change');
    await page.waitForFunction(() => document.getElementById('notice').textContent.startsWith('Removed'), null, { timeout: 30_000 });
    assert.equal(await notice(page), `Removed the change m → 4 at step ${s} of 2 · ε = 0.1; the race was replayed to step ${at} without it.`);
    await page.waitForFunction((n) => Number(document.getElementById('stat-step').dataset.value) === n, at, { timeout: 30_000 });
    assert.deepEqual((await addressState(page)).spec.changes.map((c) => c.racer), [0, 2], 'the link follows');
    assert.equal(await page.evaluate(() => document.querySelector('#racers .racer[data-index="1"] .racer-changes').hidden), true);

    await page.click('#clear-changes');
    await page.waitForFunction(() => document.getElementById('notice').textContent.startsWith('Removed every'), null, { timeout: 30_000 });
    await page.waitForFunction((n) => Number(document.getElementById('stat-step').dataset.value) === n, at, { timeout: 30_000 });
    assert.equal(await marks(page), '');
    assert.equal((await addressState(page)).spec.changes, undefined);
    assert.equal(await page.inputValue('#batch'), '16', `at step ${at}: the base's batch size again`);
    assert.equal(await page.evaluate(() => document.getElementById('clear-changes').hidden), true);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a live change before a recorded later change of the same field replaces it: replayed to its step, and it stays after the recorded step', async () => {
  const spec = { ...RACE, changes: [{ step: 100, racer: 1, set: { 'optimizer.lr': 0.05 } }] };
  const { page, context, problems } = await openPage(env, linkFor(spec, null, '&speed=100'));
  try {
    await playUntil(page, 30);
    const s = await stepShown(page);
    assert.ok(s < 100);
    await commit(page, '#opt2-lr-num', '0.2');
    await page.waitForFunction(() => document.getElementById('notice').textContent.startsWith('Changed:'), null, { timeout: 30_000 });
    assert.equal(await notice(page), `Changed: optimizer.lr = 0.2 from step ${s} for 2 · ε = 0.1. It replaces the recorded change ε → 0.05 at step 100, `
      + `so the race was replayed from step 0 to step ${s} with it.`);
    await page.waitForFunction((n) => Number(document.getElementById('stat-step').dataset.value) === n, s, { timeout: 30_000 });
    assert.equal(await marks(page), `${s}:ε → 0.2`);
    assert.deepEqual((await addressState(page)).spec.changes, [{ step: s, racer: 1, set: { 'optimizer.lr': 0.2 } }]);
    await playUntil(page, 130);
    await page.waitForFunction(() => document.getElementById('opt2-lr-num').value === '0.2', null, { timeout: 10_000 }).catch(() => {});
    assert.equal(await page.inputValue('#opt2-lr-num'), '0.2', 'after step 100 racer 2 still uses the live ε (0.05 before the fix)');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
