// Stochastic gradient descent with Nesterov momentum — Algorithm 8.3 of Goodfellow, Bengio &
// Courville, *Deep Learning* (2016), §8.3.3 (Sutskever, Martens, Dahl & Hinton 2013, after
// Nesterov 1983):
//
//     θ̃ ← θ + α v                                  (interim, look-ahead point)
//     g ← (1/m) ∇θ̃ Σᵢ L(f(x⁽ⁱ⁾; θ̃), y⁽ⁱ⁾)            (gradient at the look-ahead point)
//     v ← α v − ε g
//     θ ← θ + v
//
// Implemented exactly as written: θ̃ lives in a buffer allocated by reset(), and the gradient
// (and the L2 term of weight_decay) is taken at θ̃. The parameters the run reports are θ.
//
// Options: momentum = α ∈ [0, 1).
// PyTorch: torch.optim.SGD(lr=ε, momentum=α, dampening=0, nesterov=True) is the one-gradient
// reformulation over φ = θ + αv (the look-ahead point itself): b ← αb + g(φ), φ ← φ − ε(g + αb).
// With v = −εb and constant ε the two give the same sequence: PyTorch's parameter at step k is
// θₖ + α vₖ of this file (tests/native/optimizers_golden_test.cpp checks it against PyTorch).
// State: "velocity" = v.
#pragma once

#include "optim/first_order.hpp"

namespace optlab {

struct NesterovOptions {
  static constexpr Range kMomentum = Range::unit_right_open();
  double momentum = 0.9;  // α ∈ [0, 1)
  void validate() const { check_option("momentum", momentum, kMomentum); }
};

template <typename T>
class Nesterov final : public FirstOrderOptimizer<T> {
 public:
  explicit Nesterov(NesterovOptions o = {}, GradientOptions g = {}) : FirstOrderOptimizer<T>(g), opt_(validated(o)) {}
  const char* name() const override { return "nesterov"; }
  bool take_options(const Optimizer<T>& fresh) override { return this->take_options_of(fresh, &Nesterov::opt_); }
  StepResult step(Objective<T>& f, VecRefT<T> x, double lr) override;
  std::vector<std::pair<std::string, const VecT<T>*>> state() const override { return {{"velocity", &v_}}; }
  const VecT<T>& velocity() const { return v_; }

 protected:
  void reset_state(Index n) override {
    v_.setZero(n);
    lookahead_.setZero(n);
  }
  void update(VecRefT<T> x, VecRefT<T> g, T lr) override;

 private:
  NesterovOptions opt_;
  VecT<T> v_;
  VecT<T> lookahead_;  // θ̃
};

}  // namespace optlab
