// The digits benchmark (issue 14): the default digits experiment of docs/datasets.md — an MLP
// 64-32-10 (ReLU, softmax cross-entropy), Adam ε = 0.003, batch 32, 900 steps = 20 epochs, logging
// every 45 steps (each logged row evaluates the whole training and test set, as the page does) —
// trained by optlab's WebAssembly module (the page's worker runs the same module) and by
// TensorFlow.js 4.22's wasm backend on the SAME data: the standardized training and test split the
// core made (run.dataset()), with the test accuracy evaluated once per epoch like the page's log.
//
//   node bench/digits.mjs [--rounds N]       prints one JSON line per implementation and round
//
// bench/run.mjs runs it and writes its table into docs/benchmarks.md.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { loadOptlab } from '../wasm/optlab.js';
import { initTfjsWasm } from './tfjs.mjs';
import { mulberry32 } from '../scripts/lib/mulberry32.mjs';

export const DIGITS_SPEC = {
  seed: 7, dataset: { name: 'digits' },
  network: { layers: [{ units: 32, activation: 'relu' }] },
  optimizer: { name: 'adam', lr: 0.003 }, batch_size: 32, steps: 900, log_every: 45,
};

const now = () => performance.now() / 1000;

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
  const rows = ['wasm', 'tfjs-wasm'].map((b) => {
    const l = lines.filter((x) => x.build === b);
    const eps = l.map((x) => x.epochs_per_s), acc = l.map((x) => x.test_accuracy);
    const name = b === 'wasm' ? 'optlab wasm (the page\'s module)' : 'TF.js 4.22 wasm+SIMD';
    return `| ${name} | ${med(eps).toFixed(1)} (${Math.min(...eps).toFixed(1)}–${Math.max(...eps).toFixed(1)}) | ${(100 * med(acc)).toFixed(1)} % (${(100 * Math.min(...acc)).toFixed(1)}–${(100 * Math.max(...acc)).toFixed(1)}) |`;
  });
  return [
    '## Digits (issue 14)',
    '',
    `The default digits experiment (docs/datasets.md): MLP 64-32-10, ReLU, softmax cross-entropy, Adam ε = 0.003, batch 32, 900 steps = 20 epochs of the 1,438 training images, logged every 45 steps (each logged row evaluates the whole training and test set, as in the page). optlab: the wasm module the page's worker runs, driven in Node in chunks of 45 steps. TF.js: the same network, optimizer and batch size on the same standardized split (taken from the core), shuffled every epoch, test accuracy read back once per epoch. ${lines.length / 2} rounds; median (range). Target: ≥ 1 epoch/s, ≥ 95 % test accuracy.`,
    '',
    '| implementation | epochs/s | test accuracy after 20 epochs |',
    '|---|---|---|',
    ...rows,
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
