#include "run/surface_spec.hpp"

#include "problems/surface.hpp"
#include "run/optimizer_factory.hpp"

namespace optlab {

CurvatureTraceSpec read_curvature_trace(ObjectReader& t) {
  CurvatureTraceSpec c;
  const Json* v = t.raw("curvature");
  if (!v || v->is_null()) {
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
  c.lanczos_steps = static_cast<int>(cr.integer("lanczos_steps", 20, 2, 200));
  cr.finish();
  t.out()["curvature"] = normalized;
  return c;
}

void read_surface_spec(ObjectReader& r, ExperimentSpec& s) {
  for (const char* key : {"dataset", "network", "batch_size", "shuffle", "single_pass"})
    if (r.has(key))
      r.fail(key, std::string("a spec with \"problem\" walks a test surface and has no ") + key +
                      "; remove either \"problem\" or \"" + key + "\"");
  {
    ObjectReader p = r.object("problem");
    read_problem(p, s.seed);  // validates (name, x0, options); the run builds its own
    s.problem = p.out();
  }
  {
    ObjectReader o = r.object("optimizer");
    read_optimizer<double>(o);
    s.optimizer = o.out();
  }
  s.steps = static_cast<long>(r.integer("steps", 100, 1, 10000000));
  s.log_every = static_cast<long>(r.integer("log_every", 1, 1, 10000000));
  {
    ObjectReader t = r.object("trace");
    s.trace.params = t.boolean("params", false);
    s.trace.curvature = read_curvature_trace(t);
    if (t.has("layers")) t.fail("layers", "layer statistics need a network; a test surface has none");
    t.finish();
  }
  r.finish();
}

}  // namespace optlab
