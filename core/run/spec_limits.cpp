#include "run/spec_limits.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "problems/sequence.hpp"
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

// Parameters, Σ layer widths and the widest layer of a network spec (the network, or the teacher).
struct NetworkSize {
  double params = 0, width_sum = 0, widest = 0;
};
NetworkSize network_size(const NetworkSpec& n, const DatasetSpec& data) {
  NetworkSize z;
  double fan_in = dataset_dim(data);  // 2 for the generated sets, 64 for digits, x's columns inline, L·D for sequences
  for (const LayerSpec& l : n.layers) {
    if (l.recurrent()) {
      // [W_ih, W_hh, b_ih, b_hh] with G·H rows; BPTT keeps every step: Elman h_0…h_L, LSTM also
      // the gates (4H), c_t and tanh c_t of every step (nn/recurrent.hpp, nn/lstm.hpp).
      const double G = l.type == "lstm" ? 4.0 : 1.0, H = l.units, D = sequence_features(data);
      const double L = data.length;
      z.params += G * H * (D + H + 2);
      z.width_sum += (L + 1) * H * (l.type == "lstm" ? 7.0 : 1.0);
      z.widest = std::max<double>(z.widest, l.units);
      fan_in = l.units;
      continue;
    }
    z.params += fan_in * l.units + l.units + (l.norm.name == "none" ? 0 : 2.0 * l.units);
    fan_in = l.units;
    z.width_sum += l.units;
    z.widest = std::max<double>(z.widest, l.units);
  }
  // One output per regression target (the adding problem: classes 0), else the loss's outputs.
  const double outputs = data.classes == 0 ? 1.0 : static_cast<double>(loss_outputs(n.loss, data.classes));
  z.params += fan_in * outputs + outputs;
  z.width_sum += outputs;
  z.widest = std::max(z.widest, outputs);
  return z;
}

}  // namespace

ResourceNeeds resource_needs(const ExperimentSpec& s) {
  ResourceNeeds n;
  n.surface = !s.problem.is_null();
  n.rows = std::floor(static_cast<double>(s.steps) / static_cast<double>(s.log_every)) + 2;
  n.curvature = s.trace.curvature.on;
  // trace.step_length (1) and trace.effective_lr (5 quantiles + the histogram), run/step_readouts.hpp
  const double step_columns = (s.trace.step_length ? 1 : 0) + (s.trace.effective_lr ? 5 + StepReadouts::kBins : 0);
  const bool averaged = s.optimizer.is_object() && s.optimizer.value("average", std::string("none")) != "none";
  if (n.surface) {
    n.params = static_cast<double>(s.problem.value("x0", Json::array()).size());
    n.columns = 6 + (averaged ? 2 : 0) + (n.curvature ? 7 : 0) + step_columns;
  } else {
    const NetworkSize net = network_size(s.network, s.dataset);
    n.params = net.params;
    n.width_sum = net.width_sum;
    n.hidden = static_cast<double>(s.network.layers.size());
    n.n_train = s.dataset.samples - std::round(s.dataset.test_fraction * s.dataset.samples);
    n.columns = 9 + (averaged ? 4 : 0) + (n.curvature ? 7 : 0) + step_columns +
                (s.stages.empty() ? 0 : 2) +                            // + stage, stage_loss (run/stages.hpp)
                (s.trace.hidden_grad ? s.dataset.length + 1.0 : 0.0);  // grad_h_0 … grad_h_L
    double batch = s.batch_size;  // the largest minibatch, also after changes (run/changes.hpp)
    for (const ChangeSpec& c : s.changes) batch = std::max<double>(batch, c.batch_size);
    n.eval_rows = n.curvature ? n.n_train : std::max<double>(batch, kEvalChunk);
  }
  n.traced = s.trace.layers.enabled ? static_cast<double>(s.trace.layers.count(s.steps)) : 0.0;
  n.trace_params = s.trace.params;
  // Work of the Hessian readouts, in multiply-adds.
  if (n.curvature) {
    const double k = s.trace.curvature.lanczos_steps, p = n.params;
    double per_row;
    if (n.surface) {
      per_row = p <= 200 ? p * p * p : k * (4 * p * p + k * p);
    } else {
      const double gradients = p <= 200 ? 4 * p + 5 : 4 * k + 5;
      per_row = gradients * 3 * n.n_train * p;  // forward + backward ≈ 3 products per example
    }
    n.curvature_work = n.rows * per_row;
  }
  return n;
}

double ResourceNeeds::trace_values() const {
  return (rows + traced) * columns + (trace_params ? (rows + traced) * params : 0.0) +
         traced * hidden * 2 * static_cast<double>(LayerTracer::stride());
}

void check_resource_limits(const ExperimentSpec& s) {
  const ResourceNeeds need = resource_needs(s);
  const bool surface = need.surface, curvature = need.curvature;
  const double rows = need.rows, params = need.params, hidden = need.hidden;
  const double columns = need.columns, traced = need.traced;
  if (!surface) {
    limit(static_cast<double>(s.dataset.samples) * dataset_dim(s.dataset), kMaxActivationValues, "dataset.samples",
          "the data set's values (samples × inputs per example)", "Use fewer samples or shorter sequences.");
    limit(params, kMaxParameters, "network.layers", "the network's parameter count",
          "Use fewer or narrower layers (each layer has inputs × units + units parameters).");
    limit(need.eval_rows * need.width_sum, kMaxActivationValues, curvature ? "trace.curvature" : "network.layers",
          std::string("activations held at once (") + (curvature ? "the whole training set" : "one minibatch or 256 rows") +
              " × the layers' widths)",
          curvature ? "Curvature readouts evaluate the whole training set at once: use fewer samples or narrower layers."
                    : "Use narrower layers.");
    if (s.has_teacher) {  // staged training's teacher (run/stages.hpp), and its outputs kept for every training example
      const NetworkSize t = network_size(s.teacher, s.dataset);
      limit(t.params, kMaxParameters, "teacher.layers", "the teacher's parameter count", "Use fewer or narrower layers.");
      limit(std::max<double>(s.batch_size, kEvalChunk) * t.width_sum + need.n_train * t.widest, kMaxActivationValues,
            "teacher.layers", "the teacher's activations and its hint targets for the training set", "Use narrower layers.");
    }
  }
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

  // (Newton's own O(n³) steps are not limited here: they cost time, not memory, a run shows its
  // progress and can be stopped, and Newton refuses more than kMaxNewtonParams parameters itself.)
  limit(need.curvature_work, kMaxCurvatureWork, "trace.curvature", "the curvature readouts' work (at every logged row, in multiply-adds)",
        "Log less often, use fewer lanczos_steps or a smaller problem.");
}

}  // namespace optlab
