// A feed-forward network: a stack of layers over one contiguous parameter vector θ and one
// gradient vector of the same layout, so optimizers see a single flat vector (as in llm.c).
#pragma once

#include <memory>
#include <vector>

#include "nn/layer.hpp"

namespace optlab {

class Model {
 public:
  Model(Index inputs, std::vector<std::unique_ptr<Layer>> layers);

  Index inputs() const { return inputs_; }
  Index outputs() const { return layers_.empty() ? inputs_ : layers_.back()->out_features(); }
  Index param_count() const { return param_count_; }
  const std::vector<std::unique_ptr<Layer>>& layers() const { return layers_; }
  Index param_offset(std::size_t layer) const { return offsets_[layer]; }

  // Draws initial parameters into theta (size param_count()) from rng, layer by layer.
  void init_params(float* theta, Rng& rng) const;
  // Allocates every buffer for batches of up to max_batch rows. Steps after this never allocate.
  void reserve(Index max_batch);
  Index capacity() const { return capacity_; }

  // x: (B, inputs) → (B, outputs); the view stays valid until the next forward.
  Eigen::Map<const Mat> forward(const float* theta, ConstMatRef x, bool training);
  // Backpropagates dout (B, outputs) through the last forward, overwriting grad (size param_count()).
  void backward(const float* theta, float* grad, ConstMatRef x, const float* dout);
  // Backpropagates dtop (B, width of layer top − 1's output) from the output of layers[top − 1]
  // down to the input, overwriting the gradients of layers [0, top) only (FitNets' hint, which
  // trains the layers below the guided layer).
  void backward_from(std::size_t top, const float* theta, float* grad, ConstMatRef x, const float* dtop);

 private:
  Index inputs_;
  std::vector<std::unique_ptr<Layer>> layers_;
  std::vector<Index> offsets_;
  Index param_count_ = 0;
  Index capacity_ = 0;
  Mat delta_[2];  // ping-pong buffers for dL/d(activations), (max_batch, widest layer)
};

}  // namespace optlab
