// The repeated-multiplication readout (book §8.2.5, eq. 8.11–8.13; §10.7): what multiplying by the
// same matrix W at every step does to a vector, and how that differs from a chain of independent
// matrices. A "run" whose row t (t = 0 … length) holds
//
//   step         t
//   norm_tied    ‖W^t v‖                        (v a random unit vector from the seed)
//   norm_untied  ‖W_t ⋯ W_1 v‖                  (W_1 … W_t drawn independently, the same scale as W)
//   rho_t        ρ^t, the prediction of the largest |λ|
//   component_i  |c_i| |λ_i|^t, the part of W^t v along eigenvector q_i (c_i = q_iᵀ v), for a W given
//                by its eigenvalues; eq. 8.12: W^t = Q diag(λ)^t Qᵀ, so components with |λ_i| > 1
//                explode and those with |λ_i| < 1 vanish, and ‖W^t v‖² = Σ_i (c_i λ_i^t)²
//
// W is either ρ·Q with Q a Haar-random orthogonal matrix (`spectral_radius` ρ: every |λ| = ρ, so
// ‖W^t v‖ = ρ^t exactly) or Q diag(λ) Qᵀ (`eigenvalues` λ_1 … λ_n: a symmetric W with that spectrum).
// The untied chain draws every W_k the same way with its own Q_k: the same spectrum, independent
// eigenvectors. An orthogonal ρ·Q_k chain then has norms ρ^t exactly as the tied one does (no
// direction is preferred); with spread eigenvalues the tied chain is ruled by max|λ|^t while the
// untied one mixes directions at every step and grows at a rate between the smallest and largest |λ|
// (book §10.7: a non-recurrent network can choose the scale of each step; Sussillo 2014).
// Products in double; norms computed without overflow to 1e300 (the row is null beyond).
#pragma once

#include "run/run.hpp"

namespace optlab {

// Reads and validates the "readout" object into s.readout (the normalized object) and the top-level
// keys it allows (seed only). Throws SpecError naming the field.
void read_readout_spec(ObjectReader& r, ExperimentSpec& s);

class RepeatedMultiplicationRun final : public Run {
 public:
  explicit RepeatedMultiplicationRun(ExperimentSpec spec);

  long advance(long n) override;
  // A readout has no optimizer or minibatch: every change is refused (SpecError naming "changes").
  void apply_change(const Json& set) override;
  Index param_count() const override { return 0; }
  std::vector<double> params_copy() const override { return {}; }
  // The eigenvalues λ_i of W (the given ones, or ρ repeated n times for ρ·Q's moduli).
  const std::vector<double>& eigenvalues() const { return lambda_; }

 private:
  void log_row();
  void summarize(nlohmann::ordered_json& j) const override;

  ExperimentSpec spec_;
  std::vector<double> lambda_;
  double rho_ = 1.0;
  bool components_ = false;  // W given by its eigenvalues
  MatD w_, q_;               // W and its eigenvectors Q (columns)
  MatD w_k_;                 // the untied chain's current matrix
  VecD tied_, untied_, tmp_, coeff_;
  Rng rng_;                  // the untied chain's draws
};

}  // namespace optlab
