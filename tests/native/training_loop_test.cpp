// The training loop: minibatches, epochs, determinism, divergence, and no allocation per step.
#include <Eigen/Core>
#include <cstring>

#include "run/experiment.hpp"
#include "test_support.hpp"

using namespace optlab;

namespace {
using testing::record_at;
}  // namespace

TEST_CASE("the last partial minibatch is used, and epochs are counted in passes over the data") {
  // 50 training examples in batches of 16: 16, 16, 16, 2 — four steps per epoch.
  NetworkRun run(parse_spec(R"({"dataset": {"samples": 100, "test_fraction": 0.5}, "batch_size": 16,
                                  "steps": 8, "log_every": 1})"));
  run.advance(3);
  CHECK(record_at(run, "epoch", 3) == doctest::Approx(48.0 / 50));
  run.advance(1);
  CHECK(record_at(run, "epoch", 4) == doctest::Approx(1.0));
  run.advance(4);
  CHECK(record_at(run, "epoch", 8) == doctest::Approx(2.0));
  CHECK(run.done());
}

TEST_CASE("one seed gives a bit-identical run; another seed a different one") {
  const std::string spec = R"({"seed": 3, "steps": 300, "log_every": 10})";
  NetworkRun a(parse_spec(spec)), b(parse_spec(spec));
  a.advance(1000);
  b.advance(1000);
  // Bitwise: the first row holds NaN (no minibatch yet), and NaN ≠ NaN.
  REQUIRE(a.records().size() == b.records().size());
  CHECK(std::memcmp(a.records().data(), b.records().data(), a.records().size() * sizeof(double)) == 0);
  CHECK(a.params() == b.params());
  NetworkRun c(parse_spec(R"({"seed": 4, "steps": 300, "log_every": 10})"));
  c.advance(1000);
  CHECK(c.records() != a.records());
}

TEST_CASE("training the default experiment lowers the loss and reaches 95% test accuracy") {
  NetworkRun run(parse_spec(default_spec_json()));
  while (!run.done()) run.advance(500);
  const Index last = run.record_count() - 1;
  CHECK(record_at(run, "loss", last) < 0.5 * record_at(run, "loss", 0));
  CHECK(record_at(run, "test_acc", last) >= 0.95);
  CHECK(run.diverged().empty());
}

TEST_CASE("a diverging run stops with a message naming the cause, and the runner keeps its rows") {
  NetworkRun run(parse_spec(R"({"optimizer": {"name": "sgd", "lr": 1e30}, "steps": 100,
                                  "network": {"layers": [{"units": 8, "activation": "relu"}], "loss": "mean_squared_error"}})"));
  run.advance(100);
  CHECK(run.done());
  CHECK(run.diverged().find("diverged at step") != std::string::npos);
  CHECK(run.diverged().find("learning rate") != std::string::npos);
  CHECK(run.record_count() >= 2);
  CHECK(run.summary_line().find("\"diverged\":\"diverged at step") != std::string::npos);
}

TEST_CASE("a training step allocates nothing on the heap") {
  NetworkRun run(parse_spec(R"({"steps": 1000, "log_every": 1000, "batch_size": 16})"));
  run.advance(5);  // warm-up: nothing lazily allocated may remain
  CHECK(testing::heap_allocations([&] {
    run.advance(100);
  }) == 0);
  CHECK(run.step_count() == 105);
}

TEST_CASE("trace.params prints θ on every JSON line") {
  NetworkRun run(parse_spec(R"({"steps": 20, "log_every": 10, "trace": {"params": true}})"));
  run.advance(20);
  CHECK(run.record_count() == 3);
  const std::string line = run.json_line(2);
  CHECK(line.find("\"params\":[") != std::string::npos);
  CHECK(static_cast<Index>(run.params_trace().size()) == 3 * run.param_count());
}
