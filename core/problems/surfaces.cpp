// The two-variable test surfaces and the n-D quadratic. Formulas, minimizers and saddle points:
//   rosenbrock  (a − x)² + b(y − x²)²                    min (a, a²) = 0          Rosenbrock 1960
//   beale       Σᵢ₌₁³ (cᵢ − x + x yⁱ)², c = 1.5, 2.25, 2.625   min (3, ½) = 0; saddle (0, 1)
//   booth       (x + 2y − 7)² + (2x + y − 5)²           min (1, 3) = 0 (a quadratic)
//   himmelblau  (x² + y − 11)² + (x + y² − 7)²          four minima, all 0; four saddles
//   saddle      x² − y²                                 saddle (0, 0), unbounded below
//   monkey_saddle  x³ − 3xy²                            degenerate saddle (0, 0) (H = 0 there)
//   cliff       ½y² + w(x − 3)² + ½h(1 − tanh(s x))     a plateau of height h that drops by a wall of
//               slope h·s/2 at x = 0 into a bowl at (3, 0): plain gradient descent is thrown far
//               across the bowl by the wall's huge gradient (the book's Figure 8.3), clipping is not
//   cd_counterexample  (x₁ − x₂)² + α(x₁² + x₂²)         min (0, 0) = 0; the book's §8.7.2 example.
//               The lecture slide writes α(x₁² − x₂²); with that sign the Hessian has determinant
//               −4α² < 0 and the function is a saddle, unbounded below — "variant": "lecture" gives it.
//   quadratic   ½ xᵀ Q diag(λ) Qᵀ x                     Q = plane rotations by `angle` degrees
// Minimizers and saddle points that are only known approximately in closed form are polished with a
// few Newton steps on ∇f = 0 when the surface is built, so the oracle is exact to rounding.
#include <cmath>

#include <Eigen/LU>

#include "math/portable_math.hpp"
#include "problems/surface.hpp"

namespace optlab {

namespace {

constexpr double kPi = 3.14159265358979323846;

VecD vec2(double a, double b) {
  VecD v(2);
  v << a, b;
  return v;
}

// Newton iterations on ∇f(x) = 0 from x (a known approximation of a critical point).
VecD polish(const Surface& s, VecD x) {
  const Index n = x.size();
  VecD g(n);
  MatD h(n, n);
  for (int it = 0; it < 50; ++it) {
    s.eval(x.data(), g.data());
    s.eval_hessian(x.data(), h);
    const VecD dx = h.fullPivLu().solve(g);
    x -= dx;
    if (dx.norm() <= 1e-15 * (1.0 + x.norm())) break;
  }
  return x;
}

class Rosenbrock final : public Surface {
 public:
  Rosenbrock(double a, double b) : Surface(2), a_(a), b_(b) {
    start_ = vec2(-1.2, 1.0);
    minimizers_ = {vec2(a, a * a)};
    minimum_ = 0.0;
    view_ = {-2.0, 2.0, -1.0, 3.0};
  }
  const char* name() const override { return "rosenbrock"; }
  double eval(const double* p, double* g) const override {
    const double x = p[0], y = p[1], u = a_ - x, v = y - x * x;
    if (g) {
      g[0] = -2.0 * u - 4.0 * b_ * x * v;
      g[1] = 2.0 * b_ * v;
    }
    return u * u + b_ * v * v;
  }
  void eval_hessian(const double* p, MatD& h) const override {
    const double x = p[0], y = p[1];
    h(0, 0) = 2.0 - 4.0 * b_ * (y - x * x) + 8.0 * b_ * x * x;
    h(0, 1) = h(1, 0) = -4.0 * b_ * x;
    h(1, 1) = 2.0 * b_;
  }

 private:
  double a_, b_;
};

class Beale final : public Surface {
 public:
  Beale() : Surface(2) {
    start_ = vec2(1.0, 1.0);
    minimizers_ = {vec2(3.0, 0.5)};
    minimum_ = 0.0;
    saddles_ = {polish(*this, vec2(0.0, 1.0))};
    view_ = {-4.5, 4.5, -4.5, 4.5};
  }
  const char* name() const override { return "beale"; }
  double eval(const double* p, double* g) const override {
    static constexpr double c[3] = {1.5, 2.25, 2.625};
    const double x = p[0], y = p[1];
    double f = 0.0, gx = 0.0, gy = 0.0, yi = 1.0;
    for (int i = 1; i <= 3; ++i) {
      const double yim1 = yi;  // y^(i−1)
      yi *= y;
      const double t = c[i - 1] - x + x * yi;
      f += t * t;
      gx += 2.0 * t * (yi - 1.0);
      gy += 2.0 * t * (i * x * yim1);
    }
    if (g) {
      g[0] = gx;
      g[1] = gy;
    }
    return f;
  }
  void eval_hessian(const double* p, MatD& h) const override {
    static constexpr double c[3] = {1.5, 2.25, 2.625};
    const double x = p[0], y = p[1];
    double hxx = 0, hxy = 0, hyy = 0, yi = 1.0, yim2 = 0.0;
    for (int i = 1; i <= 3; ++i) {
      const double yim1 = yi;
      yi *= y;
      const double t = c[i - 1] - x + x * yi;
      const double tx = yi - 1.0, ty = i * x * yim1;
      const double txy = i * yim1, tyy = i * (i - 1) * x * yim2;
      hxx += 2.0 * tx * tx;
      hxy += 2.0 * (tx * ty + t * txy);
      hyy += 2.0 * (ty * ty + t * tyy);
      yim2 = yim1;
    }
    h(0, 0) = hxx;
    h(0, 1) = h(1, 0) = hxy;
    h(1, 1) = hyy;
  }
};

class Booth final : public Surface {
 public:
  Booth() : Surface(2) {
    start_ = vec2(-5.0, 0.0);
    minimizers_ = {vec2(1.0, 3.0)};
    minimum_ = 0.0;
    view_ = {-10.0, 10.0, -10.0, 10.0};
  }
  const char* name() const override { return "booth"; }
  bool is_quadratic() const override { return true; }
  double eval(const double* p, double* g) const override {
    const double u = p[0] + 2.0 * p[1] - 7.0, v = 2.0 * p[0] + p[1] - 5.0;
    if (g) {
      g[0] = 2.0 * u + 4.0 * v;
      g[1] = 4.0 * u + 2.0 * v;
    }
    return u * u + v * v;
  }
  void eval_hessian(const double*, MatD& h) const override {
    h(0, 0) = 10.0;
    h(0, 1) = h(1, 0) = 8.0;
    h(1, 1) = 10.0;
  }
};

class Himmelblau final : public Surface {
 public:
  Himmelblau() : Surface(2) {
    start_ = vec2(0.0, 0.0);
    minimizers_ = {vec2(3.0, 2.0), polish(*this, vec2(-2.805118, 3.131312)),
                   polish(*this, vec2(-3.779310, -3.283186)), polish(*this, vec2(3.584428, -1.848126))};
    minimum_ = 0.0;
    saddles_ = {polish(*this, vec2(0.086678, 2.884255)), polish(*this, vec2(-3.073026, -0.081353)),
                polish(*this, vec2(3.385154, 0.073852)), polish(*this, vec2(-0.127961, -1.953715))};
    view_ = {-5.0, 5.0, -5.0, 5.0};
  }
  const char* name() const override { return "himmelblau"; }
  double eval(const double* p, double* g) const override {
    const double x = p[0], y = p[1], a = x * x + y - 11.0, b = x + y * y - 7.0;
    if (g) {
      g[0] = 4.0 * x * a + 2.0 * b;
      g[1] = 2.0 * a + 4.0 * y * b;
    }
    return a * a + b * b;
  }
  void eval_hessian(const double* p, MatD& h) const override {
    const double x = p[0], y = p[1], a = x * x + y - 11.0, b = x + y * y - 7.0;
    h(0, 0) = 4.0 * a + 8.0 * x * x + 2.0;
    h(0, 1) = h(1, 0) = 4.0 * x + 4.0 * y;
    h(1, 1) = 2.0 + 4.0 * b + 8.0 * y * y;
  }
};

class Saddle final : public Surface {
 public:
  Saddle() : Surface(2) {
    start_ = vec2(1.0, 0.1);
    saddles_ = {vec2(0.0, 0.0)};
    view_ = {-2.0, 2.0, -2.0, 2.0};
  }
  const char* name() const override { return "saddle"; }
  bool is_quadratic() const override { return true; }
  double eval(const double* p, double* g) const override {
    if (g) {
      g[0] = 2.0 * p[0];
      g[1] = -2.0 * p[1];
    }
    return p[0] * p[0] - p[1] * p[1];
  }
  void eval_hessian(const double*, MatD& h) const override {
    h(0, 0) = 2.0;
    h(0, 1) = h(1, 0) = 0.0;
    h(1, 1) = -2.0;
  }
};

class MonkeySaddle final : public Surface {
 public:
  MonkeySaddle() : Surface(2) {
    start_ = vec2(1.0, 0.5);
    saddles_ = {vec2(0.0, 0.0)};
    view_ = {-2.0, 2.0, -2.0, 2.0};
  }
  const char* name() const override { return "monkey_saddle"; }
  double eval(const double* p, double* g) const override {
    const double x = p[0], y = p[1];
    if (g) {
      g[0] = 3.0 * x * x - 3.0 * y * y;
      g[1] = -6.0 * x * y;
    }
    return x * x * x - 3.0 * x * y * y;
  }
  void eval_hessian(const double* p, MatD& h) const override {
    h(0, 0) = 6.0 * p[0];
    h(0, 1) = h(1, 0) = -6.0 * p[1];
    h(1, 1) = -6.0 * p[0];
  }
};

class Cliff final : public Surface {
 public:
  Cliff(double height, double steepness, double bowl) : Surface(2), h_(height), s_(steepness), w_(bowl) {
    start_ = vec2(-3.0, 1.0);
    minimizers_ = {polish(*this, vec2(3.0, 0.0))};
    minimum_ = eval(minimizers_[0].data(), nullptr);
    view_ = {-4.0, 8.0, -3.0, 3.0};
  }
  const char* name() const override { return "cliff"; }
  double eval(const double* p, double* g) const override {
    const double x = p[0], y = p[1], t = portable::tanh(s_ * x);
    if (g) {
      const double sech = 1.0 / portable::cosh(s_ * x);  // 0 far from the wall (cosh overflows to ∞)
      g[0] = 2.0 * w_ * (x - 3.0) - 0.5 * h_ * s_ * sech * sech;
      g[1] = y;
    }
    return 0.5 * y * y + w_ * (x - 3.0) * (x - 3.0) + 0.5 * h_ * (1.0 - t);
  }
  void eval_hessian(const double* p, MatD& h) const override {
    const double x = p[0], t = portable::tanh(s_ * x), sech = 1.0 / portable::cosh(s_ * x);
    h(0, 0) = 2.0 * w_ + h_ * s_ * s_ * sech * sech * t;
    h(0, 1) = h(1, 0) = 0.0;
    h(1, 1) = 1.0;
  }

 private:
  double h_, s_, w_;
};

class CdCounterexample final : public Surface {
 public:
  CdCounterexample(double alpha, bool lecture_sign) : Surface(2), a_(alpha), sign_(lecture_sign ? -1.0 : 1.0) {
    start_ = vec2(1.5, 1.0);
    if (lecture_sign) {
      saddles_ = {vec2(0.0, 0.0)};
    } else {
      minimizers_ = {vec2(0.0, 0.0)};
      minimum_ = 0.0;
    }
    view_ = {-2.0, 2.0, -2.0, 2.0};
  }
  const char* name() const override { return "cd_counterexample"; }
  bool is_quadratic() const override { return true; }
  double eval(const double* p, double* g) const override {
    const double d = p[0] - p[1];
    if (g) {
      g[0] = 2.0 * d + 2.0 * a_ * p[0];
      g[1] = -2.0 * d + 2.0 * sign_ * a_ * p[1];
    }
    return d * d + a_ * (p[0] * p[0] + sign_ * p[1] * p[1]);
  }
  void eval_hessian(const double*, MatD& h) const override {
    h(0, 0) = 2.0 + 2.0 * a_;
    h(0, 1) = h(1, 0) = -2.0;
    h(1, 1) = 2.0 + 2.0 * sign_ * a_;
  }

 private:
  double a_, sign_;
};

class Quadratic final : public Surface {
 public:
  // Q = G(0,1)·G(1,2)·…·G(n−2,n−1), plane rotations by the same angle: an orthogonal matrix that
  // mixes every coordinate when the angle is not a multiple of 90°. Q is never formed to evaluate
  // f: y = Qᵀx is n − 1 rotations (O(n)), f = ½ Σ λᵢ yᵢ², ∇f = Q (λ ∘ y). The dense Hessian
  // Q diag(λ) Qᵀ (O(n³)) is built on first use, once, for methods and readouts that ask for it.
  Quadratic(const std::vector<double>& eigenvalues, double angle_degrees)
      : Surface(static_cast<Index>(eigenvalues.size())) {
    const Index n = n_;
    const double t = angle_degrees * kPi / 180.0;
    c_ = portable::cos(t);
    s_ = portable::sin(t);
    lam_.resize(n);
    for (Index i = 0; i < n; ++i) lam_(i) = eigenvalues[static_cast<std::size_t>(i)];
    y_.resize(n);
    start_.resize(n);
    for (Index i = 0; i < n; ++i) start_(i) = (i % 2 == 0) ? -3.0 : 2.0;
    const double lo = lam_.minCoeff(), hi = lam_.maxCoeff();
    if (lo > 0) {
      minimizers_ = {VecD::Zero(n)};
      minimum_ = 0.0;
    } else if (lo < 0 && hi > 0) {
      saddles_ = {VecD::Zero(n)};
    } else if (lo >= 0) {
      minimum_ = 0.0;  // positive semidefinite: a whole subspace of minimizers
    }
    view_ = {-4.0, 4.0, -4.0, 4.0};
  }
  const char* name() const override { return "quadratic"; }
  bool is_quadratic() const override { return true; }
  double eval(const double* p, double* g) const override {
    const Index n = n_;
    for (Index i = 0; i < n; ++i) y_(i) = p[i];
    // Qᵀx = G(n−2)ᵀ ⋯ G(0)ᵀ x: G(0)ᵀ first.
    for (Index i = 0; i + 1 < n; ++i) {
      const double a = y_(i), b = y_(i + 1);
      y_(i) = c_ * a + s_ * b;
      y_(i + 1) = -s_ * a + c_ * b;
    }
    double f = 0.0;
    for (Index i = 0; i < n; ++i) f += 0.5 * lam_(i) * (y_(i) * y_(i));
    if (g) {
      for (Index i = 0; i < n; ++i) g[i] = lam_(i) * y_(i);
      // Q z = G(0) ⋯ G(n−2) z: G(n−2) first.
      for (Index i = n - 2; i >= 0; --i) {
        const double a = g[i], b = g[i + 1];
        g[i] = c_ * a - s_ * b;
        g[i + 1] = s_ * a + c_ * b;
      }
    }
    return f;
  }
  void eval_hessian(const double*, MatD& h) const override {
    if (a_.size() == 0) {
      // Q column by column: right-multiplying by G(i) mixes columns i and i+1 only (O(n) each).
      const Index n = n_;
      MatD q = MatD::Identity(n, n);
      for (Index i = 0; i + 1 < n; ++i) {
        const VecD ci = q.col(i), cj = q.col(i + 1);
        q.col(i) = c_ * ci + s_ * cj;
        q.col(i + 1) = -s_ * ci + c_ * cj;
      }
      a_ = q * lam_.asDiagonal() * q.transpose();
      a_ = (0.5 * (a_ + a_.transpose())).eval();
    }
    h = a_;
  }

 private:
  double c_ = 1.0, s_ = 0.0;
  VecD lam_;
  mutable VecD y_;  // scratch of eval (sized once)
  mutable MatD a_;  // the Hessian, built on first use
};

}  // namespace

std::unique_ptr<Surface> make_quadratic(const std::vector<double>& eigenvalues, double angle_degrees) {
  return std::make_unique<Quadratic>(eigenvalues, angle_degrees);
}
std::unique_ptr<Surface> make_rosenbrock(double a, double b) { return std::make_unique<Rosenbrock>(a, b); }
std::unique_ptr<Surface> make_beale() { return std::make_unique<Beale>(); }
std::unique_ptr<Surface> make_booth() { return std::make_unique<Booth>(); }
std::unique_ptr<Surface> make_himmelblau() { return std::make_unique<Himmelblau>(); }
std::unique_ptr<Surface> make_saddle() { return std::make_unique<Saddle>(); }
std::unique_ptr<Surface> make_monkey_saddle() { return std::make_unique<MonkeySaddle>(); }
std::unique_ptr<Surface> make_cliff(double height, double steepness, double bowl) {
  return std::make_unique<Cliff>(height, steepness, bowl);
}
std::unique_ptr<Surface> make_cd_counterexample(double alpha, bool lecture_sign) {
  return std::make_unique<CdCounterexample>(alpha, lecture_sign);
}

}  // namespace optlab
