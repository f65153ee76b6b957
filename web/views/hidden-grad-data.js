// What the "rnn-gradients" view draws (views/rnn-gradients.js), from the curves (curves.js): no DOM,
// tested under Node (tests/node/web-rnn-gradients.test.mjs).
//
// A run with trace.hidden_grad has columns grad_h_0 … grad_h_L: ‖∂L/∂h_t‖ of a recurrent network at
// each logged row (core/run/experiment.cpp; book §8.2.5). The view plots them against t: for each racer
// the latest row (solid) and the first row, θ_0 (dashed), with null where a value has no place on a log axis.

/** The hidden-gradient columns of the trace, in t order ([] when the run has none). */
export function hiddenGradColumns(curves) {
  const cols = [];
  for (let t = 0; curves.col[`grad_h_${t}`] !== undefined; t++) cols.push(curves.col[`grad_h_${t}`]);
  return cols;
}

/** uPlot data [ts, racer 0 latest, racer 0 first, racer 1 latest, …], and each series' step. */
export function hiddenGradData(curves) {
  const cols = hiddenGradColumns(curves);
  const ts = cols.map((_, t) => t);
  const data = [ts], steps = [];
  const positive = (v) => (Number.isFinite(v) && v > 0 ? v : null);
  for (const r of curves.racers) {
    for (const row of [r.rows.at(-1), r.rows[0]]) {
      data.push(row ? cols.map((c) => positive(row[c])) : cols.map(() => null));
      steps.push(row ? row[curves.col.step] : null);
    }
  }
  return { data, steps };
}
