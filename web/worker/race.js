// The race the worker runs: one Run per racer, all from the same spec but for `optimizer` (same
// seed: the same initial weights and minibatch order, or the same start point), stepped in
// lockstep. Owns the Runs (wasm objects: deleted when replaced). No DOM, no page code.
import { toPage } from '../protocol.js';

export const MAX_RACERS = 8;
const GRID = 64;              // heatmap resolution (GRID × GRID cells) of a small network
const GRID_WORK = 3e8;        // multiply-adds one heatmap may cost (cells × parameters): a heavy
                              // network gets a coarser grid, and beyond 8 × 8 cells none
const SURFACE_GRID = 160;     // contour map resolution of a 2-D surface
const MAX_TRACE_DIM = 16;     // θ trace sent to the page only for problems this small (surfaces)

const plainObject = (o) => o !== null && typeof o === 'object' && !Array.isArray(o);
const errorFields = (e) => ({ field: e?.field ?? '', message: e?.message ?? String(e) });

// A square, padded box around the data points, so the heatmap is not distorted.
function dataBounds(d) {
  let xmin = Infinity, xmax = -Infinity, ymin = Infinity, ymax = -Infinity;
  for (const X of [d.trainX, d.testX]) {
    for (let i = 0; i + 1 < X.length; i += d.dim) {
      const x = X[i], y = X[i + 1];
      if (x < xmin) xmin = x; if (x > xmax) xmax = x;
      if (y < ymin) ymin = y; if (y > ymax) ymax = y;
    }
  }
  if (!Number.isFinite(xmin)) return [-1, 1, -1, 1];
  const cx = (xmin + xmax) / 2, cy = (ymin + ymax) / 2;
  const half = Math.max(xmax - xmin, ymax - ymin, 1e-6) * 0.55;
  return [cx - half, cx + half, cy - half, cy + half];
}

export class Race {
  constructor(lab, post) {
    this.lab = lab;
    this.post = post;           // (message, transfer) => void
    this.racers = [];           // [{run, ms, times, sentRows, sentTrace, stepCol}]
    this.spec = null;           // racer 1's normalized spec
    this.extraOptimizers = [];  // normalized optimizer objects of racers 2..n
    this.bounds = null;
    this.isSurface = false;
    this.heatmapRacer = 0;
    this.gridMs = 0;            // how long the last heatmap took (a heavy net: computed less often)
    this.gridAt = 0;
    this.grid = GRID;           // cells per side of the heatmap of this race (0: none)
  }

  validate(input) {
    try { return this.lab.validate(input); } catch (e) { return { ok: false, ...errorFields(e) }; }
  }

  // Validate the base spec and every extra racer: {spec, extraOptimizers, linkProblems} or null
  // (after posting 'invalid'). lenient (links): a bad extra racer is dropped and reported in
  // linkProblems ({field: 'racers[i].lr', message}, i: its place in the link's list), so the link
  // still opens and the page can say which field of the link to correct.
  validateRace(input, extraInput, source, note, lenient) {
    const v = this.validate(input);
    if (!v.ok) {
      this.post(toPage.invalid({ field: v.field ?? '', message: v.message ?? 'invalid spec', note, source }));
      return null;
    }
    let list = Array.isArray(extraInput) ? extraInput : [];
    const problems = [];
    const problem = (field, message) => problems.push({ field, message: `${field}: ${message}` });
    if (extraInput != null && !Array.isArray(extraInput)) problem('racers', 'must be a list of optimizer objects; ignored');
    if (list.length > MAX_RACERS - 1) {
      problem('racers', `at most ${MAX_RACERS} optimizers race at once; kept the first ${MAX_RACERS}`);
      list = list.slice(0, MAX_RACERS - 1);
    }
    const out = [];
    for (let i = 0; i < list.length; i++) {
      const label = `racer ${i + 2}`;
      if (!plainObject(list[i])) { problem(`racers[${i}]`, `not an optimizer object (${label} not raced)`); continue; }
      const r = this.validate({ ...v.spec, optimizer: list[i] });
      if (!r.ok) {
        if (!lenient) {
          this.post(toPage.invalid({ field: `${label} ${r.field}`.trim(), message: `${label}: ${r.message}`, note, source }));
          return null;
        }
        // The validator names the field in the racer's spec ('optimizer.lr'); the link names it racers[i].lr.
        const field = /^optimizer(\.|$)/.test(r.field ?? '') ? `racers[${i}]${r.field.slice('optimizer'.length)}` : `racers[${i}]`;
        const cause = String(r.message ?? 'invalid').replace(/^optimizer[^:]*:\s*/, '');
        problem(field, `${cause} (${label} not raced)`);
        continue;
      }
      out.push(r.spec.optimizer);
    }
    if (problems.length && !lenient) this.post(toPage.warning(problems.map((q) => q.message).join('\n')));
    return { spec: v.spec, extraOptimizers: out, linkProblems: lenient ? problems : [] };
  }

  // Validate and start a race; on failure the old race keeps running. Returns success.
  start(input, extraInput, source, note = '', lenient = false) {
    const v = this.validateRace(input, extraInput, source, note, lenient);
    if (!v) return false;
    const next = [];
    try {
      next.push(this.makeRacer(v.spec));
      for (const o of v.extraOptimizers) next.push(this.makeRacer({ ...v.spec, optimizer: o }));
    } catch (e) {
      for (const r of next) r.run.delete();
      this.post(toPage.invalid({ ...errorFields(e), note, source }));
      return false;
    }
    for (const r of this.racers) r.run.delete();
    this.racers = next;
    this.spec = v.spec;
    this.extraOptimizers = v.extraOptimizers;
    if (this.heatmapRacer >= next.length) this.heatmapRacer = 0;
    this.gridMs = 0;
    const run = next[0].run;
    const side = Math.min(GRID, Math.floor(Math.sqrt(GRID_WORK / Math.max(1, run.params().length))));
    this.grid = side >= 8 ? side : 0;
    let d = null;
    try { d = run.dataset(); } catch { d = null; }   // runs without a dataset (test surfaces) have none
    this.isSurface = !d;
    this.bounds = d ? dataBounds(d) : [-1, 1, -1, 1];
    let surface = null;
    if (this.isSurface) {
      try { surface = this.surfaceInfo(run); } catch { surface = null; }
    }
    const transfer = d ? [d.trainX.buffer, d.trainY.buffer, d.testX.buffer, d.testY.buffer] : [];
    if (surface) transfer.push(surface.values.buffer);
    this.post(toPage.race({ spec: v.spec, extraOptimizers: v.extraOptimizers, columns: run.columns, data: d, surface, source, linkProblems: v.linkProblems }), transfer);
    return true;
  }

  restart() { return this.spec ? this.start(this.spec, this.extraOptimizers, 'reset') : false; }

  makeRacer(s) {
    const run = this.lab.createRun(s);
    // Rows logged before any step (step 0) cost no time.
    return { run, ms: 0, sentRows: 0, sentTrace: 0, stepCol: run.columns.indexOf('step'), times: new Array(run.recordCount).fill(0) };
  }

  surfaceInfo(run) {
    if (!run.hasSurface?.()) return null;
    const info = run.surface();
    if (!info || info.dim !== 2) return null;
    let box = info.box;
    if (!Array.isArray(box) || box.length !== 4 || !box.every(Number.isFinite) || !(box[1] > box[0]) || !(box[3] > box[2])) {
      const x0 = run.params();
      box = [x0[0] - 2, x0[0] + 2, x0[1] - 2, x0[1] + 2];
    }
    const values = run.surfaceGrid(box[0], box[1], box[2], box[3], SURFACE_GRID, SURFACE_GRID);
    return { box, nx: SURFACE_GRID, ny: SURFACE_GRID, values, minimizers: info.minimizers ?? [], minimum: info.minimum ?? null, name: info.name ?? '' };
  }

  get done() { return this.racers.every((r) => r.run.done); }
  get stepCount() { return this.racers[0]?.run.stepCount ?? 0; }

  // Lockstep: every unfinished racer is brought to the leader's step + n, one racer at a time;
  // past `deadline` (performance.now() ms) it stops between racers and the next call catches the
  // laggards up first, so a heavy network never holds the message loop for a whole round.
  // Returns the steps taken by the racer that took most.
  advance(n, deadline = Infinity) {
    const live = this.racers.filter((r) => !r.run.done);
    if (!live.length) return 0;
    const lead = Math.max(...live.map((r) => r.run.stepCount));
    const behind = live.some((r) => r.run.stepCount < lead);
    const goal = behind ? lead : lead + n;
    let most = 0;
    for (const r of live) {
      if (performance.now() > deadline && most > 0) break;
      const want = goal - r.run.stepCount;
      if (want <= 0) continue;
      const s0 = r.run.stepCount, t0 = performance.now();
      const did = r.run.step(want);
      const t1 = performance.now();
      const before = r.ms;
      r.ms += t1 - t0;
      this.stampTimes(r, s0, before, r.ms);
      if (did > most) most = did;
    }
    return most;
  }

  // Wall-clock time of rows logged since the last call: rows logged inside one step() share its
  // time in proportion to their step.
  stampTimes(r, s0, t0, t1) {
    const run = r.run;
    const count = run.recordCount;
    if (count <= r.times.length) return;
    const s1 = run.stepCount;
    const from = r.times.length;
    const recs = run.records(from);
    const w = run.columns.length;
    for (let i = from; i < count; i++) {
      const st = r.stepCol >= 0 ? recs[(i - from) * w + r.stepCol] : s1;
      const f = s1 > s0 ? Math.min(1, Math.max(0, (st - s0) / (s1 - s0))) : 1;
      r.times.push(t0 + (t1 - t0) * f);
    }
  }

  racerUpdate(r, transfer) {
    const run = r.run;
    const count = run.recordCount;
    let rows = new Float64Array(0), times = new Float64Array(0);
    const rowStart = r.sentRows;
    if (count > r.sentRows) {
      rows = run.records(r.sentRows);
      while (r.times.length < count) r.times.push(r.ms);
      times = Float64Array.from(r.times.slice(r.sentRows, count));
      r.sentRows = count;
    }
    let trace = new Float64Array(0);
    const traceStart = r.sentTrace;
    if (this.isSurface) {
      const p = run.params().length;
      if (p <= MAX_TRACE_DIM) {
        const all = run.paramsTrace();
        const n = Math.floor(all.length / Math.max(1, p));
        if (n > r.sentTrace) { trace = all.slice(r.sentTrace * p); r.sentTrace = n; }
      }
    }
    transfer.push(rows.buffer, times.buffer, trace.buffer);
    return { rows, rowStart, times, trace, traceStart, stepCount: run.stepCount, totalSteps: run.totalSteps, done: run.done, diverged: run.diverged ?? null };
  }

  // The heatmap of one racer's predictions. A network whose grid takes long is redrawn at most
  // every 20 × its cost, so the picture never starves the steps (an empty grid: keep the last).
  heatmap(force) {
    if (this.isSurface || !this.grid) return { grid: new Float32Array(0), classes: 0 };
    const now = performance.now();
    if (!force && this.gridMs > 2 && now - this.gridAt < 20 * this.gridMs) return { grid: new Float32Array(0), classes: 0 };
    const [xmin, xmax, ymin, ymax] = this.bounds;
    const run = this.racers[Math.min(this.heatmapRacer, this.racers.length - 1)].run;
    const t0 = performance.now();
    const n = this.grid;
    const grid = run.predictGrid(xmin, xmax, ymin, ymax, n, n) ?? new Float32Array(0);
    this.gridMs = performance.now() - t0;
    this.gridAt = performance.now();
    return { grid, classes: Math.round(grid.length / (n * n)) };
  }

  // Posts a frame with every racer's new records. `force`: the picture must be current (paused, finished).
  sendFrame({ playing, busy = false, stepsPerSecond = 0, force = false }) {
    if (!this.racers.length) return;
    const transfer = [];
    const updates = this.racers.map((r) => this.racerUpdate(r, transfer));
    const { grid, classes } = this.heatmap(force);
    transfer.push(grid.buffer);
    const u0 = updates[0];
    this.post(toPage.frame({
      updates, heatmapRacer: this.heatmapRacer, stepCount: u0.stepCount, totalSteps: u0.totalSteps,
      done: this.done, diverged: u0.diverged, playing, busy, grid, nx: this.grid, ny: this.grid, classes, bounds: this.bounds, stepsPerSecond,
    }), transfer);
  }

  probe(x, y) {
    const run = this.racers[0]?.run;
    if (!run?.hasSurface?.() || !Number.isFinite(x) || !Number.isFinite(y)) return;
    const r = run.surfaceEval([x, y]);
    this.post(toPage.probe({ x, y, f: r.f, g: Array.from(r.g) }));
  }
}
