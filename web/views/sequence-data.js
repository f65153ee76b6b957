// Sequence data sets (docs/recurrent.md): each example is a sequence of L steps of D features,
// stored as one input row of L·D values, step by step. The digits view shows a test sequence as the
// task reads it — the symbol at each step, the marked step — instead of rows of one-hot numbers.
// No DOM; tested under Node (tests/node/web-sequence-data.test.mjs).

// The data sets whose rows are sequences (core/problems/sequence.hpp).
const SEQUENCE_DATASETS = ['recall', 'adding'];

/** {name, length L, features D} of the spec's sequence data set with rows of `dim` = L·D values,
 *  or null for data that is not a sequence. */
export function sequenceShape(dataset, dim) {
  if (!dataset || !SEQUENCE_DATASETS.includes(dataset.name)) return null;
  const L = dataset.length;
  if (!Number.isInteger(L) || L < 1 || !(dim > 0) || dim % L !== 0) return null;
  return { name: dataset.name, length: L, features: dim / L };
}

/**
 * The steps of one sequence to show: the first `head` steps, then the last one (`gap`: how many lie
 * between). row: the example's L·D raw values; classes: the data set's classes.
 * Each step {t (1-based), text, marked}: with D = classes + 1 (recall: one-hot symbol + marker in the
 * last feature) the text is the symbol, the index of the largest of the first `classes` features;
 * otherwise the first feature's value (adding: u_t), to 2 decimals. `marked`: the last feature is
 * set (recall: step 1, whose symbol is the label; adding: the two steps whose u_t are summed).
 */
export function sequenceSteps(row, shape, classes, head = 11) {
  const { length: L, features: D } = shape;
  const symbols = classes > 0 && D === classes + 1;
  const step = (t) => {
    const x = row.slice((t - 1) * D, t * D);
    let text;
    if (symbols) {
      let best = 0;
      for (let k = 1; k < classes; ++k) if (x[k] > x[best]) best = k;
      text = String(best);
    } else text = Number(x[0]).toFixed(2);
    return { t, text, marked: D > 1 && x[D - 1] > 0.5 };
  };
  const shown = L <= head + 1 ? Array.from({ length: L }, (_, i) => i + 1) : [...Array.from({ length: head }, (_, i) => i + 1), L];
  return { steps: shown.map(step), gap: L - shown.length };
}
