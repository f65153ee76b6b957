#include "optim/presized_solvers.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>

namespace optlab {

namespace {
// SelfAdjointEigenSolver's iteration limit (m_maxIterations): at most 30·n implicit QR steps.
constexpr Index kMaxQrSweeps = 30;
}  // namespace

void SymmetricEigen::reset(Index n) {
  q_.setZero(n, n);
  values_.setZero(n);
  subdiag_.setZero(std::max<Index>(n - 1, 0));
  hcoeffs_.setZero(std::max<Index>(n - 1, 0));
  work_.setZero(n);
}

bool SymmetricEigen::compute(const MatD& a, bool vectors) {
  const Index n = a.rows();
  eigen_assert(n == a.cols() && n == q_.rows() && "SymmetricEigen: reset(n) for this size first");
  if (n == 1) {
    values_(0) = a(0, 0);
    q_(0, 0) = 1.0;
    return true;
  }
  // Steps 1–5 of the header, in the order of SelfAdjointEigenSolver<MatD>::compute (Eigen 3.4).
  q_ = a.triangularView<Eigen::Lower>();
  double scale = q_.cwiseAbs().maxCoeff();
  if (scale == 0.0) scale = 1.0;
  q_.triangularView<Eigen::Lower>() /= scale;
  Eigen::internal::tridiagonalization_inplace(q_, hcoeffs_);
  values_ = q_.diagonal();
  subdiag_ = q_.diagonal<-1>();
  if (vectors)
    Eigen::HouseholderSequence<MatD, VecD>(q_, hcoeffs_).setLength(n - 1).setShift(1).evalTo(q_, work_);
  const Eigen::ComputationInfo info =
      Eigen::internal::computeFromTridiagonal_impl(values_, subdiag_, kMaxQrSweeps, vectors, q_);
  values_ *= scale;
  return info == Eigen::Success;
}

bool SymmetricEigen::compute_tridiagonal(const VecD& alpha, const VecD& beta, Index m) {
  eigen_assert(m >= 1 && m <= values_.size() && alpha.size() >= m && beta.size() >= m - 1);
  // As SelfAdjointEigenSolver::computeFromTridiagonal(alpha, beta, EigenvaluesOnly), on the
  // leading m entries of our buffers.
  auto diag = values_.head(m);
  auto sub = subdiag_.head(m - 1);
  diag = alpha.head(m);
  sub = beta.head(m - 1);
  return Eigen::internal::computeFromTridiagonal_impl(diag, sub, kMaxQrSweeps, false, q_) == Eigen::Success;
}

}  // namespace optlab
