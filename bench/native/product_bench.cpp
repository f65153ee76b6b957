// The matrix products of a dense layer's training step, alone: what bounds the MLP benchmark.
// For the 784→128 and 128→64 layers of the MLP at batch 64:
//   forward   Y = X·Wᵀ        (B, in)·(in, out)
//   weights   dW = dYᵀ·X      (out, B)·(B, in)
//   input     dX = dY·W       (B, out)·(out, in)
// written exactly as core/nn/dense.cpp writes them (products of transposed views, no copies).
#include "bench.hpp"
#include "math/types.hpp"

namespace {

void bench_layer(optlab::Index batch, optlab::Index in, optlab::Index out) {
  using namespace optlab;
  Mat x = Mat::Random(batch, in), w = Mat::Random(out, in), y(batch, out), dy = Mat::Random(batch, out);
  Mat dw(out, in), dx(batch, in);
  const double flops = 2.0 * static_cast<double>(batch * in * out);
  auto rep = [&](const char* product, double s) {
    bench::report({{"bench", "matmul"}, {"product", product}, {"batch", batch}, {"in", in}, {"out", out},
                   {"gflop_per_s", flops / s / 1e9}});
  };
  rep("forward X·Wᵀ", bench::median_seconds_per_call([&] { y.noalias() = x * w.transpose(); }));
  rep("weights dYᵀ·X", bench::median_seconds_per_call([&] { dw.noalias() = dy.transpose() * x; }));
  rep("input dY·W", bench::median_seconds_per_call([&] { dx.noalias() = dy * w; }));
}

}  // namespace

OPTLAB_BENCH(matmul) {
  bench_layer(64, 784, 128);
  bench_layer(64, 128, 64);
}
