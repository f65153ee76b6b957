// A recurrent cell unrolled over a whole sequence: the forward pass and backpropagation through time
// (BPTT; book §10.2.2) over raw buffers, templated on the scalar so that the float layer of a network
// (nn/recurrent_layer.hpp) and the double build the golden tests compare with PyTorch run the same code.
//
// Shapes. A minibatch of B sequences of L steps with D features per step arrives as one row-major
// (B, L·D) matrix — example b, step t (1-based in the formulas, 0-based in memory), feature d at
// x[b·L·D + (t−1)·D + d] — which is the layout of a network's input rows, so sequences go through the
// same data sets, minibatches and optimizers as points do. The cell's output is the last hidden state
// h_L (B, H); h_0 = 0.
//
// Parameters: PyTorch's layout of one layer of nn.RNN / nn.LSTM (torch/nn/modules/rnn.py),
//   [W_ih (G·H, D), W_hh (G·H, H), b_ih (G·H), b_hh (G·H)],  G = 1 (Elman) or 4 (LSTM: gates i, f, g, o),
// row-major, so θ equals torch.cat([p.flatten() for p in rnn.parameters()]). The book's single bias
// b of h_t = φ(W h_{t−1} + U x_t + b) is b_ih + b_hh (U = W_ih, W = W_hh); both vectors always receive
// the same gradient. Keeping PyTorch's two vectors makes a run's θ and every optimizer step
// comparable with PyTorch element by element (tests/golden/make_rnn.py).
//
// Every buffer is allocated by reserve(max_batch): a forward/backward pair never allocates. The
// forward keeps what BPTT needs for all L steps (hidden states, and for the LSTM the gates and cells).
//
// The products go through Eigen (no allocation for these sizes: its GEMM blocks live on the stack
// under EIGEN_STACK_ALLOCATION_LIMIT) and take the same code path natively and in wasm, where clang
// auto-vectorizes them (-msimd128); the float activations use the SIMD kernels of nn/activation.hpp.
#pragma once

#include <cmath>
#include <vector>

#include "nn/activation.hpp"
#include "math/types.hpp"

namespace optlab {

// y = f(x) for the cell's gates and state: the float path is the SIMD kernel of nn/activation.hpp,
// the double path a scalar reference with the portable tanh/exp (math/portable_math.hpp).
inline void cell_forward(Activation a, const float* x, float* y, Index n) { activation_forward(a, x, y, n); }
void cell_forward(Activation a, const double* x, double* y, Index n);
// dx = dy ⊙ f'(·) from the output y alone (tanh 1 − y², sigmoid y(1 − y), relu/leaky relu by the sign
// of y, which is the sign of the input); dx may alias dy.
inline void cell_backward(Activation a, const float* y, const float* dy, float* dx, Index n) {
  activation_backward(a, y, y, dy, dx, n);
}
void cell_backward(Activation a, const double* y, const double* dy, double* dx, Index n);

template <typename T>
class RecurrentCell {
 public:
  using M = MatT<T>;
  using Map = Eigen::Map<M>;
  using CMap = Eigen::Map<const M>;
  // Step t of a (B, L·D) sequence minibatch: (B, D) rows L·D apart.
  using StepMap = Eigen::Map<const M, 0, Eigen::OuterStride<>>;
  using MutStepMap = Eigen::Map<M, 0, Eigen::OuterStride<>>;

  RecurrentCell(Index features, Index units, Index steps, Index gates)
      : D_(features), H_(units), L_(steps), G_(gates), norms_(static_cast<std::size_t>(steps + 1), 0.0) {}
  virtual ~RecurrentCell() = default;

  Index features() const { return D_; }
  Index units() const { return H_; }
  Index steps() const { return L_; }
  Index gates() const { return G_; }
  Index param_count() const { return G_ * H_ * (D_ + H_ + 2); }
  Index capacity() const { return capacity_; }

  // Allocates every buffer for minibatches of up to max_batch sequences.
  virtual void reserve(Index max_batch) = 0;
  // x: (B, L·D). Runs the L steps, keeping what backward needs.
  virtual void forward(const T* params, const T* x, Index B) = 0;
  // h_L of the last forward: (B, H).
  virtual const T* last_hidden() const = 0;
  // dh_last: ∂L/∂h_L (B, H) for the x of the last forward. Overwrites grads[0, param_count()), writes
  // dx = ∂L/∂x (B, L·D) when dx is non-null, and hidden_grad_norms().
  virtual void backward(const T* params, T* grads, const T* x, Index B, const T* dh_last, T* dx) = 0;
  // ‖∂L/∂h_t‖ (Frobenius norm over the minibatch's (B, H) block, summed in double) for t = 0 … L,
  // from the last backward: the gradient reaching h_t through the recurrence (for the LSTM, with
  // c_t held as a separate variable). Book §8.2.5 / §10.7: it shrinks or grows like |λ|^(L−t).
  const std::vector<double>& hidden_grad_norms() const { return norms_; }

 protected:
  static StepMap step(const T* x, Index t, Index B, Index D, Index L) {
    return StepMap(x + t * D, B, D, Eigen::OuterStride<>(L * D));
  }
  // The pre-activations of step t (0-based) for every gate: z = x_t W_ihᵀ + h_{t−1} W_hhᵀ + (b_ih + b_hh),
  // z (B, G·H); bias (G·H) is scratch for the summed biases.
  void preactivation(const T* params, const T* x, Index t, Index B, const T* h_prev, VecT<T>& bias, T* z) const {
    const Index D = D_, H = H_, L = L_, GH = G_ * H_;
    CMap w_ih(params, GH, D), w_hh(params + GH * D, GH, H);
    const T* b_ih = params + GH * (D + H);
    for (Index j = 0; j < GH; ++j) bias(j) = b_ih[j] + b_ih[GH + j];
    Map out(z, B, GH);
    out.noalias() = step(x, t, B, D, L) * w_ih.transpose();
    out.noalias() += CMap(h_prev, B, H) * w_hh.transpose();
    out.rowwise() += bias.transpose();
  }
  // Zeroes the parameter gradients before a backward pass.
  void zero_grads(T* grads) const { Eigen::Map<VecT<T>>(grads, param_count()).setZero(); }
  // BPTT through step t (1-based) given δ_t = ∂L/∂z_t (B, G·H), shared by both cells:
  //   dW_ih += δᵀ x_t,  dW_hh += δᵀ h_{t−1},  db_ih += Σ_b δ,  dx_t = δ W_ih (when dx),
  //   g_{t−1} = δ W_hh into g (B, H), and norms[t − 1] = ‖g_{t−1}‖. db_hh = db_ih is copied by finish_grads.
  void backprop_step(const T* params, T* grads, const T* x, Index t, Index B, const T* delta_ptr, const T* h_prev,
                     T* dx, T* g) {
    const Index D = D_, H = H_, L = L_, GH = G_ * H_;
    CMap w_ih(params, GH, D), w_hh(params + GH * D, GH, H), delta(delta_ptr, B, GH);
    Map dw_ih(grads, GH, D), dw_hh(grads + GH * D, GH, H);
    T* db_ih = grads + GH * (D + H);
    dw_ih.noalias() += delta.transpose() * step(x, t - 1, B, D, L);
    dw_hh.noalias() += delta.transpose() * CMap(h_prev, B, H);
    for (Index b = 0; b < B; ++b)
      for (Index j = 0; j < GH; ++j) db_ih[j] += delta(b, j);
    if (dx) {
      MutStepMap dx_t(dx + (t - 1) * D, B, D, Eigen::OuterStride<>(L * D));
      dx_t.noalias() = delta * w_ih;
    }
    Map(g, B, H).noalias() = delta * w_hh;
    norms_[static_cast<std::size_t>(t - 1)] = frobenius(g, B * H);
  }
  // db_hh = db_ih: both bias vectors enter every pre-activation the same way.
  void finish_grads(T* grads) const {
    const Index GH = G_ * H_;
    T* db_ih = grads + GH * (D_ + H_);
    for (Index j = 0; j < GH; ++j) db_ih[GH + j] = db_ih[j];
  }
  static double frobenius(const T* v, Index n) {
    double s = 0.0;
    for (Index i = 0; i < n; ++i) s += static_cast<double>(v[i]) * static_cast<double>(v[i]);
    return std::sqrt(s);
  }

  Index D_, H_, L_, G_;
  Index capacity_ = 0;
  std::vector<double> norms_;
};

}  // namespace optlab
