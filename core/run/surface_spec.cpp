#include "run/surface_spec.hpp"

#include <cmath>
#include <cstdio>

#include "math/portable_math.hpp"
#include "problems/formula.hpp"
#include "run/catalog.hpp"
#include "run/changes.hpp"
#include "run/optimizer_factory.hpp"

namespace optlab {

CurvatureTraceSpec read_curvature_trace(ObjectReader& t) {
  CurvatureTraceSpec c;
  const Json* v = t.raw("curvature");
  if (!v) {
    t.out()["curvature"] = false;
    return c;
  }
  if (v->is_boolean()) {
    c.on = v->get<bool>();
    return c;
  }
  if (!v->is_object())
    t.fail("curvature", "must be true, false or {\"lanczos_steps\": k}, got " + describe_json(*v));
  c.on = true;
  Json normalized;
  ObjectReader cr(*v, t.field("curvature"), &normalized);
  const Json& k = catalog().trace_option("curvature").extra["object"]["options"][0];
  c.lanczos_steps = static_cast<int>(cr.integer(k["key"].get<std::string>(), k["default"].get<long long>(),
                                                k["min"].get<long long>(), k["max"].get<long long>()));
  cr.finish();
  t.out()["curvature"] = normalized;
  return c;
}

void read_surface_spec(ObjectReader& r, ExperimentSpec& s) {
  if (r.has("landscape"))
    r.fail("landscape", "slices a network's loss; a test surface is its own landscape (the contour view shows it)");
  for (const char* key : {"dataset", "network", "batch_size", "shuffle", "single_pass"})
    if (r.has(key))
      r.fail(key, std::string("a spec with \"problem\" walks a test surface and has no ") + key +
                      "; remove either \"problem\" or \"" + key + "\"");
  std::string surface;
  Index dim = 0;
  {
    ObjectReader p = r.object("problem");
    const std::unique_ptr<Surface> built = read_problem(p, s.seed);  // validates (name, x0, options); the run builds its own
    surface = built->name();
    dim = built->dim();
    s.problem = p.out();
  }
  {
    ObjectReader o = r.object("optimizer");
    read_optimizer<double>(o, surface);
    s.optimizer = o.out();
  }
  const Option& steps = catalog().spec_option("steps");
  const Option& log_every = catalog().spec_option("log_every");
  s.steps = static_cast<long>(r.integer(steps, static_cast<long long>(kind_default(steps, "surface"))));
  s.log_every = static_cast<long>(r.integer(log_every, static_cast<long long>(kind_default(log_every, "surface"))));
  s.continuation = read_continuation(r);
  // The M directions are an n × M table held by the run (twice: the method's and the readout's).
  constexpr long long kMaxContinuationTable = 1000000;
  if (s.continuation.on && static_cast<long long>(s.continuation.samples) * dim > kMaxContinuationTable)
    r.fail("continuation.samples", std::to_string(s.continuation.samples) + " directions of " + std::to_string(dim) +
                                       " variables exceed " + std::to_string(kMaxContinuationTable) +
                                       " numbers; use fewer samples");
  if (s.continuation.on && s.continuation.stages > s.steps)
    r.fail("continuation.stages", std::to_string(s.continuation.stages) + " stages need at least as many steps (steps is " +
                                      std::to_string(s.steps) + ")");
  {
    ObjectReader t = r.object("trace");
    s.trace.params = t.boolean(catalog().trace_option("params"));
    s.trace.curvature = read_curvature_trace(t);
    s.trace.step_length = t.boolean(catalog().trace_option("step_length"));
    s.trace.effective_lr = t.boolean(catalog().trace_option("effective_lr"));
    if (t.has("layers")) t.fail("layers", "layer statistics need a network; a test surface has none");
    t.finish();
  }
  read_changes(r, s);  // run/changes.hpp
  r.finish();
}

std::vector<std::string> problem_names() { return entry_names(catalog().surfaces); }

std::vector<std::string> builtin_surface_names() {
  std::vector<std::string> v;
  for (const SurfaceEntry& e : catalog().surfaces)
    if (!e.user_function) v.push_back(e.name);
  return v;
}

namespace {

FormulaProgram program_from_json(const Json& j, const std::string& what) {
  if (!j.is_array()) throw SpecError("problem.f", "the " + what + " program must be a list, got " + describe_json(j));
  std::vector<FormulaToken> tokens;
  tokens.reserve(j.size());
  for (const Json& t : j) {
    if (t.is_number()) tokens.push_back({true, t.get<double>(), ""});
    else if (t.is_string()) tokens.push_back({false, 0.0, t.get<std::string>()});
    else throw SpecError("problem.f", "the " + what + " program has an item that is neither a number nor a name: " + describe_json(t));
  }
  try {
    return FormulaProgram(tokens);
  } catch (const std::invalid_argument& e) {
    throw SpecError("problem.f", "the " + what + " program is malformed: " + e.what());
  }
}

}  // namespace

void register_formula_programs(const std::string& f, const std::string& programs_json) {
  if (f.size() > kMaxFormulaText)
    throw SpecError("problem.f", "has " + std::to_string(f.size()) + " characters; at most " + std::to_string(kMaxFormulaText));
  const Json j = parse_json_text(programs_json);
  if (!j.is_object() || !j.contains("f") || !j.contains("gradient") || !j.contains("hessian") ||
      !j["gradient"].is_array() || j["gradient"].size() != 2 || !j["hessian"].is_array() || j["hessian"].size() != 3)
    throw SpecError("problem.f", "the programs must be {\"f\": […], \"gradient\": [2 programs], \"hessian\": [3 programs]}");
  FormulaPrograms p;
  p.f = program_from_json(j["f"], "f");
  const char* g[2] = {"∂f/∂x", "∂f/∂y"};
  const char* h[3] = {"∂²f/∂x²", "∂²f/∂x∂y", "∂²f/∂y²"};
  for (int i = 0; i < 2; ++i) p.gradient[i] = program_from_json(j["gradient"][i], g[i]);
  for (int i = 0; i < 3; ++i) p.hessian[i] = program_from_json(j["hessian"][i], h[i]);
  register_formula(f, std::move(p));
}

namespace {

// Most variables of a sparse-coding problem: the dense Hessian of Newton's method grows as n².
constexpr long long kMaxSparseCodingDim = 2000;

// problem.view: [xmin, xmax, ymin, ymax], finite, xmin < xmax and ymin < ymax.
std::vector<double> read_view(ObjectReader& r, const Option& o) {
  std::vector<double> box = o.def.get<std::vector<double>>();
  const Json* v = r.raw(o.key);
  if (!v) {
    r.out()[o.key] = box;
    return box;
  }
  if (!v->is_array() || v->size() != 4)
    r.fail(o.key, "must be [xmin, xmax, ymin, ymax] (4 finite numbers), got " + describe_json(*v));
  for (std::size_t i = 0; i < 4; ++i) {
    const Json& x = (*v)[i];
    if (!x.is_number() || !std::isfinite(x.get<double>()))
      r.fail(o.key, "element " + std::to_string(i) + " must be a finite number, got " + describe_json(x));
    box[i] = x.get<double>();
  }
  if (!(box[0] < box[1])) r.fail(o.key, "needs xmin < xmax, got " + describe_json((*v)[0]) + " and " + describe_json((*v)[1]));
  if (!(box[2] < box[3])) r.fail(o.key, "needs ymin < ymax, got " + describe_json((*v)[2]) + " and " + describe_json((*v)[3]));
  return box;
}

// "formula": f's programs come from the registry the JavaScript runners fill (problems/formula.hpp).
std::unique_ptr<Surface> build_formula(ObjectReader& r, const SurfaceEntry& e) {
  if (!r.has("f"))
    r.fail("f", "is required: f(x, y) as a formula, for example \"(1 - x)^2 + 100*(y - x^2)^2\"");
  const Json* f = r.raw("f");
  if (!f->is_string()) r.fail("f", "must be a string (a formula in x and y), got " + describe_json(*f));
  const std::string text = f->get<std::string>();
  if (text.size() > kMaxFormulaText)
    r.fail("f", "has " + std::to_string(text.size()) + " characters; at most " + std::to_string(kMaxFormulaText));
  std::vector<double> view = read_view(r, e.option("view"));
  std::shared_ptr<const FormulaPrograms> programs = find_formula(text);
  if (!programs)
    r.fail("f", "a formula is parsed and differentiated by math.js in the JavaScript runners: run this spec in the "
                "page or with `npm run -s optlab -- run` (the native runner has no expression parser)");
  return make_formula(std::move(programs), std::move(view));
}

// A typed formula may be undefined where the user starts: f, ∇f and the Hessian must be finite at x0.
void check_formula_start(ObjectReader& r, const Surface& s) {
  const VecD& x = s.start();
  double g[2];
  const double f = s.eval(x.data(), g);
  MatD h(2, 2);
  s.eval_hessian(x.data(), h);
  auto show = [](double v) {
    if (std::isnan(v)) return std::string("NaN");
    if (std::isinf(v)) return std::string(v > 0 ? "+∞" : "−∞");
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return std::string(buf);
  };
  const std::string at = "(" + show(x(0)) + ", " + show(x(1)) + ")";
  std::string bad;
  if (!std::isfinite(f)) bad = "f = " + show(f);
  else if (!std::isfinite(g[0]) || !std::isfinite(g[1])) bad = "∇f = (" + show(g[0]) + ", " + show(g[1]) + ")";
  else if (!h.allFinite()) bad = "the Hessian has a non-finite entry (∂²f/∂x² = " + show(h(0, 0)) + ", ∂²f/∂x∂y = " + show(h(0, 1)) + ", ∂²f/∂y² = " + show(h(1, 1)) + ")";
  if (!bad.empty())
    r.fail("x0", "f is not defined at the start point " + at + ": " + bad + "; choose an x0 where f and its derivatives are finite");
}

// The surface's own options (every default and range from its catalog entry).
std::unique_ptr<Surface> build(ObjectReader& r, const SurfaceEntry& e, std::uint64_t seed) {
  const std::string& name = e.name;
  auto num = [&](const char* key) { return r.number(e.option(key)); };
  auto integer = [&](const char* key) { return static_cast<int>(r.integer(e.option(key))); };
  if (name == "quadratic") {
    std::vector<double> lam;
    if (r.has("eigenvalues")) {
      const Option& eig = e.option("eigenvalues");
      const std::size_t max_len = eig.extra["max_length"].get<std::size_t>();
      const Json* v = r.raw("eigenvalues");
      if (!v->is_array() || v->empty() || v->size() > max_len)
        r.fail("eigenvalues", "must be an array of 1 to " + std::to_string(max_len) + " finite numbers");
      for (std::size_t i = 0; i < v->size(); ++i) {
        const Json& x = (*v)[i];
        if (!x.is_number() || !std::isfinite(x.get<double>()))
          r.fail("eigenvalues", "element " + std::to_string(i) + " must be a finite number, got " + describe_json(x));
        lam.push_back(x.get<double>());
      }
      if (r.has("condition")) r.fail("condition", "give either eigenvalues or condition (with dim), not both");
      if (r.has("dim")) r.fail("dim", "is set by the length of eigenvalues; remove it");
    } else {
      const double kappa = num("condition");
      const int n = integer("dim");
      // λᵢ spread geometrically from 1 to κ, so the condition number is exactly κ.
      for (int i = 0; i < n; ++i) lam.push_back(n == 1 ? 1.0 : portable::pow(kappa, static_cast<double>(i) / (n - 1)));
    }
    return make_quadratic(lam, num("angle"));
  }
  if (name == "rosenbrock") {
    const double a = num("a");
    return make_rosenbrock(a, num("b"));
  }
  if (name == "beale") return make_beale();
  if (name == "booth") return make_booth();
  if (name == "himmelblau") return make_himmelblau();
  if (name == "saddle") return make_saddle();
  if (name == "monkey_saddle") return make_monkey_saddle();
  if (name == "cliff") {
    const double h = num("height"), s = num("steepness");
    return make_cliff(h, s, num("bowl"));
  }
  if (name == "rastrigin") {
    const int dim = integer("dim");
    return make_rastrigin(dim, num("A"));
  }
  if (name == "formula") return build_formula(r, e);
  if (name == "cd_counterexample") {
    const double alpha = num("alpha");
    return make_cd_counterexample(alpha, r.choice(e.option("variant")) == "lecture");
  }
  // sparse_coding
  const int features = integer("features"), atoms = integer("atoms"), samples = integer("samples");
  const double lambda = num("lambda"), noise = num("noise"), density = num("density");
  const long long n = static_cast<long long>(atoms) * (samples + features);
  if (n > kMaxSparseCodingDim)
    r.fail("samples", "atoms × (samples + features) = " + std::to_string(n) + " variables; at most " +
                          std::to_string(kMaxSparseCodingDim) + " (the dense Hessian of Newton's method grows as n²)");
  return make_sparse_coding(features, atoms, samples, lambda, noise, density, seed);
}

}  // namespace

std::unique_ptr<Surface> read_problem(ObjectReader& r, std::uint64_t seed) {
  const std::vector<std::string> names = problem_names();
  if (!r.has("name")) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    r.fail("name", "is required: one of " + list);
  }
  const std::string name = r.choice("name", "", names);
  const Json* x0 = r.raw("x0");
  std::unique_ptr<Surface> s = build(r, catalog().surface(name), seed);
  if (x0) {
    if (!x0->is_array())
      r.fail("x0", "must be an array of " + std::to_string(s->dim()) + " finite numbers, got " + describe_json(*x0));
    if (static_cast<Index>(x0->size()) != s->dim())
      r.fail("x0", "has " + std::to_string(x0->size()) + " elements but " + name + " has " + std::to_string(s->dim()) +
                       " variables");
    VecD x(s->dim());
    for (std::size_t i = 0; i < x0->size(); ++i) {
      const Json& v = (*x0)[i];
      if (!v.is_number()) r.fail("x0", "element " + std::to_string(i) + " must be a number, got " + describe_json(v));
      const double d = v.get<double>();
      if (!std::isfinite(d)) r.fail("x0", "element " + std::to_string(i) + " must be finite, got " + describe_json(v));
      x(static_cast<Index>(i)) = d;
    }
    s->set_start(x);
  } else {
    Json arr = Json::array();
    for (Index i = 0; i < s->dim(); ++i) arr.push_back(s->start()(i));
    r.out()["x0"] = arr;
  }
  if (name == "formula") check_formula_start(r, *s);
  r.finish();
  return s;
}

std::unique_ptr<Surface> make_surface(const std::string& name, std::uint64_t seed) {
  Json j = {{"name", name}};
  Json out;
  ObjectReader r(j, "problem", &out);
  return read_problem(r, seed);
}

}  // namespace optlab
