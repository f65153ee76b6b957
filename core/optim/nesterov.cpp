#include "optim/nesterov.hpp"

#include "optim/momentum.hpp"

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

template <typename T>
void Nesterov<T>::update(VecRefT<T> x, VecRefT<T> g, T lr) {
  velocity_update(x.data(), v_.data(), g.data(), static_cast<T>(opt_.momentum), lr, x.size());
}

template class Nesterov<float>;
template class Nesterov<double>;

}  // namespace optlab
