// The spec of a walk over a test surface: "problem" in place of "dataset" and "network".
//
//   {"seed": 7, "problem": {"name": "rosenbrock", "x0": [-1.2, 1]},
//    "optimizer": {"name": "bfgs"}, "steps": 100, "log_every": 1,
//    "trace": {"params": true, "curvature": true}}
//
// Network-only keys (dataset, network, batch_size, shuffle, trace.layers) are rejected with a
// message saying why. Every optimizer of the factory is accepted (read in double precision); an
// optimizer without "lr" gets the surface's rate for that method from the catalog.
#pragma once

#include <memory>

#include "problems/surface.hpp"
#include "run/spec.hpp"

namespace optlab {

// Reads everything after "seed" of a surface spec into s (s.problem, s.optimizer, steps, trace).
void read_surface_spec(ObjectReader& r, ExperimentSpec& s);

// trace.curvature: true/false or {"lanczos_steps": k}.
CurvatureTraceSpec read_curvature_trace(ObjectReader& t);

// Names accepted for problem.name (the catalog's surfaces, in order, "formula" included).
std::vector<std::string> problem_names();
// The built-in surfaces (problem_names() without the user-defined "formula"): each has an oracle
// and make_surface(name) builds it.
std::vector<std::string> builtin_surface_names();

// Registers the programs of formula `f` (problems/formula.hpp), as the JavaScript runners do
// before they pass a spec with {"name": "formula", "f": f}. programs_json is
// {"f": [postfix], "gradient": [[∂f/∂x], [∂f/∂y]], "hessian": [[∂²f/∂x²], [∂²f/∂x∂y], [∂²f/∂y²]]},
// each postfix program a list of numbers and names. Throws SpecError("problem.f", …) when malformed.
void register_formula_programs(const std::string& f, const std::string& programs_json);

// Reads a "problem" object (name, x0, the surface's options; names, defaults and ranges from the
// catalog) and builds the surface with its start point set to x0 (or the surface's default start).
// Throws SpecError naming the field.
std::unique_ptr<Surface> read_problem(ObjectReader& r, std::uint64_t seed);

// A surface with all options at their defaults (tests, benchmarks, the catalog's oracle).
std::unique_ptr<Surface> make_surface(const std::string& name, std::uint64_t seed = 7);

}  // namespace optlab
