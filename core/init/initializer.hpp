// Weight and bias initializers, named and parameterized as Keras names them.
//
// A weight matrix is (fan_out, fan_in), PyTorch's nn.Linear layout. Every draw comes from the
// run's initialization stream, so one seed gives one set of initial weights.
#pragma once

#include <string>

#include "math/rng.hpp"
#include "math/types.hpp"

namespace optlab {

struct InitSpec {
  std::string name = "glorot_uniform";
  double value = 0.0;     // constant
  double mean = 0.0;      // random_normal, truncated_normal
  double stddev = 0.05;   // random_normal, truncated_normal
  double minval = -0.05;  // random_uniform
  double maxval = 0.05;   // random_uniform
};

// Fills w (rows × cols, row-major) for a layer with fan_in = cols inputs and fan_out = rows outputs.
void initialize(const InitSpec& spec, float* w, Index rows, Index cols, Rng& rng);

}  // namespace optlab
