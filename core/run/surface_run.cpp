#include "run/surface_run.hpp"

#include <cmath>
#include <limits>

#include "run/optimizer_factory.hpp"
#include "run/surface_spec.hpp"

namespace optlab {

namespace {

std::unique_ptr<Surface> build_surface(const ExperimentSpec& s) {
  Json problem = s.problem;
  Json scratch;
  ObjectReader r(problem, "problem", &scratch);
  return read_problem(r, s.seed);
}

}  // namespace

SurfaceRun::SurfaceRun(ExperimentSpec spec) : spec_(std::move(spec)) {
  total_steps_ = spec_.steps;
  trace_params_ = spec_.trace.params;
  normalized_spec_ = spec_.normalized;
  surface_ = build_surface(spec_);
  probe_surface_ = build_surface(spec_);

  Json opt_json = spec_.optimizer;
  Json scratch;
  ObjectReader r(opt_json, "optimizer", &scratch);
  OptimizerSetup<double> setup = read_optimizer<double>(r);
  opt_ = std::move(setup.optimizer);
  schedule_ = setup.schedule;
  average_ = ParameterAverage<double>(setup.average);

  x_ = surface_->start();
  g_.setZero(x_.size());
  opt_->reset(x_.size());
  average_.reset(x_);
  columns_ = {"step", "loss", "grad_norm", "lr", "evaluations", "distance"};
  if (average_.enabled()) columns_.insert(columns_.end(), {"avg_loss", "avg_distance"});
  if (spec_.trace.curvature.on) {
    probe_.reset(x_.size(), spec_.trace.curvature.lanczos_steps);
    for (const char* c : {"lambda_min", "lambda_max", "condition", "negative_eigenvalues", "gTg", "gTHg",
                          "ill_conditioning"})
      columns_.push_back(c);
  }
  const std::size_t rows = static_cast<std::size_t>(spec_.steps / spec_.log_every + 2);
  records_.reserve(rows * columns_.size());
  if (trace_params_) params_trace_.reserve(rows * static_cast<std::size_t>(x_.size()));
  log_row(schedule_.at(0));
}

namespace {

double distance_to_minimizer(const Surface& s, const VecD& x) {
  double distance = std::nan("");
  for (const VecD& m : s.minimizers()) {
    const double d = (x - m).norm();
    if (!(distance <= d)) distance = d;
  }
  return distance;
}

}  // namespace

void SurfaceRun::log_row(double lr) {
  const double f = surface_->eval(x_.data(), g_.data());
  records_.insert(records_.end(), {static_cast<double>(step_), f, g_.norm(), lr, static_cast<double>(evaluations_),
                                   distance_to_minimizer(*surface_, x_)});
  if (average_.enabled()) {
    const VecD& a = average_.average();
    records_.insert(records_.end(), {surface_->eval(a.data(), nullptr), distance_to_minimizer(*surface_, a)});
  }
  if (spec_.trace.curvature.on) {
    CurvatureReadout c;
    if (x_.allFinite()) {
      c = probe_.measure(*probe_surface_, x_, lr);
    } else {
      const double nan = std::nan("");
      c = CurvatureReadout{nan, nan, nan, nan, nan, nan, nan, 0, true};
    }
    records_.insert(records_.end(), {c.lambda_min, c.lambda_max, c.condition, c.negative, c.gg, c.ghg, c.ill});
  }
  if (trace_params_) append_params(x_);
}

long SurfaceRun::advance(long n) {
  long done_steps = 0;
  while (done_steps < n && !done()) {
    const double lr = schedule_.at(step_);
    StepResult r = opt_->step(*surface_, x_, lr);
    evaluations_ += r.evaluations;
    ++step_;
    ++done_steps;
    if (average_.enabled()) average_.update(x_);
    if (r.failure) {
      diverged_ = std::string("stopped at step ") + std::to_string(step_) + ": " + r.failure;
      log_row(lr);
      break;
    }
    if (!x_.allFinite() || !std::isfinite(r.loss)) {
      diverged_ = "diverged at step " + std::to_string(step_) + ": " +
                  (x_.allFinite() ? std::string("the objective became ") + (std::isnan(r.loss) ? "NaN" : "infinite")
                                  : std::string("parameters became infinite or NaN")) +
                  " (learning rate " + Json(lr).dump() + " may be too large)";
      log_row(lr);
      break;
    }
    if (step_ % spec_.log_every == 0 || step_ == spec_.steps) log_row(schedule_.at(step_));
  }
  return done_steps;
}

std::vector<StateView> SurfaceRun::optimizer_state() const {
  std::vector<StateView> out;
  for (const auto& [name, v] : opt_->state()) out.push_back({name, nullptr, v->data(), v->size()});
  if (average_.enabled()) out.push_back({"average", nullptr, average_.average().data(), average_.average().size()});
  return out;
}

void SurfaceRun::summarize(nlohmann::ordered_json& j) const {
  const Index last = record_count() - 1;
  const double* r = records_.data() + last * static_cast<Index>(columns_.size());
  j["problem"] = surface_->name();
  j["optimizer"] = opt_->name();
  j["parameters"] = static_cast<long long>(x_.size());
  j["final_loss"] = json_number(r[1]);
  j["final_grad_norm"] = json_number(r[2]);
  j["evaluations"] = evaluations_;
  j["distance"] = json_number(r[5]);
  j["minimum"] = json_number(surface_->minimum());
}

}  // namespace optlab
