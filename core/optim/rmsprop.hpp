// RMSProp — Algorithm 8.5 of Goodfellow, Bengio & Courville, *Deep Learning* (2016), §8.5.2
// (Hinton 2012, Lecture 6e of "Neural Networks for Machine Learning"):
//
//     g ← (1/m) ∇θ Σᵢ L(f(x⁽ⁱ⁾; θ), y⁽ⁱ⁾)
//     r ← ρ r + (1 − ρ) g ⊙ g              (r starts at 0)
//     Δθ ← −ε / √(δ + r) ⊙ g                (δ INSIDE the root, as the book writes it)
//     θ ← θ + Δθ
//
// Options: rho = ρ ∈ [0, 1) (default 0.9), eps = δ > 0 (default 1e-6, the book's "usually"),
// eps_inside_sqrt (default true). With eps_inside_sqrt = false the step is −ε g / (√r + δ), which
// is what PyTorch computes.
// PyTorch: torch.optim.RMSprop(lr=ε, alpha=ρ, eps=δ, momentum=0, centered=False) equals this file
// with eps_inside_sqrt = false. The two placements differ most where r is tiny (early steps,
// rarely-active units): √(δ + r) ≥ √δ = 1e-3 caps the step at ε·|g|/1e-3, while √r + δ lets the
// first step be almost ε/√(1 − ρ) per coordinate.
// State: "sq_grad_avg" = r.
#pragma once

#include <cmath>

#include "optim/first_order.hpp"

namespace optlab {

struct RmspropOptions {
  static constexpr Range kRho = Range::unit_right_open(), kEps = Range::positive();
  double rho = 0.9;             // ρ ∈ [0, 1)
  double eps = 1e-6;            // δ > 0
  bool eps_inside_sqrt = true;  // the book's √(δ + r); false: PyTorch's √r + δ
  void validate() const {
    check_option("rho", rho, kRho);
    check_option("eps", eps, kEps);
  }
};

template <typename T>
class Rmsprop final : public FirstOrderOptimizer<T> {
 public:
  explicit Rmsprop(RmspropOptions o = {}, GradientOptions g = {}) : FirstOrderOptimizer<T>(g), opt_(validated(o)) {}
  const char* name() const override { return "rmsprop"; }
  bool take_options(const Optimizer<T>& fresh) override { return this->take_options_of(fresh, &Rmsprop::opt_); }
  std::vector<std::pair<std::string, const VecT<T>*>> state() const override { return {{"sq_grad_avg", &r_}}; }
  // ε/√(δ + r) (the book's placement), or ε/(√r + δ) with eps_inside_sqrt = false.
  bool effective_learning_rates(double lr, double* out) const override {
    for (Index i = 0; i < r_.size(); ++i) {
      const double r = static_cast<double>(r_[i]);
      out[i] = lr / (opt_.eps_inside_sqrt ? std::sqrt(opt_.eps + r) : std::sqrt(r) + opt_.eps);
    }
    return true;
  }

 protected:
  void reset_state(Index n) override { r_.setZero(n); }
  void update(VecRefT<T> x, VecRefT<T> g, T lr) override;

 private:
  RmspropOptions opt_;
  VecT<T> r_;
};

}  // namespace optlab
