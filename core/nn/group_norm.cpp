#include "nn/group_norm.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "math/simd.hpp"

namespace optlab {

std::string group_norm_error(Index features, int groups) {
  if (groups < 1) return "groups must be ≥ 1";
  if (features % groups != 0)
    return std::to_string(groups) + " groups do not divide the layer's " + std::to_string(features) +
           " units; use a divisor of " + std::to_string(features);
  return "";
}

GroupNorm::GroupNorm(Index features, GroupNormOptions opt) : Layer(features, features), opt_(validated(std::move(opt))) {
  if (std::string err = group_norm_error(features, opt_.groups); !err.empty()) throw std::invalid_argument(err);
  if (!(opt_.eps > 0)) throw std::invalid_argument("group_norm eps must be > 0");
  m_ = features / opt_.groups;
  dxhat_.resize(features);
}

std::string GroupNorm::describe() const {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s %ld (groups %d, eps %g)", opt_.kind.c_str(), static_cast<long>(out_),
                opt_.groups, opt_.eps);
  return buf;
}

void GroupNorm::init_params(float* params, Rng& /*rng*/) const {
  for (Index c = 0; c < out_; ++c) params[c] = 1.f, params[out_ + c] = 0.f;
}

void GroupNorm::reserve(Index max_batch) {
  Layer::reserve(max_batch);
  xhat_.resize(max_batch, out_);
  invstd_.resize(max_batch, opt_.groups);
}

void GroupNorm::forward(const float* params, ConstMatRef x, bool /*training*/) {
  const Index B = x.rows(), C = out_, G = opt_.groups, m = m_;
  const float* gamma = params;
  const float* beta = params + C;
  float* y = output_buffer(B).data();
  const float inv_m = 1.f / static_cast<float>(m), eps = static_cast<float>(opt_.eps);
  for (Index b = 0; b < B; ++b) {
    const float* xr = x.data() + b * x.outerStride();
    float* hr = xhat_.data() + b * C;
    float* yr = y + b * C;
    for (Index g = 0; g < G; ++g) {
      const float* xg = xr + g * m;
      float* hg = hr + g * m;
      const float mu = inv_m * simd::reduce_sum(m, [&](auto k, Index i) {
        using K = decltype(k);
        return K::load(xg + i);
      });
      const float var = inv_m * simd::reduce_sum(m, [&](auto k, Index i) {
        using K = decltype(k);
        auto d = K::load(xg + i) - K::set1(mu);
        return d * d;
      });
      const float is = 1.f / std::sqrt(var + eps);
      invstd_(b, g) = is;
      simd::for_each(m, [&](auto k, Index i) {
        using K = decltype(k);
        K::store(hg + i, (K::load(xg + i) - K::set1(mu)) * K::set1(is));
      });
    }
    simd::for_each(C, [&](auto k, Index i) {
      using K = decltype(k);
      K::store(yr + i, K::load(gamma + i) * K::load(hr + i) + K::load(beta + i));
    });
  }
}

void GroupNorm::backward(const float* params, float* grads, ConstMatRef x, ConstMatRef dy, float* dx) {
  const Index B = x.rows(), C = out_, G = opt_.groups, m = m_;
  const float* gamma = params;
  float* dgamma = grads;
  float* dbeta = grads + C;
  for (Index c = 0; c < 2 * C; ++c) grads[c] = 0.f;
  const float fm = static_cast<float>(m), inv_m = 1.f / fm;
  float* gh = dxhat_.data();
  for (Index b = 0; b < B; ++b) {
    const float* gr = dy.data() + b * dy.outerStride();
    const float* hr = xhat_.data() + b * C;
    simd::for_each(C, [&](auto k, Index i) {
      using K = decltype(k);
      auto gv = K::load(gr + i);
      K::store(dbeta + i, K::load(dbeta + i) + gv);
      K::store(dgamma + i, K::load(dgamma + i) + gv * K::load(hr + i));
      K::store(gh + i, K::load(gamma + i) * gv);
    });
    if (!dx) continue;
    float* dr = dx + b * C;
    for (Index g = 0; g < G; ++g) {
      const float* hg = hr + g * m;
      const float* ghg = gh + g * m;
      float* dg = dr + g * m;
      const float s1 = simd::reduce_sum(m, [&](auto k, Index i) {
        using K = decltype(k);
        return K::load(ghg + i);
      });
      const float s2 = simd::reduce_sum(m, [&](auto k, Index i) {
        using K = decltype(k);
        return K::load(ghg + i) * K::load(hg + i);
      });
      const float scale = invstd_(b, g) * inv_m;
      simd::for_each(m, [&](auto k, Index i) {
        using K = decltype(k);
        auto inner = K::set1(fm) * K::load(ghg + i) - K::set1(s1) - K::load(hg + i) * K::set1(s2);
        K::store(dg + i, K::set1(scale) * inner);
      });
    }
  }
}

}  // namespace optlab
