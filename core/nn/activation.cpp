#include "nn/activation.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>

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

// 2^n for integer-valued n in [−126, 127], exactly: n written into the exponent field.
float exp2_int(simd::Scalar, float n) {
  const std::int32_t i = n == n ? static_cast<std::int32_t>(n) : 0;  // NaN: p is NaN anyway
  const std::uint32_t bits = static_cast<std::uint32_t>(i + 127) << 23;
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}
#if defined(OPTLAB_SIMD_SSE)
simd::F4 exp2_int(simd::Packed, simd::F4 n) {
  return {_mm_castsi128_ps(_mm_slli_epi32(_mm_add_epi32(_mm_cvttps_epi32(n.v), _mm_set1_epi32(127)), 23))};
}
#elif defined(OPTLAB_SIMD_WASM)
simd::F4 exp2_int(simd::Packed, simd::F4 n) {
  return {wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(n.v), wasm_i32x4_splat(127)), 23)};
}
#endif

// σ(v) = 1/(1 + e^{−v}) in float with only +, ·, / and exponent-field writes, so the packed and
// scalar paths and the native and wasm builds give the same bits (libm's expf differs between
// glibc and musl). With t = e^{−|v|} ≤ 1 (no overflow), σ = 1/(1 + t) for v > 0 and t/(1 + t)
// otherwise. x = −|v| ≥ −104 (below, t/(1 + t) rounds to 0); x = k·ln2 + r with k = round(x/ln2)
// and ln2 in two parts (the first, 355/512, has 9 bits, so k·ln2_hi is exact); e^r by Taylor to
// r⁷/7! (truncation < 6·10⁻⁹ for |r| ≤ ln2/2); 2^k applied as 2^⌈k/2⌉·2^{k−⌈k/2⌉}, both normal,
// so a subnormal t is rounded once. Max error 2.2 float ulps (tests/native/portable_math_test.cpp).
template <class B>
typename B::P sigmoid_kernel(typename B::P v) {
  using P = typename B::P;
  const P shift = B::set1(12582912.f);  // 1.5·2^23: adding it rounds to an integer
  const P x = B::max(B::set1(-104.f), B::set1(0.f) - B::abs(v));  // NaN stays NaN
  const P k = (x * B::set1(1.44269504f) + shift) - shift;
  const P r = (x - k * B::set1(0.693359375f)) - k * B::set1(-2.12194440e-4f);
  P p = r * B::set1(1.f / 5040.f) + B::set1(1.f / 720.f);
  p = p * r + B::set1(1.f / 120.f);
  p = p * r + B::set1(1.f / 24.f);
  p = p * r + B::set1(1.f / 6.f);
  p = p * r + B::set1(0.5f);
  p = p * r + B::set1(1.f);
  p = p * r + B::set1(1.f);
  const P half = ((k * B::set1(0.5f) + B::set1(0.25f)) + shift) - shift;  // ⌈k/2⌉
  const P t = p * exp2_int(B{}, half) * exp2_int(B{}, k - half);
  const P one_plus_t = B::set1(1.f) + t;
  return B::select_gt(v, B::set1(0.f), B::set1(1.f) / one_plus_t, t / one_plus_t);
}

}  // namespace

float tanh_float(float x) { return tanh_rational<simd::Scalar>(x); }
float sigmoid_float(float x) { return sigmoid_kernel<simd::Scalar>(x); }

// Every kernel is written once over the simd backends (SIMD128 in wasm, SSE natively, scalar tail
// and scalar switch); the packed and scalar paths give identical bits.
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
      simd::for_each(n, [&](auto b, Index i) {
        using B = decltype(b);
        B::store(y + i, sigmoid_kernel<B>(B::load(x + i)));
      });
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
