// Batch normalization (Ioffe & Szegedy 2015; book §8.7.1) over (B, C) activations, as
// torch.nn.BatchNorm1d(C, eps, momentum, affine=True):
//
//   training:   μ_c = (1/B) Σ_b x_bc,   σ²_c = (1/B) Σ_b (x_bc − μ_c)²     (biased, per feature c)
//               x̂ = (x − μ) / √(σ² + eps),   y = γ ⊙ x̂ + β
//               running_mean ← (1 − momentum)·running_mean + momentum·μ
//               running_var  ← (1 − momentum)·running_var  + momentum·σ²·B/(B − 1)   (unbiased)
//   evaluation: x̂ = (x − running_mean) / √(running_var + eps)      (running stats start at 0 and 1)
//
// Parameters in the flat vector: [γ (C), β (C)], initialized to 1 and 0. The running statistics are
// not parameters (an optimizer must not move them): they live in the layer, like PyTorch's buffers.
//
// Backward of the training forward, with g = dL/dy:
//   dβ = Σ_b g,   dγ = Σ_b g ⊙ x̂,   dx = (γ / (B √(σ² + eps))) ⊙ (B g − dβ − x̂ ⊙ dγ)
// and of the evaluation forward (statistics are constants): dx = γ g / √(running_var + eps).
//
// Every training-mode forward updates the running statistics, as in PyTorch: a method that evaluates
// the minibatch loss several times per step (a line search) moves them several times.
// A batch of one example has no variance: its output is β and the running statistics stay put
// (PyTorch refuses it; the spec rejects batch_size 1 with batch_norm, but a last partial batch of
// one example can occur).
//
// All loops run along the feature axis (contiguous in a row), written once with simd::for_each.
#pragma once

#include "math/range.hpp"
#include "nn/layer.hpp"

namespace optlab {

struct BatchNormOptions {
  static constexpr Range kEps = Range::positive(), kMomentum = Range::closed(0.0, 1.0);
  double eps = 1e-5;      // > 0
  double momentum = 0.1;  // in [0, 1]; PyTorch's convention: weight of the new batch statistic
  void validate() const {
    check_option("eps", eps, kEps);
    check_option("momentum", momentum, kMomentum);
  }
};

class BatchNorm final : public Layer {
 public:
  BatchNorm(Index features, BatchNormOptions opt = {});

  std::string describe() const override;
  Index param_count() const override { return 2 * out_; }
  void init_params(float* params, Rng& rng) const override;
  void reserve(Index max_batch) override;
  void forward(const float* params, ConstMatRef x, bool training) override;
  void backward(const float* params, float* grads, ConstMatRef x, ConstMatRef dy, float* dx) override;
  void set_update_running_stats(bool on) override { update_running_ = on; }

  const BatchNormOptions& options() const { return opt_; }
  const Vec& running_mean() const { return running_mean_; }
  const Vec& running_var() const { return running_var_; }
  // Replaces the running statistics (sizes C); the loss landscape interpolates them (run/landscape.hpp).
  void set_running_stats(const Vec& mean, const Vec& var) {
    running_mean_ = mean;
    running_var_ = var;
  }

 private:
  BatchNormOptions opt_;
  Vec running_mean_, running_var_;
  Vec mean_, invstd_;  // statistics of the last forward (batch or running)
  Vec sum_dy_, sum_dy_xhat_, coef_;  // backward scratch (C each)
  Mat xhat_;           // (max_batch, C)
  bool last_training_ = true;
  bool update_running_ = true;
};

}  // namespace optlab
