// Readouts of the last step and of the optimizer's per-parameter rates, as trace columns
// (networks and surfaces alike):
//
//   trace.step_length   step_length = ‖θ_k − θ_{k−1}‖₂, the length of the step that produced the
//                       row's θ_k (NaN on row 0). Under a constant gradient g, momentum's steps
//                       approach the terminal velocity ε‖g‖/(1 − α) (book §8.3.2, eq. 8.17).
//   trace.effective_lr  the distribution over parameters of the effective learning rate of
//                       adaptive methods — ε/(δ + √r) for AdaGrad (Algorithm 8.4), ε/√(δ + r) for
//                       RMSProp (8.5), ε/(√r̂ + δ) for Adam (8.7): the per-parameter rates the step
//                       that produced θ_k used (r as that step left it), with ε = the row's lr
//                       (the same ε under a constant rate; Optimizer::effective_learning_rates); NaN
//                       on row 0 (no step yet):
//                       lr_eff_min, lr_eff_q10, lr_eff_median, lr_eff_q90, lr_eff_max (quantiles by
//                       nearest rank: element ⌊q(n − 1)⌋ of the sorted rates), and a histogram
//                       lr_eff_h00 … lr_eff_h19: the fraction of parameters whose log₁₀ rate lies in
//                       [−8 + k/2, −7.5 + k/2) (half decades from 10⁻⁸ to 10²; rates outside are
//                       counted in the first or last bin). All NaN for methods without
//                       per-parameter rates (SGD, momentum, second-order methods).
// Every buffer is allocated by configure(); append() allocates nothing beyond the trace's growth.
#pragma once

#include <string>
#include <vector>

#include "math/types.hpp"
#include "optim/optimizer.hpp"
#include "run/spec.hpp"

namespace optlab {

class StepReadouts {
 public:
  static constexpr int kBins = 20;
  static constexpr double kLogLow = -8.0, kBinWidth = 0.5;  // decades

  // Adds the columns the trace asks for to `columns`; n = number of parameters.
  void configure(const TraceSpec& trace, Index n, std::vector<std::string>& columns);
  bool enabled() const { return step_length_ || effective_lr_; }

  // Appends this row's values (in the order configure() added the columns) to `row`.
  // theta, before: θ_k and θ_{k−1} (before == nullptr on row 0).
  template <typename T>
  void append(const Optimizer<T>& opt, double lr, const T* theta, const T* before, std::vector<double>& row);

 private:
  void append_rates(bool have, std::vector<double>& row);

  bool step_length_ = false, effective_lr_ = false;
  std::vector<double> diff_, rates_;
};

}  // namespace optlab
