// RMSProp with Nesterov momentum — Algorithm 8.6 of Goodfellow, Bengio & Courville,
// *Deep Learning* (2016), §8.5.2:
//
//     θ̃ ← θ + α v                                  (interim point)
//     g ← (1/m) ∇θ̃ Σᵢ L(f(x⁽ⁱ⁾; θ̃), y⁽ⁱ⁾)            (gradient at the interim point)
//     r ← ρ r + (1 − ρ) g ⊙ g                        (r starts at 0)
//     v ← α v − ε / √(δ + r) ⊙ g
//     θ ← θ + v
//
// The book's Algorithm 8.6 writes ε/√r with no δ; dividing by √r is undefined while a coordinate's
// gradient has been exactly 0, so δ is added inside the root exactly as in its Algorithm 8.5
// (eps = δ, default 1e-6). Implemented as written: θ̃ is a buffer allocated by reset().
//
// Options: rho = ρ ∈ [0, 1) (0.9), momentum = α ∈ [0, 1) (0.9), eps = δ > 0 (1e-6).
// PyTorch has no exact counterpart (RMSprop(momentum=α) is heavy-ball momentum on g/(√r + δ),
// without the look-ahead); the golden test compares with the book's formula written in torch
// tensor operations by tests/golden/make_optim.py.
// State: "velocity" = v, "sq_grad_avg" = r.
#pragma once

#include "optim/first_order.hpp"

namespace optlab {

struct RmspropNesterovOptions {
  static constexpr Range kRho = Range::unit_right_open(), kMomentum = Range::unit_right_open(),
                         kEps = Range::positive();
  double rho = 0.9;       // ρ ∈ [0, 1)
  double momentum = 0.9;  // α ∈ [0, 1)
  double eps = 1e-6;      // δ > 0
  void validate() const {
    check_option("rho", rho, kRho);
    check_option("momentum", momentum, kMomentum);
    check_option("eps", eps, kEps);
  }
};

template <typename T>
class RmspropNesterov final : public FirstOrderOptimizer<T> {
 public:
  explicit RmspropNesterov(RmspropNesterovOptions o = {}, GradientOptions g = {})
      : FirstOrderOptimizer<T>(g), opt_(validated(o)) {}
  const char* name() const override { return "rmsprop_nesterov"; }
  bool take_options(const Optimizer<T>& fresh) override { return this->take_options_of(fresh, &RmspropNesterov::opt_); }
  StepResult step(Objective<T>& f, VecRefT<T> x, double lr) override;
  std::vector<std::pair<std::string, const VecT<T>*>> state() const override {
    return {{"velocity", &v_}, {"sq_grad_avg", &r_}};
  }

 protected:
  void reset_state(Index n) override {
    v_.setZero(n);
    r_.setZero(n);
    lookahead_.setZero(n);
  }
  void update(VecRefT<T> x, VecRefT<T> g, T lr) override;

 private:
  RmspropNesterovOptions opt_;
  VecT<T> v_, r_;
  VecT<T> lookahead_;  // θ̃
};

}  // namespace optlab
