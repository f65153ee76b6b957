#include "run/run.hpp"

#include <cmath>

#include "run/experiment.hpp"
#include "run/surface_run.hpp"

namespace optlab {

nlohmann::ordered_json json_number(double v) {
  return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
}

void Run::append_row(std::initializer_list<double> row) { records_.insert(records_.end(), row.begin(), row.end()); }

std::string Run::json_line(Index row) const {
  nlohmann::ordered_json j;
  const double* r = records_.data() + row * static_cast<Index>(columns_.size());
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (columns_[c] == "step")
      j["step"] = static_cast<long long>(r[c]);
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
  if (!spec.problem.is_null()) return std::make_unique<SurfaceRun>(std::move(spec));
  return std::make_unique<NetworkRun>(std::move(spec));
}

}  // namespace optlab
