// AMSGrad — Adam with a non-decreasing second moment (Reddi, Kale & Kumar 2018, "On the
// Convergence of Adam and Beyond"). Beyond the book; its Adam is Algorithm 8.7 (see adam.hpp):
//
//     t ← t + 1
//     s ← ρ₁ s + (1 − ρ₁) g,    r ← ρ₂ r + (1 − ρ₂) g ⊙ g
//     r_max ← max(r_max, r)                               (elementwise; starts at 0)
//     θ ← θ − ε/(1 − ρ₁ᵗ) · s / (√(r_max/(1 − ρ₂ᵗ)) + δ)
//
// The paper's algorithm has no bias correction; we follow PyTorch's amsgrad=True, which keeps
// Adam's corrections and takes the maximum of the uncorrected r (so the first step is still Adam's,
// ε·sign(g)). The denominator √r_max can then only grow, which is what fixes Adam's
// non-convergence example in the paper.
//
// Options: betas = [ρ₁, ρ₂], eps = δ (as Adam).
// PyTorch: torch.optim.Adam(lr=ε, betas, eps, weight_decay=λ, amsgrad=True) — the same update.
// State: "first_moment" = s, "second_moment" = r, "max_second_moment" = r_max.
#pragma once

#include "optim/adam.hpp"

namespace optlab {

template <typename T>
class Amsgrad final : public FirstOrderOptimizer<T> {
 public:
  explicit Amsgrad(AdamOptions o = {}, GradientOptions g = {}) : FirstOrderOptimizer<T>(g), opt_(validated(o)) {}
  const char* name() const override { return "amsgrad"; }
  bool take_options(const Optimizer<T>& fresh) override { return this->take_options_of(fresh, &Amsgrad::opt_); }
  std::vector<std::pair<std::string, const VecT<T>*>> state() const override {
    return {{"first_moment", &s_}, {"second_moment", &r_}, {"max_second_moment", &rmax_}};
  }
  // ε/(√(r_max/(1 − ρ₂ᵗ)) + δ) per parameter (ε/δ before the first step).
  bool effective_learning_rates(double lr, double* out) const override {
    const double bc2 = t_ > 0 ? 1.0 - portable::pow(opt_.beta2, static_cast<double>(t_)) : 1.0;
    for (Index i = 0; i < rmax_.size(); ++i)
      out[i] = lr / (std::sqrt(static_cast<double>(rmax_[i]) / bc2) + opt_.eps);
    return true;
  }

 protected:
  void reset_state(Index n) override {
    s_.setZero(n);
    r_.setZero(n);
    rmax_.setZero(n);
    t_ = 0;
  }
  void update(VecRefT<T> x, VecRefT<T> g, T lr) override;

 private:
  AdamOptions opt_;
  VecT<T> s_, r_, rmax_;
  long t_ = 0;
};

}  // namespace optlab
