// Properties the speed work (issue 7) must not break: MLP-sized steps stay allocation-free (Eigen's
// product blocking buffers included), and the vectorized activations agree with the C library and
// with their own scalar path.
#include <Eigen/Core>
#include <algorithm>
#include <cstring>
#include <cmath>
#include <memory>
#include <vector>

#include "math/gemm.hpp"
#include "math/simd.hpp"
#include "nn/activation.hpp"
#include "nn/activation_layer.hpp"
#include "nn/dense.hpp"
#include "optim/first_order.hpp"
#include "run/network_objective.hpp"
#include "run/optimizer_factory.hpp"
#include "test_support.hpp"

using namespace optlab;

TEST_CASE("an MLP 784-128-64-10 step at batch 64 allocates nothing, for every first-order method") {
  const Index n = 256, dim = 784, batch = 64;
  Rng rng(5, RngStream::Data);
  Mat x(n, dim);
  for (Index i = 0; i < x.size(); ++i) x.data()[i] = static_cast<float>(rng.normal());
  std::vector<int> y(static_cast<std::size_t>(n));
  for (Index i = 0; i < n; ++i) y[static_cast<std::size_t>(i)] = static_cast<int>(i % 10);
  std::vector<int> order(static_cast<std::size_t>(n));
  for (Index i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = static_cast<int>(i);

  std::vector<std::unique_ptr<Layer>> layers;
  layers.push_back(std::make_unique<Dense>(dim, 128));
  layers.push_back(std::make_unique<ActivationLayer>(128, Activation::Relu));
  layers.push_back(std::make_unique<Dense>(128, 64));
  layers.push_back(std::make_unique<ActivationLayer>(64, Activation::Tanh));
  layers.push_back(std::make_unique<Dense>(64, 10));
  Model model(dim, std::move(layers));
  NetworkObjective objective(model, Loss::SoftmaxCrossEntropy);
  objective.reserve(batch, dim);

  int tested = 0;
  for (const std::string& name : optimizer_names()) {
    Json spec = {{"name", name}}, scratch;
    ObjectReader r(spec, "optimizer", &scratch);
    OptimizerSetup<float> setup = read_optimizer<float>(r);
    if (!dynamic_cast<FirstOrderOptimizer<float>*>(setup.optimizer.get())) continue;
    CAPTURE(name);
    Vec theta(model.param_count());
    Rng init(5, RngStream::Init);
    model.init_params(theta.data(), init);
    setup.optimizer->reset(theta.size());
    objective.set_batch(x, y, order.data(), batch);
    setup.optimizer->step(objective, theta, 1e-3);  // warm-up

    CHECK(testing::heap_allocations([&] {
      for (int s = 1; s < 4; ++s) {
        objective.set_batch(x, y, order.data() + s * batch, batch);
        setup.optimizer->step(objective, theta, 1e-3);
      }
    }) == 0);
    CHECK(theta.allFinite());
    ++tested;
  }
  CHECK(tested >= 1);
}

TEST_CASE("the vectorized tanh is within 4e-7 relative of double-precision tanh; NaN stays NaN, ±inf gives ±1") {
  double worst = 0;
  // Every float in [2^-30, 20] with a stride of 101 ulps, both signs; plus subnormals and zero.
  for (float x = std::ldexp(1.f, -30); x < 20.f; x = std::nextafter(x, 100.f)) {
    for (float s : {x, -x}) {
      const double ref = std::tanh(static_cast<double>(s));
      const double got = tanh_float(s);
      worst = std::max(worst, std::fabs(got - ref) / std::fabs(ref));
    }
    for (int k = 0; k < 100; ++k) x = std::nextafter(x, 100.f);
  }
  CHECK(worst < 4e-7);
  CHECK(tanh_float(0.f) == 0.f);
  CHECK(tanh_float(1e-40f) == doctest::Approx(1e-40f).epsilon(1e-6));
  CHECK(std::isnan(tanh_float(std::nanf(""))));
  CHECK(tanh_float(INFINITY) == 1.f);
  CHECK(tanh_float(-INFINITY) == -1.f);
  // The array form (packed path and scalar tail) agrees with the scalar form.
  std::vector<float> x = {0.3f, -2.f, std::nanf(""), INFINITY, 1e-3f, -9.f, 0.f, 5.f, 7.f};
  std::vector<float> y(x.size());
  activation_forward(Activation::Tanh, x.data(), y.data(), static_cast<Index>(x.size()));
  CHECK(std::isnan(y[2]));
  for (std::size_t i = 0; i < x.size(); ++i)
    if (i != 2) CHECK(y[i] == tanh_float(x[i]));
}

TEST_CASE("every activation gives bit-identical results on the SIMD and scalar paths, forward and backward") {
  const Index n = 1003;  // not a multiple of the pack width: the scalar tail runs too
  Rng rng(11, RngStream::Probe);
  std::vector<float> x(n), dy(n);
  for (Index i = 0; i < n; ++i) {
    x[static_cast<std::size_t>(i)] = static_cast<float>(rng.normal(0.0, 4.0));
    dy[static_cast<std::size_t>(i)] = static_cast<float>(rng.normal());
  }
  x[0] = 0.f;
  x[1] = -0.f;
  x[2] = 1e30f;
  x[3] = -1e30f;
  for (Activation a : {Activation::Linear, Activation::Tanh, Activation::Sigmoid, Activation::Relu, Activation::LeakyRelu}) {
    CAPTURE(activation_name(a));
    std::vector<float> y[2], dx[2];
    for (int path = 0; path < 2; ++path) {
      simd::set_enabled(path == 0);
      y[path].resize(n);
      dx[path].resize(n);
      activation_forward(a, x.data(), y[path].data(), n);
      activation_backward(a, x.data(), y[path].data(), dy.data(), dx[path].data(), n);
    }
    simd::set_enabled(true);
    CHECK(std::memcmp(y[0].data(), y[1].data(), sizeof(float) * n) == 0);
    CHECK(std::memcmp(dx[0].data(), dx[1].data(), sizeof(float) * n) == 0);
    // ReLU passes the gradient exactly where x > 0 and blocks it elsewhere, -0 included.
    if (a == Activation::Relu)
      for (Index i = 0; i < n; ++i)
        CHECK(dx[0][static_cast<std::size_t>(i)] == (x[static_cast<std::size_t>(i)] > 0.f ? dy[static_cast<std::size_t>(i)] : 0.f));
  }
}

TEST_CASE("gemm_rowmajor matches Eigen's products for every shape and stride the dense layer uses, and its SIMD and scalar paths agree bit for bit") {
  Rng rng(3, RngStream::Probe);
  auto random = [&](Index r, Index c) {
    Mat m(r, c);
    for (Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.normal());
    return m;
  };
  for (Index B : {1, 3, 4, 10, 64})
    for (Index in : {1, 2, 5, 16, 37})
      for (Index out : {1, 3, 8, 13, 64}) {
        CAPTURE(B);
        CAPTURE(in);
        CAPTURE(out);
        // x is a block of a wider matrix, so its row stride differs from its width.
        Mat wide = random(B, in + 3), w = random(out, in), dy = random(B, out);
        auto x = wide.leftCols(in);
        Mat wt(in, out);
        transpose(w.data(), out, in, wt.data());
        CHECK(wt == w.transpose());
        Mat y[2], dw[2], dx[2];
        for (int path = 0; path < 2; ++path) {
          simd::set_enabled(path == 0);
          y[path].resize(B, out);
          dw[path].resize(out, in);
          dx[path].resize(B, in);
          gemm_rowmajor(B, out, in, x.data(), wide.cols(), 1, wt.data(), out, y[path].data(), out);
          gemm_rowmajor(out, in, B, dy.data(), 1, out, x.data(), wide.cols(), dw[path].data(), in);
          gemm_rowmajor(B, in, out, dy.data(), out, 1, w.data(), in, dx[path].data(), in);
        }
        simd::set_enabled(true);
        CHECK(y[0] == y[1]);
        CHECK(dw[0] == dw[1]);
        CHECK(dx[0] == dx[1]);
        const Mat y_ref = x * w.transpose(), dw_ref = dy.transpose() * x, dx_ref = dy * w;
        // Sums of K products of N(0,1) numbers: errors of a few ulp of the terms' scale √K.
        CHECK((y[0] - y_ref).cwiseAbs().maxCoeff() <= 1e-5f * std::sqrt(static_cast<float>(in)));
        CHECK((dw[0] - dw_ref).cwiseAbs().maxCoeff() <= 1e-5f * std::sqrt(static_cast<float>(B)));
        CHECK((dx[0] - dx_ref).cwiseAbs().maxCoeff() <= 1e-5f * std::sqrt(static_cast<float>(out)));
      }
}
