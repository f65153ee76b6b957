// Curvature readouts for the lecture's ill-conditioning and saddle-point experiments (§8.2.1,
// §8.2.3), measured at a point x with Hessian H = ∇²f(x):
//
//   λ_max, λ_min    extreme eigenvalues of H
//   condition       max|λ| / min|λ| (∞ when H is singular)
//   negative        the number of negative eigenvalues (> 0: a saddle or a maximum direction),
//                   counting those below −tol·max|λ| (tol 1e-12 with a closed-form Hessian, 1e-4
//                   with differenced gradients, whose noise would otherwise count as curvature)
//   gᵀg, gᵀHg and the book's ill-conditioning test (eq. 8.10), with ε the step's learning rate:
//       ill = −ε gᵀg + ½ ε² gᵀHg
//   > 0 means a gradient step of size ε increases f to second order: "even very small steps
//   increase the cost function" once ½ε gᵀHg exceeds gᵀg.
//
// Small problems (n ≤ dense_limit, with a closed-form Hessian or assembled from Hessian-vector
// products) are decomposed densely, and every readout is exact. Larger ones use k steps of
// Lanczos with full reorthogonalization (Golub & Van Loan §10.1) on Hessian-vector products:
// the extreme Ritz values converge to λ_max and λ_min first, always from inside the spectrum
// (Cauchy interlacing), so `condition` is then an underestimate that grows with lanczos_steps
// (quadratic, n = 300, κ = 100: 78 after 20 steps, 97.7 after 50); `negative` is the count of
// negative Ritz values, a lower estimate of the true count.
//
// reset() sizes every buffer, so measure() allocates nothing: the dense Hessian and its
// eigendecomposition (SymmetricEigen, presized_solvers.hpp: Householder tridiagonalization and the
// symmetric QR algorithm, Golub & Van Loan §8.3), or the Lanczos basis, T's diagonal and
// subdiagonal and its eigenvalues — also when Lanczos stops early at an invariant subspace, where T
// is smaller than k × k.
#pragma once

#include "optim/hessian_vector.hpp"
#include "optim/presized_solvers.hpp"

namespace optlab {

struct CurvatureReadout {
  double lambda_min = 0, lambda_max = 0, condition = 0, negative = 0;
  double gg = 0, ghg = 0, ill = 0;
  int evaluations = 0;  // gradient evaluations spent (Hessian-vector products of networks)
  bool exact = true;    // dense decomposition (true) or Lanczos estimates (false)
};

template <typename T>
class CurvatureProbe {
 public:
  // Allocates for n parameters: the dense path when n ≤ dense_limit, else k Lanczos vectors.
  void reset(Index n, int lanczos_steps = 20, Index dense_limit = 200);
  // The readouts at x, ε = epsilon for the ill-conditioning test.
  CurvatureReadout measure(Objective<T>& f, ConstVecRefT<T> x, double epsilon);
  // k steps of Lanczos from a fixed seeded start vector. Returns the number m ≤ k of steps taken
  // (fewer when an invariant subspace is found); the m Ritz values, ascending, are then ritz().
  int lanczos(Objective<T>& f, ConstVecRefT<T> x, int k, int* evaluations = nullptr);
  // The Ritz values of the last lanczos() call, ascending.
  Eigen::VectorBlock<const VecD> ritz() const { return tri_eig_.eigenvalues().head(ritz_count_); }

 private:
  HessianVectorProduct<T> hvp_;
  Index dense_limit_ = 200;
  int k_ = 20;
  int ritz_count_ = 0;
  MatD h_, v_;
  VecD gd_, hg_, w_, alpha_, beta_, coeff_;
  VecT<T> g_;
  SymmetricEigen dense_eig_, tri_eig_;
};

}  // namespace optlab
