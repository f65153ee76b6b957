// A layer of a feed-forward network: a forward/backward pair over row-major (B, C) activations,
// reading its parameters from (and writing its gradients into) a slice of the model's one flat
// parameter vector, in the manner of llm.c. Parameters are passed in on every call rather than
// stored, so the same model evaluates any point θ (a Nesterov look-ahead, a line-search trial)
// without copying.
#pragma once

#include <string>

#include "math/rng.hpp"
#include "math/types.hpp"

namespace optlab {

class Layer {
 public:
  Layer(Index in, Index out) : in_(in), out_(out) {}
  virtual ~Layer() = default;
  Layer(const Layer&) = delete;
  Layer& operator=(const Layer&) = delete;

  virtual std::string describe() const = 0;  // e.g. "dense 2→16"
  Index in_features() const { return in_; }
  Index out_features() const { return out_; }
  virtual Index param_count() const { return 0; }
  // Writes this layer's initial parameters into params[0, param_count()).
  virtual void init_params(float* /*params*/, Rng& /*rng*/) const {}
  // Allocates every per-batch buffer for batches of up to max_batch rows. Never called in a step.
  virtual void reserve(Index max_batch) { out_buf_.resize(max_batch, out_); }
  Index capacity() const { return out_buf_.rows(); }

  // x: (B, in). Computes the output (B, out) into this layer's buffer.
  virtual void forward(const float* params, ConstMatRef x, bool training) = 0;
  // dy: (B, out), the gradient of the loss with respect to this layer's output for the x of the last
  // forward. Overwrites this layer's parameter gradients in grads[0, param_count()) and, when dx is
  // non-null, writes dx (B, in).
  virtual void backward(const float* params, float* grads, ConstMatRef x, ConstMatRef dy, float* dx) = 0;

  // Layers that keep running statistics (batch norm) stop updating them while this is off, so a
  // probe pass (per-layer signal statistics) leaves the run exactly as it was.
  virtual void set_update_running_stats(bool /*on*/) {}

  // The output of the last forward: (B, out).
  Eigen::Map<const Mat> output(Index batch) const { return {out_buf_.data(), batch, out_}; }

 protected:
  MatMap output_buffer(Index batch) { return {out_buf_.data(), batch, out_}; }

  Index in_, out_;
  Mat out_buf_;
};

}  // namespace optlab
