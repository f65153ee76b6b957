#include "init/class_prior.hpp"

#include <algorithm>
#include <cmath>

#include "math/portable_math.hpp"

namespace optlab {

std::vector<double> class_frequencies(const std::vector<int>& labels, int classes) {
  std::vector<double> p(static_cast<std::size_t>(classes), 0.0);
  for (int y : labels)
    if (y >= 0 && y < classes) p[static_cast<std::size_t>(y)] += 1.0;
  const double n = std::max<double>(1.0, static_cast<double>(labels.size()));
  for (double& v : p) v /= n;
  return p;
}

std::vector<double> class_prior_bias(Loss loss, const std::vector<int>& labels, int classes) {
  std::vector<double> p = class_frequencies(labels, classes);
  constexpr double kFloor = 1e-6;
  switch (loss) {
    case Loss::SoftmaxCrossEntropy: {
      std::vector<double> b(p.size());
      for (std::size_t k = 0; k < p.size(); ++k) b[k] = portable::log(std::max(p[k], kFloor));
      return b;
    }
    case Loss::BinaryCrossEntropy:
      return {portable::log(std::max(p[1], kFloor) / std::max(p[0], kFloor))};
    case Loss::MeanSquaredError:
      if (classes == 2) return {p[1] - p[0]};
      return p;
  }
  return p;
}

}  // namespace optlab
