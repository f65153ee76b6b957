// The one random generator of the lab: PCG32 (O'Neill 2014, "PCG: A Family of Simple Fast
// Space-Efficient Statistically Good Algorithms for Random Number Generation"), XSH-RR variant.
//
// Integer arithmetic only, so the stream is bit-identical natively and in WebAssembly; every random
// choice of a run (data, initial weights, shuffling) is drawn from a generator seeded by the run's
// seed, each consumer on its own stream (`Rng(seed, stream)`) so that e.g. changing the network does
// not change the data. Floating-point draws use only +, ·, std::sqrt (correctly rounded) and the
// portable log/sin/cos of math/portable_math.hpp, so they are bit-identical in both builds too.
#pragma once

#include <cstdint>

namespace optlab {

// Streams used by the runs: one per consumer, so they stay independent. Every consumer's stream is
// listed here, so no two share one. Bases marked "+ k" are followed by one stream per layer, stage or
// variant (rng_stream(base, k)); each has 0x40 numbers to itself.
enum class RngStream : std::uint64_t {
  Data = 1,            // generated data sets, their train/test split (problems/dataset.cpp, sequence.cpp)
  Init = 2,            // initial weights (run/experiment.cpp)
  Shuffle = 3,         // minibatch order
  Problem = 4,         // test problems' own draws (sparse coding)
  Probe = 5,           // probe vectors of readouts (curvature, layer traces, coordinate descent)
  Continuation = 6,    // the fixed perturbations of the smoothed objective (run/continuation.cpp)
  Landscape = 7,       // the random plane's directions (run/landscape.cpp)
  GradientNoise = 8,   // the gradient-noise measurement's minibatches (run/gradient_noise.cpp)
  StageOutput = 0x1300,   // + depth: a staged net's new output layer (run/stages.cpp)
  Teacher = 0x1340,       // FitNets' teacher (run/stages.cpp)
  Regressor = 0x1380,     // + stage: FitNets' hint regressor (run/stages.cpp)
  Curriculum = 0x13c0,    // + 1: the random-order baseline of curriculum learning (run/curriculum.cpp)
  Symmetry = 0x13e0,      // the random permutation of the symmetry readout (run/symmetry_readout.cpp)
};

// Stream k after a base stream (StageOutput + depth, Regressor + stage, …).
constexpr std::uint64_t rng_stream(RngStream base, std::uint64_t k) { return static_cast<std::uint64_t>(base) + k; }

class Rng {
 public:
  explicit Rng(std::uint64_t seed, std::uint64_t stream = 0);
  Rng(std::uint64_t seed, RngStream stream) : Rng(seed, static_cast<std::uint64_t>(stream)) {}

  std::uint32_t next_u32();
  // Uniform in [0, 1) with 53 random bits.
  double uniform();
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Uniform integer in [0, n), unbiased (Lemire's method with rejection).
  std::uint32_t below(std::uint32_t n);
  // Standard normal (Box–Muller; both values of a pair are used).
  double normal();
  double normal(double mean, double stddev) { return mean + stddev * normal(); }

 private:
  std::uint64_t state_ = 0;
  std::uint64_t inc_ = 0;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

// Fisher–Yates shuffle of [first, first + n) with the given generator.
template <typename It>
void shuffle(It first, std::uint32_t n, Rng& rng) {
  for (std::uint32_t i = n; i > 1; --i) {
    std::uint32_t j = rng.below(i);
    auto tmp = first[i - 1];
    first[i - 1] = first[j];
    first[j] = tmp;
  }
}

}  // namespace optlab
