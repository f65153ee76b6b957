// Changes mid-run (run/changes.hpp): the optimizer keeps its state (against PyTorch with its
// param_group values assigned mid-run, tests/golden/changes.json from make_changes.py), a live
// apply_change replays bit for bit from the spec it records, however advance() is chunked, no
// allocation in a step, and messages naming changes[k].set.<path>.
#include <doctest/doctest.h>

#include <Eigen/Core>
#include <cmath>

#include "run/catalog.hpp"
#include "run/experiment.hpp"
#include "run/optimizer_factory.hpp"
#include "run/race.hpp"
#include "run/surface_run.hpp"
#include "test_support.hpp"

using namespace optlab;

namespace {

std::vector<std::string> all_lines(Run& run) {
  std::vector<std::string> lines;
  for (Index i = 0; i < run.record_count(); ++i) lines.push_back(run.json_line(i));
  lines.push_back(run.summary_line());
  return lines;
}

std::vector<std::string> run_through(const std::string& spec, long chunk) {
  auto run = make_run(spec);
  while (!run->done()) run->advance(chunk);
  return all_lines(*run);
}

std::string failure_field(const std::string& spec) {
  try {
    expand_race(parse_json_text(spec));
  } catch (const SpecError& e) {
    return e.field();
  }
  return "";
}

}  // namespace

TEST_CASE("a change keeps the optimizer's state: trajectories equal PyTorch's with param_group values assigned mid-run") {
  const Json golden = Json::parse(testing::read_source_file("tests/golden/changes.json"));
  for (const Json& c : golden["cases"]) {
    CAPTURE(c["name"].get<std::string>());
    Json spec = {{"problem", golden["problem"]}, {"optimizer", c["optimizer"]}, {"steps", golden["steps"]},
                 {"log_every", 1}, {"trace", {{"params", true}}}, {"changes", c["changes"]}};
    auto run = make_run(spec.dump());
    run->advance(1000);
    REQUIRE(run->diverged().empty());
    REQUIRE(run->record_count() == static_cast<Index>(c["theta"].size()));
    double worst = 0;
    for (std::size_t k = 0; k < c["theta"].size(); ++k)
      for (std::size_t i = 0; i < 2; ++i) {
        const double ours = run->params_trace()[2 * k + i], ref = c["theta"][k][i].get<double>();
        worst = std::max(worst, std::abs(ours - ref) / std::max(1.0, std::abs(ref)));
      }
    CHECK(worst < 1e-9);
    // The change mattered: without it the walk ends elsewhere.
    spec.erase("changes");
    auto plain = make_run(spec.dump());
    plain->advance(1000);
    const double moved = std::abs(plain->params_trace().back() - run->params_trace().back()) +
                         std::abs(plain->params_trace()[plain->params_trace().size() - 2] -
                                  run->params_trace()[run->params_trace().size() - 2]);
    CHECK(moved > 1e-3);
  }
}

TEST_CASE("Adam's moments survive a change: a rebuilt optimizer (moments and bias correction restarted) lands elsewhere") {
  // The run changes lr at step 80; restarting Adam from θ_80 with the new lr is what a reset does.
  const std::string spec = R"({"problem": {"name": "rosenbrock"}, "optimizer": {"name": "adam", "lr": 0.05}, "steps": 200,
    "log_every": 1, "trace": {"params": true}, "changes": [{"step": 80, "set": {"optimizer.lr": 0.01}}]})";
  auto kept = make_run(spec);
  kept->advance(200);
  auto first = make_run(R"({"problem": {"name": "rosenbrock"}, "optimizer": {"name": "adam", "lr": 0.05}, "steps": 80, "log_every": 80})");
  first->advance(80);
  const std::vector<double> x80 = first->params_copy();
  Json restart = {{"problem", {{"name", "rosenbrock"}, {"x0", x80}}}, {"optimizer", {{"name", "adam"}, {"lr", 0.01}}},
                  {"steps", 120}, {"log_every", 120}};
  auto reset = make_run(restart.dump());
  reset->advance(120);
  // θ_80 agrees (the same first 80 steps) …
  CHECK(kept->params_trace()[160] == x80[0]);
  CHECK(kept->params_trace()[161] == x80[1]);
  // … and 120 steps later the kept moments made a different walk than restarted ones.
  const std::vector<double> a = kept->params_copy(), b = reset->params_copy();
  CHECK(std::abs(a[0] - b[0]) + std::abs(a[1] - b[1]) > 1e-3);
}

TEST_CASE("a live apply_change at step s equals the change recorded at step s, bit for bit, however advance is chunked") {
  const std::string base = R"({"seed": 4, "steps": 300, "log_every": 7, "optimizer": {"name": "adam", "lr": 0.01},
    "trace": {"params": true}})";
  const std::string set = R"({"optimizer.lr": 0.003, "optimizer.betas": [0.8, 0.95], "batch_size": 40, "optimizer.clip_norm": 1.5})";
  auto live = make_run(base);
  live->advance(50);
  live->advance(73);  // step 123
  live->apply_change(Json::parse(set));
  while (!live->done()) live->advance(31);
  const std::vector<std::string> live_lines = all_lines(*live);

  Json recorded = Json::parse(base);
  recorded["changes"] = Json::array({{{"step", 123}, {"set", Json::parse(set)}}});
  for (long chunk : {1L, 7L, 123L, 1000L}) {
    CAPTURE(chunk);
    CHECK(run_through(recorded.dump(), chunk) == live_lines);
  }
  // The live run's normalized spec records the change: it replays the live run.
  CHECK(live->normalized_spec()["changes"] == recorded["changes"]);
  CHECK(run_through(live->normalized_spec().dump(), 1000) == live_lines);
  // And the change changed something.
  CHECK(run_through(base, 1000) != live_lines);
}

TEST_CASE("live changes before, at and after the spec's own changes replay in the same order") {
  const std::string base = R"({"problem": {"name": "rosenbrock"}, "optimizer": {"name": "momentum", "lr": 0.001, "momentum": 0.9},
    "steps": 120, "log_every": 1, "changes": [{"step": 40, "set": {"optimizer.lr": 0.0005}},
                                              {"step": 90, "set": {"optimizer.momentum": 0.5}}]})";
  auto live = make_run(base);
  live->advance(20);
  live->apply_change(Json::parse(R"({"optimizer.momentum": 0.8})"));  // the step-90 change keeps lr 0.0005 and sets 0.5
  live->advance(20);  // step 40: the spec's change is due …
  live->apply_change(Json::parse(R"({"optimizer.lr": 0.0007})"));  // … and applies first, then this one
  live->advance(1000);
  const std::vector<std::string> lines = all_lines(*live);
  CHECK(run_through(live->normalized_spec().dump(), 13) == lines);
  // The last rows show lr 0.0007 (the live change at 40 came after the spec's).
  CHECK(Json::parse(lines[lines.size() - 2])["lr"] == 0.0007);
}

TEST_CASE("a batch-size change takes the next minibatch from the same place in the same order") {
  NetworkRun run(parse_spec(R"({"seed": 2, "steps": 100, "batch_size": 16, "log_every": 100})"));
  run.advance(5);  // cursor 80
  const std::vector<int> order = run.minibatch_order();
  CHECK(run.minibatch_cursor() == 80);
  run.apply_change(Json::parse(R"({"batch_size": 40})"));
  run.advance(1);
  CHECK(run.minibatch_cursor() == 120);
  CHECK(run.minibatch_order() == order);
  run.apply_change(Json::parse(R"({"batch_size": "full"})"));  // 240 training examples: a full batch from 120 to the end
  run.advance(1);
  CHECK(run.minibatch_cursor() == 0);
  CHECK(run.epoch_count() == 1);
}

TEST_CASE("applying the spec's changes in a step allocates nothing") {
  NetworkRun run(parse_spec(R"({"steps": 1000, "log_every": 1000, "batch_size": 16,
    "optimizer": {"name": "adam", "lr": 0.01, "schedule": "exponential", "gamma": 0.999},
    "changes": [{"step": 10, "set": {"optimizer.lr": 0.02, "batch_size": 64}},
                {"step": 50, "set": {"optimizer.schedule": "cosine", "optimizer.tau": 500, "optimizer.eps": 1e-6}},
                {"step": 60, "set": {"batch_size": 8, "optimizer.betas": [0.5, 0.9]}}]})"));
  run.advance(5);
  CHECK(testing::heap_allocations([&] {
    run.advance(100);
  }) == 0);
  CHECK(run.step_count() == 105);
}

TEST_CASE("a bad change is named changes[k].set.<path>; a live one by its path, and the run goes on unchanged") {
  const std::string net = R"({"steps": 100, "optimizer": {"name": "adam"}, )";
  CHECK(failure_field(net + R"("changes": [{"step": 5, "set": {"optimizer.lr": -1}}]})") == "changes[0].set.optimizer.lr");
  CHECK(failure_field(net + R"("changes": [{"step": 5, "set": {"optimizer.lr": 0.1}}, {"step": 2, "set": {"optimizer.betas": [2, 0]}}]})") ==
        "changes[1].set.optimizer.betas[0]");
  CHECK(failure_field(net + R"("changes": [{"step": 5, "set": {"optimizer.name": "sgd"}}]})") == "changes[0].set.optimizer.name");
  CHECK(failure_field(net + R"("changes": [{"step": 5, "set": {"optimizer.average": "ema"}}]})") == "changes[0].set.optimizer.average");
  CHECK(failure_field(net + R"("changes": [{"step": 5, "set": {"optimizer.bogus": 1}}]})") == "changes[0].set.optimizer.bogus");
  CHECK(failure_field(net + R"("changes": [{"step": 5, "set": {"seed": 1}}]})") == "changes[0].set.seed");
  CHECK(failure_field(net + R"("changes": [{"step": 5, "set": {"batch_size": 0}}]})") == "changes[0].set.batch_size");
  CHECK(failure_field(net + R"("changes": [{"step": 5, "set": {}}]})") == "changes[0].set");
  CHECK(failure_field(net + R"("changes": [{"step": 100, "set": {"optimizer.lr": 0.1}}]})") == "changes[0].step");
  CHECK(failure_field(net + R"("changes": [{"set": {"optimizer.lr": 0.1}}]})") == "changes[0].step");
  CHECK(failure_field(net + R"("changes": [{"step": 1, "racer": 0, "set": {"optimizer.lr": 0.1}}]})") == "changes[0].racer");
  CHECK(failure_field(net + R"("changes": {}})") == "changes");
  CHECK(failure_field(R"({"problem": {"name": "rosenbrock"}, "changes": [{"step": 1, "set": {"batch_size": 4}}]})") == "changes[0].set.batch_size");
  CHECK(failure_field(R"({"problem": {"name": "rosenbrock"}, "optimizer": {"name": "newton"}, "changes": [{"step": 1, "set": {"optimizer.damping": 1}}]})") ==
        "changes[0].set.optimizer.damping");
  CHECK(failure_field(R"({"problem": {"name": "rosenbrock"}, "optimizer": {"name": "newton"}, "changes": [{"step": 1, "set": {"optimizer.lr": 0.5}}]})").empty());
  CHECK(failure_field(R"({"single_pass": true, "changes": [{"step": 1, "set": {"batch_size": 4}}]})") == "changes[0].set.batch_size");
  // In a race: the change's place in the spec's list, whichever racer it belongs to.
  CHECK(failure_field(R"({"racers": [{}, {"optimizer": {"name": "adam"}}], "changes": [
      {"step": 3, "racer": 0, "set": {"optimizer.lr": 0.1}}, {"step": 1, "racer": 1, "set": {"optimizer.lr": 0.1}},
      {"step": 2, "racer": 1, "set": {"optimizer.betas": [0.9, 1.5]}}]})") == "changes[2].set.optimizer.betas[1]");
  CHECK(failure_field(R"({"racers": [{}], "changes": [{"step": 3, "set": {"optimizer.lr": 0.1}}]})") == "changes[0].racer");
  CHECK(failure_field(R"({"racers": [{}], "changes": [{"step": 3, "racer": 1, "set": {"optimizer.lr": 0.1}}]})") == "changes[0].racer");

  auto run = make_run(R"({"steps": 50, "log_every": 5, "optimizer": {"name": "momentum"}})");
  run->advance(10);
  try {
    run->apply_change(Json::parse(R"({"optimizer.momentum": 1.5, "optimizer.lr": 0.01})"));
    FAIL("accepted");
  } catch (const SpecError& e) {
    CHECK(e.field() == "optimizer.momentum");
  }
  CHECK_FALSE(run->normalized_spec().contains("changes"));
  run->advance(100);
  CHECK(all_lines(*run) == run_through(R"({"steps": 50, "log_every": 5, "optimizer": {"name": "momentum"}})", 1000));
}

TEST_CASE("every first-order method takes a fresh copy's options, and refuses another method's") {
  const auto build = [](const std::string& name) {
    Json spec = {{"name", name}}, scratch;
    ObjectReader r(spec, "optimizer", &scratch);
    return read_optimizer<float>(r).optimizer;
  };
  int first_order = 0;
  for (const OptimizerEntry& e : catalog().optimizers) {
    CAPTURE(e.name);
    auto a = build(e.name), b = build(e.name);
    const std::string other = e.name == "adam" ? "adamw" : "adam";  // AdamW is an Adam, yet another method
    if (e.kind == "first_order") {
      ++first_order;
      CHECK(a->take_options(*b));
      CHECK_FALSE(a->take_options(*build(other)));
    } else {
      CHECK_FALSE(a->take_options(*b));  // second-order: only lr and schedule change (run/changes.hpp)
    }
  }
  CHECK(first_order == 11);
}
