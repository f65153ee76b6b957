// Update throughput of every first-order method at 10⁶ parameters, SIMD and scalar (issue 3).
//
// "params_per_s" counts parameters updated per second by Optimizer::step() on a float vector of
// 10⁶ parameters, excluding the gradient itself: the objective fills the gradient once and then
// leaves it alone, so a step is the raw-norm reduction of FirstOrderOptimizer, the method's update
// kernel and, for Nesterov and Algorithm 8.6, the look-ahead θ + αv. "simd": false switches the
// kernels to their scalar backend at run time (simd::set_enabled(false)). Natively GCC may
// auto-vectorize that scalar loop on its own (its `#pragma clang loop vectorize(disable)` only
// binds clang, i.e. the wasm build), so the native SIMD/scalar ratio understates what the explicit
// SIMD adds; the wasm ratio is the honest one.
#include <string>

#include "bench.hpp"
#include "math/simd.hpp"
#include "run/optimizer_factory.hpp"

namespace {

// ∇f filled once with a spread of magnitudes and both signs, then left as it is.
struct FixedGradient final : optlab::Objective<float> {
  optlab::Index n;
  bool filled = false;
  explicit FixedGradient(optlab::Index n_) : n(n_) {}
  optlab::Index dim() const override { return n; }
  float value_and_gradient(optlab::ConstVecRef, optlab::VecRef grad) override {
    if (!filled) {
      for (optlab::Index i = 0; i < n; ++i) grad(i) = 1e-3f * static_cast<float>((i % 7) - 3) + 1e-4f;
      filled = true;
    }
    return 0.f;
  }
  float value(optlab::ConstVecRef) override { return 0.f; }
};

}  // namespace

OPTLAB_BENCH(optimizer_update) {
  const optlab::Index n = 1000000;
  for (const char* name : {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "rmsprop_nesterov", "adam", "adamw",
                           "amsgrad", "nadam", "adadelta"}) {
    optlab::Json spec = {{"name", name}}, scratch;
    optlab::ObjectReader r(spec, "optimizer", &scratch);
    optlab::OptimizerSetup<float> s = optlab::read_optimizer<float>(r);
    FixedGradient f(n);
    optlab::Vec x = optlab::Vec::Constant(n, 0.5f);
    s.optimizer->reset(n);
    const double lr = s.schedule.at(0);
    for (bool simd : {true, false}) {
      optlab::simd::set_enabled(simd);
      const double sec = optlab::bench::median_seconds_per_call([&] { s.optimizer->step(f, x, lr); });
      optlab::bench::report({{"bench", "optimizer_update"}, {"method", name}, {"simd", simd},
                             {"backend", simd ? optlab::simd::backend_name() : "scalar"}, {"params", n},
                             {"params_per_s", static_cast<double>(n) / sec}});
    }
    optlab::simd::set_enabled(true);
  }
}
