// What fits: the memory and work a validated spec would need, checked before anything is built, so
// that a spec too large for the page (or a 2 GB wasm heap) is refused with a message naming the
// field instead of failing with std::bad_alloc or freezing the page's worker for minutes.
//
// Limits (docs/wasm-api.md, "Limits"):
//   parameters        a network's θ ≤ 2,000,000 (θ, its gradient and up to ~5 optimizer state
//                     vectors of floats each)
//   trace             logged rows × columns ≤ 10,000,000 numbers (80 MB): rows = steps/log_every + 2,
//                     plus the steps trace.layers records
//   trace.params      logged rows × parameters ≤ 10,000,000 numbers
//   trace.layers      traced steps × hidden layers × 2 × 42 statistics ≤ 10,000,000 numbers
//   activations       rows evaluated at once (max(batch, 256), or the whole training set with
//                     trace.curvature) × Σ layer widths ≤ 25,000,000 floats
//   curvature work    multiply-adds of all Hessian readouts (trace.curvature) ≤ 5·10¹⁰
//   data set          samples × inputs (L·D for sequences) ≤ 25,000,000 floats; a recurrent layer's
//                     BPTT buffers count as (L + 1)·H (Elman) or 7(L + 1)·H (LSTM) activation widths
#pragma once

#include "run/spec.hpp"

namespace optlab {

constexpr double kMaxParameters = 2e6;
constexpr double kMaxTraceValues = 1e7;
constexpr double kMaxActivationValues = 2.5e7;
constexpr double kMaxCurvatureWork = 5e10;

// What a spec needs (the quantities the limits above bound), for one run or summed over a race.
struct ResourceNeeds {
  bool surface = false, curvature = false, trace_params = false;
  double rows = 0;        // logged rows: steps / log_every + 2
  double traced = 0;      // steps trace.layers records
  double columns = 0;     // trace columns
  double params = 0;      // θ's size
  double width_sum = 0, hidden = 0, n_train = 0, eval_rows = 0;  // networks
  double curvature_work = 0;  // multiply-adds of all Hessian readouts
  // Numbers the traces hold: rows × columns, θ per row (trace.params), trace.layers' statistics.
  double trace_values() const;
  double activation_values() const { return eval_rows * width_sum; }
};

ResourceNeeds resource_needs(const ExperimentSpec& s);

// Throws SpecError naming the field to change when s would not fit.
void check_resource_limits(const ExperimentSpec& s);

}  // namespace optlab
