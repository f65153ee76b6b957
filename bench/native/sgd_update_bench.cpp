// Update throughput of plain SGD at 10⁶ parameters, SIMD and scalar.
#include "bench.hpp"
#include "math/simd.hpp"
#include "optim/sgd.hpp"

namespace {
struct ConstantGradient final : optlab::Objective<float> {
  optlab::Vec g;
  explicit ConstantGradient(optlab::Index n) : g(optlab::Vec::Constant(n, 1e-3f)) {}
  optlab::Index dim() const override { return g.size(); }
  float value_and_gradient(optlab::ConstVecRef, optlab::VecRef grad) override {
    grad = g;
    return 0.f;
  }
  float value(optlab::ConstVecRef) override { return 0.f; }
};
}  // namespace

OPTLAB_BENCH(sgd_update) {
  const optlab::Index n = 1000000;
  ConstantGradient f(n);
  optlab::Vec x = optlab::Vec::Zero(n);
  optlab::Sgd<float> opt;
  opt.reset(n);
  for (bool simd : {true, false}) {
    optlab::simd::set_enabled(simd);
    double s = optlab::bench::median_seconds_per_call([&] { opt.step(f, x, 1e-3); });
    optlab::bench::report({{"bench", "optimizer_update"}, {"method", "sgd"}, {"simd", simd}, {"params", n},
                           {"params_per_s", static_cast<double>(n) / s}});
  }
  optlab::simd::set_enabled(true);
}
