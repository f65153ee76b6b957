// NAdam — Adam with Nesterov momentum (Dozat 2016, "Incorporating Nesterov Momentum into Adam").
// Beyond the book; it combines Algorithm 8.7 (Adam) with the look-ahead of Algorithm 8.3:
//
//     t ← t + 1
//     μₜ = ρ₁ (1 − ½·0.96^(tψ)),  μₜ₊₁ = ρ₁ (1 − ½·0.96^((t+1)ψ))     (momentum schedule)
//     s ← ρ₁ s + (1 − ρ₁) g,       r ← ρ₂ r + (1 − ρ₂) g ⊙ g
//     r̂ ← r / (1 − ρ₂ᵗ)
//     θ ← θ − ε (1 − μₜ)/(1 − Π_{i≤t} μᵢ) · g/(√r̂ + δ) − ε μₜ₊₁/(1 − Π_{i≤t+1} μᵢ) · s/(√r̂ + δ)
//
// Options: betas = [ρ₁, ρ₂], eps = δ (1e-8), momentum_decay = ψ ≥ 0 (0.004, PyTorch's default).
// PyTorch: torch.optim.NAdam(lr=ε, betas, eps, weight_decay=λ, momentum_decay=ψ) from 2.0 on.
// PyTorch 1.13 (Debian's) computes the second product as Π_{i≤t} μᵢ · μₜ · μₜ₊₁ (μₜ counted twice,
// fixed upstream later); the golden test therefore compares with the paper's/2.x formula written in
// torch operations by tests/golden/make_optim.py, not with 1.13's NAdam class.
// State: "first_moment" = s, "second_moment" = r.
#pragma once

#include "optim/adam.hpp"

namespace optlab {

struct NadamOptions {
  static constexpr Range kMomentumDecay = Range::non_negative();
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double momentum_decay = 0.004;  // ψ ≥ 0
  void validate() const {
    AdamOptions{beta1, beta2, eps}.validate();
    check_option("momentum_decay", momentum_decay, kMomentumDecay);
  }
};

template <typename T>
class Nadam final : public FirstOrderOptimizer<T> {
 public:
  explicit Nadam(NadamOptions o = {}, GradientOptions g = {}) : FirstOrderOptimizer<T>(g), opt_(validated(o)) {}
  const char* name() const override { return "nadam"; }
  bool take_options(const Optimizer<T>& fresh) override { return this->take_options_of(fresh, &Nadam::opt_); }
  std::vector<std::pair<std::string, const VecT<T>*>> state() const override {
    return {{"first_moment", &s_}, {"second_moment", &r_}};
  }

 protected:
  void reset_state(Index n) override {
    s_.setZero(n);
    r_.setZero(n);
    t_ = 0;
    mu_product_ = 1.0;
  }
  void update(VecRefT<T> x, VecRefT<T> g, T lr) override;

 private:
  NadamOptions opt_;
  VecT<T> s_, r_;
  long t_ = 0;
  double mu_product_ = 1.0;  // Π_{i≤t} μᵢ
};

}  // namespace optlab
