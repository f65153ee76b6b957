// A tiny vector abstraction for the elementwise kernels (optimizer updates, normalization,
// activations). A kernel is written once as a generic lambda over a "backend" tag:
//
//   simd::for_each(n, [&](auto b, Index i) {
//     using B = decltype(b);
//     auto x = B::load(theta + i), g = B::load(grad + i);
//     B::store(theta + i, x - B::set1(lr) * g);
//   });
//
// `for_each` runs the packed backend over full packs and the scalar backend over the tail, or the
// scalar backend throughout when SIMD is switched off at run time (`simd::set_enabled(false)`) or at
// build time (OPTLAB_SCALAR_ONLY). Tests run every kernel both ways and compare; the benchmark
// reports both. The packed backend is WebAssembly SIMD128 (`wasm_simd128.h`) in the wasm build and
// SSE natively. Neither has FMA and add, mul, div and sqrt are correctly rounded, so an elementwise
// kernel gives bit-identical results on both paths (builds pass -ffp-contract=off to keep it so).
#pragma once

#include <cmath>
#include <cstddef>

#include "math/types.hpp"

#if !defined(OPTLAB_SCALAR_ONLY) && defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define OPTLAB_SIMD_WASM 1
#elif !defined(OPTLAB_SCALAR_ONLY) && (defined(__SSE2__) || defined(_M_X64))
#include <immintrin.h>
#define OPTLAB_SIMD_SSE 1
#endif

namespace optlab::simd {

// Run-time switch used by tests and benchmarks to compare both paths in one binary.
bool enabled();
void set_enabled(bool on);
// "wasm-simd128", "sse2" or "scalar": what the packed backend is in this build.
const char* backend_name();

// ---- scalar backend: one float per "pack" ---------------------------------------------------
struct Scalar {
  using P = float;
  static constexpr int width = 1;
  static P load(const float* p) { return *p; }
  static void store(float* p, P v) { *p = v; }
  static P set1(float v) { return v; }
  static P sqrt(P v) { return std::sqrt(v); }
  static P min(P a, P b) { return a < b ? a : b; }
  static P max(P a, P b) { return a > b ? a : b; }
  static P abs(P v) { return std::fabs(v); }
  // sign(v) as -1, 0, +1
  static P sign(P v) { return v > 0.f ? 1.f : (v < 0.f ? -1.f : 0.f); }
  static float hsum(P v) { return v; }
  // x > y ? a : b (false when either is NaN, so a NaN x selects b)
  static P select_gt(P x, P y, P a, P b) { return x > y ? a : b; }
};

#if defined(OPTLAB_SIMD_WASM)
struct F4 {
  v128_t v;
  friend F4 operator+(F4 a, F4 b) { return {wasm_f32x4_add(a.v, b.v)}; }
  friend F4 operator-(F4 a, F4 b) { return {wasm_f32x4_sub(a.v, b.v)}; }
  friend F4 operator*(F4 a, F4 b) { return {wasm_f32x4_mul(a.v, b.v)}; }
  friend F4 operator/(F4 a, F4 b) { return {wasm_f32x4_div(a.v, b.v)}; }
  friend F4 operator-(F4 a) { return {wasm_f32x4_neg(a.v)}; }
};
struct Packed {
  using P = F4;
  static constexpr int width = 4;
  static P load(const float* p) { return {wasm_v128_load(p)}; }
  static void store(float* p, P v) { wasm_v128_store(p, v.v); }
  static P set1(float v) { return {wasm_f32x4_splat(v)}; }
  static P sqrt(P v) { return {wasm_f32x4_sqrt(v.v)}; }
  // pmin(p, q) is q < p ? q : p, so pmin(b, a) is the scalar a < b ? a : b, NaN and ±0 included
  // (likewise pmax(b, a) is a > b ? a : b)
  static P min(P a, P b) { return {wasm_f32x4_pmin(b.v, a.v)}; }
  static P max(P a, P b) { return {wasm_f32x4_pmax(b.v, a.v)}; }
  static P abs(P v) { return {wasm_f32x4_abs(v.v)}; }
  static P sign(P v) {
    v128_t zero = wasm_f32x4_splat(0.f);
    v128_t pos = wasm_v128_and(wasm_f32x4_gt(v.v, zero), wasm_f32x4_splat(1.f));
    v128_t neg = wasm_v128_and(wasm_f32x4_lt(v.v, zero), wasm_f32x4_splat(-1.f));
    return {wasm_v128_or(pos, neg)};
  }
  static float hsum(P v) {
    return (wasm_f32x4_extract_lane(v.v, 0) + wasm_f32x4_extract_lane(v.v, 1)) +
           (wasm_f32x4_extract_lane(v.v, 2) + wasm_f32x4_extract_lane(v.v, 3));
  }
  static P select_gt(P x, P y, P a, P b) { return {wasm_v128_bitselect(a.v, b.v, wasm_f32x4_gt(x.v, y.v))}; }
};
#elif defined(OPTLAB_SIMD_SSE)
struct F4 {
  __m128 v;
  friend F4 operator+(F4 a, F4 b) { return {_mm_add_ps(a.v, b.v)}; }
  friend F4 operator-(F4 a, F4 b) { return {_mm_sub_ps(a.v, b.v)}; }
  friend F4 operator*(F4 a, F4 b) { return {_mm_mul_ps(a.v, b.v)}; }
  friend F4 operator/(F4 a, F4 b) { return {_mm_div_ps(a.v, b.v)}; }
  friend F4 operator-(F4 a) { return {_mm_xor_ps(a.v, _mm_set1_ps(-0.f))}; }
};
struct Packed {
  using P = F4;
  static constexpr int width = 4;
  static P load(const float* p) { return {_mm_loadu_ps(p)}; }
  static void store(float* p, P v) { _mm_storeu_ps(p, v.v); }
  static P set1(float v) { return {_mm_set1_ps(v)}; }
  static P sqrt(P v) { return {_mm_sqrt_ps(v.v)}; }
  // _mm_min_ps(a, b) is a < b ? a : b, the scalar backend's definition
  static P min(P a, P b) { return {_mm_min_ps(a.v, b.v)}; }
  static P max(P a, P b) { return {_mm_max_ps(a.v, b.v)}; }
  static P abs(P v) { return {_mm_andnot_ps(_mm_set1_ps(-0.f), v.v)}; }
  static P sign(P v) {
    __m128 zero = _mm_setzero_ps();
    __m128 pos = _mm_and_ps(_mm_cmpgt_ps(v.v, zero), _mm_set1_ps(1.f));
    __m128 neg = _mm_and_ps(_mm_cmplt_ps(v.v, zero), _mm_set1_ps(-1.f));
    return {_mm_or_ps(pos, neg)};
  }
  static float hsum(P v) {
    alignas(16) float l[4];
    _mm_store_ps(l, v.v);
    return (l[0] + l[1]) + (l[2] + l[3]);
  }
  static P select_gt(P x, P y, P a, P b) {
    __m128 m = _mm_cmpgt_ps(x.v, y.v);
    return {_mm_or_ps(_mm_and_ps(m, a.v), _mm_andnot_ps(m, b.v))};
  }
};
#else
using Packed = Scalar;
#endif

// Applies kernel(backend, i) to every i in [0, n): packed over full packs, scalar over the tail.
template <class Kernel>
inline void for_each(Index n, Kernel&& kernel) {
  Index i = 0;
  if (Packed::width > 1 && enabled()) {
    for (; i + Packed::width <= n; i += Packed::width) kernel(Packed{}, i);
  }
#if defined(__clang__)
#pragma clang loop vectorize(disable)
#endif
  for (; i < n; ++i) kernel(Scalar{}, i);
}

// Sum over i of kernel(backend, i) (a pack or a float), accumulated lane-wise in one pack. The
// packed and scalar paths differ only in summation order (a few ulps).
template <class Kernel>
inline float reduce_sum(Index n, Kernel&& kernel) {
  Index i = 0;
  float total = 0.f;
  if (Packed::width > 1 && enabled()) {
    Packed::P acc = Packed::set1(0.f);
    for (; i + Packed::width <= n; i += Packed::width) acc = acc + kernel(Packed{}, i);
    total = Packed::hsum(acc);
  }
#if defined(__clang__)
#pragma clang loop vectorize(disable)
#endif
  for (; i < n; ++i) total += kernel(Scalar{}, i);
  return total;
}

}  // namespace optlab::simd
