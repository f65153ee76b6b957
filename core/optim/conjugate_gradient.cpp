#include "optim/conjugate_gradient.hpp"

#include <algorithm>
#include <cmath>

#include "optim/exact_step.hpp"

namespace optlab {

template <typename T>
void ConjugateGradient<T>::reset(Index n) {
  at_.reset(n);
  ls_.reset(n);
  d_.setZero(n);
  g_prev_.setZero(n);
  h_.resize(0, 0);
  hd_.setZero(n);
  have_h_ = false;
  t_ = 0;
  f_prev_ = 0.0;
}

template <typename T>
StepResult ConjugateGradient<T>::step(Objective<T>& f, VecRefT<T> x, double lr) {
  StepResult r;
  r.evaluations = at_.at(f, x);
  const VecT<T>& g = at_.g();
  r.loss = at_.f();
  r.grad_norm = at_.grad_norm();
  if (r.grad_norm == 0.0 || !std::isfinite(r.loss)) return r;  // at a stationary point: nothing to do

  // β_t, then ρ_t = −g_t + β_t ρ_{t−1}.
  double beta = 0.0;
  const bool periodic = o_.restart > 0 && t_ % o_.restart == 0;
  if (t_ > 0 && !periodic) {
    const double gg_prev = dot_d(g_prev_, g_prev_);
    if (gg_prev > 0) {
      if (o_.beta == CgBeta::FletcherReeves) {
        beta = dot_d(g, g) / gg_prev;
      } else {
        beta = (dot_d(g, g) - dot_d(g_prev_, g)) / gg_prev;
        if (o_.beta == CgBeta::PolakRibierePlus) beta = std::max(0.0, beta);
      }
    }
  }
  d_ = -g + static_cast<T>(beta) * d_;
  double dphi0 = dot_d(g, d_);
  if (!(dphi0 < 0.0)) {  // not a descent direction: restart with steepest descent
    d_ = -g;
    dphi0 = dot_d(g, d_);
  }
  g_prev_ = g;

  double alpha0 = std::min(1.0, lr / r.grad_norm);
  if (t_ > 0) {
    const double guess = 1.01 * 2.0 * (r.loss - f_prev_) / dphi0;
    alpha0 = (guess > 0 && std::isfinite(guess)) ? std::min(1.0, guess) : 1.0;
  }
  f_prev_ = r.loss;
  ++t_;

  if (o_.exact_on_quadratics && f.is_quadratic() && f.has_hessian()) {
    const double a = exact_quadratic_step<T>(f, x, d_, dphi0, h_, hd_, have_h_);
    if (std::isfinite(a)) {
      x += static_cast<T>(a) * d_;
      at_.invalidate();
      return r;
    }
  }
  LineSearchResult ls = ls_.search(f, x, d_, r.loss, dphi0, alpha0, o_.line_search);
  r.evaluations += ls.evaluations;
  if (!at_.follow(f, x, ls, ls_)) t_ = 0;  // no progress along ρ: the next iteration restarts from steepest descent
  return r;
}

template class ConjugateGradient<float>;
template class ConjugateGradient<double>;

}  // namespace optlab
