#include "run/step_readouts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "math/norm.hpp"

namespace optlab {

void StepReadouts::configure(const TraceSpec& trace, Index n, std::vector<std::string>& columns) {
  step_length_ = trace.step_length;
  effective_lr_ = trace.effective_lr;
  if (step_length_) {
    diff_.assign(static_cast<std::size_t>(n), 0.0);
    columns.push_back("step_length");
  }
  if (effective_lr_) {
    rates_.assign(static_cast<std::size_t>(n), 0.0);
    for (const char* c : {"lr_eff_min", "lr_eff_q10", "lr_eff_median", "lr_eff_q90", "lr_eff_max"}) columns.push_back(c);
    for (int k = 0; k < kBins; ++k) {
      char name[16];
      std::snprintf(name, sizeof name, "lr_eff_h%02d", k);
      columns.push_back(name);
    }
  }
}

template <typename T>
void StepReadouts::append(const Optimizer<T>& opt, double lr, const T* theta, const T* before,
                          std::vector<double>& row) {
  if (step_length_) {
    double len = std::nan("");
    if (before) {
      for (std::size_t i = 0; i < diff_.size(); ++i)
        diff_[i] = static_cast<double>(theta[i]) - static_cast<double>(before[i]);
      len = scaled_norm(diff_.data(), static_cast<Index>(diff_.size()));
    }
    row.push_back(len);
  }
  // Row 0: no step yet, so no rate was used (r = 0 would read as ε/δ).
  if (effective_lr_) append_rates(before && !rates_.empty() && opt.effective_learning_rates(lr, rates_.data()), row);
}

void StepReadouts::append_rates(bool have, std::vector<double>& row) {
  if (!have) {
    row.insert(row.end(), 5 + kBins, std::nan(""));
    return;
  }
  // Histogram first (order-free), then quantiles by partial sorts of the same buffer.
  const std::size_t n = rates_.size();
  const std::size_t first = row.size() + 5;
  row.insert(row.end(), 5 + kBins, 0.0);
  for (double v : rates_) {
    const double b = std::floor((std::log10(v) - kLogLow) / kBinWidth);
    const int k = std::isnan(b) ? kBins - 1 : static_cast<int>(std::clamp(b, 0.0, static_cast<double>(kBins - 1)));
    row[first + static_cast<std::size_t>(k)] += 1.0 / static_cast<double>(n);
  }
  const double qs[5] = {0.0, 0.1, 0.5, 0.9, 1.0};
  for (int j = 0; j < 5; ++j) {
    const auto at = rates_.begin() + static_cast<std::ptrdiff_t>(std::floor(qs[j] * static_cast<double>(n - 1)));
    std::nth_element(rates_.begin(), at, rates_.end());
    row[first - 5 + static_cast<std::size_t>(j)] = *at;
  }
}

template void StepReadouts::append<float>(const Optimizer<float>&, double, const float*, const float*,
                                          std::vector<double>&);
template void StepReadouts::append<double>(const Optimizer<double>&, double, const double*, const double*,
                                           std::vector<double>&);

}  // namespace optlab
