// The race the worker runs: one Run per racer, all from the same spec but for `optimizer` (same
// seed: the same initial weights and minibatch order, or the same start point), stepped in
// lockstep. The racers run in this worker (one lane, lane.js) or, when a pool is given and the
// race has more than one racer and the machine more than one core, on the pool's workers
// (pool.js): then advance() and sendFrame() return promises. Owns the Runs (wasm objects: deleted
// when replaced). No DOM, no page code.
import { toPage } from '../protocol.js';
import { Lane, raceColumns } from './lane.js';
import { poolSize } from './pool.js';
import { withoutRacer, dropLaterChanges } from '../race-spec.js';

export const MAX_RACERS = 8;
const GRID = 64;              // heatmap resolution (GRID × GRID cells) of a small network
const GRID_WORK = 3e8;        // multiply-adds one heatmap may cost (cells × parameters): a heavy
                              // network gets a coarser grid, and beyond 8 × 8 cells none
const SURFACE_GRID = 160;     // contour map resolution of a 2-D surface
const POOL_GRID_MS = 300;     // a pooled race asks for a new heatmap at most this often while playing
const PICTURE_SHARE = 50;     // a picture (heatmap, test-set predictions) is computed at most every
                              // PICTURE_SHARE × its cost while playing: ≤ 2 % of the worker's time. In
                              // a pooled race the other workers wait for the one computing it (rounds
                              // end together), so the share is lost on every core, not one.
const POOL_AHEAD = 2;         // rounds kept asked of the pool at full speed (the one being taken and the next)

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
  /** post(message, transfer); pool: a Pool (pool.js) or null; cores: navigator.hardwareConcurrency. */
  constructor(lab, post, { pool = null, cores = 1 } = {}) {
    this.lab = lab;
    this.post = post;           // (message, transfer) => void
    this.pool = pool;
    this.cores = cores;
    this.maxWorkers = 0;        // the page's cap on pool workers (0: none)
    this.lane = new Lane(lab);  // the racers when they run here
    this.pooled = null;         // pooled race: {info: Run, racers: [{stepCount, done, …, pending}], inflight, asked, grid | predictions, gridAt}
    this.spec = null;           // the race's spec as the validator normalized it (with racers, changes)
    this.racerList = [];        // [{index, label, spec}]: every racer's complete spec (lab.expandRace)
    this.bounds = null;
    this.isSurface = false;
    this.heatmapRacer = 0;
    this.gridMs = 0;            // how long the last heatmap took (a heavy net: computed less often)
    this.gridAt = 0;
    this.grid = GRID;           // cells per side of the heatmap of this race (0: none)
  }

  /** The racers running in this worker (empty while the pool runs them). */
  get racers() { return this.lane.racers; }
  /** How many racers the race has, wherever they run. */
  get racerCount() { return this.pooled ? this.pooled.racers.length : this.lane.racers.length; }

  validate(input) {
    try { return this.lab.validate(input); } catch (e) { return { ok: false, ...errorFields(e) }; }
  }

  // Validate the spec and expand its racers (the core's lab.validate and lab.expandRace: the
  // merge and every check are the core's): {spec, racers: [{index, label, spec}], linkProblems} or
  // null (after posting 'invalid'). lenient (links): a racer the core names in an error
  // ('racers[2].batch_size: …') is left out and reported in linkProblems, and the rest still race,
  // so a link still opens and the page can say which field of the link to correct.
  validateRace(input, source, note, lenient, request = null) {
    let spec = input;
    const problems = [];
    // Each racer's place in the spec as given, so problems name the racer the user wrote.
    let places = plainObject(input) && Array.isArray(input.racers) ? input.racers.map((_, j) => j) : [];
    const refuse = (r) => {
      this.post(toPage.invalid({ field: r.field ?? '', message: r.message ?? 'invalid spec', note, source, request }));
      return null;
    };
    for (;;) {
      let v = this.validate(spec);
      if (v.ok) {
        let e;
        try { e = this.lab.expandRace(v.spec); } catch (x) { e = { ok: false, ...errorFields(x) }; }
        v = e.ok ? { ...v, racers: e.racers } : e;
      }
      if (v.ok) return { spec: v.spec, racers: v.racers, linkProblems: problems };
      const list = plainObject(spec) && Array.isArray(spec.racers) ? spec.racers : null;
      if (!lenient || !list) return refuse(v);
      const m = /^racers\[(\d+)\]/.exec(v.field ?? '');
      if (m && Number(m[1]) < list.length) {
        const i = Number(m[1]), p = places[i] ?? i;
        const field = `racers[${p}]${v.field.slice(m[0].length)}`;
        const message = String(v.message ?? 'invalid').startsWith(v.field) ? field + String(v.message).slice(v.field.length) : `${field}: ${v.message}`;
        // The racers after it take the places up (the page numbers racers by place): say so, or
        // the next racer would show under the number the message just named.
        const moveUp = i + 1 < list.length ? '; the racers after it move up one place' : '';
        problems.push({ field, message: `${message} (racer ${p + 1} not raced${moveUp})` });
        spec = withoutRacer(spec, i);
        places = places.filter((_, j) => j !== i);
      } else if (v.field === 'racers' && list.length > MAX_RACERS) {
        problems.push({ field: 'racers', message: `racers: at most ${MAX_RACERS} racers race at once; kept the first ${MAX_RACERS}` });
        spec = { ...spec, racers: list.slice(0, MAX_RACERS) };
        places = places.slice(0, MAX_RACERS);
      } else {
        return refuse(v);
      }
    }
  }

  // Validate and start a race; on failure the old race keeps running. Returns success. request:
  // the page's request number, echoed in the answer (toWorker.setSpec); replayed: what a change
  // that restarted the race did (applyChange), echoed in the 'race' message.
  start(input, source, note = '', lenient = false, request = null, replayed = null) {
    const v = this.validateRace(input, source, note, lenient, request);
    if (!v) return false;
    const entries = v.racers.map(({ index, spec }) => ({ index, spec }));
    const k = this.pool ? poolSize(entries.length, this.cores, this.maxWorkers) : 1;
    let info, lane = null, columns;
    try {
      if (k > 1) {
        info = this.lab.createRun(entries[0].spec);   // columns, data, surface, probe: never stepped
        // Racers may log different columns (continuation, stages, traces): the race's columns are
        // their union, from a never-stepped Run of each racer that is not racer 1.
        const lists = [info.columns];
        for (const e of entries.slice(1)) {
          const probe = this.lab.createRun(e.spec);
          try { lists.push(probe.columns); } finally { probe.delete(); }
        }
        columns = raceColumns(lists);
      } else {
        lane = new Lane(this.lab);
        lane.start(entries);
        info = lane.racers[0].run;
        columns = lane.columns;
      }
    } catch (e) {
      this.post(toPage.invalid({ ...errorFields(e), note, source, request }));
      return false;
    }
    this.lane.delete();
    this.pooled?.info.delete();
    this.pooled = null;
    if (lane) this.lane = lane;
    this.spec = v.spec;
    this.racerList = v.racers;
    this.columns = columns;   // the race's columns (every frame's rows are this wide)
    if (this.heatmapRacer >= entries.length) this.heatmapRacer = 0;
    this.gridMs = 0;
    this.gridAt = 0;
    const side = Math.min(GRID, Math.floor(Math.sqrt(GRID_WORK / Math.max(1, info.params().length))));
    this.grid = side >= 8 ? side : 0;
    let d = null;
    try { d = info.dataset(); } catch { d = null; }   // runs without a dataset (test surfaces) have none
    this.isSurface = !d;
    this.lane.isSurface = this.isSurface;
    // Data that is not 2-D, and regression targets (classes 0), have no decision map: their frames
    // carry the test set's predictions instead (classes, or for regression the outputs).
    this.nd = !!d && (d.dim !== 2 || d.classes === 0);
    if (this.nd) this.grid = 0;
    this.predAt = 0;
    this.predMs = 0;
    this.bounds = d && !this.nd ? dataBounds(d) : [-1, 1, -1, 1];
    let surface = null;
    if (this.isSurface) {
      try { surface = this.surfaceInfo(info); } catch { surface = null; }
    }
    if (k > 1) {
      this.pooled = {
        info, workers: k, gridAt: -Infinity, grid: null, predictions: null,
        inflight: [], asked: 0,   // rounds asked of the pool, not yet taken (oldest first); the last one's goal
        racers: entries.map(({ index }) => ({
          index, stepCount: 0, totalSteps: info.totalSteps, done: false, diverged: null, error: null,
          rows: [], times: [], trace: [], rowStart: 0, traceStart: 0, sentRows: 0, sentTrace: 0,
        })),
      };
      this.pool.start(entries, k, this.isSurface, columns);
    }
    const transfer = d ? [d.trainX.buffer, d.trainY.buffer, d.testX.buffer, d.testY.buffer] : [];
    if (surface) transfer.push(surface.values.buffer);
    this.post(toPage.race({ spec: v.spec, racers: v.racers, columns, data: d, surface, source, linkProblems: v.linkProblems, workers: k, request, replayed }), transfer);
    return true;
  }

  restart() { return this.spec ? this.start(this.spec, 'reset') : false; }

  // Change without reset (issue 12): the runs of racers `indices` (a list, or one index) take
  // `set` ({"optimizer.lr": 0.05}) now, at their current step s, keeping their optimizers' state
  // (Run::apply_change); each is recorded as {step: s, racer: i, set} (no racer key without racers) at the end of the spec's
  // changes and of the racer's own, so Reset, the link and the runners replay it at step s. One
  // user action (a batch size taken by several racers) is one 'changed' message listing them all.
  // Racers are in lockstep, so s is every live racer's step. A racer that has stopped (diverged,
  // failed, finished) cannot take it: reported as 'invalid' with `racer` and `stopped` (the page
  // offers a restart). A change the core refuses is reported ('invalid' naming changes[k].set.…)
  // and nothing is recorded for that racer.
  //
  // A change at s replaces what the racer's recorded changes after s set for the same paths
  // (race-spec.js dropLaterChanges: left in, they would undo it). A Run cannot forget a change it
  // was built with, so then the race starts again from the new spec and is replayed to step s,
  // bit for bit the run the spec describes: the 'race' message carries `replayed` {changes,
  // dropped, step}, and the returned {replayTo: s} tells the caller to advance it there.
  // Resolves to false (nothing applied), true, or {replayTo}.
  async applyChange(indices, set) {
    const text = JSON.stringify(set);
    const list = Array.isArray(indices) ? indices : [indices];
    // A pooled race posts every racer's change at once, behind the same rounds, so one change to
    // several racers applies at one step on all of them (posted one after another, the rounds the
    // pacer asks for meanwhile would come between them).
    const answers = this.pooled ? await this.queued(() => Promise.all(list.map((i) => this.pool.change(i, text)))) : null;
    const applied = [];
    list.forEach((i, n) => {
      const k = (Array.isArray(this.spec?.changes) ? this.spec.changes.length : 0) + applied.length;
      const step = this.applyOne(i, text, k, answers ? answers[n] : undefined);
      if (step !== null) applied.push({ i, step });
    });
    if (!applied.length) return false;
    const inRace = Array.isArray(this.spec.racers) && this.spec.racers.length > 0;
    const changes = applied.map(({ i, step }) => (inRace ? { step, racer: i, set } : { step, set }));
    let spec = this.spec, dropped = [];
    for (const { i, step } of applied) {
      const d = dropLaterChanges(spec, i, Object.keys(set), step);
      spec = d.spec;
      dropped = [...dropped, ...d.dropped];
    }
    if (dropped.length) {
      const step = Math.max(...applied.map((a) => a.step));
      if (this.start({ ...spec, changes: [...(spec.changes ?? []), ...changes] }, 'change', '', false, null, { changes, dropped, step })) return { replayTo: step };
      // Refused (reported): the runs go on as they are, with the recorded changes they were built with.
    }
    this.spec = { ...this.spec, changes: [...(this.spec.changes ?? []), ...changes] };
    this.racerList = this.racerList.map((r) => {
      const own = applied.filter((a) => a.i === r.index).map(({ step }) => ({ step, set }));
      return own.length ? { ...r, spec: { ...r.spec, changes: [...(r.spec.changes ?? []), ...own] } } : r;
    });
    this.post(toPage.changed({ spec: this.spec, racers: this.racerList, changes }));
    return true;
  }

  // Racer i's run takes the change (JSON text) now: its step, or null after posting 'invalid'.
  // k: the change's place in the spec's changes, for the field an error names. pooled: the pool
  // worker's answer ({step} or {failed, field}) when the racer runs on the pool.
  applyOne(i, text, k, pooled = undefined) {
    const fail = (e, extra = {}) => {
      const f = errorFields(e);
      // The run names the set's path ('optimizer.lr'); in the spec it is changes[k].set.<path>.
      const inSet = /^(optimizer\.|batch_size)/.test(f.field);
      const field = inSet ? `changes[${k}].set.${f.field}` : f.field.startsWith('changes') ? f.field : `changes[${k}]`;
      const message = f.field && f.message.startsWith(`${f.field}: `) ? f.message.slice(f.field.length + 2) : f.message;
      this.post(toPage.invalid({ field, message: `${field}: ${message}`, source: 'change', racer: i, ...extra }));
      return null;
    };
    // stopped: {step, why} of a racer whose run is over ('diverged' | 'failed' | 'finished').
    const stopped = (step, error, diverged) => ({ stopped: { step, why: error ? 'failed' : diverged ? 'diverged' : 'finished' } });
    if (pooled !== undefined) {
      const r = this.pooled?.racers[i];
      if (pooled.failed) return fail({ message: pooled.failed, field: pooled.field }, r?.done ? stopped(r.stepCount, r.error, r.diverged) : {});
      return pooled.step;
    }
    const r = this.lane.racers.find((x) => x.index === i);
    if (!r) return null;
    try { return this.lane.applyChange(i, text); } catch (e) { return fail(e, Lane.finished(r) ? stopped(r.run.stepCount, r.error, r.run.diverged) : {}); }
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
    return { box, nx: SURFACE_GRID, ny: SURFACE_GRID, values, minimizers: info.minimizers ?? [], minimum: info.minimum ?? null, unboundedBelow: info.unbounded_below === true, name: info.name ?? '' };
  }

  get done() {
    return this.pooled ? this.pooled.racers.every((r) => r.done) : this.lane.racers.every(Lane.finished);
  }
  get stepCount() {
    if (this.pooled) return this.pooled.racers[0]?.stepCount ?? 0;
    return this.lane.racers[0]?.run.stepCount ?? 0;
  }

  // Lockstep: every unfinished racer is brought to the leader's step + n, one racer at a time;
  // past `deadline` (performance.now() ms) it stops between racers and the next call catches the
  // laggards up first, so a heavy network never holds the message loop for a whole round.
  // Returns the steps taken by the racer that took most. Pooled: rounds on every pool worker at
  // once (no deadline: a round is sized by the pacer), a promise of the same number; `ahead`
  // (a race playing at full speed) keeps the pool one round ahead of what it returns
  // (advancePooled).
  advance(n, deadline = Infinity, ahead = false) {
    if (this.pooled) return this.queued(() => this.advancePooled(n, false, ahead));
    const lane = this.lane;
    const live = lane.racers.filter((r) => !Lane.finished(r));
    if (!live.length) return 0;
    const lead = lane.lead();
    const behind = live.some((r) => r.run.stepCount < lead);
    return lane.advanceTo(behind ? lead : lead + n, deadline);
  }

  // Pooled rounds one after another: each starts from the racers' steps the last one left.
  queued(fn) {
    const next = (this.chain ?? Promise.resolve()).then(fn);
    this.chain = next.catch(() => {});
    return next;
  }

  // Pooled rounds. A round asks every pool worker to bring its racers to one goal step; a round's
  // answers are taken (rows, steps, errors) only once every worker has answered it, so the page
  // still sees the racers in lockstep. ahead: two rounds stay asked for — each pool worker has
  // round k + 1 waiting in its message queue while it answers round k, so it never idles for the
  // round trip through this worker (pool workers take their messages in order) — and one round is
  // taken. Otherwise (a step, a pause, a paced race) one round of n steps is asked for, if n > 0 or
  // none is pending, and every pending round is taken, so that what was taken is where the pool
  // workers are. The numbers do not depend on the rounds' goals (each Run is deterministic in its
  // spec); a change (applyChange) is queued behind the rounds already asked for, so it applies at
  // the step the last of them reaches, and that step is the one recorded. wantPicture: the newest
  // round carries the heatmap racer's picture. Returns the most steps one racer moved in the
  // rounds taken.
  async advancePooled(n, wantPicture = false, ahead = false) {
    const p = this.pooled;
    if (!p) return 0;
    const live = p.racers.filter((r) => !r.done);
    const before = new Map(live.map((r) => [r.index, r.stepCount]));
    if (live.length || wantPicture) {
      const base = () => (p.inflight.length ? p.asked : live.length ? Math.max(...live.map((r) => r.stepCount)) : 0);
      if (ahead && n > 0) {
        while (p.inflight.length < POOL_AHEAD) this.askRound(p, base() + n, false);
      } else if (n > 0 || wantPicture || !p.inflight.length) {
        this.askRound(p, base() + n, wantPicture);
      }
    }
    do {
      if (!p.inflight.length) break;
      if (!(await this.takeRound(p))) return 0;   // a new race meanwhile
    } while (!ahead);
    let most = 0;
    for (const r of live) most = Math.max(most, r.stepCount - before.get(r.index));
    return most;
  }

  // Asks the pool for one round to `goal` steps (pending in p.inflight until taken).
  askRound(p, goal, wantPicture) {
    const now = performance.now();
    // Like the one-worker picture: one that takes long is asked for at most every PICTURE_SHARE × its cost —
    // the heatmap for 2-D data, the test set's predictions for other data (lane.js picture()).
    const due = this.hasPicture() && (wantPicture || now - p.gridAt > Math.max(POOL_GRID_MS, PICTURE_SHARE * this.gridMs));
    if (due) p.gridAt = now;
    const want = !due ? null : this.nd ? { index: this.heatmapRacer, predictions: true } : { index: this.heatmapRacer, bounds: this.bounds, n: this.grid };
    p.inflight.push(this.pool.advance(goal, want));
    p.asked = goal;
  }

  // Takes the oldest pending round's answers; false when the race was replaced meanwhile.
  async takeRound(p) {
    const out = await p.inflight.shift();
    if (out.stale || this.pooled !== p) return false;
    if (out.picture) {
      if (this.nd) p.predictions = out.picture; else p.grid = out.picture;
      this.gridMs = out.pictureMs ?? 0;
    }
    for (const u of out.updates) this.takeUpdate(p.racers[u.index], u);
    for (const f of out.failures) {
      for (const i of f.indices) {
        const r = p.racers[i];
        if (!r.done) { r.error = f.message; r.done = true; }
      }
    }
    return true;
  }

  // A pool worker's update of racer r: its new rows wait for the next frame.
  takeUpdate(r, u) {
    if (!r) return;
    if (u.rows.length) {
      if (!r.rows.length) r.rowStart = u.rowStart;
      r.rows.push(u.rows); r.times.push(u.times);
    }
    if (u.trace.length) {
      if (!r.trace.length) r.traceStart = u.traceStart;
      r.trace.push(u.trace);
    }
    r.stepCount = u.stepCount; r.totalSteps = u.totalSteps; r.done = u.done; r.diverged = u.diverged; r.error = u.error;
    if (u.symmetry) r.symmetry = u.symmetry;   // sent once by the lane; passed on once
  }

  // Racer r's waiting rows as one frame update (pooled race).
  pooledUpdate(r, transfer) {
    const cat = (parts) => {
      const out = new Float64Array(parts.reduce((s, a) => s + a.length, 0));
      let at = 0;
      for (const a of parts) { out.set(a, at); at += a.length; }
      return out;
    };
    const rows = cat(r.rows), times = cat(r.times), trace = cat(r.trace);
    const symmetry = r.symmetry ?? null;
    r.rows = []; r.times = []; r.trace = []; r.symmetry = null;
    transfer.push(rows.buffer, times.buffer, trace.buffer);
    return { rows, rowStart: r.rowStart, times, trace, traceStart: r.traceStart, stepCount: r.stepCount, totalSteps: r.totalSteps, done: r.done, diverged: r.diverged, error: r.error, symmetry };
  }

  // The heatmap of one racer's predictions. A network whose grid takes long is redrawn at most
  // every PICTURE_SHARE × its cost, so the picture never starves the steps (an empty grid: keep the last).
  heatmap(force) {
    if (this.isSurface || !this.grid) return { grid: new Float32Array(0), classes: 0 };
    const n = this.grid;
    if (this.pooled) {
      const grid = this.pooled.grid ?? new Float32Array(0);
      this.pooled.grid = null;
      return { grid, classes: Math.round(grid.length / (n * n)) };
    }
    const now = performance.now();
    if (!force && this.gridMs > 2 && now - this.gridAt < PICTURE_SHARE * this.gridMs) return { grid: new Float32Array(0), classes: 0 };
    const t0 = performance.now();
    const racer = this.lane.racers[Math.min(this.heatmapRacer, this.lane.racers.length - 1)];
    const grid = this.lane.heatmap(racer.index, this.bounds, n) ?? new Float32Array(0);
    this.gridMs = performance.now() - t0;
    this.gridAt = performance.now();
    return { grid, classes: Math.round(grid.length / (n * n)) };
  }

  // The predicted class of every test example of the heatmap's racer (views/digits.js), for data
  // that is not 2-D; throttled like the heatmap (an empty array: keep the last). A pooled race's
  // come from the worker holding that racer (advancePooled).
  predictions(force) {
    if (!this.nd) return new Int32Array(0);
    if (this.pooled) {
      const p = this.pooled.predictions ?? new Int32Array(0);
      this.pooled.predictions = null;
      return p;
    }
    const now = performance.now();
    if (!force && now - this.predAt < Math.max(250, PICTURE_SHARE * this.predMs)) return new Int32Array(0);
    const racer = this.lane.racers[Math.min(this.heatmapRacer, this.lane.racers.length - 1)];
    const p = racer?.run.testPredictions() ?? new Int32Array(0);
    this.predMs = performance.now() - now;
    this.predAt = performance.now();
    return p;
  }

  // Whether frames carry a picture of the heatmap's racer: a heatmap (2-D data) or predictions (other data).
  hasPicture() { return !this.isSurface && (this.nd || this.grid > 0); }

  // Posts a frame with every racer's new records. `force`: the frame must be current (paused,
  // finished); a pooled race then first takes the rounds still pending and asks its workers for
  // the picture (a promise).
  sendFrame(opts) {
    if (this.pooled && opts.force) {
      return this.queued(() => (this.hasPicture() || this.pooled?.inflight.length ? this.advancePooled(0, this.hasPicture()) : 0))
        .then(() => this.postFrame(opts));
    }
    return this.postFrame(opts);
  }

  postFrame({ playing, busy = false, stepsPerSecond = 0, force = false }) {
    if (!this.racerCount) return;
    const transfer = [];
    const updates = this.pooled
      ? this.pooled.racers.map((r) => this.pooledUpdate(r, transfer))
      : this.lane.updates(transfer).map(({ index, ...u }) => u);
    const { grid, classes } = this.heatmap(force);
    const predictions = this.predictions(force);
    transfer.push(grid.buffer, predictions.buffer);
    const u0 = updates[0];
    this.post(toPage.frame({
      updates, heatmapRacer: this.heatmapRacer, stepCount: u0.stepCount, totalSteps: u0.totalSteps,
      done: this.done, diverged: u0.diverged, playing, busy, grid, nx: this.grid, ny: this.grid, classes, bounds: this.bounds, stepsPerSecond, predictions,
    }), transfer);
  }

  // The zoomed contour map: f over another box (finite, increasing sides), n × n (8…SURFACE_GRID).
  surfaceGrid(box, n) {
    const run = this.pooled ? this.pooled.info : this.lane.racers[0]?.run;   // as probe()
    const side = Math.max(8, Math.min(SURFACE_GRID, n | 0));
    if (!run?.hasSurface?.() || !Array.isArray(box) || box.length !== 4 || !box.every(Number.isFinite)
        || !(box[1] > box[0]) || !(box[3] > box[2])) return { nx: 0, ny: 0, values: null };
    return { nx: side, ny: side, values: run.surfaceGrid(box[0], box[1], box[2], box[3], side, side) };
  }

  probe(x, y) {
    const run = this.pooled ? this.pooled.info : this.lane.racers[0]?.run;
    if (!run?.hasSurface?.() || !Number.isFinite(x) || !Number.isFinite(y)) return;
    const r = run.surfaceEval([x, y]);
    this.post(toPage.probe({ x, y, f: r.f, g: Array.from(r.g) }));
  }
}
