// Batch norm and group norm, forward + backward at batch 64 × 512 features, SIMD and scalar.
#include "bench.hpp"
#include "math/rng.hpp"
#include "math/simd.hpp"
#include "nn/batch_norm.hpp"
#include "nn/group_norm.hpp"

namespace {

void bench_norm(const char* name, optlab::Layer& layer) {
  using namespace optlab;
  const Index B = 64, C = 512;
  Rng rng(1);
  Mat x(B, C), g(B, C), dx(B, C);
  for (Index i = 0; i < x.size(); ++i) x.data()[i] = static_cast<float>(rng.normal(0.5, 2.0));
  for (Index i = 0; i < g.size(); ++i) g.data()[i] = static_cast<float>(rng.normal());
  Vec params(layer.param_count()), grads(layer.param_count());
  layer.init_params(params.data(), rng);
  layer.reserve(B);
  for (bool simd : {true, false}) {
    simd::set_enabled(simd);
    const double s = bench::median_seconds_per_call([&] {
      layer.forward(params.data(), x, true);
      layer.backward(params.data(), grads.data(), x, g, dx.data());
    });
    bench::report({{"bench", "norm_forward_backward"}, {"layer", name}, {"simd", simd}, {"batch", B}, {"features", C},
                   {"us_per_step", s * 1e6}, {"values_per_s", static_cast<double>(B * C) / s}});
  }
  simd::set_enabled(true);
}

}  // namespace

OPTLAB_BENCH(batch_norm) {
  optlab::BatchNorm bn(512);
  bench_norm("batch_norm", bn);
}

OPTLAB_BENCH(group_norm) {
  optlab::GroupNorm gn(512, {32, 1e-5, "group_norm"});
  bench_norm("group_norm(32)", gn);
  optlab::GroupNorm ln(512, {1, 1e-5, "layer_norm"});
  bench_norm("layer_norm", ln);
}
