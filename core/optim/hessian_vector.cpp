#include "optim/hessian_vector.hpp"

#include <cmath>

#include "math/norm.hpp"

namespace optlab {

template <typename T>
void HessianVectorProduct<T>::reset(Index n) {
  xp_.setZero(n);
  gp_.setZero(n);
  gm_.setZero(n);
  d1_.setZero(n);
  d2_.setZero(n);
  e_.setZero(n);
  h_.resize(0, 0);
  cached_ = false;
}

template <typename T>
int HessianVectorProduct<T>::difference(Objective<T>& f, ConstVecRefT<T> x, ConstVecRefT<double> v, double h,
                                        VecRefT<double> out) {
  // The perturbed points are rounded to T (float for networks): that rounding, relative ε_T·|xᵢ|/h,
  // is part of the error budget stated in the header.
  for (Index i = 0; i < x.size(); ++i) xp_(i) = static_cast<T>(static_cast<double>(x(i)) + h * v(i));
  f.value_and_gradient(xp_, gp_);
  for (Index i = 0; i < x.size(); ++i) xp_(i) = static_cast<T>(static_cast<double>(x(i)) - h * v(i));
  f.value_and_gradient(xp_, gm_);
  for (Index i = 0; i < x.size(); ++i)
    out(i) = (static_cast<double>(gp_(i)) - static_cast<double>(gm_(i))) / (2.0 * h);
  return 2;
}

template <typename T>
int HessianVectorProduct<T>::apply(Objective<T>& f, ConstVecRefT<T> x, ConstVecRefT<double> v, VecRefT<double> out) {
  const Index n = x.size();
  if (f.has_hessian()) {
    if (!cached_) {
      if (h_.rows() != n) h_.resize(n, n);
      f.hessian(x, h_);
      cached_ = true;
    }
    out.noalias() = h_ * v;
    return 0;
  }
  const double norm = scaled_norm(v);
  if (norm == 0.0) {
    out.setZero();
    return 0;
  }
  const double h = step / norm;
  int evals = difference(f, x, v, h, d1_);
  evals += difference(f, x, v, 0.5 * h, d2_);
  out = (4.0 * d2_ - d1_) / 3.0;
  return evals;
}

template <typename T>
int HessianVectorProduct<T>::dense(Objective<T>& f, ConstVecRefT<T> x, MatD& h) {
  const Index n = x.size();
  if (f.has_hessian()) {
    f.hessian(x, h);
    return 0;
  }
  int evals = 0;
  for (Index c = 0; c < n; ++c) {
    e_.setZero();
    e_(c) = 1.0;
    const double hs = step;
    evals += difference(f, x, e_, hs, d1_);
    evals += difference(f, x, e_, 0.5 * hs, d2_);
    h.col(c) = (4.0 * d2_ - d1_) / 3.0;
  }
  // Symmetrize in place: (H + Hᵀ)/2.
  for (Index j = 0; j < n; ++j)
    for (Index i = j + 1; i < n; ++i) {
      const double s = 0.5 * (h(i, j) + h(j, i));
      h(i, j) = h(j, i) = s;
    }
  return evals;
}

template class HessianVectorProduct<float>;
template class HessianVectorProduct<double>;

}  // namespace optlab
