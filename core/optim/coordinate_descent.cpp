#include "optim/coordinate_descent.hpp"

#include <cmath>
#include <type_traits>

#include "optim/block_coordinate.hpp"

namespace optlab {

template <typename T>
void CoordinateDescent<T>::reset(Index n) {
  rng_ = Rng(o_.seed, RngStream::Probe);
  at_.reset(n);
  ls_.reset(n);
  d_.setZero(n);
  xd_.setZero(n);
  h_.resize(0, 0);
  have_h_ = false;
  cursor_ = 0;
  last_ = -1;
}

template <typename T>
Index CoordinateDescent<T>::next_index(Index count) {
  if (o_.random) return static_cast<Index>(rng_.below(static_cast<std::uint32_t>(count)));
  const Index i = cursor_ % count;
  cursor_ = (cursor_ + 1) % count;
  return i;
}

template <typename T>
StepResult CoordinateDescent<T>::step(Objective<T>& f, VecRefT<T> x, double lr) {
  StepResult r;
  r.evaluations = at_.at(f, x);
  r.loss = at_.f();
  r.grad_norm = at_.grad_norm();
  if (!std::isfinite(r.loss)) return r;

  if constexpr (std::is_same_v<T, double>) {
    if (auto* blocks = dynamic_cast<BlockCoordinateProblem*>(&f)) {
      last_ = next_index(blocks->block_count());
      blocks->minimize_block(static_cast<int>(last_), x.data());
      at_.invalidate();
      return r;
    }
  }
  const Index i = next_index(x.size());
  last_ = i;
  const double gi = static_cast<double>(at_.g()(i));
  if (gi == 0.0) return r;
  if (f.is_quadratic() && f.has_hessian()) {
    if (!have_h_) {
      h_.resize(x.size(), x.size());
      f.hessian(x, h_);
      have_h_ = true;
    }
    if (h_(i, i) > 0.0) {
      x(i) = static_cast<T>(static_cast<double>(x(i)) - gi / h_(i, i));
      at_.invalidate();
      return r;
    }
  }
  d_.setZero();
  d_(i) = static_cast<T>(-gi);
  LineSearchResult ls = ls_.search(f, x, d_, r.loss, -gi * gi, lr, o_.line_search);
  r.evaluations += ls.evaluations;
  at_.follow(f, x, ls, ls_);
  return r;
}

template class CoordinateDescent<float>;
template class CoordinateDescent<double>;

}  // namespace optlab
