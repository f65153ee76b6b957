// Adam — Algorithm 8.7 of Goodfellow, Bengio & Courville, *Deep Learning* (2016), §8.5.3
// (Kingma & Ba 2014, "Adam: A Method for Stochastic Optimization", Algorithm 1):
//
//     g ← (1/m) ∇θ Σᵢ L(f(x⁽ⁱ⁾; θ), y⁽ⁱ⁾)
//     t ← t + 1
//     s ← ρ₁ s + (1 − ρ₁) g                  (first moment, starts at 0)
//     r ← ρ₂ r + (1 − ρ₂) g ⊙ g              (second moment, starts at 0)
//     ŝ ← s / (1 − ρ₁ᵗ),   r̂ ← r / (1 − ρ₂ᵗ)  (bias corrections)
//     Δθ ← −ε ŝ / (√r̂ + δ)                   (elementwise)
//     θ ← θ + Δθ
//
// Where δ sits: the book prints −ε ŝ/(√r̂ + δ); the lecture's slide writes √(r̂ + δ). We follow the
// Adam paper (Algorithm 1: θ ← θ − α m̂/(√v̂ + ε)), which puts δ OUTSIDE the root — so does PyTorch.
// On the first step ŝ = g and r̂ = g ⊙ g, so every coordinate moves by ε·g/(|g| + δ) ≈ ε·sign(g).
//
// Options: betas = [ρ₁, ρ₂], each in [0, 1) (defaults 0.9, 0.999; beta1/beta2 are accepted as
// aliases), eps = δ > 0 (1e-8).
// PyTorch: torch.optim.Adam(lr=ε, betas=(ρ₁, ρ₂), eps=δ, weight_decay=λ, amsgrad=False) — the same
// update (PyTorch evaluates it as θ − (ε/(1 − ρ₁ᵗ))·s/(√r/√(1 − ρ₂ᵗ) + δ), which this file mirrors).
// State: "first_moment" = s, "second_moment" = r.
#pragma once

#include <cmath>

#include "math/portable_math.hpp"
#include "optim/first_order.hpp"

namespace optlab {

struct AdamOptions {
  static constexpr Range kBeta = Range::unit_right_open(), kEps = Range::positive();
  double beta1 = 0.9;    // ρ₁ ∈ [0, 1)
  double beta2 = 0.999;  // ρ₂ ∈ [0, 1)
  double eps = 1e-8;     // δ > 0
  void validate() const {
    check_option("betas[0]", beta1, kBeta);
    check_option("betas[1]", beta2, kBeta);
    check_option("eps", eps, kEps);
  }
};

// The per-step scalars of the float θ updates of Adam, AdamW and AMSGrad at step t:
// step = ε/(1 − ρ₁ᵗ) and 1/√(1 − ρ₂ᵗ) (the bias corrections), δ. The moment update they share
// (and NAdam's) is optim/adam_family.hpp.
struct AdamScalars {
  float step, inv_sqrt_bc2, eps;
  AdamScalars(const AdamOptions& o, long t, double lr);
};

template <typename T>
class Adam : public FirstOrderOptimizer<T> {
 public:
  explicit Adam(AdamOptions o = {}, GradientOptions g = {}) : FirstOrderOptimizer<T>(g), opt_(validated(o)) {}
  const char* name() const override { return "adam"; }
  bool take_options(const Optimizer<T>& fresh) override { return this->take_options_of(fresh, &Adam::opt_); }
  std::vector<std::pair<std::string, const VecT<T>*>> state() const override {
    return {{"first_moment", &s_}, {"second_moment", &r_}};
  }
  long steps_taken() const { return t_; }
  // ε/(√r̂ + δ) per parameter, r̂ = r/(1 − ρ₂ᵗ) (the rate that multiplies ŝ; ε/δ before the first step).
  bool effective_learning_rates(double lr, double* out) const override {
    const double bc2 = t_ > 0 ? 1.0 - portable::pow(opt_.beta2, static_cast<double>(t_)) : 1.0;
    for (Index i = 0; i < r_.size(); ++i) out[i] = lr / (std::sqrt(static_cast<double>(r_[i]) / bc2) + opt_.eps);
    return true;
  }

 protected:
  void reset_state(Index n) override {
    s_.setZero(n);
    r_.setZero(n);
    t_ = 0;
  }
  void update(VecRefT<T> x, VecRefT<T> g, T lr) override { adam_update(x, g, lr, 1.0); }
  // The Adam step with θ first multiplied by `keep` (1 for Adam; 1 − ελ for AdamW's decoupled decay).
  void adam_update(VecRefT<T> x, VecRefT<T> g, T lr, double keep);

  AdamOptions opt_;
  VecT<T> s_, r_;
  long t_ = 0;
};

}  // namespace optlab
