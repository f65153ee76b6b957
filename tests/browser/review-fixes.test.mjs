// Findings of the fresh-user review (/work/team/itemtests-status.md, "Review (fresh user)") that
// a test can replay: a link's bad racer is reported and kept, an error below the fold is seen,
// and choosing a dataset adjusts what depends on it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, withPage, waitState, linkFor, addressState, recordCanvasText, chartText } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

// The visible message boxes' text (error and warning).
const messages = (page) => page.evaluate(() => ['error', 'warning'].map((id) => document.getElementById(id))
  .filter((e) => !e.hidden).map((e) => e.textContent).join('\n'));

test('a link with a bad racer names the racer\'s field and keeps the link\'s text in the address bar', async () => {
  for (const racers of ['[{"name":"momentum","lr":-0.5}]', '[{"name":"adamx"}]', '[{name:adam}]']) {
    const hash = linkFor({ seed: 3 }) + '&racers=' + encodeURIComponent(racers);
    await withPage(env, hash, async ({ page }) => {
      await waitState(page, ['ready']);
      const text = await messages(page);
      const field = { '-0.5': /racers\[0\]\.lr: must be > 0/, adamx: /racers\[0\]\.name/, '{name': /racers: .*not a JSON list/ };
      const [, expected] = Object.entries(field).find(([k]) => racers.includes(k));
      assert.match(text, expected, `the message names the link's field for ${racers}: "${text}"`);
      assert.ok(await page.evaluate(() => !document.getElementById('error').hidden), 'shown as an error, not a side note');
      const bar = await addressState(page);
      assert.equal(bar.params.racers, racers, `the address bar keeps the racers text (${bar.raw})`);
    });
  }
});

test('an error for a field below the fold is in view when it appears (1280×720 and 390×844)', async () => {
  for (const viewport of [{ width: 1280, height: 720 }, { width: 390, height: 844 }]) {
    await withPage(env, '', async ({ page }) => {
      for (const [id, bad, field] of [['seed', '-1', /seed/], ['steps', '1e12', /steps/]]) {
        await page.locator(`#${id}`).scrollIntoViewIfNeeded();
        await page.evaluate(() => window.scrollBy(0, 200));   // the field well below the page top
        const seq = await page.evaluate(() => Number(document.getElementById('error').dataset.seq ?? 0));
        await page.fill(`#${id}`, bad);
        await page.press(`#${id}`, 'Tab');
        await page.waitForFunction((n) => Number(document.getElementById('error').dataset.seq ?? 0) > n, seq, { timeout: 30_000 });
        const box = await page.evaluate(() => {
          const e = document.getElementById('error');
          const r = e.getBoundingClientRect();
          // What is drawn at the box's centre: the box itself (not covered by anything).
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return { hidden: e.hidden, top: r.top, bottom: r.bottom, height: innerHeight, text: e.textContent, onTop: e.contains(hit), scrollY };
        });
        assert.equal(box.hidden, false);
        assert.match(box.text, field);
        assert.ok(box.scrollY > 300, `the page is scrolled (${box.scrollY})`);
        assert.ok(box.top >= 0 && box.bottom <= box.height, `${viewport.width}×${viewport.height} #${id}: the message is in view (top ${box.top}, bottom ${box.bottom} of ${box.height})`);
        assert.ok(box.onTop, 'nothing covers the message');
      }
    }, { viewport });
  }
});

test('Dataset → XOR from the default page runs XOR with the classes it allows; back to Spiral works too', async () => {
  await withPage(env, '', async ({ page }) => {
    const box = () => page.evaluate(() => JSON.parse(document.getElementById('spec').value));
    const before = await box();
    await page.selectOption('#dataset', 'xor');
    await page.waitForFunction(() => /"xor"/.test(document.getElementById('spec').value), null, { timeout: 30_000 });
    const xor = await box();
    assert.equal(xor.dataset.classes, 2);
    assert.equal(await page.inputValue('#dataset'), 'xor', 'the menu keeps the choice');
    assert.ok(await page.evaluate(() => document.getElementById('error').hidden), 'no error');
    assert.ok(await page.isDisabled('#classes'), 'XOR has one class count: nothing to choose');
    assert.deepEqual({ ...xor, dataset: undefined }, { ...before, dataset: undefined }, 'everything else kept');
    await page.selectOption('#dataset', 'spiral');
    await page.waitForFunction(() => /"spiral"/.test(document.getElementById('spec').value), null, { timeout: 30_000 });
    assert.ok(await page.isEnabled('#classes'));
  });
});

test('chart axis titles are words and the book\'s symbols (test accuracy, ‖g‖, ε), in the page\'s language', async () => {
  await withPage(env, '', async ({ page }) => {
    await page.click('#step');
    await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '1');
    const titles = async () => Object.fromEntries(await Promise.all(['#loss-chart', '#acc-chart', '#grad-chart', '#lr-chart']
      .map(async (id) => [id, (await chartText(page, id)).yTitle])));
    await page.waitForFunction(() => document.querySelector('#lr-chart canvas'));
    assert.deepEqual(await titles(), { '#loss-chart': 'loss', '#acc-chart': 'test accuracy', '#grad-chart': '‖g‖', '#lr-chart': 'ε' });
    await page.selectOption('#lang', 'ja');
    await page.waitForFunction(() => document.documentElement.lang === 'ja');
    await page.waitForTimeout(300);
    assert.deepEqual(await titles(), { '#loss-chart': '損失', '#acc-chart': 'テスト正解率', '#grad-chart': '‖g‖', '#lr-chart': 'ε' });
  }, { prepare: recordCanvasText });
});
