#include "run/second_order_factory.hpp"

#include <algorithm>

#include "optim/bfgs.hpp"
#include "optim/conjugate_gradient.hpp"
#include "optim/coordinate_descent.hpp"
#include "optim/lbfgs.hpp"
#include "optim/newton.hpp"

namespace optlab {

const std::vector<std::string>& second_order_names() {
  static const std::vector<std::string> names = {"newton", "cg", "bfgs", "lbfgs", "coordinate_descent"};
  return names;
}

namespace {

// Wolfe constants: 0 < c1 < c2 < 1.
LineSearchOptions read_wolfe(ObjectReader& r, LineSearchOptions o) {
  o.c1 = r.number("c1", o.c1, Range::unit_open());
  o.c2 = r.number("c2", o.c2, Range::unit_open());
  if (!(o.c1 < o.c2)) r.fail("c2", "must be larger than c1 (" + Json(o.c1).dump() + ") for the strong Wolfe conditions");
  o.max_evaluations = static_cast<int>(r.integer("max_line_search", o.max_evaluations, 2, 1000));
  return o;
}

bool read_exact(ObjectReader& r) { return r.choice("line_search", "auto", {"auto", "wolfe"}) == "auto"; }

}  // namespace

template <typename T>
bool read_second_order(const std::string& name, ObjectReader& r, OptimizerSetup<T>& setup) {
  const auto& names = second_order_names();
  if (std::find(names.begin(), names.end(), name) == names.end()) return false;
  // lr: Newton's step scale; for the line-search methods the length of the very first trial step
  // (and coordinate descent's first trial along a coordinate). Schedules do not apply.
  setup.schedule.lr = r.number("lr", 1.0, Range::positive());
  setup.schedule.name = r.choice("schedule", "constant", {"constant"});
  if (name == "newton") {
    NewtonOptions o;
    o.damping = r.number("damping", 0.0, Range::non_negative());
    o.line_search = r.boolean("line_search", false);
    o.search = read_wolfe(r, o.search);
    setup.optimizer = std::make_unique<Newton<T>>(o);
  } else if (name == "cg") {
    ConjugateGradientOptions o;
    const std::string beta = r.choice("beta", "pr_plus", {"fletcher_reeves", "polak_ribiere", "pr_plus"});
    o.beta = beta == "fletcher_reeves" ? CgBeta::FletcherReeves
                                       : (beta == "polak_ribiere" ? CgBeta::PolakRibiere : CgBeta::PolakRibierePlus);
    o.restart = static_cast<int>(r.integer("restart", 0, 0, 1000000));
    o.exact_on_quadratics = read_exact(r);
    o.line_search = read_wolfe(r, o.line_search);
    setup.optimizer = std::make_unique<ConjugateGradient<T>>(o);
  } else if (name == "bfgs") {
    BfgsOptions o;
    o.exact_on_quadratics = read_exact(r);
    o.line_search = read_wolfe(r, o.line_search);
    setup.optimizer = std::make_unique<Bfgs<T>>(o);
  } else if (name == "lbfgs") {
    LbfgsOptions o;
    o.memory = static_cast<int>(r.integer("memory", 10, 1, 1000));
    o.line_search = read_wolfe(r, o.line_search);
    setup.optimizer = std::make_unique<Lbfgs<T>>(o);
  } else {
    CoordinateDescentOptions o;
    o.random = r.choice("order", "cyclic", {"cyclic", "random"}) == "random";
    o.seed = static_cast<std::uint64_t>(r.integer("seed", 1, 0, 9007199254740991LL));
    o.line_search = read_wolfe(r, o.line_search);
    setup.optimizer = std::make_unique<CoordinateDescent<T>>(o);
  }
  return true;
}

template bool read_second_order<float>(const std::string&, ObjectReader&, OptimizerSetup<float>&);
template bool read_second_order<double>(const std::string&, ObjectReader&, OptimizerSetup<double>&);

}  // namespace optlab
