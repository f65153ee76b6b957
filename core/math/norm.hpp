// Euclidean norms and dot products that overflow only when their result does.
//
// The plain Σ xᵢ² overflows once any |xᵢ| exceeds ~1.3e154 (double) or ~1.8e19 (float sums), and
// underflows to 0 below ~1e-154: a gradient of 1.4e154 then "has norm ∞" although its norm is
// finite, and clipping scales it to zero. These functions first take the plain sum, in a fixed
// serial order (the same bits natively and in wasm), and only when that sum overflowed or may have
// lost entries to underflow they scale by the largest magnitude m: ‖x‖ = m·√Σ(xᵢ/m)², as
// LAPACK's dnrm2 does (Blue's algorithm is the one-pass refinement of the same idea). NaN
// propagates; a vector holding ±∞ has norm ∞.
#pragma once

#include <cfloat>
#include <cmath>

#include "math/types.hpp"

namespace optlab {

// ‖x‖₂ of n entries of float or double, in double.
template <typename T>
double scaled_norm(const T* x, Index n) {
  double s = 0.0;
  for (Index i = 0; i < n; ++i) s += static_cast<double>(x[i]) * static_cast<double>(x[i]);
  // Below DBL_MIN / DBL_EPSILON some squares may have underflowed; above, the sum is exact enough.
  if (std::isfinite(s) && (s >= DBL_MIN / DBL_EPSILON || s == 0.0)) return std::sqrt(s);
  if (std::isnan(s)) return s;
  double m = 0.0;
  for (Index i = 0; i < n; ++i) {
    const double a = std::fabs(static_cast<double>(x[i]));
    if (std::isnan(a)) return a;
    if (a > m) m = a;
  }
  if (m == 0.0 || std::isinf(m)) return m;
  double t = 0.0;
  for (Index i = 0; i < n; ++i) {
    const double q = static_cast<double>(x[i]) / m;
    t += q * q;
  }
  return m * std::sqrt(t);
}

// ‖v‖₂ of a vector stored contiguously (VecT, Ref, Map, a column of a column-major matrix).
template <typename Derived>
double scaled_norm(const Eigen::MatrixBase<Derived>& v) {
  static_assert(Derived::InnerStrideAtCompileTime == 1, "scaled_norm needs contiguous entries");
  return scaled_norm(v.derived().data(), v.size());
}

}  // namespace optlab
