#include "nn/distillation.hpp"

#include <algorithm>

#include "math/portable_math.hpp"

namespace optlab {

namespace {

// log Σ_k exp(x_k / T) over one row, with the maximum taken out.
double log_sum_exp(const float* x, Index k, double inv_t) {
  double m = x[0] * inv_t;
  for (Index i = 1; i < k; ++i) m = std::max(m, x[i] * inv_t);
  double s = 0.0;
  for (Index i = 0; i < k; ++i) s += portable::exp(x[i] * inv_t - m);
  return m + portable::log(s);
}

}  // namespace

double hint_loss(ConstMatRef r, ConstMatRef t, float* dr) {
  const Index B = r.rows(), D = r.cols();
  if (B == 0) return 0.0;
  const double inv_b = 1.0 / static_cast<double>(B);
  double total = 0.0;
  for (Index b = 0; b < B; ++b)
    for (Index d = 0; d < D; ++d) {
      const double diff = static_cast<double>(r(b, d)) - static_cast<double>(t(b, d));
      total += 0.5 * diff * diff;
      if (dr) dr[b * D + d] = static_cast<float>(diff * inv_b);
    }
  return total * inv_b;
}

LossResult distillation_loss(ConstMatRef z, ConstMatRef t, const int* labels, double temperature, double alpha,
                             float* dz) {
  const Index B = z.rows(), K = z.cols();
  LossResult res;
  if (B == 0) return res;
  const double inv_b = 1.0 / static_cast<double>(B), inv_t = 1.0 / temperature;
  double hard = 0.0, soft = 0.0;
  for (Index b = 0; b < B; ++b) {
    const float* zr = z.data() + b * z.outerStride();
    const float* tr = t.data() + b * t.outerStride();
    const double lz1 = log_sum_exp(zr, K, 1.0), lzt = log_sum_exp(zr, K, inv_t), ltt = log_sum_exp(tr, K, inv_t);
    hard += lz1 - zr[labels[b]];
    Index best = 0;
    for (Index k = 0; k < K; ++k) {
      if (zr[k] > zr[best]) best = k;
      const double log_ps = zr[k] * inv_t - lzt, log_pt = tr[k] * inv_t - ltt;
      const double pt = portable::exp(log_pt);
      soft += pt * (log_pt - log_ps);  // KL(p_t ‖ p_s) term
      if (dz) {
        const double p1 = portable::exp(zr[k] - lz1), ps = portable::exp(log_ps);
        const double g = (1.0 - alpha) * (p1 - (k == labels[b] ? 1.0 : 0.0)) + alpha * temperature * (ps - pt);
        dz[b * K + k] = static_cast<float>(g * inv_b);
      }
    }
    if (best == labels[b]) ++res.correct;
  }
  res.loss = ((1.0 - alpha) * hard + alpha * temperature * temperature * soft) * inv_b;
  return res;
}

}  // namespace optlab
