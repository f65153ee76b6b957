// The experiment spec: defaults, and a message naming the field for every kind of bad input.
#include <string>

#include "run/spec.hpp"
#include "test_support.hpp"

using namespace optlab;

namespace {
// The SpecError a spec raises (its field and message), or "" when it is accepted.
std::string error_of(const std::string& text, std::string* field = nullptr) {
  try {
    parse_spec(text);
  } catch (const SpecError& e) {
    if (field) *field = e.field();
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("the default spec is valid and its normalized form fills in every default") {
  ExperimentSpec s = parse_spec(default_spec_json());
  CHECK(s.seed == 7);
  CHECK(s.dataset.name == "spiral");
  CHECK(s.network.layers.size() == 2);
  CHECK(s.normalized["optimizer"]["name"] == "sgd");
  CHECK(s.normalized["shuffle"] == true);
  ExperimentSpec empty = parse_spec("{}");
  CHECK(empty.normalized["dataset"]["samples"] == 300);
  CHECK(empty.normalized["optimizer"]["lr"].get<double>() > 0);
}

TEST_CASE("bad specs are rejected with the field named and what is allowed") {
  struct Bad {
    const char* spec;
    const char* field;
    const char* phrase;
  };
  const Bad bad[] = {
      {R"({"optimizer": {"name": "sgd", "lr": -0.1}})", "optimizer.lr", "must be > 0"},
      {R"({"optimizer": {"name": "sgd", "lr": 0}})", "optimizer.lr", "must be > 0"},
      {R"({"optimizer": {"name": "adamx"}})", "optimizer.name", "expected one of"},
      {R"({"batch_size": 0})", "batch_size", "[1, "},
      {R"({"batch_size": 1000})", "batch_size", "larger than the training set"},
      {R"({"batch_size": 2.5})", "batch_size", "integer"},
      {R"({"batch_size": "half"})", "batch_size", "\"full\""},
      {R"({"seed": "seven"})", "seed", "integer"},
      {R"({"steps": -1})", "steps", "integer"},
      {R"({"dataset": {"name": "moons"}})", "dataset.name", "spiral, circles, xor, gaussians"},
      {R"({"dataset": {"name": "xor", "classes": 3}})", "dataset.classes", "[2, 2]"},
      {R"({"dataset": {"noise": "lots"}})", "dataset.noise", "number"},
      {R"({"dataset": {"samples": 1e9}})", "dataset.samples", "integer"},
      {R"({"network": {"layers": [{"units": 0}]}})", "network.layers[0].units", "[1, 4096]"},
      {R"({"network": {"layers": [{"units": 8, "activation": "swish"}]}})", "network.layers[0].activation", "tanh"},
      {R"({"network": {"layers": {"units": 8}}})", "network.layers", "array"},
      {R"({"network": {"loss": "binary_cross_entropy"}})", "network.loss", "2-class"},
      {R"({"optimiser": {}})", "optimiser", "unknown key"},
      {R"({"dataset": {"name": "spiral", "colour": 1}})", "dataset.colour", "unknown key"},
      {R"({"trace": {"params": 1}})", "trace.params", "true or false"},
      {R"([1, 2])", "spec", "object"},
      {R"({"seed": 1,)", "spec", "malformed JSON"},
      {R"({"optimizer": {"lr": NaN}})", "spec", "malformed JSON"},
      {R"({"optimizer": {"lr": 1e999}})", "optimizer.lr", "out of range"},
  };
  for (const Bad& b : bad) {
    const std::string spec_text = b.spec;
    CAPTURE(spec_text);
    std::string field;
    const std::string msg = error_of(b.spec, &field);
    CHECK(field == b.field);
    CHECK(msg.find(b.phrase) != std::string::npos);
    CHECK(msg.rfind(b.field, 0) == 0);  // the message starts with the field's name
  }
}

TEST_CASE("batch_size \"full\" means the whole training set") {
  ExperimentSpec s = parse_spec(R"({"batch_size": "full", "dataset": {"samples": 100, "test_fraction": 0.2}})");
  CHECK(s.batch_size == 80);
}
