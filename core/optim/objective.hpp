// What an optimizer minimizes: f(θ) with its gradient, and — for the second-order methods —
// its Hessian or Hessian-vector products when the problem can give them.
//
// For a network the objective is the mean loss over the current minibatch (the training loop moves
// the batch between steps); for a test surface it is the surface itself. Like ensmallen's
// "FunctionType", one interface serves every method, so every method runs on every problem.
#pragma once

#include "math/types.hpp"

namespace optlab {

template <typename T>
class Objective {
 public:
  virtual ~Objective() = default;
  virtual Index dim() const = 0;
  // f(x), writing ∇f(x) into grad (size dim()).
  virtual T value_and_gradient(ConstVecRefT<T> x, VecRefT<T> grad) = 0;
  // f(x) alone. Override when it is cheaper than value_and_gradient.
  virtual T value(ConstVecRefT<T> x) = 0;
  // Dense Hessian, when the problem has one in closed form (test surfaces, small networks).
  virtual bool has_hessian() const { return false; }
  virtual void hessian(ConstVecRefT<T> /*x*/, MatD& /*h*/) {}
  // True when f is exactly quadratic (constant Hessian): line searches may then take the exact
  // step −gᵀd / dᵀHd, as the book says to do for CG on a quadratic.
  virtual bool is_quadratic() const { return false; }
  // Number of value or gradient evaluations so far (for comparing methods by work, not steps).
  long evaluations() const { return evaluations_; }
  // Changes whenever the function itself changes (a network's next minibatch), so methods that
  // carry f and ∇f from one step to the next (cg, bfgs, lbfgs) know to recompute them.
  long generation() const { return generation_; }

 protected:
  long evaluations_ = 0;
  long generation_ = 0;
};

}  // namespace optlab
