// Test surfaces: objectives in double precision that carry their own oracle — a start point, the
// known minimizers and minimum, and saddle points where there are any — so a convergence test is
// three lines (as ensmallen's test functions do it). Every surface has an analytic gradient and
// Hessian; the gradient is checked against central differences and the Hessian against differences
// of gradients in tests/native/surfaces_test.cpp.
//
// Spec: "problem": {"name": ..., "x0": [...], <options>} in place of "dataset" and "network"; the
// reader (run/surface_spec.cpp) takes the names, options and ranges from the catalog and calls the
// factories below.
#pragma once

#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "math/types.hpp"
#include "optim/objective.hpp"

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

// Factories, one per surface (options as in the catalog, core/run/catalog.cpp).
std::unique_ptr<Surface> make_rosenbrock(double a, double b);
std::unique_ptr<Surface> make_beale();
std::unique_ptr<Surface> make_booth();
std::unique_ptr<Surface> make_himmelblau();
std::unique_ptr<Surface> make_saddle();
std::unique_ptr<Surface> make_monkey_saddle();
std::unique_ptr<Surface> make_cliff(double height, double steepness, double bowl);
std::unique_ptr<Surface> make_cd_counterexample(double alpha, bool lecture_sign);
// f(x) = ½ (x − c)ᵀ A (x − c) with A = Q diag(λ) Qᵀ, Q a product of plane rotations by `angle`.
std::unique_ptr<Surface> make_quadratic(const std::vector<double>& eigenvalues, double angle_degrees);
// A·n + Σ(xᵢ² − A cos 2πxᵢ): many local minima, global minimum 0 at 0 (problems/rastrigin.cpp).
std::unique_ptr<Surface> make_rastrigin(int dim, double amplitude);
// ½‖X − WH‖² + λΣ|H| (problems/sparse_coding.cpp).
std::unique_ptr<Surface> make_sparse_coding(int features, int atoms, int samples, double lambda, double noise,
                                            double density, std::uint64_t seed);

}  // namespace optlab
