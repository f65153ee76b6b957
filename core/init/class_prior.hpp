// The output-layer bias that makes the untrained network predict the training set's class
// frequencies p (with zero incoming weights exactly, with small ones approximately) — Karpathy's
// "init well" advice, and the minimizer of the loss over a bias-only model:
//   softmax_cross_entropy  b_k = log p_k            (softmax(b) = p)
//   binary_cross_entropy   b   = log(p₁ / p₀)       (σ(b) = p₁, the logit of the positive rate)
//   mean_squared_error     b_k = p_k (one-hot targets), or b = p₁ − p₀ (2 classes, targets ±1)
// A class absent from the training set gets frequency 1e-6 instead of 0, so log stays finite.
#pragma once

#include <vector>

#include "nn/loss.hpp"

namespace optlab {

std::vector<double> class_frequencies(const std::vector<int>& labels, int classes);
std::vector<double> class_prior_bias(Loss loss, const std::vector<int>& labels, int classes);

}  // namespace optlab
