// Weight-space symmetry of a multilayer perceptron (book §8.2.2, "model identifiability"):
// exchanging hidden units i and j of a layer — the rows i, j of its incoming weights W and biases b,
// and the columns i, j of the next layer's weights — gives a network that computes exactly the same
// function, so every minimum comes with (n!)^L equivalent copies. Where the activation is odd
// (tanh, linear: f(−x) = −f(x)) a unit's sign can be flipped as well — negate its incoming weights,
// its bias and its outgoing weights — for 2^n more per layer.
//
// The layout is the one of run/experiment.cpp's networks without normalization: per hidden layer
// a dense layer [W (out, in) row-major, b (out)] then an activation, then the output dense layer.
// A network with a normalization layer is refused (std::invalid_argument naming the layer).
//
// canonical form: each hidden layer in turn (input to output),
//   1. (odd activations only) the sign of unit j is chosen so that b_j > 0; when b_j = 0, so that its
//      first nonzero incoming weight is > 0;
//   2. the units are sorted by the squared norm ‖(w_j, b_j)‖² of their incoming weights and bias,
//      largest first (ties: the lower original index first).
// Both keys are unchanged by permuting or flipping the units of the layer below (they permute or
// negate the columns of W only), so canonical(permuted θ) = canonical(θ) bit for bit (barring exact
// ties), and two trained solutions can be compared by ‖canonical(θ_a) − canonical(θ_b)‖.
#pragma once

#include <vector>

#include "math/rng.hpp"
#include "nn/model.hpp"

namespace optlab {

// Per hidden layer: new unit j is old unit perm[l][j] multiplied by sign[l][j] (±1).
struct UnitPermutation {
  std::vector<std::vector<int>> perm;
  std::vector<std::vector<int>> sign;
};

// Hidden layers of `model` as (offset of the dense layer's parameters, fan-in, units, odd activation);
// throws std::invalid_argument when the model has layers other than dense + activation.
struct HiddenLayout {
  Index offset = 0, in = 0, units = 0;
  bool odd = false;
};
std::vector<HiddenLayout> hidden_layout(const Model& model);

// θ' = the network with its hidden units permuted (and signs flipped) by p; theta and out have
// model.param_count() floats and may not alias. Only moves and negates values: exact.
void permute_units(const Model& model, const float* theta, const UnitPermutation& p, float* out);

// A uniformly random permutation of every hidden layer, with random signs where the activation is odd.
UnitPermutation random_unit_permutation(const Model& model, Rng& rng);

// The permutation that brings θ to the canonical form described above.
UnitPermutation canonical_permutation(const Model& model, const float* theta);

}  // namespace optlab
