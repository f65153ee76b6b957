// Every message between the page and the training worker, documented once. Page and worker both
// import this file (it has no DOM and no wasm), and build their messages with these functions.
//
// Names: a *racer* is one competitor of the race (index i); a race is the spec's own `racers` list
// (docs/racing.md), a spec without it is one racer. Each racer runs its complete spec (lab.expandRace).

// ---------------------------------------------------------------- page → worker
export const toWorker = {
  /** Load wasm and start a race: `spec` from the link (object, or raw text when it is not JSON),
   *  or null for the core's default; a rejected link falls back to the default (lenient: a racer
   *  the core names in an error is left out, reported in the race's linkProblems). `note` is the
   *  page's hint echoed in an error. workers: at most this many pool workers (the link's
   *  workers=N; 0 = two per core, web/worker/pool.js poolSize). */
  load: ({ spec, note = '', autoplay = false, speed = 0, heatmapRacer = 0, workers = 0 }) =>
    ({ type: 'load', spec, note, autoplay, speed, heatmapRacer, workers }),
  /** Validate and, if accepted, replace the race (play state kept) and, with replayTo > 0, step it
   *  to that step before its first frame (a recorded change removed: the same race up to there).
   *  source: 'controls' | 'json' | 'url' | 'lesson'. request: the page's number for this request, echoed in the answer ('race'
   *  or 'invalid'), so the page knows which of its requests are still on their way. */
  setSpec: ({ spec, source, note = '', request = null, replayTo = 0 }) => ({ type: 'setSpec', spec, source, note, request, replayTo }),
  /** Change without reset: apply `set` ({"optimizer.lr": 0.05, …}, docs/racing.md "changes") to
   *  the runs of racers `racers` (or of racer `racer`) now, at their current step, keeping the
   *  optimizers' state; the worker records it in the spec's changes and answers one 'changed' for
   *  all of them (or 'invalid' naming the field, per racer refused), or — when the change replaces
   *  a recorded later change of the same path — a 'race' replayed to that step (`replayed`). */
  change: ({ racer = 0, racers = [racer], set }) => ({ type: 'change', racers, set }),
  play: () => ({ type: 'play' }),
  pause: () => ({ type: 'pause' }),
  /** n steps of every racer, then pause. */
  step: (n = 1) => ({ type: 'step', n }),
  /** Start the same race again from step 0. */
  reset: () => ({ type: 'reset' }),
  /** Steps per second while playing; 0 = as fast as possible. Pacing only groups steps; the numbers never change. */
  speed: (stepsPerSecond) => ({ type: 'speed', stepsPerSecond }),
  /** Whose decision regions the heatmap shows (networks). */
  heatmapRacer: (index) => ({ type: 'heatmapRacer', index }),
  /** Surfaces: f and ∇f at (x, y) (hover). */
  probe: (x, y) => ({ type: 'probe', x, y }),
  /** Per-layer statistics of a deep net under each initializer (views/signals.js). */
  signals: ({ id, activation, norm, depth, width, seed }) => ({ type: 'signals', id, activation, norm, depth, width, seed }),
  /** The loss landscape (spec "landscape") of racer `racer`'s finished network run, computed in
   *  chunks (worker/landscape.js); answered by toPage.landscape messages. A new race cancels it. */
  landscape: ({ racer = 0 } = {}) => ({ type: 'landscape', racer }),
  /** The gradient-noise measurement (core/run/gradient_noise.hpp) of a network spec at its θ₀. */
  gradientNoise: ({ id, spec }) => ({ type: 'gradientNoise', id, spec }),
  /** The "seeds" view: runs = [{group, seed, spec}] (views/view-data.js seedRuns), each trained to
   *  its end in chunks (worker/seeds.js); answered by toPage.seedRuns. A new race stops it. */
  seedRuns: ({ id, runs }) => ({ type: 'seedRuns', id, runs }),
  /** Surfaces: f on an nx × ny grid over box = [xmin, xmax, ymin, ymax] (the zoomed contour map). */
  surfaceGrid: ({ id, box, n }) => ({ type: 'surfaceGrid', id, box, n }),
  /** The repeated-multiplication readout of W with these eigenvalues (views/repeated-multiplication.js). */
  repeatedMultiplication: ({ id, eigenvalues, length, seed }) => ({ type: 'repeatedMultiplication', id, eigenvalues, length, seed }),
};

// ---------------------------------------------------------------- worker → page
export const toPage = {
  /** The module loaded. catalog: lab.catalog() (names, defaults, ranges); defaultSpec: the core's
   *  default network experiment; surfaces: whether this build evaluates test surfaces. */
  ready: ({ version, catalog, defaultSpec, surfaces }) => ({ type: 'ready', version, catalog, defaultSpec, surfaces }),
  /** A new race started. spec: as the validator normalized it (its racers and changes as given);
   *  racers: [{index, label, spec}] every racer's complete spec (lab.expandRace); columns: record
   *  columns; data: {dim, classes, trainX, trainY, testX, testY} | null; surface: {box, nx, ny,
   *  values, minimizers, minimum} | null (2-D surfaces); source: who asked ('url', 'default', …);
   *  linkProblems: [{field, message}] for the link's racers that were not raced (field as the core
   *  names it: 'racers[2].batch_size'), empty otherwise; workers: how many workers run the racers
   *  (1: the training worker itself, else the pool's); request: the setSpec's request number
   *  (null for the load's race and resets); replayed (source 'change'): {changes, dropped, step} —
   *  a change that replaced recorded later ones (dropped, as they were recorded) restarted the race,
   *  which the worker replays to `step` before its next frame. */
  race: ({ spec, racers, columns, data, surface, source, linkProblems = [], workers = 1, request = null, replayed = null }) =>
    ({ type: 'race', spec, racers, columns, data, surface, source, linkProblems, workers, request, replayed }),
  /** A change was applied without reset: spec (its changes now end with `changes`, each {step,
   *  racer?, set}: one user action, one message) and racers as they now are; the race goes on from
   *  the same step. change: the last of them. */
  changed: ({ spec, racers, changes }) => ({ type: 'changed', spec, racers, changes, change: changes.at(-1) }),
  /** A spec or a change was rejected; the running race is untouched. field: the spec path; note:
   *  echoed hint; request: the setSpec's request number (null otherwise); racer, stopped (source
   *  'change'): the racer refused, and {step, why: 'diverged' | 'failed' | 'finished'} when its run
   *  was over (else null). */
  invalid: ({ field = '', message, note = '', source, request = null, racer = null, stopped = null }) =>
    ({ type: 'invalid', field, message, note, source, request, racer, stopped }),
  /** Something from a link was dropped or cut, … */
  warning: (message) => ({ type: 'warning', message }),
  /** New records of every racer since the last frame. updates[i] = {rows (Float64Array, rowStart,
   *  columns-wide), times (ms spent in that racer's steps, per new row), trace (new θ rows, surfaces),
   *  traceStart, stepCount, totalSteps, done, diverged, error}; error: the message of a racer whose
   *  run failed (it stopped; the others go on), else null. done: every racer finished; busy: a step
   *  is slow (the page says the worker is working); grid: heatmap of racer heatmapRacer (nx × ny ×
   *  classes probabilities) or empty when not recomputed; stepsPerSecond while playing;
   *  symmetry: the core's weight-space symmetry readout of a racer that traces it, once, in the
   *  first update after its run finished (else null; views/symmetry.js);
   *  predictions: for data that is not 2-D, racer heatmapRacer's predicted class of every test
   *  example (Int32Array in testY's order; empty when not recomputed). */
  frame: ({ updates, heatmapRacer, stepCount, totalSteps, done, diverged, playing, busy, grid, nx, ny, classes, bounds, stepsPerSecond, predictions = new Int32Array(0) }) =>
    ({ type: 'frame', updates, heatmapRacer, stepCount, totalSteps, done, diverged, playing, busy, grid, nx, ny, classes, bounds, stepsPerSecond, predictions }),
  /** Answer to probe. */
  probe: ({ x, y, f, g }) => ({ type: 'probe', x, y, f, g }),
  /** Answer to signals: {id, request, results}. */
  signals: ({ id, request, results }) => ({ type: 'signals', id, request, results }),
  /** Progress of a landscape: result = {done, total, alpha, line_loss, axis, plane_loss,
   *  normalization, trajectory: {step, a, b, off_plane}} (points not yet computed are null);
   *  finished when done = total; chunkMs: how long the worker's last chunk took. */
  landscape: ({ racer, result, finished, chunkMs }) => ({ type: 'landscape', racer, result, finished, chunkMs }),
  /** Answer to gradientNoise: the core's JSON lines (text), or error = its message. */
  gradientNoise: ({ id, lines = null, error = null, field = null }) => ({ type: 'gradientNoise', id, lines, error, field }),
  /** Progress of seedRuns: results [{group, seed, final_test_loss, test_accuracy, diverged}] so far,
   *  of total runs; error = the core's message when a run's spec is refused. */
  seedRuns: ({ id, results, total, error = null }) => ({ type: 'seedRuns', id, results, total, error }),
  /** Answer to surfaceGrid: values (Float32Array, y outer, rows going up) or null. */
  surfaceGrid: ({ id, box, nx, ny, values }) => ({ type: 'surfaceGrid', id, box, nx, ny, values }),
  /** Answer to repeatedMultiplication: columns {step, norm_tied, norm_untied, rho_t, component_i: [...]},
   *  or error = the core's message naming field. */
  repeatedMultiplication: ({ id, request, columns = null, error = null, field = null }) =>
    ({ type: 'repeatedMultiplication', id, request, columns, error, field }),
  /** The module could not load, or the worker failed. */
  fatal: (message) => ({ type: 'fatal', message }),
};
