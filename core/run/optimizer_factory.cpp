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
#include "run/second_order_factory.hpp"

namespace optlab {

const std::vector<std::string>& optimizer_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v = {"sgd",     "momentum", "nesterov", "adagrad", "rmsprop",
                                  "rmsprop_nesterov", "adam", "adamw", "amsgrad", "nadam",
                                  "adadelta"};
    for (const std::string& n : second_order_names()) v.push_back(n);
    return v;
  }();
  return names;
}

namespace {

GradientOptions read_gradient_options(ObjectReader& r) {
  GradientOptions g;
  g.weight_decay = r.number("weight_decay", 0.0, Range::non_negative());
  g.clip_value = r.number("clip_value", 0.0, Range::non_negative());
  g.clip_norm = r.number("clip_norm", 0.0, Range::non_negative());
  return g;
}

LearningRateSchedule read_schedule(ObjectReader& r, double default_lr) {
  LearningRateSchedule s;
  s.lr = r.number("lr", default_lr, Range::positive());
  s.name = r.choice("schedule", "constant", {"constant", "linear", "step", "exponential", "cosine"});
  if (s.name == "linear" || s.name == "cosine") {
    s.lr_final = r.number("lr_final", s.lr * 0.01, Range::non_negative());
    s.tau = static_cast<double>(r.integer("tau", 1000, 1, 100000000));
  }
  if (s.name == "step") {
    s.step_size = static_cast<long>(r.integer("step_size", 1000, 1, 100000000));
    s.gamma = r.number("gamma", 0.1, Range{0.0, 1.0, true, false});
  }
  if (s.name == "exponential") s.gamma = r.number("gamma", 0.999, Range{0.0, 1.0, true, false});
  s.warmup_steps = static_cast<long>(r.integer("warmup_steps", 0, 0, 100000000));
  if (s.warmup_steps > 0) s.warmup_start_factor = r.number("warmup_start_factor", 0.1, Range::closed(0.0, 1.0));
  return s;
}

double read_eps(ObjectReader& r, double def) { return r.number("eps", def, Range::positive()); }
double read_unit(ObjectReader& r, const char* key, double def) { return r.number(key, def, Range::unit_right_open()); }

// Adam's decay rates: `betas: [ρ₁, ρ₂]` as PyTorch (and the page) write them, or the aliases
// `beta1`/`beta2`; each in [0, 1). The normalized spec keeps the form it was given.
void read_betas(ObjectReader& r, double& beta1, double& beta2) {
  const bool split = r.has("beta1") || r.has("beta2");
  if (split && r.has("betas")) r.fail("betas", "give either betas [beta1, beta2] or beta1/beta2, not both");
  if (split) {
    beta1 = read_unit(r, "beta1", beta1);
    beta2 = read_unit(r, "beta2", beta2);
    return;
  }
  const Json* b = r.raw("betas");
  if (b) {
    if (!b->is_array() || b->size() != 2)
      r.fail("betas", "must be an array of two numbers [beta1, beta2], each in [0, 1), got " + describe_json(*b));
    double* out[2] = {&beta1, &beta2};
    for (int i = 0; i < 2; ++i) {
      const Json& v = (*b)[static_cast<std::size_t>(i)];
      const std::string key = "betas[" + std::to_string(i) + "]";
      if (!v.is_number()) r.fail(key, "must be a number in [0, 1), got " + describe_json(v));
      const double x = v.get<double>();
      if (!Range::unit_right_open().contains(x)) r.fail(key, "must be in [0, 1), got " + describe_json(v));
      *out[i] = x;
    }
  }
  r.out()["betas"] = Json::array({beta1, beta2});
}

AdamOptions read_adam(ObjectReader& r) {
  AdamOptions a;
  read_betas(r, a.beta1, a.beta2);
  a.eps = read_eps(r, 1e-8);
  return a;
}

}  // namespace

template <typename T>
OptimizerSetup<T> read_optimizer(ObjectReader& r) {
  OptimizerSetup<T> setup;
  const std::string name = r.choice("name", "sgd", optimizer_names());
  if (read_second_order<T>(name, r, setup)) {
    // newton, cg, bfgs, lbfgs, coordinate_descent (run/second_order_factory.cpp)
  } else if (name == "sgd") {
    setup.schedule = read_schedule(r, 0.1);
    setup.optimizer = std::make_unique<Sgd<T>>(read_gradient_options(r));
  } else if (name == "momentum" || name == "nesterov") {
    setup.schedule = read_schedule(r, 0.01);
    const double alpha = read_unit(r, "momentum", 0.9);
    if (name == "momentum")
      setup.optimizer = std::make_unique<Momentum<T>>(MomentumOptions{alpha}, read_gradient_options(r));
    else
      setup.optimizer = std::make_unique<Nesterov<T>>(NesterovOptions{alpha}, read_gradient_options(r));
  } else if (name == "adagrad") {
    setup.schedule = read_schedule(r, 0.01);
    AdagradOptions o;
    o.eps = read_eps(r, 1e-7);
    setup.optimizer = std::make_unique<Adagrad<T>>(o, read_gradient_options(r));
  } else if (name == "rmsprop") {
    setup.schedule = read_schedule(r, 0.001);
    RmspropOptions o;
    o.rho = read_unit(r, "rho", 0.9);
    o.eps = read_eps(r, 1e-6);
    o.eps_inside_sqrt = r.boolean("eps_inside_sqrt", true);
    setup.optimizer = std::make_unique<Rmsprop<T>>(o, read_gradient_options(r));
  } else if (name == "rmsprop_nesterov") {
    setup.schedule = read_schedule(r, 0.001);
    RmspropNesterovOptions o;
    o.rho = read_unit(r, "rho", 0.9);
    o.momentum = read_unit(r, "momentum", 0.9);
    o.eps = read_eps(r, 1e-6);
    setup.optimizer = std::make_unique<RmspropNesterov<T>>(o, read_gradient_options(r));
  } else if (name == "adam" || name == "amsgrad") {
    setup.schedule = read_schedule(r, 0.001);
    const AdamOptions o = read_adam(r);
    if (name == "adam")
      setup.optimizer = std::make_unique<Adam<T>>(o, read_gradient_options(r));
    else
      setup.optimizer = std::make_unique<Amsgrad<T>>(o, read_gradient_options(r));
  } else if (name == "adamw") {
    setup.schedule = read_schedule(r, 0.001);
    const AdamOptions o = read_adam(r);
    // AdamW's weight_decay is its decoupled decay (PyTorch's meaning), not the L2 term.
    const double lambda = r.number("weight_decay", 0.01, Range::non_negative());
    GradientOptions g;
    g.clip_value = r.number("clip_value", 0.0, Range::non_negative());
    g.clip_norm = r.number("clip_norm", 0.0, Range::non_negative());
    setup.optimizer = std::make_unique<AdamW<T>>(o, lambda, g);
  } else if (name == "nadam") {
    setup.schedule = read_schedule(r, 0.002);
    const AdamOptions a = read_adam(r);
    NadamOptions o{a.beta1, a.beta2, a.eps, r.number("momentum_decay", 0.004, Range::non_negative())};
    setup.optimizer = std::make_unique<Nadam<T>>(o, read_gradient_options(r));
  } else if (name == "adadelta") {
    setup.schedule = read_schedule(r, 1.0);
    AdadeltaOptions o;
    o.rho = read_unit(r, "rho", 0.9);
    o.eps = read_eps(r, 1e-6);
    setup.optimizer = std::make_unique<Adadelta<T>>(o, read_gradient_options(r));
  }
  setup.average.mode = r.choice("average", "none", {"none", "polyak", "ema"});
  if (setup.average.mode == "ema") setup.average.ema_decay = r.number("ema_decay", 0.99, Range::unit_open());
  r.finish();
  return setup;
}

template OptimizerSetup<float> read_optimizer<float>(ObjectReader&);
template OptimizerSetup<double> read_optimizer<double>(ObjectReader&);

}  // namespace optlab
