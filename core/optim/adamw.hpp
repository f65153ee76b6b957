// AdamW — Adam with decoupled weight decay (Loshchilov & Hutter 2019, "Decoupled Weight Decay
// Regularization", Algorithm 2). Beyond the book; its Adam is Algorithm 8.7 (see adam.hpp):
//
//     g ← ∇θ L(θ)                              (no λθ added to g)
//     θ ← θ − ε λ θ                            (decay, decoupled from the adaptive scaling)
//     s, r, ŝ, r̂ as in Adam;  θ ← θ − ε ŝ / (√r̂ + δ)
//
// With L2 regularization inside Adam (adam's weight_decay) the penalty's gradient λθ is divided by
// √r̂ like any gradient, so weights with large gradients are barely regularized; AdamW shrinks
// every weight by the same factor 1 − ελ per step.
//
// Options: betas = [ρ₁, ρ₂], eps = δ as Adam; weight_decay = λ ≥ 0 (default 0.01, PyTorch's).
// PyTorch: torch.optim.AdamW(lr=ε, betas, eps, weight_decay=λ, amsgrad=False) — the same,
// including the decay being scaled by the current ε (the paper scales by a schedule multiplier).
// State: "first_moment" = s, "second_moment" = r.
#pragma once

#include "optim/adam.hpp"

namespace optlab {

template <typename T>
class AdamW final : public Adam<T> {
 public:
  // g must not carry an L2 weight_decay: AdamW's decay is `decoupled_weight_decay`.
  AdamW(AdamOptions o, double decoupled_weight_decay, GradientOptions g = {})
      : Adam<T>(o, g), lambda_(decoupled_weight_decay) {
    check_option("weight_decay", lambda_, kDecoupledWeightDecay);
  }
  static constexpr Range kDecoupledWeightDecay = Range::non_negative();
  static constexpr double kDefaultDecoupledWeightDecay = 0.01;  // PyTorch's
  const char* name() const override { return "adamw"; }
  bool take_options(const Optimizer<T>& fresh) override {
    if (!Adam<T>::take_options(fresh)) return false;
    lambda_ = static_cast<const AdamW&>(fresh).lambda_;
    return true;
  }
  double decoupled_weight_decay() const { return lambda_; }

 protected:
  void update(VecRefT<T> x, VecRefT<T> g, T lr) override {
    this->adam_update(x, g, lr, 1.0 - static_cast<double>(lr) * lambda_);
  }

 private:
  double lambda_;
};

}  // namespace optlab
