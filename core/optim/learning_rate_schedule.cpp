#include "optim/learning_rate_schedule.hpp"

#include <cmath>

#include "math/portable_math.hpp"

namespace optlab {

void LearningRateSchedule::validate() const {
  if (name != "constant" && name != "linear" && name != "step" && name != "exponential" && name != "cosine")
    throw OptionError("schedule", "must be constant, linear, step, exponential or cosine, got \"" + name + "\"");
  check_option("lr", lr, kLr);
  check_option("lr_final", lr_final, kLrFinal);
  check_option("tau", tau, Range::closed(1.0, static_cast<double>(kMaxSteps)));
  check_option("step_size", static_cast<long long>(step_size), 1, kMaxSteps);
  check_option("gamma", gamma, kGamma);
  check_option("warmup_steps", static_cast<long long>(warmup_steps), 0, kMaxSteps);
  check_option("warmup_start_factor", warmup_start_factor, kWarmupStartFactor);
}

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
