// The gradient-noise measurement of the book's §8.1.3: the minibatch gradient
//     ĝ_B = (1/m) Σ_{i∈B} ∇θ L(x⁽ⁱ⁾, y⁽ⁱ⁾; θ)
// is an estimate of the training-set gradient g = (1/n) Σᵢ ∇θ Lᵢ whose standard error falls as
// σ/√m, "less than linear returns" in m. We measure, at one θ, for m = 1, 2, 4, …, 256 (≤ n):
//
//   std_error(m) = √( (1/R) Σ_{b=1..R} ‖ĝ_{B_b} − g‖² )     (R minibatches per m)
//
// with minibatches of m examples drawn independently and uniformly from the training set (with
// replacement: i.i.d. draws from the empirical distribution, the setting of the book's σ/√m), from
// the Rng stream GradientNoise of the spec's seed — deterministic. The exact value it estimates is
//   sigma_over_sqrt_m = σ/√m,   σ² = tr Σ = (1/n) Σᵢ ‖∇θ Lᵢ − g‖²
// (Σ: the covariance of one example's gradient), also reported. Per-example gradients are computed
// once (n × P floats, bounded by kMaxValues). Batch normalization couples the examples of a
// minibatch (a single example has no per-example gradient of its own there), so networks with
// norm batch_norm are rejected.
#pragma once

#include <string>
#include <vector>

namespace optlab {

struct GradientNoiseRow {
  int batch_size = 0;            // m
  double std_error = 0.0;        // measured √(mean ‖ĝ_B − g‖²)
  double sigma_over_sqrt_m = 0;  // exact σ/√m
};

struct GradientNoise {
  std::vector<GradientNoiseRow> rows;
  double sigma = 0.0;      // σ = √tr Σ, the standard error at m = 1
  double slope = 0.0;      // least-squares slope of log std_error against log m (−½ for σ/√m)
  long examples = 0;       // n
  long parameters = 0;     // P
  int samples = 0;         // R minibatches per m
  long at_step = 0;        // the step whose θ was measured
};

constexpr int kGradientNoiseSamples = 256;      // R, the default
constexpr int kGradientNoiseMaxBatch = 256;     // the largest m
constexpr double kGradientNoiseMaxValues = 5e7; // n × P per-example gradient entries held at once

// The runners' gradient-noise command: the spec's network at θ₀, R = samples. Throws SpecError
// naming the field for a bad spec, a surface spec (problem), batch norm or a too large dataset. Output: one JSON line per m, then the summary line (json_lines).
GradientNoise measure_gradient_noise(const std::string& spec_text, int samples = kGradientNoiseSamples);
std::vector<std::string> gradient_noise_lines(const GradientNoise& g);
// For wasm: {"ok": true, "lines": [the JSON lines as text]} or the core's {"ok": false, "field", "message"}.
std::string gradient_noise_json(const std::string& spec_text) noexcept;

}  // namespace optlab
