#include "run/optimizer_factory.hpp"

#include "optim/adadelta.hpp"
#include "optim/adagrad.hpp"
#include "optim/adam.hpp"
#include "optim/adamw.hpp"
#include "optim/amsgrad.hpp"
#include "optim/first_order.hpp"
#include "optim/momentum.hpp"
#include "optim/nadam.hpp"
#include "optim/nesterov.hpp"
#include "optim/rmsprop.hpp"
#include "optim/rmsprop_nesterov.hpp"
#include "optim/sgd.hpp"
#include "run/catalog.hpp"
#include "run/second_order_factory.hpp"

namespace optlab {

const std::vector<std::string>& optimizer_names() {
  static const std::vector<std::string> names = entry_names(catalog().optimizers);
  return names;
}

namespace {

GradientOptions read_gradient_options(ObjectReader& r, const Entry& e) {
  GradientOptions g;
  if (e.name != "adamw") g.weight_decay = r.number(e.option("weight_decay"));  // AdamW's is its decoupled decay
  g.clip_value = r.number(e.option("clip_value"));
  g.clip_norm = r.number(e.option("clip_norm"));
  return g;
}

LearningRateSchedule read_schedule(ObjectReader& r, const Entry& e, double default_lr) {
  LearningRateSchedule s;
  s.lr = r.number(e.option("lr"), default_lr);
  s.name = r.choice(e.option("schedule"));
  const Entry& sched = catalog().schedule(s.name);
  if (sched.has_option("lr_final")) {
    const Option& f = sched.option("lr_final");
    s.lr_final = r.number(f, s.lr * f.extra["default_factor"]["factor"].get<double>());
  }
  if (sched.has_option("tau")) s.tau = static_cast<double>(r.integer(sched.option("tau")));
  if (sched.has_option("step_size")) s.step_size = static_cast<long>(r.integer(sched.option("step_size")));
  if (sched.has_option("gamma")) s.gamma = r.number(sched.option("gamma"));
  if (e.has_option("warmup_steps")) {
    s.warmup_steps = static_cast<long>(r.integer(e.option("warmup_steps")));
    if (s.warmup_steps > 0) s.warmup_start_factor = r.number(e.option("warmup_start_factor"));
  }
  return s;
}

// Adam's decay rates: `betas: [ρ₁, ρ₂]` as PyTorch (and the page) write them, or the aliases
// `beta1`/`beta2`; ranges from the catalog. The normalized spec keeps the form it was given.
void read_betas(ObjectReader& r, const Entry& e, double& beta1, double& beta2) {
  const Option& betas = e.option("betas");
  const bool split = r.has("beta1") || r.has("beta2");
  if (split && r.has("betas")) r.fail("betas", "give either betas [beta1, beta2] or beta1/beta2, not both");
  if (split) {
    r.allow("betas");
    beta1 = r.number(e.option("beta1"));
    beta2 = r.number(e.option("beta2"));
    return;
  }
  r.allow("beta1");
  r.allow("beta2");
  beta1 = betas.def[0].get<double>();
  beta2 = betas.def[1].get<double>();
  const Json* b = r.raw("betas");
  const std::string items = "each " + betas.range.describe();
  if (b) {
    if (!b->is_array() || b->size() != static_cast<std::size_t>(betas.length))
      r.fail("betas", "must be an array of two numbers [beta1, beta2], " + items + ", got " + describe_json(*b));
    double* out[2] = {&beta1, &beta2};
    for (int i = 0; i < 2; ++i) {
      const Json& v = (*b)[static_cast<std::size_t>(i)];
      const std::string key = "betas[" + std::to_string(i) + "]";
      if (!v.is_number()) r.fail(key, "must be a number " + betas.range.describe() + ", got " + describe_json(v));
      const double x = v.get<double>();
      if (!betas.range.contains(x)) r.fail(key, "must be " + betas.range.describe() + ", got " + describe_json(v));
      *out[i] = x;
    }
  }
  r.out()["betas"] = Json::array({beta1, beta2});
}

template <typename T>
OptimizerSetup<T> read_optimizer_options(ObjectReader& r, const std::string& surface);

AdamOptions read_adam(ObjectReader& r, const Entry& e) {
  AdamOptions a;
  read_betas(r, e, a.beta1, a.beta2);
  a.eps = r.number(e.option("eps"));
  return a;
}

}  // namespace

template <typename T>
OptimizerSetup<T> read_optimizer(ObjectReader& r, const std::string& surface) {
  try {
    return read_optimizer_options<T>(r, surface);
  } catch (const OptionError& e) {
    // An options struct refused a value (its constructor checks it): add the field's path.
    r.fail(e.key(), e.message());
  }
}

template OptimizerSetup<float> read_optimizer<float>(ObjectReader&, const std::string&);
template OptimizerSetup<double> read_optimizer<double>(ObjectReader&, const std::string&);

namespace {

template <typename T>
OptimizerSetup<T> read_optimizer_options(ObjectReader& r, const std::string& surface) {
  OptimizerSetup<T> setup;
  const std::string name = r.choice("name", catalog().default_optimizer, optimizer_names());
  const OptimizerEntry& e = catalog().optimizer(name);
  const double default_lr = surface.empty() ? e.network_lr : catalog().surface(surface).lr.at(name);
  auto num = [&](const char* key) { return r.number(e.option(key)); };
  if (read_second_order<T>(e, default_lr, r, setup)) {
    // newton, cg, bfgs, lbfgs, coordinate_descent (run/second_order_factory.cpp)
  } else if (name == "sgd") {
    setup.schedule = read_schedule(r, e, default_lr);
    setup.optimizer = std::make_unique<Sgd<T>>(read_gradient_options(r, e));
  } else if (name == "momentum" || name == "nesterov") {
    setup.schedule = read_schedule(r, e, default_lr);
    const double alpha = num("momentum");
    if (name == "momentum")
      setup.optimizer = std::make_unique<Momentum<T>>(MomentumOptions{alpha}, read_gradient_options(r, e));
    else
      setup.optimizer = std::make_unique<Nesterov<T>>(NesterovOptions{alpha}, read_gradient_options(r, e));
  } else if (name == "adagrad") {
    setup.schedule = read_schedule(r, e, default_lr);
    AdagradOptions o;
    o.eps = num("eps");
    setup.optimizer = std::make_unique<Adagrad<T>>(o, read_gradient_options(r, e));
  } else if (name == "rmsprop") {
    setup.schedule = read_schedule(r, e, default_lr);
    RmspropOptions o;
    o.rho = num("rho");
    o.eps = num("eps");
    o.eps_inside_sqrt = r.boolean(e.option("eps_inside_sqrt"));
    setup.optimizer = std::make_unique<Rmsprop<T>>(o, read_gradient_options(r, e));
  } else if (name == "rmsprop_nesterov") {
    setup.schedule = read_schedule(r, e, default_lr);
    RmspropNesterovOptions o;
    o.rho = num("rho");
    o.momentum = num("momentum");
    o.eps = num("eps");
    setup.optimizer = std::make_unique<RmspropNesterov<T>>(o, read_gradient_options(r, e));
  } else if (name == "adam" || name == "amsgrad") {
    setup.schedule = read_schedule(r, e, default_lr);
    const AdamOptions o = read_adam(r, e);
    if (name == "adam")
      setup.optimizer = std::make_unique<Adam<T>>(o, read_gradient_options(r, e));
    else
      setup.optimizer = std::make_unique<Amsgrad<T>>(o, read_gradient_options(r, e));
  } else if (name == "adamw") {
    setup.schedule = read_schedule(r, e, default_lr);
    const AdamOptions o = read_adam(r, e);
    // AdamW's weight_decay is its decoupled decay (PyTorch's meaning), not the L2 term.
    const double lambda = num("weight_decay");
    setup.optimizer = std::make_unique<AdamW<T>>(o, lambda, read_gradient_options(r, e));
  } else if (name == "nadam") {
    setup.schedule = read_schedule(r, e, default_lr);
    const AdamOptions a = read_adam(r, e);
    NadamOptions o{a.beta1, a.beta2, a.eps, num("momentum_decay")};
    setup.optimizer = std::make_unique<Nadam<T>>(o, read_gradient_options(r, e));
  } else if (name == "adadelta") {
    setup.schedule = read_schedule(r, e, default_lr);
    AdadeltaOptions o;
    o.rho = num("rho");
    o.eps = num("eps");
    setup.optimizer = std::make_unique<Adadelta<T>>(o, read_gradient_options(r, e));
  }
  setup.average.mode = r.choice(e.option("average"));
  const Entry& avg = catalog().average(setup.average.mode);
  if (avg.has_option("ema_decay")) setup.average.ema_decay = r.number(avg.option("ema_decay"));
  setup.schedule.validate();
  setup.average.validate();
  r.finish();
  return setup;
}

}  // namespace

}  // namespace optlab
