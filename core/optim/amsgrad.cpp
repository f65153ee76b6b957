#include "optim/amsgrad.hpp"

#include <cmath>

#include <algorithm>

#include "math/portable_math.hpp"
#include "optim/adam_family.hpp"

namespace optlab {

namespace {

// AMSGrad's θ update: r_max ← max(r_max, r), θ − ε/(1 − ρ₁ᵗ) · s / (√r_max/√(1 − ρ₂ᵗ) + δ).
struct AmsgradPolicy {
  float* rmax;
  float step, inv_sqrt_bc2, eps;
  template <class B, class P>
  P operator()(B, Index i, P x, P, P s, P r) const {
    auto m = B::max(B::load(rmax + i), r);
    B::store(rmax + i, m);
    auto denom = B::sqrt(m) * B::set1(inv_sqrt_bc2) + B::set1(eps);
    return x - B::set1(step) * s / denom;
  }
};

struct AmsgradPolicyDouble {
  double* rmax;
  double step, sqrt_bc2, eps;
  double operator()(Index i, double x, double, double s, double r) const {
    rmax[i] = std::max(rmax[i], r);
    return x - step * s / (std::sqrt(rmax[i]) / sqrt_bc2 + eps);
  }
};

}  // namespace

template <>
void Amsgrad<float>::update(VecRef x, VecRef g, float lr) {
  ++t_;
  const AdamScalars k(opt_, t_, lr);
  adam_family_update(x.data(), s_.data(), r_.data(), g.data(), x.size(), MomentDecay<float>(opt_.beta1, opt_.beta2),
                     AmsgradPolicy{rmax_.data(), k.step, k.inv_sqrt_bc2, k.eps});
}

template <>
void Amsgrad<double>::update(VecRefT<double> x, VecRefT<double> g, double lr) {
  ++t_;
  const double bc1 = 1.0 - portable::pow(opt_.beta1, static_cast<double>(t_));
  const double bc2 = 1.0 - portable::pow(opt_.beta2, static_cast<double>(t_));
  adam_family_update(x.data(), s_.data(), r_.data(), g.data(), x.size(), MomentDecay<double>(opt_.beta1, opt_.beta2),
                     AmsgradPolicyDouble{rmax_.data(), lr / bc1, std::sqrt(bc2), opt_.eps});
}

template class Amsgrad<float>;
template class Amsgrad<double>;

}  // namespace optlab
