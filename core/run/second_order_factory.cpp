#include "run/second_order_factory.hpp"

#include "optim/bfgs.hpp"
#include "optim/conjugate_gradient.hpp"
#include "optim/coordinate_descent.hpp"
#include "optim/lbfgs.hpp"
#include "optim/newton.hpp"
#include "run/catalog.hpp"

namespace optlab {

namespace {

// Wolfe constants: 0 < c1 < c2 < 1 (defaults and ranges from the method's catalog entry).
LineSearchOptions read_wolfe(ObjectReader& r, const Entry& e, LineSearchOptions o) {
  o.c1 = r.number(e.option("c1"));
  o.c2 = r.number(e.option("c2"));
  if (!(o.c1 < o.c2)) r.fail("c2", "must be larger than c1 (" + Json(o.c1).dump() + ") for the strong Wolfe conditions");
  o.max_evaluations = static_cast<int>(r.integer(e.option("max_line_search")));
  return o;
}

bool read_exact(ObjectReader& r, const Entry& e) { return r.choice(e.option("line_search")) == "auto"; }

}  // namespace

template <typename T>
bool read_second_order(const OptimizerEntry& e, double default_lr, ObjectReader& r, OptimizerSetup<T>& setup) {
  if (e.kind != "second_order") return false;
  const std::string& name = e.name;
  // lr: Newton's step scale; for the line-search methods the length of the very first trial step
  // (and coordinate descent's first trial along a coordinate). Schedules do not apply.
  setup.schedule.lr = r.number(e.option("lr"), default_lr);
  setup.schedule.name = r.choice(e.option("schedule"));
  if (name == "newton") {
    NewtonOptions o;
    o.damping = r.number(e.option("damping"));
    o.line_search = r.boolean(e.option("line_search"));
    o.search = read_wolfe(r, e, o.search);
    setup.optimizer = std::make_unique<Newton<T>>(o);
  } else if (name == "cg") {
    ConjugateGradientOptions o;
    const std::string beta = r.choice(e.option("beta"));
    o.beta = beta == "fletcher_reeves" ? CgBeta::FletcherReeves
                                       : (beta == "polak_ribiere" ? CgBeta::PolakRibiere : CgBeta::PolakRibierePlus);
    o.restart = static_cast<int>(r.integer(e.option("restart")));
    o.exact_on_quadratics = read_exact(r, e);
    o.line_search = read_wolfe(r, e, o.line_search);
    setup.optimizer = std::make_unique<ConjugateGradient<T>>(o);
  } else if (name == "bfgs") {
    BfgsOptions o;
    o.exact_on_quadratics = read_exact(r, e);
    o.line_search = read_wolfe(r, e, o.line_search);
    setup.optimizer = std::make_unique<Bfgs<T>>(o);
  } else if (name == "lbfgs") {
    LbfgsOptions o;
    o.memory = static_cast<int>(r.integer(e.option("memory")));
    o.line_search = read_wolfe(r, e, o.line_search);
    setup.optimizer = std::make_unique<Lbfgs<T>>(o);
  } else {
    CoordinateDescentOptions o;
    o.random = r.choice(e.option("order")) == "random";
    o.seed = static_cast<std::uint64_t>(r.integer(e.option("seed")));
    o.line_search = read_wolfe(r, e, o.line_search);
    setup.optimizer = std::make_unique<CoordinateDescent<T>>(o);
  }
  return true;
}

template bool read_second_order<float>(const OptimizerEntry&, double, ObjectReader&, OptimizerSetup<float>&);
template bool read_second_order<double>(const OptimizerEntry&, double, ObjectReader&, OptimizerSetup<double>&);

}  // namespace optlab
