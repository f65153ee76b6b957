// What the charts draw, from the curves (curves.js): the x column (step, or wall-clock ms /
// function evaluations), one y series per racer (plus test and averaged-test series), strided so a
// chart never draws more than MAX_POINTS points per series, and the y range of a log axis. No DOM
// and no uPlot; tested under Node (tests/node/web-charts.test.mjs).

export const MAX_POINTS = 400;
// A log axis spans at most this many decades below its top: a gradient norm that falls to 1e-300
// (or a denormal) would otherwise ask for hundreds of ticks.
export const MAX_DECADES = 30;

/** The rows every series draws: 0, k, 2k, … and the last, the same for every racer. */
export function strideIndices(longest, maxPoints = MAX_POINTS) {
  const k = Math.max(1, Math.ceil(longest / maxPoints));
  const idx = [];
  for (let i = 0; i < longest; i += k) idx.push(i);
  if (longest && idx[idx.length - 1] !== longest - 1) idx.push(longest - 1);
  return idx;
}

/** The offset subtracted from every y: f* for an "f − f*" axis (finite known minimum), else 0. */
export function yOffset(chart, minimum) {
  return chart.offset && Number.isFinite(minimum) ? minimum : 0;
}

/** y value as drawn: null for non-finite, and on a log axis for v ≤ 0 (no place on it). */
export function yValue(v, offset, log) {
  if (v === null || !Number.isFinite(v)) return null;
  const z = v - offset;
  return log ? (z > 0 ? z : null) : z;
}

/**
 * uPlot data for one chart: [xs, ...ys]. chart = {log, time, col, testCol?, avgCol?}; curves from
 * curves.js; xCol: the step column, or for a time chart the evaluations column (surfaces) or
 * undefined (wall-clock times). offset: yOffset().
 */
export function chartData(curves, chart, { xCol, offset = 0 } = {}) {
  const runs = curves.racers;
  const longest = Math.max(0, ...runs.map((r) => r.rows.length));
  const idx = strideIndices(longest);
  const y = (v) => yValue(v, offset, chart.log);
  if (chart.time) {
    const tables = runs.map((r) => {
      const own = idx.filter((i) => i < r.rows.length);
      const xs = own.map((i) => (xCol !== undefined ? r.rows[i][xCol] : r.times[i]));
      // uPlot.join needs increasing x: times are non-strictly increasing, so nudge equal ones.
      for (let i = 1; i < xs.length; i++) if (!(xs[i] > xs[i - 1])) xs[i] = xs[i - 1] + 1e-9;
      return [xs, own.map((i) => y(r.rows[i][chart.col]))];
    });
    return tables;
  }
  const xs = idx.map((i) => runs.find((r) => r.rows.length > i).rows[i][xCol]);
  const data = [xs];
  for (const r of runs) {
    for (const col of [chart.col, chart.testCol, chart.avgCol]) {
      if (col === undefined) continue;
      data.push(idx.map((i) => (i < r.rows.length ? y(r.rows[i][col]) : null)));
    }
  }
  return data;
}

/** The y range of a log axis for these series: whole decades around the finite positive values,
 *  at most MAX_DECADES of them (the lowest values are then drawn at the bottom edge). Values that
 *  stay within a factor NARROW of each other get their own range instead (padded by 5% of it, in
 *  log units): whole decades would draw them as one flat line — on the momentum lesson's flat bowl
 *  f falls from 500000 to 499810 over the run, and racers that fall 4, 20 and 190 must not look
 *  alike. The axis's ticks (logTicks) then say how narrow the range is.
 *
 *  headroom (decades): the top of the axis is at most this far above the (lower) median of the
 *  series' largest values, so one racer that blows up (Rosenbrock at too large a rate climbs to 1e289
 *  before it overflows) leaves the chart at its top edge instead of pushing the other racers
 *  below its bottom edge; Infinity (the default) puts every value on the axis. */
export function logRange(series, { headroom = Infinity } = {}) {
  let lo = Infinity, hi = -Infinity;
  const peaks = [];
  for (const s of series) {
    let peak = -Infinity;
    for (const v of s) if (v > 0 && Number.isFinite(v)) { if (v < lo) lo = v; if (v > peak) peak = v; }
    if (peak > 0) peaks.push(peak);
  }
  if (!Number.isFinite(lo)) return [0.1, 10];
  peaks.sort((a, b) => a - b);
  hi = peaks[peaks.length - 1];
  if (Number.isFinite(headroom)) {
    const median = peaks[Math.floor((peaks.length - 1) / 2)];   // the lower median: of 2 racers, the one that did not blow up
    hi = Math.min(hi, median * 10 ** headroom);
    lo = Math.min(lo, hi);
  }
  if (hi > lo && hi <= NARROW * lo) {
    const pad = (hi / lo) ** 0.05;
    return [lo / pad, hi * pad];
  }
  let top = Math.ceil(Math.log10(hi)), bottom = Math.floor(Math.log10(lo));
  if (top === bottom) { top += 1; bottom -= 1; }
  bottom = Math.max(bottom, top - MAX_DECADES);
  return [10 ** bottom, 10 ** top];
}
const NARROW = 5;   // a range narrower than this factor is not drawn over whole decades

/** Ticks of a log axis over [lo, hi]: whole decades, every decade or every 2nd, 5th, … so at most
 *  `most` ticks; over a range narrower than a decade (logRange's own range of values that hardly
 *  change), evenly spaced round numbers (1, 2 or 5 × 10ⁿ apart), at least two. Label them with
 *  format.js logTickTexts. */
export function logTicks(lo, hi, most = 8) {
  if (hi < 9.99 * lo) {
    const p = 10 ** Math.floor(Math.log10((hi - lo) / most));
    const step = [1, 2, 5, 10].map((m) => m * p).find((st) => (hi - lo) / st <= most);
    const out = [];
    for (let k = Math.ceil(lo / step); k * step <= hi; k++) out.push(k * step);
    return out;
  }
  const a = Math.round(Math.log10(lo)), b = Math.round(Math.log10(hi));
  const span = Math.max(1, b - a);
  const every = [1, 2, 5, 10, 20, 50].find((s) => span / s <= most) ?? Math.ceil(span / most);
  const out = [];
  for (let e = Math.ceil(a / every) * every; e <= b; e += every) out.push(10 ** e);
  return out;
}
