// Loss landscapes of a network run (book §8.2; what the lab shows next to the trace):
//
//  (a) Linear interpolation (Goodfellow, Vinyals & Saxe 2015, "Qualitatively characterizing neural
//      network optimization problems"): J((1 − α)θ₀ + αθ₁) for α on a grid over [alpha_min,
//      alpha_max] (default −0.5 … 1.5), θ₀ the initial and θ₁ the current (final) parameters.
//  (b) A 2-D slice (Li, Xu, Taylor, Studer & Goldstein 2018, "Visualizing the loss landscape of
//      neural nets"): J(θ₁ + aδ + bη) on a grid of (a, b) ∈ [plane_min, plane_max]², δ and η
//      Gaussian random directions (the run's seed, random stream 7) normalized to the
//      parameters' scale, and the run's trajectory θ_k (the logged rows) projected onto the plane.
//
// J is the loss the trace's `loss` column reports: the mean loss over the whole training set in
// evaluation mode (NetworkRun::evaluate), so the curve equals the trace at α = 0 (row 0) and α = 1
// (the last row). Batch norm: evaluation mode uses running statistics, which are not parameters.
// Along the line they are interpolated with θ — (1 − α)·(statistics at θ₀) + α·(statistics at θ₁),
// for the mean and the variance — so both ends are exactly the run's own evaluations; on the plane
// the statistics of θ₁ (the centre) are used everywhere. The layer's γ and β, like every bias, get
// a zero direction (Li et al.'s "ignore biasbn"): the plane moves the weights only.
//
// Normalization of a direction d (same layout as θ), per layer with weights W (out × in):
//   filter: each unit's incoming row dᵢ ← dᵢ ‖Wᵢ‖ / ‖dᵢ‖        (Li et al.'s filter normalization)
//   layer:  the layer's block d_l ← d_l ‖W_l‖ / ‖d_l‖
//   none:   d unchanged (N(0, 1) entries)
// A layer's other parameters (biases, γ, β) get 0 under filter and layer, and the N(0, 1) draw under none.
//
// Projection of θ_k: (a_k, b_k) = argmin ‖θ_k − θ₁ − aδ − bη‖ (the 2 × 2 normal equations; δ and η
// are not orthogonal), with off_plane = ‖residual‖ / ‖θ_k − θ₁‖ — in many dimensions random
// directions see little of the path (Li et al. §7), and this column says how little.
//
// Work is split into points so the page's worker can compute it in chunks (compute(n)) between
// messages; every point is one forward pass over the training set.
#pragma once

#include <string>
#include <vector>

#include "math/rng.hpp"
#include "math/types.hpp"
#include "run/spec_reader.hpp"

namespace optlab {

struct LandscapeSpec {
  bool on = false;
  bool line = true;
  double alpha_min = -0.5, alpha_max = 1.5;
  int line_points = 41;
  bool plane = true;
  double plane_min = -1.0, plane_max = 1.0;
  int plane_points = 21;
  std::string normalization = "filter";  // "filter" | "layer" | "none"
};

// Reads "landscape" (absent: off) with the catalog's names, defaults and ranges; network runs only.
LandscapeSpec read_landscape(ObjectReader& spec);

class NetworkRun;

class Landscape {
 public:
  // Snapshots what it needs from the run now (θ₁ = the run's current θ, θ₀, the trajectory) and
  // draws the plane's directions. The run must outlive this object and not advance meanwhile.
  explicit Landscape(NetworkRun& run);

  Index total() const { return line_points() + plane_points() * plane_points(); }
  Index done() const { return done_; }
  bool finished() const { return done_ >= total(); }
  // Evaluates up to n more points (line first, then the plane row by row); returns how many.
  Index compute(Index n);

  Index line_points() const { return static_cast<Index>(alpha_.size()); }
  Index plane_points() const { return static_cast<Index>(axis_.size()); }
  const std::vector<double>& alpha() const { return alpha_; }
  const std::vector<double>& line_loss() const { return line_loss_; }      // NaN until computed
  const std::vector<double>& plane_axis() const { return axis_; }
  const std::vector<double>& plane_loss() const { return plane_loss_; }    // row b, column a (b outer)
  // Projected trajectory, one entry per logged row of the run (when the plane is on).
  const std::vector<double>& trajectory_step() const { return traj_step_; }
  const std::vector<double>& trajectory_a() const { return traj_a_; }
  const std::vector<double>& trajectory_b() const { return traj_b_; }
  const std::vector<double>& trajectory_off_plane() const { return traj_off_; }
  const Vec& direction(int k) const { return k == 0 ? delta_ : eta_; }

  // The JSON lines both runners print (once finished): one {"landscape": "line", "alpha", "loss"}
  // per α, one {"landscape": "plane", "b", "a": [...], "loss": [...]} per row of the plane, and
  // one {"landscape": "trajectory", "step", "a", "b", "off_plane"} per logged row.
  std::vector<std::string> json_lines() const;
  // Everything as one JSON object (the page's worker sends it): {alpha, line_loss, axis,
  // plane_loss, trajectory: {step, a, b, off_plane}, done, total}.
  std::string json() const;

 private:
  void draw_direction(Vec& d, Rng& rng);
  // Batch-norm running statistics for the line point α (θ₁'s at α = 1).
  void set_running_stats(double alpha);
  double line_point(double alpha);
  double plane_point(double a, double b);

  NetworkRun& run_;
  LandscapeSpec spec_;
  Vec theta1_, theta0_, work_, delta_, eta_;
  std::vector<std::size_t> bn_layers_;  // model layer indices of the batch-norm layers
  std::vector<Vec> bn_start_, bn_end_;  // per BN layer: mean then var, at θ₀ and at θ₁
  std::vector<double> alpha_, line_loss_, axis_, plane_loss_;
  std::vector<double> traj_step_, traj_a_, traj_b_, traj_off_;
  Index done_ = 0;
};

}  // namespace optlab
