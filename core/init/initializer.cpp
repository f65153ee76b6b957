#include "init/initializer.hpp"

#include <Eigen/QR>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace optlab {

const std::vector<std::string>& initializer_names() {
  static const std::vector<std::string> names = {
      "zeros",          "ones",          "constant",      "random_normal", "random_uniform", "truncated_normal",
      "variance_scaling", "glorot_uniform", "glorot_normal", "he_uniform",   "he_normal",      "lecun_uniform",
      "lecun_normal",   "orthogonal",    "identity",      "default_uniform", "sparse",        "class_prior"};
  return names;
}

const char* fan_mode_name(FanMode m) {
  switch (m) {
    case FanMode::FanIn: return "fan_in";
    case FanMode::FanOut: return "fan_out";
    case FanMode::FanAvg: return "fan_avg";
  }
  return "?";
}

const char* distribution_name(Distribution d) {
  switch (d) {
    case Distribution::TruncatedNormal: return "truncated_normal";
    case Distribution::UntruncatedNormal: return "untruncated_normal";
    case Distribution::Uniform: return "uniform";
  }
  return "?";
}

bool parse_fan_mode(const std::string& s, FanMode* out) {
  for (FanMode m : {FanMode::FanIn, FanMode::FanOut, FanMode::FanAvg})
    if (s == fan_mode_name(m)) return *out = m, true;
  return false;
}

bool parse_distribution(const std::string& s, Distribution* out) {
  for (Distribution d : {Distribution::TruncatedNormal, Distribution::UntruncatedNormal, Distribution::Uniform})
    if (s == distribution_name(d)) return *out = d, true;
  return false;
}

bool variance_scaling_args(const InitSpec& spec, double* scale, FanMode* mode, Distribution* dist) {
  const std::string& n = spec.name;
  auto set = [&](double s, FanMode m, Distribution d) {
    *scale = s, *mode = m, *dist = d;
    return true;
  };
  if (n == "variance_scaling") return set(spec.scale, spec.mode, spec.distribution);
  if (n == "glorot_uniform") return set(1.0, FanMode::FanAvg, Distribution::Uniform);
  if (n == "glorot_normal") return set(1.0, FanMode::FanAvg, Distribution::TruncatedNormal);
  if (n == "he_uniform") return set(2.0, FanMode::FanIn, Distribution::Uniform);
  if (n == "he_normal") return set(2.0, FanMode::FanIn, Distribution::TruncatedNormal);
  if (n == "lecun_uniform") return set(1.0, FanMode::FanIn, Distribution::Uniform);
  if (n == "lecun_normal") return set(1.0, FanMode::FanIn, Distribution::TruncatedNormal);
  return false;
}

double truncated_unit_normal(Rng& rng) {
  for (;;) {
    const double z = rng.normal();
    if (std::fabs(z) <= 2.0) return z;
  }
}

std::string init_shape_error(const InitSpec& spec, Index rows, Index cols) {
  if (spec.name == "sparse" && spec.k > cols)
    return "sparse k = " + std::to_string(spec.k) + " is larger than the fan-in (" + std::to_string(cols) +
           " inputs); use k ≤ " + std::to_string(cols);
  if (spec.name == "identity") {
    const Index lo = std::min(rows, cols), hi = std::max(rows, cols);
    if (lo == 0 || hi % lo != 0)
      return "identity needs one side of the " + std::to_string(rows) + "×" + std::to_string(cols) +
             " weight matrix (units × inputs) to be a multiple of the other";
  }
  if (spec.name == "class_prior" && static_cast<Index>(spec.values.size()) != rows * cols)
    return "class_prior is only for the output layer's bias (output_bias_init)";
  return "";
}

MatD random_orthogonal(Index hi, Index lo, Rng& rng) {
  MatD a(hi, lo);
  for (Index i = 0; i < hi; ++i)  // row-major draw order, as numpy's normal((hi, lo))
    for (Index j = 0; j < lo; ++j) a(i, j) = rng.normal();
  Eigen::HouseholderQR<MatD> qr(a);
  MatD q = qr.householderQ() * MatD::Identity(hi, lo);
  for (Index j = 0; j < lo; ++j)
    if (qr.matrixQR()(j, j) < 0) q.col(j) = -q.col(j);
  return q;
}

namespace {

void fill_orthogonal(float* w, Index rows, Index cols, double gain, Rng& rng) {
  const Index lo = std::min(rows, cols), hi = std::max(rows, cols);
  const MatD q = random_orthogonal(hi, lo, rng);
  for (Index r = 0; r < rows; ++r)
    for (Index c = 0; c < cols; ++c)
      w[r * cols + c] = static_cast<float>(gain * (rows >= cols ? q(r, c) : q(c, r)));
}

void fill_sparse(float* w, Index rows, Index cols, int k, double stddev, Rng& rng) {
  std::vector<std::uint32_t> idx(static_cast<std::size_t>(cols));
  for (Index r = 0; r < rows; ++r) {
    float* row = w + r * cols;
    for (Index c = 0; c < cols; ++c) row[c] = 0.f;
    std::iota(idx.begin(), idx.end(), 0u);
    // Partial Fisher–Yates: the first k entries become a uniform random k-subset of the inputs.
    for (int i = 0; i < k; ++i) {
      const std::uint32_t j = static_cast<std::uint32_t>(i) + rng.below(static_cast<std::uint32_t>(cols - i));
      std::swap(idx[static_cast<std::size_t>(i)], idx[j]);
      float v = 0.f;
      while (v == 0.f) v = static_cast<float>(stddev * rng.normal());  // "exactly k nonzero"
      row[idx[static_cast<std::size_t>(i)]] = v;
    }
  }
}

}  // namespace

namespace {
void fill_matrix(const InitSpec& spec, float* w, Index rows, Index cols, Fans fans, Rng& rng);
}

void initialize(const InitSpec& spec, float* w, Index rows, Index cols, Rng& rng) {
  fill_matrix(spec, w, rows, cols, compute_fans(rows, cols), rng);
}

void initialize_bias(const InitSpec& spec, float* b, Index n, Rng& rng) {
  fill_matrix(spec, b, 1, n, Fans{static_cast<double>(n), static_cast<double>(n)}, rng);
}

namespace {
void fill_matrix(const InitSpec& spec, float* w, Index rows, Index cols, Fans fans, Rng& rng) {
  const Index n = rows * cols;
  if (std::string err = init_shape_error(spec, rows, cols); !err.empty()) throw std::invalid_argument(err);
  auto fill = [&](auto draw) {
    for (Index i = 0; i < n; ++i) w[i] = static_cast<float>(draw());
  };
  double scale = 1.0;
  FanMode mode = FanMode::FanIn;
  Distribution dist = Distribution::TruncatedNormal;
  const std::string& name = spec.name;
  if (name == "zeros") {
    fill([] { return 0.0; });
  } else if (name == "ones") {
    fill([] { return 1.0; });
  } else if (name == "constant") {
    fill([&] { return spec.value; });
  } else if (name == "random_uniform") {
    fill([&] { return rng.uniform(spec.minval, spec.maxval); });
  } else if (name == "random_normal") {
    fill([&] { return rng.normal(spec.mean, spec.stddev); });
  } else if (name == "truncated_normal") {
    fill([&] { return spec.mean + spec.stddev * truncated_unit_normal(rng); });
  } else if (variance_scaling_args(spec, &scale, &mode, &dist)) {
    const double fan = mode == FanMode::FanIn ? fans.fan_in
                       : mode == FanMode::FanOut ? fans.fan_out
                                                 : 0.5 * (fans.fan_in + fans.fan_out);
    const double sigma = std::sqrt(scale / std::max(1.0, fan));
    switch (dist) {
      case Distribution::TruncatedNormal: {
        const double stddev = sigma / kTruncatedNormalStdCorrection;
        fill([&] { return stddev * truncated_unit_normal(rng); });
        break;
      }
      case Distribution::UntruncatedNormal:
        fill([&] { return sigma * rng.normal(); });
        break;
      case Distribution::Uniform: {
        const double limit = std::sqrt(3.0) * sigma;
        fill([&] { return rng.uniform(-limit, limit); });
        break;
      }
    }
  } else if (name == "orthogonal") {
    fill_orthogonal(w, rows, cols, spec.gain, rng);
  } else if (name == "identity") {
    for (Index r = 0; r < rows; ++r)
      for (Index c = 0; c < cols; ++c)
        w[r * cols + c] = (rows >= cols ? r % cols == c : c % rows == r) ? static_cast<float>(spec.gain) : 0.f;
  } else if (name == "default_uniform") {
    const double limit = 1.0 / std::sqrt(std::max(1.0, fans.fan_in));
    fill([&] { return rng.uniform(-limit, limit); });
  } else if (name == "sparse") {
    fill_sparse(w, rows, cols, spec.k, spec.stddev, rng);
  } else if (name == "class_prior") {
    for (Index i = 0; i < n; ++i) w[i] = static_cast<float>(spec.values[static_cast<std::size_t>(i)]);
  } else {
    throw std::invalid_argument("unknown initializer '" + spec.name + "'");
  }
}
}  // namespace

}  // namespace optlab
