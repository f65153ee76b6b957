// The "seeds" view's runs (web/views/lecture-views.js, view-data.js seedRuns): each configuration of
// a race trained to its end at seeds 1…20, so an effect that depends on the seed is shown over seeds.
// Trained in chunks like worker/landscape.js (as many steps as fit in CHUNK_MS, then setTimeout(0)),
// so page messages are handled in between; the race is untouched. After each finished run the page
// gets every result so far (toPage.seedRuns). A new race stops the job. No DOM, no page code.
import { toPage } from '../protocol.js';
import { CHUNK_MS } from './landscape.js';

export class SeedsJob {
  // runs: [{group, seed, spec}]; post(message); now(): ms clock; defer(f): run f after pending messages.
  constructor({ lab, id, runs, post, now = () => performance.now(), defer = (f) => setTimeout(f, 0) }) {
    Object.assign(this, { lab, id, runs, post, now, defer });
    this.k = 0; this.run = null; this.perStep = 0; this.stopped = false;
    this.results = [];
  }

  start() { this.chunk(); }

  stop() {
    this.stopped = true;
    this.run?.delete();
    this.run = null;
  }

  chunk() {
    if (this.stopped || this.k >= this.runs.length) return;
    const { group, seed, spec } = this.runs[this.k];
    if (!this.run) {
      try {
        this.run = this.lab.createRun(JSON.stringify(spec));
      } catch (e) {
        this.post(toPage.seedRuns({ id: this.id, results: this.results, total: this.runs.length, error: e?.message ?? String(e) }));
        return;
      }
    }
    const n = this.perStep > 0 ? Math.max(1, Math.floor(CHUNK_MS / this.perStep)) : 10;
    const t0 = this.now();
    const done = this.run.step(n);
    if (done > 0) this.perStep = Math.max((this.now() - t0) / done, 1e-3);
    if (this.run.done) {
      const s = JSON.parse(this.run.summaryLine());
      this.results.push({ group, seed, final_test_loss: s.final_test_loss ?? null, test_accuracy: s.test_accuracy ?? null, diverged: s.diverged ?? null });
      this.run.delete();
      this.run = null;
      this.k++;
      this.post(toPage.seedRuns({ id: this.id, results: this.results.slice(), total: this.runs.length }));
    }
    this.defer(() => this.chunk());
  }
}
