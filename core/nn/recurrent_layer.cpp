#include "nn/recurrent_layer.hpp"

#include <cstring>
#include <stdexcept>

#include "nn/lstm.hpp"
#include "nn/recurrent.hpp"

namespace optlab {

RecurrentLayer::RecurrentLayer(CellType type, Index features, Index steps, Index units, Activation phi,
                               RecurrentInit init)
    : Layer(features * steps, units), type_(type), init_(std::move(init)) {
  if (features < 1 || steps < 1 || units < 1) throw std::invalid_argument("RecurrentLayer: empty shape");
  if (type == CellType::Lstm)
    cell_ = std::make_unique<LstmCell<float>>(features, units, steps);
  else
    cell_ = std::make_unique<ElmanCell<float>>(features, units, steps, phi);
}

std::string RecurrentLayer::describe() const {
  return std::string(type_ == CellType::Lstm ? "lstm " : "rnn ") + std::to_string(cell_->steps()) + "×" +
         std::to_string(cell_->features()) + "→" + std::to_string(out_);
}

void RecurrentLayer::init_params(float* params, Rng& rng) const {
  const Index D = cell_->features(), H = cell_->units(), G = cell_->gates() * H;
  float* w_ih = params;
  float* w_hh = w_ih + G * D;
  float* b_ih = w_hh + G * H;
  float* b_hh = b_ih + G;
  initialize(init_.input, w_ih, G, D, rng);
  initialize(init_.recurrent, w_hh, G, H, rng);
  initialize_bias(init_.bias, b_ih, G, rng);
  if (type_ == CellType::Lstm)
    for (Index j = H; j < 2 * H; ++j) b_ih[j] = static_cast<float>(init_.forget_bias);
  std::memset(b_hh, 0, sizeof(float) * static_cast<std::size_t>(G));
}

void RecurrentLayer::reserve(Index max_batch) {
  cell_->reserve(max_batch);
  out_buf_.resize(max_batch, out_);
}

void RecurrentLayer::forward(const float* params, ConstMatRef x, bool /*training*/) {
  const Index B = x.rows();
  // x may be a Ref into a larger row-major buffer: its rows must be contiguous (L·D apart).
  if (x.cols() != in_ || (B > 1 && x.outerStride() != in_))
    throw std::logic_error("RecurrentLayer::forward: input rows must be contiguous sequences of " + std::to_string(in_));
  cell_->forward(params, x.data(), B);
  output_buffer(B) = ConstMatMap(cell_->last_hidden(), B, out_);
}

void RecurrentLayer::backward(const float* params, float* grads, ConstMatRef x, ConstMatRef dy, float* dx) {
  const Index B = x.rows();
  // dy is a Map over a contiguous (B, H) buffer (Model::backward's ping-pong or the loss gradient).
  if (dy.outerStride() != out_ && B > 1) throw std::logic_error("RecurrentLayer::backward: dy rows not contiguous");
  cell_->backward(params, grads, x.data(), B, dy.data(), dx);
}

}  // namespace optlab
