// Small objectives shared by the optimizer suites.
#pragma once

#include <memory>
#include <vector>

#include "nn/activation_layer.hpp"
#include "nn/dense.hpp"
#include "nn/model.hpp"
#include "optim/objective.hpp"
#include "run/network_objective.hpp"

namespace optlab::testing {

// f(θ) = c·θ: the same gradient c everywhere (momentum's terminal velocity, Adam's first step).
template <typename T>
struct Linear final : Objective<T> {
  VecT<T> c;
  explicit Linear(VecT<T> c_) : c(std::move(c_)) {}
  Index dim() const override { return c.size(); }
  T value(ConstVecRefT<T> p) override { return c.dot(p); }
  T value_and_gradient(ConstVecRefT<T> p, VecRefT<T> g) override {
    g = c;
    return c.dot(p);
  }
};

// A network and one fixed full batch, as the golden MLP: dims = {in, hidden..., out}, tanh hidden
// layers, mean softmax cross-entropy.
struct FixedBatchMlp {
  std::unique_ptr<Model> model;
  std::unique_ptr<NetworkObjective> objective;
  Mat x;
  std::vector<int> y;
  std::vector<int> rows;

  FixedBatchMlp(const std::vector<int>& dims, Mat x_, std::vector<int> y_) : x(std::move(x_)), y(std::move(y_)) {
    std::vector<std::unique_ptr<Layer>> layers;
    for (std::size_t i = 0; i + 1 < dims.size(); ++i) {
      layers.push_back(std::make_unique<Dense>(dims[i], dims[i + 1]));
      if (i + 2 < dims.size()) layers.push_back(std::make_unique<ActivationLayer>(dims[i + 1], Activation::Tanh));
    }
    model = std::make_unique<Model>(dims.front(), std::move(layers));
    objective = std::make_unique<NetworkObjective>(*model, Loss::SoftmaxCrossEntropy);
    objective->reserve(x.rows(), x.cols());
    for (Index i = 0; i < x.rows(); ++i) rows.push_back(static_cast<int>(i));
    objective->set_batch(x, y, rows.data(), x.rows());
  }
};

}  // namespace optlab::testing
