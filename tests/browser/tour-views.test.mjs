// What the tour's lessons show (the reviewer's findings on issue 15): the cliff lesson's unclipped
// racer stays on the contour map, and the momentum lesson's f − f* chart separates its racers
// instead of drawing three flat lines on whole decades. Screenshots under test-output/browser/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openRaw, waitState, exportedJson, recordCanvasText, chartText, outputDir } from './helpers.mjs';

const END = ['finished', 'diverged'];
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('cliffs: the contour map takes in unclipped SGD thrown past the bowl, and both paths', async () => {
  const { page, context, problems } = await openRaw(env, 'index.html#lesson=cliffs');
  try {
    await waitState(page, END, 120_000);
    const { racers } = await exportedJson(page);
    // Every racer's path, every point: inside the box the map shows.
    await page.waitForFunction(() => document.getElementById('contour').dataset.view);
    const view = await page.evaluate(() => document.getElementById('contour').dataset.view.split(',').map(Number));
    let maxX = -Infinity;
    for (const r of racers) {
      const t = r.params_trace;
      for (let i = 0; i + 1 < t.length; i += 2) {
        const [x, y] = [t[i], t[i + 1]];
        maxX = Math.max(maxX, x);
        assert.ok(x >= view[0] && x <= view[1] && y >= view[2] && y <= view[3], `(${x}, ${y}) outside the map's view ${view}`);
      }
    }
    assert.ok(maxX > 20, `the lesson's racer was thrown past x = 20 (max x ${maxX})`);
    // The contours are drawn for the grown view (the worker's grid for it), not stretched.
    await page.locator('#contour').screenshot({ path: join(outputDir, 'tour-cliffs-map.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('momentum: the f − f* and gradient-norm charts are scaled to the run (f falls from 500000 by 4, 20 and 190), not whole decades', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 960 } });
  await recordCanvasText(context);
  const page = await context.newPage();
  try {
    await page.goto(env.base + 'index.html#lesson=momentum');
    await waitState(page, END, 180_000);
    const { racers } = await exportedJson(page);
    const columns = racers[0].columns;
    const fCol = columns.indexOf('loss') >= 0 ? columns.indexOf('loss') : columns.indexOf('f');
    const gCol = columns.indexOf('grad_norm');
    assert.ok(fCol > 0 && gCol > 0, `columns ${columns}`);
    const range = (col) => {
      const v = racers.flatMap((r) => r.rows.map((row) => row[col]));
      return [Math.min(...v), Math.max(...v)];
    };
    const [fLo, fHi] = range(fCol);
    // The run: the racers' f end apart by far less than a decade.
    assert.ok(fHi / fLo < 1.01, `f from ${fHi} to ${fLo}`);
    await page.waitForTimeout(500);
    for (const [id, [lo, hi]] of [['#loss-chart', [fLo, fHi]], ['#grad-chart', range(gCol)]]) {
      const { yTicks } = await chartText(page, id);
      const ticks = yTicks.map(Number);
      // At least 3 labelled ticks, every one within the run's values (padded by their spread):
      // the old whole-decade axis labelled 10⁵ and 10⁶ around lines 0.04% apart.
      assert.ok(ticks.length >= 3, `${id}: ${yTicks.join(', ')}`);
      const pad = (hi - lo) * 0.5;
      assert.ok(ticks.every((v) => Number.isFinite(v) && v >= lo - pad && v <= hi + pad), `${id}: ticks ${yTicks.join(', ')} outside ${lo} … ${hi}`);
      assert.equal(new Set(yTicks).size, yTicks.length);
    }
    await page.screenshot({ path: join(outputDir, 'tour-momentum-charts.png'), fullPage: true });
  } finally {
    await context.close();
  }
});

for (const lang of ['en', 'ja']) {
  test(`long-term-dependencies (${lang}): test sequences are shown as their steps' symbols with the label, not rows of one-hot numbers`, async () => {
    const { page, context, problems } = await openRaw(env, `index.html#lesson=long-term-dependencies${lang === 'ja' ? '&lang=ja' : ''}`);
    try {
      await waitState(page, END, 300_000);
      await page.waitForFunction(() => document.querySelectorAll('#digit-missed table.sequence').length > 0);
      const shown = await page.evaluate(() => [...document.querySelectorAll('#digit-samples figure.example, #digit-missed figure.example')].map((f) => ({
        t: [...f.querySelectorAll('tr:first-child td')].map((td) => td.textContent),
        x: [...f.querySelectorAll('tr:last-child td')].map((td) => td.textContent),
        marked: [...f.querySelectorAll('td.marked')].map((td) => td.textContent),
        caption: f.querySelector('figcaption').textContent,
        numbers: !!f.querySelector('code'),
      })));
      assert.ok(shown.length >= 2);
      for (const s of shown) {
        assert.ok(!s.numbers, 'no list of feature values');
        // Steps 1 … 11, …, 50 (the lesson's L); every symbol one of the 3 classes.
        assert.deepEqual(s.t, ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '…', '50']);
        assert.ok(s.x.every((v) => ['0', '1', '2', '…'].includes(v)), `symbols ${s.x}`);
        // Step 1 is marked (its t and its symbol), and its symbol is the label (true class first in 'a→b').
        assert.deepEqual(s.marked, ['1', s.x[0]]);
        assert.equal(s.caption.split('→')[0], s.x[0]);
      }
      const note = await page.textContent('#sequence-note');
      assert.match(note, lang === 'ja' ? /ステップ 1 の記号がラベル/ : /marked step 1 holds the label/);
      await page.locator('#digits-figure').screenshot({ path: join(outputDir, `tour-sequences-${lang}.png`) });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

test('Japanese: initializers are named in Japanese in Compare by, the racers and the depth view (English unchanged)', async () => {
  for (const [lang, want] of [['ja', ['1 · N(0, 1)', '2 · Glorot 初期化（正規分布）', '3 · He 初期化（正規分布）', '4 · LeCun 初期化（正規分布）']],
    ['en', ['1 · N(0, 1)', '2 · Glorot normal', '3 · He normal', '4 · LeCun normal']]]) {
    const { page, context, problems } = await openRaw(env, `index.html${lang === 'ja' ? '#lang=ja' : ''}`);
    try {
      await waitState(page, ['ready'], 60_000);
      const option = await page.$eval('#compare-by option[value="init"]', (o) => o.textContent);
      if (lang === 'ja') assert.match(option, /Glorot 初期化 \/ He 初期化 \/ LeCun 初期化（いずれも正規分布）/);
      await page.selectOption('#compare-by', 'init');
      await page.waitForFunction(() => document.querySelectorAll('#racers .racer').length === 4);
      assert.deepEqual(await page.$$eval('#racers .racer .racer-label', (els) => els.map((e) => e.textContent)), want);
      await page.click('#signals summary');
      await page.waitForFunction(() => document.getElementById('signals').dataset.ready === '1', null, { timeout: 60_000 });
      const rows = await page.$$eval('#signals .signals-table tr td:first-child', (tds) => tds.map((td) => td.textContent));
      const buttons = await page.$$eval('#signals .signals-legend button, #signals button', (bs) => bs.map((b) => b.textContent));
      for (const name of want.slice(1).map((w) => w.slice(4))) {
        assert.ok(rows.includes(name), `${name} in the depth view's table: ${rows}`);
        assert.ok(buttons.some((b) => b.includes(name)), `${name} on a depth-view button: ${buttons}`);
      }
      if (lang === 'ja') assert.ok(rows.includes('直交初期化') && !rows.some((r) => /normal|orthogonal/.test(r)), `${rows}`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
});

// A lesson shows the views it names and no others: the tour's Next from minibatch-size (gradient
// noise) to shuffling (none of the lecture's views) leaves no gradient-noise view open, and a lesson
// whose spec has a full batch shows "full batch" in the empty Batch size field.
test('a lesson opened after another shows its own views only, and a full batch says so in the Batch size field', async () => {
  const { page, context, problems } = await openRaw(env, 'index.html#lesson=minibatch-size');
  try {
    await page.waitForFunction(() => document.getElementById('view-gradient-noise')?.checked === true, null, { timeout: 60_000 });
    await page.click('#tour-next');
    await page.waitForFunction(() => document.getElementById('tour').dataset.lesson === 'shuffling');
    const open = await page.evaluate(() => [...document.querySelectorAll('#lecture-views input[type=checkbox]')].filter((b) => b.checked).map((b) => b.id));
    const { readLesson } = await import('../../scripts/lib/lessons.mjs');
    assert.deepEqual(open, readLesson('shuffling').views.filter((v) => open.includes(`view-${v}`)).map((v) => `view-${v}`), `only shuffling's own views are open (${open})`);
    assert.equal(open.includes('view-gradient-noise'), false);
    await waitState(page, END, 120_000);
    await page.goto(env.base + 'index.html#lesson=ill-conditioning');
    await page.waitForFunction(() => JSON.parse(document.getElementById('spec').value || '{}').batch_size === 'full', null, { timeout: 60_000 });
    assert.equal(await page.inputValue('#batch'), '');
    assert.equal(await page.getAttribute('#batch', 'placeholder'), 'full batch');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
