// Coordinate descent — Goodfellow, Bengio & Courville, *Deep Learning* (2016), §8.7.2: minimize
// f over one variable xᵢ (or one block) at a time with the others fixed. One step = one coordinate
// (or one block), so a trajectory shows the axis-parallel moves.
//
//   order "cyclic": i = 0, 1, …, n−1, 0, …;  "random": i uniform from a generator seeded by `seed`.
//   quadratic problems: the exact minimizer along eᵢ,  xᵢ ← xᵢ − ∂ᵢf / Hᵢᵢ  (when Hᵢᵢ > 0);
//   problems with blocks (BlockCoordinateProblem, e.g. sparse coding): the block's exact minimizer
//     (soft-thresholding sweep for H, least squares for W), blocks taken in turn;
//   otherwise: the strong Wolfe line search along −∂ᵢf·eᵢ with c₂ = 0.1 (close to exact), first
//     trial xᵢ − lr·∂ᵢf.
//
// The lecture's warning: coordinate descent is a poor strategy when variables are strongly coupled,
// f = (x₁ − x₂)² + α(x₁² + x₂²) (problem cd_counterexample): each exact coordinate move shrinks the
// iterate only by 1/(1 + α), so for small α it barely moves although Newton solves it in one step.
//
// No PyTorch or SciPy counterpart (scikit-learn's Lasso uses the same cyclic soft-threshold updates).
#pragma once

#include "math/rng.hpp"
#include "optim/line_search.hpp"
#include "optim/optimizer.hpp"
#include "optim/point_cache.hpp"

namespace optlab {

struct CoordinateDescentOptions {
  bool random = false;
  std::uint64_t seed = 1;
  LineSearchOptions line_search{1e-4, 0.1, 40, 1e10};
  void validate() const { line_search.validate(); }
};

template <typename T>
class CoordinateDescent final : public Optimizer<T> {
 public:
  explicit CoordinateDescent(CoordinateDescentOptions o = {}) : o_(validated(o)), rng_(o.seed, RngStream::Probe) {}
  const char* name() const override { return "coordinate_descent"; }
  void reset(Index n) override;
  StepResult step(Objective<T>& f, VecRefT<T> x, double lr) override;
  // The coordinate (or block) the last step moved.
  Index last_coordinate() const { return last_; }

 private:
  Index next_index(Index count);

  CoordinateDescentOptions o_;
  Rng rng_;
  PointCache<T> at_;
  StrongWolfeLineSearch<T> ls_;
  VecT<T> d_;
  VecD xd_;
  MatD h_;
  bool have_h_ = false;
  Index cursor_ = 0, last_ = -1;
};

}  // namespace optlab
