// Analytic facts about the first-order methods (the book's and the papers' claims, checked exactly
// or to rounding), their options and validation, and that a step never allocates.
#include <Eigen/Core>
#include <cmath>
#include <string>

#include "math/rng.hpp"
#include "math/simd.hpp"
#include "optim/adam.hpp"
#include "optim/adamw.hpp"
#include "optim/amsgrad.hpp"
#include "optim/momentum.hpp"
#include "optim/nesterov.hpp"
#include "optim/rmsprop.hpp"
#include "optim/sgd.hpp"
#include "optim_test_problems.hpp"
#include "run/optimizer_factory.hpp"
#include "run/spec.hpp"
#include "test_support.hpp"

using namespace optlab;
using namespace optlab::testing;

namespace {

template <typename T>
OptimizerSetup<T> build(const std::string& json) {
  Json spec = Json::parse(json), scratch;
  ObjectReader r(spec, "optimizer", &scratch);
  return read_optimizer<T>(r);
}

template <typename T>
VecT<T> mixed_gradient(Index n) {
  // Signs alternate, magnitudes spread over four decades, and one exact zero.
  VecT<T> g(n);
  for (Index i = 0; i < n; ++i) g(i) = static_cast<T>((i % 2 ? -1.0 : 1.0) * std::pow(10.0, -2.0 + 4.0 * i / n));
  g(n / 2) = 0;
  return g;
}

template <typename T>
void check_adam_first_step(const char* name) {
  CAPTURE(name);
  const Index n = 37;  // not a multiple of the SIMD width: the scalar tail is exercised too
  Linear<T> f(mixed_gradient<T>(n));
  VecT<T> x = VecT<T>::Zero(n);
  OptimizerSetup<T> s = build<T>(std::string(R"({"name": ")") + name + R"(", "lr": 0.01, "eps": 1e-8})");
  s.optimizer->reset(n);
  s.optimizer->step(f, x, 0.01);
  for (Index i = 0; i < n; ++i) {
    const double g = static_cast<double>(f.c(i));
    const double expected = g == 0 ? 0.0 : -0.01 * (g > 0 ? 1 : -1);
    // exactly −ε g/(|g| + δ): within ε·δ/|g| ≤ 1e-8·ε of −ε·sign(g), plus float rounding
    CHECK(std::fabs(static_cast<double>(x(i)) - expected) <= 0.01 * (1e-6 + (g == 0 ? 0 : 1e-8 / std::fabs(g))));
  }
}

}  // namespace

TEST_CASE("Adam's first step moves every coordinate by lr·sign(g) (also AMSGrad, AdamW without decay)") {
  for (const char* name : {"adam", "amsgrad"}) {
    check_adam_first_step<double>(name);
    check_adam_first_step<float>(name);
    simd::set_enabled(false);
    check_adam_first_step<float>(name);
    simd::set_enabled(true);
  }
}

TEST_CASE("momentum under a constant gradient reaches the terminal step ε‖g‖/(1 − α)") {
  for (double alpha : {0.5, 0.9, 0.99}) {
    CAPTURE(alpha);
    Linear<double> f(mixed_gradient<double>(9));
    const double lr = 0.01;
    VecD x = VecD::Zero(9), prev = x;
    Momentum<double> opt(MomentumOptions{alpha});
    opt.reset(9);
    const int steps = static_cast<int>(std::ceil(std::log(1e-13) / std::log(alpha)));  // α^k < 1e-13
    for (int k = 0; k < steps; ++k) {
      prev = x;
      opt.step(f, x, lr);
    }
    CHECK((x - prev).norm() == doctest::Approx(lr * f.c.norm() / (1 - alpha)).epsilon(1e-9));
    // and the step only grows towards it: after one step it is ε‖g‖
  }
  Linear<float> f(mixed_gradient<float>(9));
  Vec x = Vec::Zero(9);
  Momentum<float> opt(MomentumOptions{0.9});
  opt.reset(9);
  opt.step(f, x, 0.01);
  CHECK(x.norm() == doctest::Approx(0.01 * f.c.norm()).epsilon(1e-6));
}

TEST_CASE("Nesterov takes its gradient at the look-ahead point θ + αv (Algorithm 8.3)") {
  // On f = ½‖θ‖² the gradient at θ̃ is θ̃ itself, so one can follow the book by hand.
  struct HalfSquare final : Objective<double> {
    Index dim() const override { return 3; }
    double value(ConstVecRefT<double> p) override { return 0.5 * p.squaredNorm(); }
    double value_and_gradient(ConstVecRefT<double> p, VecRefT<double> g) override {
      g = p;
      return 0.5 * p.squaredNorm();
    }
  } f;
  const double alpha = 0.8, lr = 0.1;
  Nesterov<double> opt(NesterovOptions{alpha});
  opt.reset(3);
  VecD x(3), theta(3), v = VecD::Zero(3);
  x << 1, -2, 3;
  theta = x;
  for (int k = 0; k < 20; ++k) {
    const VecD g = theta + alpha * v;  // ∇f(θ̃)
    v = alpha * v - lr * g;
    theta += v;
    const StepResult r = opt.step(f, x, lr);
    CHECK(r.evaluations == 1);
  }
  CHECK(max_relative_error(x, theta, 1e-12) < 1e-14);
  CHECK(max_relative_error(opt.velocity(), v, 1e-12) < 1e-14);
}

TEST_CASE("AdamW shrinks θ by exactly (1 − ελ) per step when the gradient is zero; Adam's L2 does not") {
  Linear<double> zero(VecD::Zero(4));
  VecD x = VecD::Constant(4, 2.0);
  AdamW<double> opt(AdamOptions{}, 0.1);
  opt.reset(4);
  for (int k = 0; k < 10; ++k) opt.step(zero, x, 0.01);
  CHECK(x(0) == doctest::Approx(2.0 * std::pow(1 - 0.01 * 0.1, 10)).epsilon(1e-14));
  // Adam with weight_decay: the penalty gradient λθ is normalized like any gradient, so the first
  // step is ε·sign(θ) whatever λ is.
  VecD y = VecD::Constant(4, 2.0);
  GradientOptions l2;
  l2.weight_decay = 0.1;
  Adam<double> adam(AdamOptions{}, l2);
  adam.reset(4);
  adam.step(zero, y, 0.01);
  CHECK(y(0) == doctest::Approx(2.0 - 0.01).epsilon(1e-9));
}

TEST_CASE("AMSGrad's second-moment maximum never decreases") {
  Rng rng(5, RngStream::Init);
  struct Noisy final : Objective<double> {
    Rng* rng;
    Index dim() const override { return 8; }
    double value(ConstVecRefT<double>) override { return 0; }
    double value_and_gradient(ConstVecRefT<double>, VecRefT<double> g) override {
      for (Index i = 0; i < g.size(); ++i) g(i) = rng->normal() * (1 + i);
      return 0;
    }
  } f;
  f.rng = &rng;
  Amsgrad<double> opt;
  opt.reset(8);
  VecD x = VecD::Zero(8), prev_max = VecD::Zero(8);
  for (int k = 0; k < 200; ++k) {
    opt.step(f, x, 0.01);
    const VecD& rmax = *opt.state().at(2).second;
    const VecD& r = *opt.state().at(1).second;
    CHECK((rmax.array() >= prev_max.array()).all());
    CHECK((rmax.array() >= r.array()).all());
    prev_max = rmax;
  }
}

TEST_CASE("RMSProp's δ inside the root caps the first step at ε|g|/√δ; outside it the step is ≈ ε/√(1−ρ)") {
  Linear<double> f(VecD::Constant(1, 1e-4));
  for (bool inside : {true, false}) {
    CAPTURE(inside);
    RmspropOptions o;
    o.eps_inside_sqrt = inside;
    Rmsprop<double> opt(o);
    opt.reset(1);
    VecD x = VecD::Zero(1);
    opt.step(f, x, 0.01);
    const double r = 0.1 * 1e-8;
    const double expected = inside ? -0.01 * 1e-4 / std::sqrt(1e-6 + r) : -0.01 * 1e-4 / (std::sqrt(r) + 1e-6);
    CHECK(x(0) == doctest::Approx(expected).epsilon(1e-12));
  }
}

TEST_CASE("clipping by norm never lets the gradient's norm exceed the bound; clipping by value bounds each entry") {
  // With SGD at ε = 1 the displacement is the processed gradient itself.
  Rng rng(11, RngStream::Init);
  for (int trial = 0; trial < 50; ++trial) {
    const Index n = 1 + trial * 7;
    const double scale = std::pow(10.0, -3 + trial % 7);
    VecD c(n);
    for (Index i = 0; i < n; ++i) c(i) = rng.normal() * scale;
    const double bound = 0.5;
    {
      GradientOptions g;
      g.clip_norm = bound;
      Linear<double> f(c);
      Sgd<double> opt(g);
      opt.reset(n);
      VecD x = VecD::Zero(n);
      opt.step(f, x, 1.0);
      CHECK(x.norm() <= bound);
      if (c.norm() <= bound) CHECK(x == -c);  // below the bound the gradient is untouched
      else CHECK(x.norm() == doctest::Approx(bound).epsilon(1e-5));
    }
    {
      GradientOptions g;
      g.clip_norm = bound;
      Linear<float> f(c.cast<float>());
      Sgd<float> opt(g);
      opt.reset(n);
      Vec x = Vec::Zero(n);
      opt.step(f, x, 1.0);
      CHECK(x.cast<double>().norm() <= bound);  // the float vector's true norm
    }
    {
      GradientOptions g;
      g.clip_value = 0.01;
      Linear<double> f(c);
      Sgd<double> opt(g);
      opt.reset(n);
      VecD x = VecD::Zero(n);
      opt.step(f, x, 1.0);
      CHECK(x.cwiseAbs().maxCoeff() <= 0.01);
    }
  }
}

TEST_CASE("the linear schedule reaches ε_τ at k = τ and stays there") {
  LearningRateSchedule s;
  s.name = "linear";
  s.lr = 0.1;
  s.lr_final = 0.001;
  s.tau = 100;
  CHECK(s.at(0) == 0.1);
  CHECK(s.at(50) == doctest::Approx(0.0505));
  CHECK(s.at(100) == 0.001);
  for (long k : {101L, 1000L, 1000000L}) CHECK(s.at(k) == 0.001);
  for (long k = 1; k <= 100; ++k) CHECK(s.at(k) < s.at(k - 1));
}

TEST_CASE("step, exponential and cosine schedules and linear warm-up match torch.optim.lr_scheduler") {
  const Json golden = Json::parse(read_source_file("tests/golden/optim.json"));
  for (const Json& c : golden["schedules"]) {
    CAPTURE(c["reference"].get<std::string>());
    Json spec = c["spec"];
    spec["name"] = "sgd";
    OptimizerSetup<float> s = build<float>(spec.dump());
    for (std::size_t k = 0; k < c["lr"].size(); ++k)
      CHECK(s.schedule.at(static_cast<long>(k)) == doctest::Approx(c["lr"][k].get<double>()).epsilon(1e-12));
  }
}

TEST_CASE("warm-up ramps linearly to ε₀, then the decay runs on the shifted clock and holds at ε_τ") {
  OptimizerSetup<float> s =
      build<float>(R"({"name": "adam", "lr": 0.01, "schedule": "cosine", "tau": 100, "lr_final": 0.0001,
                       "warmup_steps": 20, "warmup_start_factor": 0})");
  OptimizerSetup<float> plain = build<float>(R"({"name": "adam", "lr": 0.01, "schedule": "cosine", "tau": 100,
                                                 "lr_final": 0.0001})");
  CHECK(s.schedule.at(0) == 0.0);
  CHECK(s.schedule.at(10) == doctest::Approx(0.005));
  for (long k = 0; k <= 150; ++k) CHECK(s.schedule.at(20 + k) == plain.schedule.at(k));
  CHECK(s.schedule.at(120) == doctest::Approx(0.0001));
  CHECK(s.schedule.at(5000) == doctest::Approx(0.0001));
}

TEST_CASE("no method allocates in a step, in float (SIMD and scalar) or double, with every gradient option") {
  Mat x(24, 2);
  std::vector<int> y(24);
  Rng rng(3, RngStream::Init);
  for (Index i = 0; i < 24; ++i) {
    x(i, 0) = static_cast<float>(rng.normal());
    x(i, 1) = static_cast<float>(rng.normal());
    y[static_cast<std::size_t>(i)] = static_cast<int>(i % 3);
  }
  FixedBatchMlp net({2, 6, 3}, x, y);
  for (const std::string name : {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "rmsprop_nesterov", "adam",
                                 "adamw", "amsgrad", "nadam", "adadelta"}) {
    {
      CAPTURE(name);
      const std::string spec = R"({"name": ")" + name + R"(", "lr": 0.01, "clip_norm": 1.0, "clip_value": 0.5)" +
                               (name == "adamw" ? "" : R"(, "weight_decay": 0.001)") + "}";
      OptimizerSetup<float> s = build<float>(spec);
      Vec theta = Vec::Random(net.model->param_count()) * 0.3f;
      s.optimizer->reset(theta.size());
      s.optimizer->step(*net.objective, theta, 0.01);  // warm-up (nothing lazily allocated either)
      for (bool on : {true, false}) {
        simd::set_enabled(on);
        CHECK(testing::heap_allocations([&] {
          for (int k = 0; k < 5; ++k) s.optimizer->step(*net.objective, theta, 0.01);
        }) == 0);
      }
      simd::set_enabled(true);
      OptimizerSetup<double> d = build<double>(spec);
      Linear<double> f(mixed_gradient<double>(13));
      VecD xd = VecD::Zero(13);
      d.optimizer->reset(13);
      CHECK(testing::heap_allocations([&] {
        for (int k = 0; k < 5; ++k) d.optimizer->step(f, xd, 0.01);
      }) == 0);
    }
  }
}

TEST_CASE("bad optimizer hyperparameters are rejected with the field named") {
  struct Bad {
    const char* optimizer;
    const char* field;
    const char* phrase;
  };
  const Bad bad[] = {
      {R"({"name": "adam", "lr": 0})", "optimizer.lr", "> 0"},
      {R"({"name": "momentum", "lr": -1})", "optimizer.lr", "> 0"},
      {R"({"name": "momentum", "momentum": 1})", "optimizer.momentum", "[0, 1)"},
      {R"({"name": "nesterov", "momentum": -0.1})", "optimizer.momentum", "[0, 1)"},
      {R"({"name": "rmsprop_nesterov", "momentum": 1.5})", "optimizer.momentum", "[0, 1)"},
      {R"({"name": "rmsprop", "rho": 1})", "optimizer.rho", "[0, 1)"},
      {R"({"name": "adadelta", "rho": -0.5})", "optimizer.rho", "[0, 1)"},
      {R"({"name": "adam", "betas": [0.9, 1.0]})", "optimizer.betas[1]", "[0, 1)"},
      {R"({"name": "adam", "betas": [-0.1, 0.999]})", "optimizer.betas[0]", "[0, 1)"},
      {R"({"name": "adam", "betas": [0.9]})", "optimizer.betas", "two numbers"},
      {R"({"name": "nadam", "betas": "0.9"})", "optimizer.betas", "two numbers"},
      {R"({"name": "adam", "beta1": 1})", "optimizer.beta1", "[0, 1)"},
      {R"({"name": "amsgrad", "beta2": 1.2})", "optimizer.beta2", "[0, 1)"},
      {R"({"name": "adam", "betas": [0.9, 0.99], "beta1": 0.8})", "optimizer.betas", "not both"},
      {R"({"name": "adam", "eps": 0})", "optimizer.eps", "> 0"},
      {R"({"name": "adagrad", "eps": -1e-8})", "optimizer.eps", "> 0"},
      {R"({"name": "rmsprop", "eps_inside_sqrt": "yes"})", "optimizer.eps_inside_sqrt", "true or false"},
      {R"({"name": "adamw", "weight_decay": -0.01})", "optimizer.weight_decay", "≥ 0"},
      {R"({"name": "sgd", "clip_norm": -1})", "optimizer.clip_norm", "≥ 0"},
      {R"({"name": "sgd", "schedule": "warm"})", "optimizer.schedule", "expected one of"},
      {R"({"name": "sgd", "schedule": "step", "gamma": 0})", "optimizer.gamma", "(0, 1]"},
      {R"({"name": "sgd", "schedule": "exponential", "gamma": 1.5})", "optimizer.gamma", "(0, 1]"},
      {R"({"name": "sgd", "schedule": "cosine", "tau": 0})", "optimizer.tau", "integer"},
      {R"({"name": "sgd", "warmup_steps": 5, "warmup_start_factor": 2})", "optimizer.warmup_start_factor", "[0, 1]"},
      {R"({"name": "adam", "momentum": 0.9})", "optimizer.momentum", "unknown key"},
      {R"({"name": "sgd", "tau": 10})", "optimizer.tau", "unknown key"},
  };
  for (const Bad& b : bad) {
    const std::string text = std::string(R"({"optimizer": )") + b.optimizer + "}";
    CAPTURE(text);
    std::string field, msg;
    try {
      parse_spec(text);
    } catch (const SpecError& e) {
      field = e.field();
      msg = e.what();
    }
    CHECK(field == b.field);
    CHECK(msg.find(b.phrase) != std::string::npos);
  }
}

TEST_CASE("Adam's decay rates read as betas [ρ₁, ρ₂] or as beta1/beta2, with PyTorch's defaults") {
  ExperimentSpec a = parse_spec(R"({"optimizer": {"name": "adam"}})");
  CHECK(a.normalized["optimizer"]["betas"] == Json::array({0.9, 0.999}));
  CHECK(a.normalized["optimizer"]["eps"] == 1e-8);
  CHECK(a.normalized["optimizer"]["lr"] == 0.001);
  ExperimentSpec b = parse_spec(R"({"optimizer": {"name": "adam", "beta1": 0.5, "beta2": 0.9}})");
  CHECK(b.normalized["optimizer"]["beta1"] == 0.5);
  CHECK(b.normalized["optimizer"]["beta2"] == 0.9);
  // The normalized spec is itself a valid spec meaning the same thing.
  CHECK(parse_spec(b.normalized.dump()).normalized["optimizer"] == b.normalized["optimizer"]);
  CHECK(parse_spec(a.normalized.dump()).normalized["optimizer"] == a.normalized["optimizer"]);
}

TEST_CASE("every method's defaults are the book's or PyTorch's") {
  auto opt = [](const char* name) { return parse_spec(std::string(R"({"optimizer": {"name": ")") + name + "\"}}").normalized["optimizer"]; };
  CHECK(opt("adagrad")["eps"] == 1e-7);
  CHECK(opt("rmsprop")["eps"] == 1e-6);
  CHECK(opt("rmsprop")["rho"] == 0.9);
  CHECK(opt("rmsprop")["eps_inside_sqrt"] == true);
  CHECK(opt("momentum")["momentum"] == 0.9);
  CHECK(opt("adamw")["weight_decay"] == 0.01);
  CHECK(opt("nadam")["momentum_decay"] == 0.004);
  CHECK(opt("adadelta")["lr"] == 1.0);
}
