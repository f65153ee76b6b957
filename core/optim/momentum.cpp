#include "optim/momentum.hpp"

#include "math/simd.hpp"

namespace optlab {

void velocity_update(float* xp, float* vp, const float* gp, float alpha, float lr, Index n) {
  simd::for_each(n, [&](auto b, Index i) {
    using B = decltype(b);
    auto v = B::set1(alpha) * B::load(vp + i) - B::set1(lr) * B::load(gp + i);
    B::store(vp + i, v);
    B::store(xp + i, B::load(xp + i) + v);
  });
}

void velocity_update(double* xp, double* vp, const double* gp, double alpha, double lr, Index n) {
  Eigen::Map<VecD> x(xp, n), v(vp, n);
  v = alpha * v - lr * Eigen::Map<const VecD>(gp, n);
  x += v;
}

template <typename T>
void Momentum<T>::update(VecRefT<T> x, VecRefT<T> g, T lr) {
  velocity_update(x.data(), v_.data(), g.data(), static_cast<T>(opt_.momentum), lr, x.size());
}

template class Momentum<float>;
template class Momentum<double>;

}  // namespace optlab
