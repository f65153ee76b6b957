#include "nn/dense.hpp"

#include "math/gemm.hpp"

namespace optlab {

std::string Dense::describe() const {
  return "dense " + std::to_string(in_) + "→" + std::to_string(out_);
}

void Dense::init_params(float* params, Rng& rng) const {
  initialize(weight_init_, params, out_, in_, rng);
  initialize_bias(bias_init_, params + out_ * in_, out_, rng);
}

void Dense::forward(const float* params, ConstMatRef x, bool /*training*/) {
  const Index B = x.rows();
  Eigen::Map<const Mat> W(params, out_, in_);
  Eigen::Map<const Eigen::RowVectorXf> b(params + out_ * in_, out_);
  MatMap y = output_buffer(B);
  transpose(W.data(), out_, in_, wt_.data());
  gemm_rowmajor(B, out_, in_, x.data(), x.outerStride(), 1, wt_.data(), out_, y.data(), out_);
  y.rowwise() += b;
}

void Dense::backward(const float* params, float* grads, ConstMatRef x, ConstMatRef dy, float* dx) {
  const Index B = x.rows();
  MatMap dW(grads, out_, in_);
  Eigen::Map<Eigen::RowVectorXf> db(grads + out_ * in_, out_);
  gemm_rowmajor(out_, in_, B, dy.data(), 1, dy.outerStride(), x.data(), x.outerStride(), dW.data(), in_);  // dYᵀ·X
  db.noalias() = dy.colwise().sum();
  if (dx) gemm_rowmajor(B, in_, out_, dy.data(), dy.outerStride(), 1, params, in_, dx, in_);  // dY·W
}

}  // namespace optlab
