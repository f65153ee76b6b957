#include "run/spec.hpp"

#include <cmath>

#include "nn/group_norm.hpp"
#include "run/optimizer_factory.hpp"
#include "run/surface_spec.hpp"

namespace optlab {

const char* default_spec_json() {
  return R"({
  "seed": 7,
  "dataset": {"name": "spiral", "classes": 3, "samples": 300, "noise": 0.1, "test_fraction": 0.2},
  "network": {"layers": [{"units": 16, "activation": "tanh"}, {"units": 16, "activation": "tanh"}],
              "loss": "softmax_cross_entropy"},
  "optimizer": {"name": "sgd", "lr": 0.2},
  "batch_size": 16, "steps": 4000, "log_every": 10,
  "trace": {"params": false}
})";
}

namespace {

constexpr int kMaxUnits = 4096;
constexpr int kMaxLayers = 64;
constexpr int kMaxSamples = 100000;

std::vector<std::string> activation_list() {
  return {"linear", "tanh", "sigmoid", "relu", "leaky_relu"};
}

InitSpec read_init(ObjectReader& r, const std::string& key, const InitSpec& def, bool allow_class_prior = false) {
  return read_init_value(r.raw(key), r.field(key), &r.out()[key], def, allow_class_prior);
}

// Every network input is a 2-D point (see problems/dataset.hpp); the run checks again at build time.
constexpr int kNetworkInputs = 2;

void check_init_shape(const ObjectReader& r, const std::string& key, const InitSpec& s, Index rows, Index cols) {
  if (std::string err = init_shape_error(s, rows, cols); !err.empty()) r.fail(key, err);
}

DatasetSpec read_dataset(ObjectReader r) {
  DatasetSpec d;
  d.name = r.choice("name", d.name, {"spiral", "circles", "xor", "gaussians"});
  auto [lo, hi] = dataset_class_range(d.name);
  d.classes = static_cast<int>(r.integer("classes", d.name == "spiral" ? 3 : 2, lo, hi));
  d.samples = static_cast<int>(r.integer("samples", d.samples, 4, kMaxSamples));
  d.noise = r.number("noise", d.noise, Range::closed(0.0, 2.0));
  d.test_fraction = r.number("test_fraction", d.test_fraction, Range{0.0, 0.9, false, false});
  r.finish();
  const long n_test = std::lround(d.test_fraction * d.samples);
  if (d.samples - n_test < d.classes)
    r.fail("samples", "leaves " + std::to_string(d.samples - n_test) + " training examples for " +
                          std::to_string(d.classes) + " classes; use more samples or a smaller test_fraction");
  return d;
}

NetworkSpec read_network(ObjectReader r, const DatasetSpec& data) {
  NetworkSpec n;
  const Json* layers = r.raw("layers");
  if (layers) {
    if (!layers->is_array()) r.fail("layers", "must be an array of {\"units\", \"activation\"} objects");
    if (layers->size() > kMaxLayers) r.fail("layers", "at most " + std::to_string(kMaxLayers) + " layers");
    Json& out_layers = r.out()["layers"];
    out_layers = Json::array();
    for (std::size_t i = 0; i < layers->size(); ++i) {
      out_layers.push_back(Json::object());
      ObjectReader lr((*layers)[i], r.field("layers") + "[" + std::to_string(i) + "]", &out_layers[i]);
      LayerSpec l;
      l.units = static_cast<int>(lr.integer("units", 16, 1, kMaxUnits));
      parse_activation(lr.choice("activation", "tanh", activation_list()), &l.activation);
      l.init = read_init(lr, "init", l.init);
      l.bias_init = read_init(lr, "bias_init", l.bias_init);
      l.norm = read_norm_value(lr.raw("norm"), lr.field("norm"), &lr.out()["norm"]);
      if (l.norm.name == "group_norm") {
        if (std::string err = group_norm_error(l.units, l.norm.groups); !err.empty()) lr.fail("norm.groups", err);
      }
      const Index fan_in = i == 0 ? kNetworkInputs : n.layers.back().units;
      check_init_shape(lr, "init", l.init, l.units, fan_in);
      check_init_shape(lr, "bias_init", l.bias_init, 1, l.units);
      lr.finish();
      n.layers.push_back(l);
    }
  } else {
    n.layers = {LayerSpec{}, LayerSpec{}};
    r.out()["layers"] = Json::array({{{"units", 16}, {"activation", "tanh"}}, {{"units", 16}, {"activation", "tanh"}}});
  }
  parse_loss(r.choice("loss", "softmax_cross_entropy",
                      {"softmax_cross_entropy", "binary_cross_entropy", "mean_squared_error"}),
             &n.loss);
  if (n.loss == Loss::BinaryCrossEntropy && data.classes != 2)
    r.fail("loss", "binary_cross_entropy needs a 2-class dataset (this one has " + std::to_string(data.classes) +
                       "); use softmax_cross_entropy");
  parse_activation(r.choice("output_activation", "linear", activation_list()), &n.output_activation);
  n.output_init = read_init(r, "output_init", n.output_init);
  n.output_bias_init = read_init(r, "output_bias_init", n.output_bias_init, true);
  const Index outputs = loss_outputs(n.loss, data.classes);
  check_init_shape(r, "output_init", n.output_init, outputs, n.layers.empty() ? kNetworkInputs : n.layers.back().units);
  if (n.output_bias_init.name != "class_prior") check_init_shape(r, "output_bias_init", n.output_bias_init, 1, outputs);
  r.finish();
  return n;
}

}  // namespace

ExperimentSpec parse_spec(const std::string& text) { return parse_spec_value(parse_json_text(text)); }

ExperimentSpec parse_spec_value(const Json& j) {
  ExperimentSpec s;
  s.normalized = Json::object();
  ObjectReader r(j, "", &s.normalized);
  s.seed = static_cast<std::uint64_t>(r.integer("seed", 7, 0, 9007199254740991LL));
  if (j.is_object() && j.contains("problem")) {  // a walk over a test surface (run/surface_spec.cpp)
    read_surface_spec(r, s);
    return s;
  }
  s.dataset = read_dataset(r.object("dataset"));
  s.network = read_network(r.object("network"), s.dataset);
  {
    ObjectReader o = r.object("optimizer");
    read_optimizer<float>(o);  // validates; the run builds its own
    s.optimizer = o.out();
  }
  const long n_train = s.dataset.samples - std::lround(s.dataset.test_fraction * s.dataset.samples);
  if (const Json* b = r.raw("batch_size"); b && b->is_string()) {
    if (*b != "full") r.fail("batch_size", "must be a positive integer or \"full\", got " + describe_json(*b));
    s.batch_size = static_cast<int>(n_train);
  } else {
    s.batch_size = static_cast<int>(r.integer("batch_size", 16, 1, kMaxSamples));
    if (s.batch_size > n_train)
      r.fail("batch_size", std::to_string(s.batch_size) + " is larger than the training set (" +
                               std::to_string(n_train) + " examples); use at most " + std::to_string(n_train) +
                               " or \"full\"");
  }
  s.shuffle = r.boolean("shuffle", true);
  s.single_pass = r.boolean("single_pass", false);
  s.steps = static_cast<long>(r.integer("steps", 2000, 1, 10000000));
  s.log_every = static_cast<long>(r.integer("log_every", 10, 1, 10000000));
  {
    ObjectReader t = r.object("trace");
    s.trace.params = t.boolean("params", false);
    s.trace.layers = read_layer_trace_value(t.raw("layers"), t.field("layers"), s.steps);
    s.trace.curvature = read_curvature_trace(t);
    t.finish();
  }
  for (std::size_t i = 0; i < s.network.layers.size(); ++i)
    if (s.network.layers[i].norm.name == "batch_norm" && s.batch_size < 2)
      r.fail("batch_size", "batch_norm (network.layers[" + std::to_string(i) +
                               "].norm) needs minibatches of at least 2 examples");
  r.finish();
  return s;
}

}  // namespace optlab
