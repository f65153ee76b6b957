// Shared bookkeeping of the first-order methods: take the gradient, add L2 weight decay, clip,
// then hand g to the method's update rule. The update rules themselves (one per file) are the
// book's algorithms over the flat parameter vector.
#pragma once

#include <typeinfo>

#include "math/range.hpp"
#include "optim/optimizer.hpp"

namespace optlab {

// Options every first-order method accepts. Order inside a step: raw gradient → clip_value →
// clip_norm → + weight_decay·θ → the method's update (PyTorch's order, see first_order.cpp).
struct GradientOptions {
  static constexpr Range kRange = Range::non_negative();  // of each of the three
  double weight_decay = 0.0;  // L2 penalty λ: g ← g + λθ (PyTorch's weight_decay for SGD/Adam)
  double clip_value = 0.0;    // 0 = off; else each gᵢ clipped to [−c, c] (torch.nn.utils.clip_grad_value_)
  double clip_norm = 0.0;     // 0 = off; else g ← g·c/‖g‖ when ‖g‖ > c (torch.nn.utils.clip_grad_norm_)
  // Throws OptionError naming the field.
  void validate() const {
    check_option("weight_decay", weight_decay, kRange);
    check_option("clip_value", clip_value, kRange);
    check_option("clip_norm", clip_norm, kRange);
  }
};

template <typename T>
class FirstOrderOptimizer : public Optimizer<T> {
 public:
  explicit FirstOrderOptimizer(GradientOptions g) : gopt_(validated(g)) {}
  void reset(Index n) override {
    g_.setZero(n);
    reset_state(n);
  }
  StepResult step(Objective<T>& f, VecRefT<T> x, double lr) override;
  const GradientOptions& gradient_options() const { return gopt_; }

 protected:
  // take_options() of a method whose own options live in the member `options` (or that has none):
  // when fresh is exactly this method, copies its options and gradient options, keeping the state.
  bool take_gradient_options(const Optimizer<T>& fresh) {
    if (typeid(fresh) != typeid(*this)) return false;
    gopt_ = static_cast<const FirstOrderOptimizer&>(fresh).gopt_;
    return true;
  }
  template <class Self, class Options>
  bool take_options_of(const Optimizer<T>& fresh, Options Self::*options) {
    if (!take_gradient_options(fresh)) return false;
    static_cast<Self&>(*this).*options = static_cast<const Self&>(fresh).*options;
    return true;
  }
  // Allocates and zeroes the method's own state.
  virtual void reset_state(Index n) = 0;
  // The update rule: x ← x + Δx given the processed gradient g.
  virtual void update(VecRefT<T> x, VecRefT<T> g, T lr) = 0;
  // f and its processed gradient at point p into g_ (shared by methods that evaluate elsewhere,
  // such as Nesterov's look-ahead). Returns {f(p), ‖raw g‖}.
  std::pair<double, double> gradient_at(Objective<T>& f, ConstVecRefT<T> p, ConstVecRefT<T> decay_point);

  GradientOptions gopt_;
  VecT<T> g_;
};

}  // namespace optlab
