#include "run/spec_layers.hpp"

#include <algorithm>

#include "nn/batch_norm.hpp"
#include "nn/group_norm.hpp"

namespace optlab {

namespace {

std::string name_list(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

std::vector<std::string> allowed_inits(bool allow_class_prior) {
  std::vector<std::string> names = initializer_names();
  if (!allow_class_prior) names.erase(std::remove(names.begin(), names.end(), "class_prior"), names.end());
  return names;
}

// The defaults of an initializer that differ from InitSpec's (Keras's, or Martens's for sparse).
InitSpec init_defaults(const std::string& name) {
  InitSpec s(name);
  if (name == "sparse") s.stddev = 1.0;
  return s;
}

const std::vector<std::string> kNormNames = {"none", "batch_norm", "group_norm", "layer_norm", "instance_norm"};

}  // namespace

InitSpec read_init_value(const Json* v, const std::string& field, Json* out, const InitSpec& def,
                         bool allow_class_prior) {
  const std::vector<std::string> names = allowed_inits(allow_class_prior);
  auto check_name = [&](const std::string& name, const std::string& where) {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      std::string hint = name == "class_prior" ? " (class_prior is only for output_bias_init)" : "";
      throw SpecError(where, "unknown initializer \"" + name + "\"" + hint + "; expected one of " + name_list(names));
    }
  };
  if (!v) {
    *out = def.name;
    return def;
  }
  if (v->is_string()) {
    const std::string name = v->get<std::string>();
    check_name(name, field);
    *out = name;
    return init_defaults(name);
  }
  if (!v->is_object())
    throw SpecError(field, "must be an initializer name or an object {\"name\": ..., parameters}, got " +
                               describe_json(*v));
  *out = Json::object();
  ObjectReader r(*v, field, out);
  if (!r.has("name")) r.fail("name", "is required: one of " + name_list(names));
  const Json* nj = r.raw("name");
  if (!nj->is_string()) r.fail("name", "must be a string: one of " + name_list(names));
  const std::string name = nj->get<std::string>();
  check_name(name, r.field("name"));
  InitSpec s = init_defaults(name);
  if (name == "constant") {
    s.value = r.number("value", 0.0);
  } else if (name == "random_normal" || name == "truncated_normal") {
    s.mean = r.number("mean", s.mean);
    s.stddev = r.number("stddev", s.stddev, Range::positive());
  } else if (name == "random_uniform") {
    s.minval = r.number("minval", s.minval);
    s.maxval = r.number("maxval", s.maxval);
    if (!(s.minval < s.maxval)) r.fail("maxval", "must be larger than minval");
  } else if (name == "variance_scaling") {
    s.scale = r.number("scale", s.scale, Range::positive());
    parse_fan_mode(r.choice("mode", "fan_in", {"fan_in", "fan_out", "fan_avg"}), &s.mode);
    parse_distribution(r.choice("distribution", "truncated_normal", {"truncated_normal", "untruncated_normal", "uniform"}),
                       &s.distribution);
  } else if (name == "orthogonal" || name == "identity") {
    s.gain = r.number("gain", 1.0, Range::positive());
  } else if (name == "sparse") {
    s.k = static_cast<int>(r.integer("k", 15, 1, 4096));
    s.stddev = r.number("stddev", 1.0, Range::positive());
  }
  r.finish();
  return s;
}

NormSpec read_norm_value(const Json* v, const std::string& field, Json* out) {
  NormSpec n;
  if (!v) {
    *out = "none";
    return n;
  }
  auto check = [&](const std::string& name, const std::string& where) {
    if (std::find(kNormNames.begin(), kNormNames.end(), name) == kNormNames.end())
      throw SpecError(where, "unknown normalization \"" + name + "\"; expected one of " + name_list(kNormNames));
  };
  if (v->is_string()) {
    n.name = v->get<std::string>();
    check(n.name, field);
    if (n.name == "group_norm")
      throw SpecError(field, "group_norm needs its number of groups: {\"name\": \"group_norm\", \"groups\": G}");
    *out = n.name;
    return n;
  }
  if (!v->is_object())
    throw SpecError(field, "must be one of " + name_list(kNormNames) + " or an object {\"name\": ..., options}, got " +
                               describe_json(*v));
  *out = Json::object();
  ObjectReader r(*v, field, out);
  n.name = r.choice("name", "none", kNormNames);
  if (n.name != "none") n.eps = r.number("eps", 1e-5, Range::positive());
  if (n.name == "batch_norm") n.momentum = r.number("momentum", 0.1, Range::closed(0.0, 1.0));
  if (n.name == "group_norm") {
    if (!r.has("groups")) r.fail("groups", "is required for group_norm (an integer that divides the units)");
    n.groups = static_cast<int>(r.integer("groups", 1, 1, 4096));
  }
  r.finish();
  return n;
}

bool LayerTraceSpec::wants(long step) const {
  if (!enabled) return false;
  if (every > 0) return step % every == 0;
  return std::binary_search(steps.begin(), steps.end(), step);
}

long LayerTraceSpec::count(long total) const {
  if (!enabled) return 0;
  if (every > 0) return total / every + 1;
  return static_cast<long>(std::count_if(steps.begin(), steps.end(), [&](long s) { return s <= total; }));
}

LayerTraceSpec read_layer_trace_value(const Json* v, const std::string& field, long steps) {
  LayerTraceSpec t;
  if (!v || (v->is_boolean() && !v->get<bool>())) return t;
  const std::string shape = "must be false, {\"every\": k} or an array of steps";
  if (v->is_object()) {
    Json scratch;
    ObjectReader r(*v, field, &scratch);
    t.every = static_cast<long>(r.integer("every", 100, 1, 10000000));
    r.finish();
  } else if (v->is_array()) {
    for (std::size_t i = 0; i < v->size(); ++i) {
      const Json& s = (*v)[i];
      const std::string f = field + "[" + std::to_string(i) + "]";
      if (!s.is_number_integer() && !(s.is_number() && s.get<double>() == static_cast<double>(static_cast<long>(s.get<double>()))))
        throw SpecError(f, "must be a step number (an integer ≥ 0), got " + describe_json(s));
      const long step = static_cast<long>(s.get<double>());
      if (step < 0 || step > steps)
        throw SpecError(f, "step " + std::to_string(step) + " is outside the run's steps [0, " + std::to_string(steps) + "]");
      t.steps.push_back(step);
    }
    std::sort(t.steps.begin(), t.steps.end());
    t.steps.erase(std::unique(t.steps.begin(), t.steps.end()), t.steps.end());
    if (t.steps.empty()) return t;
  } else {
    throw SpecError(field, shape + ", got " + describe_json(*v));
  }
  t.enabled = true;
  if (t.count(steps) > kMaxTracedSteps)
    throw SpecError(t.every > 0 ? field + ".every" : field,
                    "would record " + std::to_string(t.count(steps)) + " steps; at most " +
                        std::to_string(kMaxTracedSteps) + " (use every ≥ " +
                        std::to_string(steps / (kMaxTracedSteps - 1) + 1) + ")");
  return t;
}

std::unique_ptr<Layer> make_norm_layer(const NormSpec& n, Index width) {
  if (n.name == "batch_norm") return std::make_unique<BatchNorm>(width, BatchNormOptions{n.eps, n.momentum});
  if (n.name == "group_norm") return std::make_unique<GroupNorm>(width, GroupNormOptions{n.groups, n.eps, n.name});
  if (n.name == "layer_norm") return std::make_unique<GroupNorm>(width, GroupNormOptions{1, n.eps, n.name});
  if (n.name == "instance_norm")
    return std::make_unique<GroupNorm>(width, GroupNormOptions{static_cast<int>(width), n.eps, n.name});
  return nullptr;
}

}  // namespace optlab
