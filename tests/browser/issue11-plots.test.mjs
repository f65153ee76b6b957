// Issue 11, "The page's plots under extreme values": a run whose gradient norm falls to ~1e-23 ends
// without freezing the page, log axes label distinct non-zero ticks, the saddle's chart does not
// claim an f* it has not got, and the page fits a phone.
//
// Hooks: #play, #loss-chart / #time-chart / #grad-chart / #lr-chart (each holding the chart's
// canvas), #loss-caption, #time-caption, #speed, body[data-state]. What an axis says is read from
// the text drawn on the chart's canvas (helpers.mjs recordCanvasText: uPlot draws tick labels and
// axis titles with fillText), so no hook in the page is needed for it.
// (listed in /work/team/itemtests-status.md)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, withPage, defaultSpec, trainToEnd, waitState, stats, linkFor, recordCanvasText, chartText, outputDir } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const LOG_CHARTS = ['#loss-chart', '#time-chart', '#grad-chart'];
const STEP_CHARTS = ['#loss-chart', '#grad-chart', '#lr-chart'];
const isZero = (label) => /^[-−]?0*\.?0*$/.test(label.trim()) || Number(label.replace(/−/g, '-')) === 0;

async function visibleCharts(page, ids) {
  const out = [];
  for (const id of ids) if (await page.locator(id).isVisible()) out.push(id);
  return out;
}

// Every visible chart's y tick labels are distinct; on a log axis none reads 0.
async function assertTicks(page, ids, what) {
  for (const id of await visibleCharts(page, ids)) {
    const c = await chartText(page, id);
    assert.ok(c.yTicks.length >= 2, `${what}: ${id} labels its y axis (${JSON.stringify(c.yTicks)})`);
    assert.equal(new Set(c.yTicks).size, c.yTicks.length, `${what}: ${id} y tick labels distinct: ${c.yTicks.join(', ')}`);
    if (LOG_CHARTS.includes(id)) assert.deepEqual(c.yTicks.filter(isZero), [], `${what}: no 0 on the log axis of ${id}: ${c.yTicks.join(', ')}`);
  }
}

test('ill-conditioned quadratic at ε = 0.1 played to its end: no freeze, no error, the charts advance', async () => {
  const spec = { seed: 7, problem: { name: 'quadratic', x0: [-2, 1] }, optimizer: { name: 'sgd', lr: 0.1 }, steps: 500, log_every: 1, trace: { params: true } };
  const prepare = async (context) => {
    await recordCanvasText(context);
    // The longest wait between two animation frames: a frozen page shows up as one long gap.
    await context.addInitScript(() => {
      let last = 0;
      window.__optlabMaxFrameGap = 0;
      const tick = (t) => { if (last) window.__optlabMaxFrameGap = Math.max(window.__optlabMaxFrameGap, t - last); last = t; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
  };
  await withPage(env, linkFor(spec), async ({ page, problems }) => {
    await page.evaluate(() => { window.__optlabMaxFrameGap = 0; });
    // Play, without waiting for the page to answer the click (a frozen page never does).
    await page.evaluate(() => document.getElementById('play').click());
    const state = await waitState(page, ['finished', 'diverged'], 60_000).catch(() => 'no answer within 60 s (frozen)');
    assert.equal(state, 'finished', 'the run ends and the page says so');
    assert.equal((await stats(page)).step, spec.steps);
    await page.waitForTimeout(1500);   // the last frames are drawn
    const gap = await page.evaluate(() => window.__optlabMaxFrameGap);
    // Not a speed test: frames come every ~16 ms; a page that freezes stops them for seconds.
    assert.ok(gap < 3000, `animation frames kept coming (longest gap ${Math.round(gap)} ms)`);
    assert.deepEqual(problems, [], 'no page error (uPlot: "Invalid array length")');
    for (const id of await visibleCharts(page, STEP_CHARTS)) {
      const c = await chartText(page, id);
      const top = Math.max(-Infinity, ...c.xTicks.map((x) => Number(x.replace(/[,\s]/g, ''))));
      assert.ok(top >= 100, `${id} drew the run past step 0 (x ticks ${c.xTicks.join(', ')})`);
    }
    await assertTicks(page, LOG_CHARTS, 'quadratic');
    await page.screenshot({ path: join(outputDir, 'issue11-quadratic-end.png'), fullPage: true });
  }, { prepare });
});

test('log-axis tick labels are distinct and non-zero; the ε axis at 0.001 repeats no label', async () => {
  const spec = { ...(await defaultSpec(env)), steps: 300, optimizer: { name: 'sgd', lr: 0.001 } };
  await withPage(env, linkFor(spec), async ({ page }) => {
    assert.equal((await trainToEnd(page)).state, 'finished');
    await page.waitForTimeout(500);
    await assertTicks(page, [...LOG_CHARTS, '#lr-chart'], 'network at ε = 0.001');
  }, { prepare: recordCanvasText });
});

test('on the saddle x² − y² the value chart keeps its labels and does not plot f − f*', async () => {
  const spec = { seed: 7, problem: { name: 'saddle', x0: [-1, 0.01] }, optimizer: { name: 'sgd', lr: 0.01 }, steps: 500, log_every: 1, trace: { params: true } };
  await withPage(env, linkFor(spec), async ({ page }) => {
    const s = await trainToEnd(page, 60_000);
    assert.ok(['finished', 'diverged'].includes(s.state));
    await page.waitForTimeout(500);
    const fStar = /f\s*[−-]\s*f\s*\*|f\*/;
    for (const id of ['#loss-chart', '#time-chart']) {
      if (!(await page.locator(id).isVisible())) continue;
      const c = await chartText(page, id);
      assert.ok(c.yTitle.trim() !== '', `${id} has a y-axis title`);
      assert.doesNotMatch(c.yTitle, fStar, `${id}: f has no minimum here, so the axis is not f − f* (${c.yTitle})`);
      assert.ok(c.yTicks.length >= 2, `${id} labels its y axis (${JSON.stringify(c.yTicks)})`);
      assert.equal(new Set(c.yTicks).size, c.yTicks.length, `${id} tick labels distinct: ${c.yTicks.join(', ')}`);
    }
    for (const id of ['#loss-caption', '#time-caption']) {
      assert.doesNotMatch(await page.textContent(id), fStar, `${id} does not speak of f*`);
    }
    await page.screenshot({ path: join(outputDir, 'issue11-saddle.png'), fullPage: true });
  }, { prepare: recordCanvasText });
});

test('at 390×844 the page is no wider than the screen and the Speed control is fully visible', async () => {
  await withPage(env, '', async ({ page }) => {
    await page.click('#step');
    await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '1');
    const m = await page.evaluate(() => {
      const speed = document.getElementById('speed');
      // Scrolled to vertically only: a control cut off on the right must stay cut off.
      window.scrollTo(0, Math.max(0, speed.getBoundingClientRect().top + scrollY - 100));
      const s = speed.getBoundingClientRect();
      const on = (x, y) => { const e = document.elementFromPoint(x, y); return !!e && (e === speed || speed.contains(e)); };
      const corners = [[s.left + 2, s.top + 2], [s.right - 2, s.top + 2], [s.left + 2, s.bottom - 2], [s.right - 2, s.bottom - 2]];
      return { width: document.documentElement.scrollWidth, left: s.left, right: s.right, w: s.width, uncovered: corners.every(([x, y]) => on(x, y)) };
    });
    await page.screenshot({ path: join(outputDir, 'issue11-390.png'), fullPage: true });
    assert.ok(m.width <= 390, `page width ${m.width} px ≤ 390`);
    assert.ok(m.w > 0 && m.left >= 0 && m.right <= 390, `Speed control inside the screen: ${m.left}–${m.right} px`);
    assert.ok(m.uncovered, 'all four corners of the Speed control are on screen and uncovered');
  }, { viewport: { width: 390, height: 844 } });
});
