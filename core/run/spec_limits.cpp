#include "run/spec_limits.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "run/layer_trace.hpp"
#include "run/step_readouts.hpp"

namespace optlab {

namespace {

// 12345678 → "12,345,678"; larger numbers in engineering form ("3.4e+11").
std::string count(double v) {
  if (v >= 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2g", v);
    return buf;
  }
  std::string digits = std::to_string(static_cast<long long>(std::llround(v)));
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

void limit(double need, double max, const std::string& field, const std::string& what, const std::string& advice) {
  if (need > max) throw SpecError(field, what + " = " + count(need) + "; at most " + count(max) + " fit. " + advice);
}

constexpr double kEvalChunk = 256;   // rows per evaluation pass (run/experiment.cpp)

}  // namespace

void check_resource_limits(const ExperimentSpec& s) {
  const bool surface = !s.problem.is_null();
  const double rows = std::floor(static_cast<double>(s.steps) / static_cast<double>(s.log_every)) + 2;
  double params = 0, width_sum = 0, hidden = 0, n_train = 0, columns = 0;
  const bool curvature = s.trace.curvature.on;
  const double k = s.trace.curvature.lanczos_steps;
  // trace.step_length (1) and trace.effective_lr (5 quantiles + the histogram), run/step_readouts.hpp
  const double step_columns = (s.trace.step_length ? 1 : 0) + (s.trace.effective_lr ? 5 + StepReadouts::kBins : 0);
  const bool averaged = s.optimizer.is_object() && s.optimizer.value("average", std::string("none")) != "none";
  if (surface) {
    params = static_cast<double>(s.problem.value("x0", Json::array()).size());
    columns = 6 + (averaged ? 2 : 0) + (curvature ? 7 : 0) + step_columns;
  } else {
    double fan_in = dataset_dim(s.dataset);  // 2 for the generated sets, 64 for digits, x's columns inline
    for (const LayerSpec& l : s.network.layers) {
      params += fan_in * l.units + l.units + (l.norm.name == "none" ? 0 : 2.0 * l.units);
      fan_in = l.units;
      width_sum += l.units;
    }
    hidden = static_cast<double>(s.network.layers.size());
    const double outputs = static_cast<double>(loss_outputs(s.network.loss, s.dataset.classes));
    params += fan_in * outputs + outputs;
    width_sum += outputs;
    n_train = s.dataset.samples - std::round(s.dataset.test_fraction * s.dataset.samples);
    columns = 9 + (averaged ? 4 : 0) + (curvature ? 7 : 0) + step_columns;
    limit(params, kMaxParameters, "network.layers", "the network's parameter count",
          "Use fewer or narrower layers (each layer has inputs × units + units parameters).");
    const double eval_rows = curvature ? n_train : std::max<double>(s.batch_size, kEvalChunk);
    limit(eval_rows * width_sum, kMaxActivationValues, curvature ? "trace.curvature" : "network.layers",
          std::string("activations held at once (") + (curvature ? "the whole training set" : "one minibatch or 256 rows") +
              " × the layers' widths)",
          curvature ? "Curvature readouts evaluate the whole training set at once: use fewer samples or narrower layers."
                    : "Use narrower layers.");
  }
  const double traced = s.trace.layers.enabled ? static_cast<double>(s.trace.layers.count(s.steps)) : 0.0;
  limit((rows + traced) * columns, kMaxTraceValues, "log_every",
        "the trace's logged rows × columns (" + count(rows + traced) + " × " + count(columns) + ")",
        "Log less often: raise log_every (the runners print rows as they go, the page keeps them all).");
  if (s.trace.params)
    limit((rows + traced) * params, kMaxTraceValues, "trace.params",
          "the parameter trace's logged rows × parameters (" + count(rows + traced) + " × " + count(params) + ")",
          "Turn trace.params off or raise log_every.");
  if (s.landscape.on && s.landscape.plane)  // run/landscape.hpp keeps θ at every logged row (floats)
    limit((rows + traced) * params, 2 * kMaxTraceValues, "landscape.plane",
          "the trajectory the plane projects, logged rows × parameters (" + count(rows + traced) + " × " +
              count(params) + ")",
          "Raise log_every or set landscape.plane to false.");
  if (traced > 0)
    limit(traced * hidden * 2 * static_cast<double>(LayerTracer::stride()), kMaxTraceValues, "trace.layers",
          "traced steps × hidden layers × statistics of h and dL/dh", "Trace fewer steps.");

  // Work of the Hessian readouts, in multiply-adds.
  double work = 0;
  if (curvature) {
    double per_row;
    if (surface) {
      per_row = params <= 200 ? params * params * params : k * (4 * params * params + k * params);
    } else {
      const double gradients = params <= 200 ? 4 * params + 5 : 4 * k + 5;
      per_row = gradients * 3 * n_train * params;  // forward + backward ≈ 3 products per example
    }
    work += rows * per_row;
  }
  // (Newton's own O(n³) steps are not limited here: they cost time, not memory, a run shows its
  // progress and can be stopped, and Newton refuses more than kMaxNewtonParams parameters itself.)
  limit(work, kMaxCurvatureWork, "trace.curvature", "the curvature readouts' work (at every logged row, in multiply-adds)",
        "Log less often, use fewer lanczos_steps or a smaller problem.");
}

}  // namespace optlab
