// Drawing happens in animation frames: at most one heavy picture (heatmap or contour map) and at
// most one chart per frame (round robin), so an 8-way race never puts five chart redraws, the
// heatmap and the contours into one frame. While playing, each task is redrawn at most every
// `interval` ms; flush() draws everything that is due at once (a run that stands still).
export function createDrawScheduler(isPlaying) {
  const tasks = [];     // {draw, heavy, interval, dirty, drawnAt}
  let scheduled = false, next = 0;

  function tick() {
    scheduled = false;
    const now = performance.now();
    let heavyDone = false;
    for (const t of tasks) {
      if (!t.heavy || !t.dirty || now - t.drawnAt < t.interval) continue;
      t.dirty = false; t.drawnAt = now; t.draw(); heavyDone = true;
    }
    const light = tasks.filter((t) => !t.heavy);
    for (let k = 0; k < light.length && !heavyDone; k++) {
      const t = light[(next + k) % light.length];
      if (!t.dirty || (isPlaying() && now - t.drawnAt < t.interval)) continue;
      t.dirty = false; t.drawnAt = now; t.draw();
      next = (next + k + 1) % light.length;
      break;
    }
    if (tasks.some((t) => t.dirty)) request();
  }
  function request() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(tick);
  }
  return {
    /** A drawing task; returns its handle with .dirty() and .remove(). */
    add(draw, { heavy = false, interval = 250 } = {}) {
      const t = { draw, heavy, interval, dirty: false, drawnAt: 0 };
      tasks.push(t);
      return {
        dirty() { t.dirty = true; request(); },
        remove() { const i = tasks.indexOf(t); if (i >= 0) tasks.splice(i, 1); },
      };
    },
    /** Draws every dirty task now. */
    flush() { for (const t of tasks) if (t.dirty) { t.dirty = false; t.drawnAt = performance.now(); t.draw(); } },
  };
}
