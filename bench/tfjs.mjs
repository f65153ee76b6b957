// The TensorFlow.js side of the training comparison: the networks of bench/nets.mjs trained with
// @tensorflow/tfjs 4.22 on @tensorflow/tfjs-backend-wasm (SIMD on, threads off, the .wasm files read
// from node_modules — no network). Written the fast way TF.js allows: variables, ops and
// optimizer.minimize() inside the step (no Keras layer bookkeeping), batches uploaded once up front,
// nothing read back per step.
//
//   node bench/tfjs.mjs [--optimizer adam|sgd] NET...     prints one JSON line per net
//
// The timing protocol is train_bench.cpp's: a 0.3 s warm-up that sizes a chunk of steps to ~10 ms,
// then the median rate of 5 timed batches of at least 0.2 s each.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { NETS } from './nets.mjs';
import { mulberry32 } from '../scripts/lib/mulberry32.mjs';   // the data is the same on every run

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function initTfjsWasm() {
  setWasmPaths(`${path.join(ROOT, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist')}${path.sep}`);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  tf.env().set('WASM_HAS_SIMD_SUPPORT', true);
  if (!(await tf.setBackend('wasm'))) throw new Error('TF.js wasm backend failed to initialize');
  await tf.ready();
}

function normals(n, rand) {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = Math.max(rand(), 1e-12), v = rand();
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) out[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

// Synthetic data like train_bench.cpp's: N(0,1) inputs; softmax nets get labels from a random
// linear teacher, the squared-error net ±1 targets from the sign of x·y (xor).
function makeBatches(net, rand) {
  const d = net.sizes[0], k = net.sizes.at(-1), n = net.examples, B = net.batch;
  const x = normals(n * d, rand);
  const y = new Float32Array(n * k);
  if (net.loss === 'softmax_cross_entropy') {
    const teacher = normals(k * d, rand);
    for (let i = 0; i < n; ++i) {
      let best = 0, bestV = -Infinity;
      for (let c = 0; c < k; ++c) {
        let s = 0;
        for (let j = 0; j < d; ++j) s += teacher[c * d + j] * x[i * d + j];
        if (s > bestV) { bestV = s; best = c; }
      }
      y[i * k + best] = 1;
    }
  } else {
    for (let i = 0; i < n; ++i) y[i] = x[i * d] * x[i * d + 1] > 0 ? 1 : -1;
  }
  const batches = [];
  for (let s = 0; s + B <= n; s += B)
    batches.push({ x: tf.tensor2d(x.subarray(s * d, (s + B) * d), [B, d]), y: tf.tensor2d(y.subarray(s * k, (s + B) * k), [B, k]) });
  return batches;
}

export function makeTrainer(netName, optimizer = 'adam', seed = 1234) {
  const net = NETS[netName];
  if (!net) throw new Error(`unknown net ${netName}`);
  const rand = mulberry32(seed);
  const vars = [];
  for (let l = 0; l + 1 < net.sizes.length; ++l) {
    const fanIn = net.sizes[l], fanOut = net.sizes[l + 1];
    const limit = Math.sqrt(6 / (fanIn + fanOut));  // Glorot uniform, as optlab's default
    const w = new Float32Array(fanIn * fanOut).map(() => (2 * rand() - 1) * limit);
    vars.push({ W: tf.variable(tf.tensor2d(w, [fanIn, fanOut])), b: tf.variable(tf.zeros([fanOut])) });
  }
  const batches = makeBatches(net, rand);
  const opt = optimizer === 'adam' ? tf.train.adam(1e-3) : tf.train.sgd(1e-3);
  const act = net.activation === 'relu' ? tf.relu : tf.tanh;
  let next = 0;
  const lossOf = (xb, yb) => () => {
    let h = xb;
    vars.forEach(({ W, b }, l) => {
      h = tf.add(tf.matMul(h, W), b);
      if (l + 1 < vars.length) h = act(h);
    });
    return net.loss === 'softmax_cross_entropy' ? tf.losses.softmaxCrossEntropy(yb, h) : tf.losses.meanSquaredError(yb, h);
  };
  return {
    advance(k) {
      for (let s = 0; s < k; ++s) {
        const { x, y } = batches[next];
        next = (next + 1) % batches.length;
        const cost = opt.minimize(lossOf(x, y), true);
        cost.dispose();
      }
    },
    // Waits for all work to finish (the wasm backend is synchronous; this is a cheap read-back).
    sync() { vars[0].b.dataSync(); },
    loss() {
      const { x, y } = batches[next];
      return tf.tidy(() => lossOf(x, y)().dataSync()[0]);
    },
  };
}

export function medianStepsPerSecond(trainer, { warmup = 0.3, repeats = 5, minSeconds = 0.2 } = {}) {
  const now = () => performance.now() / 1000;
  let k = 1;
  const t0 = now();
  for (;;) {
    const c0 = now();
    trainer.advance(k);
    trainer.sync();
    if (now() - c0 < 0.01) k *= 2;
    if (now() - t0 >= warmup) break;
  }
  const rates = [];
  for (let r = 0; r < repeats; ++r) {
    let steps = 0, s = 0;
    const c0 = now();
    do {
      trainer.advance(k);
      steps += k;
      trainer.sync();
      s = now() - c0;
    } while (s < minSeconds);
    rates.push(steps / s);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)];
}

async function main(argv) {
  let optimizer = 'adam';
  const nets = [];
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--optimizer') optimizer = argv[++i];
    else nets.push(argv[i]);
  }
  await initTfjsWasm();
  for (const name of nets.length ? nets : Object.keys(NETS)) {
    const trainer = makeTrainer(name, optimizer);
    const rate = medianStepsPerSecond(trainer);
    const line = {
      bench: 'train', net: name, optimizer, batch: NETS[name].batch, steps_per_s: rate,
      examples_per_s: rate * NETS[name].batch, final_loss: trainer.loss(), build: 'tfjs-wasm',
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e) => { process.stderr.write(`tfjs bench: ${e.stack ?? e}\n`); process.exit(1); });
}
