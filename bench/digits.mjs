// The digits benchmark (issue 14): the default digits experiment of docs/datasets.md — an MLP
// 64-32-10 (ReLU, softmax cross-entropy), Adam ε = 0.003, batch 32, 900 steps = 20 epochs, logging
// every 45 steps (each logged row evaluates the whole training and test set, as the page does) —
// trained by optlab's WebAssembly module (the page's worker runs the same module) and by
// TensorFlow.js 4.22's wasm backend on the SAME data: the standardized training and test split the
// core made (run.dataset()), with the test accuracy evaluated once per epoch like the page's log.
//
// A third row times the page itself: Chromium opens dist/index.html with the same spec at full
// speed (speed=1000000, autoplay), so the worker's chunking, the per-row evaluation, the charts and
// the confusion matrix are all in the time — the "one epoch per second in the page".
//
//   node bench/digits.mjs [--rounds N]       prints one JSON line per implementation and round
//
// bench/run.mjs runs it and writes its table into docs/benchmarks.md.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { loadOptlab } from '../wasm/optlab.js';
import { initTfjsWasm } from './tfjs.mjs';
import { mulberry32 } from '../scripts/lib/mulberry32.mjs';
import { setup as browserSetup, waitState } from '../tests/browser/helpers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const DIGITS_SPEC = {
  seed: 7, dataset: { name: 'digits' },
  network: { layers: [{ units: 32, activation: 'relu' }] },
  optimizer: { name: 'adam', lr: 0.003 }, batch_size: 32, steps: 900, log_every: 45,
};

const now = () => performance.now() / 1000;

// The page (Chromium, headless): seconds from navigation start to "finished" (stamped in the page by
// a MutationObserver on body[data-state], so polling does not blur it). That includes loading the
// page and compiling the wasm module — a conservative figure: the worker may start the run before the
// page shows "ready", so no later start mark is honest. Also returned: the epoch
// count and test accuracy the page's own status shows (data-value of #stat-epoch, #stat-test-acc).
async function pageRun(env) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 960 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await context.addInitScript(() => {
    window.__stateTimes = [];
    new MutationObserver(() => window.__stateTimes.push([document.body.dataset.state, performance.now()]))
      .observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
  });
  try {
    await page.goto(`${env.base}index.html#spec=${encodeURIComponent(JSON.stringify(DIGITS_SPEC))}&speed=1000000&autoplay=1`);
    await waitState(page, ['finished', 'diverged', 'error'], 600_000);
    const shown = await page.evaluate(() => ({
      state: document.body.dataset.state,
      times: window.__stateTimes,
      epochs: Number(document.getElementById('stat-epoch').dataset.value),
      acc: Number(document.getElementById('stat-test-acc').dataset.value),
    }));
    const start = 0, end = shown.times.findLast(([s]) => s === 'finished')?.[1];
    if (shown.state !== 'finished' || errors.length || end === undefined) {
      throw new Error(`the page did not play the digits run to its end (${shown.state}; ${errors.join('; ')})`);
    }
    return { seconds: (end - start) / 1000, epochs: shown.epochs, test_accuracy: shown.acc };
  } finally {
    await context.close();
  }
}

// optlab (wasm): the whole run as the page's worker does it, in chunks of 45 steps.
function optlabRun(lab) {
  const run = lab.createRun(JSON.stringify(DIGITS_SPEC));
  const t0 = now();
  while (!run.done) run.step(45);
  const seconds = now() - t0;
  const summary = JSON.parse(run.summaryLine());
  const data = run.dataset();
  run.delete();
  return { seconds, epochs: summary.epochs, test_accuracy: summary.test_accuracy, data };
}

// TF.js wasm: the same network, optimizer, batch size, epochs and shuffling per epoch, on the same
// split; Glorot-uniform weights, zero biases (optlab's defaults); test accuracy read back per epoch.
function tfjsRun(data, seed) {
  const rand = mulberry32(seed);
  const sizes = [data.dim, 32, data.classes];
  const vars = [];
  for (let l = 0; l + 1 < sizes.length; ++l) {
    const limit = Math.sqrt(6 / (sizes[l] + sizes[l + 1]));
    const w = new Float32Array(sizes[l] * sizes[l + 1]).map(() => (2 * rand() - 1) * limit);
    vars.push({ W: tf.variable(tf.tensor2d(w, [sizes[l], sizes[l + 1]])), b: tf.variable(tf.zeros([sizes[l + 1]])) });
  }
  const n = data.trainY.length, B = DIGITS_SPEC.batch_size;
  const xTrain = tf.tensor2d(data.trainX, [n, data.dim]);
  const yTrain = tf.oneHot(tf.tensor1d(data.trainY, 'int32'), data.classes).toFloat();
  const xTest = tf.tensor2d(data.testX, [data.testY.length, data.dim]);
  const forward = (x) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, vars[0].W), vars[0].b)), vars[1].W), vars[1].b);
  const opt = tf.train.adam(DIGITS_SPEC.optimizer.lr);
  const epochs = DIGITS_SPEC.steps * B / n;
  let acc = 0, steps = 0;
  const t0 = now();
  for (let e = 0; steps < DIGITS_SPEC.steps; ++e) {
    const order = tf.util.createShuffledIndices(n);
    for (let s = 0; s < n && steps < DIGITS_SPEC.steps; s += B, ++steps) {
      const idx = tf.tensor1d(Int32Array.from(order.slice(s, Math.min(n, s + B))), 'int32');
      const xb = tf.gather(xTrain, idx), yb = tf.gather(yTrain, idx);
      opt.minimize(() => tf.losses.softmaxCrossEntropy(yb, forward(xb)), false);
      tf.dispose([idx, xb, yb]);
    }
    const pred = tf.tidy(() => forward(xTest).argMax(1).dataSync());
    acc = pred.reduce((c, p, i) => c + (p === data.testY[i] ? 1 : 0), 0) / data.testY.length;
  }
  const seconds = now() - t0;
  tf.dispose([xTrain, yTrain, xTest, ...vars.flatMap((v) => [v.W, v.b])]);
  opt.dispose();
  return { seconds, epochs, test_accuracy: acc };
}

export async function digitsBench(rounds = 3) {
  const lab = await loadOptlab();
  await initTfjsWasm();
  const lines = [];
  // The page row needs dist/ (npm run bench builds it first) and Debian's chromium.
  process.env.OPTLAB_DIST ??= path.join(ROOT, 'dist');
  const env = await browserSetup();
  try {
    for (let r = 0; r < rounds; ++r) {
      const p = await pageRun(env);
      lines.push({ bench: 'digits', build: 'page', round: r, epochs: p.epochs, seconds: p.seconds, epochs_per_s: p.epochs / p.seconds, test_accuracy: p.test_accuracy });
    }
  } finally {
    await env.close();
  }
  for (let r = 0; r < rounds; ++r) {
    const o = optlabRun(lab);
    lines.push({ bench: 'digits', build: 'wasm', round: r, epochs: o.epochs, seconds: o.seconds, epochs_per_s: o.epochs / o.seconds, test_accuracy: o.test_accuracy });
    const t = tfjsRun(o.data, 1234 + r);
    lines.push({ bench: 'digits', build: 'tfjs-wasm', round: r, epochs: t.epochs, seconds: t.seconds, epochs_per_s: t.epochs / t.seconds, test_accuracy: t.test_accuracy });
  }
  return lines;
}

/** The markdown section of docs/benchmarks.md. */
export function digitsMarkdown(lines) {
  const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
  const names = { page: 'optlab in the page (Chromium, dist/index.html)', wasm: 'optlab wasm in Node (the page\'s module)', 'tfjs-wasm': 'TF.js 4.22 wasm+SIMD in Node' };
  const rows = Object.keys(names).filter((b) => lines.some((x) => x.build === b)).map((b) => {
    const l = lines.filter((x) => x.build === b);
    const eps = l.map((x) => x.epochs_per_s), acc = l.map((x) => x.test_accuracy);
    const name = names[b];
    return `| ${name} | ${med(eps).toFixed(1)} (${Math.min(...eps).toFixed(1)}–${Math.max(...eps).toFixed(1)}) | ${(100 * med(acc)).toFixed(1)} % (${(100 * Math.min(...acc)).toFixed(1)}–${(100 * Math.max(...acc)).toFixed(1)}) |`;
  });
  return [
    '## Digits (issue 14)',
    '',
    `The default digits experiment (docs/datasets.md): MLP 64-32-10, ReLU, softmax cross-entropy, Adam ε = 0.003, batch 32, 900 steps = 20 epochs of the 1,438 training images, logged every 45 steps (each logged row evaluates the whole training and test set, as in the page). The page row is the lab itself in headless Chromium at full speed with logging on (from navigation start to "finished": loading the page and compiling the wasm module, the run's chunks, charts and the confusion matrix all included, so a conservative figure). The Node rows: optlab's wasm module the page's worker runs, driven in chunks of 45 steps. TF.js: the same network, optimizer and batch size on the same standardized split (taken from the core), shuffled every epoch, test accuracy read back once per epoch. ${lines.filter((x) => x.build === 'wasm').length} rounds; median (range). Target: ≥ 1 epoch/s, ≥ 95 % test accuracy.`,
    '',
    '| implementation | epochs/s | test accuracy after 20 epochs |',
    '|---|---|---|',
    ...rows,
    '',
    `Load average when measured: ${os.loadavg().map((x) => x.toFixed(2)).join(', ')} (2 cores, a shared machine: absolute rates fall with load, the ratios hold within a run).`,
    '',
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--rounds');
  const rounds = i > 0 ? Math.max(1, Number(process.argv[i + 1]) || 3) : 3;
  digitsBench(rounds).then((lines) => {
    for (const l of lines) process.stdout.write(`${JSON.stringify(l)}\n`);
    process.stderr.write(`${digitsMarkdown(lines)}\n`);
  }).catch((e) => { process.stderr.write(`digits bench: ${e.stack ?? e}\n`); process.exit(1); });
}
