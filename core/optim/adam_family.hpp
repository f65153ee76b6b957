// The moment update the Adam family shares (Adam, AdamW, AMSGrad, NAdam), written once as
// ensmallen writes AdamType<UpdatePolicy>: per element
//
//     s ← ρ₁ s + (1 − ρ₁) g            (first moment)
//     r ← ρ₂ r + (1 − ρ₂) g ⊙ g        (second moment)
//
// then the method's policy turns (θ, g, s, r) into the new θ — Adam's ŝ/(√r̂ + δ) (AdamW with θ
// scaled first), AMSGrad's running maximum of r, NAdam's Nesterov combination of g and s.
//
// A policy is a struct with
//     template <class B> auto operator()(B, Index i, Pack x, Pack g, Pack s, Pack r) const  (float)
//     double operator()(Index i, double x, double g, double s, double r) const               (double)
// returning the new θᵢ. The float kernel runs packed (simd::for_each) and the double one is a plain
// loop; each keeps the exact operation order the methods had before, so their results are
// bit-identical to the earlier per-method kernels (tests/native/optimizers_golden_test.cpp).
#pragma once

#include "math/simd.hpp"
#include "math/types.hpp"

namespace optlab {

// ρ₁, 1 − ρ₁, ρ₂, 1 − ρ₂ in the kernel's precision.
template <typename T>
struct MomentDecay {
  T b1, c1, b2, c2;
  MomentDecay(double beta1, double beta2)
      : b1(static_cast<T>(beta1)), c1(static_cast<T>(1.0 - beta1)), b2(static_cast<T>(beta2)),
        c2(static_cast<T>(1.0 - beta2)) {}
};

template <class Policy>
void adam_family_update(float* x, float* s, float* r, const float* g, Index n, const MomentDecay<float>& d,
                        const Policy& policy) {
  simd::for_each(n, [&](auto b, Index i) {
    using B = decltype(b);
    auto gi = B::load(g + i);
    auto si = B::set1(d.b1) * B::load(s + i) + B::set1(d.c1) * gi;
    auto ri = B::set1(d.b2) * B::load(r + i) + B::set1(d.c2) * gi * gi;
    B::store(s + i, si);
    B::store(r + i, ri);
    B::store(x + i, policy(b, i, B::load(x + i), gi, si, ri));
  });
}

template <class Policy>
void adam_family_update(double* x, double* s, double* r, const double* g, Index n, const MomentDecay<double>& d,
                        const Policy& policy) {
  for (Index i = 0; i < n; ++i) {
    s[i] = d.b1 * s[i] + d.c1 * g[i];
    r[i] = d.b2 * r[i] + d.c2 * (g[i] * g[i]);
    x[i] = policy(i, x[i], g[i], s[i], r[i]);
  }
}

}  // namespace optlab
