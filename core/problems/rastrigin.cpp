// The Rastrigin function (Rastrigin 1974; Törn & Žilinskas 1989), a surface with a regular grid of
// local minima around one global minimum — the kind of objective continuation methods (book §8.7.6)
// are meant for:
//
//   f(x) = A·n + Σᵢ (xᵢ² − A cos(2π xᵢ))                      global minimum f(0) = 0
//   ∂f/∂xᵢ = 2xᵢ + 2πA sin(2π xᵢ)
//   ∂²f/∂xᵢ² = 2 + 4π²A cos(2π xᵢ),  off-diagonal 0             (the coordinates are separable)
//
// Every integer point k (|kᵢ| small enough) has a local minimizer near it, slightly pulled toward 0:
// xᵢ solves xᵢ + πA sin(2π xᵢ) = 0. Its Gaussian smoothing is known in closed form, because
// E[cos(2π(x + σε))] = cos(2πx)·exp(−2π²σ²) for ε ~ N(0, 1):
//
//   J_σ(x) = E[f(x + σε)] = A·n + Σᵢ (xᵢ² + σ² − A e^{−2π²σ²} cos(2π xᵢ))
//
// so for σ ≳ 0.55 (A = 10) the ripples are damped below the bowl's curvature and J_σ is convex —
// tests/native/continuation_test.cpp checks the sample estimate of run/continuation.hpp against it.
// The default start (3.2, −2.6, 3.2, …) lies in the basin of the local minimizer near (3, −3):
// gradient descent from there stops at f ≈ 18.
#include <cmath>

#include "math/portable_math.hpp"
#include "problems/surface.hpp"

namespace optlab {

namespace {

constexpr double kTwoPi = 6.28318530717958647692;

class Rastrigin final : public Surface {
 public:
  Rastrigin(int dim, double amplitude) : Surface(dim), a_(amplitude) {
    start_.resize(dim);
    for (int i = 0; i < dim; ++i) start_(i) = (i % 2 == 0) ? 3.2 : -2.6;
    minimizers_ = {VecD::Zero(dim)};
    minimum_ = 0.0;
    view_ = {-5.12, 5.12, -5.12, 5.12};  // the usual domain [−5.12, 5.12]ⁿ
  }
  const char* name() const override { return "rastrigin"; }
  double eval(const double* x, double* g) const override {
    double f = a_ * static_cast<double>(n_);
    for (Index i = 0; i < n_; ++i) {
      const double t = kTwoPi * x[i];
      f += x[i] * x[i] - a_ * portable::cos(t);
      if (g) g[i] = 2.0 * x[i] + kTwoPi * a_ * portable::sin(t);
    }
    return f;
  }
  void eval_hessian(const double* x, MatD& h) const override {
    h.setZero();
    for (Index i = 0; i < n_; ++i) h(i, i) = 2.0 + kTwoPi * kTwoPi * a_ * portable::cos(kTwoPi * x[i]);
  }

 private:
  double a_;
};

}  // namespace

std::unique_ptr<Surface> make_rastrigin(int dim, double amplitude) { return std::make_unique<Rastrigin>(dim, amplitude); }

}  // namespace optlab
