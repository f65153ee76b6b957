// Shared helpers of the native suites.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "math/types.hpp"

namespace optlab::testing {

extern std::atomic<long> g_allocations;

// Heap allocations made while fn() runs (a training step, a layer's forward and backward…), for
// the "no allocation in a step" checks. Two nets catch them: every global operator new is counted
// (main.cpp), and Eigen's own allocations — aligned_malloc goes through malloc, not operator new —
// are forbidden meanwhile (the core is built natively with EIGEN_RUNTIME_NO_MALLOC, so an Eigen
// allocation fails an assertion and stops the suite; eigen_assert is live where NDEBUG is not
// defined: the sanitizer build). Usage:
//   CHECK(testing::heap_allocations([&] { run.advance(100); }) == 0);
template <typename Fn>
long heap_allocations(Fn&& fn) {
  struct EigenMallocForbidden {  // allowed again however fn() ends
    EigenMallocForbidden() { Eigen::internal::set_is_malloc_allowed(false); }
    ~EigenMallocForbidden() { Eigen::internal::set_is_malloc_allowed(true); }
  };
  const long start = g_allocations.load();
  {
    EigenMallocForbidden forbidden;
    fn();
  }
  return g_allocations.load() - start;
}

// Central-difference gradient of f at x (double precision), for gradient checks.
inline VecD numeric_gradient(const std::function<double(const VecD&)>& f, VecD x, double h = 1e-5) {
  VecD g(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    const double xi = x(i);
    x(i) = xi + h;
    const double fp = f(x);
    x(i) = xi - h;
    const double fm = f(x);
    x(i) = xi;
    g(i) = (fp - fm) / (2 * h);
  }
  return g;
}

// Largest |a − b| / max(|a|, |b|, floor) over elements.
template <typename A, typename B>
double max_relative_error(const A& a, const B& b, double floor = 1e-3) {
  double worst = 0;
  for (Index i = 0; i < a.size(); ++i) {
    const double x = static_cast<double>(a(i)), y = static_cast<double>(b(i));
    worst = std::max(worst, std::fabs(x - y) / std::max({std::fabs(x), std::fabs(y), floor}));
  }
  return worst;
}

// The value of column `name` in logged row `row` of a run's trace.
template <typename RunT>
double record_at(const RunT& r, const std::string& name, Index row) {
  const auto& cols = r.columns();
  const auto c = static_cast<Index>(std::find(cols.begin(), cols.end(), name) - cols.begin());
  REQUIRE_MESSAGE(c < static_cast<Index>(cols.size()), "no column " << name);
  return r.records()[static_cast<std::size_t>(row * static_cast<Index>(cols.size()) + c)];
}

// A file of the source tree (golden data), as text.
inline std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(OPTLAB_SOURCE_DIR) + "/" + relative);
  REQUIRE_MESSAGE(in.good(), "cannot open " << relative);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace optlab::testing
