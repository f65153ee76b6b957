// What the lecture's extra views draw (views/lecture-views.js), from the curves (curves.js) and
// the racers' optimizer objects: no DOM, no uPlot, tested under Node (tests/node/web-views.test.mjs).
//
// Every function takes the curves {columns, col, racers: [{rows}]} and returns plain arrays; a
// value that is missing, not finite, or has no place on a log axis is null (uPlot leaves a gap).
import { strideIndices, chartData } from './chart-data.js';

export const EFFECTIVE_LR_BINS = 20;     // lr_eff_h00 … lr_eff_h19 (core/run/step_readouts.hpp)
export const EFFECTIVE_LR_LOG_LOW = -8;  // the first bin starts at 10⁻⁸
export const EFFECTIVE_LR_BIN_WIDTH = 0.5;   // decades per bin

const finite = (v) => (v !== null && Number.isFinite(v) ? v : null);
const positive = (v) => (v !== null && Number.isFinite(v) && v > 0 ? v : null);

/** Whether every column is in the trace. */
export const hasColumns = (curves, names) => names.every((c) => curves.col[c] !== undefined);

/**
 * uPlot data [xs, …ys] with one y series per (racer, quantity): quantities = [{value(row, col, i)}],
 * value returns a number or null; series are ordered racer-major (racer 0's quantities first).
 */
export function seriesData(curves, quantities) {
  const runs = curves.racers;
  const longest = Math.max(0, ...runs.map((r) => r.rows.length));
  const idx = strideIndices(longest);
  const stepCol = curves.col.step;
  const xs = idx.map((i) => runs.find((r) => r.rows.length > i).rows[i][stepCol]);
  const data = [xs];
  runs.forEach((r, ri) => {
    for (const q of quantities) data.push(idx.map((i) => (i < r.rows.length ? q.value(r.rows[i], curves.col, ri) : null)));
  });
  return data;
}

/** A column as drawn on a linear (or asinh) axis, and on a log axis. */
export const column = (name) => ({ value: (row, col) => finite(row[col[name]]) });
export const logColumn = (name) => ({ value: (row, col) => positive(row[col[name]]) });

/**
 * The two terms of the ill-conditioning test (book eq. 8.10): a gradient step of size ε changes the
 * cost by about −ε gᵀg + ½ε² gᵀHg. ε is the row's lr (the step that leaves θ_k).
 */
export const descentTerm = { value: (row, col) => finite(-row[col.lr] * row[col.gTg]) };
export const curvatureTerm = { value: (row, col) => finite(0.5 * row[col.lr] ** 2 * row[col.gTHg]) };

/** α of a racer's optimizer for the terminal velocity: its momentum, 0 for plain SGD, null otherwise. */
export function momentumOf(optimizer) {
  if (!optimizer) return null;
  if (optimizer.name === 'sgd') return Number(optimizer.momentum ?? 0);
  if (optimizer.name === 'momentum' || optimizer.name === 'nesterov') return Number(optimizer.momentum ?? 0.9);
  return null;
}

/**
 * The terminal velocity ε‖g‖/(1 − α) (book §8.3.2, eq. 8.17): the step length momentum reaches
 * when it keeps seeing the same gradient g. ε is the row's lr; alphaAt(i, step): racer i's α for the
 * step that leaves θ_step (a change of α mid-run moves the line from there on; null: no line).
 */
export function terminalVelocity(alphaAt) {
  return {
    value: (row, col, i) => {
      const a = alphaAt(i, row[col.step]);
      return a === null || a === undefined || a >= 1 ? null : positive(row[col.lr] * row[col.grad_norm] / (1 - a));
    },
  };
}

/**
 * The effective-learning-rate histogram of one racer over its logged rows: {steps, bins, fractions}
 * with fractions[r][b] the share of parameters in bin b at row r, bins[b] = log₁₀ of the bin's lower edge.
 * Rows without rates (a method without per-parameter rates) have fractions null.
 */
export function effectiveLrHistogram(curves, racer) {
  const rows = curves.racers[racer]?.rows ?? [];
  const cols = Array.from({ length: EFFECTIVE_LR_BINS }, (_, b) => curves.col[`lr_eff_h${String(b).padStart(2, '0')}`]);
  const bins = cols.map((_, b) => EFFECTIVE_LR_LOG_LOW + b * EFFECTIVE_LR_BIN_WIDTH);
  if (cols.some((c) => c === undefined)) return { steps: [], bins, fractions: [] };
  const idx = strideIndices(rows.length, 200);
  return {
    steps: idx.map((i) => rows[i][curves.col.step]),
    bins,
    fractions: idx.map((i) => {
      const f = cols.map((c) => rows[i][c]);
      return f.every(Number.isFinite) ? f : null;
    }),
  };
}

/**
 * Training loss against epochs (passes over the training set; epochs × training-set size = examples
 * seen), one table [xs, ys] per racer: x is the row's epoch column, y its loss. Racers with different
 * batch sizes log at different epochs, so each has its own x (uPlot.join them). Rows at epoch 0 (the
 * start, equal for all) are left out: the x axis is logarithmic, since m = 1 and m = 256 cover 4 and
 * 1000 epochs in the same number of steps (lessons/minibatch-size.json). [] without an epoch column.
 */
export function epochTables(curves) {
  const { epoch, loss } = curves.col;
  if (epoch === undefined || loss === undefined) return [];
  return chartData(curves, { time: true, col: loss, log: true }, { xCol: epoch }).map(([xs, ys]) => {
    const keep = xs.map((x, i) => (x > 0 ? i : -1)).filter((i) => i >= 0);
    return [keep.map((i) => xs[i]), keep.map((i) => ys[i])];
  });
}

/** The gradient-noise lines of the core (run/gradient_noise.hpp) as plot data: m, measured, σ/√m, slope. */
export function gradientNoiseData(lines) {
  const rows = lines.map((l) => (typeof l === 'string' ? JSON.parse(l) : l));
  const summary = rows.find((r) => r.summary) ?? {};
  const points = rows.filter((r) => !r.summary);
  return {
    m: points.map((r) => r.batch_size),
    measured: points.map((r) => positive(r.std_error)),
    predicted: points.map((r) => positive(r.sigma_over_sqrt_m)),
    slope: summary.slope ?? null,
    sigma: summary.sigma ?? null,
    samples: summary.samples ?? null,
    examples: summary.examples ?? null,
  };
}

/**
 * The spec with what a view needs turned on (views outside lessons): trace switches, or Polyak
 * averaging for every racer — the base's optimizer and each racer's own optimizer patch (a racer
 * that only patches other fields takes the base's; docs/racing.md). Returns {spec} (a copy) or null
 * when nothing changes.
 */
export function withNeeds(spec, needs) {
  if (!needs || !spec) return null;
  const next = structuredClone(spec);
  let changed = false;
  for (const [key, value] of Object.entries(needs.trace ?? {})) {
    next.trace = next.trace ?? {};
    if (next.trace[key] === true || (typeof next.trace[key] === 'object' && next.trace[key] !== null)) continue;
    next.trace[key] = value;
    changed = true;
  }
  if (needs.average) {
    for (const o of [next.optimizer, ...(next.racers ?? []).map((r) => r?.optimizer)]) {
      if (!o || (o.average && o.average !== 'none')) continue;
      o.average = needs.average;
      changed = true;
    }
  }
  return changed ? { spec: next } : null;
}

/** A racer's name without its seed ("seed 1, curriculum" → "curriculum"; Japanese "シード 1、カリキュラム"
 *  → "カリキュラム"): the name of its configuration over seeds. */
export function withoutSeed(name) {
  return String(name ?? '').replace(/(\bseed|シード)\s*\d+\s*[,;:·、]?\s*/iu, '').replace(/^[\s,;:·、]+|[\s,;:·、]+$/gu, '');
}

/** Seeds the "seeds" view trains each configuration with: 1…SEEDS (the runner's seed key). */
export const SEEDS = 20;

/**
 * The racers' configurations over seeds (the "seeds" view): racers whose complete specs differ only
 * in `seed` are one configuration (the curriculum lesson's "seed k, curriculum" racers, k = 1, 2).
 * racers: [{index, label, spec}] (state.racers). Returns {groups: [{racers: [i…], label}], runs:
 * [{group, seed, spec}]} with each configuration's spec at seeds 1…n — runs the worker trains to the
 * end (worker/seeds.js). A group's label is its first racer's without "seed k" (or "racer i").
 */
export function seedRuns(racers, n = SEEDS) {
  const groups = [], keys = new Map(), runs = [];
  racers.forEach((r, i) => {
    const { seed, label, racer, ...rest } = r.spec ?? {};
    const key = JSON.stringify(rest);
    if (!keys.has(key)) {
      const name = withoutSeed(r.label);
      keys.set(key, groups.length);
      groups.push({ racers: [], label: name || `racer ${i + 1}`, spec: rest });
    }
    groups[keys.get(key)].racers.push(i);
  });
  groups.forEach((g, group) => { for (let s = 1; s <= n; s++) runs.push({ group, seed: s, spec: { ...g.spec, seed: s } }); });
  return { groups: groups.map(({ racers: rs, label }) => ({ racers: rs, label })), runs };
}

/**
 * Per seed, each configuration's final test loss, and the first configuration against each later one:
 * results [{group, seed, final_test_loss}] (worker/seeds.js). Returns {seeds, loss: [group][k]
 * (null: not yet / diverged), versus: [{group, lower, n, mean, se}]}: over the seeds both have, on
 * how many group 0's loss is lower than the group's, and the paired difference (group 0 − group)'s
 * mean and standard error (sample standard deviation / √n).
 */
export function seedComparison(groupCount, results, n = SEEDS) {
  const seeds = Array.from({ length: n }, (_, k) => k + 1);
  const loss = Array.from({ length: groupCount }, () => seeds.map(() => null));
  for (const r of results) {
    if (r.group < groupCount && r.seed >= 1 && r.seed <= n) loss[r.group][r.seed - 1] = finite(r.final_test_loss);
  }
  const versus = [];
  for (let g = 1; g < groupCount; g++) {
    const d = seeds.map((_, k) => (loss[g][k] !== null && loss[0][k] !== null ? loss[0][k] - loss[g][k] : null)).filter((v) => v !== null);
    const mean = d.length ? d.reduce((a, b) => a + b, 0) / d.length : null;
    const se = d.length > 1 ? Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / (d.length - 1) / d.length) : null;
    versus.push({ group: g, lower: d.filter((v) => v < 0).length, n: d.length, mean, se });
  }
  return { seeds, loss, versus };
}
