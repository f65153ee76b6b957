#include "run/spec.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include "nn/group_norm.hpp"
#include "problems/digits_data.hpp"
#include "problems/sequence.hpp"
#include "run/catalog.hpp"
#include "run/changes.hpp"
#include "run/optimizer_factory.hpp"
#include "run/repeated_multiplication.hpp"
#include "run/spec_limits.hpp"
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

InitSpec read_init(ObjectReader& r, const Option& o) {
  return read_init_value(r.raw(o.key), r.field(o.key), &r.out()[o.key], o);
}

void check_init_shape(const ObjectReader& r, const std::string& key, const InitSpec& s, Index rows, Index cols) {
  if (std::string err = init_shape_error(s, rows, cols); !err.empty()) r.fail(key, err);
}

// inline's x and y (problems/dataset.hpp): a rectangular array of finite numbers within the
// catalog's size limits, and either one integer label 0…k−1 per row with every class present, k ≥ 2,
// or (regression) one finite real target per row in `targets` (then d.classes = 0).
// Messages name the element: dataset.x[12][3], dataset.y[7], dataset.targets[4].
std::shared_ptr<const InlineData> read_inline(ObjectReader& r, DatasetSpec& d) {
  const Entry& e = catalog().dataset("inline");
  const Json* x = r.raw("x");
  const Json* y = r.raw("y");
  const Json* targets = r.raw("targets");
  const std::string xf = r.field("x"), yf = r.field("y");
  if (!x) r.fail("x", "is required: an array of rows, each an array of numbers (the features of one example)");
  if (y && targets) r.fail("targets", "and y are exclusive: give class labels (y) or regression targets (targets), not both");
  if (!y && !targets)
    r.fail("y", "is required: the class of each row of x, integers 0, 1, … (or give \"targets\", one real number per row, for regression)");
  if (!x->is_array() || x->empty()) r.fail("x", "must be a non-empty array of rows of numbers, got " + describe_json(*x));
  auto data = std::make_shared<InlineData>();
  const Json& first = (*x)[0];
  if (!first.is_array() || first.empty()) throw SpecError(xf + "[0]", "must be a non-empty array of numbers, got " + describe_json(first));
  const long max_numbers = e.option("x").extra["max_numbers"].get<long>();
  const int max_features = e.option("x").extra["max_features"].get<int>();
  if (first.size() > static_cast<std::size_t>(max_features))
    throw SpecError(xf + "[0]", "has " + std::to_string(first.size()) + " features; at most " + std::to_string(max_features));
  data->cols = static_cast<int>(first.size());
  if (static_cast<double>(x->size()) * data->cols > static_cast<double>(max_numbers))
    r.fail("x", "holds " + std::to_string(x->size()) + " rows × " + std::to_string(data->cols) + " features = " +
                    std::to_string(static_cast<long long>(x->size()) * data->cols) + " numbers; inline data may hold at most " +
                    std::to_string(max_numbers) + " (use fewer rows or features)");
  data->rows = static_cast<int>(x->size());
  data->x.reserve(static_cast<std::size_t>(data->rows) * static_cast<std::size_t>(data->cols));
  for (int i = 0; i < data->rows; ++i) {
    const Json& row = (*x)[static_cast<std::size_t>(i)];
    const std::string rf = xf + "[" + std::to_string(i) + "]";
    if (!row.is_array()) throw SpecError(rf, "must be an array of " + std::to_string(data->cols) + " numbers, got " + describe_json(row));
    if (row.size() != static_cast<std::size_t>(data->cols))
      throw SpecError(rf, "has " + std::to_string(row.size()) + " features but row 0 has " + std::to_string(data->cols) +
                              " (every row needs the same number)");
    for (std::size_t j = 0; j < row.size(); ++j) {
      const Json& v = row[j];
      if (!v.is_number() || !std::isfinite(v.get<double>()) || std::fabs(v.get<double>()) > 3.4e38)
        throw SpecError(rf + "[" + std::to_string(j) + "]", "must be a finite number (within ±3.4e38), got " + describe_json(v));
      data->x.push_back(v.get<double>());
    }
  }
  if (targets) {  // regression: one finite target per row
    const std::string tf = r.field("targets");
    if (!targets->is_array()) r.fail("targets", "must be an array of numbers, one per row of x, got " + describe_json(*targets));
    if (targets->size() != static_cast<std::size_t>(data->rows))
      r.fail("targets", "has " + std::to_string(targets->size()) + " values but x has " + std::to_string(data->rows) + " rows");
    for (std::size_t i = 0; i < targets->size(); ++i) {
      const Json& v = (*targets)[i];
      if (!v.is_number() || !std::isfinite(v.get<double>()) || std::fabs(v.get<double>()) > 3.4e38)
        throw SpecError(tf + "[" + std::to_string(i) + "]", "must be a finite number (within ±3.4e38), got " + describe_json(v));
      data->t.push_back(v.get<double>());
    }
    d.classes = 0;
    d.samples = data->rows;
    return data;
  }
  if (!y->is_array()) r.fail("y", "must be an array of class labels 0, 1, …, got " + describe_json(*y));
  if (y->size() != static_cast<std::size_t>(data->rows))
    r.fail("y", "has " + std::to_string(y->size()) + " labels but x has " + std::to_string(data->rows) + " rows");
  const Range labels = e.option("y").range;
  std::vector<int> count(static_cast<std::size_t>(labels.hi) + 1, 0);
  int k = 0;
  for (std::size_t i = 0; i < y->size(); ++i) {
    const Json& v = (*y)[i];
    const double l = v.is_number() ? v.get<double>() : -1.0;
    if (!v.is_number() || l != std::floor(l) || !labels.contains(l))
      throw SpecError(yf + "[" + std::to_string(i) + "]", "must be a class label, an integer 0…" +
                                                              std::to_string(static_cast<int>(labels.hi)) + ", got " + describe_json(v));
    data->y.push_back(static_cast<int>(l));
    ++count[static_cast<std::size_t>(l)];
    k = std::max(k, static_cast<int>(l) + 1);
  }
  if (k < 2) r.fail("y", "has only one class (" + std::to_string(k - 1) + "); a classifier needs at least 2 classes");
  for (int c = 0; c < k; ++c)
    if (count[static_cast<std::size_t>(c)] == 0)
      r.fail("y", "has no example of class " + std::to_string(c) + " (labels run 0…" + std::to_string(k - 1) +
                      "; number the classes without gaps)");
  d.classes = k;
  d.samples = data->rows;
  return data;
}

DatasetSpec read_dataset(ObjectReader r) {
  DatasetSpec d;
  const Catalog& c = catalog();
  d.name = r.choice("name", c.default_dataset, entry_names(c.datasets));
  const Entry& e = c.dataset(d.name);
  if (d.name == "inline") {
    d.given = read_inline(r, d);
  } else if (d.name == "digits") {
    d.classes = 10;
    d.samples = kDigitImages;
  } else {  // generated; the adding problem is regression: no classes (problems/sequence.hpp)
    d.classes = e.has_option("classes") ? static_cast<int>(r.integer(e.option("classes"))) : 0;
    if (e.has_option("length")) d.length = static_cast<int>(r.integer(e.option("length")));
    d.samples = static_cast<int>(r.integer(e.option("samples")));
    d.noise = e.has_option("noise") ? r.number(e.option("noise")) : 0.0;
  }
  d.test_fraction = r.number(e.option("test_fraction"));
  if (e.has_option("standardize")) d.standardize = r.boolean(e.option("standardize"));
  r.finish();
  const long n_test = std::lround(d.test_fraction * d.samples);
  if (d.samples - n_test < d.classes)
    r.fail("samples", "leaves " + std::to_string(d.samples - n_test) + " training examples for " +
                          std::to_string(d.classes) + " classes; use more samples or a smaller test_fraction");
  return d;
}

NetworkSpec read_network(ObjectReader r, const DatasetSpec& data) {
  NetworkSpec n;
  const Catalog& c = catalog();
  const Option& layers_option = c.network_option("layers");
  const Json* given = r.raw("layers");
  // Absent: the catalog's default layers, read like given ones (their fields get the catalog's
  // defaults) while the normalized spec keeps the catalog's short form.
  const Json& layers = given ? *given : layers_option.def;
  if (!layers.is_array()) r.fail("layers", "must be an array of {\"units\", \"activation\"} objects");
  if (layers.size() > static_cast<std::size_t>(layers_option.hi()))
    r.fail("layers", "at most " + std::to_string(layers_option.hi()) + " layers");
  Json scratch = Json::array();
  Json& out_layers = given ? r.out()["layers"] : scratch;
  out_layers = Json::array();
  if (!given) r.out()["layers"] = layers;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    out_layers.push_back(Json::object());
    ObjectReader lr(layers[i], r.field("layers") + "[" + std::to_string(i) + "]", &out_layers[i]);
    LayerSpec l;
    l.units = static_cast<int>(lr.integer(c.layer_option("units")));
    l.type = lr.choice(c.layer_option("type"));
    parse_activation(lr.choice(c.layer_option("activation")), &l.activation);
    l.init = read_init(lr, c.layer_option("init"));
    l.bias_init = read_init(lr, c.layer_option("bias_init"));
    l.norm = read_norm_value(lr.raw("norm"), lr.field("norm"), &lr.out()["norm"], c.layer_option("norm"));
    if (l.norm.name == "group_norm") {
      if (std::string err = group_norm_error(l.units, l.norm.groups); !err.empty()) lr.fail("norm.groups", err);
    }
    Index fan_in = i == 0 ? dataset_dim(data) : n.layers.back().units;
    if (l.recurrent()) {
      // A recurrent layer reads the sequence, so it is the first layer and the data are sequences.
      if (i != 0) lr.fail("type", "only the first layer can be recurrent (it reads the sequence); this is layer " + std::to_string(i));
      if (!is_sequence_dataset(data.name))
        lr.fail("type", l.type + " needs a sequence data set (dataset.name \"recall\" or \"adding\"), not \"" + data.name + "\"");
      if (l.norm.name != "none") lr.fail("norm", "a recurrent layer takes no normalization");
      if (l.type == "lstm" && l.activation != Activation::Tanh)
        lr.fail("activation", "an lstm layer has its own gate functions (σ and tanh); leave activation out or \"tanh\"");
      l.recurrent_init = read_init(lr, c.layer_option("recurrent_init"));
      if (l.type == "lstm") l.forget_bias = lr.number(c.layer_option("forget_bias"));
      const Index gates = l.type == "lstm" ? 4 * l.units : l.units;
      fan_in = sequence_features(data);
      check_init_shape(lr, "init", l.init, gates, fan_in);
      check_init_shape(lr, "recurrent_init", l.recurrent_init, gates, l.units);
      check_init_shape(lr, "bias_init", l.bias_init, 1, gates);
    } else {
      check_init_shape(lr, "init", l.init, l.units, fan_in);
      check_init_shape(lr, "bias_init", l.bias_init, 1, l.units);
    }
    lr.finish();
    n.layers.push_back(l);
  }
  const bool regression = data.classes == 0;  // the adding problem, inline targets
  const Option& loss_option = c.network_option("loss");
  parse_loss(regression ? r.choice(loss_option, "mean_squared_error") : r.choice(loss_option), &n.loss);
  if (regression && n.loss != Loss::MeanSquaredError)
    r.fail("loss", "the " + data.name + " problem has real-valued targets (regression); use mean_squared_error");
  if (n.loss == Loss::BinaryCrossEntropy && data.classes != 2)
    r.fail("loss", "binary_cross_entropy needs a 2-class dataset (this one has " + std::to_string(data.classes) +
                       "); use softmax_cross_entropy");
  parse_activation(r.choice(c.network_option("output_activation")), &n.output_activation);
  n.output_init = read_init(r, c.network_option("output_init"));
  n.output_bias_init = read_init(r, c.network_option("output_bias_init"));
  if (regression && n.output_bias_init.name == "class_prior")
    r.fail("output_bias_init", "class_prior needs class labels; the " + data.name + " problem is regression");
  const Index outputs = regression ? 1 : loss_outputs(n.loss, data.classes);
  check_init_shape(r, "output_init", n.output_init, outputs, n.layers.empty() ? dataset_dim(data) : n.layers.back().units);
  if (n.output_bias_init.name != "class_prior") check_init_shape(r, "output_bias_init", n.output_bias_init, 1, outputs);
  r.finish();
  return n;
}

}  // namespace

ExperimentSpec parse_spec(const std::string& text) {
  ExperimentSpec s = parse_spec_value(parse_json_text(text));
  check_resource_limits(s);  // what fits in memory and time (run/spec_limits.hpp)
  return s;
}

ExperimentSpec parse_spec_value(const Json& j) {
  ExperimentSpec s;
  s.normalized = Json::object();
  ObjectReader r(j, "", &s.normalized);
  if (r.has("racers"))  // run/race.hpp: each racer is a spec of its own
    r.fail("racers", "a spec with racers is a race: the runners run each racer (optlab run), the page and "
                     "lab.expandRace() expand it into one spec per racer first");
  const Catalog& c = catalog();
  s.seed = static_cast<std::uint64_t>(r.integer(c.spec_option("seed")));
  if (j.is_object() && j.contains("readout")) {  // repeated multiplication (run/repeated_multiplication.hpp)
    read_readout_spec(r, s);
    return s;
  }
  if (j.is_object() && j.contains("problem")) {  // a walk over a test surface (run/surface_spec.cpp)
    read_surface_spec(r, s);
    return s;
  }
  if (r.has("continuation"))
    r.fail("continuation", "smooths a test surface's objective; it needs \"problem\" (a network run has none)");
  s.dataset = read_dataset(r.object("dataset"));
  s.network = read_network(r.object("network"), s.dataset);
  {
    ObjectReader o = r.object("optimizer");
    read_optimizer<float>(o);  // validates; the run builds its own
    s.optimizer = o.out();
  }
  const long n_train = s.dataset.samples - std::lround(s.dataset.test_fraction * s.dataset.samples);
  const Option& batch = c.spec_option("batch_size");
  if (const Json* b = r.has(batch.key) ? &j[batch.key] : nullptr; b && b->is_string()) {
    const Json* v = r.raw(batch.key);
    if (*v != batch.extra["also"][0]) r.fail(batch.key, "must be a positive integer or \"full\", got " + describe_json(*v));
    s.batch_size = static_cast<int>(n_train);
  } else {
    s.batch_size = static_cast<int>(r.integer(batch));
    if (s.batch_size > n_train)
      r.fail("batch_size", std::to_string(s.batch_size) + " is larger than the training set (" +
                               std::to_string(n_train) + " examples); use at most " + std::to_string(n_train) +
                               " or \"full\"");
  }
  s.shuffle = r.boolean(c.spec_option("shuffle"));
  s.single_pass = r.boolean(c.spec_option("single_pass"));
  const Option& steps = c.spec_option("steps");
  const Option& log_every = c.spec_option("log_every");
  s.steps = static_cast<long>(r.integer(steps, static_cast<long long>(kind_default(steps, "network"))));
  s.log_every = static_cast<long>(r.integer(log_every, static_cast<long long>(kind_default(log_every, "network"))));
  {
    ObjectReader t = r.object("trace");
    s.trace.params = t.boolean(c.trace_option("params"));
    s.trace.layers = read_layer_trace_value(t.raw("layers"), t.field("layers"), s.steps);
    if (!t.has("layers")) t.out()["layers"] = c.trace_option("layers").def;
    if (s.trace.layers.every > 0) t.out()["layers"] = {{"every", s.trace.layers.every}};  // with its default filled in
    s.trace.curvature = read_curvature_trace(t);
    s.trace.step_length = t.boolean(c.trace_option("step_length"));
    s.trace.effective_lr = t.boolean(c.trace_option("effective_lr"));
    s.trace.symmetry = t.boolean(c.trace_option("symmetry"));
    s.trace.hidden_grad = t.boolean(c.trace_option("hidden_grad"));
    if (s.trace.hidden_grad && (s.network.layers.empty() || !s.network.layers[0].recurrent()))
      t.fail("hidden_grad", "needs a recurrent first layer (network.layers[0].type \"rnn\" or \"lstm\")");
    if (s.trace.layers.enabled && s.dataset.classes == 0)
      t.fail("layers", "per-layer statistics are not available for the regression data set \"" + s.dataset.name + "\"");
    t.finish();
  }
  s.landscape = read_landscape(r);
  if (s.trace.symmetry)  // the unit permutation needs dense → activation layers (nn/symmetry.hpp)
    for (std::size_t i = 0; i < s.network.layers.size(); ++i)
      if (s.network.layers[i].norm.name != "none")
        r.fail("trace.symmetry", "needs hidden layers without normalization (network.layers[" + std::to_string(i) +
                                     "].norm is " + s.network.layers[i].norm.name + ")");
  if (s.trace.symmetry && !s.network.layers.empty() && s.network.layers[0].recurrent())
    r.fail("trace.symmetry", "needs dense hidden layers (network.layers[0] is " + s.network.layers[0].type + ")");
  // Staged training, a teacher and a curriculum step on their own objectives of dense networks
  // (run/stages.hpp, run/curriculum.hpp): not written for sequences or regression targets.
  if (is_sequence_dataset(s.dataset.name))
    for (const char* key : {"stages", "teacher", "curriculum"})
      if (r.has(key))
        r.fail(key, "is not available with the sequence data set \"" + s.dataset.name +
                        "\" (staged training, a teacher and a curriculum take point or given data)");
  if (s.dataset.classes == 0)
    for (const char* key : {"stages", "teacher", "curriculum"})
      if (r.has(key))
        r.fail(key, "is not available with regression targets (staged training, a teacher and a curriculum need class labels)");
  if (r.has("teacher")) {
    s.has_teacher = true;
    s.teacher = read_network(r.object("teacher"), s.dataset);
  }
  read_staged_training(r, s);  // stages, curriculum (run/stages_spec.cpp)
  for (std::size_t i = 0; i < s.network.layers.size(); ++i)
    if (s.network.layers[i].norm.name == "batch_norm" && s.batch_size < 2)
      r.fail("batch_size", "batch_norm (network.layers[" + std::to_string(i) +
                               "].norm) needs minibatches of at least 2 examples");
  read_changes(r, s);  // run/changes.hpp
  r.finish();
  return s;
}

}  // namespace optlab
