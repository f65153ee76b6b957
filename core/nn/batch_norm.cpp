#include "nn/batch_norm.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "math/simd.hpp"

namespace optlab {

BatchNorm::BatchNorm(Index features, BatchNormOptions opt) : Layer(features, features), opt_(validated(opt)) {
  if (!(opt_.eps > 0)) throw std::invalid_argument("batch_norm eps must be > 0");
  if (!(opt_.momentum >= 0 && opt_.momentum <= 1)) throw std::invalid_argument("batch_norm momentum must be in [0, 1]");
  running_mean_ = Vec::Zero(features);
  running_var_ = Vec::Ones(features);
  mean_.resize(features);
  invstd_.resize(features);
  sum_dy_.resize(features);
  sum_dy_xhat_.resize(features);
  coef_.resize(features);
}

std::string BatchNorm::describe() const {
  char buf[96];
  std::snprintf(buf, sizeof buf, "batch_norm %ld (eps %g, momentum %g)", static_cast<long>(out_), opt_.eps,
                opt_.momentum);
  return buf;
}

void BatchNorm::init_params(float* params, Rng& /*rng*/) const {
  for (Index c = 0; c < out_; ++c) params[c] = 1.f, params[out_ + c] = 0.f;
}

void BatchNorm::reserve(Index max_batch) {
  Layer::reserve(max_batch);
  xhat_.resize(max_batch, out_);
}

// x (B, C) → y (B, C); parameters γ (C), β (C).
void BatchNorm::forward(const float* params, ConstMatRef x, bool training) {
  const Index B = x.rows(), C = out_;
  const float* gamma = params;
  const float* beta = params + C;
  float* mean = mean_.data();
  float* invstd = invstd_.data();
  float* xhat = xhat_.data();
  float* y = output_buffer(B).data();
  const float* xd = x.data();
  const Index xs = x.outerStride();
  last_training_ = training;
  if (training) {
    mean_.setZero();
    invstd_.setZero();  // accumulates Σ (x − μ)² first
    for (Index b = 0; b < B; ++b) {
      const float* xr = xd + b * xs;
      simd::for_each(C, [&](auto k, Index i) {
        using K = decltype(k);
        K::store(mean + i, K::load(mean + i) + K::load(xr + i));
      });
    }
    const float inv_b = 1.f / static_cast<float>(B);
    simd::for_each(C, [&](auto k, Index i) {
      using K = decltype(k);
      K::store(mean + i, K::load(mean + i) * K::set1(inv_b));
    });
    for (Index b = 0; b < B; ++b) {
      const float* xr = xd + b * xs;
      simd::for_each(C, [&](auto k, Index i) {
        using K = decltype(k);
        auto d = K::load(xr + i) - K::load(mean + i);
        K::store(invstd + i, K::load(invstd + i) + d * d);
      });
    }
    if (update_running_ && B > 1) {  // one example has no variance (PyTorch refuses it)
      const float m = static_cast<float>(opt_.momentum), keep = 1.f - m;
      const float unbias = 1.f / static_cast<float>(B - 1);  // Σ(x − μ)² / (B − 1)
      float* rm = running_mean_.data();
      float* rv = running_var_.data();
      simd::for_each(C, [&](auto k, Index i) {
        using K = decltype(k);
        K::store(rm + i, K::set1(keep) * K::load(rm + i) + K::set1(m) * K::load(mean + i));
        K::store(rv + i, K::set1(keep) * K::load(rv + i) + K::set1(m) * (K::load(invstd + i) * K::set1(unbias)));
      });
    }
    const float eps = static_cast<float>(opt_.eps);
    simd::for_each(C, [&](auto k, Index i) {
      using K = decltype(k);
      K::store(invstd + i, K::set1(1.f) / K::sqrt(K::load(invstd + i) * K::set1(inv_b) + K::set1(eps)));
    });
  } else {
    const float eps = static_cast<float>(opt_.eps);
    const float* rm = running_mean_.data();
    const float* rv = running_var_.data();
    simd::for_each(C, [&](auto k, Index i) {
      using K = decltype(k);
      K::store(mean + i, K::load(rm + i));
      K::store(invstd + i, K::set1(1.f) / K::sqrt(K::load(rv + i) + K::set1(eps)));
    });
  }
  for (Index b = 0; b < B; ++b) {
    const float* xr = xd + b * xs;
    float* hr = xhat + b * C;
    float* yr = y + b * C;
    simd::for_each(C, [&](auto k, Index i) {
      using K = decltype(k);
      auto h = (K::load(xr + i) - K::load(mean + i)) * K::load(invstd + i);
      K::store(hr + i, h);
      K::store(yr + i, K::load(gamma + i) * h + K::load(beta + i));
    });
  }
}

void BatchNorm::backward(const float* params, float* grads, ConstMatRef x, ConstMatRef dy, float* dx) {
  const Index B = x.rows(), C = out_;
  const float* gamma = params;
  float* dgamma = grads;
  float* dbeta = grads + C;
  const float* xhat = xhat_.data();
  const float* invstd = invstd_.data();
  const float* g = dy.data();
  const Index gs = dy.outerStride();
  sum_dy_.setZero();
  sum_dy_xhat_.setZero();
  float* s1 = sum_dy_.data();
  float* s2 = sum_dy_xhat_.data();
  for (Index b = 0; b < B; ++b) {
    const float* gr = g + b * gs;
    const float* hr = xhat + b * C;
    simd::for_each(C, [&](auto k, Index i) {
      using K = decltype(k);
      auto gv = K::load(gr + i);
      K::store(s1 + i, K::load(s1 + i) + gv);
      K::store(s2 + i, K::load(s2 + i) + gv * K::load(hr + i));
    });
  }
  simd::for_each(C, [&](auto k, Index i) {
    using K = decltype(k);
    K::store(dgamma + i, K::load(s2 + i));
    K::store(dbeta + i, K::load(s1 + i));
  });
  if (!dx) return;
  if (!last_training_) {
    for (Index b = 0; b < B; ++b) {
      const float* gr = g + b * gs;
      float* dr = dx + b * C;
      simd::for_each(C, [&](auto k, Index i) {
        using K = decltype(k);
        K::store(dr + i, K::load(gamma + i) * K::load(invstd + i) * K::load(gr + i));
      });
    }
    return;
  }
  // dx = (γ/(B√(σ²+eps))) (B g − Σg − x̂ Σg x̂) = A g − b − x̂ c with per-feature A, b, c computed once,
  // so the per-element work is two multiplies and two subtractions.
  const float fb = static_cast<float>(B), inv_b = 1.f / fb;
  simd::for_each(C, [&](auto k, Index i) {
    using K = decltype(k);
    auto a = K::load(gamma + i) * K::load(invstd + i) * K::set1(inv_b);
    K::store(s1 + i, a * K::load(s1 + i));                          // b
    K::store(s2 + i, a * K::load(s2 + i));                          // c
    K::store(coef_.data() + i, a * K::set1(fb));                     // A
  });
  const float* A = coef_.data();
  for (Index b = 0; b < B; ++b) {
    const float* gr = g + b * gs;
    const float* hr = xhat + b * C;
    float* dr = dx + b * C;
    simd::for_each(C, [&](auto k, Index i) {
      using K = decltype(k);
      K::store(dr + i, K::load(A + i) * K::load(gr + i) - K::load(s1 + i) - K::load(hr + i) * K::load(s2 + i));
    });
  }
}

}  // namespace optlab
