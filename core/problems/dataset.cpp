#include "problems/dataset.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "math/portable_math.hpp"
#include "math/rng.hpp"

namespace optlab {

namespace {
constexpr double kTwoPi = 6.283185307179586476925;
}

const char* dataset_names() { return "spiral, circles, xor, gaussians"; }

bool is_dataset_name(const std::string& name) {
  return name == "spiral" || name == "circles" || name == "xor" || name == "gaussians";
}

std::pair<int, int> dataset_class_range(const std::string& name) {
  if (name == "xor") return {2, 2};
  return {2, 10};
}

Dataset make_dataset(const DatasetSpec& spec, std::uint64_t seed) {
  if (!is_dataset_name(spec.name)) throw std::invalid_argument("unknown dataset '" + spec.name + "'");
  Rng rng(seed, RngStream::Data);
  const int k = spec.classes, n_total = spec.samples;
  Mat x(n_total, 2);
  std::vector<int> y(static_cast<std::size_t>(n_total));
  // Class j gets an equal share; the first n_total % k classes one more.
  int row = 0;
  for (int j = 0; j < k; ++j) {
    const int n = n_total / k + (j < n_total % k ? 1 : 0);
    for (int i = 0; i < n; ++i, ++row) {
      double px = 0, py = 0;
      int label = j;
      if (spec.name == "spiral") {
        const double r = n > 1 ? static_cast<double>(i) / (n - 1) : 0.0;
        // Noise jitters the angle (2·noise radians of standard deviation, CS231n's 0.2 at the
        // default 0.1), so arms stay apart near the centre where coordinate noise would merge them.
        const double t = 4.0 * r + kTwoPi * j / k + 2.0 * spec.noise * rng.normal();
        px = r * portable::sin(t);
        py = r * portable::cos(t);
      } else if (spec.name == "circles") {
        // Ring j spans radii [j, j + 0.6] / (k − 0.4): rings of equal width with equal gaps, outer edge at 1.
        const double rad = (j + 0.6 * rng.uniform()) / (k - 0.4);
        const double t = kTwoPi * rng.uniform();
        px = rad * portable::cos(t);
        py = rad * portable::sin(t);
      } else if (spec.name == "xor") {
        // Class 0: x·y < 0, class 1: x·y > 0, drawn per class so the classes stay balanced.
        double ax, ay;
        do {
          ax = rng.uniform(-1.0, 1.0);
          ay = rng.uniform(-1.0, 1.0);
        } while (std::fabs(ax) < 0.05 || std::fabs(ay) < 0.05 || ((ax * ay > 0) != (j == 1)));
        px = ax;
        py = ay;
      } else {  // gaussians
        const double t = kTwoPi * j / k + 0.25 * kTwoPi;
        px = 0.6 * portable::cos(t) + 0.2 * rng.normal();
        py = 0.6 * portable::sin(t) + 0.2 * rng.normal();
      }
      if (spec.name != "spiral") {
        px += spec.noise * rng.normal();
        py += spec.noise * rng.normal();
      }
      x(row, 0) = static_cast<float>(px);
      x(row, 1) = static_cast<float>(py);
      y[static_cast<std::size_t>(row)] = label;
    }
  }
  // Choose the test examples at random; both sets keep generation order.
  std::vector<int> perm(static_cast<std::size_t>(n_total));
  for (int i = 0; i < n_total; ++i) perm[static_cast<std::size_t>(i)] = i;
  shuffle(perm.begin(), static_cast<std::uint32_t>(n_total), rng);
  const int n_test = static_cast<int>(std::lround(spec.test_fraction * n_total));
  std::vector<char> is_test(static_cast<std::size_t>(n_total), 0);
  for (int i = 0; i < n_test; ++i) is_test[static_cast<std::size_t>(perm[static_cast<std::size_t>(i)])] = 1;

  Dataset d;
  d.dim = 2;
  d.classes = k;
  d.train_x.resize(n_total - n_test, 2);
  d.test_x.resize(n_test, 2);
  Index tr = 0, te = 0;
  for (int i = 0; i < n_total; ++i) {
    if (is_test[static_cast<std::size_t>(i)]) {
      d.test_x.row(te++) = x.row(i);
      d.test_y.push_back(y[static_cast<std::size_t>(i)]);
    } else {
      d.train_x.row(tr++) = x.row(i);
      d.train_y.push_back(y[static_cast<std::size_t>(i)]);
    }
  }
  return d;
}

}  // namespace optlab
