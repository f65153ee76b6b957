// A lane: some of a race's racers, each one Run made from its own complete spec, stepped to a goal
// step. The one-worker race holds all racers in one lane inside the training worker; the worker
// pool (pool.js) gives each pool worker (lane-main.js) a lane of its own. The numbers do not
// depend on where a lane runs or on how its steps are grouped: each Run is deterministic in its
// spec (docs/page.md, "Racers on every core").
//
// Racer i's failure (a step that throws) is caught here: that racer stops with `error` set, the
// others go on. Owns the Runs (wasm objects: delete() frees them). No DOM, no page code.

const MAX_TRACE_DIM = 16;     // θ trace sent to the page only for problems this small (surfaces)

const errorText = (e) => String(e?.message ?? e);

/** The race's columns: every racer's record columns, the first racer's in its order and then any
 *  column another racer adds (a continuation racer's sigma and smoothed_loss, a staged racer's
 *  stage, a trace only one racer asks for), in order of first appearance. */
export function raceColumns(lists) {
  const out = [];
  for (const list of lists) for (const c of list) if (!out.includes(c)) out.push(c);
  return out;
}

export class Lane {
  /** lab: the loaded module (wasm/api.js makeLab); isSurface: trace θ for the contour map. */
  constructor(lab, isSurface = false) {
    this.lab = lab;
    this.isSurface = isSurface;
    this.racers = [];   // [{index, run, ms, times, sentRows, sentTrace, stepCol, error}]
  }

  /** One Run per entry {index, spec}. A spec the module refuses throws (after freeing the Runs
   *  made so far); the caller reports it. columns: the race's columns (raceColumns()); each racer's
   *  rows are sent that wide, NaN where the racer has no such column. Absent: the lane's own union. */
  start(entries, columns = null) {
    const made = [];
    try {
      for (const { index, spec } of entries) made.push(this.makeRacer(index, spec));
    } catch (e) {
      for (const r of made) r.run.delete();
      throw e;
    }
    this.delete();
    this.racers = made;
    this.columns = columns ?? raceColumns(made.map((r) => r.run.columns));
    for (const r of made) {
      const own = r.run.columns;
      // Where each of the racer's columns goes in the race's rows (null: the same layout).
      r.place = own.length === this.columns.length && own.every((c, j) => this.columns[j] === c) ? null : own.map((c) => this.columns.indexOf(c));
    }
  }

  // Racer r's rows (its own columns) laid out in the race's columns.
  widen(r, rows) {
    if (!r.place) return rows;
    const own = r.place.length, w = this.columns.length, n = Math.floor(rows.length / own);
    const out = new Float64Array(n * w).fill(NaN);
    for (let i = 0; i < n; i++) for (let j = 0; j < own; j++) if (r.place[j] >= 0) out[i * w + r.place[j]] = rows[i * own + j];
    return out;
  }

  makeRacer(index, spec) {
    const run = this.lab.createRun(spec);
    // Rows logged before any step (step 0) cost no time.
    return { index, run, ms: 0, sentRows: 0, sentTrace: 0, stepCol: run.columns.indexOf('step'), times: new Array(run.recordCount).fill(0), error: null };
  }

  delete() {
    for (const r of this.racers) r.run.delete();
    this.racers = [];
  }

  /** A racer that failed counts as finished. */
  static finished(r) { return !!r.error || r.run.done; }

  /** Steps of the racer furthest ahead among the unfinished ones (-1: all finished). */
  lead() {
    let lead = -1;
    for (const r of this.racers) if (!Lane.finished(r) && r.run.stepCount > lead) lead = r.run.stepCount;
    return lead;
  }

  /** Brings every unfinished racer to `goal` steps, one racer at a time; past `deadline`
   *  (performance.now() ms) it stops between racers once one has moved. Returns the most steps
   *  one racer took. */
  advanceTo(goal, deadline = Infinity) {
    let most = 0;
    for (const r of this.racers) {
      if (Lane.finished(r)) continue;
      if (performance.now() > deadline && most > 0) break;
      const want = goal - r.run.stepCount;
      if (want <= 0) continue;
      const s0 = r.run.stepCount, t0 = performance.now();
      let did = 0;
      try {
        did = r.run.step(want);
      } catch (e) {
        r.error = errorText(e);
      }
      const before = r.ms;
      r.ms += performance.now() - t0;
      if (!r.error) this.stampTimes(r, s0, before, r.ms);
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

  /** Racer r's records since its last update (buffers appended to `transfer`), protocol.js frame
   *  updates[i] plus `index` and `error`. */
  update(r, transfer) {
    const run = r.run;
    let rows = new Float64Array(0), times = new Float64Array(0), trace = new Float64Array(0);
    const rowStart = r.sentRows, traceStart = r.sentTrace;
    try {
      const count = run.recordCount;
      if (count > r.sentRows) {
        rows = this.widen(r, run.records(r.sentRows));
        while (r.times.length < count) r.times.push(r.ms);
        times = Float64Array.from(r.times.slice(r.sentRows, count));
        r.sentRows = count;
      }
      if (this.isSurface) {
        const p = run.params().length;
        if (p <= MAX_TRACE_DIM) {
          const all = run.paramsTrace();
          const n = Math.floor(all.length / Math.max(1, p));
          if (n > r.sentTrace) { trace = all.slice(r.sentTrace * p); r.sentTrace = n; }
        }
      }
    } catch (e) {
      r.error ??= errorText(e);
    }
    transfer.push(rows.buffer, times.buffer, trace.buffer);
    let stepCount = 0, totalSteps = 0, done = true, diverged = null;
    try { ({ stepCount, totalSteps, done, diverged } = { stepCount: run.stepCount, totalSteps: run.totalSteps, done: run.done, diverged: run.diverged ?? null }); } catch (e) { r.error ??= errorText(e); }
    // The weight-space symmetry readout ("trace": {"symmetry": true}), sent once when the run has
    // finished: the summary line's "symmetry" (views/symmetry.js).
    let symmetry = null;
    if (done && !r.error && !r.symmetrySent) {
      r.symmetrySent = true;
      try {
        const line = run.summaryLine();
        if (line.includes('"symmetry"')) symmetry = JSON.parse(line).symmetry ?? null;
      } catch (e) { r.error ??= errorText(e); }
    }
    return { index: r.index, rows, rowStart, times, trace, traceStart, stepCount, totalSteps, done: done || !!r.error, diverged, error: r.error, symmetry };
  }

  updates(transfer) { return this.racers.map((r) => this.update(r, transfer)); }

  /** Racer `index`'s run takes the change `setText` (JSON of {"optimizer.lr": …}) now; returns
   *  the step it applies from. Throws the core's error (naming the path) when refused. */
  applyChange(index, setText) {
    const r = this.racers.find((x) => x.index === index);
    if (!r) throw new Error(`no racer ${index + 1} here`);
    r.run.applyChange(setText);
    return r.run.stepCount;
  }

  /** The heatmap of racer `index`'s predictions on an n × n grid over bounds, or null when this
   *  lane does not hold it. */
  heatmap(index, bounds, n) {
    const r = this.racers.find((x) => x.index === index);
    if (!r || !n) return null;
    const [xmin, xmax, ymin, ymax] = bounds;
    try { return r.run.predictGrid(xmin, xmax, ymin, ymax, n, n) ?? new Float32Array(0); } catch { return new Float32Array(0); }
  }

  /** The picture a pooled race asks of the worker holding racer `want.index`: the heatmap
   *  ({index, bounds, n}: Float32Array, n × n × classes) for 2-D data, or the predicted class of
   *  every test example ({index, predictions: true}: Int32Array, one per test example; for regression
   *  data the outputs, Float32Array) for data that is not 2-D or has no classes (views/digits.js). Null when this lane does not hold the racer. */
  picture(want) {
    if (!want.predictions) return this.heatmap(want.index, want.bounds, want.n);
    const r = this.racers.find((x) => x.index === want.index);
    if (!r) return null;
    try { return r.run.testPredictions() ?? new Int32Array(0); } catch { return new Int32Array(0); }
  }
}

/** A pool worker's answers (lane-main.js wires them to its message port; the tests to a fake one).
 *  Returns handle(msg), which answers by post(message, transfer). Messages: see lane-main.js. */
export function serveLane(lab, post) {
  let lane = null;
  const handlers = {
    start(msg) {
      lane?.delete();
      lane = new Lane(lab, msg.isSurface);
      lane.start(msg.entries, msg.columns);
    },
    advance(msg) {
      const t0 = performance.now();
      if (lane) lane.advanceTo(msg.goal);
      const transfer = [];
      const updates = lane ? lane.updates(transfer) : [];
      let picture, pictureMs = 0;
      if (msg.picture && lane) {
        const g0 = performance.now();
        picture = lane.picture(msg.picture) ?? undefined;
        pictureMs = performance.now() - g0;
        if (picture) transfer.push(picture.buffer);
      }
      post({ type: 'advanced', race: msg.race, round: msg.round, updates, picture, pictureMs, ms: performance.now() - t0 }, transfer);
    },
    change(msg) {
      try {
        post({ type: 'changed', race: msg.race, round: msg.round, step: lane.applyChange(msg.index, msg.set) });
      } catch (e) {
        post({ type: 'failed', race: msg.race, round: msg.round, message: errorText(e), field: e?.field ?? '' });
      }
    },
    stop() { lane?.delete(); lane = null; },
  };
  return (msg) => {
    try {
      handlers[msg.type]?.(msg);
    } catch (e) {
      post({ type: 'failed', race: msg.race, round: msg.round, message: errorText(e) });
    }
  };
}
