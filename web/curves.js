// The records the page has received, per racer: rows (one number[] per logged record, in the
// race's columns), the wall-clock ms each row's steps took, and the θ trace (surfaces). Charts,
// legend, status and exports read it; only frames write it. No DOM; tested under Node.
export function createCurves(columns = [], racerCount = 0) {
  return {
    columns,
    col: Object.fromEntries(columns.map((c, i) => [c, i])),   // column name -> index
    racers: Array.from({ length: racerCount }, () => ({ rows: [], times: [], trace: [], stepCount: 0, done: false, diverged: null, error: null })),
  };
}

/** Appends one frame's updates (protocol.js toPage.frame): rows are columns-wide Float64Arrays. */
export function appendFrame(curves, updates) {
  const w = curves.columns.length;
  (updates ?? []).forEach((u, i) => {
    const r = curves.racers[i];
    if (!r || !w) return;
    for (let at = 0, j = 0; at + w <= u.rows.length; at += w, j++) {
      r.rows.push(Array.from(u.rows.subarray(at, at + w)));
      r.times.push(u.times[j] ?? NaN);
    }
    for (const v of u.trace) r.trace.push(v);
    r.stepCount = u.stepCount;
    r.done = u.done;
    r.diverged = u.diverged;
    r.error = u.error ?? null;
  });
}

/** The column a run's objective is in: loss (networks), f or value (surfaces). */
export const valueColumn = (curves) => ['loss', 'f', 'value'].find((c) => curves.col[c] !== undefined);

/** Racer i's latest record, or null. */
export const lastRow = (curves, i = 0) => curves.racers[i]?.rows.at(-1) ?? null;
