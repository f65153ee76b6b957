// BFGS — Broyden, Fletcher, Goldfarb & Shanno (1970); Goodfellow, Bengio & Courville, *Deep
// Learning* (2016) §8.6.3; Nocedal & Wright, *Numerical Optimization* (2006), Algorithm 6.1.
// The inverse-Hessian form, as the lecture writes it (H_k ≈ ∇²J⁻¹):
//
//     p_k = −H_k ∇f(x_k)
//     α_k from a line search satisfying the strong Wolfe conditions (c₁ = 1e-4, c₂ = 0.9)
//     s_k = α_k p_k,   x_{k+1} = x_k + s_k,   y_k = ∇f(x_{k+1}) − ∇f(x_k),   ρ_k = 1 / y_kᵀs_k
//     H_{k+1} = (I − ρ_k s_k y_kᵀ) H_k (I − ρ_k y_k s_kᵀ) + ρ_k s_k s_kᵀ
//
// H_0 = I (as SciPy; N&W's rescaling by yᵀs/yᵀy is not applied, so counts compare with SciPy's).
// The update is skipped when y_kᵀs_k ≤ 1e-10‖s‖‖y‖ (curvature condition lost to rounding), and H is
// reset to I if p_k fails to be a descent direction. On quadratic problems the line search is the
// exact step, and BFGS then finishes in at most n iterations (N&W Theorem 6.4 for exact searches).
// First trial step as SciPy's BFGS: min(1, lr/‖g‖) at first (a step of length lr), then
// min(1, 1.01·2(f_k − f_{k−1})/φ'(0)).
//
// Memory n² doubles: refused (SpecError) above kMaxBfgsParams parameters — use lbfgs.
// SciPy: scipy.optimize.minimize(method="BFGS"). PyTorch has only L-BFGS.
#pragma once

#include "optim/line_search.hpp"
#include "optim/optimizer.hpp"
#include "optim/point_cache.hpp"

namespace optlab {

constexpr Index kMaxBfgsParams = 2000;

struct BfgsOptions {
  bool exact_on_quadratics = true;
  LineSearchOptions line_search{1e-4, 0.9, 40, 1e10};
  void validate() const { line_search.validate(); }
};

template <typename T>
class Bfgs final : public Optimizer<T> {
 public:
  explicit Bfgs(BfgsOptions o = {}) : o_(validated(o)) {}
  const char* name() const override { return "bfgs"; }
  void reset(Index n) override;
  StepResult step(Objective<T>& f, VecRefT<T> x, double lr) override;
  std::vector<std::pair<std::string, const VecT<T>*>> state() const override { return {{"direction", &d_}}; }
  const MatD& inverse_hessian() const { return hinv_; }

 private:
  BfgsOptions o_;
  PointCache<T> at_;
  StrongWolfeLineSearch<T> ls_;
  MatD hinv_;
  VecT<T> d_, g_old_;
  VecD s_, y_, hy_;
  MatD h_;
  VecD hd_;
  bool have_h_ = false;
  long t_ = 0;
  double f_prev_ = 0.0;
};

}  // namespace optlab
