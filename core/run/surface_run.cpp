#include "run/surface_run.hpp"

#include <cmath>
#include <limits>

#include "math/norm.hpp"
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

  if (spec_.continuation.on) {
    smoothed_ = std::make_unique<SmoothedObjective>(*surface_, spec_.continuation, spec_.seed);
    probe_smoothed_ = std::make_unique<SmoothedObjective>(*probe_surface_, spec_.continuation, spec_.seed);
  }
  changes_.prepare(spec_.changes, 0, spec_.problem.value("name", std::string()));
  x_ = surface_->start();
  g_.setZero(x_.size());
  opt_->reset(x_.size());
  average_.reset(x_);
  columns_ = {"step", "loss", "grad_norm", "lr", "evaluations", "distance"};
  if (average_.enabled()) columns_.insert(columns_.end(), {"avg_loss", "avg_distance"});
  if (smoothed_) columns_.insert(columns_.end(), {"sigma", "smoothed_loss"});
  if (spec_.trace.curvature.on) {
    probe_.reset(x_.size(), spec_.trace.curvature.lanczos_steps);
    for (const char* c : {"lambda_min", "lambda_max", "condition", "negative_eigenvalues", "gTg", "gTHg",
                          "ill_conditioning"})
      columns_.push_back(c);
  }
  step_readouts_.configure(spec_.trace, x_.size(), columns_);
  reserve_rows(spec_.steps / spec_.log_every + 2, x_.size());  // the first rows; then it grows as logged
  x_before_.setZero(x_.size());
  log_row();
  stop_at_bad_row(0.0);
}

namespace {

double distance_to_minimizer(const Surface& s, const VecD& x) {
  double distance = std::nan("");
  for (const VecD& m : s.minimizers()) {
    const VecD dx = x - m;
    const double d = scaled_norm(dx);
    if (!(distance <= d)) distance = d;
  }
  return distance;
}

}  // namespace

void SurfaceRun::log_row() {
  // lr is ε_k, the learning rate of the step that leaves this row's θ_k (the one the
  // ill-conditioning readout −ε gᵀg + ½ε² gᵀHg at θ_k predicts), as on network runs.
  const double lr = schedule_.at(step_);
  const double f = surface_->eval(x_.data(), g_.data());
  records_.insert(records_.end(), {static_cast<double>(step_), f, scaled_norm(g_), lr, static_cast<double>(evaluations_),
                                   distance_to_minimizer(*surface_, x_)});
  if (average_.enabled()) {
    const VecD& a = average_.average();
    records_.insert(records_.end(), {surface_->eval(a.data(), nullptr), distance_to_minimizer(*surface_, a)});
  }
  if (probe_smoothed_) {
    const double sigma = continuation_sigma(spec_.continuation, step_, spec_.steps);
    probe_smoothed_->set_sigma(sigma);
    records_.insert(records_.end(), {sigma, x_.allFinite() ? probe_smoothed_->value(x_) : std::nan("")});
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
  if (step_readouts_.enabled())
    step_readouts_.append(*opt_, lr, x_.data(), step_ > 0 ? x_before_.data() : nullptr, records_);
  if (trace_params_) append_params(x_);
}

long SurfaceRun::advance(long n) {
  long done_steps = 0;
  while (done_steps < n && !done()) {
    apply_due_changes();
    const double lr = schedule_.at(step_);
    x_before_ = x_;
    Objective<double>* objective = surface_.get();
    long cost = 1;  // evaluations of f per evaluation of the objective the method sees
    if (smoothed_) {
      smoothed_->set_sigma(continuation_sigma(spec_.continuation, step_, spec_.steps));
      objective = smoothed_.get();
      cost = smoothed_->terms();
    }
    StepResult r = opt_->step(*objective, x_, lr);
    evaluations_ += r.evaluations * cost;
    bool hint = true;
    // r.loss and r.grad_norm are f and ‖∇f‖ at θ_k, where this step started: when they are not
    // finite the run diverged at step k, and x goes back to θ_k so that the last row shows it.
    if (std::string cause = divergence_cause(r.loss, r.grad_norm, true, &hint); !cause.empty()) {
      x_ = x_before_;
      stop_diverged(step_, cause, hint, lr);
      if (last_row_step() != step_) log_row();
      break;
    }
    ++step_;
    ++done_steps;
    if (average_.enabled()) average_.update(x_);
    if (r.failure) {
      diverged_ = std::string("stopped at step ") + std::to_string(step_) + ": " + r.failure;
      log_row();
      break;
    }
    if (!x_.allFinite()) {
      stop_diverged(step_, "the parameters became infinite or NaN", true, lr);
      log_row();
      break;
    }
    if (step_ % spec_.log_every == 0 || step_ == spec_.steps) {
      log_row();
      if (stop_at_bad_row(lr)) break;
    }
  }
  return done_steps;
}

void SurfaceRun::apply_due_changes() {
  while (changes_.due(step_)) changes_.apply_next(*opt_, schedule_, average_);
}

void SurfaceRun::apply_change(const Json& set) {
  if (done()) throw SpecError("step", "the run has finished: a change applies before a next step");
  apply_due_changes();
  record_live_change(spec_, changes_, normalized_spec_, set, step_);
  apply_due_changes();
}

bool SurfaceRun::stop_at_bad_row(double lr) {
  const double* row = records_.data() + records_.size() - columns_.size();
  bool hint = true;
  const std::string cause = divergence_cause(row[1], row[2], true, &hint);
  if (cause.empty()) return false;
  if (step_ == 0)
    stop_diverged(0, cause + " at the start point x0", false, lr);
  else
    stop_diverged(step_, cause, hint, lr);
  return true;
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
