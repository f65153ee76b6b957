#include "math/gemm.hpp"

#include "math/simd.hpp"

namespace optlab {

namespace {

// R rows × P packs of C.
template <class B, int R, int P>
inline void micro(Index K, const float* a, Index a_rs, Index a_cs, const float* b, Index ldb, float* c, Index ldc) {
  using V = typename B::P;
  V acc[R][P];
  for (int r = 0; r < R; ++r)
    for (int p = 0; p < P; ++p) acc[r][p] = B::set1(0.f);
  for (Index k = 0; k < K; ++k) {
    const float* bk = b + k * ldb;
    V bv[P];
    for (int p = 0; p < P; ++p) bv[p] = B::load(bk + p * B::width);
    const float* ak = a + k * a_cs;
    for (int r = 0; r < R; ++r) {
      const V av = B::set1(ak[r * a_rs]);
      for (int p = 0; p < P; ++p) acc[r][p] = acc[r][p] + av * bv[p];
    }
  }
  for (int r = 0; r < R; ++r)
    for (int p = 0; p < P; ++p) B::store(c + r * ldc + p * B::width, acc[r][p]);
}

template <class B, int P>
inline void strip(Index M, Index K, const float* a, Index a_rs, Index a_cs, const float* b, Index ldb, float* c,
                  Index ldc) {
  Index m = 0;
  for (; m + 4 <= M; m += 4) micro<B, 4, P>(K, a + m * a_rs, a_rs, a_cs, b, ldb, c + m * ldc, ldc);
  for (; m < M; ++m) micro<B, 1, P>(K, a + m * a_rs, a_rs, a_cs, b, ldb, c + m * ldc, ldc);
}

template <class B>
Index columns(Index M, Index N, Index K, const float* a, Index a_rs, Index a_cs, const float* b, Index ldb, float* c,
              Index ldc) {
  constexpr Index W = B::width;
  Index j = 0;
#if defined(OPTLAB_SIMD_SSE)
  // Natively a 4 × 3-pack tile (12 accumulators of 16 SSE registers) is faster; V8 spills it, so
  // wasm keeps 4 × 2. Tiling never changes an element's summation order, so results are the same.
  for (; j + 3 * W <= N; j += 3 * W) strip<B, 3>(M, K, a, a_rs, a_cs, b + j, ldb, c + j, ldc);
#endif
  for (; j + 2 * W <= N; j += 2 * W) strip<B, 2>(M, K, a, a_rs, a_cs, b + j, ldb, c + j, ldc);
  for (; j + W <= N; j += W) strip<B, 1>(M, K, a, a_rs, a_cs, b + j, ldb, c + j, ldc);
  return j;
}

}  // namespace

void gemm_rowmajor(Index M, Index N, Index K, const float* a, Index a_rs, Index a_cs, const float* b, Index ldb,
                   float* c, Index ldc) {
  Index j = 0;
  if (simd::Packed::width > 1 && simd::enabled()) j = columns<simd::Packed>(M, N, K, a, a_rs, a_cs, b, ldb, c, ldc);
  if (j < N) columns<simd::Scalar>(M, N - j, K, a, a_rs, a_cs, b + j, ldb, c + j, ldc);
}

void transpose(const float* in, Index rows, Index cols, float* out) {
  constexpr Index T = 16;
  for (Index r0 = 0; r0 < rows; r0 += T) {
    const Index r1 = r0 + T < rows ? r0 + T : rows;
    for (Index c0 = 0; c0 < cols; c0 += T) {
      const Index c1 = c0 + T < cols ? c0 + T : cols;
      for (Index r = r0; r < r1; ++r)
        for (Index c = c0; c < c1; ++c) out[c * rows + r] = in[r * cols + c];
    }
  }
}

}  // namespace optlab
