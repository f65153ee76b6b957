// The chapter tour and the browser's history (the reviewer's findings on issue 15):
// - opening a lesson from the tour (select, Next, Previous) is a navigation: Back returns to the
//   previous lesson, then to the experiment before the tour, and Forward comes back;
// - leaving a lesson the user changed says so in the status line (English and Japanese), and Back
//   returns to the changes;
// - a link to a lesson that does not exist keeps its address as typed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openRaw, waitState } from './helpers.mjs';
import { readLesson } from '../../scripts/lib/lessons.mjs';

// Two short surface lessons, neighbours in the lecture's order.
const A = 'saddle-points', B = 'cliffs';
const END = ['finished', 'diverged'];

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const shownLesson = (page) => page.evaluate(() => document.getElementById('tour').dataset.lesson);
// The race on screen: the JSON box's spec (briefly empty or mid-rewrite: null).
const boxSpec = (page) => page.evaluate(() => { try { return JSON.parse(document.getElementById('spec').value); } catch { return null; } });

async function waitLesson(page, id) {
  const steps = readLesson(id).spec.steps;
  await page.waitForFunction((want) => document.getElementById('tour').dataset.lesson === want, id);
  await page.waitForFunction((n) => { try { return JSON.parse(document.getElementById('spec').value).steps === n; } catch { return false; } }, steps);
  // The untouched lesson's address names it alone (and the page's flags: lang=ja).
  await page.waitForFunction((h) => location.hash === h || location.hash.startsWith(h + '&lang='), `#lesson=${id}`);
}

test('Back and Forward walk the lessons the tour opened, and Back leaves the tour for the experiment before it', async () => {
  const { page, context, problems } = await openRaw(env, 'index.html');
  try {
    await waitState(page, ['ready'], 60_000);
    await page.waitForFunction(() => location.hash.startsWith('#spec='));
    const before = await page.evaluate(() => location.hash);
    const beforeSpec = await boxSpec(page);
    const length0 = await page.evaluate(() => history.length);
    await page.selectOption('#tour-select', A);
    await waitLesson(page, A);
    await page.click('#tour-next');
    await waitLesson(page, B);
    await waitState(page, END, 120_000);
    // Two navigations, two entries: the app was not left behind.
    assert.equal(await page.evaluate(() => history.length), length0 + 2);
    await page.goBack();
    await waitLesson(page, A);
    await waitState(page, END, 120_000);   // the lesson plays to its end, as when the tour opens it
    await page.goBack();
    await page.waitForFunction((h) => location.hash === h, before);
    await page.waitForFunction(() => document.getElementById('tour').dataset.lesson === '');
    await page.waitForFunction((s) => document.getElementById('spec').value === s, JSON.stringify(beforeSpec, null, 2));
    await page.goForward();
    await waitLesson(page, A);
    await page.goForward();
    await waitLesson(page, B);
    // Previous is a navigation too (it replaces the forward entries); nothing loops.
    await page.click('#tour-prev');
    await waitLesson(page, A);
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => location.hash), `#lesson=${A}`);
    assert.equal(await page.evaluate(() => history.length), length0 + 3);
    // Ordinary edits replace the entry: three seeds typed add no history entry.
    for (const seed of [11, 12, 13]) {
      await page.fill('#seed', String(seed));
      await page.press('#seed', 'Enter');
      await page.waitForFunction((n) => location.hash.includes(encodeURIComponent(`"seed":${n}`)), seed);
    }
    assert.equal(await page.evaluate(() => history.length), length0 + 3);
    await page.goBack();
    await waitLesson(page, B);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

for (const [lang, said] of [['en', /Your changes to the lesson “[^”]+” were left; the browser’s Back returns to them/], ['ja', /への変更はそのまま残してあります。ブラウザの「戻る」で戻れます/]]) {
  test(`leaving a changed lesson says so (${lang}); Back returns to the changes; leaving an untouched one says nothing`, async () => {
    const suffix = lang === 'ja' ? '&lang=ja' : '';
    const { page, context, problems } = await openRaw(env, `index.html#lesson=${A}${suffix}`);
    try {
      await waitState(page, END, 120_000);
      // Untouched: nothing to say.
      await page.click('#tour-next');
      await waitLesson(page, B);
      assert.equal(await page.evaluate(() => document.getElementById('notice').textContent), '');
      await waitState(page, END, 120_000);
      // Changed through the JSON box: 120 steps instead of the lesson's.
      const spec = await boxSpec(page);
      await page.fill('#spec', JSON.stringify({ ...spec, steps: 120 }));
      await page.click('#apply');
      await page.waitForFunction(() => location.hash.includes('spec='));
      await page.click('#tour-prev');
      await waitLesson(page, A);
      const notice = await page.evaluate(() => document.getElementById('notice').textContent);
      assert.match(notice, said);
      assert.ok(notice.includes(readLesson(B).title[lang]), `names the lesson left: ${notice}`);
      await page.goBack();
      await page.waitForFunction(() => { try { return JSON.parse(document.getElementById('spec').value).steps === 120; } catch { return false; } });
      assert.equal(await shownLesson(page), B, 'the changed lesson\'s text comes back with its changes');
      assert.match(await page.evaluate(() => location.hash), /lesson=cliffs&spec=/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

for (const typed of ['#lesson=no-such-lesson', '#lesson=Not_An_Id&lang=ja']) {
  test(`a link to a lesson that does not open (${typed}) keeps its address as typed until the user acts`, async () => {
    const { page, context } = await openRaw(env, `index.html${typed}`);
    try {
      await waitState(page, ['ready'], 60_000);
      await page.waitForFunction(() => document.getElementById('spec').value.includes('"optimizer"'));
      assert.ok(!(await page.evaluate(() => document.getElementById('warning').hidden)), 'the warning is shown');
      await page.waitForTimeout(300);
      assert.equal(await page.evaluate(() => location.hash), typed);
      // Doing something (opening a lesson) writes the address again.
      await page.selectOption('#tour-select', A);
      await waitLesson(page, A);
    } finally {
      await context.close();
    }
  });
}
