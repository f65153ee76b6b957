// From the spec's "optimizer" object to a configured optimizer and its learning-rate schedule.
// Each method's options are read (and validated, with the field named) here; the methods
// themselves live one per file in core/optim/.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "optim/learning_rate_schedule.hpp"
#include "optim/optimizer.hpp"
#include "optim/parameter_average.hpp"
#include "run/spec_reader.hpp"

namespace optlab {

template <typename T>
struct OptimizerSetup {
  std::unique_ptr<Optimizer<T>> optimizer;
  LearningRateSchedule schedule;
  AverageOptions average;  // Polyak averaging of the visited points (optimizer.average, ema_decay)
};

// Names accepted for optimizer.name (the catalog's optimizers, in order).
const std::vector<std::string>& optimizer_names();

// Reads an "optimizer" object; names, defaults and ranges come from the catalog (run/catalog.hpp).
// `surface`: the test surface of the run ("" for a network run), whose catalog rate for the method
// is the default lr. Throws SpecError naming the field on a bad value.
template <typename T>
OptimizerSetup<T> read_optimizer(ObjectReader& r, const std::string& surface = "");

}  // namespace optlab
