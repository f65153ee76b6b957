// Shared setup for the browser tests: a fresh build of the page, a static server, Debian's chromium.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const outputDir = join(root, 'test-output', 'browser');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'];

// OPTLAB_DIST=<dir> serves an existing build; otherwise each test file builds its own copy (test
// files run in parallel processes, and `npm run build` may rewrite dist/ meanwhile). The own copy
// is served from a sub-path (/course/optlab/), as an instructor's site would host it.
const SUBPATH = 'course/optlab/';
export function buildDist() {
  if (process.env.OPTLAB_DIST) return { serveRoot: resolve(process.env.OPTLAB_DIST), subpath: '', own: false };
  const serveRoot = mkdtempSync(join(tmpdir(), 'optlab-dist-'));
  const out = join(serveRoot, SUBPATH);
  const args = [join(root, 'web', 'build.mjs'), `--outdir=${out}`];
  execFileSync(process.execPath, args, { stdio: 'inherit' });
  return { serveRoot, subpath: SUBPATH, own: true };
}

export async function setup() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium); tests never download a browser`);
  mkdirSync(outputDir, { recursive: true });
  const dist = buildDist();
  const server = await startServer({ root: dist.serveRoot, port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  const base = (server.url.endsWith('/') ? server.url : server.url + '/') + dist.subpath;
  return {
    base,
    browser,
    async close() {
      await browser.close();
      await server.close();
      if (dist.own) rmSync(dist.serveRoot, { recursive: true, force: true });
    },
  };
}

// A page that records console errors, uncaught exceptions, failed requests and requests that
// leave the server's origin. options: viewport; prepare(context), awaited before the page opens
// (init scripts, permissions).
export async function openPage(env, hash = '', { viewport = { width: 1280, height: 960 }, prepare } = {}) {
  const context = await env.browser.newContext({ viewport });
  if (prepare) await prepare(context);
  const page = await context.newPage();
  const problems = [];
  const origin = new URL(env.base).origin;
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`foreign request: ${u}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(env.base + 'index.html' + hash);
  await waitState(page, ['ready', 'paused', 'finished', 'diverged', 'error'], 60_000);
  return { page, context, problems };
}

export async function waitState(page, states, timeout = 180_000) {
  await page.waitForFunction((s) => s.includes(document.body.dataset.state), states, { timeout });
  return page.evaluate(() => document.body.dataset.state);
}

export async function stats(page) {
  return page.evaluate(() => {
    const v = (id) => document.getElementById(id).dataset.value;
    return {
      step: Number(v('stat-step')),
      epoch: Number(v('stat-epoch')),
      loss: Number(v('stat-loss')),
      testLoss: Number(v('stat-test-loss')),
      testAcc: Number(v('stat-test-acc')),
    };
  });
}

export async function errorBox(page) {
  return page.evaluate(() => {
    const e = document.getElementById('error');
    const r = e.getBoundingClientRect();
    return { visible: !e.hidden && r.width > 0 && r.height > 0, text: e.textContent, role: e.getAttribute('role'), children: e.children.length };
  });
}

// Trains from the current state to the end (Play, wait) and returns the final numbers.
export async function trainToEnd(page, timeout = 180_000) {
  await page.click('#play');
  const s = await waitState(page, ['finished', 'diverged'], timeout);
  return { state: s, ...(await stats(page)) };
}

// Like openPage, for any page of the build (the embed example, say); waits for nothing.
// options: the browser context's options, and prepare(context), awaited before the page opens.
export async function openRaw(env, path, { prepare, ...options } = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 960 }, acceptDownloads: true, ...options });
  if (prepare) await prepare(context);
  const page = await context.newPage();
  const problems = [];
  const origin = new URL(env.base).origin;
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`foreign request: ${u}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(env.base + path);
  return { page, context, problems };
}

// Every racer's latest numbers, from the legend (data-value: loss or f; data-acc; data-step).
export async function racerStats(page) {
  return page.evaluate(() => [...document.querySelectorAll('#legend .legend-item')].map((e) => ({
    racer: Number(e.dataset.racer), value: Number(e.dataset.value), acc: e.dataset.acc === undefined ? null : Number(e.dataset.acc),
    step: Number(e.dataset.step),
  })));
}

// The curves the page holds, through its own "Curves as JSON" export (a download).
export async function exportedJson(page) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const path = await dl.path();
  const { readFileSync } = await import('node:fs');
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

// A link to the page: #spec=…[&racers=…] plus any extra flags ("&speed=30").
export const linkFor = (spec, racers, extra = '') =>
  '#spec=' + encodeURIComponent(JSON.stringify(spec)) + (racers ? '&racers=' + encodeURIComponent(JSON.stringify(racers)) : '') + extra;

// What the address bar holds: {raw, spec, racers, params} (spec/racers parsed when they are JSON).
// racers: an old link's racers= list as it is; else, from the spec's race, the optimizer object of
// each racer after the first whose patch sets one (nulls, which remove the base's options, left
// out), so tests of optimizer races read the link either way.
export async function addressState(page) {
  const raw = await page.evaluate(() => location.hash);
  const params = {};
  for (const part of raw.replace(/^#/, '').split('&')) {
    const i = part.indexOf('=');
    if (i > 0 && !(part.slice(0, i) in params)) params[part.slice(0, i)] = decodeURIComponent(part.slice(i + 1));
  }
  const json = (t) => { try { return JSON.parse(t); } catch { return undefined; } };
  const spec = json(params.spec);
  const fromSpec = () => (Array.isArray(spec?.racers) ? spec.racers.slice(1).map((r) => (r?.optimizer
    ? Object.fromEntries(Object.entries(r.optimizer).filter(([, v]) => v !== null)) : r)) : []);
  return { raw, params, spec, racers: params.racers === undefined ? fromSpec() : json(params.racers) };
}

// The experiment spec the JSON box shows, parsed.
export async function boxSpec(page) {
  return JSON.parse(await page.inputValue('#spec'));
}

// Text the charts draw. uPlot draws tick labels and axis titles on its canvas, so a test that asks
// "what does the axis say" records fillText per canvas (reset by a whole-canvas clearRect, which
// starts every redraw). Call on a context before its pages open; read with chartText().
export async function recordCanvasText(context) {
  await context.addInitScript(() => {
    const texts = new WeakMap();
    const P = CanvasRenderingContext2D.prototype;
    const fillText = P.fillText, clearRect = P.clearRect;
    P.fillText = function (text, x, y, ...rest) {
      let list = texts.get(this.canvas);
      if (!list) texts.set(this.canvas, (list = []));
      const m = this.getTransform();
      list.push({ text: String(text), align: this.textAlign, baseline: this.textBaseline, rotated: Math.abs(m.b) > 1e-9 });
      return fillText.call(this, text, x, y, ...rest);
    };
    P.clearRect = function (x, y, w, h) {
      if (x <= 0 && y <= 0 && w >= this.canvas.width && h >= this.canvas.height) texts.set(this.canvas, []);
      return clearRect.call(this, x, y, w, h);
    };
    window.__optlabCanvasText = (canvas) => texts.get(canvas) ?? [];
  });
}

// The last drawing of a chart (#loss-chart, #grad-chart, …): its y tick labels (unrotated, centred
// vertically on the tick), x tick labels (unrotated, hanging below the axis; the x title excluded
// when it is not a number), and the rotated y-axis title.
export async function chartText(page, id) {
  return page.evaluate((sel) => {
    const canvas = document.querySelector(`${sel} canvas`);
    const list = canvas ? window.__optlabCanvasText(canvas) : [];
    return {
      yTicks: list.filter((t) => !t.rotated && t.baseline === 'middle' && t.text.trim() !== '').map((t) => t.text),
      xTicks: list.filter((t) => !t.rotated && t.baseline === 'top' && t.text.trim() !== '' && !Number.isNaN(Number(t.text.replace(/[,\s]/g, '')))).map((t) => t.text),
      yTitle: list.filter((t) => t.rotated).map((t) => t.text).join(' '),
    };
  }, id);
}

// Opens a page (openPage), runs fn({page, context, problems}), then checks that nothing went wrong
// in the page (no error, failed or foreign request) and closes it. Returns what fn returns.
export async function withPage(env, hash, fn, options) {
  const p = await openPage(env, hash, options);
  try {
    const out = await fn(p);
    assert.deepEqual(p.problems, [], 'no page error, failed or foreign request');
    return out;
  } finally {
    await p.context.close();
  }
}

// The spec the page starts with when no link gives one (the core's default experiment).
export function defaultSpec(env) {
  return withPage(env, '', ({ page }) => boxSpec(page));
}

// The Node runner's params trace for a spec (surface walks): one θ per logged row.
export function nodeParamsTrace(spec) {
  const dir = mkdtempSync(join(tmpdir(), 'optlab-spec-'));
  try {
    const file = join(dir, 'spec.json');
    writeFileSync(file, JSON.stringify(spec));
    const out = execFileSync(process.execPath, [join(root, 'cli', 'optlab.mjs'), 'run', file], { encoding: 'utf8' });
    return out.trim().split('\n').map((l) => JSON.parse(l)).filter((j) => Array.isArray(j.params)).map((j) => j.params);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
