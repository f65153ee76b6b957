// Test surfaces: objectives in double precision that carry their own oracle — a start point, the
// known minimizers and minimum, and saddle points where there are any — so a convergence test is
// three lines (as ensmallen's test functions do it). Every surface has an analytic gradient and
// Hessian; the gradient is checked against central differences and the Hessian against differences
// of gradients in tests/native/surfaces_test.cpp.
//
// Spec: "problem": {"name": ..., "x0": [...], <options>} in place of "dataset" and "network".
#pragma once

#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "math/types.hpp"
#include "optim/objective.hpp"
#include "run/spec_reader.hpp"

namespace optlab {

class Surface : public Objective<double> {
 public:
  explicit Surface(Index n) : n_(n) {}
  virtual const char* name() const = 0;
  Index dim() const override { return n_; }

  double value_and_gradient(ConstVecRefT<double> x, VecRefT<double> grad) override {
    ++evaluations_;
    return eval(x.data(), grad.data());
  }
  double value(ConstVecRefT<double> x) override {
    ++evaluations_;
    return eval(x.data(), nullptr);
  }
  bool has_hessian() const override { return true; }
  // h must already be n × n (callers size it once, outside the step loop).
  void hessian(ConstVecRefT<double> x, MatD& h) override { eval_hessian(x.data(), h); }
  bool is_quadratic() const override { return false; }

  // f, and ∇f into g when g is non-null; no evaluation counted (for plots and tests).
  virtual double eval(const double* x, double* g) const = 0;
  virtual void eval_hessian(const double* x, MatD& h) const = 0;

  // The oracle.
  const VecD& start() const { return start_; }
  const std::vector<VecD>& minimizers() const { return minimizers_; }  // empty if unbounded below
  double minimum() const { return minimum_; }                           // −∞ if unbounded below
  const std::vector<VecD>& saddle_points() const { return saddles_; }
  // A box that shows the interesting part of a 2-D surface (xmin, xmax, ymin, ymax), for plots.
  const std::vector<double>& view_box() const { return view_; }

  void set_start(const VecD& x0) { start_ = x0; }

 protected:
  Index n_;
  VecD start_;
  std::vector<VecD> minimizers_;
  double minimum_ = -std::numeric_limits<double>::infinity();
  std::vector<VecD> saddles_;
  std::vector<double> view_;
};

// Names accepted for problem.name.
const std::vector<std::string>& problem_names();

// Reads a "problem" object (name, x0, the surface's options) and builds the surface with its start
// point set to x0 (or the surface's default start). Throws SpecError naming the field.
std::unique_ptr<Surface> read_problem(ObjectReader& r, std::uint64_t seed);

// A surface with all options at their defaults (tests, benchmarks).
std::unique_ptr<Surface> make_surface(const std::string& name, std::uint64_t seed = 7);

// Concrete surfaces used directly by tests.
// f(x) = ½ (x − c)ᵀ A (x − c) with A = Q diag(λ) Qᵀ, Q a product of plane rotations by `angle`.
std::unique_ptr<Surface> make_quadratic(const std::vector<double>& eigenvalues, double angle_degrees);

}  // namespace optlab
