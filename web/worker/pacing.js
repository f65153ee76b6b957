// Pacing of a playing race: how many steps each chunk of work takes, so that the worker answers
// messages (Pause, Reset, a new spec) within a chunk, a paced run ("watch": 300 steps/s) keeps its
// rate, and frames reach the page at most ~30 times a second. Pacing only changes how steps are
// grouped, never the numbers. No DOM, no wasm: it drives a Race through advance() and sendFrame().
const CHUNK_MS = 16;          // work per chunk before yielding to the message queue
const FRAME_MS = 33;          // at most ~30 frames per second to the page
const SLOW_STEP_MS = 250;     // a chunk slower than this: the page is told the worker is busy
const POOL_ROUND_MS = 30;     // work per round of a pooled race (a round waits for its slowest worker)

export class Pacer {
  constructor(race, now = () => performance.now()) {
    this.race = race;
    this.now = now;
    this.playing = false;
    this.speed = 0;           // steps per second, 0 = unlimited
    this.k = 1;               // adaptive steps per round
    this.scheduled = false;
    this.lastFrame = 0;
    this.busy = false;
    this.restartRate();
    this.restartPace();
  }

  restartPace() { this.paceT0 = this.now(); this.paceSteps = 0; }
  restartRate() { this.rateT0 = this.now(); this.rateSteps = 0; this.stepsPerSecond = 0; }
  newRace() { this.k = 1; this.restartRate(); }

  setSpeed(stepsPerSecond) { this.speed = Math.max(0, Number(stepsPerSecond) || 0); this.restartPace(); }

  play() {
    if (!this.race.racerCount || this.race.done) return;
    this.playing = true;
    this.restartRate();
    this.restartPace();
    this.schedule();
  }
  pause() { this.playing = false; }

  /** Posts a frame (a promise when the race is pooled and the picture must be current). */
  frame(force = false) {
    this.lastFrame = this.now();
    return this.race.sendFrame({ playing: this.playing, busy: this.busy, stepsPerSecond: this.stepsPerSecond, force });
  }

  // The next chunk: a paced race's after 15 ms; at full speed, at once, as a task of its own posted
  // through a MessageChannel (messages from the page still come between chunks). Not
  // setTimeout(0): a timer set from a timer callback more than 5 levels deep waits at least 4 ms
  // (HTML standard, timer initialization steps), and one worker then idled 4 ms of every 16 ms
  // chunk — measured, it used 0.81 of its core.
  schedule() {
    if (this.scheduled || !this.playing) return;
    this.scheduled = true;
    if (this.speed > 0 || typeof MessageChannel !== 'function') { setTimeout(() => this.chunk(), this.speed > 0 ? 15 : 0); return; }
    if (!this.wake) {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => this.chunk();
      channel.port1.unref?.();   // Node (tests): a waiting port does not keep the process alive
      this.wake = channel.port2;
    }
    this.wake.postMessage(0);
  }

  // Steps in growing/shrinking rounds until ~CHUNK_MS of work is done or the pace budget is spent.
  chunk() {
    this.scheduled = false;
    if (!this.playing || !this.race.racerCount) return;
    const t0 = this.now();
    let budget = this.budget(t0);
    if (this.race.pooled) { this.pooledChunk(t0, budget); return; }
    let done = 0;
    while (budget > 0 && this.now() - t0 < CHUNK_MS) {
      const s0 = this.now();
      const n = this.race.advance(Math.min(this.k, budget), t0 + CHUNK_MS);
      done += n;
      budget -= n;
      this.paceSteps += n;
      const dt = this.now() - s0;
      if (n === 0 || this.race.done) break;
      if (dt < CHUNK_MS / 4) this.k = Math.min(this.k * 2, 1 << 16);
      else if (dt > CHUNK_MS) this.k = Math.max(1, this.k >> 1);
    }
    this.endChunk(t0, done, budget);
  }

  // Steps the pace allows now (Infinity: unpaced).
  budget(t0) {
    if (!(this.speed > 0)) return Infinity;
    const budget = Math.floor(((t0 - this.paceT0) / 1000) * this.speed) - this.paceSteps;
    if (budget > 4 * this.speed) { this.restartPace(); return 1; }   // fell far behind (tab hidden): no burst
    return budget;
  }

  // A pooled race: one round on all pool workers at once, sized to take ~POOL_ROUND_MS. At full
  // speed the pool works one round ahead (race.js advancePooled), so its workers never wait for
  // this worker between rounds; a paced race asks only for the steps its pace allows.
  async pooledChunk(t0, budget) {
    const n = budget > 0 ? Math.min(this.k, budget) : 0;
    const race = this.race.pooled;
    const done = n > 0 ? await this.race.advance(n, Infinity, budget === Infinity) : 0;
    if (this.race.pooled !== race) { this.schedule(); return; }   // a new race meanwhile
    this.paceSteps += done;
    const dt = this.now() - t0;
    if (dt < POOL_ROUND_MS / 2) this.k = Math.min(this.k * 2, 1 << 16);
    else if (dt > POOL_ROUND_MS * 2) this.k = Math.max(1, this.k >> 1);
    if (!this.playing) return;   // paused meanwhile: the pause sent its frame
    this.endChunk(t0, done, budget - done);
  }

  endChunk(t0, done, budget) {
    const now = this.now();
    this.busy = now - t0 > SLOW_STEP_MS;
    this.rateSteps += done;
    if (now - this.rateT0 > 500) {
      this.stepsPerSecond = (this.rateSteps * 1000) / (now - this.rateT0);
      this.rateT0 = now; this.rateSteps = 0;
    }
    const finished = this.race.done || (done === 0 && budget > 0);
    if (finished) this.playing = false;
    // A race sends fewer, bigger frames: the page's work per frame grows with the number of racers.
    const gap = this.race.racerCount > 2 ? FRAME_MS * 1.5 : FRAME_MS;
    if (finished || this.busy || now - this.lastFrame >= gap) this.frame(finished);
    this.schedule();
  }
}
