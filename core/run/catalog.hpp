// The catalog: every name the experiment spec accepts, and every option with its type, default,
// allowed range, unit, symbol (the lecture's) and a one-line meaning. It is the one source of
// truth about the spec: the spec reader (spec.cpp, optimizer_factory.cpp, surface_spec.cpp,
// spec_layers.cpp) takes its names, defaults and ranges from these tables, catalog_json() hands
// the same tables to the page and the command-line runners (`catalog` command), and
// scripts/make-schema.mjs turns that JSON into schema/experiment.schema.json. The JSON shape is
// the contract described in docs/catalog.md; tests/node/catalog.test.mjs probes both runners'
// validators at every option's edges, so the reader provably agrees with this file.
//
// Defaults that depend on the kind of run are not an Option's `def` (it stays null):
//   - optimizer.lr: OptimizerEntry::network_lr for networks, SurfaceEntry::lr[method] for surfaces;
//   - steps, log_every: Option::kind_defaults ({"network": …, "surface": …});
//   - problem.x0: the surface's own start point (SurfaceEntry's oracle, see catalog_json()).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "run/spec_reader.hpp"

namespace optlab {

enum class OptionType { Number, Integer, Boolean, String, Choice, NumberArray, ObjectArray, NumberMatrix, StringArray };

const char* option_type_name(OptionType t);

struct Option {
  std::string key;
  OptionType type = OptionType::Number;
  Json def;                        // null: no fixed default (kind-dependent or required)
  Range range = Range::any();      // numbers, integers and the items of a number array
  std::vector<std::string> choices;  // Choice: allowed names, in order
  std::string ref;                 // Choice: the catalog list the names come from ("schedules", …)
  int length = 0;                  // NumberArray of fixed length (0: any)
  std::string unit, symbol, meaning;
  std::string when_key;            // read only when the sibling `when_key` has one of when_values
  std::vector<std::string> when_values;
  Json extra = Json::object();     // keys the producer adds to the JSON (see docs/catalog.md)

  // Fluent setters, so the tables in catalog.cpp read as one line per option.
  Option& dflt(Json v) { def = std::move(v); return *this; }
  Option& in(Range r) { range = r; return *this; }
  Option& unit_(std::string u) { unit = std::move(u); return *this; }
  Option& sym(std::string s) { symbol = std::move(s); return *this; }
  Option& means(std::string m) { meaning = std::move(m); return *this; }
  Option& when(std::string key, std::vector<std::string> values) {
    when_key = std::move(key);
    when_values = std::move(values);
    return *this;
  }
  Option& with(const std::string& k, Json v) { extra[k] = std::move(v); return *this; }

  // Integer bounds (Integer options are closed intervals).
  long long lo() const { return static_cast<long long>(range.lo); }
  long long hi() const { return static_cast<long long>(range.hi); }
};

struct Entry {
  std::string name, meaning, source;
  std::vector<Option> options;
  // The option `key`; throws std::logic_error when the table has none (a programming error).
  const Option& option(const std::string& key) const;
  bool has_option(const std::string& key) const;
};

struct OptimizerEntry : Entry {
  std::string kind;       // "first_order" | "second_order"
  std::string algorithm;  // "Algorithm 8.7" (the book's), or "" beyond the book
  std::string pytorch;    // the PyTorch call with the same update
  double network_lr = 0;  // default ε of a network run (the reader's default)
};

struct SurfaceEntry : Entry {
  // Per optimizer name: a learning rate that does not diverge from the surface's start point with
  // the default options (measured: tests/native/catalog_test.cpp runs every first-order method).
  std::map<std::string, double> lr;
  // A surface the user defines ("formula"): no oracle for default options; loops over the built-in
  // surfaces skip it (builtin_surface_names()).
  bool user_function = false;
};

struct Catalog {
  std::vector<Option> spec;  // top-level scalar fields: seed, batch_size, shuffle, single_pass, steps, log_every
  std::vector<Entry> datasets;
  std::vector<SurfaceEntry> surfaces;
  std::vector<OptimizerEntry> optimizers;
  std::vector<Entry> schedules, averaging, initializers, norms, activations, losses;
  std::vector<Option> network, layer, trace;
  std::vector<Option> continuation;  // "continuation": the smoothed objective of run/continuation.hpp (surfaces)
  std::vector<Option> landscape;     // "landscape": line and plane of run/landscape.hpp (networks)
  std::vector<Option> racer, change;  // a racer object's own keys; a change's keys (run/race.hpp)
  // Staged training and curriculum (run/stages_spec.hpp): one stages[] item, its hint and distill
  // objects, the curriculum object.
  std::vector<Option> stage, hint, distill, curriculum;
  std::vector<Entry> readouts;  // "readout": {"name", …} specs (run/repeated_multiplication.hpp)
  std::string default_dataset = "spiral", default_optimizer = "sgd";  // when "name" is absent

  const Entry& dataset(const std::string& name) const;
  const SurfaceEntry& surface(const std::string& name) const;
  const OptimizerEntry& optimizer(const std::string& name) const;
  const Entry& schedule(const std::string& name) const;
  const Entry& average(const std::string& name) const;
  const Entry& initializer(const std::string& name) const;
  const Entry& norm(const std::string& name) const;
  const Entry& readout(const std::string& name) const;
  const Option& spec_option(const std::string& key) const;
  const Option& network_option(const std::string& key) const;
  const Option& layer_option(const std::string& key) const;
  const Option& trace_option(const std::string& key) const;
  const Option& continuation_option(const std::string& key) const;
  const Option& landscape_option(const std::string& key) const;
  const Option& stage_option(const std::string& key) const;
  const Option& hint_option(const std::string& key) const;
  const Option& distill_option(const std::string& key) const;
  const Option& curriculum_option(const std::string& key) const;
};

// The one catalog (built on first use, immutable afterwards).
const Catalog& catalog();

// The names of a list, in order (for choices and messages).
template <typename E>
std::vector<std::string> entry_names(const std::vector<E>& entries) {
  std::vector<std::string> v;
  v.reserve(entries.size());
  for (const E& e : entries) v.push_back(e.name);
  return v;
}

// A kind-dependent default of an option ("network" | "surface"); throws std::logic_error if absent.
double kind_default(const Option& o, const std::string& kind);

// The catalog as JSON text (the contract of docs/catalog.md), exactly what `optlab_native catalog`,
// `npm run -s optlab -- catalog` and lab.catalog() give. Surfaces carry their oracle (dim, x0, box,
// minimizers, saddles, f_min) for the default options.
std::string catalog_json();

}  // namespace optlab
