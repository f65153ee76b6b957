// Initializers and normalization in the spec and the network, and the per-layer signal statistics
// (trace.layers): errors that name the field, layer order, class-prior bias, tracing that never
// changes the run, no allocation, and the depth effect of the initial scale on a 10-layer tanh net.
#include <cmath>
#include <string>

#include "nn/activation_layer.hpp"
#include "nn/batch_norm.hpp"
#include "nn/dense.hpp"
#include "nn/group_norm.hpp"
#include "run/experiment.hpp"
#include "test_support.hpp"

using namespace optlab;

namespace {

std::string error_of(const std::string& text, std::string* field = nullptr) {
  try {
    parse_spec(text);
  } catch (const SpecError& e) {
    if (field) *field = e.field();
    return e.what();
  }
  return "";
}

std::string deep_tanh(const std::string& init, const std::string& norm = "\"none\"") {
  std::string layers;
  for (int i = 0; i < 10; ++i)
    layers += std::string(i ? "," : "") + R"({"units": 32, "activation": "tanh", "init": )" + init + R"(, "norm": )" +
              norm + "}";
  return R"({"seed": 1, "network": {"layers": [)" + layers +
         R"(]}, "steps": 1, "log_every": 1, "trace": {"layers": [0]}})";
}

// Column c of table row r of a tracer.
double cell(const LayerTracer& t, Index row, const char* name) {
  const auto& cols = LayerTracer::columns();
  const auto c = static_cast<Index>(std::find(cols.begin(), cols.end(), name) - cols.begin());
  return t.table()[static_cast<std::size_t>(row * LayerTracer::stride() + c)];
}

}  // namespace

TEST_CASE("bad initializers, norms and layer traces are rejected with the field named") {
  struct Bad {
    const char* spec;
    const char* field;
    const char* phrase;
  };
  const Bad bad[] = {
      {R"({"network": {"layers": [{"init": "xavier"}]}})", "network.layers[0].init", "unknown initializer \"xavier\""},
      {R"({"network": {"layers": [{"init": {"name": "orthogonal", "gain": -1}}]}})", "network.layers[0].init.gain", "> 0"},
      {R"({"network": {"layers": [{"init": {"name": "orthogonal", "gain": "big"}}]}})", "network.layers[0].init.gain", "number"},
      {R"({"network": {"layers": [{"init": {"name": "orthogonal", "scale": 2}}]}})", "network.layers[0].init.scale", "unknown key"},
      {R"({"network": {"layers": [{"init": {"gain": 2}}]}})", "network.layers[0].init.name", "is required"},
      {R"({"network": {"layers": [{"units": 8}, {"units": 8, "init": {"name": "sparse", "k": 9}}]}})",
       "network.layers[1].init", "larger than the fan-in (8 inputs)"},
      {R"({"network": {"layers": [{"units": 16, "init": {"name": "sparse", "k": 3}}]}})", "network.layers[0].init",
       "larger than the fan-in (2 inputs)"},
      {R"({"network": {"layers": [{"units": 5, "init": "identity"}]}})", "network.layers[0].init", "multiple"},
      {R"({"network": {"layers": [{"init": {"name": "variance_scaling", "mode": "fan_max"}}]}})",
       "network.layers[0].init.mode", "fan_avg"},
      {R"({"network": {"layers": [{"init": {"name": "random_uniform", "minval": 1, "maxval": 0}}]}})",
       "network.layers[0].init.maxval", "larger than minval"},
      {R"({"network": {"layers": [{"bias_init": "class_prior"}]}})", "network.layers[0].bias_init", "only for output_bias_init"},
      {R"({"network": {"layers": [{"init": 3}]}})", "network.layers[0].init", "initializer name or an object"},
      {R"({"network": {"output_init": "he_cubic"}})", "network.output_init", "unknown initializer"},
      {R"({"network": {"layers": [{"units": 10, "norm": {"name": "group_norm", "groups": 3}}]}})",
       "network.layers[0].norm.groups", "3 groups do not divide the layer's 10 units"},
      {R"({"network": {"layers": [{"norm": "group_norm"}]}})", "network.layers[0].norm", "needs its number of groups"},
      {R"({"network": {"layers": [{"norm": "weight_norm"}]}})", "network.layers[0].norm", "unknown normalization"},
      {R"({"network": {"layers": [{"norm": {"name": "batch_norm", "momentum": 2}}]}})",
       "network.layers[0].norm.momentum", "[0, 1]"},
      {R"({"network": {"layers": [{"norm": {"name": "batch_norm", "groups": 2}}]}})", "network.layers[0].norm.groups",
       "unknown key"},
      {R"({"network": {"layers": [{"norm": "batch_norm"}]}, "batch_size": 1})", "batch_size", "at least 2"},
      {R"({"trace": {"layers": {"every": 0}}})", "trace.layers.every", "integer"},
      {R"({"trace": {"layers": [0, -3]}})", "trace.layers[1]", "outside the run's steps"},
      {R"({"steps": 100, "trace": {"layers": [0, 200]}})", "trace.layers[1]", "outside"},
      {R"({"trace": {"layers": "often"}})", "trace.layers", "{\"every\": k}"},
      {R"({"steps": 100000, "trace": {"layers": {"every": 1}}})", "trace.layers.every", "at most 2000"},
  };
  for (const Bad& b : bad) {
    const std::string spec_text = b.spec;
    CAPTURE(spec_text);
    std::string field;
    const std::string msg = error_of(b.spec, &field);
    CHECK(field == b.field);
    CHECK(msg.find(b.phrase) != std::string::npos);
    CHECK(msg.rfind(b.field, 0) == 0);
  }
}

TEST_CASE("initializers are read as names or objects, with their defaults in the normalized spec") {
  ExperimentSpec s = parse_spec(R"({"network": {"layers": [
      {"units": 8, "init": "he_normal", "bias_init": {"name": "constant", "value": 0.1}},
      {"units": 8, "init": {"name": "variance_scaling", "scale": 2, "mode": "fan_avg"}, "norm": "layer_norm"},
      {"units": 8, "init": {"name": "sparse", "k": 4}, "norm": {"name": "group_norm", "groups": 4}}],
      "output_bias_init": "class_prior"}})");
  const auto& l = s.network.layers;
  CHECK(l[0].init.name == "he_normal");
  CHECK(l[0].bias_init.value == 0.1);
  CHECK(l[1].init.scale == 2.0);
  CHECK(l[1].init.mode == FanMode::FanAvg);
  CHECK(l[1].init.distribution == Distribution::TruncatedNormal);
  CHECK(l[2].init.k == 4);
  CHECK(l[2].init.stddev == 1.0);  // Martens's unit Gaussian, not random_normal's 0.05
  CHECK(l[2].norm.groups == 4);
  CHECK(s.normalized["network"]["layers"][1]["init"]["distribution"] == "truncated_normal");
  CHECK(s.normalized["network"]["layers"][2]["init"]["stddev"] == 1.0);
  CHECK(s.normalized["network"]["layers"][0]["norm"] == "none");
  CHECK(s.normalized["network"]["layers"][1]["norm"] == "layer_norm");
  CHECK(s.normalized["network"]["layers"][2]["norm"]["eps"] == 1e-5);
}

TEST_CASE("a norm sits between its dense layer and the activation; the class-prior bias predicts class frequencies") {
  NetworkRun run(parse_spec(R"({"dataset": {"name": "gaussians", "classes": 3},
      "network": {"layers": [{"units": 8, "activation": "relu", "norm": "batch_norm"},
                             {"units": 8, "activation": "tanh", "norm": {"name": "group_norm", "groups": 2}},
                             {"units": 8, "activation": "tanh", "norm": "instance_norm"}],
                  "output_init": "zeros", "output_bias_init": "class_prior"}, "steps": 1})"));
  const auto& layers = run.model().layers();
  REQUIRE(layers.size() == 10);
  CHECK(dynamic_cast<const Dense*>(layers[0].get()));
  CHECK(dynamic_cast<const BatchNorm*>(layers[1].get()));
  CHECK(dynamic_cast<const ActivationLayer*>(layers[2].get()));
  CHECK(dynamic_cast<const GroupNorm*>(layers[4].get())->groups() == 2);
  CHECK(dynamic_cast<const GroupNorm*>(layers[7].get())->groups() == 8);
  // Zero output weights: the prediction is softmax(b), which must be the training frequencies.
  const Index off = run.model().param_offset(9) + 3 * 8;
  const auto& y = run.dataset().train_y;
  double z = 0;
  for (int k = 0; k < 3; ++k) z += std::exp(run.params()(off + k));
  for (int k = 0; k < 3; ++k) {
    const double freq = static_cast<double>(std::count(y.begin(), y.end(), k)) / static_cast<double>(y.size());
    CHECK(std::exp(run.params()(off + k)) / z == doctest::Approx(freq).epsilon(1e-6));
  }
}

TEST_CASE("batch-normalized and group-normalized networks train on the spiral") {
  for (const char* norm : {R"("batch_norm")", R"({"name": "group_norm", "groups": 4})"}) {
    CAPTURE(norm);
    NetworkRun run(parse_spec(std::string(R"({"network": {"layers": [{"units": 16, "activation": "relu", "norm": )") +
                              norm + R"(}, {"units": 16, "activation": "relu", "norm": )" + norm +
                              R"(}]}, "optimizer": {"name": "sgd", "lr": 0.1}, "steps": 3000, "log_every": 3000})"));
    run.advance(3000);
    const auto& r = run.records();
    const Index cols = static_cast<Index>(run.columns().size());
    CHECK(r[static_cast<std::size_t>(cols + 5)] > 0.9);  // test accuracy in evaluation mode
  }
}

TEST_CASE("tracing layers never changes the run, and traced steps allocate nothing") {
  const std::string base = R"({"network": {"layers": [{"units": 16, "activation": "relu", "norm": "batch_norm"},
      {"units": 16, "activation": "tanh", "norm": {"name": "group_norm", "groups": 4}}]},
      "steps": 200, "log_every": 50)";
  NetworkRun plain(parse_spec(base + "}"));
  NetworkRun traced(parse_spec(base + R"(, "trace": {"layers": {"every": 10}}})"));
  plain.advance(5);
  traced.advance(5);
  CHECK(testing::heap_allocations([&] {
    plain.advance(195);
    traced.advance(195);
  }) == 0);
  CHECK(plain.params() == traced.params());
  const auto* bn = dynamic_cast<const BatchNorm*>(plain.model().layers()[1].get());
  const auto* bn2 = dynamic_cast<const BatchNorm*>(traced.model().layers()[1].get());
  CHECK(bn->running_mean() == bn2->running_mean());
  CHECK(bn->running_var() == bn2->running_var());
  // 21 traced steps × 2 layers × (activation, gradient); rows for traced steps are logged rows too.
  const LayerTracer* t = traced.layer_trace();
  REQUIRE(t);
  CHECK(t->row_count() == 21 * 2 * 2);
  CHECK(traced.record_count() == 21);
  CHECK(plain.record_count() == 5);
  const std::string line = traced.json_line(1);
  CHECK(line.find("\"layers\":[{\"layer\":0,\"activation\":\"relu\",\"act\":{\"mean\"") != std::string::npos);
  CHECK(line.find("\"dead\":") != std::string::npos);
  CHECK(line.find("\"saturated\":") != std::string::npos);
  CHECK(plain.json_line(1).find("\"layers\"") == std::string::npos);
  // Every histogram holds every value of its probe × units.
  for (Index r = 0; r < t->row_count(); ++r) {
    double total = 0;
    for (int b = 0; b < LayerTracer::kBins; ++b) total += t->table()[static_cast<std::size_t>(r * LayerTracer::stride() + 10 + b)];
    CHECK(total == cell(*t, r, "count"));
    CHECK(cell(*t, r, "count") == 240 * 16);
  }
}

TEST_CASE("a 10-layer tanh net saturates under random_normal(0, 1) but not under glorot_normal") {
  NetworkRun big(parse_spec(deep_tanh(R"({"name": "random_normal", "stddev": 1})")));
  NetworkRun glorot(parse_spec(deep_tanh(R"("glorot_normal")")));
  NetworkRun normed(parse_spec(deep_tanh(R"({"name": "random_normal", "stddev": 1})", R"("batch_norm")")));
  const LayerTracer& a = *big.layer_trace();
  const LayerTracer& g = *glorot.layer_trace();
  const LayerTracer& n = *normed.layer_trace();
  REQUIRE(a.row_count() == 20);
  // Rows 0..9 are activations of layers 0..9, rows 10..19 their gradients.
  CHECK(cell(a, 9, "fraction") > 0.4);    // most deep units sit at ±1
  CHECK(cell(a, 9, "std") > 0.85);
  CHECK(cell(g, 9, "fraction") < 0.01);   // none saturate
  CHECK(cell(g, 9, "std") < 0.3);
  CHECK(cell(n, 9, "fraction") < 0.01);   // batch norm undoes the bad scale
  // Gradients explode towards the input under N(0, 1) weights (×√32 per layer less saturation)...
  CHECK(cell(a, 10, "std") / cell(a, 19, "std") > 1e4);
  // ... and stay within a factor 2 across depth under Glorot.
  CHECK(cell(g, 10, "std") / cell(g, 19, "std") < 2);
  CHECK(cell(g, 10, "std") / cell(g, 19, "std") > 0.5);
}
