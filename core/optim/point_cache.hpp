// f and ∇f at the current point, carried from one step to the next by the methods whose line
// search already evaluated them there (cg, bfgs, lbfgs, newton, coordinate_descent): an iteration
// then costs only its line-search trials, as in SciPy and Nocedal & Wright. The cache is used only
// when x is bit-for-bit the point the last step left and the objective has not changed since
// (same generation(), no evaluation by anyone else); otherwise f and ∇f are evaluated afresh.
#pragma once

#include <cmath>

#include "math/norm.hpp"
#include "optim/line_search.hpp"
#include "optim/objective.hpp"

namespace optlab {

template <typename T>
class PointCache {
 public:
  void reset(Index n) {
    x_.setZero(n);
    g_.setZero(n);
    valid_ = false;
  }
  void invalidate() { valid_ = false; }

  // Makes f() and g() those of x; returns the number of evaluations it took (0 or 1).
  int at(Objective<T>& f, ConstVecRefT<T> x) {
    if (valid_ && f.generation() == generation_ && f.evaluations() == evaluations_ && x == x_) return 0;
    x_ = x;
    f_ = static_cast<double>(f.value_and_gradient(x, g_));
    remember(f);
    return 1;
  }
  // Records that the method moved to x with value fx and gradient gx (from its line search).
  void store(Objective<T>& f, ConstVecRefT<T> x, double fx, ConstVecRefT<T> gx) {
    x_ = x;
    g_ = gx;
    f_ = fx;
    remember(f);
  }

  // Takes the outcome of a line search from x: when it found a step, moves x to the accepted point
  // and keeps its f and ∇f (the next iteration then needs no evaluation) and returns true; when it
  // found none, leaves x and forgets the cached point, and returns false.
  bool follow(Objective<T>& f, VecRefT<T> x, const LineSearchResult& ls, const StrongWolfeLineSearch<T>& search) {
    if (!(ls.alpha > 0.0)) {
      invalidate();
      return false;
    }
    x = search.point();
    store(f, x, ls.f, search.gradient());
    return true;
  }

  double f() const { return f_; }
  const VecT<T>& g() const { return g_; }
  VecT<T>& g() { return g_; }
  double grad_norm() const { return scaled_norm(g_); }

 private:
  void remember(Objective<T>& f) {
    generation_ = f.generation();
    evaluations_ = f.evaluations();
    valid_ = std::isfinite(f_);
  }

  VecT<T> x_, g_;
  double f_ = 0.0;
  long generation_ = 0, evaluations_ = 0;
  bool valid_ = false;
};

// Inner product in double whatever T is (float parameters, double line-search arithmetic).
template <typename A, typename B>
double dot_d(const A& a, const B& b) {
  double s = 0.0;
  for (Index i = 0; i < a.size(); ++i) s += static_cast<double>(a(i)) * static_cast<double>(b(i));
  return s;
}

}  // namespace optlab
