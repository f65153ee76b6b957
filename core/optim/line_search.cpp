#include "optim/line_search.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace optlab {

double cubic_minimizer(double a, double fa, double da, double b, double fb, double db) {
  const double d1 = da + db - 3.0 * (fa - fb) / (a - b);
  const double disc = d1 * d1 - da * db;
  if (!(disc >= 0.0) || !std::isfinite(disc)) return std::nan("");
  const double d2 = std::copysign(std::sqrt(disc), b - a);
  const double denom = db - da + 2.0 * d2;
  if (denom == 0.0) return std::nan("");
  return b - (b - a) * (db + d2 - d1) / denom;
}

template <typename T>
void StrongWolfeLineSearch<T>::reset(Index n) {
  x_.setZero(n);
  g_.setZero(n);
  g_lo_.setZero(n);
}

template <typename T>
typename StrongWolfeLineSearch<T>::Sample StrongWolfeLineSearch<T>::eval(Objective<T>& f, ConstVecRefT<T> x,
                                                                         ConstVecRefT<T> d, double a) {
  x_ = x + static_cast<T>(a) * d;
  ++evals_;
  const double fa = static_cast<double>(f.value_and_gradient(x_, g_));
  double da = 0.0;
  for (Index i = 0; i < d.size(); ++i) da += static_cast<double>(g_(i)) * static_cast<double>(d(i));
  return {a, fa, da};
}

template <typename T>
void StrongWolfeLineSearch<T>::keep_lo() {
  g_lo_ = g_;
}

template <typename T>
LineSearchResult StrongWolfeLineSearch<T>::fallback(ConstVecRefT<T> x, ConstVecRefT<T> d, const Sample& lo) {
  LineSearchResult r;
  r.evaluations = evals_;
  r.ok = false;
  if (lo.a > 0.0) {
    x_ = x + static_cast<T>(lo.a) * d;
    g_ = g_lo_;
    r.alpha = lo.a;
    r.f = lo.f;
    r.dphi = lo.d;
  }
  return r;
}

template <typename T>
LineSearchResult StrongWolfeLineSearch<T>::search(Objective<T>& f, ConstVecRefT<T> x, ConstVecRefT<T> d, double f0,
                                                  double dphi0, double alpha0, const LineSearchOptions& o) {
  evals_ = 0;
  Sample prev{0.0, f0, dphi0};
  Sample lo_best = prev;  // best point satisfying sufficient decrease (α = 0 at first)
  if (!(dphi0 < 0.0) || !std::isfinite(f0)) return fallback(x, d, lo_best);
  double a = std::min(std::max(alpha0, 1e-20), o.alpha_max);
  if (!std::isfinite(a)) a = 1.0;
  for (int i = 1;; ++i) {
    Sample s = eval(f, x, d, a);
    const bool finite = std::isfinite(s.f) && std::isfinite(s.d);
    if (!finite || s.f > f0 + o.c1 * s.a * dphi0 || (i > 1 && s.f >= prev.f)) {
      return zoom(f, x, d, f0, dphi0, prev, s, o);
    }
    if (std::fabs(s.d) <= -o.c2 * dphi0) {
      LineSearchResult r{s.a, s.f, s.d, evals_, true};
      return r;
    }
    keep_lo();
    if (s.d >= 0.0) return zoom(f, x, d, f0, dphi0, s, prev, o);
    if (evals_ >= o.max_evaluations || s.a >= o.alpha_max) return fallback(x, d, s);
    // Extrapolate: the cubic's minimizer, kept within [1.1α, 4α] (MINPACK's dcsrch bounds).
    double next = cubic_minimizer(prev.a, prev.f, prev.d, s.a, s.f, s.d);
    if (!std::isfinite(next) || next < 1.1 * s.a || next > 4.0 * s.a) next = 2.0 * s.a;
    prev = s;
    a = std::min(next, o.alpha_max);
  }
}

template <typename T>
LineSearchResult StrongWolfeLineSearch<T>::zoom(Objective<T>& f, ConstVecRefT<T> x, ConstVecRefT<T> d, double f0,
                                                double dphi0, Sample lo, Sample hi, const LineSearchOptions& o) {
  // Invariant (N&W): the interval between lo and hi contains strong-Wolfe steps; lo has the lowest
  // f of the points satisfying sufficient decrease, and φ'(lo)(hi − lo) < 0. g_lo_ holds ∇f(lo)
  // whenever lo.a > 0.
  while (evals_ < o.max_evaluations) {
    const double left = std::min(lo.a, hi.a), right = std::max(lo.a, hi.a), width = right - left;
    if (width <= 1e-14 * right) break;
    double a = std::nan("");
    if (std::isfinite(hi.f) && std::isfinite(hi.d)) a = cubic_minimizer(lo.a, lo.f, lo.d, hi.a, hi.f, hi.d);
    if (!std::isfinite(a) || a < left + 0.1 * width || a > right - 0.1 * width) {
      // Safeguard: quadratic through lo (value, slope) and hi (value), else bisection.
      double q = std::nan("");
      if (std::isfinite(hi.f)) {
        const double dx = hi.a - lo.a;
        const double denom = 2.0 * (hi.f - lo.f - lo.d * dx);
        if (denom > 0.0) q = lo.a - lo.d * dx * dx / denom;
      }
      a = (std::isfinite(q) && q >= left + 0.1 * width && q <= right - 0.1 * width) ? q : 0.5 * (left + right);
    }
    Sample s = eval(f, x, d, a);
    const bool finite = std::isfinite(s.f) && std::isfinite(s.d);
    if (!finite || s.f > f0 + o.c1 * s.a * dphi0 || s.f >= lo.f) {
      hi = s;
    } else {
      if (std::fabs(s.d) <= -o.c2 * dphi0) return LineSearchResult{s.a, s.f, s.d, evals_, true};
      if (s.d * (hi.a - lo.a) >= 0.0) hi = lo;
      lo = s;
      keep_lo();
    }
  }
  return fallback(x, d, lo);
}

template class StrongWolfeLineSearch<float>;
template class StrongWolfeLineSearch<double>;

}  // namespace optlab
