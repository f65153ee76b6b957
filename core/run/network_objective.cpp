#include "run/network_objective.hpp"

namespace optlab {

void NetworkObjective::reserve(Index max_batch, Index dim, Index targets) {
  batch_x_.resize(max_batch, dim);
  batch_t_.resize(targets > 0 ? max_batch : 0, targets);
  batch_y_.resize(static_cast<std::size_t>(max_batch));
  dout_.resize(max_batch, model_.outputs());
  if (model_.capacity() < max_batch) model_.reserve(max_batch);
}

void NetworkObjective::set_batch(const Mat& x, const std::vector<int>& y, const int* indices, Index count) {
  batch_ = count;
  ++generation_;
  for (Index i = 0; i < count; ++i) {
    batch_x_.row(i) = x.row(indices[i]);
    if (targets_) batch_t_.row(i) = targets_->row(indices[i]);
    batch_y_[static_cast<std::size_t>(i)] = y[static_cast<std::size_t>(indices[i])];
  }
}

float NetworkObjective::value_and_gradient(ConstVecRef theta, VecRef grad) {
  ++evaluations_;
  Eigen::Map<const Mat> x(batch_x_.data(), batch_, batch_x_.cols());
  auto out = model_.forward(theta.data(), x, true);
  LossResult r = loss_forward_backward(loss_, out, batch_y_.data(), dout_.data(), targets_ ? batch_t_.data() : nullptr);
  correct_ = r.correct;
  model_.backward(theta.data(), grad.data(), x, dout_.data());
  return static_cast<float>(r.loss);
}

float NetworkObjective::value(ConstVecRef theta) {
  ++evaluations_;
  Eigen::Map<const Mat> x(batch_x_.data(), batch_, batch_x_.cols());
  auto out = model_.forward(theta.data(), x, true);
  return static_cast<float>(loss_forward_backward(loss_, out, batch_y_.data(), nullptr, targets_ ? batch_t_.data() : nullptr).loss);
}

}  // namespace optlab
