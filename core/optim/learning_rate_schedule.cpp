#include "optim/learning_rate_schedule.hpp"

#include <cmath>

#include "math/portable_math.hpp"

namespace optlab {

double LearningRateSchedule::at(long k) const {
  if (k < warmup_steps) {
    const double a = static_cast<double>(k) / static_cast<double>(warmup_steps);
    return lr * (warmup_start_factor + (1.0 - warmup_start_factor) * a);
  }
  k -= warmup_steps;
  const double kd = static_cast<double>(k);
  if (name == "linear") {
    if (kd >= tau) return lr_final;
    const double a = kd / tau;
    return (1.0 - a) * lr + a * lr_final;
  }
  if (name == "step") return lr * portable::pow(gamma, static_cast<double>(k / step_size));
  if (name == "exponential") return lr * portable::pow(gamma, kd);
  if (name == "cosine") {
    if (kd >= tau) return lr_final;
    const double pi = 3.14159265358979323846;
    return lr_final + 0.5 * (lr - lr_final) * (1.0 + portable::cos(pi * kd / tau));
  }
  return lr;
}

}  // namespace optlab
