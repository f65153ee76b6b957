// An elementwise activation as a layer of its own, so a normalization layer can sit between a
// dense layer and its nonlinearity.
#pragma once

#include "nn/activation.hpp"
#include "nn/layer.hpp"

namespace optlab {

class ActivationLayer final : public Layer {
 public:
  ActivationLayer(Index width, Activation a) : Layer(width, width), act_(a) {}
  std::string describe() const override { return activation_name(act_); }
  Activation activation() const { return act_; }
  void forward(const float*, ConstMatRef x, bool) override {
    activation_forward(act_, x.data(), output_buffer(x.rows()).data(), x.size());
  }
  void backward(const float*, float*, ConstMatRef x, ConstMatRef dy, float* dx) override {
    if (dx) activation_backward(act_, x.data(), output(x.rows()).data(), dy.data(), dx, x.size());
  }

 private:
  Activation act_;
};

}  // namespace optlab
