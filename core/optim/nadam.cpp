#include "optim/nadam.hpp"

#include <cmath>

#include "math/portable_math.hpp"
#include "math/simd.hpp"

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
}  // namespace

template <>
void Nadam<float>::update(VecRef x, VecRef g, float lr) {
  ++t_;
  const NadamCoefficients k = nadam_coefficients(opt_, t_, static_cast<double>(lr), mu_product_);
  const float bc2 = static_cast<float>(k.bc2), cg = static_cast<float>(k.cg), cs = static_cast<float>(k.cs);
  const float b1 = static_cast<float>(opt_.beta1), c1 = static_cast<float>(1.0 - opt_.beta1);
  const float b2 = static_cast<float>(opt_.beta2), c2 = static_cast<float>(1.0 - opt_.beta2);
  const float eps = static_cast<float>(opt_.eps);
  float* xp = x.data();
  float* sp = s_.data();
  float* rp = r_.data();
  const float* gp = g.data();
  simd::for_each(x.size(), [&](auto b, Index i) {
    using B = decltype(b);
    auto gi = B::load(gp + i);
    auto s = B::set1(b1) * B::load(sp + i) + B::set1(c1) * gi;
    auto r = B::set1(b2) * B::load(rp + i) + B::set1(c2) * gi * gi;
    B::store(sp + i, s);
    B::store(rp + i, r);
    auto denom = B::sqrt(r / B::set1(bc2)) + B::set1(eps);
    B::store(xp + i, B::load(xp + i) + B::set1(cg) * gi / denom + B::set1(cs) * s / denom);
  });
}

template <>
void Nadam<double>::update(VecRefT<double> x, VecRefT<double> g, double lr) {
  ++t_;
  const NadamCoefficients k = nadam_coefficients(opt_, t_, lr, mu_product_);
  s_ = opt_.beta1 * s_ + (1.0 - opt_.beta1) * g;
  r_ = opt_.beta2 * r_ + (1.0 - opt_.beta2) * g.cwiseAbs2();
  x.array() += k.cg * g.array() / ((r_.array() / k.bc2).sqrt() + opt_.eps) +
               k.cs * s_.array() / ((r_.array() / k.bc2).sqrt() + opt_.eps);
}

template class Nadam<float>;
template class Nadam<double>;

}  // namespace optlab
