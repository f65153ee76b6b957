// Curriculum learning (Bengio, Louradour, Collobert & Weston 2009; book §8.7.6): minibatches are
// drawn from the easiest examples first, and harder ones become available as training goes on.
//
// Difficulty of training example i (computed once, from the training set alone, so it works for any
// data set — generated, digits or the user's own):
//   neighbors  the fraction of its k nearest training examples (Euclidean, itself excluded) whose
//              label differs from its own — the "k-disagreeing neighbors" instance hardness of Smith,
//              Martinez & Giraud-Carrier 2014: 0 deep inside its class, high near the class boundary
//              and for mislabeled points; ties are broken by the margin below (larger = easier);
//   margin     minus the distance to the nearest training example of another class (an estimate of
//              the distance to the class boundary; far = easy); ties by the neighbors fraction;
//   random     a random order from the seed: the same pacing without an easy-first order — the
//              control that separates "fewer distinct examples early" from "easy examples first".
// Remaining ties keep the lower index first (a stable sort), so the order is deterministic.
//
// Pacing (Hacohen & Weinshall 2019 call this the pacing function): at step t < s the easiest
// n(t) = max(m, ⌈p(t)·N⌉) of the N examples are available, with m the minibatch size and
//   linear  p(t) = p0 + (1 − p0)·t/s
//   root    p(t) = √(p0² + (1 − p0²)·t/s)      (Platanios et al. 2019's "competence")
// and each minibatch is m distinct examples drawn uniformly from them (partial Fisher–Yates on the
// run's curriculum stream). From step s on, training continues with the usual shuffled epochs.
#pragma once

#include <cstdint>
#include <vector>

#include "math/rng.hpp"
#include "problems/dataset.hpp"
#include "run/stages_spec.hpp"

namespace optlab {

// The difficulty order of data.train_x (easiest first) by spec.score; k = spec.neighbors.
std::vector<int> curriculum_order(const CurriculumSpec& spec, const Dataset& data, std::uint64_t seed);

class Curriculum {
 public:
  Curriculum(const CurriculumSpec& spec, const Dataset& data, std::uint64_t seed, int batch_size);

  // True while step t is within the pacing (t < s).
  bool paced(long step) const { return step < spec_.steps; }
  // Examples available at step t, n(t).
  Index available(long step) const;
  // Writes the minibatch of step t into out (batch_size entries or the training-set size, if smaller);
  // returns how many. No allocation.
  Index draw(long step, int* out);
  const std::vector<int>& order() const { return order_; }

 private:
  CurriculumSpec spec_;
  Index batch_;
  std::vector<int> order_;  // easiest first
  std::vector<int> work_;   // a permutation of order_ whose first n(t) entries are always the available ones
  Rng rng_;
};

}  // namespace optlab
