// Learning-rate schedules εₖ, applied by the training loop to every method (k = 0, 1, 2, … is the
// number of steps already taken, so the first step uses ε₀).
//
//   constant     εₖ = ε₀
//   linear       the book's decay (§8.3.1): εₖ = (1 − k/τ) ε₀ + (k/τ) ε_τ for k ≤ τ, then ε_τ
//   step         εₖ = ε₀ · γ^⌊k/step_size⌋                    (torch.optim.lr_scheduler.StepLR)
//   exponential  εₖ = ε₀ · γᵏ                                 (ExponentialLR)
//   cosine       εₖ = ε_τ + ½ (ε₀ − ε_τ)(1 + cos(π k/τ)) for k ≤ τ, then ε_τ
//                                                            (CosineAnnealingLR, T_max = τ, η_min = ε_τ)
//
// Optional linear warm-up over W = warmup_steps steps (W = 0: none): for k < W,
// εₖ = ε₀ · (f + (1 − f) k/W) with f = warmup_start_factor (PyTorch's LinearLR(start_factor=f,
// total_iters=W)); afterwards the schedule above runs on the shifted clock k − W, so the decay
// starts when the warm-up ends (PyTorch's SequentialLR([LinearLR, decay], milestones=[W])).
#pragma once

#include <string>

#include "math/range.hpp"

namespace optlab {

struct LearningRateSchedule {
  std::string name = "constant";
  double lr = 0.01;        // ε₀
  double lr_final = 0.0;   // ε_τ (linear, cosine)
  double tau = 1.0;        // τ, in steps (linear, cosine)
  long step_size = 1000;   // steps between decays (step)
  double gamma = 0.1;      // decay factor (step: per step_size steps; exponential: per step)
  long warmup_steps = 0;   // W
  double warmup_start_factor = 0.1;  // f

  static constexpr Range kLr = Range::positive(), kLrFinal = Range::non_negative(),
                         kGamma = Range::unit_left_open(), kWarmupStartFactor = Range::closed(0.0, 1.0);
  static constexpr long long kMaxSteps = 100000000;  // tau, step_size, warmup_steps

  // Learning rate for step k = 0, 1, 2, …
  double at(long k) const;
  // Throws OptionError naming the field (lr, schedule, lr_final, tau, step_size, gamma, warmup_*).
  // The training loops call it before the first step.
  void validate() const;
};

}  // namespace optlab
