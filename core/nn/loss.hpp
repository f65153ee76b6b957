// Losses over a minibatch of network outputs, each returning the mean loss and its gradient with
// respect to the outputs, in PyTorch's conventions (so golden values compare directly):
//
//   softmax_cross_entropy   K outputs (logits) z, label y:   L = −log softmax(z)_y
//                           = torch.nn.CrossEntropyLoss()(z, y)             dL/dz = softmax(z) − onehot(y)
//   binary_cross_entropy    1 output (a logit) z, y ∈ {0,1}: L = log(1 + e^z) − y z
//                           = torch.nn.BCEWithLogitsLoss()(z, y)            dL/dz = σ(z) − y
//   mean_squared_error      outputs o, targets t:            L = mean over outputs of (o − t)²
//                           = torch.nn.MSELoss()(o, t)                      dL/do = 2(o − t)/K
//     targets: K > 2 classes → one-hot over K outputs; 2 classes → one output with t = ±1
//     (TensorFlow Playground's convention; predicted class = [o > 0]).
// All are averaged over the batch (the book's g = (1/m) ∇ Σᵢ L).
#pragma once

#include <string>

#include "math/types.hpp"

namespace optlab {

enum class Loss { SoftmaxCrossEntropy, BinaryCrossEntropy, MeanSquaredError };

const char* loss_name(Loss l);
bool parse_loss(const std::string& name, Loss* out);
const char* loss_names();

// Number of network outputs the loss needs for a dataset of `classes` classes.
Index loss_outputs(Loss l, int classes);

struct LossResult {
  double loss = 0.0;  // mean over the batch
  Index correct = 0;  // examples whose predicted class equals the label
};

// out: (B, K) network outputs; labels: B class indices. Writes dout = d(mean loss)/d(out) when
// dout is non-null (same shape as out). targets: for a regression data set (the adding problem,
// problems/sequence.hpp), the real targets (B, K) of mean_squared_error, which then replace the
// labels' one-hot/±1 targets; an example is "correct" when every |o − t| < kRegressionTolerance.
LossResult loss_forward_backward(Loss l, ConstMatRef out, const int* labels, float* dout,
                                 const float* targets = nullptr);

// The class the network predicts for example b of (B, K) outputs: the largest output, or with one
// output (binary cross-entropy's logit, MSE's ±1 target) class [o > 0]. Accuracy counts these.
Index predicted_class(ConstMatRef out, Index b);

// Class probabilities (B, classes) for display, from (B, K) outputs.
void loss_probabilities(Loss l, ConstMatRef out, int classes, float* probs);

}  // namespace optlab
