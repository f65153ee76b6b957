#include "run/continuation.hpp"

#include <cmath>

#include "math/portable_math.hpp"
#include "math/rng.hpp"
#include "run/catalog.hpp"

namespace optlab {

ContinuationSpec read_continuation(ObjectReader& spec) {
  ContinuationSpec c;
  if (!spec.has("continuation")) return c;
  const Catalog& cat = catalog();
  ObjectReader r = spec.object("continuation");
  c.on = true;
  c.sigma = r.number(cat.continuation_option("sigma"));
  c.samples = static_cast<int>(r.integer(cat.continuation_option("samples")));
  c.antithetic = r.boolean(cat.continuation_option("antithetic"));
  c.stages = static_cast<int>(r.integer(cat.continuation_option("stages")));
  c.schedule = r.choice(cat.continuation_option("schedule"));
  if (c.schedule == "geometric") c.ratio = r.number(cat.continuation_option("ratio"));
  r.finish();
  return c;
}

double continuation_sigma(const ContinuationSpec& c, long k, long steps) {
  if (!c.on) return 0.0;
  const long long S = c.stages;
  if (S == 1) return c.sigma;
  // Stage of step k: ⌊k·S/steps⌋ (k ≤ 10⁷, S ≤ 1000: 64-bit; long is 32-bit in wasm).
  const long long s = std::min<long long>(S - 1, static_cast<long long>(k) * S / steps);
  if (s == S - 1) return 0.0;
  if (c.schedule == "geometric") return c.sigma * portable::pow(c.ratio, static_cast<double>(s));
  return c.sigma * (1.0 - static_cast<double>(s) / static_cast<double>(S - 1));
}

SmoothedObjective::SmoothedObjective(Objective<double>& inner, const ContinuationSpec& c, std::uint64_t seed)
    : inner_(inner), antithetic_(c.antithetic) {
  const Index n = inner.dim();
  eps_.resize(n, c.samples);
  Rng rng(seed, RngStream::Continuation);
  for (Index m = 0; m < eps_.cols(); ++m)
    for (Index i = 0; i < n; ++i) eps_(i, m) = rng.normal();
  point_.resize(n);
  grad_.resize(n);
  if (inner.has_hessian()) hess_.resize(n, n);
}

void SmoothedObjective::set_sigma(double sigma) {
  if (sigma == sigma_) return;
  sigma_ = sigma;
  ++generation_;
}

int SmoothedObjective::terms() const {
  if (sigma_ == 0.0) return 1;
  return static_cast<int>(eps_.cols()) * (antithetic_ ? 2 : 1);
}

void SmoothedObjective::perturb(ConstVecRefT<double> x, int k) {
  const Index m = antithetic_ ? k / 2 : k;
  const double step = (antithetic_ && (k % 2 == 1)) ? -sigma_ : sigma_;
  point_.noalias() = x + step * eps_.col(m);
}

double SmoothedObjective::value_and_gradient(ConstVecRefT<double> x, VecRefT<double> grad) {
  ++evaluations_;
  if (sigma_ == 0.0) return inner_.value_and_gradient(x, grad);
  const int K = terms();
  double f = 0.0;
  grad.setZero();
  for (int k = 0; k < K; ++k) {
    perturb(x, k);
    f += inner_.value_and_gradient(point_, grad_);
    grad += grad_;
  }
  grad /= static_cast<double>(K);
  return f / static_cast<double>(K);
}

double SmoothedObjective::value(ConstVecRefT<double> x) {
  ++evaluations_;
  if (sigma_ == 0.0) return inner_.value(x);
  const int K = terms();
  double f = 0.0;
  for (int k = 0; k < K; ++k) {
    perturb(x, k);
    f += inner_.value(point_);
  }
  return f / static_cast<double>(K);
}

void SmoothedObjective::hessian(ConstVecRefT<double> x, MatD& h) {
  if (sigma_ == 0.0) {
    inner_.hessian(x, h);
    return;
  }
  const int K = terms();
  h.setZero();
  for (int k = 0; k < K; ++k) {
    perturb(x, k);
    inner_.hessian(point_, hess_);
    h += hess_;
  }
  h /= static_cast<double>(K);
}

}  // namespace optlab
