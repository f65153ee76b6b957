// trace.step_length, trace.effective_lr (run/step_readouts.hpp) and the gradient-noise
// measurement (run/gradient_noise.hpp): checked against the update rules recomputed here from the
// traced θ (the gradient of a diagonal quadratic is λ ⊙ x), the terminal velocity ε‖g‖/(1 − α) of
// book eq. 8.17, and the σ/√m law of §8.1.3 with σ computed exactly.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "run/gradient_noise.hpp"
#include "run/run.hpp"
#include "run/spec_reader.hpp"
#include "test_support.hpp"

using namespace optlab;
using optlab::testing::record_at;

namespace {

std::unique_ptr<Run> finished(const std::string& spec) {
  auto run = make_run(spec);
  while (!run->done()) run->advance(1000);
  return run;
}

// A diagonal quadratic ½ Σ λᵢ xᵢ² (angle 0: no rotation), so ∇f = λ ⊙ x.
const char* kQuadratic = R"("problem": {"name": "quadratic", "eigenvalues": [4, 0.01], "angle": 0, "x0": [1.5, -2]})";

}  // namespace

TEST_CASE("step_length of plain SGD is ε‖∇f(θ_{k−1})‖ at every row") {
  auto run = finished(std::string("{") + kQuadratic +
                      R"(, "optimizer": {"name": "sgd", "lr": 0.1}, "steps": 30, "log_every": 1,
                          "trace": {"step_length": true}})");
  REQUIRE(run->record_count() == 31);
  CHECK(std::isnan(record_at(*run, "step_length", 0)));
  for (Index k = 1; k < run->record_count(); ++k)
    CHECK(record_at(*run, "step_length", k) ==
          doctest::Approx(0.1 * record_at(*run, "grad_norm", k - 1)).epsilon(1e-12));
}

TEST_CASE("momentum's step length approaches the terminal velocity ε‖g‖/(1 − α) under a nearly constant gradient") {
  // λ = 1e-8 far from the minimum: ∇f ≈ constant over the walk (eq. 8.17, §8.3.2).
  for (double alpha : {0.5, 0.9, 0.99}) {
    CAPTURE(alpha);
    auto run = finished(R"({"problem": {"name": "quadratic", "eigenvalues": [1e-8, 1e-8], "x0": [1000, 1000]},
                            "optimizer": {"name": "momentum", "lr": 1, "momentum": )" + std::to_string(alpha) +
                        R"(}, "steps": 1500, "log_every": 10, "trace": {"step_length": true}})");
    const Index last = run->record_count() - 1;
    const double terminal = record_at(*run, "lr", last) * record_at(*run, "grad_norm", last) / (1 - alpha);
    CHECK(record_at(*run, "step_length", last) == doctest::Approx(terminal).epsilon(0.01));
    // Early on the step is still far below it for large α: 1 − α^k of the terminal velocity.
    if (alpha == 0.99) CHECK(record_at(*run, "step_length", 1) < 0.2 * terminal);
  }
}

TEST_CASE("effective learning rates of AdaGrad, RMSProp and Adam match the rules recomputed from θ") {
  struct Case {
    const char* optimizer;
    int kind;  // 0 AdaGrad, 1 RMSProp (δ inside the root), 2 Adam
  };
  const double lr = 0.05, lambda[2] = {4, 0.01};
  for (Case c : {Case{R"({"name": "adagrad", "lr": 0.05, "eps": 1e-7})", 0},
                 Case{R"({"name": "rmsprop", "lr": 0.05, "rho": 0.9, "eps": 1e-6})", 1},
                 Case{R"({"name": "adam", "lr": 0.05, "betas": [0.9, 0.999], "eps": 1e-8})", 2}}) {
    CAPTURE(c.optimizer);
    auto run = finished(std::string("{") + kQuadratic + R"(, "optimizer": )" + c.optimizer +
                        R"(, "steps": 25, "log_every": 1, "trace": {"params": true, "effective_lr": true}})");
    const auto& p = run->params_trace();
    double r[2] = {0, 0};
    for (Index k = 1; k < run->record_count(); ++k) {
      double rate[2];
      for (int i = 0; i < 2; ++i) {
        const double g = lambda[i] * p[static_cast<std::size_t>((k - 1) * 2 + i)];  // ∇f at θ_{k−1}
        if (c.kind == 0) r[i] += g * g;
        else if (c.kind == 1) r[i] = 0.9 * r[i] + 0.1 * g * g;
        else r[i] = 0.999 * r[i] + 0.001 * g * g;
        rate[i] = c.kind == 0 ? lr / (1e-7 + std::sqrt(r[i]))
                : c.kind == 1 ? lr / std::sqrt(1e-6 + r[i])
                              : lr / (std::sqrt(r[i] / (1 - std::pow(0.999, static_cast<double>(k)))) + 1e-8);
      }
      CHECK(record_at(*run, "lr_eff_min", k) == doctest::Approx(std::min(rate[0], rate[1])).epsilon(1e-9));
      CHECK(record_at(*run, "lr_eff_max", k) == doctest::Approx(std::max(rate[0], rate[1])).epsilon(1e-9));
      double total = 0;
      for (int b = 0; b < 20; ++b) {
        char name[16];
        std::snprintf(name, sizeof name, "lr_eff_h%02d", b);
        const double f = record_at(*run, name, k);
        total += f;
        // Each rate falls in the half-decade bin of its log₁₀.
        const int expect0 = static_cast<int>(std::floor((std::log10(rate[0]) + 8) / 0.5));
        const int expect1 = static_cast<int>(std::floor((std::log10(rate[1]) + 8) / 0.5));
        CHECK(f == doctest::Approx(0.5 * (b == expect0) + 0.5 * (b == expect1)));
      }
      CHECK(total == doctest::Approx(1.0));
    }
  }
}

TEST_CASE("methods without per-parameter rates give NaN effective-rate columns; the columns are only there when asked") {
  auto sgd = finished(std::string("{") + kQuadratic +
                      R"(, "optimizer": {"name": "sgd", "lr": 0.1}, "steps": 3, "trace": {"effective_lr": true}})");
  CHECK(std::isnan(record_at(*sgd, "lr_eff_median", 1)));
  auto plain = finished(std::string("{") + kQuadratic + R"(, "optimizer": {"name": "sgd", "lr": 0.1}, "steps": 3})");
  for (const std::string& c : plain->columns()) CHECK(c.rfind("lr_eff", 0) != 0);
  for (const std::string& c : plain->columns()) CHECK(c != "step_length");
}

TEST_CASE("network runs trace step_length and AdaGrad's effective rates; the median rate falls as r accumulates") {
  auto run = finished(R"({"dataset": {"name": "spiral", "samples": 120}, "network": {"layers": [{"units": 8}]},
                          "optimizer": {"name": "adagrad", "lr": 0.05}, "steps": 40, "log_every": 10,
                          "trace": {"step_length": true, "effective_lr": true}})");
  REQUIRE(run->record_count() == 5);
  CHECK(record_at(*run, "step_length", 1) > 0);
  for (Index k = 2; k < 5; ++k)
    CHECK(record_at(*run, "lr_eff_median", k) < record_at(*run, "lr_eff_median", k - 1));
  CHECK(record_at(*run, "lr_eff_min", 4) <= record_at(*run, "lr_eff_q10", 4));
  CHECK(record_at(*run, "lr_eff_q90", 4) <= record_at(*run, "lr_eff_max", 4));
}

TEST_CASE("the minibatch gradient's standard error falls as σ/√m for m = 1…256 (§8.1.3)") {
  const std::string spec = R"({"seed": 5, "dataset": {"name": "spiral", "samples": 400}, "network": {"layers": [{"units": 16}]}})";
  const GradientNoise g = measure_gradient_noise(spec);
  REQUIRE(g.rows.size() == 9);
  CHECK(g.rows.front().batch_size == 1);
  CHECK(g.rows.back().batch_size == 256);
  CHECK(g.sigma > 0);
  for (const GradientNoiseRow& r : g.rows) {
    CAPTURE(r.batch_size);
    CHECK(r.sigma_over_sqrt_m == doctest::Approx(g.sigma / std::sqrt(r.batch_size)).epsilon(1e-12));
    // R = 256 i.i.d. minibatches: the mean of ‖ĝ − g‖² has a relative error of a few percent.
    CHECK(r.std_error == doctest::Approx(r.sigma_over_sqrt_m).epsilon(0.15));
  }
  CHECK(g.slope == doctest::Approx(-0.5).epsilon(0.06));
  // Deterministic from the seed; another seed draws other minibatches (and another network).
  CHECK(gradient_noise_lines(measure_gradient_noise(spec)) == gradient_noise_lines(g));
  CHECK(gradient_noise_lines(measure_gradient_noise(R"({"seed": 6})")) != gradient_noise_lines(g));
}

TEST_CASE("the gradient-noise measurement names the field it cannot work with") {
  auto message = [](const std::string& spec) {
    try {
      measure_gradient_noise(spec);
    } catch (const SpecError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message(R"({"problem": {"name": "saddle"}})").rfind("problem: ", 0) == 0);
  CHECK(message(R"({"network": {"layers": [{"units": 4, "norm": "batch_norm"}]}})").rfind("network.layers[0].norm: ", 0) == 0);
  CHECK(message(R"({"steps": -1})").rfind("steps", 0) == 0);
}
