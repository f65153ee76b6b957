// Issue 14 in the page: the digits experiment (test-set views instead of the decision map, its
// confusion matrix summing to the test set, the same accuracy as both runners), a CSV file that
// trains and whose link reproduces the run in the Node runner, every bad file refused with a
// message naming row and column while the running experiment keeps running, and drawn points.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, openPage, waitState, stats, trainToEnd } from './helpers.mjs';
import { runRunner } from '../node/helpers.mjs';
import { DIGITS_SPEC } from '../../bench/digits.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const link = (spec) => `#spec=${encodeURIComponent(JSON.stringify(spec))}`;
const hashSpec = (page) => page.evaluate(() => JSON.parse(decodeURIComponent(location.hash.slice(6))));

test('digits while playing: the confusion matrix updates its cells in place, and its last state is the run\'s', async () => {
  // The table used to be rebuilt (k² + 2k cells, 24 misclassified images) several times a second,
  // which kept the main thread laying out the page while the racers needed the cores.
  // 100 steps per second: the 900 steps take 9 s, so the predictions come many times while it plays.
  const { page, context, problems } = await openPage(env, `${link(DIGITS_SPEC)}&speed=100`);
  try {
    await page.click('#play');
    await page.waitForFunction(() => document.getElementById('confusion').dataset.total !== undefined, null, { timeout: 30_000 });
    const first = await page.evaluate(() => {
      const tds = [...document.querySelectorAll('#confusion td')];
      tds.forEach((td, i) => { td.__mark = i; });
      return document.getElementById('confusion').dataset.correct;
    });
    await page.waitForFunction((c) => document.getElementById('confusion').dataset.correct !== c, first, { timeout: 60_000 });
    const kept = await page.evaluate(() => [...document.querySelectorAll('#confusion td')].every((td, i) => td.__mark === i));
    assert.equal(kept, true, 'the same cells, new numbers');
    assert.equal(await waitState(page, ['finished', 'diverged']), 'finished');
    const m = await page.evaluate(() => ({ cells: [...document.querySelectorAll('#confusion td')].map((td) => Number(td.textContent)), correct: Number(document.getElementById('confusion').dataset.correct) }));
    const sum = runRunner('node', DIGITS_SPEC).rows.at(-1);
    assert.deepEqual(m.cells, sum.confusion.flat(), 'after the updates in place the matrix is the runner\'s');
    assert.equal(m.correct / 359, sum.test_accuracy);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('digits in a race: the test-set view\'s caption names the racer whose predictions it shows, and follows ◐', async () => {
  const race = { ...DIGITS_SPEC, racers: [{}, { optimizer: { name: 'sgd', lr: 0.1 } }] };
  const { page, context, problems } = await openPage(env, link(race));
  try {
    const caption = () => page.textContent('#digits-caption');
    assert.match(await caption(), /predictions of 1 · /);
    await page.locator('.heat-btn').nth(1).click();
    assert.match(await caption(), /predictions of 2 · /, 'named at the click');
    await page.click('#step');
    await page.waitForFunction(() => document.getElementById('confusion').dataset.total !== undefined, null, { timeout: 30_000 });
    assert.match(await caption(), /predictions of 2 · /, 'and still after the next frame');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
  const one = await openPage(env, link(DIGITS_SPEC));
  try {
    assert.doesNotMatch(await one.page.textContent('#digits-caption'), /predictions of/, 'one racer: nothing to name');
  } finally {
    await one.context.close();
  }
});

test('digits: the test-set views replace the decision map, the confusion matrix sums to the test set, and the page equals both runners', async () => {
  const { page, context, problems } = await openPage(env, link(DIGITS_SPEC));
  try {
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('nd')), true);
    assert.equal(await page.isVisible('#heatmap'), false, 'no decision map for 64-D inputs');
    assert.equal(await page.isVisible('#digits-view'), true);
    assert.equal(await page.locator('#digit-samples canvas').count(), 20, '20 sample images');
    const end = await trainToEnd(page);
    assert.equal(end.state, 'finished');
    await page.waitForFunction(() => document.getElementById('confusion').dataset.total !== undefined);
    const m = await page.evaluate(() => {
      const t = document.getElementById('confusion');
      const cells = [...t.querySelectorAll('td')].map((td) => Number(td.textContent));
      return { total: Number(t.dataset.total), correct: Number(t.dataset.correct), cells, missed: Number(document.getElementById('digit-missed').dataset.count),
        shown: document.querySelectorAll('#digit-missed figure').length };
    });
    const node = runRunner('node', DIGITS_SPEC), native = runRunner('native', DIGITS_SPEC);
    const sumNode = node.rows.at(-1), sumNative = native.rows.at(-1);
    assert.equal(m.cells.length, 100);
    assert.equal(m.cells.reduce((a, b) => a + b, 0), 359, 'the matrix sums to the test-set size');
    assert.equal(m.total, 359);
    assert.deepEqual(m.cells, sumNode.confusion.flat(), 'the page\'s matrix is the runner\'s');
    assert.deepEqual(sumNative.confusion, sumNode.confusion);
    assert.equal(m.missed, 359 - m.correct);
    assert.equal(m.shown, Math.min(24, m.missed));
    assert.ok(end.testAcc >= 0.95, `test accuracy ${end.testAcc}`);
    assert.equal(end.testAcc, sumNode.test_accuracy, 'page = Node runner');
    assert.equal(sumNative.test_accuracy, sumNode.test_accuracy, 'native = Node runner');
    assert.equal(m.correct / 359, sumNode.test_accuracy);
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

// 5 features, 3 classes: class c has features near c·(j + 1) with a deterministic jitter.
function csv5x3() {
  const lines = ['f1,f2,f3,f4,f5,kind'];
  for (let i = 0; i < 60; ++i) {
    const c = i % 3;
    lines.push([...Array.from({ length: 5 }, (_, j) => (c * (j + 1) + Math.sin(i * 7 + j) * 1.5).toFixed(3)), ['alpha', 'beta', 'gamma'][c]].join(','));
  }
  return `${lines.join('\n')}\n`;
}

async function useCsv(page, text) {
  const seq = await page.evaluate(() => Number(document.getElementById('data-message').dataset.seq ?? 0));
  await page.evaluate(() => { document.getElementById('your-data').open = true; });
  await page.fill('#csv-text', text);
  await page.click('#csv-use');
  await page.waitForFunction((n) => Number(document.getElementById('data-message').dataset.seq ?? 0) > n, seq);
  return page.textContent('#data-message');
}

test('a CSV with 5 features and 3 classes trains in the page, and its link reproduces the run in the Node runner', async () => {
  const { page, context, problems } = await openPage(env);
  try {
    const msg = await useCsv(page, csv5x3());
    assert.match(msg, /60 rows, 5 features, 3 classes from column "kind" \(alpha, beta, gamma\)/);
    await page.waitForFunction(() => JSON.parse(decodeURIComponent(location.hash.slice(6))).dataset?.name === 'inline');
    await waitState(page, ['ready', 'paused']);
    assert.equal(await page.isVisible('#digits-view'), true, '5-D data: the test-set views');
    const spec = await hashSpec(page);
    assert.equal(spec.dataset.x.length, 60);
    assert.equal(spec.dataset.x[0].length, 5);
    assert.deepEqual(spec.dataset.y.slice(0, 4), [0, 1, 2, 0]);
    const end = await trainToEnd(page);
    assert.equal(end.state, 'finished');
    const node = runRunner('node', spec);
    assert.equal(node.status, 0, node.stderr);
    const last = node.rows.at(-1);
    assert.equal(end.testAcc, last.test_accuracy);
    assert.equal(end.loss, last.final_train_loss);
    assert.ok(end.testAcc > 0.8, `the 3 classes are learned (test accuracy ${end.testAcc})`);
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

// 4 features and a continuous target: price = 2·f1 − f2 + 0.5·f3·f4 + 100, 80 rows.
function csvRegression() {
  const lines = ['f1,f2,f3,f4,price'];
  for (let i = 0; i < 80; ++i) {
    const f = Array.from({ length: 4 }, (_, j) => Number((Math.sin(i * 3.1 + j * 1.7) * 2).toFixed(3)));
    lines.push([...f, (2 * f[0] - f[1] + 0.5 * f[2] * f[3] + 100).toFixed(4)].join(','));
  }
  return `${lines.join('\n')}\n`;
}

test('a CSV with a regression target trains in the page with the mean squared error, and its link reproduces the run in the Node runner', async () => {
  const { page, context, problems } = await openPage(env);
  try {
    const msg = await useCsv(page, csvRegression());
    assert.match(msg, /80 rows, 4 features, regression target "price"/);
    await page.waitForFunction(() => JSON.parse(decodeURIComponent(location.hash.slice(6))).dataset?.targets !== undefined);
    await waitState(page, ['ready', 'paused']);
    const spec = await hashSpec(page);
    assert.equal(spec.dataset.y, undefined);
    assert.equal(spec.dataset.targets.length, 80);
    assert.equal(spec.network.loss, 'mean_squared_error', 'the page switched the loss');
    assert.equal(await page.isVisible('#confusion'), false, 'no confusion matrix without classes');
    // No decision map either: the test-set view lists examples (their feature values) instead.
    assert.equal(await page.isVisible('#heatmap'), false, 'no decision regions without classes');
    assert.equal(await page.isVisible('#digits-view'), true);
    const examples = await page.locator('#digit-samples figure').count();
    assert.equal(examples, 16, 'the test split\'s 16 examples are listed');
    assert.match(await page.textContent('#digit-samples figure code'), /^-?\d/, 'an example shows its feature values');
    assert.match(await page.textContent('#digits-caption'), /regression: no classes/);
    assert.equal(await page.textContent('#k-test-acc'), 'test within ±0.04', 'no "accuracy" without classes');
    assert.match(await page.textContent('#acc-caption'), /within 0\.04 of their \(standardized\) target/);
    const end = await trainToEnd(page);
    assert.equal(end.state, 'finished');
    const node = runRunner('node', spec);
    assert.equal(node.status, 0, node.stderr);
    const last = node.rows.at(-1);
    assert.equal(end.loss, last.final_train_loss, 'page = Node runner');
    // Standardized targets: 1 is what predicting the mean scores; the net must do far better.
    assert.ok(last.final_test_loss < 0.2, `the target is learned (test MSE ${last.final_test_loss} in units of its variance)`);
    // Back to classes: the loss returns to the softmax cross-entropy.
    await useCsv(page, csv5x3());
    await page.waitForFunction(() => JSON.parse(decodeURIComponent(location.hash.slice(6))).dataset?.y !== undefined);
    assert.equal((await hashSpec(page)).network.loss, 'softmax_cross_entropy');
    // A file smaller than the minibatch: the batch becomes the training split, and the note says so
    // (x,y,label: the label column is guessed as "label", not the feature named y).
    const small = await useCsv(page, 'x,y,label\n0,0,a\n1,0,b\n0,1,a\n1,1,b\n2,0,a\n0,2,b\n2,2,a\n3,1,b\n');
    assert.match(small, /8 rows, 2 features, 2 classes from column "label".*Batch size 16 is more than the 6 training rows: it is now 6/);
    await page.waitForFunction(() => JSON.parse(decodeURIComponent(location.hash.slice(6))).batch_size === 6);
    assert.equal(await page.evaluate(() => document.getElementById('error').hidden), true, 'no error banner');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('bad files get a message naming the row and column, and the running experiment keeps running', async () => {
  const { page, context, problems } = await openPage(env);
  try {
    const good = await hashSpec(page);
    const cases = [
      ['ragged rows', 'a,b,label\n1,2,x\n3,y\n4,5,y\n', /row 3: 2 fields, but the header has 3/],
      ['text in a numeric column', 'a,b,label\n1,2,x\n3,abc,y\n', /row 3, column "b": "abc" is not a number/],
      ['one class only', 'a,b,label\n1,2,x\n3,4,x\n', /column "label" has one class only \(x\)/],
      ['NaN', 'a,b,label\n1,2,x\n3,NaN,y\n', /row 3, column "b": is NaN, not a finite number/],
      ['an empty file', '', /the file is empty/],
    ];
    // One step per click; each waits until the page shows it, so the count is exact whatever the
    // machine's speed (reading it before the previous step had landed once lost a step).
    let steps = (await stats(page)).step;
    const stepOnce = async () => {
      await page.click('#step');
      steps += 1;
      await page.waitForFunction((n) => Number(document.getElementById('stat-step').dataset.value) === n, steps);
    };
    await stepOnce();
    for (const [what, text, re] of cases) {
      const msg = await useCsv(page, text);
      assert.match(msg, re, what);
      assert.deepEqual(await hashSpec(page), good, `${what}: the running spec is unchanged`);
      await stepOnce();   // the experiment still runs: a step goes through
    }
    // A 50 MB file is refused by its size, before it is read.
    const seq = await page.evaluate(() => Number(document.getElementById('data-message').dataset.seq ?? 0));
    const dir = mkdtempSync(join(tmpdir(), 'optlab-big-'));
    const big = join(dir, 'big.csv');
    writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 48));
    try { await page.setInputFiles('#csv-file', big); } finally { rmSync(dir, { recursive: true, force: true }); }
    await page.waitForFunction((n) => Number(document.getElementById('data-message').dataset.seq ?? 0) > n, seq);
    assert.match(await page.textContent('#data-message'), /the file is 50\.0 MB; a data file may be at most 5 MB/);
    assert.deepEqual(await hashSpec(page), good);
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('points drawn by clicking on the data view join the data and the run restarts on them', async () => {
  const { page, context, problems } = await openPage(env);
  try {
    const before = await hashSpec(page);
    const n = Math.round(before.dataset.samples);
    await page.evaluate(() => { document.getElementById('your-data').open = true; });
    await page.click('#draw-toggle');
    await page.keyboard.press('2');   // class 2 (index 1)
    const box = await page.locator('#heatmap').boundingBox();
    await page.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.25);
    await page.waitForFunction(() => JSON.parse(decodeURIComponent(location.hash.slice(6))).dataset?.name === 'inline');
    const spec = await hashSpec(page);
    assert.equal(spec.dataset.x.length, n + 1);
    assert.equal(spec.dataset.y.at(-1), 1);
    assert.equal(spec.dataset.standardize, false);
    const [px, py] = spec.dataset.x.at(-1);
    assert.ok(px > 0 && py > 0, `a click right of and above the centre lands at x, y > 0 (${px}, ${py})`);
    const end = await trainToEnd(page);
    assert.equal(end.state, 'finished');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});
