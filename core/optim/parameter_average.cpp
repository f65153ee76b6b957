#include "optim/parameter_average.hpp"

#include "math/simd.hpp"

namespace optlab {

template <>
void ParameterAverage<float>::update(ConstVecRef theta) {
  if (!enabled()) return;
  ++count_;
  if (count_ == 1) {
    avg_ = theta;
    return;
  }
  float* ap = avg_.data();
  const float* xp = theta.data();
  if (opt_.mode == "polyak") {
    const float w = static_cast<float>(1.0 / static_cast<double>(count_));
    simd::for_each(avg_.size(), [&](auto b, Index i) {
      using B = decltype(b);
      auto a = B::load(ap + i);
      B::store(ap + i, a + (B::load(xp + i) - a) * B::set1(w));
    });
  } else {
    const float beta = static_cast<float>(opt_.ema_decay), one_minus = static_cast<float>(1.0 - opt_.ema_decay);
    simd::for_each(avg_.size(), [&](auto b, Index i) {
      using B = decltype(b);
      B::store(ap + i, B::set1(beta) * B::load(ap + i) + B::set1(one_minus) * B::load(xp + i));
    });
  }
}

template <>
void ParameterAverage<double>::update(ConstVecRefT<double> theta) {
  if (!enabled()) return;
  ++count_;
  if (count_ == 1)
    avg_ = theta;
  else if (opt_.mode == "polyak")
    avg_ += (theta - avg_) / static_cast<double>(count_);
  else
    avg_ = opt_.ema_decay * avg_ + (1.0 - opt_.ema_decay) * theta;
}

template class ParameterAverage<float>;
template class ParameterAverage<double>;

}  // namespace optlab
