#include "run/curriculum.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace optlab {

std::vector<int> curriculum_order(const CurriculumSpec& spec, const Dataset& data, std::uint64_t seed) {
  const Index n = data.train_x.rows(), d = data.train_x.cols();
  std::vector<int> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  if (spec.score == "random") {
    Rng rng(seed, rng_stream(RngStream::Curriculum, 1));
    shuffle(order.begin(), static_cast<std::uint32_t>(n), rng);
    return order;
  }
  // One pass over all pairs: for each i, its k nearest (distance, index) and the nearest example of
  // another class. Distances in double over float coordinates: the same bits natively and in wasm.
  const std::size_t k = static_cast<std::size_t>(std::min<Index>(spec.neighbors, n - 1));
  std::vector<double> disagree(static_cast<std::size_t>(n)), margin(static_cast<std::size_t>(n));
  std::vector<std::pair<double, int>> heap;
  heap.reserve(k + 1);
  for (Index i = 0; i < n; ++i) {
    heap.clear();
    double nearest_other = std::numeric_limits<double>::infinity();
    const int yi = data.train_y[static_cast<std::size_t>(i)];
    for (Index j = 0; j < n; ++j) {
      if (j == i) continue;
      double sq = 0.0;
      for (Index c = 0; c < d; ++c) {
        const double diff = static_cast<double>(data.train_x(i, c)) - static_cast<double>(data.train_x(j, c));
        sq += diff * diff;
      }
      if (data.train_y[static_cast<std::size_t>(j)] != yi) nearest_other = std::min(nearest_other, sq);
      const std::pair<double, int> e{sq, static_cast<int>(j)};
      if (heap.size() < k) {
        heap.push_back(e);
        std::push_heap(heap.begin(), heap.end());
      } else if (k > 0 && e < heap.front()) {
        std::pop_heap(heap.begin(), heap.end());
        heap.back() = e;
        std::push_heap(heap.begin(), heap.end());
      }
    }
    int other = 0;
    for (const auto& e : heap) other += data.train_y[static_cast<std::size_t>(e.second)] != yi;
    disagree[static_cast<std::size_t>(i)] = k ? static_cast<double>(other) / static_cast<double>(k) : 0.0;
    margin[static_cast<std::size_t>(i)] = std::sqrt(nearest_other);
  }
  const bool by_neighbors = spec.score == "neighbors";
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const std::size_t ua = static_cast<std::size_t>(a), ub = static_cast<std::size_t>(b);
    if (by_neighbors && disagree[ua] != disagree[ub]) return disagree[ua] < disagree[ub];
    if (margin[ua] != margin[ub]) return margin[ua] > margin[ub];
    return disagree[ua] < disagree[ub];
  });
  return order;
}

Curriculum::Curriculum(const CurriculumSpec& spec, const Dataset& data, std::uint64_t seed, int batch_size)
    : spec_(spec), order_(curriculum_order(spec, data, seed)), rng_(seed, RngStream::Curriculum) {
  batch_ = std::min<Index>(batch_size, static_cast<Index>(order_.size()));
  work_ = order_;
}

Index Curriculum::available(long step) const {
  const double t = std::min(1.0, static_cast<double>(step) / static_cast<double>(spec_.steps));
  const double p0 = spec_.start_fraction;
  const double p = spec_.pacing == "root" ? std::sqrt(p0 * p0 + (1.0 - p0 * p0) * t) : p0 + (1.0 - p0) * t;
  const Index n = static_cast<Index>(order_.size());
  // (− 1e-9: p·N computed as 220.00000000000003 for an exact 220 must not round up to 221.)
  const Index m = static_cast<Index>(std::ceil(std::min(1.0, p) * static_cast<double>(n) - 1e-9));
  return std::min(n, std::max(batch_, m));
}

Index Curriculum::draw(long step, int* out) {
  // Partial Fisher–Yates within the available prefix: swaps never leave it, so the entries beyond
  // it stay in difficulty order and become available as the prefix grows.
  const Index avail = available(step);
  for (Index i = 0; i < batch_; ++i) {
    const Index j = i + static_cast<Index>(rng_.below(static_cast<std::uint32_t>(avail - i)));
    std::swap(work_[static_cast<std::size_t>(i)], work_[static_cast<std::size_t>(j)]);
    out[i] = work_[static_cast<std::size_t>(i)];
  }
  return batch_;
}

}  // namespace optlab
