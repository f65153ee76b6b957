// One line search for every method that needs one (newton, cg, bfgs, lbfgs, coordinate_descent):
// the strong Wolfe conditions by Nocedal & Wright, *Numerical Optimization* (2nd ed. 2006),
// Algorithm 3.5 (bracketing) and Algorithm 3.6 (zoom, with safeguarded cubic interpolation §3.5):
//
//     φ(α) = f(x + α d),  φ'(0) = ∇f(x)ᵀd < 0
//     sufficient decrease   φ(α) ≤ φ(0) + c₁ α φ'(0)
//     curvature (strong)    |φ'(α)| ≤ c₂ |φ'(0)|          0 < c₁ < c₂ < 1
//
// Typical constants: c₁ = 1e-4; c₂ = 0.9 for (quasi-)Newton, 0.1 (N&W) or 0.4 (SciPy) for
// nonlinear CG. Every trial evaluates f and ∇f together (one evaluation). Each iteration of a method
// calls search() once; nothing allocates after reset(n).
//
// When the search cannot satisfy both conditions within max_evaluations (rounding near a minimum,
// a non-smooth point), it returns the best point found that satisfies sufficient decrease
// (ok = false, α > 0), or α = 0 when no trial decreased f — callers then restart or stop.
#pragma once

#include "math/range.hpp"
#include "optim/objective.hpp"

namespace optlab {

struct LineSearchOptions {
  static constexpr Range kC = Range::unit_open();
  static constexpr long long kMinEvaluations = 2, kMaxEvaluations = 1000;
  double c1 = 1e-4;         // sufficient decrease, in (0, 1)
  double c2 = 0.9;          // curvature, in (c1, 1)
  int max_evaluations = 40; // spec: max_line_search
  double alpha_max = 1e10;
  // Throws OptionError naming the field (the spec's names: c1, c2, max_line_search).
  void validate() const {
    check_option("c1", c1, kC);
    check_option("c2", c2, kC);
    if (!(c1 < c2)) throw OptionError("c2", "must be larger than c1 (" + format_number(c1) + ") for the strong Wolfe conditions");
    check_option("max_line_search", static_cast<long long>(max_evaluations), kMinEvaluations, kMaxEvaluations);
    check_option("alpha_max", alpha_max, Range::positive());
  }
};

struct LineSearchResult {
  double alpha = 0.0;  // accepted step (0: no decrease found)
  double f = 0.0;      // φ(α)
  double dphi = 0.0;   // φ'(α)
  int evaluations = 0;
  bool ok = false;  // both strong Wolfe conditions hold
};

template <typename T>
class StrongWolfeLineSearch {
 public:
  // Allocates the trial buffers for n parameters.
  void reset(Index n);
  // Searches along d from x, where f0 = f(x) and dphi0 = ∇f(x)ᵀd < 0, first trying alpha0.
  // Afterwards point() and gradient() hold x + αd and ∇f there (when alpha > 0).
  LineSearchResult search(Objective<T>& f, ConstVecRefT<T> x, ConstVecRefT<T> d, double f0, double dphi0,
                          double alpha0, const LineSearchOptions& o);
  const VecT<T>& point() const { return x_; }
  const VecT<T>& gradient() const { return g_; }

 private:
  struct Sample {
    double a, f, d;
  };
  Sample eval(Objective<T>& f, ConstVecRefT<T> x, ConstVecRefT<T> d, double a);
  void keep_lo();  // copies the current trial's gradient as the best point so far
  LineSearchResult zoom(Objective<T>& f, ConstVecRefT<T> x, ConstVecRefT<T> d, double f0, double dphi0, Sample lo,
                        Sample hi, const LineSearchOptions& o);
  LineSearchResult fallback(ConstVecRefT<T> x, ConstVecRefT<T> d, const Sample& lo);

  VecT<T> x_, g_, g_lo_;
  int evals_ = 0;
};

// The minimizer of the cubic through (a, fa, da) and (b, fb, db) (N&W eq. 3.59); NaN if none.
double cubic_minimizer(double a, double fa, double da, double b, double fb, double db);

}  // namespace optlab
