// Elementwise activations, forward and backward, over (B, C) row-major activations.
//
// Derivatives are taken from the output y where the function allows it (tanh: 1 − y², sigmoid:
// y(1 − y)), as every framework does, so backward needs only the stored output.
#pragma once

#include <string>

#include "math/types.hpp"

namespace optlab {

enum class Activation { Linear, Tanh, Sigmoid, Relu, LeakyRelu };

// Slope of leaky ReLU for x < 0 (PyTorch's LeakyReLU default negative_slope).
inline constexpr float kLeakyReluSlope = 0.01f;

const char* activation_name(Activation a);
// Returns false when the name is not an activation.
bool parse_activation(const std::string& name, Activation* out);
// Comma-separated list of names, for error messages.
const char* activation_names();

// tanh to within 3.7e-7 relative: the scalar form of the vectorized kernel activation_forward uses.
float tanh_float(float x);
// σ(x) = 1/(1 + e^{−x}): the scalar form of the vectorized sigmoid kernel (same bits in every build).
float sigmoid_float(float x);

// y = f(x), elementwise; x and y may alias.
void activation_forward(Activation a, const float* x, float* y, Index n);
// dx = dy ⊙ f'(x), given x and y = f(x); dx may alias dy.
void activation_backward(Activation a, const float* x, const float* y, const float* dy, float* dx, Index n);

}  // namespace optlab
