// Linear-algebra aliases used across the core.
//
// Activations are row-major (B, C): one example per row, as in llm.c and PyTorch, so a minibatch is a
// contiguous block of rows. Non-template functions take Eigen::Ref (see Eigen's "Writing functions
// taking Eigen types as parameters"), existing buffers are wrapped with Map at zero cost.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>

namespace optlab {

using Index = Eigen::Index;

template <typename T> using VecT = Eigen::Matrix<T, Eigen::Dynamic, 1>;
template <typename T> using MatT = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename T> using VecRefT = Eigen::Ref<VecT<T>>;
template <typename T> using ConstVecRefT = Eigen::Ref<const VecT<T>>;
template <typename T> using MatRefT = Eigen::Ref<MatT<T>>;
template <typename T> using ConstMatRefT = Eigen::Ref<const MatT<T>>;

// Networks train in single precision (speed, SIMD width); test surfaces and second-order methods
// use double so that convergence to 1e-6 is meaningful.
using Vec = VecT<float>;
using Mat = MatT<float>;
using VecRef = VecRefT<float>;
using ConstVecRef = ConstVecRefT<float>;
using MatRef = MatRefT<float>;
using ConstMatRef = ConstMatRefT<float>;
using MatMap = Eigen::Map<Mat>;
using ConstMatMap = Eigen::Map<const Mat>;

using VecD = VecT<double>;
using MatD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic>;  // dense Hessians: column-major

}  // namespace optlab
