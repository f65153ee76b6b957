// L-BFGS — Liu & Nocedal (1989); Goodfellow, Bengio & Courville, *Deep Learning* (2016) §8.6.3;
// Nocedal & Wright, *Numerical Optimization* (2006), Algorithm 7.4 (two-loop recursion) and 7.5:
//
//     q ← ∇f(x_k)
//     for i = k−1 … k−m:  αᵢ = ρᵢ sᵢᵀq,  q ← q − αᵢ yᵢ
//     r ← γ_k q,  γ_k = s_{k−1}ᵀy_{k−1} / y_{k−1}ᵀy_{k−1}      (H⁰ scaled, N&W eq. 7.20)
//     for i = k−m … k−1:  β = ρᵢ yᵢᵀr,  r ← r + sᵢ(αᵢ − β)
//     p_k = −r;  x_{k+1} = x_k + α_k p_k with a strong Wolfe line search (c₁ = 1e-4, c₂ = 0.9)
//
// The last m = `memory` pairs (sᵢ, yᵢ) are kept in ring buffers (default 10, PyTorch's
// history_size is 100, SciPy's L-BFGS-B maxcor 10). A pair with yᵀs ≤ 1e-10‖s‖‖y‖ is not stored.
// First trial step min(1, lr/‖g‖) (as L-BFGS-B's 1/‖g‖ with lr = 1), then α = 1.
//
// PyTorch: torch.optim.LBFGS(lr=1, history_size=m, line_search_fn="strong_wolfe").
// SciPy: scipy.optimize.minimize(method="L-BFGS-B") without bounds.
#pragma once

#include "optim/line_search.hpp"
#include "optim/optimizer.hpp"
#include "optim/point_cache.hpp"

namespace optlab {

struct LbfgsOptions {
  int memory = 10;  // stored (s, y) pairs, in [1, 1000]
  LineSearchOptions line_search{1e-4, 0.9, 40, 1e10};
  static constexpr long long kMinMemory = 1, kMaxMemory = 1000;
  void validate() const {
    check_option("memory", static_cast<long long>(memory), kMinMemory, kMaxMemory);
    line_search.validate();
  }
};

template <typename T>
class Lbfgs final : public Optimizer<T> {
 public:
  explicit Lbfgs(LbfgsOptions o = {}) : o_(validated(o)) {}
  const char* name() const override { return "lbfgs"; }
  void reset(Index n) override;
  StepResult step(Objective<T>& f, VecRefT<T> x, double lr) override;
  std::vector<std::pair<std::string, const VecT<T>*>> state() const override { return {{"direction", &d_}}; }
  int stored_pairs() const { return count_; }

 private:
  LbfgsOptions o_;
  PointCache<T> at_;
  StrongWolfeLineSearch<T> ls_;
  MatD s_, y_;  // n × m ring buffers
  VecD rho_, alpha_, q_;
  VecT<T> d_, g_old_;
  int head_ = 0, count_ = 0;  // next slot to write; pairs stored
  long t_ = 0;
};

}  // namespace optlab
