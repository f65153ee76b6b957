// Shared setup for the browser tests: a fresh build of the page, a static server, Debian's chromium.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const outputDir = join(root, 'test-output', 'browser');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
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
// leave the server's origin.
export async function openPage(env, hash = '') {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 960 } });
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
export async function openRaw(env, path, options = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 960 }, acceptDownloads: true, ...options });
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
