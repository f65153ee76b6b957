#include "optim/adam.hpp"

#include <cmath>

#include "math/portable_math.hpp"
#include "math/simd.hpp"

namespace optlab {

AdamScalars::AdamScalars(const AdamOptions& o, long t, double lr) {
  const double bc1 = 1.0 - portable::pow(o.beta1, static_cast<double>(t));
  const double bc2 = 1.0 - portable::pow(o.beta2, static_cast<double>(t));
  step = static_cast<float>(lr / bc1);
  inv_sqrt_bc2 = static_cast<float>(1.0 / std::sqrt(bc2));
  b1 = static_cast<float>(o.beta1);
  c1 = static_cast<float>(1.0 - o.beta1);
  b2 = static_cast<float>(o.beta2);
  c2 = static_cast<float>(1.0 - o.beta2);
  eps = static_cast<float>(o.eps);
}

template <>
void Adam<float>::adam_update(VecRef x, VecRef g, float lr, double keep) {
  ++t_;
  const AdamScalars k(opt_, t_, lr);
  const float step = k.step, inv_sqrt_bc2 = k.inv_sqrt_bc2, b1 = k.b1, c1 = k.c1, b2 = k.b2, c2 = k.c2,
              eps = k.eps, kp = static_cast<float>(keep);
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
    auto denom = B::sqrt(r) * B::set1(inv_sqrt_bc2) + B::set1(eps);
    B::store(xp + i, B::load(xp + i) * B::set1(kp) - B::set1(step) * s / denom);
  });
}

template <>
void Adam<double>::adam_update(VecRefT<double> x, VecRefT<double> g, double lr, double keep) {
  ++t_;
  const double bc1 = 1.0 - portable::pow(opt_.beta1, static_cast<double>(t_));
  const double bc2 = 1.0 - portable::pow(opt_.beta2, static_cast<double>(t_));
  s_ = opt_.beta1 * s_ + (1.0 - opt_.beta1) * g;
  r_ = opt_.beta2 * r_ + (1.0 - opt_.beta2) * g.cwiseAbs2();
  if (keep != 1.0) x *= keep;
  x.array() -= (lr / bc1) * s_.array() / (r_.array().sqrt() / std::sqrt(bc2) + opt_.eps);
}

template class Adam<float>;
template class Adam<double>;

}  // namespace optlab
