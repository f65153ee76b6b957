#include "run/gradient_noise.hpp"

#include <cmath>
#include <stdexcept>

#include "math/rng.hpp"
#include "run/experiment.hpp"
#include "run/validate.hpp"

namespace optlab {

GradientNoise NetworkRun::gradient_noise(int samples) {
  for (std::size_t l = 0; l < spec_.network.layers.size(); ++l)
    if (spec_.network.layers[l].norm.name == "batch_norm")
      throw SpecError("network.layers[" + std::to_string(l) + "].norm",
                      "the gradient-noise measurement needs per-example gradients, and batch_norm couples the "
                      "examples of a minibatch (an example has no gradient of its own); use none, layer_norm or "
                      "group_norm");
  if (samples < 2) throw std::invalid_argument("gradient noise: samples must be at least 2, got " + std::to_string(samples));
  const Index n = data_.train_x.rows(), p = theta_.size();
  if (static_cast<double>(n) * static_cast<double>(p) > kGradientNoiseMaxValues)
    throw SpecError("dataset.samples", "the gradient-noise measurement holds every per-example gradient (" +
                                           std::to_string(n) + " examples × " + std::to_string(p) +
                                           " parameters), more than 5·10⁷ values; use fewer samples or a smaller network");
  // Per-example gradients, one row each, and their mean g (double).
  MatD per(n, p);
  VecD g = VecD::Zero(p);
  Vec grad(p);
  for (Index i = 0; i < n; ++i) {
    const int idx = static_cast<int>(i);
    objective_->set_batch(data_.train_x, data_.train_y, &idx, 1);
    objective_->value_and_gradient(theta_, grad);
    per.row(i) = grad.cast<double>().transpose();
    g += per.row(i).transpose();
  }
  g /= static_cast<double>(n);
  double trace_cov = 0.0;
  for (Index i = 0; i < n; ++i) trace_cov += (per.row(i).transpose() - g).squaredNorm();
  trace_cov /= static_cast<double>(n);

  GradientNoise out;
  out.sigma = std::sqrt(trace_cov);
  out.examples = static_cast<long>(n);
  out.parameters = static_cast<long>(p);
  out.samples = samples;
  out.at_step = step_;
  Rng rng(spec_.seed, RngStream::GradientNoise);
  VecD batch(p);
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (int m = 1; m <= kGradientNoiseMaxBatch; m *= 2) {
    double total = 0.0;
    for (int b = 0; b < samples; ++b) {
      batch.setZero();
      for (int j = 0; j < m; ++j) batch += per.row(rng.below(static_cast<std::uint32_t>(n))).transpose();
      total += (batch / static_cast<double>(m) - g).squaredNorm();
    }
    GradientNoiseRow row{m, std::sqrt(total / samples), out.sigma / std::sqrt(static_cast<double>(m))};
    out.rows.push_back(row);
    const double x = std::log(static_cast<double>(m)), y = std::log(row.std_error);
    sx += x; sy += y; sxx += x * x; sxy += x * y;
  }
  const double k = static_cast<double>(out.rows.size());
  out.slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
  return out;
}

GradientNoise measure_gradient_noise(const std::string& spec_text, int samples) {
  ExperimentSpec spec = parse_spec(spec_text);
  if (!spec.problem.is_null())
    throw SpecError("problem", "a test surface has no training examples, so there is no minibatch gradient to "
                               "measure: the gradient-noise measurement needs a network spec");
  NetworkRun run(std::move(spec));
  return run.gradient_noise(samples);
}

std::string gradient_noise_json(const std::string& spec_text) noexcept {
  std::string out;
  const std::string error = catch_all("spec", [&] {
    nlohmann::ordered_json j;
    j["ok"] = true;
    j["lines"] = gradient_noise_lines(measure_gradient_noise(spec_text));
    out = j.dump();
  });
  return error.empty() ? out : error;
}

std::vector<std::string> gradient_noise_lines(const GradientNoise& g) {
  std::vector<std::string> lines;
  for (const GradientNoiseRow& r : g.rows) {
    nlohmann::ordered_json j;
    j["batch_size"] = r.batch_size;
    j["std_error"] = json_number(r.std_error);
    j["sigma_over_sqrt_m"] = json_number(r.sigma_over_sqrt_m);
    lines.push_back(j.dump());
  }
  nlohmann::ordered_json s;
  s["summary"] = true;
  s["sigma"] = json_number(g.sigma);
  s["slope"] = json_number(g.slope);
  s["examples"] = g.examples;
  s["parameters"] = g.parameters;
  s["samples"] = g.samples;
  s["at_step"] = g.at_step;
  lines.push_back(s.dump());
  return lines;
}

}  // namespace optlab
