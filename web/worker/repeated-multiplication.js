// "Repeated multiplication" (book §8.2.5, eq. 8.11–8.13): the worker side. The core's readout
// (core/run/repeated_multiplication.hpp) multiplies a random unit vector v by the same matrix
// W = Q diag(λ) Qᵀ t times, and by an untied chain W_t ⋯ W_1 of independently drawn matrices with the
// same eigenvalues; each row holds ‖Wᵗv‖, ‖W_t⋯W_1 v‖, ρᵗ and the eigen-components |c_i||λ_i|ᵗ.
// The page side, the view, is web/views/repeated-multiplication.js. The same readout from the
// command line: {"seed": 1, "readout": {"eigenvalues": [1.1, 0.9, 0.5], "length": 50}}.
import { toPage } from '../protocol.js';

/** The readout spec of a page request {eigenvalues, length, seed}. */
export const readoutSpec = ({ eigenvalues, length, seed }) => ({ seed, readout: { name: 'repeated_multiplication', eigenvalues, length } });

/** Runs in the worker: the readout's rows as columns {step: [...], norm_tied: [...], …}, or the
 *  core's error {error, field} (an eigenvalue out of range names eigenvalues[i]). */
export function computeRepeatedMultiplication(lab, req) {
  const request = { eigenvalues: req.eigenvalues, length: req.length, seed: req.seed };
  let run = null;
  try {
    run = lab.createRun(readoutSpec(request));
    run.step(run.totalSteps);
    const names = run.columns, rows = run.records(), k = names.length;
    const columns = Object.fromEntries(names.map((n, j) => [n, Array.from({ length: rows.length / k }, (_, i) => rows[i * k + j])]));
    return toPage.repeatedMultiplication({ id: req.id, request, columns });
  } catch (e) {
    return toPage.repeatedMultiplication({ id: req.id, request, error: e?.message ?? String(e), field: e?.field ?? null });
  } finally {
    run?.delete();
  }
}
