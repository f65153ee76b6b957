// The lecture's views (web/views/lecture-views.js) and the zoomable contour map: each view shows
// real data of its own run (data-points > 0, inked canvas), turns on what it needs when asked, and
// survives a language switch (then titled in Japanese, drawn with a Japanese font).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, waitState, outputDir } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const link = (spec, extra = '') => `#spec=${encodeURIComponent(JSON.stringify(spec))}${extra}`;

async function runToEnd(page) {
  await page.click('#play');
  await waitState(page, ['finished', 'diverged']);
}
async function viewState(page, name) {
  return page.evaluate((n) => {
    const f = document.querySelector(`figure.lecture-view[data-view="${n}"]`);
    return { hidden: f.hidden, state: f.dataset.state, points: Number(f.dataset.points ?? 0), title: f.querySelector('h3').textContent,
      caption: f.querySelector('figcaption').textContent };
  }, name);
}
async function inked(page, name) {
  return page.evaluate((n) => {
    let count = 0;
    for (const c of document.querySelectorAll(`figure.lecture-view[data-view="${n}"] canvas`)) {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < d.length; i += 4) count += d[i] > 0;
    }
    return count;
  }, name);
}
async function toggle(page, name) { await page.click(`#view-${name}`); }
async function switchLang(page, l) { await page.selectOption('#lang', l); }

test('curvature, step length, effective rates and averaging show their run\'s numbers and survive a language switch', async () => {
  const spec = {
    seed: 3, dataset: { name: 'spiral', samples: 120 }, network: { layers: [{ units: 6 }] },
    optimizer: { name: 'adagrad', lr: 0.1, average: 'polyak' }, steps: 60, log_every: 10,
    trace: { curvature: true, step_length: true, effective_lr: true },
  };
  const { page, context, problems } = await openPage(env, link(spec, `&racers=${encodeURIComponent(JSON.stringify([{ name: 'momentum', lr: 0.05, momentum: 0.9, average: 'polyak' }]))}`));
  try {
    for (const v of ['curvature', 'step-length', 'effective-lr', 'averaging']) await toggle(page, v);
    await runToEnd(page);
    await page.waitForFunction(() => [...document.querySelectorAll('figure.lecture-view:not([hidden])')].every((f) => f.dataset.state === 'data'));
    for (const v of ['curvature', 'step-length', 'effective-lr', 'averaging']) {
      const s = await viewState(page, v);
      assert.equal(s.hidden, false, v);
      assert.equal(s.state, 'data', `${v}: ${JSON.stringify(s)}`);
      assert.ok(s.points >= 6, `${v}: ${s.points} points`);
      assert.ok(await inked(page, v) > 500, `${v}: its canvas is drawn`);
    }
    await switchLang(page, 'ja');
    await page.waitForFunction(() => document.documentElement.lang === 'ja');
    await page.waitForFunction(() => [...document.querySelectorAll('figure.lecture-view:not([hidden])')].every((f) => f.dataset.state === 'data'));
    for (const v of ['curvature', 'step-length', 'effective-lr', 'averaging']) {
      const s = await viewState(page, v);
      assert.equal(s.state, 'data', `${v} after the switch`);
      assert.match(s.title + s.caption, /[\u3040-\u30ff\u4e00-\u9fff]/, `${v} is in Japanese`);
      assert.ok(await inked(page, v) > 500, `${v}: drawn again`);
    }
    await page.screenshot({ path: join(outputDir, 'lecture-views-ja.png'), fullPage: true });
    await switchLang(page, 'en');
    assert.match((await viewState(page, 'curvature')).caption, /ill-conditioning/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a view whose columns are missing says which key it needs, and turning it on starts a run that has them', async () => {
  const { page, context, problems } = await openPage(env, link({ dataset: { name: 'spiral', samples: 120 }, network: { layers: [{ units: 6 }] }, steps: 30 }));
  try {
    await toggle(page, 'step-length');
    let s = await viewState(page, 'step-length');
    assert.equal(s.state, 'needs');
    assert.match(await page.textContent('figure[data-view="step-length"] .view-needs'), /trace\.step_length/);
    await page.click('figure[data-view="step-length"] .view-needs-on');
    await page.waitForFunction(() => JSON.parse(document.getElementById('spec').value).trace?.step_length === true);
    await runToEnd(page);
    await page.waitForFunction(() => document.querySelector('figure[data-view="step-length"]').dataset.state === 'data');
    s = await viewState(page, 'step-length');
    assert.equal(s.state, 'data');
    assert.ok(s.points > 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the gradient-noise view measures the standard error against m = 1…256 and draws it beside σ/√m', async () => {
  const { page, context, problems } = await openPage(env, link({ seed: 5, dataset: { name: 'spiral', samples: 400 }, network: { layers: [{ units: 16 }] } }));
  try {
    await toggle(page, 'gradient-noise');
    await page.waitForFunction(() => document.querySelector('figure[data-view="gradient-noise"]').dataset.state === 'data', null, { timeout: 60_000 });
    const s = await viewState(page, 'gradient-noise');
    assert.equal(s.points, 9, 'm = 1, 2, 4, …, 256');
    const summary = await page.textContent('figure[data-view="gradient-noise"] .view-summary');
    const slope = Number(/slope (−?-?[\d.]+)/.exec(summary)[1].replace('−', '-'));
    assert.ok(Math.abs(slope + 0.5) < 0.05, summary);
    assert.ok(await inked(page, 'gradient-noise') > 500);
    await switchLang(page, 'ja');
    await page.waitForFunction(() => document.querySelector('figure[data-view="gradient-noise"]').dataset.state === 'data');
    assert.match(await page.textContent('figure[data-view="gradient-noise"] .view-summary'), /傾き/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the contour map zooms with the wheel, moves with a drag, resets, and redraws the zoomed box sharply', async () => {
  const spec = { problem: { name: 'cd_counterexample', x0: [1.5, 1.2] }, optimizer: { name: 'coordinate_descent' }, steps: 40 };
  const { page, context, problems } = await openPage(env, link(spec));
  try {
    await runToEnd(page);
    const box = await page.locator('#contour').boundingBox();
    const view = () => page.evaluate(() => document.getElementById('contour').dataset.view.split(',').map(Number));
    await page.waitForFunction(() => document.getElementById('contour').dataset.view);
    const before = await view();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -400);
    await page.waitForFunction((w) => { const v = document.getElementById('contour').dataset.view.split(',').map(Number); return v[1] - v[0] < w / 5; }, before[1] - before[0]);
    const zoomed = await view();
    assert.ok(zoomed[0] > before[0] && zoomed[1] < before[1], `zoomed in: ${zoomed}`);
    await page.waitForTimeout(400);   // the worker's grid for the zoomed box
    await page.mouse.move(box.x + 100, box.y + 100);
    await page.mouse.down();
    await page.mouse.move(box.x + 160, box.y + 100, { steps: 5 });
    await page.mouse.up();
    const moved = await view();
    assert.ok(moved[0] < zoomed[0], `dragging right shows what is left of it: ${moved} vs ${zoomed}`);
    assert.equal(JSON.parse(await page.inputValue('#spec')).problem.x0.join(), '1.5,1.2', 'a drag is not a click: the start point stays');
    await page.screenshot({ path: join(outputDir, 'contour-zoomed.png') });
    await page.click('#contour-reset');
    await page.waitForFunction((b) => document.getElementById('contour').dataset.view === b.join(','), before);
    await switchLang(page, 'ja');
    assert.equal(await page.textContent('#contour-reset'), 'ズームを戻す');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
