#include "optim/first_order.hpp"

#include <cmath>
#include <limits>

namespace optlab {

template <typename T>
std::pair<double, double> FirstOrderOptimizer<T>::gradient_at(Objective<T>& f, ConstVecRefT<T> p,
                                                              ConstVecRefT<T> decay_point) {
  const double loss = f.value_and_gradient(p, g_);
  const double raw_norm = static_cast<double>(g_.norm());
  // Clipping acts on the loss gradient and the L2 term is added afterwards, the order of PyTorch's
  // usual loop (clip_grad_norm_ on .grad, then optimizer.step() adds weight_decay·θ inside): the
  // penalty is never clipped away, and the golden trajectories with both options agree.
  if (gopt_.clip_value > 0) {
    const T c = static_cast<T>(gopt_.clip_value);
    g_ = g_.cwiseMax(-c).cwiseMin(c);
  }
  if (gopt_.clip_norm > 0) {
    const double norm = static_cast<double>(g_.norm());
    // Same rule as torch.nn.utils.clip_grad_norm_ (which adds 1e-6 to the norm): after scaling,
    // ‖g‖ ≤ clip_norm holds exactly, never just approximately.
    if (norm > gopt_.clip_norm) {
      g_ *= static_cast<T>(gopt_.clip_norm / (norm + 1e-6));
      // In float the 1e-6 margin is below one ulp once ‖g‖ ≫ 1, and the norm of the scaled vector
      // can round to just above the bound: shrink by a few ulps until it does not (once, at most
      // twice in practice), so the bound holds for the norm as computed.
      const T shrink = static_cast<T>(1) - 4 * std::numeric_limits<T>::epsilon();
      for (int i = 0; i < 16 && static_cast<double>(g_.norm()) > gopt_.clip_norm; ++i) g_ *= shrink;
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
