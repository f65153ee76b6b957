#include "nn/loss.hpp"

#include <algorithm>
#include <cmath>

#include "math/portable_math.hpp"
#include "problems/sequence.hpp"

namespace optlab {

const char* loss_name(Loss l) {
  switch (l) {
    case Loss::SoftmaxCrossEntropy: return "softmax_cross_entropy";
    case Loss::BinaryCrossEntropy: return "binary_cross_entropy";
    case Loss::MeanSquaredError: return "mean_squared_error";
  }
  return "?";
}

const char* loss_names() { return "softmax_cross_entropy, binary_cross_entropy, mean_squared_error"; }

bool parse_loss(const std::string& name, Loss* out) {
  for (Loss l : {Loss::SoftmaxCrossEntropy, Loss::BinaryCrossEntropy, Loss::MeanSquaredError}) {
    if (name == loss_name(l)) {
      *out = l;
      return true;
    }
  }
  return false;
}

Index loss_outputs(Loss l, int classes) {
  switch (l) {
    case Loss::SoftmaxCrossEntropy: return classes;
    case Loss::BinaryCrossEntropy: return 1;
    case Loss::MeanSquaredError: return classes == 2 ? 1 : classes;
  }
  return classes;
}

namespace {

// log(1 + e^z) without overflow.
double softplus(double z) {
  return z > 0 ? z + portable::log1p(portable::exp(-z)) : portable::log1p(portable::exp(z));
}

double sigmoid(double z) {
  if (z >= 0) return 1.0 / (1.0 + portable::exp(-z));
  double e = portable::exp(z);
  return e / (1.0 + e);
}

}  // namespace

Index predicted_class(ConstMatRef out, Index b) {
  if (out.cols() == 1) return out(b, 0) > 0 ? 1 : 0;
  Index best = 0;
  for (Index k = 1; k < out.cols(); ++k)
    if (out(b, k) > out(b, best)) best = k;
  return best;
}

LossResult loss_forward_backward(Loss l, ConstMatRef out, const int* labels, float* dout, const float* targets) {
  const Index B = out.rows(), K = out.cols();
  LossResult r;
  if (B == 0) return r;
  // Per-example terms are accumulated in double: the batch mean is then independent of the
  // summation order to far below float resolution, which keeps native and wasm runs together.
  double total = 0.0;
  const double inv_b = 1.0 / static_cast<double>(B);
  switch (l) {
    case Loss::SoftmaxCrossEntropy:
      for (Index b = 0; b < B; ++b) {
        double m = out(b, 0);
        for (Index k = 1; k < K; ++k) m = std::max(m, static_cast<double>(out(b, k)));
        double s = 0.0;
        for (Index k = 0; k < K; ++k) s += portable::exp(static_cast<double>(out(b, k)) - m);
        const double log_z = m + portable::log(s);
        total += log_z - out(b, labels[b]);
        if (predicted_class(out, b) == labels[b]) ++r.correct;
        if (dout) {
          for (Index k = 0; k < K; ++k) {
            double p = portable::exp(static_cast<double>(out(b, k)) - log_z);
            dout[b * K + k] = static_cast<float>((p - (k == labels[b] ? 1.0 : 0.0)) * inv_b);
          }
        }
      }
      break;
    case Loss::BinaryCrossEntropy:
      for (Index b = 0; b < B; ++b) {
        const double z = out(b, 0), y = labels[b];
        total += softplus(z) - y * z;
        if (predicted_class(out, b) == labels[b]) ++r.correct;
        if (dout) dout[b] = static_cast<float>((sigmoid(z) - y) * inv_b);
      }
      break;
    case Loss::MeanSquaredError: {
      const double inv_k = 1.0 / static_cast<double>(K);
      for (Index b = 0; b < B; ++b) {
        bool close = true;
        for (Index k = 0; k < K; ++k) {
          double t = targets ? static_cast<double>(targets[b * K + k])
                             : K == 1 ? (labels[b] == 1 ? 1.0 : -1.0) : (k == labels[b] ? 1.0 : 0.0);
          double d = static_cast<double>(out(b, k)) - t;
          close = close && std::fabs(d) < kRegressionTolerance;
          total += d * d * inv_k;
          if (dout) dout[b * K + k] = static_cast<float>(2.0 * d * inv_k * inv_b);
        }
        if (targets) {
          if (close) ++r.correct;
        } else if (predicted_class(out, b) == labels[b]) {
          ++r.correct;
        }
      }
      break;
    }
  }
  r.loss = total * inv_b;
  return r;
}

void loss_probabilities(Loss l, ConstMatRef out, int classes, float* probs) {
  const Index B = out.rows(), K = out.cols();
  for (Index b = 0; b < B; ++b) {
    float* p = probs + b * classes;
    if (K == 1) {
      // One output: a logit (BCE) or a ±1 regression target (MSE).
      double p1 = l == Loss::BinaryCrossEntropy ? sigmoid(out(b, 0))
                                                 : std::clamp((out(b, 0) + 1.0) * 0.5, 0.0, 1.0);
      p[0] = static_cast<float>(1.0 - p1);
      p[1] = static_cast<float>(p1);
    } else if (l == Loss::SoftmaxCrossEntropy) {
      double m = out(b, 0);
      for (Index k = 1; k < K; ++k) m = std::max(m, static_cast<double>(out(b, k)));
      double s = 0.0;
      for (Index k = 0; k < K; ++k) s += portable::exp(out(b, k) - m);
      for (Index k = 0; k < K; ++k) p[k] = static_cast<float>(portable::exp(out(b, k) - m) / s);
    } else {
      // MSE with one-hot targets: clip outputs to [0, 1] and renormalize for display.
      double s = 0.0;
      for (Index k = 0; k < K; ++k) s += std::clamp(static_cast<double>(out(b, k)), 0.0, 1.0);
      for (Index k = 0; k < K; ++k)
        p[k] = static_cast<float>(s > 0 ? std::clamp(static_cast<double>(out(b, k)), 0.0, 1.0) / s : 1.0 / K);
    }
  }
}

}  // namespace optlab
