// The Elman recurrent layer (book §10.2, eq. 10.8; Elman 1990), torch.nn.RNN with one layer:
//
//   a_t = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh,   h_t = φ(a_t),   t = 1 … L,   h_0 = 0
//
// (the book's h_t = φ(W h_{t−1} + U x_t + b) with U = W_ih, W = W_hh, b = b_ih + b_hh). PyTorch has
// φ = tanh or relu; here any activation of nn/activation.hpp, linear included — with φ linear,
// ∂L/∂h_0 = (Wᵀ)^L ∂L/∂h_L exactly, the repeated multiplication of book §8.2.5 (eq. 8.11–8.13).
//
// BPTT (book §10.2.2, eq. 10.21–10.26), for t = L … 1 with g_L = ∂L/∂h_L:
//   δ_t = g_t ⊙ φ'(a_t)           dW_ih += δ_tᵀ x_t    dW_hh += δ_tᵀ h_{t−1}    db_ih = db_hh += Σ_b δ_t
//   g_{t−1} = δ_t W_hh            dx_t = δ_t W_ih
// Shapes and layout: nn/recurrent_cell.hpp.
#pragma once

#include "nn/recurrent_cell.hpp"

namespace optlab {

template <typename T>
class ElmanCell final : public RecurrentCell<T> {
 public:
  using Base = RecurrentCell<T>;
  ElmanCell(Index features, Index units, Index steps, Activation phi)
      : Base(features, units, steps, 1), phi_(phi) {}

  Activation activation() const { return phi_; }
  void reserve(Index max_batch) override;
  void forward(const T* params, const T* x, Index B) override;
  const T* last_hidden() const override { return hist_.data() + this->L_ * batch_ * this->H_; }
  void backward(const T* params, T* grads, const T* x, Index B, const T* dh_last, T* dx) override;

 private:
  Activation phi_;
  Index batch_ = 0;
  VecT<T> hist_;       // h_0 … h_L, each a (B, H) block: (L + 1)·B·H
  VecT<T> bias_;       // b_ih + b_hh (H)
  VecT<T> delta_, g_;  // δ_t and g_t (B, H)
};

extern template class ElmanCell<float>;
extern template class ElmanCell<double>;

}  // namespace optlab
