#include "run/landscape.hpp"

#include <cmath>

#include "math/rng.hpp"
#include "nn/batch_norm.hpp"
#include "nn/dense.hpp"
#include "nn/group_norm.hpp"
#include "run/catalog.hpp"
#include "run/experiment.hpp"
#include "run/run.hpp"

namespace optlab {

LandscapeSpec read_landscape(ObjectReader& spec) {
  LandscapeSpec l;
  if (!spec.has("landscape")) return l;
  const Catalog& c = catalog();
  auto opt = [&](const char* key) -> const Option& { return c.landscape_option(key); };
  ObjectReader r = spec.object("landscape");
  l.on = true;
  l.line = r.boolean(opt("line"));
  l.alpha_min = r.number(opt("alpha_min"));
  l.alpha_max = r.number(opt("alpha_max"));
  l.line_points = static_cast<int>(r.integer(opt("line_points")));
  l.plane = r.boolean(opt("plane"));
  l.plane_min = r.number(opt("plane_min"));
  l.plane_max = r.number(opt("plane_max"));
  l.plane_points = static_cast<int>(r.integer(opt("plane_points")));
  l.normalization = r.choice(opt("normalization"));
  r.finish();
  if (!(l.alpha_min < l.alpha_max))
    r.fail("alpha_max", "must be above alpha_min (" + Json(l.alpha_min).dump() + "); the α range is empty");
  if (!(l.plane_min < l.plane_max))
    r.fail("plane_max", "must be above plane_min (" + Json(l.plane_min).dump() + "); the plane is empty");
  if (!l.line && !l.plane) r.fail("plane", "line and plane are both false: nothing to compute; remove \"landscape\"");
  return l;
}

namespace {

std::vector<double> grid(double lo, double hi, int points) {
  std::vector<double> v(static_cast<std::size_t>(points));
  for (int i = 0; i < points; ++i) v[static_cast<std::size_t>(i)] = lo + (hi - lo) * i / (points - 1);
  return v;
}

double norm_of(const float* p, Index n) {
  double s = 0;
  for (Index i = 0; i < n; ++i) s += static_cast<double>(p[i]) * p[i];
  return std::sqrt(s);
}

// d[0, n) ← d · ‖θ[0, n)‖ / ‖d‖ (0 when d is 0).
void rescale(float* d, const float* theta, Index n) {
  const double dn = norm_of(d, n), tn = norm_of(theta, n);
  const double f = dn > 0 ? tn / dn : 0.0;
  for (Index i = 0; i < n; ++i) d[i] = static_cast<float>(d[i] * f);
}

}  // namespace

Landscape::Landscape(NetworkRun& run) : run_(run), spec_(run.spec().landscape) {
  theta1_ = run.params();
  theta0_ = run.initial_params();
  work_.resize(theta1_.size());
  const auto& layers = run.model().layers();
  for (std::size_t i = 0; i < layers.size(); ++i)
    if (auto* bn = dynamic_cast<BatchNorm*>(layers[i].get())) {
      bn_layers_.push_back(i);
      bn_end_.push_back(bn->running_mean());
      bn_end_.push_back(bn->running_var());
    }
  bn_start_ = run.initial_running_stats();
  if (spec_.line) {
    alpha_ = grid(spec_.alpha_min, spec_.alpha_max, spec_.line_points);
    line_loss_.assign(alpha_.size(), std::nan(""));
  }
  if (spec_.plane) {
    axis_ = grid(spec_.plane_min, spec_.plane_max, spec_.plane_points);
    plane_loss_.assign(axis_.size() * axis_.size(), std::nan(""));
    Rng rng(run.spec().seed, RngStream::Landscape);  // δ first, then η
    draw_direction(delta_, rng);
    draw_direction(eta_, rng);
    // Projection of the logged θ_k onto span{δ, η} around θ₁.
    const double dd = delta_.cast<double>().squaredNorm(), ee = eta_.cast<double>().squaredNorm();
    const double de = delta_.cast<double>().dot(eta_.cast<double>());
    const double det = dd * ee - de * de;
    const std::vector<float>& traj = run.landscape_trajectory();
    const Index n = theta1_.size(), rows = static_cast<Index>(traj.size()) / std::max<Index>(n, 1);
    for (Index k = 0; k < rows; ++k) {
      VecD v(n);
      for (Index i = 0; i < n; ++i) v(i) = static_cast<double>(traj[static_cast<std::size_t>(k * n + i)]) - theta1_(i);
      const double vd = v.dot(delta_.cast<double>()), ve = v.dot(eta_.cast<double>());
      double a = 0, b = 0;
      if (det > 0) {
        a = (ee * vd - de * ve) / det;
        b = (dd * ve - de * vd) / det;
      }
      const double vn = v.norm();
      const double res = (v - a * delta_.cast<double>() - b * eta_.cast<double>()).norm();
      traj_step_.push_back(run.records()[static_cast<std::size_t>(k) * run.columns().size()]);
      traj_a_.push_back(a);
      traj_b_.push_back(b);
      traj_off_.push_back(vn > 0 ? res / vn : 0.0);
    }
  }
}

void Landscape::draw_direction(Vec& d, Rng& rng) {
  const Index n = theta1_.size();
  d.resize(n);
  for (Index i = 0; i < n; ++i) d(i) = static_cast<float>(rng.normal());
  if (spec_.normalization == "none") return;
  const Model& model = run_.model();
  const auto& layers = model.layers();
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const Layer& layer = *layers[l];
    const Index off = model.param_offset(l), count = layer.param_count();
    if (count == 0) continue;
    float* dl = d.data() + off;
    const float* tl = theta1_.data() + off;
    if (dynamic_cast<const Dense*>(&layer)) {
      const Index in = layer.in_features(), out = layer.out_features();
      if (spec_.normalization == "filter") {
        for (Index r = 0; r < out; ++r) rescale(dl + r * in, tl + r * in, in);
      } else {
        rescale(dl, tl, out * in);
      }
      for (Index i = out * in; i < count; ++i) dl[i] = 0.0f;  // biases
    } else if (dynamic_cast<const BatchNorm*>(&layer) || dynamic_cast<const GroupNorm*>(&layer)) {
      for (Index i = 0; i < count; ++i) dl[i] = 0.0f;  // γ, β
    } else {
      rescale(dl, tl, count);  // any other parameterized layer: normalized as one block
    }
  }
}

void Landscape::set_running_stats(double alpha) {
  const auto& layers = run_.model().layers();
  for (std::size_t j = 0; j < bn_layers_.size(); ++j) {
    auto* bn = static_cast<BatchNorm*>(layers[bn_layers_[j]].get());
    const Vec& m0 = bn_start_[2 * j];
    const Vec& v0 = bn_start_[2 * j + 1];
    const Vec& m1 = bn_end_[2 * j];
    const Vec& v1 = bn_end_[2 * j + 1];
    if (alpha == 1.0) {
      bn->set_running_stats(m1, v1);
    } else if (alpha == 0.0) {
      bn->set_running_stats(m0, v0);
    } else {
      const float a = static_cast<float>(alpha), b = static_cast<float>(1.0 - alpha);
      bn->set_running_stats(b * m0 + a * m1, (b * v0 + a * v1).cwiseMax(0.0f));
    }
  }
}

double Landscape::line_point(double alpha) {
  // (1 − α)θ₀ + αθ₁, exactly θ₀ at α = 0 and θ₁ at α = 1 (so the loss is the trace's there).
  if (alpha == 0.0) {
    work_ = theta0_;
  } else if (alpha == 1.0) {
    work_ = theta1_;
  } else {
    const float a = static_cast<float>(alpha), b = static_cast<float>(1.0 - alpha);
    work_ = b * theta0_ + a * theta1_;
  }
  set_running_stats(alpha);
  const Dataset& d = run_.dataset();
  const double loss = run_.evaluate(work_.data(), d.train_x, d.train_y, &d.train_t).loss;
  set_running_stats(1.0);
  return loss;
}

double Landscape::plane_point(double a, double b) {
  const float fa = static_cast<float>(a), fb = static_cast<float>(b);
  work_ = theta1_ + fa * delta_ + fb * eta_;
  const Dataset& d = run_.dataset();
  return run_.evaluate(work_.data(), d.train_x, d.train_y, &d.train_t).loss;
}

Index Landscape::compute(Index n) {
  Index count = 0;
  const Index line = line_points(), side = plane_points();
  while (count < n && done_ < total()) {
    if (done_ < line) {
      line_loss_[static_cast<std::size_t>(done_)] = line_point(alpha_[static_cast<std::size_t>(done_)]);
    } else {
      const Index k = done_ - line, row = k / side, col = k % side;
      plane_loss_[static_cast<std::size_t>(k)] = plane_point(axis_[static_cast<std::size_t>(col)],
                                                             axis_[static_cast<std::size_t>(row)]);
    }
    ++done_;
    ++count;
  }
  return count;
}

namespace {

nlohmann::ordered_json numbers(const std::vector<double>& v, std::size_t from, std::size_t count) {
  auto a = nlohmann::ordered_json::array();
  for (std::size_t i = from; i < from + count; ++i) a.push_back(json_number(v[i]));
  return a;
}

}  // namespace

std::vector<std::string> Landscape::json_lines() const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < alpha_.size(); ++i) {
    nlohmann::ordered_json j;
    j["landscape"] = "line";
    j["alpha"] = alpha_[i];
    j["loss"] = json_number(line_loss_[i]);
    out.push_back(j.dump());
  }
  const std::size_t side = axis_.size();
  for (std::size_t r = 0; r < side; ++r) {
    nlohmann::ordered_json j;
    j["landscape"] = "plane";
    j["b"] = axis_[r];
    j["a"] = numbers(axis_, 0, side);
    j["loss"] = numbers(plane_loss_, r * side, side);
    out.push_back(j.dump());
  }
  for (std::size_t k = 0; k < traj_step_.size(); ++k) {
    nlohmann::ordered_json j;
    j["landscape"] = "trajectory";
    j["step"] = static_cast<long long>(traj_step_[k]);
    j["a"] = json_number(traj_a_[k]);
    j["b"] = json_number(traj_b_[k]);
    j["off_plane"] = json_number(traj_off_[k]);
    out.push_back(j.dump());
  }
  return out;
}

std::string Landscape::json() const {
  nlohmann::ordered_json j;
  j["done"] = static_cast<long long>(done_);
  j["total"] = static_cast<long long>(total());
  j["alpha"] = numbers(alpha_, 0, alpha_.size());
  j["line_loss"] = numbers(line_loss_, 0, line_loss_.size());
  j["axis"] = numbers(axis_, 0, axis_.size());
  j["plane_loss"] = numbers(plane_loss_, 0, plane_loss_.size());
  j["normalization"] = spec_.normalization;
  j["trajectory"] = {{"step", numbers(traj_step_, 0, traj_step_.size())},
                     {"a", numbers(traj_a_, 0, traj_a_.size())},
                     {"b", numbers(traj_b_, 0, traj_b_.size())},
                     {"off_plane", numbers(traj_off_, 0, traj_off_.size())}};
  return j.dump();
}

}  // namespace optlab
