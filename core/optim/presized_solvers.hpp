// Eigen decompositions whose buffers are sized once, so that a training step (Newton's method) or a
// logged readout (curvature) decomposes without touching the heap.
#pragma once

#include <Eigen/Cholesky>

#include "math/types.hpp"

namespace optlab {

// Symmetric eigendecomposition A = Q Λ Qᵀ (Λ ascending) that allocates only in reset(n).
//
// Why not Eigen::SelfAdjointEigenSolver: even constructed with its size, its compute() allocates a
// vector of n doubles on every call when eigenvectors are wanted — the accumulation of Q from the
// Householder vectors (HouseholderSequence::evalTo) makes its workspace itself. Found by the
// sanitizer build's allocation check on Newton's step (tests/native/second_order_test.cpp).
//
// This runs the same Eigen 3.4 routines in the same order as SelfAdjointEigenSolver::compute (so
// the results are bit-for-bit those of Eigen's solver, natively and in wasm), with every buffer
// owned here:
//   1. scale A by s = max|a_ij| (lower triangle) against overflow, as Eigen does;
//   2. Householder tridiagonalization QᵀAQ = T (Golub & Van Loan, *Matrix Computations*, §8.3.1,
//      Algorithm 8.3.1) in place (Eigen::internal::tridiagonalization_inplace);
//   3. if vectors are wanted, Q accumulated backwards from the stored Householder vectors (GVL
//      §5.1.6), in place, with our workspace `work_` (HouseholderSequence::evalTo(dst, workspace));
//   4. the symmetric QR algorithm on T (GVL §8.3, Algorithm 8.3.3), whose implicit QR steps with
//      Wilkinson shift (Algorithm 8.3.2) apply their Givens rotations to Q
//      (Eigen::internal::computeFromTridiagonal_impl, at most 30·n steps, Eigen's limit);
//   5. Λ scaled back by s.
// Preallocated by reset(n): Q / the working copy of A (n × n), λ (n), T's subdiagonal and the
// Householder coefficients (n − 1 each), and the n-vector workspace of step 3.
class SymmetricEigen {
 public:
  // Sizes every buffer for n × n matrices (n ≥ 1). The only call that allocates.
  void reset(Index n);
  // Decomposes the symmetric a (n × n, the reset size; only its lower triangle is read).
  // vectors = false computes Λ only (Q is then not available). Returns false when the QR iteration
  // did not converge in 30·n sweeps (Eigen's limit); Λ is then unusable.
  bool compute(const MatD& a, bool vectors);
  // Eigenvalues only of the m × m symmetric tridiagonal matrix with diagonal alpha(0..m−1) and
  // subdiagonal beta(0..m−2) (Lanczos' T; 1 ≤ m ≤ the reset size), into eigenvalues().head(m).
  // Returns false when the QR iteration did not converge.
  bool compute_tridiagonal(const VecD& alpha, const VecD& beta, Index m);

  // λ ascending: all n after compute(), the first m after compute_tridiagonal().
  const VecD& eigenvalues() const { return values_; }
  // Q (columns: eigenvectors, in the order of λ) after compute(a, true).
  const MatD& eigenvectors() const { return q_; }

 private:
  MatD q_;
  VecD values_, subdiag_, hcoeffs_, work_;
};

// Eigen 3.4's size-only constructor LDLT(n) allocates its buffers (so that a later compute() in a
// step allocates nothing) but leaves m_info, an enum, unset; the assignment `ldlt_ = LDLT<MatD>(n)`
// then copies an indeterminate enum, which UndefinedBehaviorSanitizer reports as "load of value …,
// which is not a valid value for type 'ComputationInfo'". This constructs the same pre-allocated
// solver with m_info = InvalidInput (what the default constructor sets: nothing computed yet).
template <typename M>
struct PresizedLdlt : Eigen::LDLT<M> {
  explicit PresizedLdlt(Eigen::Index n) : Eigen::LDLT<M>(n) {
    this->m_info = Eigen::InvalidInput;
    this->m_l1_norm = 0;
  }
};

}  // namespace optlab
