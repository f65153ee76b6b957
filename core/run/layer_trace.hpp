// Per-layer signal statistics (book §8.4: how the initial scale decides whether signals vanish or
// explode through depth; §8.7.1: how normalization keeps them in range).
//
// At each traced step s the tracer runs one extra forward and backward pass at the current θ_s, in
// training mode, over a fixed probe batch (the same min(256, N) training examples every time, drawn
// once from the seed's Probe stream), with batch-norm running statistics frozen, so tracing never
// changes the run. For every hidden layer it records
//   act:  the activation outputs h = f(Wx + b) of the layer              (probe × units values)
//   grad: dL/dh, the gradient of the probe's mean loss with respect to h
// each as count, mean, std, a fraction (activations: tanh |h| > 0.99 and sigmoid h < 0.01 or
// h > 0.99 "saturated", relu h = 0 "dead", leaky_relu h < 0 "negative"; gradients: exact zeros),
// the fraction of *units* that are saturated/dead on every probe example, and a 32-bin histogram
// over [lo, hi] (tanh [−1, 1], sigmoid [0, 1], otherwise the values' [min, max]; gradients the
// symmetric [−max|g|, max|g|]).
//
// Storage is one flat row-major table of doubles (columns()), so JavaScript reads it as a zero-copy
// Float64Array; rows come in (step, layer, kind) order, kind 0 = activation, 1 = gradient.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "nn/activation.hpp"
#include "nn/loss.hpp"
#include "nn/model.hpp"
#include "problems/dataset.hpp"
#include "run/spec_layers.hpp"

namespace optlab {

class LayerTracer {
 public:
  static constexpr int kBins = 32;
  static constexpr Index kProbeRows = 256;
  // step, layer, kind, count, mean, std, fraction, unit_fraction, lo, hi, hist0 … hist31
  static const std::vector<std::string>& columns();
  static Index stride() { return 10 + kBins; }

  // taps: index in model.layers() of each hidden layer's activation layer; acts: its function.
  // The model must have capacity for min(kProbeRows, N) rows. Allocates everything tracing needs.
  LayerTracer(Model& model, Loss loss, std::vector<Index> taps, std::vector<Activation> acts, const Dataset& data,
              std::uint64_t seed, LayerTraceSpec spec, long total_steps);

  bool wants(long step) const { return spec_.wants(step); }
  // Records the statistics of θ at `step`, belonging to the run's trace row `record_row`.
  void record(long step, const float* theta, Index record_row);

  const std::vector<double>& table() const { return table_; }
  Index row_count() const { return static_cast<Index>(table_.size()) / stride(); }
  Index layer_count() const { return static_cast<Index>(taps_.size()); }
  // Adds "layers": [...] to the JSON line of run trace row `record_row` when it was traced.
  void append_json(Index record_row, nlohmann::ordered_json& j) const;

 private:
  void add_row(long step, Index layer, int kind, const float* v, Index rows, Index cols, Activation a);

  Model& model_;
  Loss loss_;
  std::vector<Index> taps_;
  std::vector<Activation> acts_;
  LayerTraceSpec spec_;
  Mat probe_x_;
  std::vector<int> probe_y_;
  Mat dout_;
  Mat delta_[2];
  Vec grads_;
  std::vector<double> table_;
  std::vector<Index> record_rows_;  // the run trace row of each traced step, ascending
};

}  // namespace optlab
