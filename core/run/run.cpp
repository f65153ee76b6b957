#include "run/run.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "run/experiment.hpp"
#include "run/repeated_multiplication.hpp"
#include "run/surface_run.hpp"

namespace optlab {

nlohmann::ordered_json json_number(double v) {
  return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
}

std::string divergence_cause(double loss, double grad_norm, bool params_finite, bool* lr_hint) {
  *lr_hint = true;
  if (!params_finite) return "the parameters became infinite or NaN";
  if (std::isnan(loss)) return "the loss became NaN";
  // Below −1e300 the next steps overflow (f, ∇f or the line search's trial values): the
  // objective is running off to −∞ even while its value still prints.
  if (loss < -1e300) {
    *lr_hint = false;
    return std::string("the objective ran off to −∞ (f = ") +
           (std::isinf(loss) ? std::string("−∞") : Json(loss).dump()) + "; it is unbounded below along this path)";
  }
  if (std::isinf(loss)) return "the loss overflowed to +∞";
  if (std::isnan(grad_norm)) return "the gradient became NaN";
  if (std::isinf(grad_norm)) return "the gradient overflowed (its norm exceeds 1.8e308)";
  return "";
}

void Run::stop_diverged(long step, const std::string& cause, bool lr_hint, double lr) {
  diverged_ = "diverged at step " + std::to_string(step) + ": " + cause;
  if (lr_hint) diverged_ += " (learning rate " + Json(lr).dump() + " may be too large)";
}

void Run::reserve_rows(long rows, Index params) {
  const std::size_t n = static_cast<std::size_t>(std::min<long>(rows, 1024));
  records_.reserve(n * columns_.size());
  if (trace_params_) params_trace_.reserve(n * static_cast<std::size_t>(params));
}

void Run::append_row(std::initializer_list<double> row) { records_.insert(records_.end(), row.begin(), row.end()); }

std::string Run::json_line(Index row) const {
  nlohmann::ordered_json j;
  const double* r = records_.data() + row * static_cast<Index>(columns_.size());
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (columns_[c] == "step" || columns_[c] == "stage")
      j[columns_[c]] = static_cast<long long>(r[c]);
    else if ((columns_[c] == "evaluations" || columns_[c] == "negative_eigenvalues") && std::isfinite(r[c]))
      j[columns_[c]] = static_cast<long long>(r[c]);  // counts print as integers
    else
      j[columns_[c]] = json_number(r[c]);
  }
  extend_line(row, j);
  if (trace_params_) {
    const Index p = param_count();
    auto arr = nlohmann::ordered_json::array();
    for (Index i = 0; i < p; ++i) arr.push_back(json_number(params_trace_[static_cast<std::size_t>(row * p + i)]));
    j["params"] = std::move(arr);
  }
  return j.dump();
}

std::string Run::summary_line() const {
  nlohmann::ordered_json j;
  j["summary"] = true;
  j["steps"] = step_;
  summarize(j);
  j["diverged"] = diverged_.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(diverged_);
  return j.dump();
}

std::unique_ptr<Run> make_run(const std::string& spec_text) {
  ExperimentSpec spec = parse_spec(spec_text);
  if (!spec.readout.is_null()) return std::make_unique<RepeatedMultiplicationRun>(std::move(spec));
  if (!spec.problem.is_null()) return std::make_unique<SurfaceRun>(std::move(spec));
  return std::make_unique<NetworkRun>(std::move(spec));
}

}  // namespace optlab
