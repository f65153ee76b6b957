// The catalog (core/run/catalog.hpp): its JSON has the contract's shape, the reader takes its
// defaults from it, and every surface's first-order learning rates do not diverge from x0.
#include <doctest/doctest.h>

#include <cmath>

#include "nn/batch_norm.hpp"
#include "nn/group_norm.hpp"
#include "optim/adadelta.hpp"
#include "optim/adagrad.hpp"
#include "optim/adamw.hpp"
#include "optim/amsgrad.hpp"
#include "optim/bfgs.hpp"
#include "optim/lbfgs.hpp"
#include "optim/learning_rate_schedule.hpp"
#include "optim/momentum.hpp"
#include "optim/nadam.hpp"
#include "optim/nesterov.hpp"
#include "optim/newton.hpp"
#include "optim/parameter_average.hpp"
#include "optim/rmsprop.hpp"
#include "optim/sgd.hpp"
#include "run/catalog.hpp"
#include "run/run.hpp"
#include "run/surface_spec.hpp"

using namespace optlab;

namespace {

struct Walk {
  bool finite = true;
  double f0 = 0, f_end = 0;
  std::string diverged;
};

// `steps` steps of `method` at rate lr from the surface's default start, every step logged.
Walk walk(const std::string& surface, const std::string& method, double lr, long steps) {
  const Json spec = {{"problem", {{"name", surface}}},
                     {"optimizer", {{"name", method}, {"lr", lr}}},
                     {"steps", steps},
                     {"log_every", 1}};
  auto run = make_run(spec.dump());
  while (!run->done()) run->advance(1000);
  Walk w;
  const auto& cols = run->columns();
  const std::size_t loss = static_cast<std::size_t>(std::find(cols.begin(), cols.end(), "loss") - cols.begin());
  const auto& rec = run->records();
  for (Index r = 0; r < run->record_count(); ++r) {
    const double f = rec[static_cast<std::size_t>(r) * cols.size() + loss];
    w.finite = w.finite && std::isfinite(f);
    if (r == 0) w.f0 = f;
    w.f_end = f;
  }
  w.diverged = run->diverged();
  return w;
}

}  // namespace

TEST_CASE("every first-order method stays finite and decreases f at the catalog's rate on every surface") {
  for (const SurfaceEntry& s : catalog().surfaces) {
    if (s.user_function) continue;  // "formula": its rates are the cautious minimum of the others
    for (const OptimizerEntry& o : catalog().optimizers) {
      if (o.kind != "first_order") continue;
      const double lr = s.lr.at(o.name);
      CAPTURE(s.name);
      CAPTURE(o.name);
      CAPTURE(lr);
      const Walk w = walk(s.name, o.name, lr, 300);
      CHECK(w.finite);
      CHECK(w.diverged.empty());
      CHECK(w.f_end < w.f0);
    }
  }
}

TEST_CASE("the network's rate for momentum diverges on Rosenbrock, the catalog's does not") {
  // The page once gave an added racer the network's ε = 0.05: momentum left the valley by step 6.
  CHECK_FALSE(walk("rosenbrock", "momentum", 0.05, 300).finite);
  CHECK(walk("rosenbrock", "momentum", catalog().surface("rosenbrock").lr.at("momentum"), 300).finite);
}

TEST_CASE("a surface run without lr takes the catalog's rate for that surface and method") {
  for (const char* method : {"momentum", "nesterov", "sgd", "adam"}) {
    auto run = make_run(std::string(R"({"problem": {"name": "rosenbrock"}, "optimizer": {"name": ")") + method + "\"}}");
    CHECK(run->normalized_spec()["optimizer"]["lr"].get<double>() == catalog().surface("rosenbrock").lr.at(method));
  }
  auto net = make_run(R"({"optimizer": {"name": "adam"}, "steps": 1})");
  CHECK(net->normalized_spec()["optimizer"]["lr"].get<double>() == catalog().optimizer("adam").network_lr);
}

TEST_CASE("the catalog JSON has every list of the contract and each surface's oracle") {
  const Json j = Json::parse(catalog_json());
  CHECK(j["version"] == 1);
  for (const char* key : {"datasets", "surfaces", "optimizers", "schedules", "averaging", "initializers", "norms",
                          "activations", "losses"}) {
    CAPTURE(key);
    REQUIRE(j[key].is_array());
    CHECK(!j[key].empty());
    for (const Json& e : j[key]) {
      CHECK(e["name"].is_string());
      CHECK(e["meaning"].is_string());
      CHECK(e["options"].is_array());
    }
  }
  for (const Json& s : j["surfaces"]) {
    CAPTURE(s["name"].get<std::string>());
    CHECK(s["x0"].size() == s["dim"].get<std::size_t>());
    if (s["dim"] == 2) CHECK(s["box"].size() == 4);
    for (const Json& o : j["optimizers"]) CHECK(s["lr"][o["name"].get<std::string>()].get<double>() > 0);
  }
  const Json& rosen = *std::find_if(j["surfaces"].begin(), j["surfaces"].end(), [](const Json& s) { return s["name"] == "rosenbrock"; });
  CHECK(rosen["x0"] == Json::array({-1.2, 1.0}));
  CHECK(rosen["minimizers"] == Json::array({Json::array({1.0, 1.0})}));
  CHECK(rosen["f_min"] == 0.0);
  for (const Json& o : j["optimizers"]) CHECK(o["lr"]["network"].get<double>() > 0);
}

TEST_CASE("an unknown key lists each allowed key once, including the aliases beta1 and beta2") {
  try {
    parse_spec(R"({"optimizer": {"name": "adam", "betas": [0.9, 0.99], "bogus": 1}})");
    FAIL("accepted an unknown key");
  } catch (const SpecError& e) {
    const std::string m = e.what();
    CHECK(e.field() == "optimizer.bogus");
    CHECK(m.find("beta1") != std::string::npos);
    CHECK(m.find("beta2") != std::string::npos);
  }
  try {
    parse_spec(R"({"batch_size": 8, "bogus": 1})");
    FAIL("accepted an unknown key");
  } catch (const SpecError& e) {
    const std::string m = e.what();
    const auto first = m.find("batch_size");
    REQUIRE(first != std::string::npos);
    CHECK(m.find("batch_size", first + 1) == std::string::npos);
  }
}

TEST_CASE("null for the spec or for an object field is rejected naming the field") {
  auto field_of = [](const char* text) {
    try {
      parse_spec(text);
    } catch (const SpecError& e) {
      return e.field();
    }
    return std::string("(accepted)");
  };
  CHECK(field_of("null") == "spec");
  CHECK(field_of(R"({"optimizer": null})") == "optimizer");
  CHECK(field_of(R"({"dataset": null})") == "dataset");
  CHECK(field_of(R"({"network": null})") == "network");
  CHECK(field_of(R"({"trace": null})") == "trace");
  CHECK(field_of(R"({"problem": null})") == "problem");
  CHECK(field_of(R"({"trace": {"curvature": null}})") == "trace.curvature");
  CHECK(field_of(R"({"network": {"layers": [null]}})") == "network.layers[0]");
  CHECK(field_of(R"({"optimizer": {"lr": null}})") == "optimizer.lr");
}

TEST_CASE("options structs refuse values outside their ranges in the constructor, naming the option") {
  auto key_of = [](auto make) {
    try {
      make();
    } catch (const OptionError& e) {
      return e.key();
    }
    return std::string("(accepted)");
  };
  CHECK(key_of([] { Momentum<float>(MomentumOptions{1.0}); }) == "momentum");
  CHECK(key_of([] { Nesterov<double>(NesterovOptions{-0.1}); }) == "momentum");
  CHECK(key_of([] { Sgd<float>(GradientOptions{-1.0, 0.0, 0.0}); }) == "weight_decay");
  CHECK(key_of([] { Sgd<float>(GradientOptions{0.0, 0.0, std::nan("")}); }) == "clip_norm");
  CHECK(key_of([] { Adagrad<float>(AdagradOptions{0.0}); }) == "eps");
  CHECK(key_of([] { Rmsprop<float>(RmspropOptions{1.0, 1e-6, true}); }) == "rho");
  CHECK(key_of([] { Adam<float>(AdamOptions{0.9, 1.0, 1e-8}); }) == "betas[1]");
  CHECK(key_of([] { Amsgrad<double>(AdamOptions{-0.5, 0.999, 1e-8}); }) == "betas[0]");
  CHECK(key_of([] { AdamW<float>(AdamOptions{}, -0.01); }) == "weight_decay");
  CHECK(key_of([] { Nadam<float>(NadamOptions{0.9, 0.999, 1e-8, -1.0}); }) == "momentum_decay");
  CHECK(key_of([] { Adadelta<float>(AdadeltaOptions{0.9, -1e-6}); }) == "eps");
  CHECK(key_of([] { Newton<double>(NewtonOptions{-1.0}); }) == "damping");
  CHECK(key_of([] { Lbfgs<double>(LbfgsOptions{0}); }) == "memory");
  CHECK(key_of([] { Bfgs<double>(BfgsOptions{true, LineSearchOptions{0.5, 0.4, 40, 1e10}}); }) == "c2");
  CHECK(key_of([] { ParameterAverage<float>(AverageOptions{"ema", 1.0}); }) == "ema_decay");
  CHECK(key_of([] { BatchNorm(4, BatchNormOptions{1e-5, 2.0}); }) == "momentum");
  CHECK(key_of([] { GroupNorm(4, GroupNormOptions{0, 1e-5}); }) == "groups");
  CHECK(key_of([] {
          LearningRateSchedule s;
          s.gamma = 0.0;
          s.validate();
        }) == "gamma");
  // The defaults themselves are accepted, and they are the catalog's.
  CHECK(key_of([] { Adam<float>(AdamOptions{}); }) == "(accepted)");
  CHECK(catalog().optimizer("adam").option("eps").def.get<double>() == AdamOptions{}.eps);
  CHECK(catalog().optimizer("momentum").option("momentum").range.hi == MomentumOptions::kMomentum.hi);
}

TEST_CASE("the reader names the field of a value an options struct refuses") {
  try {
    parse_spec(R"({"optimizer": {"name": "rmsprop", "rho": 1}})");
    FAIL("accepted rho = 1");
  } catch (const SpecError& e) {
    CHECK(e.field() == "optimizer.rho");
  }
}
