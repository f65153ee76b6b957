#include "optim/lbfgs.hpp"

#include <algorithm>
#include <cmath>

namespace optlab {

template <typename T>
void Lbfgs<T>::reset(Index n) {
  const int m = std::max(1, o_.memory);
  at_.reset(n);
  ls_.reset(n);
  s_.setZero(n, m);
  y_.setZero(n, m);
  rho_.setZero(m);
  alpha_.setZero(m);
  q_.setZero(n);
  d_.setZero(n);
  g_old_.setZero(n);
  head_ = count_ = 0;
  t_ = 0;
}

template <typename T>
StepResult Lbfgs<T>::step(Objective<T>& f, VecRefT<T> x, double lr) {
  const Index n = x.size();
  const int m = static_cast<int>(rho_.size());
  StepResult r;
  r.evaluations = at_.at(f, x);
  r.loss = at_.f();
  r.grad_norm = at_.grad_norm();
  if (r.grad_norm == 0.0 || !std::isfinite(r.loss)) return r;
  const VecT<T>& g = at_.g();

  // Two-loop recursion, newest pair first.
  for (Index i = 0; i < n; ++i) q_(i) = static_cast<double>(g(i));
  for (int k = 0; k < count_; ++k) {
    const int j = (head_ - 1 - k + m) % m;
    alpha_(j) = rho_(j) * s_.col(j).dot(q_);
    q_.noalias() -= alpha_(j) * y_.col(j);
  }
  if (count_ > 0) {
    const int last = (head_ - 1 + m) % m;
    q_ *= s_.col(last).dot(y_.col(last)) / y_.col(last).squaredNorm();
  }
  for (int k = count_ - 1; k >= 0; --k) {
    const int j = (head_ - 1 - k + m) % m;
    const double beta = rho_(j) * y_.col(j).dot(q_);
    q_.noalias() += (alpha_(j) - beta) * s_.col(j);
  }
  for (Index i = 0; i < n; ++i) d_(i) = static_cast<T>(-q_(i));
  double dphi0 = dot_d(g, d_);
  if (!(dphi0 < 0.0)) {  // lost to rounding: drop the history, steepest descent
    count_ = 0;
    d_ = -g;
    dphi0 = dot_d(g, d_);
  }
  const double alpha0 = (t_ == 0 || count_ == 0) ? std::min(1.0, lr / r.grad_norm) : 1.0;
  ++t_;
  g_old_ = g;
  LineSearchResult ls = ls_.search(f, x, d_, r.loss, dphi0, alpha0, o_.line_search);
  r.evaluations += ls.evaluations;
  if (!at_.follow(f, x, ls, ls_)) {  // no decrease: forget the curvature pairs
    count_ = 0;
    return r;
  }
  const VecT<T>& g_new = at_.g();
  double ys = 0.0, yy = 0.0, ss = 0.0;
  for (Index i = 0; i < n; ++i) {
    const double si = ls.alpha * static_cast<double>(d_(i));
    const double yi = static_cast<double>(g_new(i)) - static_cast<double>(g_old_(i));
    s_(i, head_) = si;
    y_(i, head_) = yi;
    ys += si * yi;
    yy += yi * yi;
    ss += si * si;
  }
  if (ys > 1e-10 * std::sqrt(ss * yy)) {
    rho_(head_) = 1.0 / ys;
    head_ = (head_ + 1) % m;
    count_ = std::min(count_ + 1, m);
  }
  return r;
}

template class Lbfgs<float>;
template class Lbfgs<double>;

}  // namespace optlab
