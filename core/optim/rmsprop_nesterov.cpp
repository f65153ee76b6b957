#include "optim/rmsprop_nesterov.hpp"

#include "math/simd.hpp"

namespace optlab {

template <>
void RmspropNesterov<float>::update(VecRef x, VecRef g, float lr) {
  float* xp = x.data();
  float* vp = v_.data();
  float* rp = r_.data();
  const float* gp = g.data();
  const float rho = static_cast<float>(opt_.rho), one_minus_rho = static_cast<float>(1.0 - opt_.rho);
  const float alpha = static_cast<float>(opt_.momentum), eps = static_cast<float>(opt_.eps);
  simd::for_each(x.size(), [&](auto b, Index i) {
    using B = decltype(b);
    auto gi = B::load(gp + i);
    auto r = B::set1(rho) * B::load(rp + i) + B::set1(one_minus_rho) * gi * gi;
    B::store(rp + i, r);
    auto v = B::set1(alpha) * B::load(vp + i) - B::set1(lr) * gi / B::sqrt(B::set1(eps) + r);
    B::store(vp + i, v);
    B::store(xp + i, B::load(xp + i) + v);
  });
}

template <>
void RmspropNesterov<double>::update(VecRefT<double> x, VecRefT<double> g, double lr) {
  r_ = opt_.rho * r_ + (1.0 - opt_.rho) * g.cwiseAbs2();
  v_.array() = opt_.momentum * v_.array() - lr * g.array() / (r_.array() + opt_.eps).sqrt();
  x += v_;
}

template <>
StepResult RmspropNesterov<float>::step(Objective<float>& f, VecRef x, double lr) {
  const float* xp = x.data();
  const float* vp = v_.data();
  float* op = lookahead_.data();
  const float alpha = static_cast<float>(opt_.momentum);
  simd::for_each(x.size(), [&](auto b, Index i) {
    using B = decltype(b);
    B::store(op + i, B::load(xp + i) + B::set1(alpha) * B::load(vp + i));
  });
  auto [loss, norm] = this->gradient_at(f, lookahead_, lookahead_);
  update(x, this->g_, static_cast<float>(lr));
  return {loss, norm, 1};
}

template <>
StepResult RmspropNesterov<double>::step(Objective<double>& f, VecRefT<double> x, double lr) {
  lookahead_ = x + opt_.momentum * v_;
  auto [loss, norm] = this->gradient_at(f, lookahead_, lookahead_);
  update(x, this->g_, lr);
  return {loss, norm, 1};
}

template class RmspropNesterov<float>;
template class RmspropNesterov<double>;

}  // namespace optlab
