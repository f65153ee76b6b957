// Each lesson's claim is visible in a view the lesson opens (the fresh reviewer's findings on the
// tour, /work/team/closing5.md "Noticed and left alone"). Screenshots under test-output/browser/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openRaw, waitState, recordCanvasText, exportedJson, outputDir } from './helpers.mjs';
import { embedCode } from '../../web/share.js';

const END = ['finished', 'diverged'];
// How many colours the contour map shows (a sample of its pixels, 4 bits per channel): the level
// bands of a coloured map give many; the racers' lines on a grey map only a few.
const contourColours = (page) => page.evaluate(() => {
  const c = document.getElementById('contour');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  const seen = new Set();
  for (let i = 0; i < d.length; i += 4 * 97) seen.add(`${d[i] >> 4},${d[i + 1] >> 4},${d[i + 2] >> 4}`);
  return seen.size;
});

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('minibatch-size: the "Loss per epoch" view is open beside the step chart, with every racer drawn against epochs on a log axis', async () => {
  const { page, context, problems } = await openRaw(env, 'index.html#lesson=minibatch-size', { prepare: recordCanvasText });
  try {
    await waitState(page, END, 180_000);
    const fig = page.locator('figure.lecture-view[data-view="epochs"]');
    await fig.waitFor({ state: 'visible' });
    await page.waitForFunction(() => document.querySelector('figure[data-view="epochs"]').dataset.state === 'data');
    assert.ok(Number(await fig.getAttribute('data-points')) > 100, 'the five racers are drawn');
    // The x axis spans m = 1's ~4 epochs and m = 256's ~1000: log ticks from below 1 to beyond 100.
    const ticks = await page.evaluate(() => {
      const canvas = document.querySelector('figure[data-view="epochs"] canvas');
      return window.__optlabCanvasText(canvas).filter((t) => !t.rotated && t.baseline === 'top').map((t) => t.text);
    });
    assert.ok(ticks.includes('1') && ticks.includes('100'), `x ticks ${ticks}`);
    assert.ok(await page.locator('#view-epochs').isChecked());
    await fig.screenshot({ path: join(outputDir, 'lessons-minibatch-epochs.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('momentum: the contour map shows the three racers, which start at x = −10⁶, far off the surface box, and says so', async () => {
  const { page, context, problems } = await openRaw(env, 'index.html#lesson=momentum');
  try {
    await waitState(page, END, 180_000);
    const { racers } = await exportedJson(page);
    await page.waitForTimeout(600);   // the worker's grid for the final view (asked 120 ms after it settles)
    const view = await page.evaluate(() => document.getElementById('contour').dataset.view.split(',').map(Number));
    const lengths = racers.map((r) => {
      const t = r.params_trace;
      for (let i = 0; i + 1 < t.length; i += 2) {
        assert.ok(t[i] >= view[0] && t[i] <= view[1] && t[i + 1] >= view[2] && t[i + 1] <= view[3], `(${t[i]}, ${t[i + 1]}) outside the map's view ${view}`);
      }
      return Math.hypot(t.at(-2) - t[0], t.at(-1) - t[1]);
    });
    // The longest path (α = 0.99, about 190) spans most of the map, so the three lengths compare.
    assert.ok(Math.max(...lengths) > 0.5 * (view[1] - view[0]), `paths ${lengths} on a view ${view}`);
    assert.match(await page.locator('#contour-far').textContent(), /far from the surface/);
    // The map is coloured for its own box: more than a handful of colours (level bands), not one.
    const colours = await contourColours(page);
    assert.ok(colours > 8, `${colours} colours on the map`);
    await page.locator('#contour').screenshot({ path: join(outputDir, 'lessons-momentum-map.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('momentum played at a watchable speed: the map the paths are followed on is coloured while it plays, not only at the end', async () => {
  // The followed view changes every frame; its grid used to be asked for only once the view paused,
  // so the map stayed grey until the run finished (the fresh reviewer's finding, sixth session).
  const { page, context, problems } = await openRaw(env, 'index.html#lesson=momentum&speed=300');
  try {
    await page.waitForFunction(() => document.body.dataset.state === 'playing' && Number(document.getElementById('stat-step').dataset.value) > 600, null, { timeout: 60_000 });
    const colours = await contourColours(page);
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'playing', 'measured while it plays');
    assert.ok(colours > 8, `${colours} colours on the map while playing`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('curriculum in Japanese: the "Over seeds" view names the configurations as the legend does (カリキュラム, ランダム順)', async () => {
  const { page, context, problems } = await openRaw(env, 'index.html#lesson=curriculum&lang=ja');
  try {
    const fig = page.locator('figure.lecture-view[data-view="seeds"]');
    await fig.waitFor({ state: 'visible', timeout: 60_000 });
    await page.waitForFunction(() => /ランダム順/.test(document.querySelector('figure[data-view="seeds"] .view-summary')?.textContent ?? ''), null, { timeout: 120_000 });
    const text = await fig.textContent();
    assert.match(text, /カリキュラム/);
    assert.doesNotMatch(text, /curriculum|random order/, 'no English racer names');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('curriculum: the "Over seeds" view shows both configurations at seeds 1–20 and the count the claim is about (17 of 20)', async () => {
  const { page, context, problems } = await openRaw(env, 'index.html#lesson=curriculum');
  try {
    const fig = page.locator('figure.lecture-view[data-view="seeds"]');
    await fig.waitFor({ state: 'visible', timeout: 60_000 });
    // Reset while the seed runs may still be going (a reset stops the worker's job): they are asked
    // for again and complete; once complete, a reset keeps them.
    await page.waitForFunction(() => !document.getElementById('reset').disabled, null, { timeout: 60_000 });
    await page.waitForFunction(() => {
      const n = Number(document.querySelector('figure[data-view="seeds"]').dataset.points ?? 0);
      return n > 0 && n < 40;
    }, null, { timeout: 60_000, polling: 'raf' }).catch(() => {});   // finished already: a reset keeps them
    await page.click('#reset');
    await page.waitForFunction(() => document.querySelector('figure[data-view="seeds"]').dataset.points === '40', null, { timeout: 180_000 });
    const versus = JSON.parse(await fig.getAttribute('data-versus'));
    // The curriculum (group 0) against random order (group 1): lower on 17 of 20 seeds, by > 2 SE.
    assert.equal(versus.length, 1);
    assert.equal(versus[0].n, 20);
    assert.equal(versus[0].lower, 17);
    assert.ok(versus[0].mean < -2 * versus[0].se, `mean ${versus[0].mean} ± ${versus[0].se}`);
    assert.match(await fig.locator('.view-summary').textContent(), /curriculum against random order: lower on 17 of 20 seeds; mean difference −?-?0\.056 ± 0\.013/);
    await page.click('#play');   // the reset race waits for Play
    await waitState(page, END, 180_000);
    assert.equal(await fig.getAttribute('data-points'), '40', 'the finished seed runs are kept');
    await fig.screenshot({ path: join(outputDir, 'lessons-curriculum-seeds.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

for (const lang of ['en', 'ja']) {
  test(`phone 390×844 (${lang}): a lesson's results come before the racer panels, and Play stays on screen while scrolling`, async () => {
    const { page, context, problems } = await openRaw(env, `index.html#lesson=curriculum${lang === 'ja' ? '&lang=ja' : ''}`, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      await waitState(page, END, 180_000);
      const top = (sel) => page.evaluate((s) => document.querySelector(s).getBoundingClientRect().top + scrollY, sel);
      const [legend, loss, racers] = [await top('#legend'), await top('#loss-chart'), await top('#racers')];
      assert.ok(legend < racers && loss < racers, `legend at ${legend} px, loss chart at ${loss} px, racer panels at ${racers} px`);
      assert.ok(legend < 2 * 844, `the legend is within two screens (at ${legend} px)`);
      // The sticky header is two short rows, and an error banner (sticky below it) is not under it.
      const { header, errorTop } = await page.evaluate(() => ({
        header: document.querySelector('header').getBoundingClientRect().height,
        errorTop: parseFloat(getComputedStyle(document.getElementById('error')).top),
      }));
      assert.ok(header <= errorTop && header < 90, `header ${header} px high, error banner sticks at ${errorTop} px`);
      // Scrolled to the racer panels and to the page's end: Play is in view and nothing covers it.
      for (const y of [racers, 1e6]) {
        const play = await page.evaluate((to) => {
          window.scrollTo(0, to);
          const b = document.getElementById('play').getBoundingClientRect();
          const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
          return { top: b.top, bottom: b.bottom, onTop: hit === document.getElementById('play'), scrollY, width: document.documentElement.scrollWidth };
        }, y);
        assert.ok(play.scrollY > 1000, `scrolled (${play.scrollY})`);
        assert.ok(play.top >= 0 && play.bottom <= 844 && play.onTop, `Play at ${play.top}–${play.bottom} px, uncovered: ${play.onTop}`);
        assert.ok(play.width <= 390, `page width ${play.width}`);
      }
      await page.evaluate((y) => window.scrollTo(0, y - 120), loss);
      await page.screenshot({ path: join(outputDir, `lessons-phone-curriculum-${lang}.png`) });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

test('embed at 390×844: each <opt-lab> frame, border included, is as wide as its element (the page does not scroll sideways)', async () => {
  const { page, context, problems } = await openRaw(env, 'embed-example.html', { viewport: { width: 390, height: 844 } });
  try {
    await page.waitForFunction(() => document.querySelectorAll('opt-lab').length === 2 && [...document.querySelectorAll('opt-lab')].every((e) => e.shadowRoot?.querySelector('iframe')));
    const m = await page.evaluate(() => ({
      frames: [...document.querySelectorAll('opt-lab')].map((e) => [e.getBoundingClientRect().width, e.shadowRoot.querySelector('iframe').getBoundingClientRect().width]),
      width: document.documentElement.scrollWidth,
    }));
    for (const [outer, frame] of m.frames) assert.equal(frame, outer, `frame ${frame} px in an element ${outer} px wide`);
    assert.ok(m.width <= 390, `page ${m.width} px wide`);
    assert.deepEqual(problems.filter((p) => !/favicon/.test(p)), []);
    // (Replacing the page below aborts the frames' requests: checked before.)
    // The embed code's iframe form, pasted into a column of a page this narrow: as wide as the column.
    const iframe = /<iframe [^>]*><\/iframe>/.exec(embedCode(env.base, { spec: { seed: 7 } }))[0];
    const fit = await page.evaluate((html) => {
      document.body.innerHTML = `<div id="col" style="margin: 0 16px">${html}</div>`;
      return [document.getElementById('col').getBoundingClientRect().width, document.querySelector('#col iframe').getBoundingClientRect().width];
    }, iframe);
    assert.equal(fit[1], fit[0], `iframe ${fit[1]} px in a column ${fit[0]} px wide`);
  } finally {
    await context.close();
  }
});

test('ill-conditioning: the curvature view\'s legend tells dashed and dotted lines apart (not identical squares)', async () => {
  const { page, context, problems } = await openRaw(env, 'index.html#lesson=ill-conditioning');
  try {
    await waitState(page, END, 180_000);
    const markers = await page.evaluate(() => [...document.querySelectorAll('figure[data-view="curvature"] .u-legend .u-series')]
      .map((row) => [row.querySelector('.u-label')?.textContent.trim(), row.querySelector('.u-marker')?.style.borderStyle]).filter(([l]) => l && !/step/.test(l)));
    const style = Object.fromEntries(markers);
    assert.equal(style['1 λ_max'], 'solid', JSON.stringify(markers));
    assert.equal(style['1 λ_min'], 'dashed');
    assert.equal(style['1 ½ε² gᵀHg'], 'dashed');
    assert.equal(style['1 −ε gᵀg + ½ε² gᵀHg'], 'dotted');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
