// Batch and group normalization: PyTorch golden values (tests/golden/make_norm.py), finite-difference
// gradients, the defining statistics, batch independence of group norm, SIMD = scalar, no allocation.
#include <memory>
#include <vector>

#include "math/rng.hpp"
#include "math/simd.hpp"
#include "nn/batch_norm.hpp"
#include "nn/group_norm.hpp"
#include "run/spec_reader.hpp"
#include "test_support.hpp"

using namespace optlab;

namespace {

Mat matrix(const Json& j, Index rows, Index cols) {
  Mat m(rows, cols);
  for (Index i = 0; i < rows * cols; ++i) m.data()[i] = j[static_cast<std::size_t>(i)].get<float>();
  return m;
}

Vec vec(const Json& j) {
  Vec v(static_cast<Index>(j.size()));
  for (Index i = 0; i < v.size(); ++i) v(i) = j[static_cast<std::size_t>(i)].get<float>();
  return v;
}

// Largest |a − b| / max(1, |b|): "equal to 1e-5" for values of order one.
template <typename A, typename B>
double max_err(const A& a, const B& b) {
  REQUIRE(a.size() == b.size());
  double worst = 0;
  for (Index i = 0; i < a.size(); ++i) {
    const double x = a.data()[i], y = b.data()[i];
    worst = std::max(worst, std::fabs(x - y) / std::max(1.0, std::fabs(y)));
  }
  return worst;
}

const Json& golden() {
  static const Json j = Json::parse(testing::read_source_file("tests/golden/norm.json"));
  return j;
}

// Forward and backward of `layer` with parameters [γ, β] on x and upstream gradient g.
struct Pass {
  Mat y, dx;
  Vec grads;
};
Pass run_layer(Layer& layer, const Vec& params, const Mat& x, const Mat& g, bool training = true) {
  layer.reserve(x.rows());
  layer.forward(params.data(), x, training);
  Pass p;
  p.y = layer.output(x.rows());
  p.dx.resize(x.rows(), x.cols());
  p.grads.resize(layer.param_count());
  layer.backward(params.data(), p.grads.data(), x, g, p.dx.data());
  return p;
}

Vec affine(const Json& c) {
  Vec gamma = vec(c["gamma"]), beta = vec(c["beta"]);
  Vec p(gamma.size() * 2);
  p << gamma, beta;
  return p;
}

// L = Σ g ⊙ y accumulated in double, for finite differences of the float layer.
double weighted_sum(Layer& layer, const Vec& params, const Mat& x, const Mat& g) {
  layer.forward(params.data(), x, true);
  auto y = layer.output(x.rows());
  double s = 0;
  for (Index i = 0; i < y.size(); ++i) s += static_cast<double>(y.data()[i]) * g.data()[i];
  return s;
}

void check_finite_differences(Layer& layer, Vec params, Mat x, const Mat& g) {
  layer.reserve(x.rows());
  Pass p = run_layer(layer, params, x, g);
  const double h = 1e-2;
  VecD num_x = testing::numeric_gradient(
      [&](const VecD& v) {
        Mat xv = Eigen::Map<const MatD>(v.data(), 1, v.size()).cast<float>().reshaped<Eigen::RowMajor>(x.rows(), x.cols());
        return weighted_sum(layer, params, xv, g);
      },
      Eigen::Map<const Eigen::VectorXf>(x.data(), x.size()).cast<double>(), h);
  Eigen::Map<const Eigen::VectorXf> dx(p.dx.data(), p.dx.size());
  CHECK(testing::max_relative_error(dx, num_x, 1e-2) < 5e-3);
  VecD num_p = testing::numeric_gradient(
      [&](const VecD& v) { return weighted_sum(layer, v.cast<float>(), x, g); }, params.cast<double>(), h);
  CHECK(testing::max_relative_error(p.grads, num_p, 1e-2) < 5e-3);
}

Mat random_matrix(Index r, Index c, Rng& rng, double scale = 1.0, double shift = 0.0) {
  Mat m(r, c);
  for (Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(shift + scale * rng.normal());
  return m;
}

}  // namespace

TEST_CASE("batch norm forward, backward and running statistics equal torch.nn.BatchNorm1d to 1e-5") {
  for (bool simd : {true, false}) {
    simd::set_enabled(simd);
    for (const Json& c : golden()["batch_norm"]) {
      const Index B = c["B"], C = c["C"];
      CAPTURE(simd);
      CAPTURE(B);
      CAPTURE(C);
      BatchNorm bn(C, {c["eps"].get<double>(), c["momentum"].get<double>()});
      Pass p = run_layer(bn, affine(c), matrix(c["x"], B, C), matrix(c["g"], B, C));
      CHECK(max_err(p.y, vec(c["y"])) < 1e-5);
      CHECK(max_err(p.dx, vec(c["dx"])) < 1e-5);
      CHECK(max_err(p.grads.head(C), vec(c["dgamma"])) < 1e-5);
      CHECK(max_err(p.grads.tail(C), vec(c["dbeta"])) < 1e-5);
      CHECK(max_err(bn.running_mean(), vec(c["running_mean"])) < 1e-5);
      CHECK(max_err(bn.running_var(), vec(c["running_var"])) < 1e-5);
      // Evaluation mode normalizes with the running averages.
      Vec params = affine(c);
      bn.forward(params.data(), matrix(c["x_eval"], B, C), false);
      CHECK(max_err(bn.output(B), vec(c["y_eval"])) < 1e-5);
    }
  }
  simd::set_enabled(true);
}

TEST_CASE("group norm equals torch.nn.GroupNorm, and one group equals torch.nn.LayerNorm, to 1e-5") {
  for (bool simd : {true, false}) {
    simd::set_enabled(simd);
    for (const char* kind : {"group_norm", "layer_norm"}) {
      for (const Json& c : golden()[kind]) {
        const Index B = c["B"], C = c["C"];
        const int G = c["groups"];
        CAPTURE(simd);
        CAPTURE(kind);
        CAPTURE(G);
        GroupNorm gn(C, {G, c["eps"].get<double>(), kind});
        Pass p = run_layer(gn, affine(c), matrix(c["x"], B, C), matrix(c["g"], B, C));
        CHECK(max_err(p.y, vec(c["y"])) < 1e-5);
        CHECK(max_err(p.dx, vec(c["dx"])) < 1e-5);
        CHECK(max_err(p.grads.head(C), vec(c["dgamma"])) < 1e-5);
        CHECK(max_err(p.grads.tail(C), vec(c["dbeta"])) < 1e-5);
      }
    }
  }
  simd::set_enabled(true);
}

TEST_CASE("batch norm and group norm gradients for inputs, scale and shift match finite differences") {
  Rng rng(3);
  const Index B = 6, C = 8;
  Vec params(2 * C);
  for (Index i = 0; i < C; ++i) params(i) = static_cast<float>(1.0 + 0.3 * rng.normal());
  for (Index i = C; i < 2 * C; ++i) params(i) = static_cast<float>(0.3 * rng.normal());
  Mat x = random_matrix(B, C, rng, 2.0, 0.5), g = random_matrix(B, C, rng);
  SUBCASE("batch norm") {
    BatchNorm bn(C);
    check_finite_differences(bn, params, x, g);
  }
  SUBCASE("group norm, 2 groups") {
    GroupNorm gn(C, {2, 1e-5, "group_norm"});
    check_finite_differences(gn, params, x, g);
  }
  SUBCASE("layer norm") {
    GroupNorm gn(C, {1, 1e-5, "layer_norm"});
    check_finite_differences(gn, params, x, g);
  }
}

TEST_CASE("in training, batch norm output has per-feature mean 0 and variance 1 to 1e-4") {
  Rng rng(5);
  const Index B = 64, C = 37;
  Mat x = random_matrix(B, C, rng, 5.0, 3.0);
  BatchNorm bn(C, {1e-8, 0.1});
  Vec params(2 * C);
  bn.init_params(params.data(), rng);
  bn.reserve(B);
  bn.forward(params.data(), x, true);
  Mat y = bn.output(B);
  for (Index c = 0; c < C; ++c) {
    const double mean = y.col(c).cast<double>().mean();
    const double var = (y.col(c).cast<double>().array() - mean).square().mean();
    CHECK(std::fabs(mean) < 1e-4);
    CHECK(std::fabs(var - 1.0) < 1e-4);
  }
}

TEST_CASE("group norm output of an example does not change when the rest of the batch changes") {
  Rng rng(9);
  const Index B = 10, C = 12;
  GroupNorm gn(C, {3, 1e-5, "group_norm"});
  Vec params(2 * C);
  gn.init_params(params.data(), rng);
  gn.reserve(B);
  Mat x = random_matrix(B, C, rng);
  gn.forward(params.data(), x, true);
  Eigen::RowVectorXf first = gn.output(B).row(0);
  Mat x2 = random_matrix(B, C, rng, 10.0, -4.0);
  x2.row(0) = x.row(0);
  gn.forward(params.data(), x2, true);
  CHECK((gn.output(B).row(0) - first).cwiseAbs().maxCoeff() == 0.f);
  // Batch norm, by contrast, does depend on the batch.
  BatchNorm bn(C);
  bn.reserve(B);
  bn.forward(params.data(), x, true);
  Eigen::RowVectorXf bn_first = bn.output(B).row(0);
  bn.forward(params.data(), x2, true);
  CHECK((bn.output(B).row(0) - bn_first).cwiseAbs().maxCoeff() > 1e-2f);
}

TEST_CASE("groups that do not divide the width are rejected with a clear message") {
  CHECK_THROWS_WITH_AS(GroupNorm(10, {3, 1e-5, "group_norm"}),
                       "3 groups do not divide the layer's 10 units; use a divisor of 10", std::invalid_argument);
  CHECK(group_norm_error(12, 4).empty());
}

TEST_CASE("normalization forward and backward allocate nothing and SIMD agrees with scalar") {
  Rng rng(13);
  const Index B = 33, C = 70;  // a tail after the packs in both directions
  Mat x = random_matrix(B, C, rng, 2.0, 1.0), g = random_matrix(B, C, rng);
  Vec params(2 * C);
  for (Index i = 0; i < 2 * C; ++i) params(i) = static_cast<float>(1.0 + 0.2 * rng.normal());
  BatchNorm bn(C);
  GroupNorm gn(C, {7, 1e-5, "group_norm"});
  for (Layer* layer : {static_cast<Layer*>(&bn), static_cast<Layer*>(&gn)}) {
    CAPTURE(layer->describe());
    layer->reserve(B);
    Mat dx(B, C);
    Vec grads(2 * C);
    Mat y_simd, dx_simd;
    for (bool simd : {true, false}) {
      simd::set_enabled(simd);
      CHECK(testing::heap_allocations([&] {
        layer->forward(params.data(), x, true);
        layer->backward(params.data(), grads.data(), x, g, dx.data());
        layer->forward(params.data(), x, false);
      }) == 0);
      layer->forward(params.data(), x, true);
      if (simd) {
        y_simd = layer->output(B);
        dx_simd = dx;
      } else {
        CHECK(max_err(Mat(layer->output(B)), y_simd) < 1e-5);
        CHECK(max_err(dx, dx_simd) < 1e-5);
      }
    }
    simd::set_enabled(true);
  }
}
