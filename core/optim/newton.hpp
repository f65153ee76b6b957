// Newton's method — Algorithm 8.8 of Goodfellow, Bengio & Courville, *Deep Learning* (2016), §8.6.1:
//
//     g ← ∇J(θ),   H ← ∇²J(θ)
//     Δθ = −[H + αI]⁻¹ g           (α = `damping`, the book's regularized Hessian; α = 0: pure Newton)
//     θ ← θ + ε Δθ                 (ε = lr, 1 by default: the full Newton step)
//
// With `line_search` on, ε is found by the strong Wolfe search (c₁ = 1e-4, c₂ = 0.9, first trial
// ε = lr) whenever Δθ is a descent direction; a non-descent Newton step (H indefinite) is taken as is.
//
// The book's point about nonconvex surfaces holds here by construction: Newton's step jumps to the
// critical point of the local quadratic model, whatever its kind — on f = x² − y² it lands exactly
// on the saddle (0, 0) in one step from anywhere (tests/native/second_order_test.cpp), while
// gradient descent escapes along −y. Damping α > |λ_min| makes H + αI positive definite and turns
// the step into a descent direction again.
//
// The linear system is solved by a symmetric eigendecomposition H = QΛQᵀ, so the step is
// −Q(Λ + αI)⁻¹Qᵀg and the readouts λ_min, λ_max and the number of negative eigenvalues are free.
// The decomposition is Householder tridiagonalization followed by the symmetric QR algorithm
// (Golub & Van Loan, *Matrix Computations*, §8.3; SymmetricEigen in presized_solvers.hpp): the
// same arithmetic as Eigen's SelfAdjointEigenSolver, but with every buffer — Q, Λ, T's
// subdiagonal, the Householder coefficients and the n-vector workspace that accumulates Q — sized
// in reset(), so a step allocates nothing (Eigen's solver allocates that workspace every call).
// If some |λᵢ + α| ≤ 1e-12·max(1, max|λ|) the system is singular: the step reports a failure
// ("set damping > 0") instead of producing infinities.
//
// Hessian: the problem's closed form (test surfaces), else assembled from n Hessian-vector products
// by differences of gradients (hessian_vector.hpp; 4n gradient evaluations per step). The dense
// n × n matrix and its O(n³) solve restrict Newton to small problems: above kMaxNewtonParams
// parameters reset() refuses with a SpecError.
//
// SciPy: minimize(method="Newton-CG") is a truncated (inexact) Newton; PyTorch has none.
#pragma once

#include "optim/hessian_vector.hpp"
#include "optim/line_search.hpp"
#include "optim/optimizer.hpp"
#include "optim/point_cache.hpp"
#include "optim/presized_solvers.hpp"

namespace optlab {

constexpr Index kMaxNewtonParams = 1000;

struct NewtonOptions {
  static constexpr Range kDamping = Range::non_negative();
  double damping = 0.0;     // α ≥ 0
  bool line_search = false;
  LineSearchOptions search{1e-4, 0.9, 40, 1e10};
  void validate() const {
    check_option("damping", damping, kDamping);
    search.validate();
  }
};

template <typename T>
class Newton final : public Optimizer<T> {
 public:
  explicit Newton(NewtonOptions o = {}) : o_(validated(o)) {}
  const char* name() const override { return "newton"; }
  void reset(Index n) override;
  StepResult step(Objective<T>& f, VecRefT<T> x, double lr) override;
  std::vector<std::pair<std::string, const VecT<T>*>> state() const override { return {{"direction", &d_}}; }

  // Eigenvalues of H at the last step (ascending).
  const VecD& eigenvalues() const { return eig_.eigenvalues(); }

 private:
  NewtonOptions o_;
  PointCache<T> at_;
  StrongWolfeLineSearch<T> ls_;
  HessianVectorProduct<T> hvp_;
  MatD h_;
  SymmetricEigen eig_;
  VecD qg_;
  VecT<T> d_;
};

}  // namespace optlab
