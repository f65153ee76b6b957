#include "optim/curvature.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "math/norm.hpp"
#include "math/rng.hpp"

namespace optlab {

template <typename T>
void CurvatureProbe<T>::reset(Index n, int lanczos_steps, Index dense_limit) {
  dense_limit_ = dense_limit;
  k_ = static_cast<int>(std::min<Index>(std::max(2, lanczos_steps), n));
  hvp_.reset(n);
  gd_.setZero(n);
  hg_.setZero(n);
  w_.setZero(n);
  g_.setZero(n);
  if (n <= dense_limit_) {
    h_.setZero(n, n);
    dense_eig_.reset(n);
  }
  v_.setZero(n, k_ + 1);
  alpha_.setZero(k_);
  beta_.setZero(k_);
  coeff_.setZero(k_ + 1);
  tri_eig_.reset(k_);
  ritz_count_ = 0;
}

namespace {

// An eigenvalue counts as negative below −tol·max|λ|: rounding level for closed-form Hessians, the
// accuracy of differenced gradients (≈1e-5 relative, hessian_vector.hpp) otherwise, so noise around
// the many near-zero eigenvalues of a network's Hessian is not counted as negative curvature.
template <typename T, typename Values>
double negative_tolerance(const Objective<T>& f, const Values& lam) {
  return (f.has_hessian() ? 1e-12 : 1e-4) * lam.cwiseAbs().maxCoeff();
}

}  // namespace

template <typename T>
int CurvatureProbe<T>::lanczos(Objective<T>& f, ConstVecRefT<T> x, int k, int* evaluations) {
  const Index n = x.size();
  if (n != w_.size()) reset(n, k_, dense_limit_);
  k = std::min<int>(std::min(k, k_), static_cast<int>(n));
  Rng rng(12345, RngStream::Probe);  // a fixed start vector: the readout is reproducible
  for (Index i = 0; i < n; ++i) w_(i) = rng.normal();
  v_.col(0) = w_ / scaled_norm(w_);
  int evals = 0, m = 0;
  hvp_.invalidate();
  for (int j = 0; j < k; ++j) {
    evals += hvp_.apply(f, x, v_.col(j), w_);
    alpha_(j) = w_.dot(v_.col(j));
    // Full reorthogonalization against every earlier vector, twice ("twice is enough").
    for (int pass = 0; pass < 2; ++pass)
      for (int i = 0; i <= j; ++i) w_ -= w_.dot(v_.col(i)) * v_.col(i);
    m = j + 1;
    const double b = scaled_norm(w_);
    if (j + 1 == k || b <= 1e-12 * std::max(1.0, std::fabs(alpha_(j)))) break;
    beta_(j) = b;
    v_.col(j + 1) = w_ / b;
  }
  // Eigenvalues of the m × m tridiagonal T (diagonal α, off-diagonal β), into tri_eig_'s buffer.
  tri_eig_.compute_tridiagonal(alpha_, beta_, m);
  ritz_count_ = m;
  if (evaluations) *evaluations += evals;
  return m;
}

template <typename T>
CurvatureReadout CurvatureProbe<T>::measure(Objective<T>& f, ConstVecRefT<T> x, double epsilon) {
  const Index n = x.size();
  if (n != gd_.size()) reset(n, k_, dense_limit_);  // a caller's mistake; costs an allocation, not memory safety
  CurvatureReadout c;
  const long before = f.evaluations();
  f.value_and_gradient(x, g_);
  for (Index i = 0; i < n; ++i) gd_(i) = static_cast<double>(g_(i));
  c.gg = gd_.squaredNorm();
  if (n <= dense_limit_) {
    hvp_.dense(f, x, h_);
    dense_eig_.compute(h_, false);
    const VecD& lam = dense_eig_.eigenvalues();
    c.lambda_min = lam(0);
    c.lambda_max = lam(n - 1);
    c.negative = static_cast<double>((lam.array() < -negative_tolerance(f, lam)).count());
    c.condition = lam.cwiseAbs().maxCoeff() / lam.cwiseAbs().minCoeff();
    hg_.noalias() = h_ * gd_;
    c.ghg = gd_.dot(hg_);
    c.exact = true;
  } else {
    lanczos(f, x, k_);
    const auto ritz_values = ritz();
    c.lambda_min = ritz_values(0);
    c.lambda_max = ritz_values(ritz_values.size() - 1);
    c.negative = static_cast<double>((ritz_values.array() < -negative_tolerance(f, ritz_values)).count());
    c.condition = ritz_values.cwiseAbs().maxCoeff() / ritz_values.cwiseAbs().minCoeff();
    hvp_.apply(f, x, gd_, hg_);
    c.ghg = gd_.dot(hg_);
    c.exact = false;
  }
  if (!std::isfinite(c.condition)) c.condition = std::numeric_limits<double>::infinity();
  c.ill = -epsilon * c.gg + 0.5 * epsilon * epsilon * c.ghg;
  c.evaluations = static_cast<int>(f.evaluations() - before);
  return c;
}

template class CurvatureProbe<float>;
template class CurvatureProbe<double>;

}  // namespace optlab
