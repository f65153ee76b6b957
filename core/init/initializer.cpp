#include "init/initializer.hpp"

#include <cmath>
#include <stdexcept>

namespace optlab {

void initialize(const InitSpec& spec, float* w, Index rows, Index cols, Rng& rng) {
  const Index n = rows * cols;
  const double fan_in = static_cast<double>(cols), fan_out = static_cast<double>(rows);
  auto fill_uniform = [&](double lo, double hi) {
    for (Index i = 0; i < n; ++i) w[i] = static_cast<float>(rng.uniform(lo, hi));
  };
  if (spec.name == "zeros") {
    for (Index i = 0; i < n; ++i) w[i] = 0.f;
  } else if (spec.name == "ones") {
    for (Index i = 0; i < n; ++i) w[i] = 1.f;
  } else if (spec.name == "constant") {
    for (Index i = 0; i < n; ++i) w[i] = static_cast<float>(spec.value);
  } else if (spec.name == "random_uniform") {
    fill_uniform(spec.minval, spec.maxval);
  } else if (spec.name == "random_normal") {
    for (Index i = 0; i < n; ++i) w[i] = static_cast<float>(rng.normal(spec.mean, spec.stddev));
  } else if (spec.name == "glorot_uniform") {
    double limit = std::sqrt(6.0 / (fan_in + fan_out));
    fill_uniform(-limit, limit);
  } else if (spec.name == "default_uniform") {
    double limit = 1.0 / std::sqrt(fan_in);
    fill_uniform(-limit, limit);
  } else {
    throw std::invalid_argument("unknown initializer '" + spec.name + "'");
  }
}

}  // namespace optlab
