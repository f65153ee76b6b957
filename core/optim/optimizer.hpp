// The optimizer interface every method implements (first- and second-order alike).
//
// Conventions, after PyTorch's torch.optim and ensmallen:
//  - options are a plain struct validated when the optimizer is built from a spec, with PyTorch's
//    short names (lr, momentum, betas, eps, weight_decay); a bad value is rejected with a message
//    naming the field;
//  - reset(n) allocates every piece of state for n parameters; step() never allocates (tests run
//    it under Eigen's malloc guard);
//  - state vectors (velocity, moment estimates) are exposed read-only for plots.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "math/types.hpp"
#include "optim/objective.hpp"

namespace optlab {

struct StepResult {
  double loss = 0.0;       // f at the point the gradient was taken (before the update)
  double grad_norm = 0.0;  // ‖g‖₂ of the raw gradient (before clipping and weight decay)
  int evaluations = 1;     // function/gradient evaluations this step used
  // Non-null when the method could not take the step and the run should stop with this reason
  // (e.g. Newton with a singular Hessian and no damping). x is left unchanged.
  const char* failure = nullptr;
};

template <typename T>
class Optimizer {
 public:
  virtual ~Optimizer() = default;
  virtual const char* name() const = 0;
  // Allocates all state for n parameters and zeroes it.
  virtual void reset(Index n) = 0;
  // One iteration with learning rate lr: evaluates f as the method needs and updates x in place.
  virtual StepResult step(Objective<T>& f, VecRefT<T> x, double lr) = 0;
  // A change of hyperparameters mid-run (docs/racing.md): takes the options of `fresh`, a newly
  // built optimizer of the same method (its constructor validated them), and keeps this one's
  // state (velocity, moment estimates, step count), as PyTorch does when a param_group's "lr" or
  // "betas" is assigned. Allocates nothing. False when fresh is another method or this method
  // cannot take new options (second-order methods keep curvature state built with theirs).
  virtual bool take_options(const Optimizer<T>& /*fresh*/) { return false; }
  // Named state vectors for plots, e.g. {"velocity", &v_}.
  virtual std::vector<std::pair<std::string, const VecT<T>*>> state() const { return {}; }
  // Adaptive methods (AdaGrad, RMSProp, Adam, AMSGrad: Algorithms 8.4–8.7): writes the per-parameter
  // effective learning rate with base rate lr and the accumulators as the last step left them into
  // out (n = reset's size) — ε/(δ + √r) for AdaGrad, the factor the last step's gradient was
  // multiplied by when lr was its rate — and returns true. Methods without per-parameter
  // rates return false. For plots (trace.effective_lr); never called inside step().
  virtual bool effective_learning_rates(double /*lr*/, double* /*out*/) const { return false; }
};

}  // namespace optlab
