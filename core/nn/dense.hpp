// Fully connected layer  Y = X Wᵀ + b  (torch.nn.Linear):
//   X (B, in), W (out, in) row-major, b (out); parameters laid out [W, b].
// Backward:  dW = dYᵀ X,  db = Σ_rows dY,  dX = dY W.
// The three products go through gemm_rowmajor (core/math/gemm.hpp): dYᵀ is read through strides
// (never materialized); the forward copies W into Wᵀ once per call (in·out floats, 1/B of the
// product's work) so that every product is the same broadcast kernel over contiguous rows. In wasm
// this runs 1.5–2× Eigen 3.4's products (which have no SIMD128 path) and far faster on
// Playground-sized layers, and native and wasm compute bit-identical products.
#pragma once

#include "init/initializer.hpp"
#include "nn/layer.hpp"

namespace optlab {

class Dense final : public Layer {
 public:
  Dense(Index in, Index out, InitSpec weight_init = {}, InitSpec bias_init = {"zeros"})
      : Layer(in, out), weight_init_(std::move(weight_init)), bias_init_(std::move(bias_init)), wt_(in, out) {}

  std::string describe() const override;
  Index param_count() const override { return out_ * in_ + out_; }
  void init_params(float* params, Rng& rng) const override;
  void forward(const float* params, ConstMatRef x, bool training) override;
  void backward(const float* params, float* grads, ConstMatRef x, ConstMatRef dy, float* dx) override;

  const InitSpec& weight_init() const { return weight_init_; }
  const InitSpec& bias_init() const { return bias_init_; }

 private:
  InitSpec weight_init_, bias_init_;
  Mat wt_;  // Wᵀ (in, out), refreshed by every forward: the forward product's right operand
};

}  // namespace optlab
