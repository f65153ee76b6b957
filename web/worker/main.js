// The Web Worker's message loop: owns the wasm module; the page never touches wasm. Messages are
// documented in web/protocol.js. The race (web/worker/race.js) holds the Runs; the pacer
// (web/worker/pacing.js) steps them while playing. The worker imports no page code.
import { loadOptlab } from '../../wasm/optlab-web.js';
import { formulasOf, prepareFormulas } from '../../wasm/formula-loader.js';
import { toPage } from '../protocol.js';
import { Race } from './race.js';
import { Pacer } from './pacing.js';
import { Pool } from './pool.js';
import { computeSignals } from './signals.js';
import { computeRepeatedMultiplication } from './repeated-multiplication.js';
import { LandscapeJob } from './landscape.js';
import { SeedsJob } from './seeds.js';

const post = (msg, transfer = []) => self.postMessage(msg, transfer);
let lab = null, race = null, pacer = null;
let landscapeJob = null;  // the landscape being computed in chunks (a new race or reset stops it)
let seedsJob = null;      // the "seeds" view's runs (worker/seeds.js); a new race or reset stops them too
const stopLandscape = () => { landscapeJob?.stop(); landscapeJob = null; };
const stopSeeds = () => { seedsJob?.stop(); seedsJob = null; };

async function load(msg) {
  // A link with a formula surface needs math.js (fetched on first use, wasm/formula-loader.js):
  // fetched while the module loads; if it cannot be, the link's spec is refused naming the cause.
  const formulas = prepareFormulas(msg.spec);
  if (!lab) {
    lab = await loadOptlab();
    // The worker pool (pool.js): pool workers run lane-main.js, bundled as lane.js next to this file.
    // Each is handed this worker's compiled module first, so none fetches or compiles it again.
    const pool = typeof Worker === 'function' ? new Pool(() => {
      const w = new Worker(new URL('./lane.js', import.meta.url), { type: 'module' });
      w.postMessage({ type: 'init', module: lab.wasmModule ?? null });
      return w;
    }) : null;
    race = new Race(lab, post, { pool, cores: self.navigator?.hardwareConcurrency ?? 1 });
    pacer = new Pacer(race);
    const probeSurface = lab.validate({ seed: 7, problem: { name: 'rosenbrock' }, optimizer: { name: 'sgd', lr: 0.001 }, steps: 10 });
    post(toPage.ready({ version: lab.version, catalog: lab.catalog(), defaultSpec: lab.defaultSpec(), surfaces: !!probeSurface.ok }));
  }
  pacer.setSpeed(msg.speed);
  race.maxWorkers = Math.max(0, msg.workers | 0);
  race.heatmapRacer = Math.max(0, msg.heatmapRacer | 0);
  await formulas;
  // The link's spec first; if it is bad, say so and fall back to the default experiment.
  if (msg.spec == null || !race.start(msg.spec, 'url', msg.note, true)) {
    const n = Array.isArray(msg.spec?.racers) ? msg.spec.racers.length : 0;
    if (n) post(toPage.warning(`racers: the link's ${n} racers were not raced, because the link's spec was rejected`));
    race.start(lab.defaultSpec(), 'default');
  }
  pacer.newRace();
  await pacer.frame(true);
  if (msg.autoplay) pacer.play();
}

// A race just started: stepped to `to` steps (a replay: the same numbers as playing there), its
// frame posted, and played on if it was playing.
async function replay(to = 0) {
  pacer.newRace();
  if (to > 0) await race.advance(to);
  await pacer.frame(true);
  if (pacer.playing) pacer.schedule();
}

const handlers = {
  async setSpec(msg) {
    stopLandscape(); stopSeeds();
    if (race.start(msg.spec, msg.source ?? 'controls', msg.note, msg.source === 'url', msg.request ?? null)) await replay(msg.replayTo);
  },
  // A change without reset: applied to the racers' runs at their current step (after the rounds
  // already asked for), recorded in the spec; the race plays on — or, when it replaced recorded
  // later changes, starts again and is replayed to that step (race.js applyChange).
  async change(msg) {
    const racers = Array.isArray(msg.racers) ? msg.racers.map((i) => i | 0) : [msg.racer | 0];
    const r = await race.applyChange(racers, msg.set);
    if (r?.replayTo !== undefined) { stopLandscape(); stopSeeds(); await replay(r.replayTo); }
    else if (r) await pacer.frame(true);
  },
  play() { pacer.play(); pacer.frame(); },
  pause() { pacer.pause(); return pacer.frame(true); },
  async step(msg) {
    pacer.pause();
    await race.advance(0);                 // racers a cut-short chunk left behind catch up first
    await race.advance(Math.max(1, msg.n | 0));
    await pacer.frame(true);
  },
  async reset() {
    stopLandscape(); stopSeeds();
    pacer.pause();
    if (race.restart()) { pacer.newRace(); await pacer.frame(true); }
  },
  speed(msg) { pacer.setSpeed(msg.stepsPerSecond); },
  heatmapRacer(msg) {
    race.heatmapRacer = Math.max(0, Math.min(race.racerCount - 1, msg.index | 0));
    return pacer.frame(true);
  },
  probe(msg) { race.probe(Number(msg.x), Number(msg.y)); },
  // The depth view: short probe runs; the race is untouched.
  signals(msg) { post(computeSignals(lab, msg)); },
  // The landscape of racer msg.racer's finished run, in chunks (worker/landscape.js).
  landscape(msg) {
    stopLandscape();
    const i = Math.max(0, msg.racer | 0);
    const here = race.racers[i]?.run;   // the racer runs in this worker (else in a pool worker)
    const spec = race.racerList[i]?.spec;   // the racer's complete spec (lab.expandRace)
    if (here && !here.done) return;
    if (!here && !spec) return;
    landscapeJob = new LandscapeJob(here ? { run: here, racer: i, post } : { lab, spec, racer: i, post });
    if (!landscapeJob.start()) landscapeJob = null;
  },
  // The gradient-noise view: a separate measurement at the spec's θ₀; the race is untouched.
  gradientNoise(msg) {
    try {
      post(toPage.gradientNoise({ id: msg.id, lines: lab.gradientNoise(msg.spec) }));
    } catch (e) {
      post(toPage.gradientNoise({ id: msg.id, error: e?.message ?? String(e), field: e?.field ?? null }));
    }
  },
  // The seeds view: each configuration trained at seeds 1…20, in chunks; the race is untouched.
  seedRuns(msg) {
    stopSeeds();
    seedsJob = new SeedsJob({ lab, id: msg.id, runs: msg.runs ?? [], post });
    seedsJob.start();
  },
  // The repeated-multiplication view: a readout of its own; the race is untouched.
  repeatedMultiplication(msg) { post(computeRepeatedMultiplication(lab, msg)); },
  surfaceGrid(msg) {
    const g = race.surfaceGrid(msg.box, msg.n);
    post(toPage.surfaceGrid({ id: msg.id, box: msg.box, ...g }), g.values ? [g.values.buffer] : []);
  },
};

// Messages are handled in the order they arrive, also while the wasm module loads: a message that
// comes before 'load' has finished (a tour click on a page still loading) waits for it instead of
// being dropped, and then runs after the link's race has started, so the user's choice wins.
// A spec with a formula (setSpec) also waits for math.js, fetched the first time one comes, and the
// messages after it wait with it, so they keep their order (the user's last spec still wins).
let loading = null;
self.onmessage = async ({ data: msg }) => {
  try {
    if (msg.type === 'load') { loading = load(msg); await loading; return; }
    if (formulasOf(msg.spec).length) {
      const before = loading;
      loading = Promise.all([before?.catch(() => {}), prepareFormulas(msg.spec)]);
    }
    // Every message waits for the load, not only those that came before the module was ready: the
    // module is set before load() has finished (its first frame), and a message arriving then must
    // not overtake one still waiting (a hand-typed address overtaken by a tour click's lesson).
    // Waiting on a settled promise keeps the order of arrival.
    await loading?.catch(() => {});   // a failed load has reported itself (fatal)
    if (lab) await handlers[msg.type]?.(msg);
  } catch (e) {
    post(toPage.fatal(`worker: ${e?.message ?? e}`));
  }
};
