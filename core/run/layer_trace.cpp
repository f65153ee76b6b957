#include "run/layer_trace.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "math/rng.hpp"

namespace optlab {

const std::vector<std::string>& LayerTracer::columns() {
  static const std::vector<std::string> c = [] {
    std::vector<std::string> v = {"step", "layer", "kind", "count", "mean", "std", "fraction", "unit_fraction", "lo", "hi"};
    for (int b = 0; b < kBins; ++b) v.push_back("hist" + std::to_string(b));
    return v;
  }();
  return c;
}

LayerTracer::LayerTracer(Model& model, Loss loss, std::vector<Index> taps, std::vector<Activation> acts,
                         const Dataset& data, std::uint64_t seed, LayerTraceSpec spec, long total_steps)
    : model_(model), loss_(loss), taps_(std::move(taps)), acts_(std::move(acts)), spec_(std::move(spec)) {
  const Index n = data.train_x.rows();
  const Index rows = std::min(kProbeRows, n);
  std::vector<int> order(static_cast<std::size_t>(n));
  for (Index i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = static_cast<int>(i);
  Rng rng(seed, RngStream::Probe);
  shuffle(order.begin(), static_cast<std::uint32_t>(n), rng);
  probe_x_.resize(rows, data.train_x.cols());
  probe_y_.resize(static_cast<std::size_t>(rows));
  for (Index i = 0; i < rows; ++i) {
    probe_x_.row(i) = data.train_x.row(order[static_cast<std::size_t>(i)]);
    probe_y_[static_cast<std::size_t>(i)] = data.train_y[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])];
  }
  Index widest = model.inputs();
  for (const auto& l : model.layers()) widest = std::max(widest, l->out_features());
  dout_.resize(rows, model.outputs());
  delta_[0].resize(rows, widest);
  delta_[1].resize(rows, widest);
  grads_.resize(model.param_count());
  const long steps = spec_.count(total_steps);
  table_.reserve(static_cast<std::size_t>(steps * layer_count() * 2 * stride()));
  record_rows_.reserve(static_cast<std::size_t>(steps));
}

void LayerTracer::add_row(long step, Index layer, int kind, const float* v, Index rows, Index cols, Activation a) {
  const Index n = rows * cols;
  double sum = 0, mn = std::numeric_limits<double>::infinity(), mx = -mn, amax = 0;
  for (Index i = 0; i < n; ++i) {
    const double x = v[i];
    sum += x;
    mn = std::min(mn, x);
    mx = std::max(mx, x);
    amax = std::max(amax, std::fabs(x));
  }
  const double mean = n ? sum / static_cast<double>(n) : 0.0;
  double ss = 0;
  for (Index i = 0; i < n; ++i) ss += (v[i] - mean) * (v[i] - mean);
  const double sd = n ? std::sqrt(ss / static_cast<double>(n)) : 0.0;
  // Which values count towards `fraction`.
  auto flagged = [&](float x) {
    if (kind == 1) return x == 0.f;
    switch (a) {
      case Activation::Tanh: return std::fabs(x) > 0.99f;
      case Activation::Sigmoid: return x < 0.01f || x > 0.99f;
      case Activation::Relu: return x == 0.f;
      case Activation::LeakyRelu: return x < 0.f;
      case Activation::Linear: return false;
    }
    return false;
  };
  const bool has_fraction = kind == 1 || a != Activation::Linear;
  double lo = mn, hi = mx;
  if (kind == 1) {
    hi = amax > 0 ? amax : 1.0;
    lo = -hi;
  } else if (a == Activation::Tanh) {
    lo = -1, hi = 1;
  } else if (a == Activation::Sigmoid) {
    lo = 0, hi = 1;
  } else if (!(hi > lo)) {
    lo -= 0.5, hi += 0.5;
  }
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = -1, hi = 1;  // NaN/inf signals: the histogram stays empty
  const std::size_t at = table_.size();
  table_.resize(at + static_cast<std::size_t>(stride()), 0.0);  // reserved: no allocation
  double* row = table_.data() + at;
  std::size_t flagged_count = 0, flagged_units = 0;
  for (Index i = 0; i < n; ++i) {
    if (flagged(v[i])) ++flagged_count;
    const double t = (v[i] - lo) / (hi - lo) * kBins;
    if (std::isfinite(t)) row[10 + std::clamp(static_cast<int>(t), 0, kBins - 1)] += 1;
  }
  for (Index c = 0; c < cols; ++c) {
    bool all = rows > 0;
    for (Index r = 0; r < rows && all; ++r) all = flagged(v[r * cols + c]);
    flagged_units += all;
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  row[0] = static_cast<double>(step);
  row[1] = static_cast<double>(layer);
  row[2] = kind;
  row[3] = static_cast<double>(n);
  row[4] = mean;
  row[5] = sd;
  row[6] = has_fraction && n ? static_cast<double>(flagged_count) / static_cast<double>(n) : nan;
  row[7] = has_fraction && cols ? static_cast<double>(flagged_units) / static_cast<double>(cols) : nan;
  row[8] = lo;
  row[9] = hi;
}

void LayerTracer::record(long step, const float* theta, Index record_row) {
  const auto& layers = model_.layers();
  for (const auto& l : layers) l->set_update_running_stats(false);
  const Index B = probe_x_.rows();
  auto out = model_.forward(theta, probe_x_, true);
  loss_forward_backward(loss_, out, probe_y_.data(), dout_.data());
  const std::size_t first = table_.size();
  for (std::size_t t = 0; t < taps_.size(); ++t) {
    const Layer& l = *layers[static_cast<std::size_t>(taps_[t])];
    add_row(step, static_cast<Index>(t), 0, l.output(B).data(), B, l.out_features(), acts_[t]);
  }
  // The model's backward pass, keeping dL/d(output) of each tapped layer as it goes by.
  const float* dy = dout_.data();
  for (std::size_t li = layers.size(); li-- > 0;) {
    Layer& layer = *layers[li];
    const auto tap = std::find(taps_.begin(), taps_.end(), static_cast<Index>(li));
    if (tap != taps_.end()) {
      const std::size_t t = static_cast<std::size_t>(tap - taps_.begin());
      add_row(step, static_cast<Index>(t), 1, dy, B, layer.out_features(), acts_[t]);
    }
    if (li == 0) break;  // dL/dx of the inputs is not needed
    float* dx = delta_[li % 2].data();
    Eigen::Map<const Mat> dym(dy, B, layer.out_features());
    const Index off = model_.param_offset(li);
    layer.backward(theta + off, grads_.data() + off, layers[li - 1]->output(B), dym, dx);
    dy = dx;
  }
  for (const auto& l : layers) l->set_update_running_stats(true);
  // Gradient rows were appended from the last layer down: put them in layer order.
  const std::size_t s = static_cast<std::size_t>(stride());
  const std::size_t grad_first = first + taps_.size() * s;
  for (std::size_t a = 0, b = taps_.size(); a + 1 < b; ++a, --b)
    std::swap_ranges(table_.begin() + static_cast<std::ptrdiff_t>(grad_first + a * s),
                     table_.begin() + static_cast<std::ptrdiff_t>(grad_first + (a + 1) * s),
                     table_.begin() + static_cast<std::ptrdiff_t>(grad_first + (b - 1) * s));
  record_rows_.push_back(record_row);
}

void LayerTracer::append_json(Index record_row, nlohmann::ordered_json& j) const {
  auto it = std::lower_bound(record_rows_.begin(), record_rows_.end(), record_row);
  if (it == record_rows_.end() || *it != record_row) return;
  const std::size_t k = static_cast<std::size_t>(it - record_rows_.begin());
  const std::size_t s = static_cast<std::size_t>(stride()), L = taps_.size();
  auto num = [](double v) { return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr); };
  auto layers = nlohmann::ordered_json::array();
  for (std::size_t t = 0; t < L; ++t) {
    nlohmann::ordered_json e;
    e["layer"] = t;
    e["activation"] = activation_name(acts_[t]);
    for (int kind = 0; kind < 2; ++kind) {
      const double* r = table_.data() + (k * 2 * L + static_cast<std::size_t>(kind) * L + t) * s;
      nlohmann::ordered_json o;
      o["mean"] = num(r[4]);
      o["std"] = num(r[5]);
      if (kind == 0) {
        const char* what = acts_[t] == Activation::Relu        ? "dead"
                           : acts_[t] == Activation::LeakyRelu ? "negative"
                           : acts_[t] == Activation::Linear    ? nullptr
                                                               : "saturated";
        if (what) {
          o[what] = num(r[6]);
          o[std::string("units_") + what] = num(r[7]);
        }
      } else {
        o["zero"] = num(r[6]);
      }
      o["lo"] = num(r[8]);
      o["hi"] = num(r[9]);
      auto h = nlohmann::ordered_json::array();
      for (int b = 0; b < kBins; ++b) h.push_back(static_cast<long long>(r[10 + b]));
      o["hist"] = std::move(h);
      e[kind == 0 ? "act" : "grad"] = std::move(o);
    }
    layers.push_back(std::move(e));
  }
  j["layers"] = std::move(layers);
}

}  // namespace optlab
