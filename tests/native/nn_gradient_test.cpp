// Finite-difference checks of every layer's backward pass, through a whole model and each loss.
#include <memory>
#include <vector>

#include "math/rng.hpp"
#include "nn/activation_layer.hpp"
#include "nn/dense.hpp"
#include "nn/loss.hpp"
#include "nn/model.hpp"
#include "test_support.hpp"

using namespace optlab;

namespace {

struct Case {
  Activation act;
  Loss loss;
  int classes;
};

// Mean loss of `model` on (x, y) at θ, and its analytic gradient.
double loss_at(Model& m, Loss loss, const Vec& theta, const Mat& x, const std::vector<int>& y, Vec* grad) {
  auto out = m.forward(theta.data(), x, true);
  Mat dout(out.rows(), out.cols());
  LossResult r = loss_forward_backward(loss, out, y.data(), grad ? dout.data() : nullptr);
  if (grad) m.backward(theta.data(), grad->data(), x, dout.data());
  return r.loss;
}

std::unique_ptr<Model> make_net(Activation act, Loss loss, int classes) {
  std::vector<std::unique_ptr<Layer>> layers;
  layers.push_back(std::make_unique<Dense>(3, 5, InitSpec{"glorot_uniform"}, InitSpec{"random_uniform"}));
  layers.push_back(std::make_unique<ActivationLayer>(5, act));
  layers.push_back(std::make_unique<Dense>(5, 4, InitSpec{"glorot_uniform"}, InitSpec{"random_uniform"}));
  layers.push_back(std::make_unique<ActivationLayer>(4, act));
  layers.push_back(std::make_unique<Dense>(4, loss_outputs(loss, classes)));
  return std::make_unique<Model>(3, std::move(layers));
}

}  // namespace

TEST_CASE("backprop through dense layers, every activation and every loss matches finite differences") {
  const std::vector<Case> cases = {
      {Activation::Linear, Loss::SoftmaxCrossEntropy, 3}, {Activation::Tanh, Loss::SoftmaxCrossEntropy, 3},
      {Activation::Sigmoid, Loss::SoftmaxCrossEntropy, 3}, {Activation::Relu, Loss::SoftmaxCrossEntropy, 3},
      {Activation::LeakyRelu, Loss::SoftmaxCrossEntropy, 3}, {Activation::Tanh, Loss::BinaryCrossEntropy, 2},
      {Activation::Sigmoid, Loss::BinaryCrossEntropy, 2}, {Activation::Tanh, Loss::MeanSquaredError, 2},
      {Activation::Tanh, Loss::MeanSquaredError, 3}, {Activation::Relu, Loss::MeanSquaredError, 4},
  };
  for (const Case& c : cases) {
    CAPTURE(activation_name(c.act));
    CAPTURE(loss_name(c.loss));
    CAPTURE(c.classes);
    auto model = make_net(c.act, c.loss, c.classes);
    const Index B = 7;
    model->reserve(B);
    Rng rng(11);
    Vec theta(model->param_count());
    model->init_params(theta.data(), rng);
    Mat x(B, 3);
    std::vector<int> y(B);
    for (Index i = 0; i < B; ++i) {
      for (int j = 0; j < 3; ++j) x(i, j) = static_cast<float>(rng.normal());
      y[static_cast<std::size_t>(i)] = static_cast<int>(rng.below(static_cast<std::uint32_t>(c.classes)));
    }
    Vec grad(model->param_count());
    loss_at(*model, c.loss, theta, x, y, &grad);
    // Central differences in float need a larger step; kinks of (leaky) ReLU are avoided by a
    // smaller one. Tolerances sit far below the O(1) errors a wrong formula gives.
    const bool kinked = c.act == Activation::Relu || c.act == Activation::LeakyRelu;
    const double h = kinked ? 1e-3 : 1e-2;
    VecD numeric = testing::numeric_gradient(
        [&](const VecD& t) {
          Vec tf = t.cast<float>();
          return loss_at(*model, c.loss, tf, x, y, nullptr);
        },
        theta.cast<double>(), h);
    CHECK(testing::max_relative_error(grad, numeric, 1e-2) < 5e-3);
  }
}

TEST_CASE("softmax cross-entropy equals −log softmax and its gradient is softmax − onehot, over the batch mean") {
  Mat z(2, 3);
  z << 1.f, 2.f, 3.f, -1.f, 0.f, 4.f;
  const int y[] = {2, 0};
  Mat dz(2, 3);
  LossResult r = loss_forward_backward(Loss::SoftmaxCrossEntropy, z, y, dz.data());
  // log(e + e² + e³) − 3 and log(e⁻¹ + 1 + e⁴) + 1, computed independently:
  const double l0 = std::log(std::exp(1.0) + std::exp(2.0) + std::exp(3.0)) - 3.0;
  const double l1 = std::log(std::exp(-1.0) + 1.0 + std::exp(4.0)) + 1.0;
  CHECK(r.loss == doctest::Approx((l0 + l1) / 2).epsilon(1e-7));
  CHECK(r.correct == 1);
  const double p02 = std::exp(3.0) / (std::exp(1.0) + std::exp(2.0) + std::exp(3.0));
  CHECK(dz(0, 2) == doctest::Approx((p02 - 1) / 2).epsilon(1e-6));
}

TEST_CASE("binary cross-entropy with logits is stable for large logits") {
  Mat z(2, 1);
  z << 100.f, -100.f;
  const int y[] = {0, 1};
  Mat dz(2, 1);
  LossResult r = loss_forward_backward(Loss::BinaryCrossEntropy, z, y, dz.data());
  CHECK(r.loss == doctest::Approx(100.0));
  CHECK(dz(0, 0) == doctest::Approx(0.5));
  CHECK(dz(1, 0) == doctest::Approx(-0.5));
}

TEST_CASE("mean squared error uses ±1 targets for two classes, as torch.nn.MSELoss averages") {
  Mat o(2, 1);
  o << 0.5f, 0.25f;
  const int y[] = {1, 0};
  LossResult r = loss_forward_backward(Loss::MeanSquaredError, o, y, nullptr);
  CHECK(r.loss == doctest::Approx((0.25 + 1.5625) / 2));
  CHECK(r.correct == 1);  // 0.5 > 0 → class 1 (right); 0.25 > 0 → class 1 (wrong)
}
