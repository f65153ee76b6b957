// The spec's "optimizer" object for the line-search and second-order methods (newton, cg, bfgs,
// lbfgs, coordinate_descent): read and validated here, dispatched to from read_optimizer().
#pragma once

#include <string>
#include <vector>

#include "run/optimizer_factory.hpp"

namespace optlab {

const std::vector<std::string>& second_order_names();

// If `name` is one of second_order_names(), reads its options (and lr) into setup and returns true.
template <typename T>
bool read_second_order(const std::string& name, ObjectReader& r, OptimizerSetup<T>& setup);

}  // namespace optlab
