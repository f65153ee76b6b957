// Learning-rate schedules εₖ, applied by the training loop to every method.
//
//   constant   εₖ = ε₀
//   linear     the book's decay (§8.3.1): εₖ = (1 − k/τ) ε₀ + (k/τ) ε_τ for k ≤ τ, then ε_τ
#pragma once

#include <string>

namespace optlab {

struct LearningRateSchedule {
  std::string name = "constant";
  double lr = 0.01;        // ε₀
  double lr_final = 0.0;   // ε_τ (linear)
  double tau = 1.0;        // τ, in steps (linear)

  // Learning rate for step k = 0, 1, 2, …
  double at(long k) const;
};

}  // namespace optlab
