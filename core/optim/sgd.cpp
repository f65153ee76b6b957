#include "optim/sgd.hpp"

#include "math/simd.hpp"

namespace optlab {

template <>
void Sgd<float>::update(VecRef x, VecRef g, float lr) {
  float* xp = x.data();
  const float* gp = g.data();
  simd::for_each(x.size(), [&](auto b, Index i) {
    using B = decltype(b);
    B::store(xp + i, B::load(xp + i) - B::set1(lr) * B::load(gp + i));
  });
}

template <>
void Sgd<double>::update(VecRefT<double> x, VecRefT<double> g, double lr) {
  x -= lr * g;
}

template class Sgd<float>;
template class Sgd<double>;

}  // namespace optlab
