// Hessian-vector products Hv for objectives without a closed-form Hessian (networks), by central
// differences of gradients with one Richardson extrapolation:
//
//     D(h) = [∇f(x + hv) − ∇f(x − hv)] / 2h                       error O(h²)
//     Hv  ≈ [4 D(h/2) − D(h)] / 3                                 error O(h⁴)
//
// four gradient evaluations per product, h = step/‖v‖ (default step 1e-2 for float parameters,
// 1e-3 for double). Accuracy (tested in tests/native/curvature_test.cpp): on double surfaces the
// relative error is below 1e-7; on float networks it is limited by the rounding of float
// gradients, ≈ ε_float·‖∇f‖/h: measured ≈ 1e-4 of ‖H‖ (Frobenius) on a 33-parameter MLP, i.e.
// ≈ 1e-5 of its largest eigenvalue — enough for eigenvalues to 1e-4 and for Newton steps on small
// networks. (Exact forward-over-reverse products would need dual numbers through every layer;
// differences keep the layers as they are.) When the objective has a closed-form Hessian (test surfaces), dense() returns it
// exactly and apply() multiplies by it.
#pragma once

#include "optim/objective.hpp"

namespace optlab {

template <typename T>
class HessianVectorProduct {
 public:
  // Allocates the scratch for n parameters.
  void reset(Index n);
  // out = H(x) v. Returns the gradient evaluations used (0 with a closed-form Hessian).
  int apply(Objective<T>& f, ConstVecRefT<T> x, ConstVecRefT<double> v, VecRefT<double> out);
  // The dense Hessian at x into h (n × n, sized by the caller), symmetrized. Returns evaluations used.
  int dense(Objective<T>& f, ConstVecRefT<T> x, MatD& h);
  // Forget the cached closed-form Hessian (call when x changes).
  void invalidate() { cached_ = false; }

  double step = sizeof(T) == 4 ? 1e-2 : 1e-3;

 private:
  int difference(Objective<T>& f, ConstVecRefT<T> x, ConstVecRefT<double> v, double h, VecRefT<double> out);

  VecT<T> xp_, gp_, gm_;
  VecD d1_, d2_, e_;
  MatD h_;
  bool cached_ = false;
};

}  // namespace optlab
