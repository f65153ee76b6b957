#include "optim/nesterov.hpp"

#include "math/simd.hpp"

namespace optlab {

namespace {

// out ← x + α v  (n elements)
void look_ahead(const float* xp, const float* vp, float alpha, float* op, Index n) {
  simd::for_each(n, [&](auto b, Index i) {
    using B = decltype(b);
    B::store(op + i, B::load(xp + i) + B::set1(alpha) * B::load(vp + i));
  });
}
void look_ahead(const double* xp, const double* vp, double alpha, double* op, Index n) {
  Eigen::Map<VecD>(op, n) = Eigen::Map<const VecD>(xp, n) + alpha * Eigen::Map<const VecD>(vp, n);
}

}  // namespace

template <typename T>
StepResult Nesterov<T>::step(Objective<T>& f, VecRefT<T> x, double lr) {
  look_ahead(x.data(), v_.data(), static_cast<T>(opt_.momentum), lookahead_.data(), x.size());
  auto [loss, norm] = this->gradient_at(f, lookahead_, lookahead_);
  update(x, this->g_, static_cast<T>(lr));
  return {loss, norm, 1};
}

template <>
void Nesterov<float>::update(VecRef x, VecRef g, float lr) {
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
void Nesterov<double>::update(VecRefT<double> x, VecRefT<double> g, double lr) {
  v_ = opt_.momentum * v_ - lr * g;
  x += v_;
}

template class Nesterov<float>;
template class Nesterov<double>;

}  // namespace optlab
