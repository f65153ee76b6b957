// The Web Worker: owns the wasm module and the Runs of one race. The page never touches wasm.
//
// A race is one base spec plus up to 7 more optimizers (8 racers). Racer i runs the base spec with
// its own "optimizer" object; everything else — seed, so initial weights and minibatch order, the
// start point of a surface — is the same. Racers are stepped in lockstep: every chunk advances
// each of them by the same number of steps, so at any time they are at the same step.
//
// Page -> worker
//   {type:'load', spec?, racers?, note?}   load wasm; use spec (from the URL) if given, else lab.defaultSpec()
//   {type:'setSpec', spec, racers?, source, note?}  validate; on success replace the race (keeps play state)
//                                spec is an object or, when it is not valid JSON, the raw text (the
//                                validator then reports the parse error). racers: optimizer objects of
//                                racers 2..8 (racer 1 is spec.optimizer); omitted = none.
//   {type:'play'} {type:'pause'} {type:'step', n?} {type:'reset'}
//   {type:'signals', id, activation, norm, depth, width, seed}   per-layer statistics of a deep net
//                                under each initializer (web/signals.js), answered with
//                                {type:'signals', id, request, results}
//   {type:'speed', stepsPerSecond}  0 = as fast as possible; otherwise paced, so it can be watched
//                                (pacing only changes how steps are grouped, never the numbers)
//   {type:'heatmapRacer', index}   whose decision regions the heatmap shows (networks)
//   {type:'probe', x, y}           surfaces: f and ∇f at (x, y) (hover)
// Worker -> page
//   {type:'ready', version, optimizers, surfaces, defaultSpec}   optimizers: registry names the core accepts (the page
//                                        greys out the others); surfaces: whether the build evaluates surfaces
//   {type:'spec', spec, racers, columns, data:{dim,classes,trainX,trainY,testX,testY}|null,
//                 surface:{box, nx, ny, values, minimizers}|null, source}   a new race started
//   {type:'invalid', field, message, note, source}     spec rejected; the old race is untouched
//                                                      (note: the page's own hint, echoed back)
//   {type:'warning', message}                          a racer from a link/attribute was dropped, etc.
//   {type:'frame', racers:[{rows, rowStart, times, trace, traceStart, stepCount, done, diverged}],
//                  rows, rowStart, stepCount, totalSteps, done, diverged, playing,
//                  grid, nx, ny, classes, bounds, stepsPerSecond}
//                  rows/rowStart/stepCount/diverged at top level are racer 1's (the single-run view);
//                  done = every racer finished; times: wall-clock ms of each new row, spent in that
//                  racer's steps; trace: new rows of θ (surfaces only). Buffers are transferred.
//   {type:'probe', x, y, f, g}                         answer to a probe
//   {type:'fatal', message}                            the module could not load
import { loadOptlab } from '../wasm/optlab-web.js';
import { OPTIMIZERS, defaultOptimizerSpec } from './registry.js';
import { computeSignals } from './signals.js';

const GRID = 64;              // heatmap resolution (GRID × GRID cells)
const SURFACE_GRID = 160;     // contour map resolution of a 2-D surface
const MAX_RACERS = 8;
const MAX_TRACE_DIM = 16;     // θ trace sent to the page only for problems this small (surfaces)
const CHUNK_MS = 16;          // work per chunk before yielding to the message queue
const FRAME_MS = 33;          // at most ~30 frames per second to the page

let lab = null;
let racers = [];              // [{run, optimizer, ms, sentRows, sentTrace, stepCol}]
let spec = null;              // the base (racer 1) normalized spec
let extras = [];              // normalized optimizer objects of racers 2..n
let bounds = null;            // [xmin, xmax, ymin, ymax] of the heatmap, from the data
let isSurface = false;
let heatmapRacer = 0;
let playing = false;
let loopScheduled = false;
let k = 1;                    // adaptive steps per chunk (per racer)
let lastFrame = 0;
let rateT0 = 0, rateSteps = 0, stepsPerSecond = 0;
let speed = 0;                // steps per second, 0 = unlimited
let paceT0 = 0, paceSteps = 0;

function restartPace() { paceT0 = performance.now(); paceSteps = 0; }

const post = (msg, transfer = []) => self.postMessage(msg, transfer);

function errorFields(e) {
  return { field: e?.field ?? '', message: e?.message ?? String(e) };
}

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
  // Square and padded, so the picture is not distorted and points are not on the edge.
  const cx = (xmin + xmax) / 2, cy = (ymin + ymax) / 2;
  const half = Math.max(xmax - xmin, ymax - ymin, 1e-6) * 0.55;
  return [cx - half, cx + half, cy - half, cy + half];
}

function validate(input) {
  try {
    return lab.validate(input);
  } catch (e) {
    return { ok: false, ...errorFields(e) };
  }
}

const plainObject = (o) => o !== null && typeof o === 'object' && !Array.isArray(o);

// Validate the base spec and every extra racer. On success returns {spec, extras}; otherwise posts
// 'invalid' and returns null. `lenient` (links, embed attributes): a bad extra racer is dropped with
// a warning instead of rejecting the whole race, so a shared link still opens.
function validateRace(input, extraInput, source, note, lenient) {
  const v = validate(input);
  if (!v.ok) {
    post({ type: 'invalid', field: v.field ?? '', message: v.message ?? 'invalid spec', note, source });
    return null;
  }
  let list = Array.isArray(extraInput) ? extraInput : [];
  const problems = [];
  if (extraInput != null && !Array.isArray(extraInput)) problems.push('racers: must be a list of optimizer objects; ignored');
  if (list.length > MAX_RACERS - 1) {
    problems.push(`racers: at most ${MAX_RACERS} optimizers race at once; kept the first ${MAX_RACERS}`);
    list = list.slice(0, MAX_RACERS - 1);
  }
  const out = [];
  for (let i = 0; i < list.length; i++) {
    const o = list[i];
    const label = `racer ${i + 2}`;
    if (!plainObject(o)) { problems.push(`${label}: not an optimizer object; dropped`); continue; }
    const r = validate({ ...v.spec, optimizer: o });
    if (!r.ok) {
      const msg = `${label}: ${r.message}`;
      if (!lenient) {
        post({ type: 'invalid', field: `${label} ${r.field}`.trim(), message: msg, note, source });
        return null;
      }
      problems.push(`${msg}; dropped`);
      continue;
    }
    out.push(r.spec.optimizer);
  }
  if (problems.length) post({ type: 'warning', message: problems.join('\n') });
  return { spec: v.spec, extras: out };
}

function makeRacer(s) {
  const run = lab.createRun(s);
  // Rows logged before any step (step 0) cost no time.
  return { run, optimizer: s.optimizer, ms: 0, sentRows: 0, sentTrace: 0, stepCol: run.columns.indexOf('step'), times: new Array(run.recordCount).fill(0) };
}

function surfaceInfo(run) {
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

// Validate and start a race. Returns true on success; on failure keeps the old race.
function startRace(input, extraInput, source, note = '', lenient = false) {
  const v = validateRace(input, extraInput, source, note, lenient);
  if (!v) return false;
  const next = [];
  try {
    next.push(makeRacer(v.spec));
    for (const o of v.extras) next.push(makeRacer({ ...v.spec, optimizer: o }));
  } catch (e) {
    for (const r of next) r.run.delete();
    post({ type: 'invalid', ...errorFields(e), note, source });
    return false;
  }
  for (const r of racers) r.run.delete();
  racers = next;
  spec = v.spec;
  extras = v.extras;
  if (heatmapRacer >= racers.length) heatmapRacer = 0;
  k = 1;
  rateT0 = performance.now(); rateSteps = 0; stepsPerSecond = 0;
  const run = racers[0].run;
  let d = null;
  try { d = run.dataset(); } catch { d = null; }   // runs without a dataset (test surfaces) have none
  isSurface = !d;
  bounds = d ? dataBounds(d) : [-1, 1, -1, 1];
  let surface = null;
  if (isSurface) {
    try { surface = surfaceInfo(run); } catch { surface = null; }
  }
  const transfer = d ? [d.trainX.buffer, d.trainY.buffer, d.testX.buffer, d.testY.buffer] : [];
  if (surface) transfer.push(surface.values.buffer);
  post({ type: 'spec', spec, racers: extras, columns: run.columns, data: d, surface, source }, transfer);
  sendFrame();
  return true;
}

function racerFrame(r, transfer) {
  const run = r.run;
  const count = run.recordCount;
  const w = run.columns.length;
  let rows = new Float64Array(0);
  let times = new Float64Array(0);
  const rowStart = r.sentRows;
  if (count > r.sentRows) {
    rows = run.records(r.sentRows);
    while (r.times.length < count) r.times.push(r.ms);
    times = Float64Array.from(r.times.slice(r.sentRows, count));
    r.sentRows = count;
  }
  let trace = new Float64Array(0);
  const traceStart = r.sentTrace;
  if (isSurface) {
    const p = run.params().length;
    if (p <= MAX_TRACE_DIM) {
      const all = run.paramsTrace();
      const n = Math.floor(all.length / Math.max(1, p));
      if (n > r.sentTrace) { trace = all.slice(r.sentTrace * p); r.sentTrace = n; }
    }
  }
  transfer.push(rows.buffer, times.buffer, trace.buffer);
  return {
    rows, rowStart, times, trace, traceStart, stepCount: run.stepCount, totalSteps: run.totalSteps,
    done: run.done, diverged: run.diverged ?? null,
  };
}

// Wall-clock time of rows logged since the last call: rows logged inside one advance() share its
// time proportionally to their step.
function stampTimes(r, s0, t0, t1) {
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

function raceDone() { return racers.every((r) => r.run.done); }

function sendFrame() {
  if (!racers.length) return;
  const transfer = [];
  const frames = racers.map((r) => racerFrame(r, transfer));
  let grid = new Float32Array(0), classes = 0;
  if (!isSurface) {
    const [xmin, xmax, ymin, ymax] = bounds;
    const hr = racers[Math.min(heatmapRacer, racers.length - 1)].run;
    grid = hr.predictGrid(xmin, xmax, ymin, ymax, GRID, GRID) ?? new Float32Array(0);
    classes = Math.round(grid.length / (GRID * GRID));
    transfer.push(grid.buffer);
  }
  const f0 = frames[0];
  post({
    type: 'frame', racers: frames, heatmapRacer,
    rows: f0.rows, rowStart: f0.rowStart, stepCount: f0.stepCount, totalSteps: f0.totalSteps,
    done: raceDone(), diverged: f0.diverged, playing,
    grid, nx: GRID, ny: GRID, classes, bounds, stepsPerSecond,
  }, transfer);
  lastFrame = performance.now();
}

// One lockstep round: every unfinished racer advances by n steps. Returns steps of the slowest.
function stepAll(n) {
  let most = 0;
  for (const r of racers) {
    const run = r.run;
    if (run.done) continue;
    const s0 = run.stepCount;
    const t0 = performance.now();
    const d = run.step(n);
    const t1 = performance.now();
    const before = r.ms;
    r.ms += t1 - t0;
    stampTimes(r, s0, before, r.ms);
    if (d > most) most = d;
  }
  return most;
}

function schedule() {
  if (loopScheduled || !playing) return;
  loopScheduled = true;
  setTimeout(chunk, speed > 0 ? 15 : 0);
}

function chunk() {
  loopScheduled = false;
  if (!playing || !racers.length) return;
  const t0 = performance.now();
  let done = 0;
  let budget = Infinity;
  if (speed > 0) {
    budget = Math.floor(((t0 - paceT0) / 1000) * speed) - paceSteps;
    if (budget > 4 * speed) { restartPace(); budget = 1; }   // fell far behind (tab hidden): don't burst
  }
  // Step in growing/shrinking pieces until ~CHUNK_MS of work is done (or the pace budget is spent).
  while (budget > 0 && performance.now() - t0 < CHUNK_MS) {
    const s0 = performance.now();
    const n = stepAll(Math.min(k, budget));
    done += n;
    budget -= n;
    paceSteps += n;
    const dt = performance.now() - s0;
    if (n === 0 || raceDone()) break;
    if (dt < CHUNK_MS / 4) k = Math.min(k * 2, 1 << 16);
    else if (dt > CHUNK_MS) k = Math.max(1, k >> 1);
  }
  rateSteps += done;
  const now = performance.now();
  if (now - rateT0 > 500) {
    stepsPerSecond = (rateSteps * 1000) / (now - rateT0);
    rateT0 = now; rateSteps = 0;
  }
  const finished = raceDone() || (done === 0 && budget > 0);
  if (finished) playing = false;
  // A race sends fewer, bigger frames: the page's work per frame grows with the number of racers.
  if (finished || now - lastFrame >= (racers.length > 2 ? FRAME_MS * 1.5 : FRAME_MS)) sendFrame();
  schedule();
}

function probe(x, y) {
  const run = racers[0]?.run;
  if (!run?.hasSurface?.() || !Number.isFinite(x) || !Number.isFinite(y)) return;
  const r = run.surfaceEval([x, y]);
  post({ type: 'probe', x, y, f: r.f, g: Array.from(r.g) });
}

self.onmessage = async ({ data: msg }) => {
  try {
    if (msg.type === 'load') {
      if (!lab) {
        lab = await loadOptlab();
        // Ask the validator which of the page's methods this build implements.
        const base = lab.defaultSpec();
        // lab.optimizers() lists what the factory knows (second-order methods included, which a
        // network spec may refuse for its size); older builds are probed through the validator.
        const known = typeof lab.optimizers === 'function' ? lab.optimizers() : null;
        const optimizers = OPTIMIZERS.map((o) => o.name)
          .filter((name) => (known ? known.includes(name)
            : lab.validate({ ...base, optimizer: defaultOptimizerSpec(OPTIMIZERS.find((o) => o.name === name)) }).ok));
        const probeSurface = lab.validate({ seed: 7, problem: { name: 'rosenbrock' }, optimizer: { name: 'sgd', lr: 0.001 }, steps: 10 });
        post({ type: 'ready', version: lab.version, optimizers, surfaces: !!probeSurface.ok, defaultSpec: base });
      }
      speed = Math.max(0, Number(msg.speed) || 0);
      heatmapRacer = Math.max(0, msg.heatmapRacer | 0);
      // The URL's spec first; if it is bad, say so and fall back to the default experiment.
      if (msg.spec == null || !startRace(msg.spec, msg.racers, 'url', msg.note, true)) {
        if (msg.spec != null && Array.isArray(msg.racers) && msg.racers.length) {
          post({ type: 'warning', message: `racers: ${msg.racers.length} more optimizer(s) in the link were not raced, because the link's spec was rejected` });
        }
        startRace(lab.defaultSpec(), null, 'default');
      }
      if (msg.autoplay && racers.length && !raceDone()) { playing = true; restartPace(); schedule(); }
      return;
    }
    if (!lab) return;
    switch (msg.type) {
      case 'setSpec':
        startRace(msg.spec, msg.racers, msg.source ?? 'controls', msg.note, msg.source === 'url');
        if (playing) schedule();
        break;
      case 'play':
        if (racers.length && !raceDone()) { playing = true; rateT0 = performance.now(); rateSteps = 0; restartPace(); schedule(); }
        sendFrame();
        break;
      case 'speed':
        speed = Math.max(0, Number(msg.stepsPerSecond) || 0);
        restartPace();
        break;
      case 'pause':
        playing = false;
        sendFrame();
        break;
      case 'step':
        playing = false;
        if (racers.length && !raceDone()) stepAll(Math.max(1, msg.n | 0));
        sendFrame();
        break;
      case 'signals':   // the depth view (web/signals.js): short probe runs, the main run is untouched
        post(computeSignals(lab, msg));
        break;
      case 'reset':
        playing = false;
        if (spec) startRace(spec, extras, 'reset');
        break;
      case 'heatmapRacer':
        heatmapRacer = Math.max(0, Math.min(racers.length - 1, msg.index | 0));
        sendFrame();
        break;
      case 'probe':
        probe(Number(msg.x), Number(msg.y));
        break;
    }
  } catch (e) {
    post({ type: 'fatal', message: `worker: ${e?.message ?? e}` });
  }
};
