// DEVELOPMENT ONLY: a stand-in for wasm/optlab-web.js with the same API shape (docs/wasm-api.md), so
// the page can be worked on before the wasm build exists. `node web/build.mjs --fake` uses it;
// the shipped page never does. Numbers are made up (a deterministic decaying curve).
const DEFAULT = {
  seed: 7,
  dataset: { name: 'spiral', classes: 3, samples: 300, noise: 0.1, test_fraction: 0.2 },
  network: { layers: [{ units: 16, activation: 'tanh' }, { units: 16, activation: 'tanh' }], loss: 'softmax_cross_entropy' },
  optimizer: { name: 'sgd', lr: 0.1 },
  batch_size: 16, steps: 2000, log_every: 10, trace: { params: false },
};
const OPTS = ['sgd', 'momentum', 'nesterov', 'adam'];

function rng(seed) {
  let s = (seed >>> 0) || 1;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function validate(input) {
  let s = input;
  if (typeof s === 'string') {
    try { s = JSON.parse(s); } catch (e) { return { ok: false, field: '', message: `spec: not valid JSON (${e.message})` }; }
  }
  const bad = (field, message) => ({ ok: false, field, message: `${field}: ${message}` });
  const num = (v) => typeof v === 'number' && Number.isFinite(v);
  if (!num(s.optimizer?.lr)) return bad('optimizer.lr', `must be a finite number (got ${JSON.stringify(s.optimizer?.lr)})`);
  if (s.optimizer.lr <= 0) return bad('optimizer.lr', `must be > 0 (got ${s.optimizer.lr})`);
  if (!OPTS.includes(s.optimizer.name)) return bad('optimizer.name', `unknown optimizer '${s.optimizer.name}'`);
  if (!Number.isInteger(s.batch_size) || s.batch_size < 1) return bad('batch_size', `must be an integer >= 1 (got ${s.batch_size})`);
  return { ok: true, spec: structuredClone({ ...DEFAULT, ...s }) };
}

class FakeRun {
  constructor(spec) {
    this.spec = spec; this.stepCount = 0; this.totalSteps = spec.steps; this.rows = [];
    this.columns = ['step', 'epoch', 'loss', 'test_loss', 'train_acc', 'test_acc', 'batch_loss', 'grad_norm', 'lr'];
    const r = rng(spec.seed), n = spec.dataset.samples, K = spec.dataset.classes ?? 2;
    const X = new Float32Array(2 * n), Y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = i % K, t = r();
      const a = c * 2 * Math.PI / K + t * 4 + (r() - 0.5) * spec.dataset.noise * 4;
      X[2 * i] = t * Math.cos(a); X[2 * i + 1] = t * Math.sin(a); Y[i] = c;
    }
    const nt = Math.round(n * spec.dataset.test_fraction);
    this.data = { dim: 2, classes: K, trainX: X.slice(2 * nt), trainY: Y.slice(nt), testX: X.slice(0, 2 * nt), testY: Y.slice(0, nt) };
    this.log();
  }
  get done() { return this.stepCount >= this.totalSteps; }
  get diverged() { return this.spec.optimizer.lr > 5 && this.stepCount > 20 ? `loss became NaN at step 21 (lr ${this.spec.optimizer.lr} too large?)` : null; }
  get recordCount() { return this.rows.length; }
  log() {
    const s = this.stepCount, p = 1 - Math.exp(-s * this.spec.optimizer.lr / 40);
    this.rows.push([s, s * this.spec.batch_size / this.data.trainY.length, 1.1 * (1 - p) + 0.03, 1.1 * (1 - p) + 0.05, 0.33 + 0.66 * p, 0.33 + 0.65 * p, 1, 1, this.spec.optimizer.lr]);
  }
  step(n) {
    let k = 0;
    const t = performance.now();
    while (k < n && !this.done && !this.diverged) {
      this.stepCount++; k++;
      if (this.stepCount % this.spec.log_every === 0 || this.done) this.log();
    }
    while (performance.now() - t < k * 0.002);   // pretend to work
    return k;
  }
  records() { return new Float64Array(this.rows.flat()); }
  jsonLine(i) { return JSON.stringify(Object.fromEntries(this.columns.map((c, j) => [c, this.rows[i][j]]))); }
  summaryLine() { return this.jsonLine(this.rows.length - 1); }
  params() { return new Float32Array(10); }
  dataset() { return structuredClone(this.data); }
  predictGrid(x0, x1, y0, y1, nx, ny) {
    const K = this.data.classes, out = new Float32Array(nx * ny * K), sharp = 1 + this.stepCount / 100;
    for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
      const x = x0 + (x1 - x0) * i / (nx - 1), y = y0 + (y1 - y0) * j / (ny - 1);
      const a = Math.atan2(y, x) - 4 * Math.hypot(x, y);
      let z = 0; const e = [];
      for (let c = 0; c < K; c++) { e.push(Math.exp(sharp * Math.cos(a - c * 2 * Math.PI / K))); z += e[c]; }
      for (let c = 0; c < K; c++) out[(j * nx + i) * K + c] = e[c] / z;
    }
    return out;
  }
  delete() {}
}

export async function loadOptlab() {
  return {
    version: '0.0.0-fake',
    defaultSpec: () => structuredClone(DEFAULT),
    validate,
    createRun(spec) {
      const v = validate(spec);
      if (!v.ok) throw Object.assign(new Error(v.message), { field: v.field });
      return new FakeRun(v.spec);
    },
  };
}
