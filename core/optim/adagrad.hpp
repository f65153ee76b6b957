// AdaGrad — Algorithm 8.4 of Goodfellow, Bengio & Courville, *Deep Learning* (2016), §8.5.1
// (Duchi, Hazan & Singer 2011):
//
//     g ← (1/m) ∇θ Σᵢ L(f(x⁽ⁱ⁾; θ), y⁽ⁱ⁾)
//     r ← r + g ⊙ g                       (r starts at 0)
//     Δθ ← −ε / (δ + √r) ⊙ g               (division and root elementwise; δ outside the root)
//     θ ← θ + Δθ
//
// Options: eps = δ > 0 (the book suggests 1e-7, our default).
// PyTorch: torch.optim.Adagrad(lr=ε, lr_decay=0, initial_accumulator_value=0, eps=δ) is the same
// formula (std = √r + eps). PyTorch's default eps is 1e-10.
// State: "sq_grad_sum" = r.
#pragma once

#include <cmath>

#include "optim/first_order.hpp"

namespace optlab {

struct AdagradOptions {
  static constexpr Range kEps = Range::positive();
  double eps = 1e-7;  // δ > 0
  void validate() const { check_option("eps", eps, kEps); }
};

template <typename T>
class Adagrad final : public FirstOrderOptimizer<T> {
 public:
  explicit Adagrad(AdagradOptions o = {}, GradientOptions g = {}) : FirstOrderOptimizer<T>(g), opt_(validated(o)) {}
  const char* name() const override { return "adagrad"; }
  bool take_options(const Optimizer<T>& fresh) override { return this->take_options_of(fresh, &Adagrad::opt_); }
  std::vector<std::pair<std::string, const VecT<T>*>> state() const override { return {{"sq_grad_sum", &r_}}; }
  // ε/(δ + √r) per parameter.
  bool effective_learning_rates(double lr, double* out) const override {
    for (Index i = 0; i < r_.size(); ++i) out[i] = lr / (opt_.eps + std::sqrt(static_cast<double>(r_[i])));
    return true;
  }

 protected:
  void reset_state(Index n) override { r_.setZero(n); }
  void update(VecRefT<T> x, VecRefT<T> g, T lr) override;

 private:
  AdagradOptions opt_;
  VecT<T> r_;
};

}  // namespace optlab
