// The objective of a network run: the mean loss of the current minibatch as a function of the
// flat parameter vector θ. The training loop moves the minibatch; optimizers only see f(θ).
#pragma once

#include <vector>

#include "nn/loss.hpp"
#include "nn/model.hpp"
#include "optim/objective.hpp"

namespace optlab {

// An objective over minibatches of the training set: the training loop selects the batch.
class BatchObjective : public Objective<float> {
 public:
  // Selects rows `indices[0..count)` of x/y as the current minibatch (copies them, no allocation).
  virtual void set_batch(const Mat& x, const std::vector<int>& y, const int* indices, Index count) = 0;
};

class NetworkObjective final : public BatchObjective {
 public:
  NetworkObjective(Model& model, Loss loss) : model_(model), loss_(loss) {}

  // Allocates the batch buffers; call once before the step loop.
  // `targets` > 0: also room for that many regression targets per example (set_targets).
  void reserve(Index max_batch, Index dim, Index targets = 0);
  // For a regression data set: its targets t (Dataset::train_t, (N, outputs), kept by pointer; it must
  // outlive the objective), whose rows set_batch() selects with x's; nullptr for classification.
  void set_targets(const Mat* t) { targets_ = t != nullptr && t->size() > 0 ? t : nullptr; }
  void set_batch(const Mat& x, const std::vector<int>& y, const int* indices, Index count) override;

  Index dim() const override { return model_.param_count(); }
  float value_and_gradient(ConstVecRef theta, VecRef grad) override;
  float value(ConstVecRef theta) override;
  Index batch_correct() const { return correct_; }

 private:
  Model& model_;
  Loss loss_;
  Mat batch_x_;
  const Mat* targets_ = nullptr;  // the data set's regression targets (null for classification)
  Mat batch_t_;                   // the minibatch's rows of *targets_
  std::vector<int> batch_y_;
  Mat dout_;
  Index batch_ = 0;
  Index correct_ = 0;
};

}  // namespace optlab
