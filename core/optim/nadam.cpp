#include "optim/nadam.hpp"

#include <cmath>

#include "math/portable_math.hpp"
#include "optim/adam_family.hpp"

namespace optlab {

namespace {
struct NadamCoefficients {
  double bc2, cg, cs;  // 1 − ρ₂ᵗ, coefficient of g/(√r̂+δ), coefficient of s/(√r̂+δ)
};
NadamCoefficients nadam_coefficients(const NadamOptions& o, long t, double lr, double& mu_product) {
  const double td = static_cast<double>(t);
  const double mu = o.beta1 * (1.0 - 0.5 * portable::pow(0.96, td * o.momentum_decay));
  const double mu_next = o.beta1 * (1.0 - 0.5 * portable::pow(0.96, (td + 1.0) * o.momentum_decay));
  mu_product *= mu;
  const double mu_product_next = mu_product * mu_next;
  return {1.0 - portable::pow(o.beta2, td), -lr * (1.0 - mu) / (1.0 - mu_product), -lr * mu_next / (1.0 - mu_product_next)};
}


// NAdam's θ update: θ + c_g · g/(√(r/(1 − ρ₂ᵗ)) + δ) + c_s · s/(√(r/(1 − ρ₂ᵗ)) + δ).
struct NadamPolicy {
  float bc2, cg, cs, eps;
  template <class B, class P>
  P operator()(B, Index, P x, P g, P s, P r) const {
    auto denom = B::sqrt(r / B::set1(bc2)) + B::set1(eps);
    return x + B::set1(cg) * g / denom + B::set1(cs) * s / denom;
  }
};

struct NadamPolicyDouble {
  double bc2, cg, cs, eps;
  double operator()(Index, double x, double g, double s, double r) const {
    return x + (cg * g / (std::sqrt(r / bc2) + eps) + cs * s / (std::sqrt(r / bc2) + eps));
  }
};

}  // namespace

template <>
void Nadam<float>::update(VecRef x, VecRef g, float lr) {
  ++t_;
  const NadamCoefficients k = nadam_coefficients(opt_, t_, static_cast<double>(lr), mu_product_);
  adam_family_update(x.data(), s_.data(), r_.data(), g.data(), x.size(), MomentDecay<float>(opt_.beta1, opt_.beta2),
                     NadamPolicy{static_cast<float>(k.bc2), static_cast<float>(k.cg), static_cast<float>(k.cs),
                                 static_cast<float>(opt_.eps)});
}

template <>
void Nadam<double>::update(VecRefT<double> x, VecRefT<double> g, double lr) {
  ++t_;
  const NadamCoefficients k = nadam_coefficients(opt_, t_, lr, mu_product_);
  adam_family_update(x.data(), s_.data(), r_.data(), g.data(), x.size(), MomentDecay<double>(opt_.beta1, opt_.beta2),
                     NadamPolicyDouble{k.bc2, k.cg, k.cs, opt_.eps});
}

template class Nadam<float>;
template class Nadam<double>;

}  // namespace optlab
