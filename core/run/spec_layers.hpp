// The parts of the experiment spec that describe layers: weight/bias initializers (`init`,
// `bias_init`, `output_init`, `output_bias_init`), normalization after a dense layer (`norm`), and
// the per-layer signal statistics (`trace.layers`).
//
//   "init": "he_normal"                                  a name: that initializer with its defaults
//   "init": {"name": "orthogonal", "gain": 1.4}          an object: name plus that initializer's params
//   "norm": "batch_norm" | "layer_norm" | "instance_norm" | "none"
//   "norm": {"name": "batch_norm", "momentum": 0.1, "eps": 1e-5}
//   "norm": {"name": "group_norm", "groups": 4, "eps": 1e-5}
//   "trace": {"layers": {"every": 100}}   or   {"layers": [0, 10, 100, 1000]}   or   {"layers": false}
#pragma once

#include <string>
#include <vector>

#include <memory>

#include "init/initializer.hpp"
#include "nn/layer.hpp"
#include "run/spec_reader.hpp"

namespace optlab {

struct NormSpec {
  std::string name = "none";  // none, batch_norm, group_norm, layer_norm, instance_norm
  double eps = 1e-5;
  double momentum = 0.1;  // batch_norm
  int groups = 0;         // group_norm (layer_norm: 1, instance_norm: the width)
};

struct LayerTraceSpec {
  bool enabled = false;
  long every = 0;           // every k steps from step 0 (0: use `steps`)
  std::vector<long> steps;  // explicit steps, ascending
  bool wants(long step) const;
  // Number of traced steps in [0, total] (for reserving storage).
  long count(long total) const;
};

// Most steps a run may trace (each stores a histogram per layer).
inline constexpr long kMaxTracedSteps = 2000;

struct Option;  // run/catalog.hpp

// Reads an initializer given as a name or as {"name", params}; writes its normalized form to *out.
// `v` may be absent (nullptr: the option's default applies); the allowed names are the option's
// choices (class_prior only for output_bias_init) and each initializer's parameters, defaults and
// ranges come from its catalog entry.
InitSpec read_init_value(const Json* v, const std::string& field, Json* out, const Option& option);
// The same for a layer's "norm" (a name, or {"name", options}).
NormSpec read_norm_value(const Json* v, const std::string& field, Json* out, const Option& option);
LayerTraceSpec read_layer_trace_value(const Json* v, const std::string& field, long steps);

// The normalization layer a NormSpec asks for over `width` features, or null for "none".
std::unique_ptr<Layer> make_norm_layer(const NormSpec& n, Index width);

}  // namespace optlab
