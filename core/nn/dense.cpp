#include "nn/dense.hpp"

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
  y.noalias() = x * W.transpose();
  y.rowwise() += b;
}

void Dense::backward(const float* params, float* grads, ConstMatRef x, ConstMatRef dy, float* dx) {
  const Index B = x.rows();
  MatMap dW(grads, out_, in_);
  Eigen::Map<Eigen::RowVectorXf> db(grads + out_ * in_, out_);
  dW.noalias() = dy.transpose() * x;
  db.noalias() = dy.colwise().sum();
  if (dx) {
    Eigen::Map<const Mat> W(params, out_, in_);
    MatMap dxm(dx, B, in_);
    dxm.noalias() = dy * W;
  }
}

}  // namespace optlab
