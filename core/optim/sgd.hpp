// Minibatch stochastic gradient descent — Algorithm 8.1 of Goodfellow, Bengio & Courville,
// *Deep Learning* (2016), §8.3.1:
//
//     g ← (1/m) ∇θ Σᵢ L(f(x⁽ⁱ⁾; θ), y⁽ⁱ⁾)
//     θ ← θ − ε g
//
// PyTorch: torch.optim.SGD(params, lr=ε, momentum=0, dampening=0, nesterov=False,
// weight_decay=weight_decay). The learning rate εₖ comes from the run's schedule each step.
#pragma once

#include "optim/first_order.hpp"

namespace optlab {

template <typename T>
class Sgd final : public FirstOrderOptimizer<T> {
 public:
  explicit Sgd(GradientOptions g = {}) : FirstOrderOptimizer<T>(g) {}
  const char* name() const override { return "sgd"; }
  bool take_options(const Optimizer<T>& fresh) override { return this->take_gradient_options(fresh); }

 protected:
  void reset_state(Index) override {}
  void update(VecRefT<T> x, VecRefT<T> g, T lr) override;
};

}  // namespace optlab
