// The optimizer options seen through a whole run: every method trains a network, Polyak averaging
// reports the averaged parameters beside the raw ones, shuffling matters on class-sorted data, a
// single pass uses each example once, and the optimizer's state is readable for plots.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "optim/parameter_average.hpp"
#include "run/experiment.hpp"
#include "test_support.hpp"

using namespace optlab;
using namespace optlab::testing;


TEST_CASE("every first-order method trains the default network (training loss at least halves in 1500 steps)") {
  const std::pair<const char*, const char*> methods[] = {
      {"sgd", R"("lr": 0.2)"},          {"momentum", R"("lr": 0.05)"},     {"nesterov", R"("lr": 0.05)"},
      {"adagrad", R"("lr": 0.1)"},      {"rmsprop", R"("lr": 0.005)"},     {"rmsprop_nesterov", R"("lr": 0.002)"},
      {"adam", R"("lr": 0.01)"},        {"adamw", R"("lr": 0.01)"},        {"amsgrad", R"("lr": 0.01)"},
      {"nadam", R"("lr": 0.01)"},       {"adadelta", R"("lr": 1.0)"},
  };
  for (const auto& [name, opts] : methods) {
    CAPTURE(name);
    auto run = make_run(std::string(R"({"steps": 1500, "log_every": 1500, "optimizer": {"name": ")") + name + "\", " +
                        opts + "}}");
    run->advance(1500);
    REQUIRE(run->diverged().empty());
    CHECK(record_at(*run, "loss", 1) < 0.5 * record_at(*run, "loss", 0));
  }
}

TEST_CASE("Polyak and EMA averages are the mean and the exponentially decaying average of the visited points") {
  for (const std::string mode : {"polyak", "ema"}) {
    CAPTURE(mode);
    ParameterAverage<double> avg(AverageOptions{mode, 0.9});
    VecD theta0 = VecD::Constant(3, 5.0);
    avg.reset(theta0);
    CHECK(avg.average() == theta0);  // before any step: θ⁰
    VecD sum = VecD::Zero(3), ema(3);
    for (int t = 1; t <= 50; ++t) {
      VecD p(3);
      p << std::sin(t), std::cos(3.0 * t), t % 2 ? 1.0 : -1.0;
      avg.update(p);
      sum += p;
      ema = t == 1 ? p : VecD(0.9 * ema + 0.1 * p);
      const VecD expected = mode == "polyak" ? VecD(sum / t) : ema;
      CHECK(max_relative_error(avg.average(), expected, 1.0) < 1e-14);
    }
    // float with the SIMD kernel agrees
    ParameterAverage<float> f(AverageOptions{mode, 0.9});
    Vec x0 = Vec::Constant(11, 5.f);
    f.reset(x0);
    ParameterAverage<double> d(AverageOptions{mode, 0.9});
    d.reset(x0.cast<double>());
    for (int t = 1; t <= 30; ++t) {
      Vec p = Vec::LinSpaced(11, -1.f, 1.f) * static_cast<float>(std::sin(t));
      f.update(p);
      d.update(p.cast<double>());
    }
    CHECK(max_relative_error(f.average(), d.average(), 1e-3) < 1e-5);
  }
}

TEST_CASE("with averaging on, the averaged parameters' loss and accuracy sit beside the raw ones and smooth a noisy SGD") {
  for (const std::string mode : {"polyak", "ema"}) {
    CAPTURE(mode);
    auto spec = [&](int seed) {
      return parse_spec(std::string(R"({"seed": )") + std::to_string(seed) + R"(, "steps": 3000, "log_every": 100,
                                      "batch_size": 4, "optimizer": {"name": "sgd", "lr": 0.5, "average": ")" +
                        mode + "\"}}");
    };
    NetworkRun run(spec(1));
    const auto& cols = run.columns();
    for (const char* c : {"avg_loss", "avg_test_loss", "avg_train_acc", "avg_test_acc"})
      CHECK(std::find(cols.begin(), cols.end(), c) != cols.end());
    CHECK(record_at(run, "avg_loss", 0) == record_at(run, "loss", 0));
    run.advance(3000);
    // Over the last ten logged rows the averaged point's loss is lower on average than the raw
    // iterate's, which keeps leaping across the valley at this large learning rate. Pooled over four
    // seeds: the raw iterate is chaotic here, and for about one seed in six its last ten rows happen
    // to sit low (ratio > 0.8) under any product kernel's rounding, so a single seed would test
    // rounding luck rather than averaging.
    double raw = 0, averaged = 0;
    auto add_tail = [&](const NetworkRun& r) {
      for (Index row = r.record_count() - 10; row < r.record_count(); ++row) {
        raw += record_at(r, "loss", row);
        averaged += record_at(r, "avg_loss", row);
      }
    };
    add_tail(run);
    for (int seed : {2, 3, 4}) {
      NetworkRun other(spec(seed));
      other.advance(3000);
      add_tail(other);
    }
    CHECK(averaged < 0.8 * raw);
    const Json summary = Json::parse(run.summary_line());
    CHECK(summary["average"] == mode);
    CHECK(summary["final_avg_train_loss"].get<double>() == record_at(run, "avg_loss", run.record_count() - 1));
  }
  NetworkRun plain(parse_spec(R"({"steps": 10})"));
  CHECK(std::find(plain.columns().begin(), plain.columns().end(), "avg_loss") == plain.columns().end());
}

TEST_CASE("a dataset sorted by class trains far worse without shuffling") {
  // The training set keeps the generator's class-by-class order; without shuffling every minibatch
  // holds one class, and the network chases whichever class it saw last.
  std::vector<double> shuffled, sorted;
  for (int seed : {1, 2, 3}) {
    for (bool shuffle : {true, false}) {
      NetworkRun run(parse_spec(R"({"seed": )" + std::to_string(seed) + R"(, "steps": 1500, "log_every": 1500,
                                   "shuffle": )" + (shuffle ? "true" : "false") + "}"));
      run.advance(1500);
      (shuffle ? shuffled : sorted).push_back(record_at(run, "loss", 1));
    }
  }
  CHECK(*std::max_element(shuffled.begin(), shuffled.end()) < 0.5 * *std::min_element(sorted.begin(), sorted.end()));
}

TEST_CASE("single_pass uses each training example once and then ends the run") {
  // 80 training examples in batches of 30: 30, 30, 20 — three steps, one epoch.
  NetworkRun run(parse_spec(R"({"dataset": {"samples": 100, "test_fraction": 0.2}, "batch_size": 30,
                                 "single_pass": true, "steps": 1000, "log_every": 1})"));
  CHECK(run.total_steps() == 3);
  CHECK(run.advance(1000) == 3);
  CHECK(run.done());
  CHECK(record_at(run, "epoch", 3) == doctest::Approx(1.0));
  const Json summary = Json::parse(run.summary_line());
  CHECK(summary["data_exhausted"] == true);
  CHECK(summary["steps"] == 3);
  // fewer steps than a pass: ends at `steps`, data not exhausted
  NetworkRun short_run(parse_spec(R"({"dataset": {"samples": 100, "test_fraction": 0.2}, "batch_size": 10,
                                       "single_pass": true, "steps": 5})"));
  short_run.advance(100);
  CHECK(short_run.step_count() == 5);
  CHECK(Json::parse(short_run.summary_line())["data_exhausted"] == false);
}

TEST_CASE("the run exposes the optimizer's state vectors and the average, laid out like θ") {
  NetworkRun run(parse_spec(R"({"steps": 5, "optimizer": {"name": "adam", "lr": 0.01, "average": "ema"}})"));
  run.advance(5);
  const std::vector<StateView> s = run.optimizer_state();
  REQUIRE(s.size() == 3);
  CHECK(s[0].name == "first_moment");
  CHECK(s[1].name == "second_moment");
  CHECK(s[2].name == "average");
  for (const StateView& v : s) {
    CHECK(v.f32 != nullptr);
    CHECK(v.size == run.param_count());
  }
  CHECK(s[1].f32 == run.optimizer().state()[1].second->data());  // a view, not a copy
  CHECK(std::any_of(s[1].f32, s[1].f32 + s[1].size, [](float r) { return r > 0; }));
}

TEST_CASE("every first-order method walks a test surface too, with its state readable in double") {
  struct Case {
    const char* name;
    const char* options;
    std::size_t state_vectors;
  };
  const Case methods[] = {
      {"sgd", R"("lr": 5e-4)", 0},      {"momentum", R"("lr": 2e-4)", 1}, {"nesterov", R"("lr": 2e-4)", 1},
      {"adagrad", R"("lr": 0.1)", 1},   {"rmsprop", R"("lr": 0.01)", 1},  {"rmsprop_nesterov", R"("lr": 1e-3)", 2},
      {"adam", R"("lr": 0.01)", 2},     {"adamw", R"("lr": 0.01)", 2},    {"amsgrad", R"("lr": 0.01)", 3},
      {"nadam", R"("lr": 0.01)", 2},    {"adadelta", R"("lr": 1.0)", 2},
  };
  for (const Case& c : methods) {
    CAPTURE(c.name);
    auto run = make_run(std::string(R"({"problem": {"name": "rosenbrock"}, "steps": 300, "log_every": 300,
                                        "optimizer": {"name": ")") + c.name + "\", " + c.options + "}}");
    run->advance(300);
    REQUIRE(run->diverged().empty());
    CHECK(record_at(*run, "loss", 1) < 0.5 * record_at(*run, "loss", 0));  // from f(−1.2, 1) = 24.2
    const std::vector<StateView> state = run->optimizer_state();
    CHECK(state.size() == c.state_vectors);
    for (const StateView& v : state) {
      CHECK(v.f64 != nullptr);
      CHECK(v.size == 2);
    }
  }
}

TEST_CASE("a training step with every method, averaging, clipping and a schedule allocates nothing") {
  for (const char* name : {"momentum", "nesterov", "adagrad", "rmsprop", "rmsprop_nesterov", "adam", "adamw", "amsgrad",
                           "nadam", "adadelta"}) {
    CAPTURE(name);
    NetworkRun run(parse_spec(std::string(R"({"steps": 1000, "log_every": 1000, "optimizer": {"name": ")") + name +
                              R"(", "lr": 0.001, "clip_norm": 1, "schedule": "cosine", "tau": 500, "warmup_steps": 10,
                                  "average": "polyak"}})"));
    run.advance(5);
    CHECK(testing::heap_allocations([&] {
      run.advance(50);
    }) == 0);
  }
}
