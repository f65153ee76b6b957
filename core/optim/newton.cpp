#include "optim/newton.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "run/spec_reader.hpp"

namespace optlab {

template <typename T>
void Newton<T>::reset(Index n) {
  if (n > kMaxNewtonParams)
    throw SpecError("optimizer.name", "newton needs the dense n × n Hessian and an O(n³) solve per step; this problem "
                                      "has " + std::to_string(n) + " parameters, at most " +
                                          std::to_string(kMaxNewtonParams) + " are allowed — use lbfgs or cg");
  at_.reset(n);
  ls_.reset(n);
  hvp_.reset(n);
  h_.setZero(n, n);
  eig_.reset(n);
  qg_.setZero(n);
  d_.setZero(n);
}

template <typename T>
StepResult Newton<T>::step(Objective<T>& f, VecRefT<T> x, double lr) {
  const Index n = x.size();
  StepResult r;
  r.evaluations = at_.at(f, x);
  r.loss = at_.f();
  r.grad_norm = at_.grad_norm();
  if (!std::isfinite(r.loss)) return r;
  const VecT<T>& g = at_.g();
  r.evaluations += hvp_.dense(f, x, h_);
  if (!h_.allFinite()) {
    r.failure = "newton: the Hessian is not finite here";
    return r;
  }
  if (!eig_.compute(h_, true)) {
    r.failure = "newton: the eigendecomposition of the Hessian did not converge here";
    return r;
  }
  const VecD& lam = eig_.eigenvalues();
  const MatD& q = eig_.eigenvectors();
  const double scale = std::max(1.0, lam.cwiseAbs().maxCoeff());
  // Δθ = −Q (Λ + αI)⁻¹ Qᵀ g
  for (Index k = 0; k < n; ++k) {
    const double mu = lam(k) + o_.damping;
    if (std::fabs(mu) <= 1e-12 * scale) {
      if (r.grad_norm == 0.0) return r;  // a stationary point: nothing to do
      r.failure = "newton: the Hessian is singular here (an eigenvalue of H + damping·I is 0); set optimizer.damping > 0";
      return r;
    }
    double s = 0.0;
    for (Index i = 0; i < n; ++i) s += q(i, k) * static_cast<double>(g(i));
    qg_(k) = s / mu;
  }
  for (Index i = 0; i < n; ++i) {
    double s = 0.0;
    for (Index k = 0; k < n; ++k) s += q(i, k) * qg_(k);
    d_(i) = static_cast<T>(-s);
  }
  const double dphi0 = dot_d(g, d_);
  if (o_.line_search && dphi0 < 0.0) {
    LineSearchResult ls = ls_.search(f, x, d_, r.loss, dphi0, lr, o_.search);
    r.evaluations += ls.evaluations;
    at_.follow(f, x, ls, ls_);
    return r;
  }
  x += static_cast<T>(lr) * d_;
  at_.invalidate();
  return r;
}

template class Newton<float>;
template class Newton<double>;

}  // namespace optlab
