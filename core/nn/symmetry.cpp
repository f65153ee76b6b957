#include "nn/symmetry.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "nn/activation_layer.hpp"
#include "nn/dense.hpp"

namespace optlab {

std::vector<HiddenLayout> hidden_layout(const Model& model) {
  std::vector<HiddenLayout> out;
  const auto& layers = model.layers();
  for (std::size_t i = 0; i < layers.size(); ++i) {
    if (!dynamic_cast<const Dense*>(layers[i].get()))
      throw std::invalid_argument("weight-space symmetry: layer '" + layers[i]->describe() +
                                  "' is not dense (hidden layers with a normalization are not supported)");
    if (i + 1 == layers.size()) break;  // the output layer (no activation after it)
    const auto* act = dynamic_cast<const ActivationLayer*>(layers[i + 1].get());
    if (!act) throw std::invalid_argument("weight-space symmetry: dense layer " + std::to_string(out.size()) +
                                          " is followed by '" + layers[i + 1]->describe() +
                                          "', not by its activation (normalization is not supported)");
    if (i + 2 == layers.size()) break;  // an output activation: the last dense layer is the output
    out.push_back({model.param_offset(i), layers[i]->in_features(), layers[i]->out_features(),
                   act->activation() == Activation::Tanh || act->activation() == Activation::Linear});
    ++i;
  }
  return out;
}

namespace {

UnitPermutation identity_permutation(const std::vector<HiddenLayout>& hl) {
  UnitPermutation p;
  for (const HiddenLayout& h : hl) {
    std::vector<int> id(static_cast<std::size_t>(h.units));
    std::iota(id.begin(), id.end(), 0);
    p.perm.push_back(id);
    p.sign.emplace_back(id.size(), 1);
  }
  return p;
}

}  // namespace

void permute_units(const Model& model, const float* theta, const UnitPermutation& p, float* out) {
  const std::vector<HiddenLayout> hl = hidden_layout(model);
  if (p.perm.size() != hl.size() || p.sign.size() != hl.size())
    throw std::invalid_argument("permute_units: one permutation per hidden layer needed");
  const Index n = model.param_count();
  std::copy(theta, theta + n, out);
  // Rows of layer l (incoming weights and bias), then columns of the next dense layer's weights.
  for (std::size_t l = 0; l < hl.size(); ++l) {
    const HiddenLayout& h = hl[l];
    const std::vector<int>& perm = p.perm[l];
    const std::vector<int>& sign = p.sign[l];
    if (static_cast<Index>(perm.size()) != h.units || static_cast<Index>(sign.size()) != h.units)
      throw std::invalid_argument("permute_units: layer " + std::to_string(l) + " has " + std::to_string(h.units) +
                                  " units");
    const float* w = out + h.offset;  // read from out: the columns were permuted by layer l − 1 already
    std::vector<float> rows(static_cast<std::size_t>(h.units * (h.in + 1)));
    for (Index j = 0; j < h.units; ++j) {
      const Index src = perm[static_cast<std::size_t>(j)];
      const float s = static_cast<float>(sign[static_cast<std::size_t>(j)]);
      for (Index c = 0; c < h.in; ++c) rows[static_cast<std::size_t>(j * h.in + c)] = s * w[src * h.in + c];
      rows[static_cast<std::size_t>(h.units * h.in + j)] = s * w[h.units * h.in + src];
    }
    std::copy(rows.begin(), rows.end(), out + h.offset);
    // Next dense layer: W' (out', units) row-major, starting after this layer's parameters.
    const Index next = h.offset + h.units * h.in + h.units;
    const Index next_out = l + 1 < hl.size() ? hl[l + 1].units : model.outputs();
    std::vector<float> row(static_cast<std::size_t>(h.units));
    for (Index r = 0; r < next_out; ++r) {
      float* wr = out + next + r * h.units;
      for (Index j = 0; j < h.units; ++j)
        row[static_cast<std::size_t>(j)] =
            static_cast<float>(sign[static_cast<std::size_t>(j)]) * wr[perm[static_cast<std::size_t>(j)]];
      std::copy(row.begin(), row.end(), wr);
    }
  }
}

UnitPermutation random_unit_permutation(const Model& model, Rng& rng) {
  UnitPermutation p;
  for (const HiddenLayout& h : hidden_layout(model)) {
    std::vector<int> perm(static_cast<std::size_t>(h.units));
    std::iota(perm.begin(), perm.end(), 0);
    shuffle(perm.begin(), static_cast<std::uint32_t>(h.units), rng);
    std::vector<int> sign(static_cast<std::size_t>(h.units), 1);
    if (h.odd)
      for (int& s : sign) s = rng.below(2) ? -1 : 1;
    p.perm.push_back(std::move(perm));
    p.sign.push_back(std::move(sign));
  }
  return p;
}

UnitPermutation canonical_permutation(const Model& model, const float* theta) {
  const std::vector<HiddenLayout> hl = hidden_layout(model);
  UnitPermutation p = identity_permutation(hl);  // filled in layer by layer
  // Layer l's keys are read after layers < l are in canonical form, so that the tie-break on the
  // first nonzero incoming weight sees the columns in canonical order.
  const Index n = model.param_count();
  std::vector<float> cur(theta, theta + n), next(static_cast<std::size_t>(n));
  for (std::size_t l = 0; l < hl.size(); ++l) {
    const HiddenLayout& h = hl[l];
    const float* w = cur.data() + h.offset;
    const float* b = w + h.units * h.in;
    std::vector<double> key(static_cast<std::size_t>(h.units));
    std::vector<int> sign(static_cast<std::size_t>(h.units), 1);
    for (Index j = 0; j < h.units; ++j) {
      double sq = static_cast<double>(b[j]) * b[j];
      for (Index c = 0; c < h.in; ++c) sq += static_cast<double>(w[j * h.in + c]) * w[j * h.in + c];
      key[static_cast<std::size_t>(j)] = sq;
      if (!h.odd) continue;
      float lead = b[j];
      for (Index c = 0; lead == 0.0f && c < h.in; ++c) lead = w[j * h.in + c];
      sign[static_cast<std::size_t>(j)] = lead < 0.0f ? -1 : 1;
    }
    std::vector<int>& perm = p.perm[l];
    std::stable_sort(perm.begin(), perm.end(), [&](int a, int c) {
      return key[static_cast<std::size_t>(a)] > key[static_cast<std::size_t>(c)];
    });
    for (std::size_t j = 0; j < perm.size(); ++j) p.sign[l][j] = sign[static_cast<std::size_t>(perm[j])];
    UnitPermutation only_l = identity_permutation(hl);  // this layer's step alone, before the next layer's keys
    only_l.perm[l] = p.perm[l];
    only_l.sign[l] = p.sign[l];
    permute_units(model, cur.data(), only_l, next.data());
    cur.swap(next);
  }
  return p;
}

}  // namespace optlab
