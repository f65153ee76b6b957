#include "optim/momentum.hpp"

#include "math/simd.hpp"

namespace optlab {

template <>
void Momentum<float>::update(VecRef x, VecRef g, float lr) {
  float* xp = x.data();
  float* vp = v_.data();
  const float* gp = g.data();
  const float alpha = static_cast<float>(opt_.momentum);
  simd::for_each(x.size(), [&](auto b, Index i) {
    using B = decltype(b);
    auto v = B::set1(alpha) * B::load(vp + i) - B::set1(lr) * B::load(gp + i);
    B::store(vp + i, v);
    B::store(xp + i, B::load(xp + i) + v);
  });
}

template <>
void Momentum<double>::update(VecRefT<double> x, VecRefT<double> g, double lr) {
  v_ = opt_.momentum * v_ - lr * g;
  x += v_;
}

template class Momentum<float>;
template class Momentum<double>;

}  // namespace optlab
