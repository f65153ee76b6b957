// A run: what both command-line runners, the wasm bindings and the page drive. Network training
// (NetworkRun) and walks over test surfaces share this interface and its trace: a flat row-major
// table of doubles with named columns, so JavaScript can view it without copying and both runners
// print the same JSON lines from the same numbers.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "math/types.hpp"
#include "run/spec.hpp"

namespace optlab {

// A named state vector of a run's optimizer (velocity, moments, the Polyak average …) for plots:
// exactly one of f32/f64 is set; the data lives as long as the run and never moves.
struct StateView {
  std::string name;
  const float* f32 = nullptr;
  const double* f64 = nullptr;
  Index size = 0;
};

class Run {
 public:
  virtual ~Run() = default;

  // Runs up to n more steps; returns the number done (0 once finished or diverged). The spec's
  // changes apply at their steps, however the steps are split into advance() calls.
  virtual long advance(long n) = 0;
  // A change of hyperparameters now, before the next step (run/changes.hpp, docs/racing.md):
  // `set` is {"optimizer.lr": 0.05, "batch_size": 64, …}; the optimizer keeps its state. The
  // spec's own changes due at this step apply first. normalized_spec()["changes"] records
  // {"step": step_count(), "set": set}, so that the normalized spec replays this run bit for bit.
  // Throws SpecError naming the path (nothing changes then).
  virtual void apply_change(const Json& set) = 0;
  bool done() const { return step_ >= total_steps_ || !diverged_.empty(); }
  long step_count() const { return step_; }
  long total_steps() const { return total_steps_; }
  // Empty, or why the run stopped early.
  const std::string& diverged() const { return diverged_; }

  const std::vector<std::string>& columns() const { return columns_; }
  const std::vector<double>& records() const { return records_; }
  Index record_count() const { return static_cast<Index>(records_.size() / columns_.size()); }
  // θ at each logged row when trace.params is on (record_count() × param_count(), row-major).
  const std::vector<double>& params_trace() const { return params_trace_; }
  virtual Index param_count() const = 0;
  // A copy of the current parameter vector θ.
  virtual std::vector<double> params_copy() const = 0;
  // The optimizer's state vectors (Optimizer::state()), plus "average" when averaging is on.
  virtual std::vector<StateView> optimizer_state() const { return {}; }

  // Lines both runners print after the last row and before the summary, once the run is done
  // (a network run's "landscape": run/landscape.hpp); none by default. May take a while.
  virtual std::vector<std::string> final_lines() { return {}; }

  // The JSON line both runners print for a logged row, and the final summary line.
  std::string json_line(Index row) const;
  std::string summary_line() const;

  const Json& normalized_spec() const { return normalized_spec_; }

 protected:
  // Reserves the trace for the first min(rows, 1024) logged rows, so that logging in a short run
  // allocates nothing; a longer trace grows as it is logged (never steps/log_every rows up front).
  void reserve_rows(long rows, Index params);
  // Appends one row (values in columns() order) and, when tracing, θ.
  void append_row(std::initializer_list<double> row);
  // Stops the run: diverged() becomes "diverged at step k: <cause>", followed by a hint at the
  // learning rate ε when the cause is one a smaller step would avoid.
  void stop_diverged(long step, const std::string& cause, bool lr_hint, double lr);
  // The step of the last logged row (column 0 of every trace), or −1 before the first.
  long last_row_step() const {
    return records_.empty() ? -1 : static_cast<long>(records_[records_.size() - columns_.size()]);
  }
  template <typename Derived>
  void append_params(const Eigen::MatrixBase<Derived>& theta) {
    for (Index i = 0; i < theta.size(); ++i) params_trace_.push_back(static_cast<double>(theta(i)));
  }
  // Fields added to the JSON line of trace row `row` (e.g. per-layer statistics); none by default.
  virtual void extend_line(Index /*row*/, nlohmann::ordered_json& /*j*/) const {}
  // Fields added to the summary line after the common ones.
  virtual void summarize(nlohmann::ordered_json& j) const = 0;

  std::vector<std::string> columns_;
  std::vector<double> records_;
  std::vector<double> params_trace_;
  bool trace_params_ = false;
  long step_ = 0;
  long total_steps_ = 0;
  std::string diverged_;
  Json normalized_spec_;
};

// Parses, validates and builds the run a spec describes. Throws SpecError naming the field.
std::unique_ptr<Run> make_run(const std::string& spec_text);

// Why a run's numbers stopped being usable, or "" when loss, gradient norm and parameters are all
// finite: non-finite parameters, a NaN, a loss that overflowed to +∞, an objective that ran off to
// −∞ (below −1e300, where the next steps overflow: unbounded below), a gradient whose norm
// overflowed. *lr_hint says whether a smaller
// learning rate is the likely cure (not for −∞: the objective itself is unbounded).
// Divergence convention for every run: "diverged at step k" names the first θ_k (k steps taken)
// whose parameters, loss or gradient are not finite.
std::string divergence_cause(double loss, double grad_norm, bool params_finite, bool* lr_hint);

// A finite number, or null (JSON has no NaN or infinity).
nlohmann::ordered_json json_number(double v);

}  // namespace optlab
