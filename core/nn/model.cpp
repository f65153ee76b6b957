#include "nn/model.hpp"

#include <algorithm>
#include <stdexcept>

namespace optlab {

Model::Model(Index inputs, std::vector<std::unique_ptr<Layer>> layers)
    : inputs_(inputs), layers_(std::move(layers)) {
  Index width = inputs_;
  for (const auto& layer : layers_) {
    if (layer->in_features() != width)
      throw std::invalid_argument("layer '" + layer->describe() + "' expects " +
                                  std::to_string(layer->in_features()) + " inputs but receives " +
                                  std::to_string(width));
    offsets_.push_back(param_count_);
    param_count_ += layer->param_count();
    width = layer->out_features();
  }
}

void Model::init_params(float* theta, Rng& rng) const {
  for (std::size_t l = 0; l < layers_.size(); ++l) layers_[l]->init_params(theta + offsets_[l], rng);
}

void Model::reserve(Index max_batch) {
  Index widest = inputs_;
  for (auto& layer : layers_) {
    layer->reserve(max_batch);
    widest = std::max(widest, layer->out_features());
  }
  for (auto& d : delta_) d.resize(max_batch, widest);
  capacity_ = max_batch;
}

Eigen::Map<const Mat> Model::forward(const float* theta, ConstMatRef x, bool training) {
  const Index B = x.rows();
  if (B > capacity_) throw std::logic_error("Model::forward: batch larger than reserved capacity");
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    if (l == 0)
      layers_[l]->forward(theta + offsets_[l], x, training);
    else
      layers_[l]->forward(theta + offsets_[l], layers_[l - 1]->output(B), training);
  }
  return layers_.empty() ? Eigen::Map<const Mat>(x.data(), B, inputs_) : layers_.back()->output(B);
}

void Model::backward(const float* theta, float* grad, ConstMatRef x, const float* dout) {
  backward_from(layers_.size(), theta, grad, x, dout);
}

void Model::backward_from(std::size_t top, const float* theta, float* grad, ConstMatRef x, const float* dtop) {
  const Index B = x.rows();
  const float* dy = dtop;
  for (std::size_t l = top; l-- > 0;) {
    Layer& layer = *layers_[l];
    float* dx = l == 0 ? nullptr : delta_[l % 2].data();
    Eigen::Map<const Mat> dym(dy, B, layer.out_features());
    if (l == 0)
      layer.backward(theta + offsets_[l], grad + offsets_[l], x, dym, dx);
    else
      layer.backward(theta + offsets_[l], grad + offsets_[l], layers_[l - 1]->output(B), dym, dx);
    dy = dx;
  }
}

}  // namespace optlab
