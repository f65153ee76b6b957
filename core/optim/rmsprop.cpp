#include "optim/rmsprop.hpp"

#include "math/simd.hpp"

namespace optlab {

template <>
void Rmsprop<float>::update(VecRef x, VecRef g, float lr) {
  float* xp = x.data();
  float* rp = r_.data();
  const float* gp = g.data();
  const float rho = static_cast<float>(opt_.rho), one_minus_rho = static_cast<float>(1.0 - opt_.rho);
  const float eps = static_cast<float>(opt_.eps);
  if (opt_.eps_inside_sqrt) {
    simd::for_each(x.size(), [&](auto b, Index i) {
      using B = decltype(b);
      auto gi = B::load(gp + i);
      auto r = B::set1(rho) * B::load(rp + i) + B::set1(one_minus_rho) * gi * gi;
      B::store(rp + i, r);
      B::store(xp + i, B::load(xp + i) - B::set1(lr) * gi / B::sqrt(B::set1(eps) + r));
    });
  } else {
    simd::for_each(x.size(), [&](auto b, Index i) {
      using B = decltype(b);
      auto gi = B::load(gp + i);
      auto r = B::set1(rho) * B::load(rp + i) + B::set1(one_minus_rho) * gi * gi;
      B::store(rp + i, r);
      B::store(xp + i, B::load(xp + i) - B::set1(lr) * gi / (B::sqrt(r) + B::set1(eps)));
    });
  }
}

template <>
void Rmsprop<double>::update(VecRefT<double> x, VecRefT<double> g, double lr) {
  r_ = opt_.rho * r_ + (1.0 - opt_.rho) * g.cwiseAbs2();
  if (opt_.eps_inside_sqrt)
    x.array() -= lr * g.array() / (r_.array() + opt_.eps).sqrt();
  else
    x.array() -= lr * g.array() / (r_.array().sqrt() + opt_.eps);
}

template class Rmsprop<float>;
template class Rmsprop<double>;

}  // namespace optlab
