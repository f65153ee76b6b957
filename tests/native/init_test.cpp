// Initializers: statistics over ≥ 10⁵ draws against the formulas, truncation bounds, orthogonality,
// identity shapes, sparse counts, class-prior biases, and one seed → one set of weights.
#include <cmath>
#include <vector>

#include "init/class_prior.hpp"
#include "init/initializer.hpp"
#include "test_support.hpp"

using namespace optlab;

namespace {

struct Moments {
  double mean = 0, std = 0, min = 0, max = 0;
};

Moments moments(const std::vector<float>& w) {
  Moments m;
  double s = 0, s2 = 0;
  m.min = m.max = w[0];
  for (float v : w) {
    s += v;
    m.min = std::min<double>(m.min, v);
    m.max = std::max<double>(m.max, v);
  }
  m.mean = s / static_cast<double>(w.size());
  for (float v : w) s2 += (v - m.mean) * (v - m.mean);
  m.std = std::sqrt(s2 / static_cast<double>(w.size()));
  return m;
}

std::vector<float> draw(const InitSpec& spec, Index rows, Index cols, std::uint64_t seed = 1) {
  std::vector<float> w(static_cast<std::size_t>(rows * cols));
  Rng rng(seed, RngStream::Init);
  initialize(spec, w.data(), rows, cols, rng);
  return w;
}

// Mean within 5 standard errors (σ/√n) of 0 and std within 5 standard errors (≈ σ/√(2n)) of σ.
void check_zero_mean_std(const std::vector<float>& w, double sigma) {
  const Moments m = moments(w);
  const double n = static_cast<double>(w.size());
  CHECK(std::fabs(m.mean) < 5 * sigma / std::sqrt(n));
  CHECK(std::fabs(m.std - sigma) < 5 * sigma / std::sqrt(2 * n) * 1.5);  // 1.5: kurtosis ≠ 3 for uniform/truncated
}

}  // namespace

TEST_CASE("variance scaling: every preset has std sqrt(scale / fan) within a few standard errors") {
  const Index rows = 300, cols = 500;  // 1.5·10⁵ draws, fan_in 500, fan_out 300
  struct Preset {
    const char* name;
    double var;
  };
  const std::vector<Preset> presets = {
      {"glorot_uniform", 2.0 / 800}, {"glorot_normal", 2.0 / 800}, {"he_uniform", 2.0 / 500},
      {"he_normal", 2.0 / 500},      {"lecun_uniform", 1.0 / 500}, {"lecun_normal", 1.0 / 500}};
  for (const Preset& p : presets) {
    CAPTURE(p.name);
    check_zero_mean_std(draw(InitSpec(p.name), rows, cols), std::sqrt(p.var));
  }
  for (FanMode mode : {FanMode::FanIn, FanMode::FanOut, FanMode::FanAvg}) {
    for (Distribution d : {Distribution::TruncatedNormal, Distribution::UntruncatedNormal, Distribution::Uniform}) {
      InitSpec s("variance_scaling");
      s.scale = 3.0;
      s.mode = mode;
      s.distribution = d;
      const double fan = mode == FanMode::FanIn ? 500 : mode == FanMode::FanOut ? 300 : 400;
      CAPTURE(fan_mode_name(mode));
      CAPTURE(distribution_name(d));
      check_zero_mean_std(draw(s, rows, cols), std::sqrt(3.0 / fan));
    }
  }
}

TEST_CASE("truncated draws stay within 2 stddev of the mean; truncated variance scaling is rescaled by 1/0.8796") {
  InitSpec t("truncated_normal");
  t.mean = 0.5;
  t.stddev = 2.0;
  auto w = draw(t, 400, 300);
  Moments m = moments(w);
  CHECK(m.min >= 0.5 - 4.0);
  CHECK(m.max <= 0.5 + 4.0);
  CHECK(m.min < 0.5 - 3.9);  // and the tails reach the bound
  // The std of N(0, 1) truncated to [−2, 2] is 0.8796...: the draws show it.
  const double n = static_cast<double>(w.size());
  CHECK(std::fabs(m.mean - 0.5) < 5 * 2.0 / std::sqrt(n));
  CHECK(std::fabs(m.std - 2.0 * kTruncatedNormalStdCorrection) < 5 * 2.0 / std::sqrt(2 * n));
  // he_normal: stddev √(2/fan_in)/0.8796 before truncation, so bounds at ±2 of that.
  auto he = draw(InitSpec("he_normal"), 400, 300);
  const double bound = 2 * std::sqrt(2.0 / 300) / kTruncatedNormalStdCorrection;
  Moments mh = moments(he);
  CHECK(mh.max <= bound + 1e-6);
  CHECK(mh.min >= -bound - 1e-6);
  CHECK(mh.max > 0.98 * bound);
}

TEST_CASE("random_normal, random_uniform, default_uniform and constants have their formula statistics") {
  InitSpec rn("random_normal");
  rn.mean = -1.0;
  rn.stddev = 0.5;
  auto w = draw(rn, 400, 300);
  Moments m = moments(w);
  const double n = 1.2e5;
  CHECK(std::fabs(m.mean + 1.0) < 5 * 0.5 / std::sqrt(n));
  CHECK(std::fabs(m.std - 0.5) < 5 * 0.5 / std::sqrt(2 * n));
  InitSpec ru("random_uniform");
  ru.minval = 1.0;
  ru.maxval = 3.0;
  m = moments(draw(ru, 400, 300));
  CHECK(m.min >= 1.0);
  CHECK(m.max < 3.0);
  CHECK(std::fabs(m.mean - 2.0) < 5 * (2 / std::sqrt(12.0)) / std::sqrt(n));
  CHECK(std::fabs(m.std - 2 / std::sqrt(12.0)) < 0.01);
  m = moments(draw(InitSpec("default_uniform"), 400, 300));
  CHECK(m.max <= 1 / std::sqrt(300.0));
  CHECK(std::fabs(m.std - 1 / std::sqrt(300.0 * 3)) < 5 * (1 / std::sqrt(900.0)) / std::sqrt(2 * n));
  InitSpec c("constant");
  c.value = 0.1;
  for (float v : draw(c, 3, 4)) CHECK(v == 0.1f);
  for (float v : draw(InitSpec("zeros"), 3, 4)) CHECK(v == 0.f);
  for (float v : draw(InitSpec("ones"), 3, 4)) CHECK(v == 1.f);
}

TEST_CASE("orthogonal gives QᵀQ = gain²·I to 1e-5 for square, tall and wide matrices") {
  for (auto [rows, cols] : std::vector<std::pair<Index, Index>>{{16, 16}, {40, 12}, {12, 40}, {1, 7}, {64, 2}}) {
    for (double gain : {1.0, 2.5}) {
      InitSpec s("orthogonal");
      s.gain = gain;
      auto w = draw(s, rows, cols);
      MatD W = Eigen::Map<const Mat>(w.data(), rows, cols).cast<double>();
      // The short side is orthonormal (times gain).
      MatD gram = rows >= cols ? MatD(W.transpose() * W) : MatD(W * W.transpose());
      const Index k = std::min(rows, cols);
      CAPTURE(rows);
      CAPTURE(cols);
      CHECK((gram - gain * gain * MatD::Identity(k, k)).cwiseAbs().maxCoeff() < 1e-5 * gain * gain);
    }
  }
  // Sign correction: the distribution is symmetric, so the mean diagonal is near 0 (not biased positive).
  double diag = 0;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) diag += draw(InitSpec("orthogonal"), 4, 4, seed)[0];
  CHECK(std::fabs(diag / 200) < 0.15);
}

TEST_CASE("identity concatenates identities along the long side and rejects other shapes") {
  InitSpec s("identity");
  s.gain = 0.5;
  auto w = draw(s, 6, 2);  // 3 stacked 2×2 identities
  for (Index r = 0; r < 6; ++r)
    for (Index c = 0; c < 2; ++c) CHECK(w[static_cast<std::size_t>(r * 2 + c)] == (r % 2 == c ? 0.5f : 0.f));
  w = draw(s, 2, 4);  // side by side
  for (Index r = 0; r < 2; ++r)
    for (Index c = 0; c < 4; ++c) CHECK(w[static_cast<std::size_t>(r * 4 + c)] == (c % 2 == r ? 0.5f : 0.f));
  CHECK(init_shape_error(s, 6, 4) != "");
  std::vector<float> buf(24);
  Rng rng(1);
  CHECK_THROWS_AS(initialize(s, buf.data(), 6, 4, rng), std::invalid_argument);
}

TEST_CASE("sparse(k) gives every unit exactly k nonzero Gaussian incoming weights") {
  InitSpec s("sparse");
  s.k = 15;
  s.stddev = 1.0;
  const Index rows = 2000, cols = 60;
  auto w = draw(s, rows, cols);
  std::vector<float> nonzero;
  std::vector<int> per_input(static_cast<std::size_t>(cols), 0);
  for (Index r = 0; r < rows; ++r) {
    int count = 0;
    for (Index c = 0; c < cols; ++c) {
      const float v = w[static_cast<std::size_t>(r * cols + c)];
      if (v != 0.f) {
        ++count;
        nonzero.push_back(v);
        ++per_input[static_cast<std::size_t>(c)];
      }
    }
    REQUIRE(count == 15);
  }
  // 3·10⁴ nonzero draws from N(0, 1), spread evenly over the inputs (expected 500 each, sd ≈ 19).
  check_zero_mean_std(nonzero, 1.0);
  for (int n : per_input) CHECK(std::abs(n - 500) < 100);
  s.k = 61;
  CHECK(init_shape_error(s, rows, cols).find("larger than the fan-in") != std::string::npos);
}

TEST_CASE("the same seed gives the same weights for every initializer; another seed different ones") {
  for (const std::string& name : initializer_names()) {
    if (name == "class_prior") continue;
    InitSpec s(name);
    s.k = 3;
    CAPTURE(name);
    auto a = draw(s, 8, 4, 42), b = draw(s, 8, 4, 42);
    CHECK(a == b);
    const bool random = name != "zeros" && name != "ones" && name != "constant" && name != "identity";
    if (random) CHECK(draw(s, 8, 4, 43) != a);
  }
  CHECK_THROWS_WITH_AS(draw(InitSpec("xavier"), 2, 2), "unknown initializer 'xavier'", std::invalid_argument);
}

TEST_CASE("the class-prior bias makes softmax(b) equal the class frequencies, and σ(b) the positive rate") {
  std::vector<int> labels = {0, 0, 0, 1, 2, 2, 0, 1, 0, 0};  // 0.6, 0.2, 0.2
  auto b = class_prior_bias(Loss::SoftmaxCrossEntropy, labels, 3);
  double z = 0;
  for (double v : b) z += std::exp(v);
  CHECK(std::exp(b[0]) / z == doctest::Approx(0.6).epsilon(1e-12));
  CHECK(std::exp(b[2]) / z == doctest::Approx(0.2).epsilon(1e-12));
  std::vector<int> binary = {1, 0, 0, 0};
  auto bb = class_prior_bias(Loss::BinaryCrossEntropy, binary, 2);
  REQUIRE(bb.size() == 1);
  CHECK(1 / (1 + std::exp(-bb[0])) == doctest::Approx(0.25).epsilon(1e-12));
  auto bm = class_prior_bias(Loss::MeanSquaredError, binary, 2);
  CHECK(bm[0] == doctest::Approx(-0.5));  // mean of the ±1 targets
}

TEST_CASE("a bias vector has fan_in = fan_out = its length, as Keras's compute_fans for a 1-D shape") {
  const Index n = 100000;
  std::vector<float> b(static_cast<std::size_t>(n));
  Rng rng(3, RngStream::Init);
  initialize_bias(InitSpec("glorot_uniform"), b.data(), n, rng);  // variance 2/(n + n)
  check_zero_mean_std(b, std::sqrt(1.0 / n));
  initialize_bias(InitSpec("he_normal"), b.data(), n, rng);       // variance 2/n
  check_zero_mean_std(b, std::sqrt(2.0 / n));
}
