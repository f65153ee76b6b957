// AdaDelta (Zeiler 2012, "ADADELTA: An Adaptive Learning Rate Method", Algorithm 1). Beyond the
// book (§8.5 mentions it among the adaptive methods):
//
//     r ← ρ r + (1 − ρ) g ⊙ g                          (E[g²], starts at 0)
//     Δ ← √(u + δ) / √(r + δ) ⊙ g                       (u = E[Δ²], starts at 0)
//     u ← ρ u + (1 − ρ) Δ ⊙ Δ
//     θ ← θ − ε Δ
//
// The paper has no learning rate (ε = 1, our default): the ratio of RMS values gives the step its
// units. Options: rho = ρ ∈ [0, 1) (0.9), eps = δ > 0 (1e-6).
// PyTorch: torch.optim.Adadelta(lr=ε, rho=ρ, eps=δ) — the same, including u accumulating the
// step before ε scales it.
// State: "sq_grad_avg" = r, "sq_delta_avg" = u.
#pragma once

#include "optim/first_order.hpp"

namespace optlab {

struct AdadeltaOptions {
  static constexpr Range kRho = Range::unit_right_open(), kEps = Range::positive();
  double rho = 0.9;   // ρ ∈ [0, 1)
  double eps = 1e-6;  // δ > 0
  void validate() const {
    check_option("rho", rho, kRho);
    check_option("eps", eps, kEps);
  }
};

template <typename T>
class Adadelta final : public FirstOrderOptimizer<T> {
 public:
  explicit Adadelta(AdadeltaOptions o = {}, GradientOptions g = {}) : FirstOrderOptimizer<T>(g), opt_(validated(o)) {}
  const char* name() const override { return "adadelta"; }
  bool take_options(const Optimizer<T>& fresh) override { return this->take_options_of(fresh, &Adadelta::opt_); }
  std::vector<std::pair<std::string, const VecT<T>*>> state() const override {
    return {{"sq_grad_avg", &r_}, {"sq_delta_avg", &u_}};
  }

 protected:
  void reset_state(Index n) override {
    r_.setZero(n);
    u_.setZero(n);
  }
  void update(VecRefT<T> x, VecRefT<T> g, T lr) override;

 private:
  AdadeltaOptions opt_;
  VecT<T> r_, u_;
};

}  // namespace optlab
