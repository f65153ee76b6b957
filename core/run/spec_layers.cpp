#include "run/spec_layers.hpp"

#include <algorithm>

#include "nn/batch_norm.hpp"
#include "nn/group_norm.hpp"
#include "run/catalog.hpp"

namespace optlab {

namespace {

std::string name_list(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

}  // namespace

InitSpec read_init_value(const Json* v, const std::string& field, Json* out, const Option& option) {
  const std::vector<std::string>& names = option.choices;
  auto check_name = [&](const std::string& name, const std::string& where) {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      std::string hint = name == "class_prior" ? " (class_prior is only for output_bias_init)" : "";
      throw SpecError(where, "unknown initializer \"" + name + "\"" + hint + "; expected one of " + name_list(names));
    }
  };
  if (!v) {
    *out = option.def;
    return InitSpec(option.def.get<std::string>());
  }
  std::string name;
  ObjectReader* params = nullptr;
  Json empty = Json::object();
  Json scratch;
  ObjectReader from_name(empty, field, &scratch);
  std::unique_ptr<ObjectReader> from_object;
  if (v->is_string()) {
    name = v->get<std::string>();
    check_name(name, field);
    *out = name;
    params = &from_name;  // every parameter at its catalog default
  } else if (v->is_object()) {
    *out = Json::object();
    from_object = std::make_unique<ObjectReader>(*v, field, out);
    ObjectReader& r = *from_object;
    if (!r.has("name")) r.fail("name", "is required: one of " + name_list(names));
    const Json* nj = r.raw("name");
    if (!nj->is_string()) r.fail("name", "must be a string: one of " + name_list(names));
    name = nj->get<std::string>();
    check_name(name, r.field("name"));
    params = &r;
  } else {
    throw SpecError(field, "must be an initializer name or an object {\"name\": ..., parameters}, got " +
                               describe_json(*v));
  }
  ObjectReader& r = *params;
  const Entry& e = catalog().initializer(name);
  InitSpec s(name);
  if (name == "constant") {
    s.value = r.number(e.option("value"));
  } else if (name == "random_normal" || name == "truncated_normal") {
    s.mean = r.number(e.option("mean"));
    s.stddev = r.number(e.option("stddev"));
  } else if (name == "random_uniform") {
    s.minval = r.number(e.option("minval"));
    s.maxval = r.number(e.option("maxval"));
    if (!(s.minval < s.maxval)) r.fail("maxval", "must be larger than minval");
  } else if (name == "variance_scaling") {
    s.scale = r.number(e.option("scale"));
    parse_fan_mode(r.choice(e.option("mode")), &s.mode);
    parse_distribution(r.choice(e.option("distribution")), &s.distribution);
  } else if (name == "orthogonal" || name == "identity") {
    s.gain = r.number(e.option("gain"));
  } else if (name == "sparse") {
    s.k = static_cast<int>(r.integer(e.option("k")));
    s.stddev = r.number(e.option("stddev"));
  }
  r.finish();
  return s;
}

NormSpec read_norm_value(const Json* v, const std::string& field, Json* out, const Option& option) {
  NormSpec n;
  const std::vector<std::string>& names = option.choices;
  if (!v) {
    *out = option.def;
    n.name = option.def.get<std::string>();
    return n;
  }
  auto check = [&](const std::string& name, const std::string& where) {
    if (std::find(names.begin(), names.end(), name) == names.end())
      throw SpecError(where, "unknown normalization \"" + name + "\"; expected one of " + name_list(names));
  };
  Json empty = Json::object();
  Json scratch;
  std::unique_ptr<ObjectReader> reader;
  if (v->is_string()) {
    n.name = v->get<std::string>();
    check(n.name, field);
    if (n.name == "group_norm")
      throw SpecError(field, "group_norm needs its number of groups: {\"name\": \"group_norm\", \"groups\": G}");
    *out = n.name;
    reader = std::make_unique<ObjectReader>(empty, field, &scratch);  // every option at its catalog default
  } else if (v->is_object()) {
    *out = Json::object();
    reader = std::make_unique<ObjectReader>(*v, field, out);
    n.name = reader->choice("name", option.def.get<std::string>(), names);
  } else {
    throw SpecError(field, "must be one of " + name_list(names) + " or an object {\"name\": ..., options}, got " +
                               describe_json(*v));
  }
  ObjectReader& r = *reader;
  const Entry& e = catalog().norm(n.name);
  if (e.has_option("eps")) n.eps = r.number(e.option("eps"));
  if (e.has_option("momentum")) n.momentum = r.number(e.option("momentum"));
  if (e.has_option("groups")) {
    if (!r.has("groups")) r.fail("groups", "is required for group_norm (an integer that divides the units)");
    n.groups = static_cast<int>(r.integer(e.option("groups"), 1));
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
    const Json& every = catalog().trace_option("layers").extra["object"]["options"][0];
    t.every = static_cast<long>(r.integer(every["key"].get<std::string>(), every["default"].get<long long>(),
                                          every["min"].get<long long>(), every["max"].get<long long>()));
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
