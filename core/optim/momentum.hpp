// Stochastic gradient descent with momentum — Algorithm 8.2 of Goodfellow, Bengio & Courville,
// *Deep Learning* (2016), §8.3.2 (Polyak 1964):
//
//     g ← (1/m) ∇θ Σᵢ L(f(x⁽ⁱ⁾; θ), y⁽ⁱ⁾)
//     v ← α v − ε g
//     θ ← θ + v
//
// v starts at 0. Under a constant gradient the step grows to the terminal size ε‖g‖/(1 − α).
//
// Options: momentum = α ∈ [0, 1).
// PyTorch: torch.optim.SGD(lr=ε, momentum=α, dampening=0, nesterov=False). PyTorch keeps
// b ← αb + g and steps θ ← θ − εb, so v = −εb exactly while ε is constant; with a schedule the two
// differ (the book's v remembers past learning rates, PyTorch's b does not).
// State: "velocity" = v.
#pragma once

#include "optim/first_order.hpp"

namespace optlab {

struct MomentumOptions {
  static constexpr Range kMomentum = Range::unit_right_open();
  double momentum = 0.9;  // α ∈ [0, 1)
  void validate() const { check_option("momentum", momentum, kMomentum); }
};

// The velocity rule shared by Algorithms 8.2 and 8.3 (they differ only in where g is taken):
//   v ← α v − ε g,   θ ← θ + v      over n elements.
void velocity_update(float* x, float* v, const float* g, float alpha, float lr, Index n);
void velocity_update(double* x, double* v, const double* g, double alpha, double lr, Index n);

template <typename T>
class Momentum final : public FirstOrderOptimizer<T> {
 public:
  explicit Momentum(MomentumOptions o = {}, GradientOptions g = {}) : FirstOrderOptimizer<T>(g), opt_(validated(o)) {}
  const char* name() const override { return "momentum"; }
  bool take_options(const Optimizer<T>& fresh) override { return this->take_options_of(fresh, &Momentum::opt_); }
  std::vector<std::pair<std::string, const VecT<T>*>> state() const override { return {{"velocity", &v_}}; }
  const VecT<T>& velocity() const { return v_; }

 protected:
  void reset_state(Index n) override { v_.setZero(n); }
  void update(VecRefT<T> x, VecRefT<T> g, T lr) override;

 private:
  MomentumOptions opt_;
  VecT<T> v_;
};

}  // namespace optlab
