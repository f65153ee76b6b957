// NetworkRun::symmetry_readout (run/experiment.hpp): the book's §8.2.2 weight-space symmetry on the
// run's own network (nn/symmetry.hpp).
#include <cmath>

#include "nn/symmetry.hpp"
#include "run/experiment.hpp"

namespace optlab {

namespace {

nlohmann::ordered_json nested(const std::vector<std::vector<int>>& v) {
  auto a = nlohmann::ordered_json::array();
  for (const auto& row : v) a.push_back(row);
  return a;
}

}  // namespace

nlohmann::ordered_json NetworkRun::symmetry_readout(std::uint64_t seed) {
  const Model& m = *model_;
  const Index n = m.param_count();
  Rng rng(seed, RngStream::Symmetry);
  const UnitPermutation p = random_unit_permutation(m, rng);
  const UnitPermutation c = canonical_permutation(m, theta_.data());
  Vec permuted(n), canonical(n);
  permute_units(m, theta_.data(), p, permuted.data());
  permute_units(m, theta_.data(), c, canonical.data());
  const Evaluation base = evaluate(theta_.data(), data_.train_x, data_.train_y);
  const Evaluation perm = evaluate(permuted.data(), data_.train_x, data_.train_y);
  const Evaluation canon = evaluate(canonical.data(), data_.train_x, data_.train_y);
  nlohmann::ordered_json j;
  j["loss"] = json_number(base.loss);
  j["permuted_loss"] = json_number(perm.loss);
  j["canonical_loss"] = json_number(canon.loss);
  j["loss_difference"] = json_number(std::fabs(perm.loss - base.loss));
  double sq = 0.0;  // ‖Pθ − θ‖ in double, in index order (the same bits in both builds)
  for (Index i = 0; i < n; ++i) sq += static_cast<double>(permuted(i) - theta_(i)) * (permuted(i) - theta_(i));
  j["permuted_distance"] = json_number(std::sqrt(sq));
  // ‖c(Pθ) − c(θ)‖: the canonical form maps the permuted copy back onto θ's canonical form (0 bit for
  // bit: nn/symmetry.hpp), while solutions of other seeds stay apart (the page's symmetry view).
  Vec permuted_canonical(n);
  permute_units(m, permuted.data(), canonical_permutation(m, permuted.data()), permuted_canonical.data());
  sq = 0.0;
  for (Index i = 0; i < n; ++i)
    sq += static_cast<double>(permuted_canonical(i) - canonical(i)) * (permuted_canonical(i) - canonical(i));
  j["permuted_canonical_distance"] = json_number(std::sqrt(sq));
  j["permutation"] = nested(p.perm);
  j["signs"] = nested(p.sign);
  j["canonical_permutation"] = nested(c.perm);
  j["canonical_signs"] = nested(c.sign);
  auto params = nlohmann::ordered_json::array(), canon_params = nlohmann::ordered_json::array();
  for (Index i = 0; i < n; ++i) {
    params.push_back(json_number(theta_(i)));
    canon_params.push_back(json_number(canonical(i)));
  }
  j["params"] = std::move(params);
  j["canonical_params"] = std::move(canon_params);
  return j;
}

}  // namespace optlab
