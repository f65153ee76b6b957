#include "nn/activation.hpp"

#include <cmath>
#include <cstring>

namespace optlab {

const char* activation_name(Activation a) {
  switch (a) {
    case Activation::Linear: return "linear";
    case Activation::Tanh: return "tanh";
    case Activation::Sigmoid: return "sigmoid";
    case Activation::Relu: return "relu";
    case Activation::LeakyRelu: return "leaky_relu";
  }
  return "?";
}

const char* activation_names() { return "linear, tanh, sigmoid, relu, leaky_relu"; }

bool parse_activation(const std::string& name, Activation* out) {
  for (Activation a : {Activation::Linear, Activation::Tanh, Activation::Sigmoid, Activation::Relu,
                       Activation::LeakyRelu}) {
    if (name == activation_name(a)) {
      *out = a;
      return true;
    }
  }
  return false;
}

void activation_forward(Activation a, const float* x, float* y, Index n) {
  switch (a) {
    case Activation::Linear:
      if (x != y) std::memcpy(y, x, sizeof(float) * static_cast<std::size_t>(n));
      return;
    case Activation::Tanh:
      for (Index i = 0; i < n; ++i) y[i] = std::tanh(x[i]);
      return;
    case Activation::Sigmoid:
      // Written to avoid overflow of exp for large |x|.
      for (Index i = 0; i < n; ++i) {
        float v = x[i];
        if (v >= 0.f) {
          y[i] = 1.f / (1.f + std::exp(-v));
        } else {
          float e = std::exp(v);
          y[i] = e / (1.f + e);
        }
      }
      return;
    case Activation::Relu:
      for (Index i = 0; i < n; ++i) y[i] = x[i] > 0.f ? x[i] : 0.f;
      return;
    case Activation::LeakyRelu:
      for (Index i = 0; i < n; ++i) y[i] = x[i] > 0.f ? x[i] : kLeakyReluSlope * x[i];
      return;
  }
}

void activation_backward(Activation a, const float* x, const float* y, const float* dy, float* dx, Index n) {
  switch (a) {
    case Activation::Linear:
      if (dx != dy) std::memcpy(dx, dy, sizeof(float) * static_cast<std::size_t>(n));
      return;
    case Activation::Tanh:
      for (Index i = 0; i < n; ++i) dx[i] = dy[i] * (1.f - y[i] * y[i]);
      return;
    case Activation::Sigmoid:
      for (Index i = 0; i < n; ++i) dx[i] = dy[i] * (y[i] * (1.f - y[i]));
      return;
    case Activation::Relu:
      for (Index i = 0; i < n; ++i) dx[i] = x[i] > 0.f ? dy[i] : 0.f;
      return;
    case Activation::LeakyRelu:
      for (Index i = 0; i < n; ++i) dx[i] = x[i] > 0.f ? dy[i] : kLeakyReluSlope * dy[i];
      return;
  }
}

}  // namespace optlab
