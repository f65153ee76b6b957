// The worker pool of a race (issue 12, "Racers on every core"): the training worker keeps the
// page's protocol, the validator and the views' data, and hands the racers' steps to up to
// min(2 × navigator.hardwareConcurrency, racers) pool workers (lane-main.js; poolSize), racer i to
// worker i mod K. Every round brings every unfinished racer to the same goal step in all workers at once
// and is answered when all of them have, so the page still sees the racers in lockstep; several
// rounds may be asked for before the first is answered (race.js advancePooled keeps one waiting),
// and each worker takes its messages — rounds and changes — in the order they were sent. Each Run
// depends only on its spec, so the numbers are those of a one-worker run
// (tests/node/web-pool.test.mjs, tests/browser/issue12-pool.test.mjs).
//
// A pool worker that fails (its module aborts, its script cannot load) reports the error for each
// of its racers; the other workers' racers go on. The failed worker is replaced at the next race.

/** How many pool workers a race of `racers` racers gets: at most one per racer, at most two per
 *  core when there are several cores (one core: none), at most `cap` (the page's workers=N flag;
 *  0 = no cap). Below 2 the race runs in the training worker itself.
 *
 *  Why two per core, not one: the rounds are in lockstep, so with one worker per core a worker
 *  whose core also runs the page (main thread, compositor) holds back the other, which then waits
 *  idle; and a worker holding two racers switches between their weights every round. With two
 *  per core the system's scheduler gives a waiting worker's core to another worker. Measured in
 *  Chromium on 2 cores, 4 racers of the 64-320-256-10 MLP (bench/race.mjs, docs/benchmarks.md):
 *  the stepping threads of 4 workers use 1.84–1.87 of the 2 cores, of 2 workers 1.76–1.81; in
 *  racer-steps per second 4 workers beat 2 in most runs (1.12× and 1.24× in two A/B runs), not
 *  all (the machine's own speed varies by ±20 % from round to round). */
export function poolSize(racers, cores, cap = 0) {
  const c = Math.max(1, cores | 0);
  const n = Math.min(racers, c > 1 ? 2 * c : 1);
  return cap > 0 ? Math.min(n, cap) : n;
}

export class Pool {
  /** makeWorker(): a new pool worker ({postMessage, terminate, onmessage, onerror}). */
  constructor(makeWorker) {
    this.makeWorker = makeWorker;
    this.workers = [];      // [{w, failed, pending: Map round → resolve, indices}]
    this.race = 0;
    this.round = 0;
  }

  #spawn() {
    const slot = { w: null, failed: null, pending: new Map(), indices: [] };
    const fail = (message) => {
      if (slot.failed) return;
      slot.failed = message;
      for (const resolve of slot.pending.values()) resolve({ failed: message });
      slot.pending.clear();
    };
    try {
      slot.w = this.makeWorker();
    } catch (e) {
      slot.failed = `pool worker: ${e?.message ?? e}`;
      return slot;
    }
    slot.w.onmessage = ({ data: m }) => {
      if ((m.type === 'advanced' || m.type === 'changed') && m.race === this.race) {
        slot.pending.get(m.round)?.(m);
        slot.pending.delete(m.round);
      } else if (m.type === 'failed' && m.race === this.race) {
        if (m.round !== undefined && slot.pending.has(m.round)) {
          slot.pending.get(m.round)({ failed: m.message, field: m.field });
          slot.pending.delete(m.round);
        } else {
          fail(m.message);   // its Runs could not be made
        }
      }
    };
    slot.w.onerror = (e) => { e.preventDefault?.(); fail(`pool worker: ${e.message || 'failed'}`); };
    return slot;
  }

  /** A new race on k workers: entries [{index, spec}] (complete racer specs), racer i to worker
   *  i mod k. Workers beyond k free their Runs; failed workers are replaced. */
  start(entries, k, isSurface, columns) {
    this.race++;
    // Rounds of the old race still waiting are answered now (their answers would be dropped).
    for (const s of this.workers) {
      for (const resolve of s.pending.values()) resolve({ failed: 'cancelled' });
      s.pending.clear();
    }
    for (let j = 0; j < this.workers.length; j++) {
      const s = this.workers[j];
      if (s.failed || j >= k) {
        if (s.failed) { s.w?.terminate(); this.workers[j] = this.#spawn(); } else s.w.postMessage({ type: 'stop' });
      }
    }
    while (this.workers.length < k) this.workers.push(this.#spawn());
    for (let j = 0; j < k; j++) {
      const s = this.workers[j];
      s.indices = entries.filter((_, i) => i % k === j).map((e) => e.index);
      s.w?.postMessage({ type: 'start', race: this.race, isSurface, columns, entries: entries.filter((_, i) => i % k === j) });
    }
    this.k = k;
  }

  /** One round: every worker brings its racers to `goal` steps. picture: what the worker holding
   *  racer picture.index also computes (lane.js picture(): {index, bounds, n} a heatmap,
   *  {index, predictions: true} the test-set predictions) or null.
   *  Resolves to {updates: [update per racer, any order], picture?, pictureMs?, failures: [{indices, message}]}. */
  async advance(goal, picture = null) {
    const round = ++this.round;
    const race = this.race;
    const asks = this.workers.slice(0, this.k).map((s) => {
      if (s.failed) return Promise.resolve({ failed: s.failed, slot: s });
      const want = picture && s.indices.includes(picture.index) ? picture : undefined;
      return new Promise((resolve) => {
        s.pending.set(round, (m) => resolve({ ...m, slot: s }));
        s.w.postMessage({ type: 'advance', race, round, goal, picture: want });
      });
    });
    const answers = await Promise.all(asks);
    const out = { updates: [], picture: undefined, failures: [], stale: race !== this.race };
    for (const a of answers) {
      if (a.failed) { out.failures.push({ indices: a.slot.indices, message: a.failed }); continue; }
      out.updates.push(...a.updates);
      if (a.picture) { out.picture = a.picture; out.pictureMs = a.pictureMs; }
    }
    return out;
  }

  /** Racer `index` takes a change now (lane.js applyChange): {step} or {failed, field}. */
  change(index, setText) {
    const round = ++this.round;
    const s = this.workers.slice(0, this.k).find((x) => x.indices.includes(index));
    if (!s) return Promise.resolve({ failed: `no racer ${index + 1}` });
    if (s.failed) return Promise.resolve({ failed: s.failed });
    return new Promise((resolve) => {
      s.pending.set(round, resolve);
      s.w.postMessage({ type: 'change', race: this.race, round, index, set: setText });
    });
  }

  /** Frees every worker. */
  terminate() {
    for (const s of this.workers) s.w?.terminate();
    this.workers = [];
  }
}
