// Group normalization (Wu & He 2018) over (B, C) activations, as torch.nn.GroupNorm(G, C, eps,
// affine=True): the C features of each example are split into G contiguous groups of m = C/G; each
// (example, group) is normalized with its own statistics, so an example's output never depends on
// the rest of the batch, and training and evaluation compute the same thing.
//
//   μ_bg = (1/m) Σ_{c∈g} x_bc,   σ²_bg = (1/m) Σ_{c∈g} (x_bc − μ_bg)²,
//   x̂ = (x − μ_bg)/√(σ²_bg + eps),   y_bc = γ_c x̂_bc + β_c
//   layer_norm    = G = 1   (torch.nn.LayerNorm(C) over a (B, C) input)
//   instance_norm = G = C   (one feature per group; every output is β_c — shown for completeness)
//
// Parameters [γ (C), β (C)], initialized to 1 and 0. Backward, with g = dL/dy and ĝ = γ ⊙ g:
//   dβ_c = Σ_b g_bc,   dγ_c = Σ_b g_bc x̂_bc,
//   dx_bc = (1/(m √(σ²_bg + eps))) (m ĝ_bc − Σ_{c'∈g} ĝ_bc' − x̂_bc Σ_{c'∈g} ĝ_bc' x̂_bc')
#pragma once

#include <string>

#include "math/range.hpp"
#include "nn/layer.hpp"

namespace optlab {

struct GroupNormOptions {
  static constexpr Range kEps = Range::positive();
  static constexpr long long kMaxGroups = 4096;
  int groups = 1;    // in [1, 4096], dividing the features
  double eps = 1e-5; // > 0
  std::string kind = "group_norm";  // "layer_norm" / "instance_norm": only changes describe()
  void validate() const {
    check_option("groups", static_cast<long long>(groups), 1, kMaxGroups);
    check_option("eps", eps, kEps);
  }
};

class GroupNorm final : public Layer {
 public:
  // Throws std::invalid_argument when groups does not divide features.
  GroupNorm(Index features, GroupNormOptions opt);

  std::string describe() const override;
  Index param_count() const override { return 2 * out_; }
  void init_params(float* params, Rng& rng) const override;
  void reserve(Index max_batch) override;
  void forward(const float* params, ConstMatRef x, bool training) override;
  void backward(const float* params, float* grads, ConstMatRef x, ConstMatRef dy, float* dx) override;

  int groups() const { return opt_.groups; }

 private:
  GroupNormOptions opt_;
  Index m_;      // features per group
  Mat xhat_;     // (max_batch, C)
  Mat invstd_;   // (max_batch, G)
  Vec dxhat_;    // (C) scratch: γ ⊙ g for one example
};

// "" or why `groups` cannot split `features` (for spec validation).
std::string group_norm_error(Index features, int groups);

}  // namespace optlab
