#include "run/race.hpp"

#include <algorithm>

#include "run/catalog.hpp"
#include "run/spec_limits.hpp"
#include "run/validate.hpp"

namespace optlab {

namespace {

// The racers together may hold this many times what one run may (run/spec_limits.hpp): the page
// keeps every racer's trace, and with one worker all of them share one wasm heap.
constexpr double kRaceLimitFactor = 2.0;

// A value in a label: strings bare (adam), everything else as JSON (0.01, [0.9,0.99]).
std::string label_value(const Json& v) { return v.is_string() ? v.get<std::string>() : describe_json(v); }

std::string at(const std::string& list, std::size_t i) { return list + "[" + std::to_string(i) + "]"; }

// Rethrows a racer spec's error under the racer's path; its changes' errors under their place in
// the spec's top-level list (change j of racer i is the spec's change change_index[j]).
[[noreturn]] void rethrow_for_racer(const SpecError& e, std::size_t i, const std::vector<std::size_t>& change_index) {
  const std::string& f = e.field();
  const std::string message = std::string(e.what()).substr(f.empty() ? 0 : f.size() + 2);
  if (f.rfind("changes[", 0) == 0) {
    const std::size_t close = f.find(']');
    const std::size_t j = static_cast<std::size_t>(std::stoul(f.substr(8, close - 8)));
    if (j < change_index.size()) throw SpecError(at("changes", change_index[j]) + f.substr(close + 1), message);
  }
  throw SpecError(f.empty() || f == "spec" ? at("racers", i) : at("racers", i) + "." + f, message);
}

// A short text of what racer i sets differently from the base, for its default label: the
// racer's leaves whose normalized value differs from the base's, as "key=value" ("lr=0.01",
// "optimizer=adam", "layers[0].init=he_normal"), joined by ", ", cut to kMaxLabelBytes; when
// nothing differs, what the racer sets; "base" for an empty racer.
void describe_patch(const Json& patch, const Json& base, const std::string& path, std::vector<std::string>& out) {
  if (patch.is_object()) {
    static const Json kNull;
    auto base_of = [&](const std::string& key) -> const Json& {
      return base.is_object() && base.contains(key) ? base[key] : kNull;
    };
    // The name first ("optimizer=momentum, momentum=0.5"), then the options.
    if (patch.contains("name") && base_of("name") != patch["name"])
      out.push_back((path.empty() ? std::string("name") : path) + "=" + label_value(patch["name"]));
    for (auto it = patch.begin(); it != patch.end(); ++it)
      if (it.key() != "name") describe_patch(*it, base_of(it.key()), path.empty() ? it.key() : path + "." + it.key(), out);
    return;
  }
  if (patch.is_array() && base.is_array() && patch.size() == base.size() &&
      std::all_of(patch.begin(), patch.end(), [](const Json& v) { return v.is_object(); })) {
    for (std::size_t i = 0; i < patch.size(); ++i) describe_patch(patch[i], base[i], at(path, i), out);
    return;
  }
  if (patch != base) out.push_back(path + "=" + label_value(patch));
}

std::string default_label(const Json& patch, const Json& base_normalized) {
  std::vector<std::string> found;
  describe_patch(patch, base_normalized, "", found);
  // A racer that sets only the base's own values: name what it sets ("batch_size=16").
  if (found.empty()) describe_patch(patch, Json(), "", found);
  // The same difference in several layers once: "layers[*].init=he_normal".
  std::vector<std::pair<std::string, std::string>> parts;  // {with [*], as found}
  for (const std::string& f : found) {
    std::string starred;
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (f[i] == '[' && f.find(']', i) != std::string::npos && f.find('=') > i) {
        starred += "[*]";
        i = f.find(']', i);
      } else {
        starred += f[i];
      }
    }
    auto same = std::find_if(parts.begin(), parts.end(), [&](const auto& p) { return p.first == starred; });
    if (same == parts.end())
      parts.emplace_back(starred, f);
    else
      same->second = starred;
  }
  std::string label;
  for (const auto& part : parts) {
    std::string p = part.second;
    // "optimizer.lr=0.01" → "lr=0.01", "network.layers[0].init=…" → "layers[0].init=…": the
    // top-level object is clear from the key; a top-level key or a name stays whole.
    const std::size_t dot = p.find('.');
    if (dot != std::string::npos && dot < p.find('=')) p = p.substr(dot + 1);
    label += (label.empty() ? "" : ", ") + p;
  }
  if (label.empty()) return "base";
  return printable_text(label, kMaxLabelBytes);
}

void check_race_totals(const std::vector<ResourceNeeds>& needs) {
  double params = 0, activations = 0, trace = 0, work = 0;
  for (const ResourceNeeds& n : needs) {
    params += n.params;
    activations += n.activation_values();
    trace += n.trace_values();
    work += n.curvature_work;
  }
  auto limit = [&](double need, double one_run, const std::string& what) {
    if (need > kRaceLimitFactor * one_run)
      throw SpecError("racers", "the racers together need " + what + " = " + format_number(need) + "; at most " +
                                    format_number(kRaceLimitFactor * one_run) +
                                    " fit in one race. Use fewer racers, smaller networks or a larger log_every.");
  };
  limit(params, kMaxParameters, "parameters");
  limit(activations, kMaxActivationValues, "activation values held at once");
  limit(trace, kMaxTraceValues, "trace values");
  limit(work, kMaxCurvatureWork, "curvature-readout work (multiply-adds)");
}

}  // namespace

bool has_racers(const Json& spec) { return spec.is_object() && spec.contains("racers"); }

Json merge_racer(const Json& target, const Json& patch) {
  if (!patch.is_object()) return patch;  // arrays and scalars replace
  // The name rule: a different "name" means a different method or data set; start from {}.
  const bool renamed = patch.contains("name") && !(target.is_object() && target.contains("name") &&
                                                    target["name"] == patch["name"]);
  Json out = target.is_object() && !renamed ? target : Json::object();
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    if (it->is_null())
      out.erase(it.key());
    else
      out[it.key()] = merge_racer(out.contains(it.key()) ? out[it.key()] : Json(), *it);
  }
  return out;
}

std::vector<RacerSpec> expand_race(const Json& spec) {
  if (!has_racers(spec)) {
    ExperimentSpec s = parse_spec_value(spec);
    check_resource_limits(s);
    return {RacerSpec{0, "", spec}};
  }
  const Json& racers = spec["racers"];
  if (!racers.is_array() || racers.empty() || racers.size() > static_cast<std::size_t>(kMaxRacers))
    throw SpecError("racers", "must be a list of 1 to " + std::to_string(kMaxRacers) +
                                  " racer objects (each a partial spec with an optional \"label\"), got " +
                                  describe_json(racers));
  Json base = spec;
  base.erase("racers");
  base.erase("changes");
  const ExperimentSpec base_spec = parse_spec_value(base);
  check_resource_limits(base_spec);
  const bool surface_race = !base_spec.problem.is_null();

  // The top-level changes, each naming its racer.
  const Json changes = spec.contains("changes") ? spec["changes"] : Json::array();
  if (!changes.is_array()) throw SpecError("changes", "must be a list of change objects, got " + describe_json(changes));
  std::vector<int> change_racer(changes.size());
  for (std::size_t k = 0; k < changes.size(); ++k) {
    const Json& c = changes[k];
    if (!c.is_object()) throw SpecError(at("changes", k), "must be an object {\"step\", \"racer\", \"set\"}, got " + describe_json(c));
    const Json* r = c.contains("racer") ? &c["racer"] : nullptr;
    if (!r) throw SpecError(at("changes", k) + ".racer", "is required in a spec with racers (the index of the racer it changes)");
    if (!r->is_number_integer() || r->get<long long>() < 0 || r->get<long long>() >= static_cast<long long>(racers.size()))
      throw SpecError(at("changes", k) + ".racer", "must be an integer in [0, " + std::to_string(racers.size() - 1) +
                                                       "] (a racer's index), got " + describe_json(*r));
    change_racer[k] = r->get<int>();
  }

  std::vector<RacerSpec> out;
  std::vector<ResourceNeeds> needs;
  for (std::size_t i = 0; i < racers.size(); ++i) {
    const Json& racer = racers[i];
    const std::string path = at("racers", i);
    if (!racer.is_object())
      throw SpecError(path, "must be an object (a partial spec merged over the base spec), got " + describe_json(racer));
    for (const char* key : {"racers", "changes", "racer"})
      if (racer.contains(key))
        throw SpecError(path + "." + key, std::string(key) == "changes"
                                              ? "a racer's changes go in the spec's top-level \"changes\" with \"racer\": " + std::to_string(i)
                                              : "a racer cannot contain " + std::string(key));
    Json patch = racer;
    std::string label;
    if (racer.contains("label")) {
      const Json& l = racer["label"];
      if (!l.is_string() || l.get<std::string>().empty() || l.get<std::string>().size() > kMaxLabelBytes)
        throw SpecError(path + ".label", "must be a non-empty string of at most " + std::to_string(kMaxLabelBytes) +
                                             " bytes, got " + describe_json(l));
      label = l.get<std::string>();
      patch.erase("label");
    }
    Json merged = merge_racer(base, patch);
    if (merged.is_object() && merged.contains("problem") != surface_race)
      throw SpecError(path + (surface_race ? ".problem" : ".problem"),
                      std::string("all racers are of one kind: the base spec ") +
                          (surface_race ? "walks a test surface (\"problem\"), this racer trains a network"
                                        : "trains a network, this racer walks a test surface (\"problem\")"));
    std::vector<std::size_t> change_index;
    Json own = Json::array();
    for (std::size_t k = 0; k < changes.size(); ++k) {
      if (change_racer[k] != static_cast<int>(i)) continue;
      Json c = changes[k];
      c.erase("racer");
      own.push_back(std::move(c));
      change_index.push_back(k);
    }
    if (!own.empty()) merged["changes"] = std::move(own);
    try {
      const ExperimentSpec s = parse_spec_value(merged);
      check_resource_limits(s);
      needs.push_back(resource_needs(s));
    } catch (const SpecError& e) {
      rethrow_for_racer(e, i, change_index);
    }
    if (label.empty()) label = default_label(patch, base_spec.normalized);
    out.push_back(RacerSpec{static_cast<int>(i), std::move(label), std::move(merged)});
  }
  check_race_totals(needs);
  return out;
}

std::string expand_race_json(const std::string& text) noexcept {
  std::string result;
  const std::string error = catch_all("spec", [&] {
    Json list = Json::array();
    for (RacerSpec& r : expand_race(parse_json_text(text)))
      list.push_back(Json{{"index", r.index}, {"label", r.label}, {"spec", std::move(r.spec)}});
    result = Json{{"ok", true}, {"racers", std::move(list)}}.dump(-1, ' ', false, Json::error_handler_t::replace);
  });
  return error.empty() ? result : error;
}

std::string racer_line(const std::string& line, int index, const std::string& label) {
  nlohmann::ordered_json tag;
  tag["racer"] = index;
  tag["label"] = label;
  std::string out = tag.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  out.pop_back();  // the closing brace: the line's own fields follow
  return out + "," + line.substr(1);
}

}  // namespace optlab
