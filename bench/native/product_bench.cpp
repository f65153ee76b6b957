// The matrix products of a dense layer's training step, alone: what bounds the MLP benchmark.
// For the 784→128 and 128→64 layers of the MLP at batch 64:
//   forward   Y = X·Wᵀ        (B, in)·(in, out)
//   weights   dW = dYᵀ·X      (out, B)·(B, in)
//   input     dX = dY·W       (B, out)·(out, in)
// by gemm_rowmajor as core/nn/dense.cpp calls it (forward: Wᵀ copied first, included in the time),
// and by Eigen 3.4 on transposed views for comparison.
#include "bench.hpp"
#include "math/gemm.hpp"
#include "math/types.hpp"

namespace {

void bench_layer(optlab::Index batch, optlab::Index in, optlab::Index out) {
  using namespace optlab;
  Mat x = Mat::Random(batch, in), w = Mat::Random(out, in), y(batch, out), dy = Mat::Random(batch, out);
  Mat dw(out, in), dx(batch, in);
  const double flops = 2.0 * static_cast<double>(batch * in * out);
  auto rep = [&](const char* product, const char* kernel, double s) {
    bench::report({{"bench", "matmul"}, {"product", product}, {"kernel", kernel}, {"batch", batch}, {"in", in}, {"out", out},
                   {"gflop_per_s", flops / s / 1e9}});
  };
  Mat wt(in, out);
  rep("forward X·Wᵀ", "optlab", bench::median_seconds_per_call([&] {
        transpose(w.data(), out, in, wt.data());
        gemm_rowmajor(batch, out, in, x.data(), in, 1, wt.data(), out, y.data(), out);
      }));
  rep("forward X·Wᵀ", "eigen", bench::median_seconds_per_call([&] { y.noalias() = x * w.transpose(); }));
  rep("weights dYᵀ·X", "optlab", bench::median_seconds_per_call([&] {
        gemm_rowmajor(out, in, batch, dy.data(), 1, out, x.data(), in, dw.data(), in);
      }));
  rep("weights dYᵀ·X", "eigen", bench::median_seconds_per_call([&] { dw.noalias() = dy.transpose() * x; }));
  rep("input dY·W", "optlab", bench::median_seconds_per_call([&] {
        gemm_rowmajor(batch, in, out, dy.data(), out, 1, w.data(), in, dx.data(), in);
      }));
  rep("input dY·W", "eigen", bench::median_seconds_per_call([&] { dx.noalias() = dy * w; }));
}

}  // namespace

OPTLAB_BENCH(matmul) {
  bench_layer(64, 784, 128);
  bench_layer(64, 128, 64);
  bench_layer(10, 16, 16);
}
