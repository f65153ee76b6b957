// Nonlinear conjugate gradient — Algorithm 8.9 of Goodfellow, Bengio & Courville, *Deep Learning*
// (2016), §8.6.2; Nocedal & Wright, *Numerical Optimization* (2006), Algorithm 5.4 and §5.2:
//
//     g_t ← ∇J(θ_t)
//     β_t = g_tᵀg_t / g_{t−1}ᵀg_{t−1}                  (Fletcher–Reeves, "fletcher_reeves")
//     β_t = (g_t − g_{t−1})ᵀg_t / g_{t−1}ᵀg_{t−1}      (Polak–Ribière, the lecture's, "polak_ribiere")
//     β_t = max(0, β_t^PR)                             (PR+, SciPy's choice, "pr_plus", the default)
//     ρ_t = −g_t + β_t ρ_{t−1}
//     ε* = argmin_ε J(θ_t + ε ρ_t)
//     θ_{t+1} = θ_t + ε* ρ_t
//
// The line search: on a quadratic problem the exact step ε* = −g_tᵀρ_t / ρ_tᵀHρ_t (the book's
// "analytically solve for ε*"), so CG finishes an n-dimensional quadratic in at most n iterations;
// otherwise the strong Wolfe search of line_search.hpp with c₂ = 0.4 (as SciPy's CG). β is reset to
// 0 (a steepest-descent restart) every `restart` iterations (0: never) and whenever ρ_t is not a
// descent direction. The first trial step of an iteration is SciPy's min(1, 1.01·2(f_t − f_{t−1})/φ'(0));
// the very first one min(1, lr/‖g‖), a step of length lr.
//
// PyTorch has no CG; SciPy: scipy.optimize.minimize(method="CG") (PR+, c₂ = 0.4).
#pragma once

#include <string>

#include "optim/line_search.hpp"
#include "optim/optimizer.hpp"
#include "optim/point_cache.hpp"

namespace optlab {

enum class CgBeta { FletcherReeves, PolakRibiere, PolakRibierePlus };

struct ConjugateGradientOptions {
  CgBeta beta = CgBeta::PolakRibierePlus;
  int restart = 0;          // reset β every k iterations; 0 = only when ρ is not a descent direction
  bool exact_on_quadratics = true;  // line_search "auto"; "wolfe" turns it off
  LineSearchOptions line_search{1e-4, 0.4, 40, 1e10};
  static constexpr long long kMaxRestart = 1000000;
  void validate() const {
    check_option("restart", static_cast<long long>(restart), 0, kMaxRestart);
    line_search.validate();
  }
};

template <typename T>
class ConjugateGradient final : public Optimizer<T> {
 public:
  explicit ConjugateGradient(ConjugateGradientOptions o = {}) : o_(validated(o)) {}
  const char* name() const override { return "cg"; }
  void reset(Index n) override;
  StepResult step(Objective<T>& f, VecRefT<T> x, double lr) override;
  std::vector<std::pair<std::string, const VecT<T>*>> state() const override { return {{"direction", &d_}}; }
  long iterations() const { return t_; }

 private:
  ConjugateGradientOptions o_;
  PointCache<T> at_;
  StrongWolfeLineSearch<T> ls_;
  VecT<T> d_, g_prev_;
  MatD h_;  // the constant Hessian of a quadratic problem, for the exact step
  VecD hd_;
  bool have_h_ = false;
  long t_ = 0;
  double f_prev_ = 0.0;
};

}  // namespace optlab
