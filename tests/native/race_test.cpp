// Races (run/race.hpp): the merge of a racer over the base spec, the messages naming racers[i].field,
// labels, the race's resource limits, and what racers with one seed share (data, θ₀, minibatch order).
#include <doctest/doctest.h>

#include <cmath>
#include <memory>

#include "run/experiment.hpp"
#include "run/race.hpp"
#include "run/spec_limits.hpp"

using optlab::Json;

namespace {

struct Failure {
  std::string field, what;
};

Failure race_failure(const std::string& text) {
  try {
    optlab::expand_race(optlab::parse_json_text(text));
  } catch (const optlab::SpecError& e) {
    return {e.field(), e.what()};
  }
  return {"", ""};
}

std::unique_ptr<optlab::NetworkRun> network_run(const Json& spec) {
  return std::make_unique<optlab::NetworkRun>(optlab::parse_spec_value(spec));
}

}  // namespace

TEST_CASE("merge_racer is RFC 7386's JSON merge patch on the RFC's own examples (Appendix A)") {
  // Appendix A of RFC 7386, and nlohmann::json's merge_patch (an independent implementation) agreeing.
  const char* cases[][3] = {
      {R"({"a":"b"})", R"({"a":"c"})", R"({"a":"c"})"},
      {R"({"a":"b"})", R"({"b":"c"})", R"({"a":"b","b":"c"})"},
      {R"({"a":"b"})", R"({"a":null})", R"({})"},
      {R"({"a":"b","b":"c"})", R"({"a":null})", R"({"b":"c"})"},
      {R"({"a":["b"]})", R"({"a":"c"})", R"({"a":"c"})"},
      {R"({"a":"c"})", R"({"a":["b"]})", R"({"a":["b"]})"},
      {R"({"a":{"b":"c"}})", R"({"a":{"b":"d","c":null}})", R"({"a":{"b":"d"}})"},
      {R"({"a":[{"b":"c"}]})", R"({"a":[1]})", R"({"a":[1]})"},
      {R"(["a","b"])", R"(["c","d"])", R"(["c","d"])"},
      {R"({"a":"b"})", R"(["c"])", R"(["c"])"},
      {R"({"a":"foo"})", R"(null)", R"(null)"},
      {R"({"a":"foo"})", R"("bar")", R"("bar")"},
      {R"({"e":null})", R"({"a":1})", R"({"e":null,"a":1})"},
      {R"([1,2])", R"({"a":"b","c":null})", R"({"a":"b"})"},
      {R"({})", R"({"a":{"bb":{"ccc":null}}})", R"({"a":{"bb":{}}})"},
  };
  for (const auto& c : cases) {
    CAPTURE(c[0]);
    CAPTURE(c[1]);
    const Json target = Json::parse(c[0]), patch = Json::parse(c[1]);
    CHECK(optlab::merge_racer(target, patch) == Json::parse(c[2]));
    Json reference = target;
    reference.merge_patch(patch);
    CHECK(optlab::merge_racer(target, patch) == reference);
  }
}

TEST_CASE("a racer that renames an object replaces it wholesale; the same name merges into it") {
  const Json base = Json::parse(R"({"optimizer": {"name": "sgd", "lr": 0.2, "schedule": "step", "step_size": 100}})");
  CHECK(optlab::merge_racer(base, Json::parse(R"({"optimizer": {"name": "adam"}})")) ==
        Json::parse(R"({"optimizer": {"name": "adam"}})"));
  CHECK(optlab::merge_racer(base, Json::parse(R"({"optimizer": {"name": "sgd", "lr": 0.05}})")) ==
        Json::parse(R"({"optimizer": {"name": "sgd", "lr": 0.05, "schedule": "step", "step_size": 100}})"));
  CHECK(optlab::merge_racer(base, Json::parse(R"({"optimizer": {"lr": 0.05, "schedule": null, "step_size": null}})")) ==
        Json::parse(R"({"optimizer": {"name": "sgd", "lr": 0.05}})"));
  // Nested: a layer's init object renamed inside a replaced layers array is simply the new array.
  const Json net = Json::parse(R"({"network": {"layers": [{"units": 4}], "loss": "mean_squared_error"}})");
  CHECK(optlab::merge_racer(net, Json::parse(R"({"network": {"layers": [{"units": 8}]}})")) ==
        Json::parse(R"({"network": {"layers": [{"units": 8}], "loss": "mean_squared_error"}})"));
}

TEST_CASE("expand_race gives each racer a complete spec, its own changes and a label") {
  const auto racers = optlab::expand_race(Json::parse(R"({
    "seed": 3, "steps": 20, "optimizer": {"name": "sgd", "lr": 0.1},
    "racers": [{}, {"batch_size": 1}, {"optimizer": {"name": "adam", "lr": 0.01}, "label": "Adam"},
               {"optimizer": {"lr": 0.05}}, {"network": {"layers": [{"units": 8, "init": "he_normal"}]}}]
  })"));
  REQUIRE(racers.size() == 5);
  CHECK(racers[0].label == "base");
  CHECK(racers[1].label == "batch_size=1");
  CHECK(racers[2].label == "Adam");
  CHECK(racers[3].label == "lr=0.05");
  CHECK(racers[4].label.find("layers=") == 0);
  for (int i = 0; i < 5; ++i) {
    CHECK(racers[static_cast<std::size_t>(i)].index == i);
    CHECK_FALSE(racers[static_cast<std::size_t>(i)].spec.contains("racers"));
    CHECK(racers[static_cast<std::size_t>(i)].spec["seed"] == 3);
  }
  CHECK(racers[1].spec["batch_size"] == 1);
  CHECK(racers[2].spec["optimizer"] == Json::parse(R"({"name": "adam", "lr": 0.01})"));
  CHECK(racers[3].spec["optimizer"] == Json::parse(R"({"name": "sgd", "lr": 0.05})"));
  // A spec without racers is racer 0 with no label.
  const auto plain = optlab::expand_race(Json::parse(R"({"steps": 5})"));
  REQUIRE(plain.size() == 1);
  CHECK(plain[0].label.empty());
  CHECK(plain[0].spec == Json::parse(R"({"steps": 5})"));
  // Labels that name a changed name and option together.
  const auto renamed = optlab::expand_race(Json::parse(R"({"racers": [{"optimizer": {"name": "momentum", "momentum": 0.5}}]})"));
  CHECK(renamed[0].label == "optimizer=momentum, momentum=0.5");
  // One difference in every layer is named once.
  const auto inits = optlab::expand_race(Json::parse(R"({"racers": [{"network": {"layers": [
      {"units": 16, "activation": "tanh", "init": "he_normal"}, {"units": 16, "activation": "tanh", "init": "he_normal"}]}}]})"));
  CHECK(inits[0].label == "layers[*].init=he_normal");
}

TEST_CASE("a bad racer field is named racers[i].field, also when the racer makes an inherited value invalid") {
  const std::string base = R"("steps": 10, "batch_size": 16, "optimizer": {"name": "sgd", "lr": 0.1})";
  auto spec = [&](const std::string& racers) { return "{" + base + ", \"racers\": " + racers + "}"; };
  struct Case {
    std::string racers, field, words;
  };
  const Case cases[] = {
      {R"([{}, {"batch_size": 0}])", "racers[1].batch_size", "integer"},
      {R"([{"optimizer": {"lr": -1}}])", "racers[0].optimizer.lr", "got -1"},
      {R"([{}, {}, {"network": {"layers": [{"units": 4, "activation": "nope"}]}}])", "racers[2].network.layers[0].activation", "nope"},
      {R"([{"optimizer": {"name": "adam", "betas": [0.9]}}])", "racers[0].optimizer.betas", "two numbers"},
      {R"([{"dataset": {"samples": 10}}])", "racers[0].batch_size", "larger than the training set"},
      {R"([{"bogus": 1}])", "racers[0].bogus", "unknown key"},
      {R"([{"problem": {"name": "rosenbrock"}}])", "racers[0].problem", "one kind"},
      {R"([{"label": ""}])", "racers[0].label", "non-empty string"},
      {R"([{"label": 7}])", "racers[0].label", "string"},
      {R"([{"racers": []}])", "racers[0].racers", "cannot contain"},
      {R"([{"changes": []}])", "racers[0].changes", "top-level"},
      {R"([3])", "racers[0]", "must be an object"},
      {R"([])", "racers", "1 to 8"},
      {R"({})", "racers", "1 to 8"},
      {R"([{},{},{},{},{},{},{},{},{}])", "racers", "1 to 8"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.racers);
    const Failure f = race_failure(spec(c.racers));
    CHECK(f.field == c.field);
    CHECK(f.what.find(c.words) != std::string::npos);
    CHECK(f.what.rfind(c.field + ": ", 0) == 0);
  }
  // The base's own error names the base field.
  CHECK(race_failure(R"({"batch_size": 0, "racers": [{"batch_size": 4}]})").field == "batch_size");
  // A surface race: the kinds must match the other way round too.
  CHECK(race_failure(R"({"problem": {"name": "rosenbrock"}, "racers": [{"dataset": {"name": "xor"}}]})").field == "racers[0].dataset");
  CHECK(race_failure(R"({"problem": {"name": "rosenbrock"}, "racers": [{"problem": null}]})").field == "racers[0].problem");
  // A racer run on its own is refused by the single-run reader, pointing at the race.
  try {
    optlab::parse_spec(R"({"racers": [{}]})");
    FAIL("a spec with racers was accepted as one run");
  } catch (const optlab::SpecError& e) {
    CHECK(e.field() == "racers");
  }
}

TEST_CASE("a race fits in twice one run's limits: each racer within them, the racers together too") {
  // 1,000,000 parameters per racer (2·1000 + 1000 + 1000·998 + 998 + …): within one run's 2·10⁶.
  const std::string big = R"({"steps": 10, "network": {"layers": [{"units": 1000}, {"units": 990}]}, "racers": [)";
  std::string three = big + "{}, {}, {}]}", five = big + "{}, {}, {}, {}, {}]}";
  CHECK(race_failure(three).field.empty());
  const Failure f = race_failure(five);
  CHECK(f.field == "racers");
  CHECK(f.what.find("parameters") != std::string::npos);
  // One racer over one run's limit is named on its own.
  CHECK(race_failure(big + R"({"network": {"layers": [{"units": 1500}, {"units": 1500}]}}]})").field == "racers[0].network.layers");
}

TEST_CASE("racers with one seed share the data, θ₀ where the networks agree, and the minibatch order") {
  const auto racers = optlab::expand_race(Json::parse(R"({
    "seed": 5, "steps": 40, "network": {"layers": [{"units": 8, "init": "glorot_normal"}, {"units": 6}]},
    "racers": [{}, {"batch_size": 1, "optimizer": {"name": "adam"}},
               {"network": {"layers": [{"units": 8, "init": "glorot_normal", "norm": "batch_norm"}, {"units": 6}]}},
               {"network": {"layers": [{"units": 8, "init": "he_normal"}, {"units": 6}]}},
               {"network": {"layers": [{"units": 8, "init": "glorot_normal"}, {"units": 6, "init": "he_uniform"}]}},
               {"seed": 6}]
  })"));
  std::vector<std::unique_ptr<optlab::NetworkRun>> runs;
  for (const auto& r : racers) runs.push_back(network_run(r.spec));
  const auto& base = *runs[0];
  for (std::size_t i = 1; i < 5; ++i) {
    CAPTURE(i);
    CHECK(runs[i]->dataset().train_x == base.dataset().train_x);
    CHECK(runs[i]->dataset().train_y == base.dataset().train_y);
    CHECK(runs[i]->minibatch_order() == base.minibatch_order());
  }
  CHECK_FALSE(runs[5]->dataset().train_x == base.dataset().train_x);  // another seed, other data
  // Same network and initializers: the same θ₀, whatever else differs.
  CHECK(runs[1]->params() == base.params());
  // batch_norm draws nothing: the dense layers' weights are the base's (layer 0: 2·8 + 8, then γ, β).
  const optlab::Vec& bn = runs[2]->params();
  CHECK(bn.head(24) == base.params().head(24));
  CHECK(bn.tail(base.params().size() - 24) == base.params().tail(base.params().size() - 24));
  // He normal and Glorot normal scale the same truncated normal draws: W_he / W_glorot =
  // √(2/fan_in) / √(2/(fan_in + fan_out)) = √((2 + 8)/2) for the first layer (Keras' definitions).
  const double ratio = std::sqrt(10.0 / 2.0);
  for (int k = 0; k < 16; ++k) CHECK(runs[3]->params()(k) == doctest::Approx(ratio * base.params()(k)).epsilon(1e-6));
  // Layers before the first layer that differs keep their weights.
  CHECK(runs[4]->params().head(24) == base.params().head(24));
  CHECK_FALSE(runs[4]->params().segment(24, 48) == base.params().segment(24, 48));
  // Minibatch order: batch 1 after 16 steps has taken the same 16 examples as batch 16 after one.
  runs[0]->advance(1);
  runs[1]->advance(16);
  CHECK(runs[1]->minibatch_order() == base.minibatch_order());
  CHECK(runs[1]->minibatch_cursor() == base.minibatch_cursor());
}

TEST_CASE("racer_line puts the racer's index and label first, then the line's own fields") {
  CHECK(optlab::racer_line(R"({"step":0,"loss":1.5})", 2, "lr=0.1") == R"({"racer":2,"label":"lr=0.1","step":0,"loss":1.5})");
  CHECK(optlab::racer_line(R"({"summary":true})", 0, "a \"b\"") == R"({"racer":0,"label":"a \"b\"","summary":true})");
}
