#include "optim/learning_rate_schedule.hpp"

namespace optlab {

double LearningRateSchedule::at(long k) const {
  if (name == "linear") {
    if (static_cast<double>(k) >= tau) return lr_final;
    const double a = static_cast<double>(k) / tau;
    return (1.0 - a) * lr + a * lr_final;
  }
  return lr;
}

}  // namespace optlab
