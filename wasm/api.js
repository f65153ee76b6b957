// The hand-written JavaScript API over the raw Embind module (see docs/wasm-api.md). Works the
// same in Node and in a browser worker; the loaders (optlab.js for Node, optlab-web.js for the
// browser) only differ in how they instantiate the module.
//
// Views on the wasm heap are copied before they are returned, because growing memory detaches
// old views (the lesson of tfjs-backend-wasm).

import { formulasOf, formulaModule, formulaUnavailable, FormulaError } from './formula-loader.js';

export class OptlabSpecError extends Error {
  constructor(field, message) {
    super(message);
    this.name = 'OptlabSpecError';
    this.field = field;
  }
}

// The core keeps the error of a handle's last call ({"ok": false, "field", "message"} JSON, or "");
// this turns it into a thrown Error (an OptlabSpecError for the spec, a plain Error naming the
// argument otherwise), so no call returns garbage or a bare number.
function check(handle, result) {
  const err = handle.takeError();
  if (!err) return result;
  const e = JSON.parse(err);
  if (e.field === 'run') throw new Error(e.message);
  throw new OptlabSpecError(e.field, e.message);
}

function specText(spec) {
  if (typeof spec === 'string') return spec;
  try {
    return JSON.stringify(spec);
  } catch (e) {
    return '{"__unserializable__": true}';
  }
}

const CURVATURE_COLUMNS = ['lambda_min', 'lambda_max', 'condition', 'negative_eigenvalues', 'gTg', 'gTHg',
  'ill_conditioning'];

class Run {
  #h;
  #columns;
  constructor(handle) {
    this.#h = handle;
    this.#columns = JSON.parse(handle.columns());
  }
  get columns() { return this.#columns.slice(); }
  get stepCount() { return this.#h.stepCount(); }
  get totalSteps() { return this.#h.totalSteps(); }
  get done() { return this.#h.done(); }
  get diverged() { return this.#h.diverged() || null; }
  get recordCount() { return this.#h.recordCount(); }
  get classes() { return this.#h.classes(); }
  get spec() { return JSON.parse(this.#h.spec()); }
  step(n = 1) { return check(this.#h, this.#h.advance(n)); }
  // A change now, before the next step (docs/racing.md): {"optimizer.lr": 0.05, "batch_size": 64}
  // (object or JSON text); the optimizer keeps its state and run.spec.changes records it. Throws an
  // OptlabSpecError naming the path ('optimizer.lr') when the change is refused (nothing changes then).
  applyChange(set) {
    this.#h.applyChange(specText(set));
    const err = this.#h.takeError();
    if (err) {
      const e = JSON.parse(err);
      throw new OptlabSpecError(e.field, e.message);
    }
  }
  // Rows from `fromRow` on (all by default), as a copy: rows × columns.length doubles.
  records(fromRow = 0) { return this.#h.recordsView().slice(fromRow * this.#columns.length); }
  // Per-layer signal statistics (trace.layers), or null when the spec does not trace layers.
  // `data` is a ZERO-COPY Float64Array on the wasm heap: read it right away (or slice() it) — the
  // next step() may grow memory and detach it; call layerStats() again for a fresh view.
  layerStats() {
    const data = this.#h.layerStatsView();
    if (!data) return null;
    const columns = JSON.parse(this.#h.layerStatsColumns());
    const stride = columns.length;
    return { columns, stride, layers: this.#h.layerCount(), rows: data.length / stride, bins: stride - 10, data };
  }
  // trace.curvature readouts, one Float64Array (a copy, one value per logged row from `fromRow`)
  // per quantity: lambda_min, lambda_max, condition, negative_eigenvalues, gTg, gTHg,
  // ill_conditioning (−ε gᵀg + ½ε² gᵀHg, eq. 8.10 of the book). null without trace.curvature.
  curvature(fromRow = 0) {
    const cols = this.#columns;
    if (!cols.includes('lambda_min')) return null;
    const all = this.#h.recordsView();
    const stride = cols.length, rows = all.length / stride - fromRow;
    const out = {};
    for (const name of CURVATURE_COLUMNS) {
      const c = cols.indexOf(name);
      const v = new Float64Array(Math.max(0, rows));
      for (let i = 0; i < rows; ++i) v[i] = all[(fromRow + i) * stride + c];
      out[name] = v;
    }
    return out;
  }
  // The JSON line of logged row `row` (an integer in [0, recordCount)); throws otherwise.
  jsonLine(row) { return check(this.#h, this.#h.jsonLine(Number(row))); }
  summaryLine() { return this.#h.summaryLine(); }
  // Lines after the last row and before the summary (a network run's "landscape"), as strings.
  finalLines() { return JSON.parse(check(this.#h, this.#h.finalLines())); }
  // The landscape (spec "landscape", docs/landscapes.md) in chunks, for a worker that must stay
  // responsive: landscapeBegin() → total points (0: none for this run), landscapeCompute(n) →
  // points done by this call, landscape() → {done, total, alpha, line_loss, axis, plane_loss,
  // trajectory: {step, a, b, off_plane}} (null before begin; unfinished points are null).
  landscapeBegin() { return check(this.#h, this.#h.landscapeBegin()); }
  landscapeCompute(n) { return check(this.#h, this.#h.landscapeCompute(Number(n))); }
  landscape() { return JSON.parse(this.#h.landscapeJson()); }
  params() { return this.#h.params(); }
  paramsTrace() { return this.#h.paramsTraceView().slice(); }
  // Test surfaces (2-D walks): whether this run has one, its oracle, f on a grid, f and ∇f at a point.
  hasSurface() { return typeof this.#h.hasSurface === 'function' && this.#h.hasSurface(); }
  surface() { return JSON.parse(check(this.#h, this.#h.surfaceInfo())); }
  // f on an nx × ny grid (sides integers in [1, 1024], finite axes with min < max; throws an Error
  // naming the bad argument), or null without a surface.
  surfaceGrid(xmin, xmax, ymin, ymax, nx, ny) {
    const v = check(this.#h, this.#h.surfaceGrid(+xmin, +xmax, +ymin, +ymax, +nx, +ny));
    return v ? v.slice() : null;
  }
  surfaceEval(x) {
    const v = check(this.#h, this.#h.surfaceEval(+x[0], +x[1]));
    if (!v) return null;
    const r = v.slice();
    return { f: r[0], g: r.subarray(1) };
  }
  // {name: Float32Array} copies of the optimizer's state vectors, laid out like params():
  // velocity, first_moment, second_moment, … (see docs/wasm-api.md), plus "average" when
  // optimizer.average is on. Read after step(); the C++ side hands out zero-copy views.
  optimizerState() {
    const views = this.#h.optimizerStateViews();
    const out = {};
    for (const name of Object.keys(views)) out[name] = views[name].slice();
    return out;
  }
  // null for runs without a dataset (test surfaces). classes 0: regression targets (the adding
  // problem, inline targets), whose trainY and testY are all 0.
  dataset() {
    const h = this.#h;
    if (h.dim() === 0) return null;
    return {
      dim: h.dim(), classes: h.classes(),
      trainX: h.trainX().slice(), trainY: h.trainY().slice(),
      testX: h.testX().slice(), testY: h.testY().slice(),
      // standardize: raw feature = input · scale + mean (empty arrays when the inputs are raw)
      mean: h.featureMean().slice(), scale: h.featureScale().slice(),
      // regression (classes 0): the test targets (Float32Array, test examples × outputs, row-major)
      // and their standardization (raw target = target · targetScale + targetMean; empty when off)
      testT: h.testTargets().slice(), targetMean: h.targetMean().slice(), targetScale: h.targetScale().slice(),
    };
  }
  // Regression data (classes 0): the network's output for every test example (Float32Array, test
  // examples × outputs, row-major, in the targets' units); empty for classes, null without a network.
  predictTestValues() {
    const v = check(this.#h, this.#h.predictTestValues());
    return v ? v.slice() : null;
  }
  // What the test-set view shows of the current θ: the predicted class of every test example
  // (predictTest), or for regression data the outputs (predictTestValues).
  testPredictions() { return this.classes === 0 ? this.predictTestValues() : this.predictTest(); }
  // The predicted class of every test example (Int32Array in testY's order), or null without a network.
  predictTest() {
    const v = check(this.#h, this.#h.predictTest());
    return v ? v.slice() : null;
  }
  // Class probabilities on an nx × ny grid (as surfaceGrid checks its arguments), or null for a
  // run without a network.
  predictGrid(xmin, xmax, ymin, ymax, nx, ny) {
    const v = check(this.#h, this.#h.predictGrid(+xmin, +xmax, +ymin, +ymax, +nx, +ny));
    return v ? v.slice() : null;
  }
  // Weight-space symmetry of the current θ (book §8.2.2; docs/staged-training.md): the training loss
  // of θ, of θ with its hidden units randomly permuted by `seed` (signs flipped where the activation
  // is odd) and of its canonical form, with both permutations and canonical_params; null for a
  // surface run. Throws for a network with normalization layers.
  symmetry(seed = 0) {
    const t = check(this.#h, this.#h.symmetry(+seed));
    return t ? JSON.parse(t) : null;
  }
  delete() {
    if (this.#h) { this.#h.delete(); this.#h = null; }
  }
}

// Formula surfaces (wasm/formula.js): parses and differentiates every problem.f of the spec (and of
// its racers) and registers the programs with the core, which then reads the spec like any other.
// math.js must have been loaded (wasm/formula-loader.js prepareFormulas; the Node loader does it).
// Returns null, or {field, message} for the first formula that does not compile — or that cannot,
// because math.js has not loaded (the message says why).
function registerFormulas(Module, spec) {
  const formulas = formulasOf(spec);   // a non-string f: the core names the type error
  if (formulas.length === 0) return null;
  const formula = formulaModule();
  if (!formula) return { field: `${formulas[0].path}.f`, message: formulaUnavailable(formulas[0].path) };
  for (const { path, f } of formulas) {
    let programs;
    try {
      programs = formula.compileFormula(f);
    } catch (e) {
      if (e instanceof FormulaError) return { field: `${path}.f`, message: `${path}.f: ${e.message}` };
      throw e;
    }
    const err = Module.registerFormula(f, JSON.stringify(programs));
    if (err) {
      const j = JSON.parse(err);
      return { field: `${path}.f`, message: j.message };
    }
  }
  return null;
}

export function makeLab(Module) {
  return {
    version: '0.1.0',
    simdBackend: Module.simdBackend(),
    setSimdEnabled: (on) => Module.setSimdEnabled(!!on),
    defaultSpec: () => JSON.parse(Module.defaultSpec()),
    optimizers: () => JSON.parse(Module.optimizerNames()),
    // The core's catalog (docs/catalog.md): every name, option, default and range of the spec.
    catalog: () => JSON.parse(Module.catalogJson()),
    // The same as JSON text, byte for byte what `optlab_native catalog` prints.
    catalogText: () => Module.catalogJson(),
    validate(spec) {
      const bad = registerFormulas(Module, spec);
      if (bad) return { ok: false, ...bad };
      const r = JSON.parse(Module.validate(specText(spec)));
      return r.ok ? { ok: true, spec: r.spec } : { ok: false, field: r.field, message: r.message };
    },
    // A race's racers (docs/racing.md): {ok: true, racers: [{index, label, spec}]} with each racer's
    // complete spec, or {ok: false, field, message} naming e.g. racers[2].batch_size. A spec without
    // "racers" gives itself as racer 0 with label "".
    expandRace(spec) {
      const bad = registerFormulas(Module, spec);
      if (bad) return { ok: false, ...bad };
      const r = JSON.parse(Module.expandRace(specText(spec)));
      return r.ok ? { ok: true, racers: r.racers } : { ok: false, field: r.field, message: r.message };
    },
    expandRaceText(text) {
      const bad = registerFormulas(Module, String(text));
      return bad ? JSON.stringify({ ok: false, ...bad }) : Module.expandRace(String(text));
    },
    // A runner's line of racer `index`: {"racer": index, "label": label, …the line's fields}.
    racerLine: (line, index, label) => Module.racerLine(String(line), Number(index), String(label)),
    // The core's validation result as JSON text (what `optlab_native validate` prints per line).
    validateText(text) {
      const bad = registerFormulas(Module, String(text));
      return bad ? JSON.stringify({ ok: false, ...bad }) : Module.validate(String(text));
    },
    // A formula's derivatives as math.js writes them ({gradient: [∂f/∂x, ∂f/∂y], hessian: [xx, xy,
    // yy]}, text), for the page to show; throws an OptlabSpecError naming problem.f.
    formulaDerivatives(f) {
      const formula = formulaModule();
      if (!formula) throw new OptlabSpecError('problem.f', formulaUnavailable('problem'));
      try {
        return formula.compileFormula(f).text;
      } catch (e) {
        if (e instanceof FormulaError) throw new OptlabSpecError('problem.f', `problem.f: ${e.message}`);
        throw e;
      }
    },
    // The minibatch gradient's standard error for m = 1…256 at the spec's θ₀ (core/run/gradient_noise.hpp):
    // the JSON lines the native runner's gradient-noise command prints (text). Throws OptlabSpecError.
    gradientNoise(spec) {
      const r = JSON.parse(Module.gradientNoise(specText(spec)));
      if (!r.ok) throw new OptlabSpecError(r.field, r.message);
      return r.lines;
    },
    createRun(spec) {
      const bad = registerFormulas(Module, spec);
      if (bad) throw new OptlabSpecError(bad.field, bad.message);
      const handle = new Module.RunHandle(specText(spec));
      const err = handle.takeError();
      if (err) {
        handle.delete();
        const e = JSON.parse(err);
        throw new OptlabSpecError(e.field, e.message);
      }
      return new Run(handle);
    },
  };
}
