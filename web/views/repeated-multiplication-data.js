// What the "repeated-multiplication" view draws (views/repeated-multiplication.js), from the core's
// readout columns (core/run/repeated_multiplication.hpp): no DOM, tested under Node
// (tests/node/web-repeated-multiplication.test.mjs).

/** The eigenvalue field's text as the readout's "eigenvalues": numbers where a token is one, the
 *  token itself otherwise (the core then names it: eigenvalues[i] must be a number). */
export function parseEigenvalues(text) {
  return String(text).split(/[\s,;]+/).filter(Boolean).map((s) => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : s));
}

/** uPlot data [t, ‖Wᵗv‖ tied, ‖W_t⋯W_1 v‖ untied, |c_1||λ_1|ᵗ, …] with null where a value has no
 *  place on a log axis (0, overflow), and the eigenvalue of each component series. */
export function repeatedMultiplicationData(columns, eigenvalues) {
  const positive = (v) => (Number.isFinite(v) && v > 0 ? v : null);
  const ts = columns.step;
  const data = [ts, columns.norm_tied.map(positive), columns.norm_untied.map(positive)];
  const lambdas = [];
  for (let i = 0; columns[`component_${i}`]; i++) {
    data.push(columns[`component_${i}`].map(positive));
    lambdas.push(eigenvalues[i]);
  }
  return { data, lambdas };
}

/** Mean growth per step of a norm series, (ln ‖x_T‖ − ln ‖x_0‖)/T as a factor e^{…}: ≈ max|λ| for the
 *  tied chain (eq. 8.12); NaN when an end is not positive. */
export function growthPerStep(values) {
  const a = values[0], b = values[values.length - 1], T = values.length - 1;
  return T > 0 && a > 0 && b > 0 ? Math.exp((Math.log(b) - Math.log(a)) / T) : NaN;
}
