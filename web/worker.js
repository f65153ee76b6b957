// The Web Worker: owns the wasm module and the one Run. The page never touches wasm.
//
// Page -> worker
//   {type:'load', spec?}         load wasm; use spec (from the URL) if given, else lab.defaultSpec()
//   {type:'setSpec', spec, source}  validate; on success replace the run (keeps play state)
//                                spec is an object or, when it is not valid JSON, the raw text (the
//                                validator then reports the parse error)
//   {type:'play'} {type:'pause'} {type:'step', n?} {type:'reset'}
//   {type:'speed', stepsPerSecond}  0 = as fast as possible; otherwise paced, so it can be watched
//                                (pacing only changes how steps are grouped, never the numbers)
// Worker -> page
//   {type:'ready', version, optimizers}   optimizers: registry names the core accepts (the page
//                                        greys out the others)
//   {type:'spec', spec, columns, data:{dim,classes,trainX,trainY,testX,testY}, source}   a new run started
//   {type:'invalid', field, message, note, source}     spec rejected; the old run is untouched
//                                                      (note: the page's own hint, echoed back)
//   {type:'frame', rows, rowStart, stepCount, totalSteps, done, diverged, playing,
//                  grid, nx, ny, classes, bounds, stepsPerSecond}  rows/grid are transferred
//   {type:'fatal', message}                            the module could not load
import { loadOptlab } from '../wasm/optlab-web.js';
import { OPTIMIZERS, defaultOptimizerSpec } from './registry.js';

const GRID = 64;              // heatmap resolution (GRID × GRID cells)
const CHUNK_MS = 16;          // work per chunk before yielding to the message queue
const FRAME_MS = 33;          // at most ~30 frames per second to the page

let lab = null;
let run = null;
let spec = null;
let bounds = null;            // [xmin, xmax, ymin, ymax] of the heatmap, from the data
let playing = false;
let loopScheduled = false;
let k = 1;                    // adaptive steps per chunk
let sentRows = 0;             // record rows already posted
let lastFrame = 0;
let stepsSinceFrame = 0;
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

// Validate and start a run. Returns true on success; on failure posts 'invalid' and keeps the old run.
function startRun(input, source, note = '') {
  let v;
  try {
    v = lab.validate(input);
  } catch (e) {
    v = { ok: false, ...errorFields(e) };
  }
  if (!v.ok) {
    post({ type: 'invalid', field: v.field ?? '', message: v.message ?? 'invalid spec', note, source });
    return false;
  }
  let next;
  try {
    next = lab.createRun(v.spec);
  } catch (e) {
    post({ type: 'invalid', ...errorFields(e), note, source });
    return false;
  }
  if (run) run.delete();
  run = next;
  spec = v.spec;
  sentRows = 0;
  k = 1;
  rateT0 = performance.now(); rateSteps = 0; stepsPerSecond = 0;
  let d = null;
  try { d = run.dataset(); } catch { d = null; }   // runs without a dataset (test surfaces) have none
  bounds = d ? dataBounds(d) : [-1, 1, -1, 1];
  post({ type: 'spec', spec, columns: run.columns, data: d, source },
    d ? [d.trainX.buffer, d.trainY.buffer, d.testX.buffer, d.testY.buffer] : []);
  sendFrame();
  return true;
}

function sendFrame() {
  if (!run) return;
  const count = run.recordCount;
  let rows = new Float64Array(0);
  const rowStart = sentRows;
  if (count > sentRows) {
    const all = run.records();
    rows = all.slice(sentRows * run.columns.length);
    sentRows = count;
  }
  const [xmin, xmax, ymin, ymax] = bounds;
  const grid = run.predictGrid(xmin, xmax, ymin, ymax, GRID, GRID);
  const classes = Math.round(grid.length / (GRID * GRID));
  post({
    type: 'frame', rows, rowStart, stepCount: run.stepCount, totalSteps: run.totalSteps,
    done: run.done, diverged: run.diverged ?? null, playing,
    grid, nx: GRID, ny: GRID, classes, bounds, stepsPerSecond,
  }, [rows.buffer, grid.buffer]);
  lastFrame = performance.now();
  stepsSinceFrame = 0;
}

function schedule() {
  if (loopScheduled || !playing) return;
  loopScheduled = true;
  setTimeout(chunk, speed > 0 ? 15 : 0);
}

function chunk() {
  loopScheduled = false;
  if (!playing || !run) return;
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
    const n = run.step(Math.min(k, budget));
    done += n;
    budget -= n;
    paceSteps += n;
    const dt = performance.now() - s0;
    if (n === 0 || run.done || run.diverged) break;
    if (dt < CHUNK_MS / 4) k = Math.min(k * 2, 1 << 16);
    else if (dt > CHUNK_MS) k = Math.max(1, k >> 1);
  }
  stepsSinceFrame += done;
  rateSteps += done;
  const now = performance.now();
  if (now - rateT0 > 500) {
    stepsPerSecond = (rateSteps * 1000) / (now - rateT0);
    rateT0 = now; rateSteps = 0;
  }
  const finished = run.done || !!run.diverged || (done === 0 && budget > 0);
  if (finished) playing = false;
  if (finished || now - lastFrame >= FRAME_MS) sendFrame();
  schedule();
}

self.onmessage = async ({ data: msg }) => {
  try {
    if (msg.type === 'load') {
      if (!lab) {
        lab = await loadOptlab();
        // Ask the validator which of the page's methods this build implements.
        const base = lab.defaultSpec();
        const optimizers = OPTIMIZERS.map((o) => o.name)
          .filter((name) => lab.validate({ ...base, optimizer: defaultOptimizerSpec(OPTIMIZERS.find((o) => o.name === name)) }).ok);
        post({ type: 'ready', version: lab.version, optimizers });
      }
      // The URL's spec first; if it is bad, say so and fall back to the default experiment.
      if (msg.spec == null || !startRun(msg.spec, 'url', msg.note)) {
        startRun(lab.defaultSpec(), 'default');
      }
      return;
    }
    if (!lab) return;
    switch (msg.type) {
      case 'setSpec':
        startRun(msg.spec, msg.source ?? 'controls', msg.note);
        if (playing) schedule();
        break;
      case 'play':
        if (run && !run.done && !run.diverged) { playing = true; rateT0 = performance.now(); rateSteps = 0; restartPace(); schedule(); }
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
        if (run && !run.done && !run.diverged) run.step(Math.max(1, msg.n | 0));
        sendFrame();
        break;
      case 'reset':
        playing = false;
        if (spec) startRun(spec, 'reset');
        break;
    }
  } catch (e) {
    post({ type: 'fatal', message: `worker: ${e?.message ?? e}` });
  }
};
