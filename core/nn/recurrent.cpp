#include "nn/recurrent.hpp"

#include <algorithm>

#include "math/portable_math.hpp"

namespace optlab {

namespace {
double sigmoid_double(double x) {
  if (x >= 0) return 1.0 / (1.0 + portable::exp(-x));
  const double e = portable::exp(x);
  return e / (1.0 + e);
}
}  // namespace

void cell_forward(Activation a, const double* x, double* y, Index n) {
  for (Index i = 0; i < n; ++i) {
    const double v = x[i];
    switch (a) {
      case Activation::Linear: y[i] = v; break;
      case Activation::Tanh: y[i] = portable::tanh(v); break;
      case Activation::Sigmoid: y[i] = sigmoid_double(v); break;
      case Activation::Relu: y[i] = v > 0 ? v : 0.0; break;
      case Activation::LeakyRelu: y[i] = v > 0 ? v : static_cast<double>(kLeakyReluSlope) * v; break;
    }
  }
}

void cell_backward(Activation a, const double* y, const double* dy, double* dx, Index n) {
  for (Index i = 0; i < n; ++i) {
    const double v = y[i], g = dy[i];
    switch (a) {
      case Activation::Linear: dx[i] = g; break;
      case Activation::Tanh: dx[i] = g * (1.0 - v * v); break;
      case Activation::Sigmoid: dx[i] = g * (v * (1.0 - v)); break;
      case Activation::Relu: dx[i] = v > 0 ? g : 0.0; break;
      case Activation::LeakyRelu: dx[i] = v > 0 ? g : static_cast<double>(kLeakyReluSlope) * g; break;
    }
  }
}

template <typename T>
void ElmanCell<T>::reserve(Index max_batch) {
  const Index H = this->H_, L = this->L_;
  hist_.setZero((L + 1) * max_batch * H);
  bias_.setZero(H);
  delta_.setZero(max_batch * H);
  g_.setZero(max_batch * H);
  this->capacity_ = max_batch;
}

template <typename T>
void ElmanCell<T>::forward(const T* params, const T* x, Index B) {
  const Index H = this->H_, L = this->L_;
  batch_ = B;
  typename Base::Map(hist_.data(), B, H).setZero();
  for (Index t = 0; t < L; ++t) {
    T* a = hist_.data() + (t + 1) * B * H;
    this->preactivation(params, x, t, B, hist_.data() + t * B * H, bias_, a);
    cell_forward(phi_, a, a, B * H);  // h_t = φ(a_t), in place
  }
}

template <typename T>
void ElmanCell<T>::backward(const T* params, T* grads, const T* x, Index B, const T* dh_last, T* dx) {
  const Index H = this->H_, L = this->L_;
  this->zero_grads(grads);
  std::copy(dh_last, dh_last + B * H, g_.data());
  this->norms_[static_cast<std::size_t>(L)] = Base::frobenius(g_.data(), B * H);
  for (Index t = L; t >= 1; --t) {
    cell_backward(phi_, hist_.data() + t * B * H, g_.data(), delta_.data(), B * H);  // δ_t = g_t ⊙ φ'(a_t)
    this->backprop_step(params, grads, x, t, B, delta_.data(), hist_.data() + (t - 1) * B * H, dx, g_.data());
  }
  this->finish_grads(grads);
}

template class ElmanCell<float>;
template class ElmanCell<double>;

}  // namespace optlab
