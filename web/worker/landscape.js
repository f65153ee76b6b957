// The loss landscape of a finished network run (spec "landscape"; core/run/landscape.hpp), computed
// in the worker in chunks so its message loop never blocks for long: each chunk does as much work as
// fits in CHUNK_MS (measured on the previous chunk, starting with one unit), then yields with
// setTimeout(0) so page messages (pause, a new spec, a probe) are handled in between. Progress goes
// to the page after every landscape chunk as toPage.landscape. No DOM, no page code.
//
// The racer's own Run is used when it lives in this worker. A racer that runs in a pool worker
// (worker/pool.js) is not reachable from here: the job then trains a copy from the racer's spec —
// the same seed gives the same bits (docs/wasm-api.md), so it is the same run — in chunks too, and
// deletes the copy when it finishes or is stopped.
import { toPage } from '../protocol.js';

export const CHUNK_MS = 40;

export class LandscapeJob {
  // {run} (a finished api.js Run) or {lab, spec} (a copy is trained first); racer: its index (echoed
  // to the page); post(message); now(): ms clock; defer(f): run f after pending messages.
  constructor({ run = null, lab = null, spec = null, racer, post, now = () => performance.now(), defer = (f) => setTimeout(f, 0) }) {
    this.run = run;
    this.owned = !run;
    if (!run) this.run = lab.createRun(JSON.stringify(spec));
    this.racer = racer;
    this.post = post;
    this.now = now;
    this.defer = defer;
    this.stopped = false;
    this.total = 0;
    this.perUnit = 0;   // ms per step (training) or per point (landscape), measured
  }

  // Starts; false when there is nothing to compute (no "landscape" in the spec, or a diverged run).
  start() {
    if (this.run.done && !this.begin()) { this.finish(); return false; }
    this.chunk();
    return true;
  }

  begin() {
    this.total = this.run.landscapeBegin();
    this.perUnit = 0;
    return this.total > 0;
  }

  stop() { this.stopped = true; this.finish(); }

  finish() {
    if (this.owned && this.run) { this.run.delete(); }
    if (this.owned) this.run = null;
  }

  size() { return this.perUnit > 0 ? Math.max(1, Math.floor(CHUNK_MS / this.perUnit)) : 1; }

  chunk() {
    if (this.stopped || !this.run) return;
    const n = this.size();
    const t0 = this.now();
    if (!this.total) {
      // Training the copy first.
      const done = this.run.step(n);
      const ms = this.now() - t0;
      if (done > 0) this.perUnit = Math.max(ms / done, 1e-3);
      if (this.run.done && !this.begin()) { this.finish(); return; }
      this.defer(() => this.chunk());
      return;
    }
    const done = this.run.landscapeCompute(n);
    const ms = this.now() - t0;
    if (done > 0) this.perUnit = Math.max(ms / done, 1e-3);
    const result = this.run.landscape();
    const finished = result.done >= result.total;
    this.post(toPage.landscape({ racer: this.racer, result, finished, chunkMs: ms }));
    if (finished || done === 0) this.finish();
    else this.defer(() => this.chunk());
  }
}
