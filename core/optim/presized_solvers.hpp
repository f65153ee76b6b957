// Pre-allocated Eigen decompositions without an uninitialized member.
//
// Eigen 3.4's size-only constructors SelfAdjointEigenSolver(n) and LDLT(n) allocate their buffers
// (so that a later compute() in a step allocates nothing) but leave m_info, an enum, unset; the
// assignment `solver_ = SelfAdjointEigenSolver<MatD>(n)` then copies an indeterminate enum, which
// UndefinedBehaviorSanitizer reports as "load of value …, which is not a valid value for type
// 'ComputationInfo'". These construct the same pre-allocated solvers with m_info = InvalidInput
// (what the default constructors set: nothing computed yet).
#pragma once

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>

namespace optlab {

template <typename M>
struct PresizedEigenSolver : Eigen::SelfAdjointEigenSolver<M> {
  explicit PresizedEigenSolver(Eigen::Index n) : Eigen::SelfAdjointEigenSolver<M>(n) { this->m_info = Eigen::InvalidInput; }
};

template <typename M>
struct PresizedLdlt : Eigen::LDLT<M> {
  explicit PresizedLdlt(Eigen::Index n) : Eigen::LDLT<M>(n) {
    this->m_info = Eigen::InvalidInput;
    this->m_l1_norm = 0;
  }
};

}  // namespace optlab
