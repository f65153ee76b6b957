// Long short-term memory (Hochreiter & Schmidhuber 1997, with the forget gate of Gers et al. 2000;
// book §10.10.1), torch.nn.LSTM with one layer — gate order i, f, g, o as PyTorch has it:
//
//   [i; f; g; o] = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh                 (4H pre-activations)
//   i = σ(·), f = σ(·), g = tanh(·), o = σ(·)
//   c_t = f ⊙ c_{t−1} + i ⊙ g,   h_t = o ⊙ tanh(c_t),   t = 1 … L,   h_0 = c_0 = 0
//
// BPTT, for t = L … 1, with g_t = ∂L/∂h_t and e_t the gradient reaching c_t from step t+1 (e_L = 0):
//   e ← e_t + g_t ⊙ o ⊙ (1 − tanh²c_t)
//   δo = g_t ⊙ tanh c_t ⊙ o(1 − o)    δi = e ⊙ g ⊙ i(1 − i)
//   δg = e ⊙ i ⊙ (1 − g²)             δf = e ⊙ c_{t−1} ⊙ f(1 − f)
//   e_{t−1} = e ⊙ f,   g_{t−1} = δ W_hh,   dW_ih += δᵀx_t,  dW_hh += δᵀh_{t−1},  db_ih = db_hh += Σ_b δ
// The forget gate's bias (the slice [H, 2H) of b_ih) set to 1 keeps the cell's memory open at the
// start of training (book §8.4, "forget gate bias"; Gers et al. 2000; Jozefowicz et al. 2015).
// Shapes and layout: nn/recurrent_cell.hpp.
#pragma once

#include "nn/recurrent_cell.hpp"

namespace optlab {

template <typename T>
class LstmCell final : public RecurrentCell<T> {
 public:
  using Base = RecurrentCell<T>;
  LstmCell(Index features, Index units, Index steps) : Base(features, units, steps, 4) {}

  void reserve(Index max_batch) override;
  void forward(const T* params, const T* x, Index B) override;
  const T* last_hidden() const override { return h_.data() + this->L_ * batch_ * this->H_; }
  void backward(const T* params, T* grads, const T* x, Index B, const T* dh_last, T* dx) override;

 private:
  Index batch_ = 0;
  VecT<T> gates_;        // activated gates [i f g o] of steps 1 … L: L·B·4H
  VecT<T> c_, h_;        // c_0 … c_L and h_0 … h_L: (L + 1)·B·H each
  VecT<T> tanh_c_;       // tanh c_1 … tanh c_L: L·B·H
  VecT<T> bias_;         // b_ih + b_hh (4H)
  VecT<T> delta_;        // δ (B, 4H)
  VecT<T> g_, e_;        // g_t and e_t (B, H)
};

extern template class LstmCell<float>;
extern template class LstmCell<double>;

}  // namespace optlab
