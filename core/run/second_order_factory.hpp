// The spec's "optimizer" object for the line-search and second-order methods (newton, cg, bfgs,
// lbfgs, coordinate_descent): read and validated here, dispatched to from read_optimizer().
#pragma once

#include <string>
#include <vector>

#include "run/optimizer_factory.hpp"

namespace optlab {

struct OptimizerEntry;

// If `e` is a second-order method of the catalog, reads its options (lr defaulting to default_lr)
// into setup and returns true.
template <typename T>
bool read_second_order(const OptimizerEntry& e, double default_lr, ObjectReader& r, OptimizerSetup<T>& setup);

}  // namespace optlab
