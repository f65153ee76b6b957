// Embedding, languages, keyboard, exports, hostile links and the size of what ships.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { setup, openPage, openRaw, waitState, stats, errorBox, outputDir, root, buildDist } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('an embed page with two <opt-lab> instances: both run, independently, each in its own worker', async () => {
  const { page, context, problems } = await openRaw(env, 'embed-example.html');
  try {
    await page.waitForFunction(() => document.querySelectorAll('opt-lab').length === 2);
    // The frames live in the elements' shadow roots; wait until each has stepped.
    const frames = async () => page.frames().filter((f) => f.url().includes('embed=1'));
    await page.waitForFunction(() => [...document.querySelectorAll('opt-lab')].every((e) => e.shadowRoot?.querySelector('iframe')));
    let fs = [];
    for (let i = 0; i < 100 && fs.length < 2; i++) { fs = await frames(); if (fs.length < 2) await page.waitForTimeout(100); }
    assert.equal(fs.length, 2, 'two lab frames');
    for (const f of fs) {
      await f.waitForFunction(() => Number(document.getElementById('stat-step')?.dataset.value) > 50, null, { timeout: 60_000 });
    }
    const seeds = [];
    for (const f of fs) seeds.push(JSON.parse(await f.inputValue('#spec')).seed);
    assert.deepEqual(seeds.sort((a, b) => a - b), [7, 11], 'each instance runs its own spec');
    const racersA = await Promise.all(fs.map((f) => f.locator('#racers .racer').count()));
    assert.deepEqual(racersA.sort(), [1, 2], 'inline JSON brought a second racer to one instance only');
    const ja = await Promise.all(fs.map((f) => f.evaluate(() => document.documentElement.lang)));
    assert.deepEqual(ja.sort(), ['en', 'ja'], 'lang attribute honoured per instance');
    // Pausing one leaves the other running.
    assert.equal(await fs[0].evaluate(() => document.body.dataset.state), 'playing');
    await fs[0].click('#play');
    await waitState(fs[0], ['paused', 'finished']);
    const a0 = await stats(fs[1]);
    await page.waitForTimeout(400);
    const a1 = await stats(fs[1]);
    if ((await fs[1].evaluate(() => document.body.dataset.state)) === 'playing') assert.ok(a1.step > a0.step, 'the other instance keeps going');
    await page.screenshot({ path: join(outputDir, 'embed-two-instances.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('copy embed code gives a working <opt-lab> snippet; the iframe form works too', async () => {
  const { page, context, problems } = await openPage(env);
  try {
    await page.click('#copy-embed');
    const code = await page.evaluate(() => document.getElementById('copy-embed').dataset.copied);
    assert.match(code, /<script src="[^"]*opt-lab\.js"><\/script>/);
    assert.match(code, /<opt-lab><script type="application\/json">\{"spec":/);
    const iframe = /<iframe src="([^"]+)"/.exec(code)[1];
    assert.match(iframe, /index\.html#spec=.*&embed=1/);
    // The snippet, pasted into a page of its own, runs.
    const c2 = await env.browser.newContext();
    const host = await c2.newPage();
    const p2 = [];
    host.on('pageerror', (e) => p2.push(`pageerror: ${e.message}`));
    host.on('console', (m) => { if (m.type() === 'error') p2.push(`console: ${m.text()}`); });
    await host.setContent(`<!doctype html><title>course page</title><body>${code}</body>`);
    await host.waitForFunction(() => document.querySelector('opt-lab')?.shadowRoot?.querySelector('iframe'));
    let f;
    for (let i = 0; i < 100 && !f; i++) { f = host.frames().find((x) => x.url().includes('embed=1')); if (!f) await host.waitForTimeout(100); }
    await waitState(f, ['ready']);
    assert.deepEqual(JSON.parse(await f.inputValue('#spec')), JSON.parse(await page.inputValue('#spec')));
    assert.equal(await f.locator('#spec').isVisible(), false, 'embedded: no JSON box');
    // Hostile attributes: markup, an unknown optimizer, NaN. The frame reports them and runs a
    // safe default; nothing is injected into the course page or the frame.
    const script = /<script src="([^"]*)"/.exec(code)[1];
    await host.setContent(`<!doctype html><title>course page</title><body><script src="${script}"></script>` +
      `<opt-lab spec='{"seed": 1, "optimizer": {"name": "<img src=x onerror=alert(1)>", "lr": NaN}}' ` +
      `racers='[{"name": "warp_drive"}]' lang='"><script>alert(2)</script>' height="NaN"></opt-lab></body>`);
    await host.waitForFunction(() => document.querySelector('opt-lab')?.shadowRoot?.querySelector('iframe'));
    let hf;
    for (let i = 0; i < 100 && !hf; i++) { hf = host.frames().find((x) => x.url().includes('embed=1')); if (!hf) await host.waitForTimeout(100); }
    await waitState(hf, ['ready']);
    const err = await errorBox(hf);
    assert.ok(err.visible && /optimizer/.test(err.text), `the frame names the bad field: ${err.text}`);
    assert.equal(err.children, 0);
    // The old-style racers attribute is the race [{}, {optimizer: …}] of the spec (docs/racing.md).
    assert.match(await hf.textContent('#warning'), /racers: the link's 2 racers were not raced, because the link's spec was rejected/);
    assert.equal(await hf.locator('img').count(), 0);
    assert.equal(await host.locator('img').count(), 0);
    assert.equal(await hf.evaluate(() => document.documentElement.lang), 'en', 'an unknown language falls back to English');
    await hf.click('#step');
    await hf.waitForFunction(() => document.getElementById('stat-step').dataset.value === '1');
    await host.screenshot({ path: join(outputDir, 'embed-hostile-attributes.png'), fullPage: true });
    await c2.close();
    assert.deepEqual(p2, []);
    // The iframe form on its own.
    const { page: fr, context: c3, problems: p3 } = await openPage(env, iframe.slice(iframe.indexOf('#')));
    assert.equal(await fr.evaluate(() => document.documentElement.classList.contains('embed')), true);
    await c3.close();
    assert.deepEqual(p3, []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the language switch (English ⇄ Japanese) and the keyboard controls', async () => {
  const { page, context, problems } = await openPage(env);
  try {
    assert.equal(await page.textContent('#play'), 'Play');
    await page.selectOption('#lang', 'ja');
    assert.equal(await page.textContent('#play'), '再生');
    assert.equal(await page.textContent('label[for="steps"]'), 'ステップ数');
    assert.match(await page.textContent('label[for="opt-lr"]'), /学習率/, 'hyperparameter names too');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ja');
    assert.match(await page.evaluate(() => location.hash), /&lang=ja/);
    await page.selectOption('#speed', '30');   // slow motion, so the run is still playing when we look
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '1');
    await page.keyboard.press('Space');
    await waitState(page, ['playing'], 10_000);
    assert.equal(await page.textContent('#play'), '一時停止');
    assert.equal(await page.textContent('#stat-state'), '訓練中…');
    await page.keyboard.press('Space');
    await waitState(page, ['paused'], 10_000);
    await page.screenshot({ path: join(outputDir, 'language-ja.png'), fullPage: true });
    await page.selectOption('#lang', 'en');
    assert.equal(await page.textContent('#play'), 'Play');
    assert.doesNotMatch(await page.evaluate(() => location.hash), /lang=/);
    assert.match(await page.evaluate(() => location.hash), /&speed=30/, 'the speed is in the link too');
    // Every control, including generated racer controls, is labelled.
    await page.click('#add-racer');
    await page.waitForFunction(() => document.querySelectorAll('#racers .racer').length === 2);
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
      .filter((e) => !e.labels || e.labels.length === 0).map((e) => e.id || e.outerHTML.slice(0, 60)));
    assert.deepEqual(unlabelled, []);
    const unnamedButtons = await page.evaluate(() => [...document.querySelectorAll('button')]
      .filter((b) => !(b.getAttribute('aria-label') || b.textContent.trim())).map((b) => b.outerHTML.slice(0, 60)));
    assert.deepEqual(unnamedButtons, []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('exports: curves as CSV and JSON, plots as PNG', async () => {
  const { page: p0, context: c0 } = await openPage(env);
  const spec = { ...JSON.parse(await p0.inputValue('#spec')), steps: 100 };
  await c0.close();
  const { page, context, problems } = await openRaw(env, 'index.html#spec=' + encodeURIComponent(JSON.stringify(spec)) + '&racers=' + encodeURIComponent('[{"name":"sgd","lr":0.05}]'));
  try {
    await waitState(page, ['ready']);
    await page.click('#play');
    await waitState(page, ['finished']);
    const grab = async (id) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
      return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
    };
    const csv = await grab('#export-csv');
    assert.match(csv.name, /\.csv$/);
    const lines = csv.bytes.toString('utf8').trim().split('\n');
    assert.match(lines[0], /^racer,optimizer,time_ms,step,/);
    assert.equal(lines.length, 1 + 2 * 11, 'header + 11 logged rows (steps 0..100 every 10) per racer');
    const json = JSON.parse((await grab('#export-json')).bytes.toString('utf8'));
    assert.equal(json.racers.length, 2);
    assert.deepEqual(json.spec, spec.steps === json.spec.steps ? json.spec : null);
    const png = await grab('#export-png');
    assert.match(png.name, /\.png$/);
    assert.deepEqual([...png.bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a PNG file');
    assert.ok(png.bytes.length > 10_000, `PNG has content (${png.bytes.length} bytes)`);
    writeFileSync(join(outputDir, 'export-plots.png'), png.bytes);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('hostile links: unknown optimizer, NaN, huge sizes and markup get a clear message and a safe default', async () => {
  const { page: p0, context: c0 } = await openPage(env);
  const good = JSON.parse(await p0.inputValue('#spec'));
  await c0.close();
  const evil = '<img src=x onerror="document.title=\'pwned\'">';
  const cases = [
    ['huge network', { ...good, network: { ...good.network, layers: [{ units: 1e9, activation: 'tanh' }] } }, null, /network\.layers/],
    ['huge step count', { ...good, steps: 1e15 }, null, /steps/],
    ['markup as optimizer', { ...good, optimizer: { name: evil, lr: 0.1 } }, null, /optimizer/],
    ['markup as a key', { ...good, [evil]: 1 }, null, /img|unknown|not allowed/i],
  ];
  for (const [what, spec, racers, field] of cases) {
    const hash = '#spec=' + encodeURIComponent(JSON.stringify(spec)) + (racers ? '&racers=' + encodeURIComponent(racers) : '');
    const { page, context, problems } = await openPage(env, hash);
    try {
      const e = await errorBox(page);
      assert.ok(e.visible, `${what}: message shown`);
      assert.match(e.text, field, `${what}: names the field (${e.text})`);
      assert.equal(e.children, 0, `${what}: text only`);
      assert.equal(await page.locator('img').count(), 0, `${what}: no injected markup`);
      assert.notEqual(await page.title(), 'pwned');
      assert.equal(await waitState(page, ['ready']), 'ready', `${what}: a safe default runs`);
      await page.click('#step');
      await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '1');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
  // Bad racers in a link: the good ones race, the bad ones are not raced, with an error naming the link's field.
  const racers = `[{"name":"${'<b>x</b>'}","lr":0.1},{"name":"sgd","lr":NaN},{"name":"sgd","lr":0.05},"junk"]`;
  const { page, context, problems } = await openPage(env, '#spec=' + encodeURIComponent(JSON.stringify(good)) + '&racers=' + encodeURIComponent(racers));
  try {
    const w = await page.evaluate(() => { const e = document.getElementById('error'); return { hidden: e.hidden, text: e.textContent, children: e.children.length }; });
    assert.equal(w.hidden, false);
    assert.match(w.text, /racers\[0\]\.name: .*racer 2 not raced/);
    assert.match(w.text, /racers\[1\]\.lr: .*racer 3 not raced/);
    assert.match(w.text, /racers\[3\]: .*\(racer 5 not raced\)/);
    assert.equal(w.children, 0);
    assert.equal(await page.locator('b').count(), 0);
    await page.waitForFunction(() => document.querySelectorAll('#racers .racer').length === 2);
    // Not JSON at all, and more than eight racers.
    await page.evaluate((s) => { location.hash = '#spec=' + encodeURIComponent(JSON.stringify(s)) + '&racers=' + encodeURIComponent('[{"name":"sgd","lr":0.1}'); }, { ...good, seed: 99 });
    await page.waitForFunction(() => /not a JSON list/.test(document.getElementById('error').textContent));
    const many = Array.from({ length: 12 }, (_, i) => ({ name: 'sgd', lr: 0.01 * (i + 1) }));
    await page.evaluate(([s, r]) => { location.hash = '#spec=' + encodeURIComponent(JSON.stringify(s)) + '&racers=' + encodeURIComponent(JSON.stringify(r)); }, [{ ...good, seed: 98 }, many]);
    await page.waitForFunction(() => /at most 8/.test(document.getElementById('error').textContent));
    await page.waitForFunction(() => document.querySelectorAll('#racers .racer').length === 8);
    assert.ok(await page.locator('#add-racer').isDisabled());
    await page.screenshot({ path: join(outputDir, 'hostile-link.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('what ships: wasm + JS under 920 KB gzipped, under 820 KB without math.js (formula.js, fetched only for a formula), KaTeX fonts as woff2 only, relative URLs only', async () => {
  const dist = buildDist();
  try {
    const dir = join(dist.serveRoot, dist.subpath);
    const files = readdirSync(dir, { recursive: true }).filter((f) => statSync(join(dir, f)).isFile());
    const sizes = {};
    for (const f of files) {
      const b = readFileSync(join(dir, f));
      sizes[f] = { bytes: b.length, gzip: gzipSync(b, { level: 9 }).length };
    }
    const code = files.filter((f) => /\.(js|wasm)$/.test(f));
    const codeGz = code.reduce((a, f) => a + sizes[f].gzip, 0);
    const allGz = files.reduce((a, f) => a + sizes[f].gzip, 0);
    const fonts = files.filter((f) => f.startsWith('fonts'));
    // What the page and its workers load by static imports (import … from "./x.js"), from main.js,
    // worker.js and lane.js, plus the wasm binary: everything a page without a formula fetches.
    const statics = new Set(['main.js', 'worker.js', 'lane.js', 'optlab_web.wasm']);
    for (const f of statics) {
      if (!f.endsWith('.js')) continue;
      for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g)) statics.add(m[1]);
    }
    const firstGz = [...statics].reduce((a, f) => a + sizes[f].gzip, 0);
    console.log(`# shipped: wasm+JS ${(codeGz / 1024).toFixed(1)} KiB gzipped (${(firstGz / 1024).toFixed(1)} KiB without formula.js); everything ${(allGz / 1024).toFixed(1)} KiB gzipped`);
    writeFileSync(join(outputDir, 'dist-sizes.json'), JSON.stringify({ codeGzipBytes: codeGz, staticGzipBytes: firstGz, allGzipBytes: allGz, files: sizes }, null, 2));
    // math.js (formula surfaces) is its own file, formula.js, that only import() asks for (wasm/formula-loader.js).
    assert.ok(files.includes('formula.js') && !statics.has('formula.js'), `formula.js is loaded on demand only: ${[...statics]}`);
    assert.ok(sizes['formula.js'].gzip > 50 * 1024, 'formula.js holds math.js');
    // Budgets of every wasm + JS file in dist/ (codeGz) and of what a page without a formula
    // fetches (firstGz). History: 1100 KB since math.js (formula surfaces), papaparse (CSV) and the
    // digits data set shipped (about 975 KB measured); 1200 KB when the sixth session's lesson views,
    // seeds and epochs views and changes timeline brought it to 1100.1 KB (63ba86b). Then math.js
    // (99.5 KB gzipped, in each of main.js, worker.js and lane.js until then) became formula.js,
    // fetched only for a formula, in one split build (web/build.mjs): 902.1 KB in all, 801.5 KB
    // without formula.js (seventh session). Raise a budget only with the measurement that needs it.
    assert.ok(codeGz < 920 * 1024, `wasm + JS gzipped ${codeGz} < 920 KB`);
    assert.ok(firstGz < 820 * 1024, `wasm + JS without formula.js gzipped ${firstGz} < 820 KB`);
    assert.ok(fonts.length > 0 && fonts.every((f) => f.endsWith('.woff2')), `fonts: ${fonts}`);
    for (const f of files.filter((x) => /\.(html|css|js)$/.test(x))) {
      const text = readFileSync(join(dir, f), 'utf8');
      assert.doesNotMatch(text, /(src|href)=["']?(https?:)?\/\//, `${f}: no absolute URL in src/href`);
      assert.doesNotMatch(text, /url\((["']?)(https?:)?\/\//, `${f}: no absolute URL in CSS`);
      // Chunks import each other by "./x.js", next to the importing file (dist/ under any sub-path).
      assert.doesNotMatch(text, /(?:\bfrom|\bimport)\s*\(?\s*["'](?:\/|[a-z]+:)/, `${f}: no absolute import`);
    }
  } finally {
    if (dist.own) (await import('node:fs')).rmSync(dist.serveRoot, { recursive: true, force: true });
  }
});
