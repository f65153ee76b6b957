// The spec of a walk over a test surface: "problem" in place of "dataset" and "network".
//
//   {"seed": 7, "problem": {"name": "rosenbrock", "x0": [-1.2, 1]},
//    "optimizer": {"name": "bfgs"}, "steps": 100, "log_every": 1,
//    "trace": {"params": true, "curvature": true}}
//
// Network-only keys (dataset, network, batch_size, shuffle, trace.layers) are rejected with a
// message saying why. Every optimizer of the factory is accepted (read in double precision).
#pragma once

#include "run/spec.hpp"

namespace optlab {

// Reads everything after "seed" of a surface spec into s (s.problem, s.optimizer, steps, trace).
void read_surface_spec(ObjectReader& r, ExperimentSpec& s);

// trace.curvature: true/false or {"lanczos_steps": k}.
CurvatureTraceSpec read_curvature_trace(ObjectReader& t);

}  // namespace optlab
