// Divergence and overflow: a run whose numbers stop being finite, or whose objective runs off to
// −∞, stops with the step where it happened and its cause; norms overflow only when their value
// does; every run's row k reports ε_k, the learning rate of the step that leaves θ_k.
#include <cfloat>
#include <string>

#include "math/norm.hpp"
#include "run/run.hpp"
#include "test_support.hpp"

using namespace optlab;

namespace {

struct Outcome {
  std::string diverged;
  long steps;
  nlohmann::json last_row;
  std::unique_ptr<Run> run;
};

Outcome run_spec(const std::string& spec) {
  Outcome o;
  o.run = make_run(spec);
  while (!o.run->done()) o.run->advance(1000);
  o.diverged = o.run->diverged();
  o.steps = o.run->step_count();
  o.last_row = nlohmann::json::parse(o.run->json_line(o.run->record_count() - 1));
  return o;
}

}  // namespace

TEST_CASE("scaled_norm overflows and underflows only when the norm itself does") {
  const double big[] = {3e200, 4e200};
  CHECK(scaled_norm(big, 2) == doctest::Approx(5e200).epsilon(1e-15));
  const double tiny[] = {3e-200, 4e-200};
  CHECK(scaled_norm(tiny, 2) == doctest::Approx(5e-200).epsilon(1e-15));
  const double one[] = {1.4e154};
  CHECK(scaled_norm(one, 1) == 1.4e154);  // its square (1.96e308) overflows
  const float f[] = {3e30f, 4e30f};
  CHECK(scaled_norm(f, 2) == doctest::Approx(5e30).epsilon(1e-6));
  const double near_max[] = {DBL_MAX / 2, DBL_MAX / 2};
  CHECK(scaled_norm(near_max, 2) == doctest::Approx(DBL_MAX / std::sqrt(2.0)).epsilon(1e-15));
  const double over[] = {DBL_MAX, DBL_MAX};  // √2·DBL_MAX is beyond double: ∞ is right
  CHECK(std::isinf(scaled_norm(over, 2)));
  const double with_nan[] = {1e200, std::nan(""), 1.0};
  CHECK(std::isnan(scaled_norm(with_nan, 3)));
  const double with_inf[] = {1.0, HUGE_VAL};
  CHECK(std::isinf(scaled_norm(with_inf, 2)));
  const double zeros[] = {0.0, 0.0};
  CHECK(scaled_norm(zeros, 2) == 0.0);
  // Ordinary vectors give exactly the plain serial sum's √.
  const double plain[] = {0.1, -2.5, 3.25};
  CHECK(scaled_norm(plain, 3) == std::sqrt(0.1 * 0.1 + 2.5 * 2.5 + 3.25 * 3.25));
}

TEST_CASE("an objective running off to −∞ is a divergence, on every method that follows it") {
  for (const char* name : {"cg", "bfgs", "lbfgs", "coordinate_descent", "sgd"}) {
    CAPTURE(name);
    const std::string lr = std::string(name) == "sgd" ? R"(, "lr": 0.1)" : "";
    Outcome o = run_spec(std::string(R"({"problem": {"name": "saddle"}, "optimizer": {"name": ")") + name + "\"" + lr +
                         R"(}, "steps": 5000, "log_every": 1000})");
    CHECK(o.diverged.find("ran off to −∞") != std::string::npos);
    CHECK(o.diverged.find("learning rate") == std::string::npos);  // not the step size: f is unbounded
    CHECK(o.diverged.find("diverged at step " + std::to_string(o.steps) + ":") == 0);
    CHECK(o.last_row["step"] == o.steps);  // the row of the step named
    CHECK(o.steps < 5000);
    CHECK(o.last_row["grad_norm"].is_number());  // finite: its norm was scaled, not overflowed
  }
}

TEST_CASE("overflow is reported at the step where it happens, logged every step or not") {
  // Rosenbrock from (−1.2, 1), ε = 0.01: f(x₅) is finite, f(x₆) = +∞.
  for (const char* every : {"1", "5", "4"}) {
    CAPTURE(every);
    for (const char* steps : {"6", "20"}) {
      CAPTURE(steps);
      Outcome o = run_spec(std::string(R"({"problem": {"name": "rosenbrock", "x0": [-1.2, 1]}, )") +
                           R"("optimizer": {"name": "sgd", "lr": 0.01}, "steps": )" + steps + R"(, "log_every": )" + every + "}");
      CHECK(o.diverged.rfind("diverged at step 6: the loss overflowed to +∞", 0) == 0);
      CHECK(o.steps == 6);
      CHECK(o.last_row["step"] == 6);
      CHECK(o.last_row["loss"].is_null());
    }
  }
}

TEST_CASE("a finite gradient whose square overflows is clipped, not mistaken for divergence") {
  // f = ½·1.4e154·x², x0 = 1: ∇f = 1.4e154 is finite, ‖∇f‖² is not. Clipped to norm 1, sgd
  // ε = 0.1 moves x by 0.1·(1 − 1e-6/‖g‖·…) per step.
  Outcome o = run_spec(R"({"problem": {"name": "quadratic", "eigenvalues": [1.4e154], "x0": [1]},
                           "optimizer": {"name": "sgd", "lr": 0.1, "clip_norm": 1}, "steps": 3, "log_every": 1})");
  CHECK(o.diverged.empty());
  CHECK(o.steps == 3);
  CHECK(o.run->params_copy()[0] == doctest::Approx(0.7).epsilon(1e-12));
  const auto first = nlohmann::json::parse(o.run->json_line(0));
  CHECK(first["grad_norm"].get<double>() == 1.4e154);
  // The same on a float network: a gradient beyond 1.8e19 has a finite norm.
  const float g[] = {3e19f, 4e19f};
  CHECK(scaled_norm(g, 2) == doctest::Approx(5e19).epsilon(1e-6));
}

TEST_CASE("a network that cannot start names the initializer or the forward pass, not the learning rate") {
  Outcome o = run_spec(R"({"network": {"layers": [{"units": 4, "init": {"name": "constant", "value": 1e300}}]}, "steps": 5})");
  CHECK(o.steps == 0);
  CHECK(o.diverged.rfind("diverged at step 0: the initial parameters are not finite: network.layers[0].init", 0) == 0);
  CHECK(o.diverged.find("learning rate") == std::string::npos);
  Outcome p = run_spec(R"({"network": {"layers": [{"units": 4, "activation": "linear", "init": {"name": "constant", "value": 1e30}},
                                                   {"units": 4, "activation": "linear", "init": {"name": "constant", "value": 1e30}}],
                                        "loss": "mean_squared_error"}, "steps": 5})");
  CHECK(p.steps == 0);
  CHECK(p.diverged.find("the loss at the initial parameters is") != std::string::npos);
  CHECK(p.diverged.find("forward pass overflows") != std::string::npos);
  CHECK(p.diverged.find("learning rate") == std::string::npos);
  // A start point where the surface overflows.
  Outcome q = run_spec(R"({"problem": {"name": "quadratic", "eigenvalues": [1e300], "x0": [1e200]}, "steps": 5})");
  CHECK(q.steps == 0);
  CHECK(q.diverged.find("at the start point x0") != std::string::npos);
}

TEST_CASE("a network that overflows while training stops at that step, and its last row is that step") {
  Outcome o = run_spec(R"({"steps": 200, "log_every": 7, "optimizer": {"name": "sgd", "lr": 1e30},
                           "network": {"layers": [{"units": 8, "activation": "relu"}], "loss": "mean_squared_error"}})");
  REQUIRE(!o.diverged.empty());
  CHECK(o.diverged.find("diverged at step " + std::to_string(o.steps) + ":") == 0);
  CHECK(o.last_row["step"] == o.steps);
  CHECK(o.diverged.find("learning rate 1e+30") != std::string::npos);
  for (double v : o.run->params_copy()) CHECK(std::isfinite(v) == (o.diverged.find("parameters") == std::string::npos));
}

TEST_CASE("row k's lr is ε_k, the step leaving θ_k, on network and surface runs alike") {
  // Linear decay ε_k = (1 − k/τ)·ε₀ + (k/τ)·ε_τ for k ≤ τ (τ = 10, ε₀ = 0.1, ε_τ = 0.01).
  const std::string opt = R"("optimizer": {"name": "sgd", "lr": 0.1, "schedule": "linear", "lr_final": 0.01, "tau": 10},
                              "steps": 12, "log_every": 1)";
  for (const std::string& head : {std::string(R"({"problem": {"name": "booth"}, )"), std::string("{")}) {
    Outcome o = run_spec(head + opt + "}");
    REQUIRE(o.diverged.empty());
    for (Index row = 0; row < o.run->record_count(); ++row) {
      const auto j = nlohmann::json::parse(o.run->json_line(row));
      const double k = j["step"].get<double>();
      const double a = std::min(k / 10.0, 1.0);
      CAPTURE(k);
      CHECK(j["lr"].get<double>() == doctest::Approx((1 - a) * 0.1 + a * 0.01).epsilon(1e-12));
    }
  }
}
