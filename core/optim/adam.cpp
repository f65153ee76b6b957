#include "optim/adam.hpp"

#include <cmath>

#include "math/portable_math.hpp"
#include "optim/adam_family.hpp"

namespace optlab {

AdamScalars::AdamScalars(const AdamOptions& o, long t, double lr) {
  const double bc1 = 1.0 - portable::pow(o.beta1, static_cast<double>(t));
  const double bc2 = 1.0 - portable::pow(o.beta2, static_cast<double>(t));
  step = static_cast<float>(lr / bc1);
  inv_sqrt_bc2 = static_cast<float>(1.0 / std::sqrt(bc2));
  eps = static_cast<float>(o.eps);
}

namespace {

// Adam's θ update (AdamW's with keep = 1 − ελ): θ·keep − ε/(1 − ρ₁ᵗ) · s / (√r/√(1 − ρ₂ᵗ) + δ).
struct AdamPolicy {
  float step, inv_sqrt_bc2, eps, keep;
  template <class B, class P>
  P operator()(B, Index, P x, P, P s, P r) const {
    auto denom = B::sqrt(r) * B::set1(inv_sqrt_bc2) + B::set1(eps);
    return x * B::set1(keep) - B::set1(step) * s / denom;
  }
};

struct AdamPolicyDouble {
  double step, sqrt_bc2, eps, keep;
  double operator()(Index, double x, double, double s, double r) const {
    if (keep != 1.0) x *= keep;
    return x - step * s / (std::sqrt(r) / sqrt_bc2 + eps);
  }
};

}  // namespace

template <>
void Adam<float>::adam_update(VecRef x, VecRef g, float lr, double keep) {
  ++t_;
  const AdamScalars k(opt_, t_, lr);
  adam_family_update(x.data(), s_.data(), r_.data(), g.data(), x.size(), MomentDecay<float>(opt_.beta1, opt_.beta2),
                     AdamPolicy{k.step, k.inv_sqrt_bc2, k.eps, static_cast<float>(keep)});
}

template <>
void Adam<double>::adam_update(VecRefT<double> x, VecRefT<double> g, double lr, double keep) {
  ++t_;
  const double bc1 = 1.0 - portable::pow(opt_.beta1, static_cast<double>(t_));
  const double bc2 = 1.0 - portable::pow(opt_.beta2, static_cast<double>(t_));
  adam_family_update(x.data(), s_.data(), r_.data(), g.data(), x.size(), MomentDecay<double>(opt_.beta1, opt_.beta2),
                     AdamPolicyDouble{lr / bc1, std::sqrt(bc2), opt_.eps, keep});
}

template class Adam<float>;
template class Adam<double>;

}  // namespace optlab
