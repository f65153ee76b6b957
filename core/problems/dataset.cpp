#include "problems/dataset.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "math/portable_math.hpp"
#include "math/rng.hpp"
#include "problems/digits_data.hpp"
#include "problems/sequence.hpp"

namespace optlab {

namespace {
constexpr double kTwoPi = 6.283185307179586476925;
}

const char* dataset_names() { return "spiral, circles, xor, gaussians, digits, inline"; }

namespace {
bool is_generated(const std::string& name) {
  return name == "spiral" || name == "circles" || name == "xor" || name == "gaussians";
}

// The shipped digits, in their order: x (1797, 64) pixel values 0…16, y the digit.
void load_digits(Mat& x, std::vector<int>& y) {
  x.resize(kDigitImages, kDigitPixels);
  y.resize(kDigitImages);
  for (int i = 0; i < kDigitImages; ++i) {
    const char* row = kDigitRows + static_cast<std::ptrdiff_t>(i) * kDigitRowChars;
    y[static_cast<std::size_t>(i)] = row[0] - '0';
    for (int p = 0; p < kDigitPixels; ++p) x(i, p) = static_cast<float>(row[1 + p] - 'a');
  }
}

// Centres and scales every feature by the training split's mean and population standard deviation
// (StandardScaler's ddof = 0); a feature constant on the training split keeps scale 1. The statistics
// are summed in double, in example order, so both builds agree bit for bit.
// Columns of `train` and `test` (same width) → (column − mean) / scale with the TRAINING rows'
// statistics, which are returned in mean and scale (one per column).
void standardize_columns(Mat& train, Mat& test, std::vector<double>& mean, std::vector<double>& scale) {
  const Index n = train.rows(), dim = train.cols();
  mean.assign(static_cast<std::size_t>(dim), 0.0);
  scale.assign(static_cast<std::size_t>(dim), 1.0);
  for (Index j = 0; j < dim; ++j) {
    double sum = 0;
    for (Index i = 0; i < n; ++i) sum += train(i, j);
    const double m = n > 0 ? sum / static_cast<double>(n) : 0.0;
    double ss = 0;
    for (Index i = 0; i < n; ++i) ss += (train(i, j) - m) * (train(i, j) - m);
    const double sd = n > 0 ? std::sqrt(ss / static_cast<double>(n)) : 0.0;
    mean[static_cast<std::size_t>(j)] = m;
    if (sd > 0) scale[static_cast<std::size_t>(j)] = sd;
  }
  for (Mat* m : {&train, &test})
    for (Index i = 0; i < m->rows(); ++i)
      for (Index j = 0; j < dim; ++j)
        (*m)(i, j) = static_cast<float>(((*m)(i, j) - mean[static_cast<std::size_t>(j)]) / scale[static_cast<std::size_t>(j)]);
}

// The inputs, and the regression targets when there are any (dataset.hpp's header comment).
void standardize(Dataset& d) {
  standardize_columns(d.train_x, d.test_x, d.mean, d.scale);
  if (d.regression()) standardize_columns(d.train_t, d.test_t, d.target_mean, d.target_scale);
}

}  // namespace

bool is_dataset_name(const std::string& name) { return is_generated(name) || name == "digits" || name == "inline"; }

int dataset_dim(const DatasetSpec& spec) {
  if (spec.name == "digits") return kDigitPixels;
  if (spec.name == "inline") return spec.given ? spec.given->cols : 0;
  if (is_sequence_dataset(spec.name)) return spec.length * sequence_features(spec);
  return 2;
}

std::pair<int, int> dataset_class_range(const std::string& name) {
  if (name == "xor") return {2, 2};
  return {2, 10};
}

namespace {

void generate(const DatasetSpec& spec, Rng& rng, Mat& x, std::vector<int>& y) {
  const int k = spec.classes, n_total = spec.samples;
  x.resize(n_total, 2);
  y.assign(static_cast<std::size_t>(n_total), 0);
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
}

// t: regression targets (N, outputs), or null for classes.
Dataset split(const DatasetSpec& spec, Rng& rng, const Mat& x, const std::vector<int>& y, const Mat* t = nullptr) {
  Dataset d;
  d.dim = static_cast<int>(x.cols());
  d.classes = t ? 0 : spec.classes;
  split_train_test(x, y, t, spec.test_fraction, rng, d);
  if (spec.standardize) standardize(d);
  return d;
}

}  // namespace

void split_train_test(const Mat& x, const std::vector<int>& y, const Mat* t, double test_fraction, Rng& rng,
                      Dataset& d) {
  const int n_total = static_cast<int>(x.rows());
  // Choose the test examples at random; both sets keep generation order.
  std::vector<int> perm(static_cast<std::size_t>(n_total));
  for (int i = 0; i < n_total; ++i) perm[static_cast<std::size_t>(i)] = i;
  shuffle(perm.begin(), static_cast<std::uint32_t>(n_total), rng);
  const int n_test = static_cast<int>(std::lround(test_fraction * n_total));
  std::vector<char> is_test(static_cast<std::size_t>(n_total), 0);
  for (int i = 0; i < n_test; ++i) is_test[static_cast<std::size_t>(perm[static_cast<std::size_t>(i)])] = 1;
  d.train_x.resize(n_total - n_test, x.cols());
  d.test_x.resize(n_test, x.cols());
  if (t) {
    d.train_t.resize(n_total - n_test, t->cols());
    d.test_t.resize(n_test, t->cols());
  }
  Index tr = 0, te = 0;
  for (int i = 0; i < n_total; ++i) {
    const bool test = is_test[static_cast<std::size_t>(i)];
    Index& r = test ? te : tr;
    (test ? d.test_x : d.train_x).row(r) = x.row(i);
    if (t) (test ? d.test_t : d.train_t).row(r) = t->row(i);
    (test ? d.test_y : d.train_y).push_back(y[static_cast<std::size_t>(i)]);
    ++r;
  }
}

Dataset make_dataset(const DatasetSpec& spec, std::uint64_t seed) {
  if (is_sequence_dataset(spec.name)) return make_sequence_dataset(spec, seed);
  if (!is_dataset_name(spec.name)) throw std::invalid_argument("unknown dataset '" + spec.name + "'");
  Rng rng(seed, RngStream::Data);
  Mat x;
  std::vector<int> y;
  Mat t;  // inline regression targets
  if (spec.name == "digits") {
    load_digits(x, y);
  } else if (spec.name == "inline") {
    if (!spec.given) throw std::invalid_argument("inline dataset without its examples");
    const InlineData& g = *spec.given;
    x.resize(g.rows, g.cols);
    for (int i = 0; i < g.rows; ++i)
      for (int j = 0; j < g.cols; ++j)
        x(i, j) = static_cast<float>(g.x[static_cast<std::size_t>(i) * static_cast<std::size_t>(g.cols) + static_cast<std::size_t>(j)]);
    if (!g.t.empty()) {
      t.resize(g.rows, 1);
      for (int i = 0; i < g.rows; ++i) t(i, 0) = static_cast<float>(g.t[static_cast<std::size_t>(i)]);
      y.assign(static_cast<std::size_t>(g.rows), 0);  // labels are unused for regression (all 0)
      return split(spec, rng, x, y, &t);
    }
    y = g.y;
  } else {
    generate(spec, rng, x, y);
  }
  return split(spec, rng, x, y);
}

}  // namespace optlab
