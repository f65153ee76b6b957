#include "optim/amsgrad.hpp"

#include <cmath>

#include "math/portable_math.hpp"
#include "math/simd.hpp"

namespace optlab {

template <>
void Amsgrad<float>::update(VecRef x, VecRef g, float lr) {
  ++t_;
  const AdamScalars k(opt_, t_, lr);
  const float step = k.step, inv_sqrt_bc2 = k.inv_sqrt_bc2, b1 = k.b1, c1 = k.c1, b2 = k.b2, c2 = k.c2,
              eps = k.eps;
  float* xp = x.data();
  float* sp = s_.data();
  float* rp = r_.data();
  float* mp = rmax_.data();
  const float* gp = g.data();
  simd::for_each(x.size(), [&](auto b, Index i) {
    using B = decltype(b);
    auto gi = B::load(gp + i);
    auto s = B::set1(b1) * B::load(sp + i) + B::set1(c1) * gi;
    auto r = B::set1(b2) * B::load(rp + i) + B::set1(c2) * gi * gi;
    auto rmax = B::max(B::load(mp + i), r);
    B::store(sp + i, s);
    B::store(rp + i, r);
    B::store(mp + i, rmax);
    auto denom = B::sqrt(rmax) * B::set1(inv_sqrt_bc2) + B::set1(eps);
    B::store(xp + i, B::load(xp + i) - B::set1(step) * s / denom);
  });
}

template <>
void Amsgrad<double>::update(VecRefT<double> x, VecRefT<double> g, double lr) {
  ++t_;
  const double bc1 = 1.0 - portable::pow(opt_.beta1, static_cast<double>(t_));
  const double bc2 = 1.0 - portable::pow(opt_.beta2, static_cast<double>(t_));
  s_ = opt_.beta1 * s_ + (1.0 - opt_.beta1) * g;
  r_ = opt_.beta2 * r_ + (1.0 - opt_.beta2) * g.cwiseAbs2();
  rmax_ = rmax_.cwiseMax(r_);
  x.array() -= (lr / bc1) * s_.array() / (rmax_.array().sqrt() / std::sqrt(bc2) + opt_.eps);
}

template class Amsgrad<float>;
template class Amsgrad<double>;

}  // namespace optlab
