// The exact line-search step on a quadratic: with constant Hessian H, φ(α) = f(x + αd) is minimized
// at α* = −∇f(x)ᵀd / dᵀHd. H is evaluated once per run (it is constant) into h, which is sized on
// first use — the one allocation of a quadratic run, at its first step. Returns NaN when dᵀHd ≤ 0
// (no minimizer along d), so the caller falls back to the Wolfe search.
#pragma once

#include <cmath>

#include "optim/objective.hpp"
#include "optim/point_cache.hpp"

namespace optlab {

template <typename T>
double exact_quadratic_step(Objective<T>& f, ConstVecRefT<T> x, ConstVecRefT<T> d, double dphi0, MatD& h, VecD& hd,
                            bool& have_h) {
  const Index n = x.size();
  if (!have_h) {
    h.resize(n, n);
    f.hessian(x, h);
    have_h = true;
  }
  double dhd = 0.0;
  for (Index i = 0; i < n; ++i) {
    double s = 0.0;
    for (Index j = 0; j < n; ++j) s += h(i, j) * static_cast<double>(d(j));
    hd(i) = s;
    dhd += static_cast<double>(d(i)) * s;
  }
  if (!(dhd > 0.0)) return std::nan("");
  return -dphi0 / dhd;
}

}  // namespace optlab
