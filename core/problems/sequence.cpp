#include "problems/sequence.hpp"

#include <cmath>
#include <stdexcept>

#include "math/rng.hpp"

namespace optlab {

bool is_sequence_dataset(const std::string& name) { return name == "recall" || name == "adding"; }

int sequence_features(const DatasetSpec& spec) { return spec.name == "recall" ? spec.classes + 1 : 2; }

Dataset make_sequence_dataset(const DatasetSpec& spec, std::uint64_t seed) {
  if (!is_sequence_dataset(spec.name)) throw std::invalid_argument("not a sequence dataset: '" + spec.name + "'");
  if (spec.length < 1 || (spec.name == "adding" && spec.length < 2))
    throw std::invalid_argument("dataset.length: too short for " + spec.name);
  Rng rng(seed, RngStream::Data);
  const int L = spec.length, D = sequence_features(spec), n = spec.samples;
  const bool adding = spec.name == "adding";
  Mat x = Mat::Zero(n, static_cast<Index>(L) * D);
  Mat t(adding ? n : 0, 1);
  std::vector<int> y(static_cast<std::size_t>(n), 0);
  for (int i = 0; i < n; ++i) {
    float* row = x.data() + static_cast<Index>(i) * L * D;
    if (adding) {
      const int half = (L + 1) / 2;
      const int a = static_cast<int>(rng.below(static_cast<std::uint32_t>(half)));
      const int b = half + static_cast<int>(rng.below(static_cast<std::uint32_t>(L - half)));
      double sum = 0.0;
      for (int s = 0; s < L; ++s) {
        const double u = rng.uniform();
        row[s * D] = static_cast<float>(u);
        if (s == a || s == b) {
          row[s * D + 1] = 1.0f;
          sum += static_cast<double>(static_cast<float>(u));
        }
      }
      t(i, 0) = static_cast<float>(sum);
    } else {
      const int k = spec.classes;
      const int label = i % k;  // balanced classes, as the point data sets generate them
      y[static_cast<std::size_t>(i)] = label;
      row[label] = 1.0f;
      row[k] = 1.0f;
      for (int s = 1; s < L; ++s) row[s * D + static_cast<int>(rng.below(static_cast<std::uint32_t>(k)))] = 1.0f;
      if (spec.noise > 0)
        for (Index j = 0; j < static_cast<Index>(L) * D; ++j) row[j] += static_cast<float>(spec.noise * rng.normal());
    }
  }
  Dataset d;
  d.dim = L * D;
  d.steps = L;
  d.features = D;
  d.classes = adding ? 0 : spec.classes;
  split_train_test(x, y, adding ? &t : nullptr, spec.test_fraction, rng, d);
  return d;
}

}  // namespace optlab
