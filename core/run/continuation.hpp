// Continuation (book §8.7.6; Mobahi & Fisher 2015, "On the link between Gaussian homotopy
// continuation and convex envelopes"): instead of J, minimize a sequence of smoothed objectives
//
//   J_σ(θ) = E_ε[J(θ + σε)],  ε ~ N(0, I)          (Gaussian blur of J with width σ)
//
// with σ going down to 0 over the run, each stage starting where the previous one stopped. A wide
// blur washes out small local minima (on Rastrigin, J_σ is convex for σ ≳ 0.55), so the early
// stages lead to the basin of the wide, deep minimum and the last, exact stage (σ = 0) refines it.
//
// The expectation is estimated with common random numbers: M directions ε₁…ε_M ~ N(0, I) are drawn
// once from the run's seed (its own random stream, 6) and used at every step, so Ĵ_σ is one fixed,
// smooth, deterministic function for each σ (the same run twice, natively or in wasm, gives the
// same bits) and every optimizer — line searches and second-order methods included — minimizes it:
//
//   Ĵ_σ(θ) = (1/K) Σₖ J(θ + σ sₖ εₖ),   ∇Ĵ_σ = (1/K) Σₖ ∇J(θ + σ sₖ εₖ),   ∇²Ĵ_σ = (1/K) Σₖ ∇²J(θ + σ sₖ εₖ)
//
// With "antithetic" every direction is used as +ε and −ε (K = 2M terms, sₖ = ±1): the odd terms of
// the Taylor expansion cancel, so on a quadratic the estimate's gradient and Hessian are exact and
// Ĵ_σ = J + (σ²/2M)Σ εₘᵀHεₘ. Without it K = M. At σ = 0 the objective is J itself (one evaluation).
// Each term costs one evaluation of J, so a smoothed step costs K times a plain one (the trace's
// "evaluations" column counts them).
//
// Schedule over the run's `steps` (documented in docs/continuation.md): S stages of equal length,
// stage s = ⌊k·S/steps⌋ for the step k that leaves θ_k, with
//   linear:       σ_s = σ₀ (1 − s/(S − 1))          (σ₀, …, 0)
//   geometric:    σ_s = σ₀ r^s for s < S − 1, σ_{S−1} = 0
// and S = 1 keeps σ₀ for the whole run (smoothing without continuation).
#pragma once

#include <cstdint>
#include <string>

#include "math/types.hpp"
#include "optim/objective.hpp"
#include "run/spec_reader.hpp"

namespace optlab {

// The "continuation" key. The initializers below are placeholders: read_continuation() takes every
// default and range from the catalog (core/run/catalog.cpp: sigma 1, samples 256, stages 5, …).
struct ContinuationSpec {
  bool on = false;
  double sigma = 1.0;        // σ₀ ≥ 0, in the units of θ
  int samples = 256;         // M ≥ 1 directions
  bool antithetic = true;    // use ±εₘ
  int stages = 5;            // S ≥ 1
  std::string schedule = "linear";  // "linear" | "geometric"
  double ratio = 0.5;        // r of the geometric schedule, in (0, 1)
};

// Reads "continuation" (absent: off) with the catalog's names, defaults and ranges. Throws
// SpecError naming the field (continuation.sigma: must be ≥ 0 …).
ContinuationSpec read_continuation(ObjectReader& spec);

// σ for the step that leaves θ_k of a run of `steps` steps (the schedule above).
double continuation_sigma(const ContinuationSpec& c, long k, long steps);

// Ĵ_σ over an inner objective of dimension n. Buffers are sized here; evaluations allocate nothing.
class SmoothedObjective final : public Objective<double> {
 public:
  SmoothedObjective(Objective<double>& inner, const ContinuationSpec& c, std::uint64_t seed);

  // Sets σ; a change makes a new function, so generation() moves (methods that carry f and ∇f
  // from one step to the next, cg/bfgs/lbfgs, recompute them).
  void set_sigma(double sigma);
  double sigma() const { return sigma_; }
  // Terms per evaluation at the current σ (K, or 1 at σ = 0).
  int terms() const;

  Index dim() const override { return inner_.dim(); }
  double value_and_gradient(ConstVecRefT<double> x, VecRefT<double> grad) override;
  double value(ConstVecRefT<double> x) override;
  bool has_hessian() const override { return inner_.has_hessian(); }
  void hessian(ConstVecRefT<double> x, MatD& h) override;
  // The average of quadratics with one Hessian is a quadratic with that Hessian.
  bool is_quadratic() const override { return inner_.is_quadratic(); }

  const MatD& directions() const { return eps_; }  // n × M, column m = εₘ

 private:
  // θ + σ sₖ εₖ into point_ for term k.
  void perturb(ConstVecRefT<double> x, int k);

  Objective<double>& inner_;
  bool antithetic_;
  double sigma_ = 0.0;
  MatD eps_;
  VecD point_, grad_;
  MatD hess_;
};

}  // namespace optlab
