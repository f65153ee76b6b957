// A walk over a test surface: the problem (double precision), the optimizer from the same factory
// as networks, and a trace with columns
//
//   step, loss = f(θ_k), grad_norm = ‖∇f(θ_k)‖, lr, evaluations (cumulative f/∇f evaluations the
//   method used), distance (to the nearest known minimizer; null when none is known)
//
// plus avg_loss and avg_distance at the averaged point with optimizer.average, and, with trace.curvature, lambda_min, lambda_max, condition, negative_eigenvalues, gTg, gTHg
// and ill_conditioning (−ε gᵀg + ½ε² gᵀHg), measured at θ_k (core/optim/curvature.hpp). θ is
// traced with trace.params. With "continuation" the optimizer minimizes the smoothed Ĵ_σ
// (run/continuation.hpp) and two columns follow: sigma (σ of the step leaving θ_k) and
// smoothed_loss (Ĵ_σ(θ_k)); loss stays the exact f(θ_k), and evaluations counts evaluations of f. A method that cannot continue (Newton at a singular Hessian without
// damping) stops the run with its reason in diverged(), as a divergence does.
#pragma once

#include <memory>

#include "optim/curvature.hpp"
#include "optim/learning_rate_schedule.hpp"
#include "optim/optimizer.hpp"
#include "optim/parameter_average.hpp"
#include "problems/surface.hpp"
#include "run/continuation.hpp"
#include "run/changes.hpp"
#include "run/run.hpp"
#include "run/step_readouts.hpp"

namespace optlab {

class SurfaceRun final : public Run {
 public:
  explicit SurfaceRun(ExperimentSpec spec);

  long advance(long n) override;
  void apply_change(const Json& set) override;
  Index param_count() const override { return x_.size(); }
  std::vector<double> params_copy() const override { return {x_.data(), x_.data() + x_.size()}; }
  std::vector<StateView> optimizer_state() const override;

  const Surface& surface() const { return *surface_; }
  const VecD& params() const { return x_; }
  const Optimizer<double>& optimizer() const { return *opt_; }
  long evaluations() const { return evaluations_; }

 private:
  void log_row();
  // After a logged row: stops the run when its f or ‖∇f‖ is not finite (lr: the step's ε).
  bool stop_at_bad_row(double lr);
  // Applies the changes due before the next step (run/changes.hpp); allocates nothing.
  void apply_due_changes();
  void summarize(nlohmann::ordered_json& j) const override;

  ExperimentSpec spec_;
  std::unique_ptr<Surface> surface_;  // what the optimizer sees (counts evaluations)
  std::unique_ptr<Surface> probe_surface_;  // the same surface for readouts, so they cost the method nothing
  std::unique_ptr<Optimizer<double>> opt_;
  LearningRateSchedule schedule_;
  ParameterAverage<double> average_;  // optimizer.average: avg_loss and avg_distance columns
  PreparedChanges<double> changes_;
  CurvatureProbe<double> probe_;
  std::unique_ptr<SmoothedObjective> smoothed_, probe_smoothed_;  // continuation: Ĵ_σ over surface_ / probe_surface_
  StepReadouts step_readouts_;  // trace.step_length, trace.effective_lr
  VecD x_, g_;
  VecD x_before_;  // θ_k while step k+1 runs, restored when that step finds f or ∇f at θ_k not finite
  long evaluations_ = 0;
};

}  // namespace optlab
