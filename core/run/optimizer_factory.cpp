#include "run/optimizer_factory.hpp"

#include "optim/first_order.hpp"
#include "optim/sgd.hpp"

namespace optlab {

const std::vector<std::string>& optimizer_names() {
  static const std::vector<std::string> names = {"sgd"};
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
  s.name = r.choice("schedule", "constant", {"constant", "linear"});
  if (s.name == "linear") {
    s.lr_final = r.number("lr_final", s.lr * 0.01, Range::non_negative());
    s.tau = static_cast<double>(r.integer("tau", 1000, 1, 100000000));
  }
  return s;
}

}  // namespace

template <typename T>
OptimizerSetup<T> read_optimizer(ObjectReader& r) {
  OptimizerSetup<T> setup;
  const std::string name = r.choice("name", "sgd", optimizer_names());
  if (name == "sgd") {
    setup.schedule = read_schedule(r, 0.1);
    setup.optimizer = std::make_unique<Sgd<T>>(read_gradient_options(r));
  }
  r.finish();
  return setup;
}

template OptimizerSetup<float> read_optimizer<float>(ObjectReader&);
template OptimizerSetup<double> read_optimizer<double>(ObjectReader&);

}  // namespace optlab
