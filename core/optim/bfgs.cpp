#include "optim/bfgs.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "optim/exact_step.hpp"
#include "run/spec_reader.hpp"

namespace optlab {

template <typename T>
void Bfgs<T>::reset(Index n) {
  if (n > kMaxBfgsParams)
    throw SpecError("optimizer.name", "bfgs keeps an n × n inverse Hessian; this problem has " + std::to_string(n) +
                                          " parameters, at most " + std::to_string(kMaxBfgsParams) +
                                          " are allowed — use lbfgs");
  at_.reset(n);
  ls_.reset(n);
  hinv_ = MatD::Identity(n, n);
  d_.setZero(n);
  g_old_.setZero(n);
  s_.setZero(n);
  y_.setZero(n);
  hy_.setZero(n);
  h_.resize(0, 0);
  hd_.setZero(n);
  have_h_ = false;
  t_ = 0;
}

template <typename T>
StepResult Bfgs<T>::step(Objective<T>& f, VecRefT<T> x, double lr) {
  const Index n = x.size();
  StepResult r;
  r.evaluations = at_.at(f, x);
  r.loss = at_.f();
  r.grad_norm = at_.grad_norm();
  if (r.grad_norm == 0.0 || !std::isfinite(r.loss)) return r;
  const VecT<T>& g = at_.g();

  // p = −H g (in double, written into d_ of the parameters' type).
  auto direction = [&] {
    for (Index i = 0; i < n; ++i) {
      double s = 0.0;
      for (Index j = 0; j < n; ++j) s += hinv_(i, j) * static_cast<double>(g(j));
      d_(i) = static_cast<T>(-s);
    }
  };
  direction();
  double dphi0 = dot_d(g, d_);
  if (!(dphi0 < 0.0)) {
    hinv_.setIdentity();
    direction();
    dphi0 = dot_d(g, d_);
  }
  double alpha0 = std::min(1.0, lr / r.grad_norm);
  if (t_ > 0) {
    const double guess = 1.01 * 2.0 * (r.loss - f_prev_) / dphi0;
    alpha0 = (guess > 0 && std::isfinite(guess)) ? std::min(1.0, guess) : 1.0;
  }
  f_prev_ = r.loss;
  ++t_;
  g_old_ = g;

  double alpha = 0.0;
  if (o_.exact_on_quadratics && f.is_quadratic() && f.has_hessian()) {
    alpha = exact_quadratic_step<T>(f, x, d_, dphi0, h_, hd_, have_h_);
    if (std::isfinite(alpha)) {
      x += static_cast<T>(alpha) * d_;
      r.evaluations += at_.at(f, x);  // the new gradient, needed for y_k
    } else {
      alpha = 0.0;
    }
  }
  if (alpha == 0.0) {
    LineSearchResult ls = ls_.search(f, x, d_, r.loss, dphi0, alpha0, o_.line_search);
    r.evaluations += ls.evaluations;
    if (!at_.follow(f, x, ls, ls_)) {  // no decrease along p: forget the curvature pairs and retry from −g
      hinv_.setIdentity();
      return r;
    }
    alpha = ls.alpha;
  }

  // The inverse-Hessian update.
  const VecT<T>& g_new = at_.g();
  double ys = 0.0, yy = 0.0, ss = 0.0;
  for (Index i = 0; i < n; ++i) {
    s_(i) = alpha * static_cast<double>(d_(i));
    y_(i) = static_cast<double>(g_new(i)) - static_cast<double>(g_old_(i));
    ys += y_(i) * s_(i);
    yy += y_(i) * y_(i);
    ss += s_(i) * s_(i);
  }
  if (!(ys > 1e-10 * std::sqrt(ss * yy))) return r;
  const double rho = 1.0 / ys;
  hy_.noalias() = hinv_ * y_;
  const double yhy = y_.dot(hy_);
  const double c = rho * rho * yhy + rho;
  for (Index j = 0; j < n; ++j)
    for (Index i = 0; i < n; ++i) hinv_(i, j) += -rho * (hy_(i) * s_(j) + s_(i) * hy_(j)) + c * s_(i) * s_(j);
  return r;
}

template class Bfgs<float>;
template class Bfgs<double>;

}  // namespace optlab
