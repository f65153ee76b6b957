// The chapter tour in the browser: every lesson opens by link (#lesson=<id>, English and Japanese)
// and by <opt-lab lesson="<id>"> in a plain course page served from another port, runs to its end,
// shows its own title, text and claim, and a screenshot per lesson and language is saved under
// test-output/lessons/. The Japanese text must be drawn with a Japanese font (Debian: fonts-noto-cjk),
// asked of the browser itself (CSS.getPlatformFontsForNode). OPTLAB_LESSONS=id,id limits the run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, openRaw, waitState, root } from './helpers.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { readLessonIndex, readLesson } from '../../scripts/lib/lessons.mjs';

const shots = join(root, 'test-output', 'lessons');
const only = process.env.OPTLAB_LESSONS?.split(',').filter(Boolean);
const ids = readLessonIndex().filter((id) => existsSync(join(root, 'lessons', `${id}.json`)) && (!only || only.includes(id)));
const END = ['finished', 'diverged'];

let env, course, courseDir;
before(async () => {
  env = await setup();
  mkdirSync(shots, { recursive: true });
  // The course page: another origin (another port), loading the embed script from the lab's host.
  courseDir = mkdtempSync(join(tmpdir(), 'optlab-course-'));
  for (const id of ids) {
    writeFileSync(join(courseDir, `${id}.html`), `<!doctype html><html><head><meta charset="utf-8"><title>Course: ${id}</title></head>
<body><h1>Week 8</h1><script src="${env.base}opt-lab.js"></script>
<opt-lab lesson="${id}" lang="ja" height="900"></opt-lab></body></html>`);
  }
  course = await startServer({ root: courseDir, port: 0 });
});
after(async () => {
  await env?.close();
  await course?.close();
  if (courseDir) rmSync(courseDir, { recursive: true, force: true });
});

// The families the browser used to draw a node's text (CDP CSS.getPlatformFontsForNode).
async function fontsOf(page, context, selector) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root: doc } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: doc.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  return fonts;
}

async function tourText(frame) {
  return frame.evaluate(() => ({
    lesson: document.getElementById('tour').dataset.lesson,
    title: document.getElementById('tour-title').textContent,
    text: document.getElementById('tour-text').textContent,
    claim: document.getElementById('tour-claim-text').textContent,
    hash: location.hash,
    error: document.getElementById('error').hidden ? '' : document.getElementById('error').textContent,
  }));
}

for (const id of ids) {
  test(`lesson ${id}: opens by link in English and Japanese and runs to its end (screenshots)`, async () => {
    const lesson = readLesson(id);
    for (const lang of ['en', 'ja']) {
      const { page, context, problems } = await openRaw(env, `index.html#lesson=${id}${lang === 'ja' ? '&lang=ja' : ''}`);
      try {
        const state = await waitState(page, [...END, 'error'], 300_000);
        const shown = await tourText(page);
        assert.equal(shown.error, '', `no error for lesson ${id}`);
        assert.ok(END.includes(state), `lesson ${id} ran to its end (state ${state})`);
        assert.equal(shown.lesson, id);
        assert.equal(shown.title, `§${lesson.section} ${lesson.title[lang]}`);
        assert.equal(shown.text, lesson.text[lang]);
        assert.equal(shown.claim, lesson.claim[lang]);
        assert.equal(shown.hash, `#lesson=${id}${lang === 'ja' ? '&lang=ja' : ''}`, 'an untouched lesson links by its id');
        // The racers' names in the legend and the racer panels: the lesson file's Japanese names in
        // Japanese (racer_labels), the spec's labels in English.
        const racers = lesson.spec.racers ?? [];
        if (racers.some((r) => typeof r.label === 'string')) {
          const names = await page.evaluate(() => ({
            legend: [...document.querySelectorAll('#legend .legend-item')].map((e) => e.childNodes[1].textContent),
            panels: [...document.querySelectorAll('.racer-label')].map((e) => e.textContent),
          }));
          const want = racers.map((r, i) => `${i + 1} · ${(lang === 'ja' && lesson.racer_labels?.ja?.[i]) || r.label}`);
          assert.deepEqual(names, { legend: want, panels: want }, `lesson ${id}: racers named in ${lang}`);
        }
        const steps = await page.evaluate(() => Number(document.getElementById('stat-step').dataset.value));
        assert.ok(steps > 0, 'the lesson stepped');
        // Each lecture view the lesson opens (curvature, step length, gradient noise, …) shows its data
        // for this race: not a note that the run lacks a trace, not the core's refusal.
        const lectureViews = await page.evaluate((names) => names.filter((n) => document.querySelector(`figure[data-view="${n}"]`)), lesson.views);
        for (const name of lectureViews) {
          await page.waitForFunction((n) => ['data', 'error', 'needs'].includes(document.querySelector(`figure[data-view="${n}"]`).dataset.state), name, { timeout: 60_000 });
          const v = await page.evaluate((n) => { const f = document.querySelector(`figure[data-view="${n}"]`); return { hidden: f.hidden, state: f.dataset.state, text: f.textContent.slice(0, 300) }; }, name);
          assert.deepEqual([v.hidden, v.state], [false, 'data'], `lesson ${id}: the ${name} view shows its data (${v.text})`);
        }
        if (lang === 'ja') {
          const fonts = await fontsOf(page, context, '#tour-text');
          assert.ok(fonts.some((f) => /CJK JP|Noto Sans JP|Noto Serif JP/.test(f.familyName) && f.glyphCount > 0),
            `Japanese text drawn in a Japanese font (got ${fonts.map((f) => f.familyName).join(', ')})`);
        }
        await page.screenshot({ path: join(shots, `${id}-${lang}.png`), fullPage: true });
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    }
  });

  test(`lesson ${id}: <opt-lab lesson> in a course page on another port runs it to its end`, async () => {
    const lesson = readLesson(id);
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`${course.url.replace(/\/?$/, '/')}${id}.html`);
      await page.waitForFunction(() => document.querySelector('opt-lab')?.shadowRoot?.querySelector('iframe'));
      let frame = null;
      for (let i = 0; i < 200 && !frame; i++) {
        frame = page.frames().find((f) => f.url().includes(`lesson=${id}`));
        if (!frame) await page.waitForTimeout(50);
      }
      assert.ok(frame, 'the lab frame opened');
      assert.notEqual(new URL(frame.url()).port, new URL(page.url()).port, 'the lab is served from another port');
      await frame.waitForFunction(() => document.body.dataset.state !== undefined);
      const state = await waitState(frame, [...END, 'error'], 300_000);
      assert.ok(END.includes(state), `embedded lesson ${id} ran to its end (state ${state})`);
      const shown = await tourText(frame);
      assert.equal(shown.error, '');
      assert.equal(shown.title, `§${lesson.section} ${lesson.title.ja}`);
      await page.screenshot({ path: join(shots, `${id}-embed-ja.png`), fullPage: true });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

test('the tour lists the lessons in the lecture order; previous/next walk it', async () => {
  const listed = readLessonIndex().filter((id) => existsSync(join(root, 'lessons', `${id}.json`)));
  const first = ids[0];
  if (!first) return;
  const { page, context, problems } = await openRaw(env, `index.html#lesson=${first}`);
  try {
    await page.waitForFunction((n) => Number(document.getElementById('tour').dataset.loaded) >= n, ids.length);
    const options = await page.evaluate(() => [...document.querySelectorAll('#tour-select option')].map((o) => o.value).filter(Boolean));
    assert.deepEqual(options, listed);
    const i = listed.indexOf(first);
    const next = listed[i + 1];
    if (next && ids.includes(next)) {
      await page.click('#tour-next');
      await page.waitForFunction((id) => document.getElementById('tour').dataset.lesson === id, next);
      // The next lesson's race is on screen (its own step count), and the link names it alone.
      const steps = readLesson(next).spec.steps;
      // The JSON box is briefly empty while the next lesson's spec arrives: not parsed yet is not a failure.
      await page.waitForFunction((n) => { try { return JSON.parse(document.getElementById('spec').value).steps === n; } catch { return false; } }, steps);
      await waitState(page, [...END, 'error'], 300_000);
      await page.waitForFunction((h) => location.hash === h, `#lesson=${next}`, { timeout: 30_000 });
      await page.click('#tour-prev');
      await page.waitForFunction((id) => document.getElementById('tour').dataset.lesson === id, first);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

// A student clicks Next while the page is still loading (the worker's wasm not yet compiled, so the
// link's own lesson has not started): the lesson clicked is the one that plays, not the link's. The
// wasm is held back 3 s so the click always comes first (before the fix the worker dropped messages
// that arrived while it loaded, and the clicked lesson never started).
test('a tour click while the page still loads opens the lesson clicked, not the link\'s', async () => {
  const listed = readLessonIndex().filter((id) => existsSync(join(root, 'lessons', `${id}.json`)));
  const [first, next] = listed;
  const { page, context, problems } = await openRaw(env, `index.html#lesson=${first}`, {
    prepare: (ctx) => ctx.route('**/*.wasm', async (route) => { await new Promise((r) => setTimeout(r, 3000)); await route.continue(); }),
  });
  try {
    await page.waitForFunction((id) => document.getElementById('tour').dataset.lesson === id && !document.getElementById('tour-next').disabled, first);
    assert.ok(['', 'loading'].includes(await page.evaluate(() => document.body.dataset.state ?? '')), 'the worker is not ready yet when Next is clicked');
    await page.click('#tour-next');
    await page.waitForFunction((id) => document.getElementById('tour').dataset.lesson === id, next);
    const steps = readLesson(next).spec.steps;
    await waitState(page, [...END, 'error'], 300_000);
    const box = JSON.parse(await page.inputValue('#spec'));
    assert.equal(box.steps, steps, `${next}'s race is the one that ran`);
    assert.deepEqual(box.racers?.map((r) => r.label), readLesson(next).spec.racers?.map((r) => r.label));
    await page.waitForFunction((h) => location.hash === h, `#lesson=${next}`, { timeout: 30_000 });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a link to a lesson that does not exist says so and opens the default experiment', async () => {
  const { page, context } = await openRaw(env, 'index.html#lesson=no-such-lesson');
  try {
    await waitState(page, ['ready', 'paused', 'finished', 'playing'], 60_000);
    const warning = await page.evaluate(() => document.getElementById('warning').textContent);
    assert.match(warning, /lesson: no lesson "no-such-lesson"/);
  } finally {
    await context.close();
  }
});
