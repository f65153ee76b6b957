#include "optim/first_order.hpp"

#include <cmath>
#include <limits>

#include "math/norm.hpp"
#include "math/simd.hpp"

namespace optlab {

namespace {
// ‖g‖₂. In float through the SIMD reduction: Eigen 3.4 has no WebAssembly packets and clang may not
// reorder a float sum on its own, so in the wasm build g.norm() is one serial chain of additions —
// measured as much as the whole Adam update at 10⁶ parameters.
double norm(const VecT<float>& g) {
  const float* p = g.data();
  const float s = simd::reduce_sum(g.size(), [&](auto b, Index i) {
    using B = decltype(b);
    auto v = B::load(p + i);
    return v * v;
  });
  // The float sum overflows once ‖g‖ > ~1.8e19 and loses tiny entries below ~1e-19: then the
  // scaled norm in double gives the true value (an exploding gradient is finite, not ∞).
  if (std::isfinite(s) && s >= 1e-30f) return std::sqrt(static_cast<double>(s));
  return scaled_norm(g);
}
double norm(const VecT<double>& g) { return scaled_norm(g); }
// ‖g‖₂ accumulated in double, for clipping: its bound must hold for the true norm of the float
// vector, and it must not overflow while ‖g‖ is finite (clipping exists for exploding gradients).
template <typename T>
double accurate_norm(const VecT<T>& g) {
  return scaled_norm(g);
}
}  // namespace

template <typename T>
std::pair<double, double> FirstOrderOptimizer<T>::gradient_at(Objective<T>& f, ConstVecRefT<T> p,
                                                              ConstVecRefT<T> decay_point) {
  const double loss = f.value_and_gradient(p, g_);
  const double raw_norm = norm(g_);
  // Clipping acts on the loss gradient and the L2 term is added afterwards, the order of PyTorch's
  // usual loop (clip_grad_norm_ on .grad, then optimizer.step() adds weight_decay·θ inside): the
  // penalty is never clipped away, and the golden trajectories with both options agree.
  if (gopt_.clip_value > 0) {
    const T c = static_cast<T>(gopt_.clip_value);
    g_ = g_.cwiseMax(-c).cwiseMin(c);
  }
  if (gopt_.clip_norm > 0) {
    const double n0 = accurate_norm(g_);
    // Same rule as torch.nn.utils.clip_grad_norm_ (which adds 1e-6 to the norm): after scaling,
    // ‖g‖ ≤ clip_norm holds exactly, never just approximately.
    if (n0 > gopt_.clip_norm) {
      g_ *= static_cast<T>(gopt_.clip_norm / (n0 + 1e-6));
      // In float the 1e-6 margin is below one ulp once ‖g‖ ≫ 1, and the rounded entries can put
      // the norm just above the bound: shrink by a few ulps until it is not (once, at most twice in
      // practice), so ‖g‖ ≤ clip_norm holds for the float vector itself.
      const T shrink = static_cast<T>(1) - 4 * std::numeric_limits<T>::epsilon();
      for (int i = 0; i < 16 && accurate_norm(g_) > gopt_.clip_norm; ++i) g_ *= shrink;
    }
  }
  if (gopt_.weight_decay > 0) g_ += static_cast<T>(gopt_.weight_decay) * decay_point;
  return {loss, raw_norm};
}

template <typename T>
StepResult FirstOrderOptimizer<T>::step(Objective<T>& f, VecRefT<T> x, double lr) {
  auto [loss, norm] = gradient_at(f, x, x);
  update(x, g_, static_cast<T>(lr));
  return {loss, norm, 1};
}

template class FirstOrderOptimizer<float>;
template class FirstOrderOptimizer<double>;

}  // namespace optlab
