#include "optim/adadelta.hpp"

#include <cmath>

#include "math/simd.hpp"

namespace optlab {

template <>
void Adadelta<float>::update(VecRef x, VecRef g, float lr) {
  const float rho = static_cast<float>(opt_.rho), one_minus_rho = static_cast<float>(1.0 - opt_.rho);
  const float eps = static_cast<float>(opt_.eps);
  float* xp = x.data();
  float* rp = r_.data();
  float* up = u_.data();
  const float* gp = g.data();
  simd::for_each(x.size(), [&](auto b, Index i) {
    using B = decltype(b);
    auto gi = B::load(gp + i);
    auto r = B::set1(rho) * B::load(rp + i) + B::set1(one_minus_rho) * gi * gi;
    auto u = B::load(up + i);
    auto d = B::sqrt(u + B::set1(eps)) / B::sqrt(r + B::set1(eps)) * gi;
    B::store(rp + i, r);
    B::store(up + i, B::set1(rho) * u + B::set1(one_minus_rho) * d * d);
    B::store(xp + i, B::load(xp + i) - B::set1(lr) * d);
  });
}

template <>
void Adadelta<double>::update(VecRefT<double> x, VecRefT<double> g, double lr) {
  const double rho = opt_.rho;
  r_ = rho * r_ + (1.0 - rho) * g.cwiseAbs2();
  for (Index i = 0; i < x.size(); ++i) {  // Δ is needed twice; a loop avoids a scratch vector
    const double d = std::sqrt(u_(i) + opt_.eps) / std::sqrt(r_(i) + opt_.eps) * g(i);
    u_(i) = rho * u_(i) + (1.0 - rho) * d * d;
    x(i) -= lr * d;
  }
}

template class Adadelta<float>;
template class Adadelta<double>;

}  // namespace optlab
