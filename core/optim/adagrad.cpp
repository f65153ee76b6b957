#include "optim/adagrad.hpp"

#include "math/simd.hpp"

namespace optlab {

template <>
void Adagrad<float>::update(VecRef x, VecRef g, float lr) {
  float* xp = x.data();
  float* rp = r_.data();
  const float* gp = g.data();
  const float eps = static_cast<float>(opt_.eps);
  simd::for_each(x.size(), [&](auto b, Index i) {
    using B = decltype(b);
    auto gi = B::load(gp + i);
    auto r = B::load(rp + i) + gi * gi;
    B::store(rp + i, r);
    B::store(xp + i, B::load(xp + i) - B::set1(lr) * gi / (B::sqrt(r) + B::set1(eps)));
  });
}

template <>
void Adagrad<double>::update(VecRefT<double> x, VecRefT<double> g, double lr) {
  r_.array() += g.array().square();
  x.array() -= lr * g.array() / (r_.array().sqrt() + opt_.eps);
}

template class Adagrad<float>;
template class Adagrad<double>;

}  // namespace optlab
