// A small row-major matrix product for the dense layers, written once over the simd backends:
//
//   C (M, N) = A (M, K) · Bm (K, N)
//
// C and Bm row-major with contiguous rows (leading dimensions ldc, ldb); A read through a row and a
// column stride, so A may be a transposed view (dYᵀ in dW = dYᵀ·X) at no cost. Every element of C
// is accumulated in the same order (k = 0, 1, …, K−1, starting from 0) on the packed and the scalar
// path, so the two agree bit for bit, and — with no FMA on either — so do the native (SSE) and the
// WebAssembly (SIMD128) builds.
//
// Why not Eigen: Eigen 3.4 has no WebAssembly packet path, so in wasm its GEMM runs the scalar
// micro-kernel (auto-vectorized by clang) behind packing and blocking set-up that costs more than
// the arithmetic for Playground-sized layers. This is the "broadcast" micro-kernel: a tile of
// 4 rows × 2 packs (natively 3) of C in registers, one splat of A and a load of Bm per pack per k.
#pragma once

#include "math/types.hpp"

namespace optlab {

void gemm_rowmajor(Index M, Index N, Index K, const float* a, Index a_rs, Index a_cs, const float* b, Index ldb,
                   float* c, Index ldc);

// out (cols, rows) = in (rows, cols)ᵀ, both row-major and contiguous, in cache-sized tiles.
void transpose(const float* in, Index rows, Index cols, float* out);

}  // namespace optlab
