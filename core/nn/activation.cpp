#include "nn/activation.hpp"

#include <cmath>
#include <cstring>

#include "math/portable_math.hpp"
#include "math/simd.hpp"

namespace optlab {

const char* activation_name(Activation a) {
  switch (a) {
    case Activation::Linear: return "linear";
    case Activation::Tanh: return "tanh";
    case Activation::Sigmoid: return "sigmoid";
    case Activation::Relu: return "relu";
    case Activation::LeakyRelu: return "leaky_relu";
  }
  return "?";
}

const char* activation_names() { return "linear, tanh, sigmoid, relu, leaky_relu"; }

bool parse_activation(const std::string& name, Activation* out) {
  for (Activation a : {Activation::Linear, Activation::Tanh, Activation::Sigmoid, Activation::Relu,
                       Activation::LeakyRelu}) {
    if (name == activation_name(a)) {
      *out = a;
      return true;
    }
  }
  return false;
}

namespace {

// tanh as Eigen's generic_fast_tanh_float computes it: x clamped to ±7.9053111 (where the float
// result is 1), then the rational minimax approximation x·p(x²)/q(x²) with p of degree 6 and q of
// degree 3 — only +, ·, / and compares, so it vectorizes with the simd backends and rounds the
// same on every path (no FMA: Eigen's non-FMA clamp constant). Largest relative error against
// double tanh over all floats: 3.7e-7 (about 6 ulp; glibc's tanhf: 1.1e-7). NaN stays NaN, ±∞ gives ±1.
template <class B>
typename B::P tanh_rational(typename B::P x) {
  using P = typename B::P;
  const P hi = B::set1(7.90531110763549805f), lo = B::set1(-7.90531110763549805f);
  x = B::select_gt(x, hi, hi, x);
  x = B::select_gt(lo, x, lo, x);
  const P x2 = x * x;
  P p = x2 * B::set1(-2.76076847742355e-16f) + B::set1(2.00018790482477e-13f);
  p = x2 * p + B::set1(-8.60467152213735e-11f);
  p = x2 * p + B::set1(5.12229709037114e-08f);
  p = x2 * p + B::set1(1.48572235717979e-05f);
  p = x2 * p + B::set1(6.37261928875436e-04f);
  p = x2 * p + B::set1(4.89352455891786e-03f);
  p = x * p;
  P q = x2 * B::set1(1.19825839466702e-06f) + B::set1(1.18534705686654e-04f);
  q = x2 * q + B::set1(2.26843463243900e-03f);
  q = x2 * q + B::set1(4.89352518554385e-03f);
  return p / q;
}

}  // namespace

float tanh_float(float x) { return tanh_rational<simd::Scalar>(x); }

// Every kernel but sigmoid's is written once over the simd backends (SIMD128 in wasm, SSE
// natively, scalar tail and scalar switch); the packed and scalar paths give identical bits.
void activation_forward(Activation a, const float* x, float* y, Index n) {
  switch (a) {
    case Activation::Linear:
      if (x != y) std::memcpy(y, x, sizeof(float) * static_cast<std::size_t>(n));
      return;
    case Activation::Tanh:
      simd::for_each(n, [&](auto b, Index i) {
        using B = decltype(b);
        B::store(y + i, tanh_rational<B>(B::load(x + i)));
      });
      return;
    case Activation::Sigmoid:
      // In double with the portable exp (the same bits natively and in wasm), rounded once to
      // float; for very negative v, e^{−v} overflows to ∞ and the result is 0.
      for (Index i = 0; i < n; ++i) y[i] = static_cast<float>(1.0 / (1.0 + portable::exp(-static_cast<double>(x[i]))));
      return;
    case Activation::Relu:
      simd::for_each(n, [&](auto b, Index i) {
        using B = decltype(b);
        const auto v = B::load(x + i), zero = B::set1(0.f);
        B::store(y + i, B::select_gt(v, zero, v, zero));
      });
      return;
    case Activation::LeakyRelu:
      simd::for_each(n, [&](auto b, Index i) {
        using B = decltype(b);
        const auto v = B::load(x + i);
        B::store(y + i, B::select_gt(v, B::set1(0.f), v, B::set1(kLeakyReluSlope) * v));
      });
      return;
  }
}

void activation_backward(Activation a, const float* x, const float* y, const float* dy, float* dx, Index n) {
  switch (a) {
    case Activation::Linear:
      if (dx != dy) std::memcpy(dx, dy, sizeof(float) * static_cast<std::size_t>(n));
      return;
    case Activation::Tanh:
      simd::for_each(n, [&](auto b, Index i) {
        using B = decltype(b);
        const auto v = B::load(y + i);
        B::store(dx + i, B::load(dy + i) * (B::set1(1.f) - v * v));
      });
      return;
    case Activation::Sigmoid:
      simd::for_each(n, [&](auto b, Index i) {
        using B = decltype(b);
        const auto v = B::load(y + i);
        B::store(dx + i, B::load(dy + i) * (v * (B::set1(1.f) - v)));
      });
      return;
    case Activation::Relu:
      simd::for_each(n, [&](auto b, Index i) {
        using B = decltype(b);
        const auto zero = B::set1(0.f);
        B::store(dx + i, B::select_gt(B::load(x + i), zero, B::load(dy + i), zero));
      });
      return;
    case Activation::LeakyRelu:
      simd::for_each(n, [&](auto b, Index i) {
        using B = decltype(b);
        const auto g = B::load(dy + i);
        B::store(dx + i, B::select_gt(B::load(x + i), B::set1(0.f), g, B::set1(kLeakyReluSlope) * g));
      });
      return;
  }
}

}  // namespace optlab
