#include "nn/lstm.hpp"

namespace optlab {

template <typename T>
void LstmCell<T>::reserve(Index max_batch) {
  const Index H = this->H_, L = this->L_;
  gates_.setZero(L * max_batch * 4 * H);
  c_.setZero((L + 1) * max_batch * H);
  h_.setZero((L + 1) * max_batch * H);
  tanh_c_.setZero(L * max_batch * H);
  bias_.setZero(4 * H);
  delta_.setZero(max_batch * 4 * H);
  g_.setZero(max_batch * H);
  e_.setZero(max_batch * H);
  this->capacity_ = max_batch;
}

template <typename T>
void LstmCell<T>::forward(const T* params, const T* x, Index B) {
  using CMap = typename Base::CMap;
  using Map = typename Base::Map;
  const Index H = this->H_, L = this->L_, G = 4 * H;
  batch_ = B;
  Map(c_.data(), B, H).setZero();
  Map(h_.data(), B, H).setZero();
  for (Index t = 0; t < L; ++t) {
    CMap c_prev(c_.data() + t * B * H, B, H);
    Map z(gates_.data() + t * B * G, B, G);
    this->preactivation(params, x, t, B, h_.data() + t * B * H, bias_, z.data());
    for (Index b = 0; b < B; ++b) {
      T* row = z.data() + b * G;
      cell_forward(Activation::Sigmoid, row, row, 2 * H);         // i, f
      cell_forward(Activation::Tanh, row + 2 * H, row + 2 * H, H);  // g
      cell_forward(Activation::Sigmoid, row + 3 * H, row + 3 * H, H);  // o
    }
    Map c(c_.data() + (t + 1) * B * H, B, H), tc(tanh_c_.data() + t * B * H, B, H), h(h_.data() + (t + 1) * B * H, B, H);
    c.array() = z.middleCols(H, H).array() * c_prev.array() + z.leftCols(H).array() * z.middleCols(2 * H, H).array();
    cell_forward(Activation::Tanh, c.data(), tc.data(), B * H);
    h.array() = z.rightCols(H).array() * tc.array();
  }
}

template <typename T>
void LstmCell<T>::backward(const T* params, T* grads, const T* x, Index B, const T* dh_last, T* dx) {
  using CMap = typename Base::CMap;
  using Map = typename Base::Map;
  const Index H = this->H_, L = this->L_, G = 4 * H;
  this->zero_grads(grads);
  Map g(g_.data(), B, H), e(e_.data(), B, H), delta(delta_.data(), B, G);
  g = CMap(dh_last, B, H);
  e.setZero();
  this->norms_[static_cast<std::size_t>(L)] = Base::frobenius(g.data(), B * H);
  for (Index t = L; t >= 1; --t) {
    CMap z(gates_.data() + (t - 1) * B * G, B, G);
    CMap tc(tanh_c_.data() + (t - 1) * B * H, B, H);
    CMap c_prev(c_.data() + (t - 1) * B * H, B, H);
    const auto i = z.leftCols(H).array();
    const auto f = z.middleCols(H, H).array();
    const auto gg = z.middleCols(2 * H, H).array();
    const auto o = z.rightCols(H).array();
    e.array() += g.array() * o * (T(1) - tc.array() * tc.array());
    delta.rightCols(H).array() = g.array() * tc.array() * o * (T(1) - o);
    delta.leftCols(H).array() = e.array() * gg * i * (T(1) - i);
    delta.middleCols(2 * H, H).array() = e.array() * i * (T(1) - gg * gg);
    delta.middleCols(H, H).array() = e.array() * c_prev.array() * f * (T(1) - f);
    e.array() *= f;  // e_{t−1}
    this->backprop_step(params, grads, x, t, B, delta.data(), h_.data() + (t - 1) * B * H, dx, g.data());
  }
  this->finish_grads(grads);
}

template class LstmCell<float>;
template class LstmCell<double>;

}  // namespace optlab
