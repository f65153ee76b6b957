// Polyak averaging — Goodfellow, Bengio & Courville, *Deep Learning* (2016), §8.7.3 (Polyak &
// Juditsky 1992): report, beside the point θᵗ the optimizer is at, an average of the points it
// visited. The optimizer may leap back and forth across a valley without visiting its floor; the
// average of the points on either side lies close to it.
//
//   polyak   θ̂ᵗ = (1/t) Σ_{i=1..t} θⁱ        (arithmetic mean, kept as θ̂ ← θ̂ + (θ − θ̂)/t)
//   ema      θ̂ᵗ = β θ̂ᵗ⁻¹ + (1 − β) θᵗ       (exponentially decaying average, for nonconvex problems;
//                                              β = ema_decay)
//
// θⁱ are the points after each step; θ̂¹ = θ¹ in both modes (as torch.optim.swa_utils.AveragedModel
// starts), and before any step θ̂ is θ⁰. The average only observes the trajectory: it never feeds
// back into the optimizer. Spec: optimizer.average = "none" | "polyak" | "ema", optimizer.ema_decay.
#pragma once

#include <string>

#include "math/range.hpp"
#include "math/types.hpp"

namespace optlab {

struct AverageOptions {
  static constexpr Range kEmaDecay = Range::unit_open();
  std::string mode = "none";  // "none" | "polyak" | "ema"
  double ema_decay = 0.99;    // β ∈ (0, 1)
  void validate() const {
    if (mode != "none" && mode != "polyak" && mode != "ema")
      throw OptionError("average", "must be none, polyak or ema, got \"" + mode + "\"");
    check_option("ema_decay", ema_decay, kEmaDecay);
  }
};

template <typename T>
class ParameterAverage {
 public:
  explicit ParameterAverage(AverageOptions o = {}) : opt_(validated(std::move(o))) {}
  bool enabled() const { return opt_.mode != "none"; }
  const AverageOptions& options() const { return opt_; }
  // A change mid-run (docs/racing.md): the new EMA decay β (checked), the average so far kept.
  // The mode cannot change (the run's trace columns depend on it).
  void set_ema_decay(double beta) {
    check_option("ema_decay", beta, AverageOptions::kEmaDecay);
    opt_.ema_decay = beta;
  }
  // Allocates and sets θ̂ = θ⁰, no points averaged yet.
  void reset(ConstVecRefT<T> theta0) {
    avg_ = theta0;
    count_ = 0;
  }
  // Folds in the point after a step. Never allocates.
  void update(ConstVecRefT<T> theta);
  const VecT<T>& average() const { return avg_; }
  long count() const { return count_; }

 private:
  AverageOptions opt_;
  VecT<T> avg_;
  long count_ = 0;
};

}  // namespace optlab
