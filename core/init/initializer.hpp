// Weight and bias initializers, named and parameterized as Keras names them
// (keras/initializers/initializers.py), with one VarianceScaling family and one compute_fans.
//
// A weight matrix is (fan_out, fan_in), PyTorch's nn.Linear layout: rows = units, cols = inputs.
// Every draw comes from the run's initialization stream, so one seed gives one set of initial weights.
//
//   zeros, ones, constant(value)
//   random_normal(mean = 0, stddev = 0.05)      N(mean, stddev²)
//   random_uniform(minval = −0.05, maxval = 0.05)
//   truncated_normal(mean = 0, stddev = 0.05)   N(mean, stddev²) with draws beyond 2·stddev redrawn
//   variance_scaling(scale = 1, mode = fan_in | fan_out | fan_avg,
//                    distribution = truncated_normal | untruncated_normal | uniform)
//       n = fan_in, fan_out or (fan_in + fan_out)/2;  target variance σ² = scale / n
//       truncated_normal:   stddev = σ / 0.87962566103423978 (the std of a unit normal truncated to
//                           [−2, 2]), then truncated at ±2·stddev, so the variance comes out σ²
//       untruncated_normal: N(0, σ²)        uniform: U(−√3σ, √3σ)
//   glorot_uniform / glorot_normal  = variance_scaling(1, fan_avg, uniform / truncated_normal)
//   he_uniform / he_normal          = variance_scaling(2, fan_in,  uniform / truncated_normal)
//   lecun_uniform / lecun_normal    = variance_scaling(1, fan_in,  uniform / truncated_normal)
//   orthogonal(gain = 1)   QR of a Gaussian (max(r,c) × min(r,c)) matrix, columns of Q multiplied by
//                          sign(diag R) so Q is Haar-distributed (Mezzadri 2007); transposed when
//                          rows < cols. WᵀW = gain²I (rows ≥ cols) or WWᵀ = gain²I (rows < cols).
//   identity(gain = 1)     gain·I; when one side is a multiple of the other, identities concatenated
//                          along the long side; otherwise an error.
//   default_uniform        U(−1/√fan_in, 1/√fan_in) (the "classic" heuristic of the book, eq. 8.23)
//   sparse(k = 15, stddev = 1)  Martens (2010): each unit (row) gets exactly k nonzero incoming
//                          weights N(0, stddev²) at k distinct random inputs; the rest are 0.
//   class_prior (biases of the output layer only): values supplied by the run, the bias for which
//                          the network's initial prediction equals the training-set class frequencies.
#pragma once

#include <string>
#include <vector>

#include "math/rng.hpp"
#include "math/types.hpp"

namespace optlab {

// 1 / std of a standard normal truncated to [−2, 2] (as Keras and TensorFlow use it).
inline constexpr double kTruncatedNormalStdCorrection = 0.87962566103423978;

enum class FanMode { FanIn, FanOut, FanAvg };
enum class Distribution { TruncatedNormal, UntruncatedNormal, Uniform };

struct InitSpec {
  InitSpec() = default;
  InitSpec(std::string n) : name(std::move(n)) {}  // NOLINT: implicit, so {"zeros"} reads as a spec
  InitSpec(const char* n) : name(n) {}             // NOLINT

  std::string name = "glorot_uniform";
  double value = 0.0;     // constant
  double mean = 0.0;      // random_normal, truncated_normal
  double stddev = 0.05;   // random_normal, truncated_normal, sparse
  double minval = -0.05;  // random_uniform
  double maxval = 0.05;   // random_uniform
  double scale = 1.0;     // variance_scaling
  FanMode mode = FanMode::FanIn;
  Distribution distribution = Distribution::TruncatedNormal;
  double gain = 1.0;      // orthogonal, identity
  int k = 15;             // sparse
  std::vector<double> values;  // class_prior: filled by the run from the training labels
};

struct Fans {
  double fan_in = 0, fan_out = 0;
};
// Keras's compute_fans for a (fan_out, fan_in) weight matrix (a bias vector is 1 × n).
inline Fans compute_fans(Index rows, Index cols) { return {static_cast<double>(cols), static_cast<double>(rows)}; }

// Every initializer name, and the names that the fields of InitSpec apply to (for the spec reader).
const std::vector<std::string>& initializer_names();
const char* fan_mode_name(FanMode m);
const char* distribution_name(Distribution d);
bool parse_fan_mode(const std::string& s, FanMode* out);
bool parse_distribution(const std::string& s, Distribution* out);

// The preset's arguments when name is a variance-scaling preset (glorot_*, he_*, lecun_*) or
// "variance_scaling" itself (spec's own fields); false otherwise.
bool variance_scaling_args(const InitSpec& spec, double* scale, FanMode* mode, Distribution* dist);

// Why spec cannot initialize a rows × cols matrix ("" when it can): sparse k > fan_in, identity of a
// shape whose sides are not multiples, class_prior with the wrong number of values.
std::string init_shape_error(const InitSpec& spec, Index rows, Index cols);

// Fills w (rows × cols, row-major). Throws std::invalid_argument for an unknown name or a shape
// init_shape_error rejects.
void initialize(const InitSpec& spec, float* w, Index rows, Index cols, Rng& rng);
// Fills a bias vector b (n): Keras's compute_fans for a 1-D shape, fan_in = fan_out = n.
void initialize_bias(const InitSpec& spec, float* b, Index n, Rng& rng);

// A Haar-distributed (hi × lo) matrix with orthonormal columns, hi ≥ lo: QR of a Gaussian matrix drawn
// row by row, columns multiplied by sign(diag R) (Mezzadri 2007). The orthogonal initializer's draw.
MatD random_orthogonal(Index hi, Index lo, Rng& rng);

// One draw of N(0, 1) truncated to [−2, 2] (rejection: redraw beyond 2σ).
double truncated_unit_normal(Rng& rng);

}  // namespace optlab
