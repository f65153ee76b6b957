// A recurrent layer of a network: an Elman or LSTM cell (nn/recurrent.hpp, nn/lstm.hpp) unrolled over
// the L steps of each input row. Input (B, L·D) — a minibatch of sequences, see nn/recurrent_cell.hpp —
// output the last hidden state h_L (B, H), so dense layers and the loss follow as in any network.
// Parameters in PyTorch's layout [W_ih, W_hh, b_ih, b_hh]; initial values:
//   W_ih (G·H, D)  `init`            (default glorot_uniform, as Keras's kernel_initializer)
//   W_hh (G·H, H)  `recurrent_init`  (default orthogonal, as Keras's recurrent_initializer; with gain ρ
//                                     an Elman W_hh has every |λ| = ρ: book §8.2.5's spectral radius)
//   b_ih (G·H)     `bias_init`, then for the LSTM the forget gate's slice [H, 2H) = forget_bias
//   b_hh (G·H)     zeros, so the book's b = b_ih + b_hh starts at bias_init (and forget_bias)
#pragma once

#include <memory>

#include "init/initializer.hpp"
#include "nn/layer.hpp"
#include "nn/recurrent_cell.hpp"

namespace optlab {

enum class CellType { Elman, Lstm };

struct RecurrentInit {
  InitSpec input{"glorot_uniform"};
  InitSpec recurrent{"orthogonal"};
  InitSpec bias{"zeros"};
  double forget_bias = 1.0;  // LSTM only
};

class RecurrentLayer final : public Layer {
 public:
  // A sequence of `steps` steps of `features` features each, `units` hidden units.
  RecurrentLayer(CellType type, Index features, Index steps, Index units, Activation phi, RecurrentInit init);

  std::string describe() const override;
  Index param_count() const override { return cell_->param_count(); }
  void init_params(float* params, Rng& rng) const override;
  void reserve(Index max_batch) override;
  void forward(const float* params, ConstMatRef x, bool training) override;
  void backward(const float* params, float* grads, ConstMatRef x, ConstMatRef dy, float* dx) override;

  CellType type() const { return type_; }
  const RecurrentCell<float>& cell() const { return *cell_; }
  // ‖∂L/∂h_t‖ for t = 0 … L from the last backward (RecurrentCell::hidden_grad_norms).
  const std::vector<double>& hidden_grad_norms() const { return cell_->hidden_grad_norms(); }

 private:
  CellType type_;
  RecurrentInit init_;
  std::unique_ptr<RecurrentCell<float>> cell_;
};

}  // namespace optlab
