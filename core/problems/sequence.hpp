// Generated sequence tasks that need memory over a chosen length L (book §8.2.5, §10.7): each
// example is a sequence of L steps of D features, stored as one row of L·D values (step-major, the
// layout of nn/recurrent_cell.hpp), so sequences use the same Dataset, minibatches and optimizers as
// points do.
//
//   recall   (classification, k classes, D = k + 1) "recall the first input after L − 1 distractor
//            steps": x_1 = (onehot(y), 1); every later x_t = (onehot(s_t), 0) with a random symbol s_t;
//            the label is y. The last channel marks the step to remember. Chance accuracy is 1/k;
//            a net must carry y through L − 1 steps of other symbols.
//   adding   (regression, D = 2) the adding problem of Hochreiter & Schmidhuber (1997, experiment 4),
//            in the form of Le et al. (2015) and Arjovsky et al. (2016): x_t = (u_t, m_t), u_t ~ U(0, 1),
//            m_t = 1 at one step drawn in the first half [1, ⌈L/2⌉] and one in the second half, 0
//            elsewhere; the target is the sum of the two marked u_t. Predicting the mean 1 gives a
//            mean squared error of 1/6 ≈ 0.167; an example counts as solved (the "accuracy" columns)
//            when |output − target| < 0.04 (Hochreiter & Schmidhuber's criterion).
// `noise` adds N(0, noise²) to every input value of recall; test examples are a random
// `test_fraction` of the generated ones, as for the point data sets (problems/dataset.hpp).
#pragma once

#include <cstdint>

#include "problems/dataset.hpp"

namespace optlab {

// |output − target| below this solves an adding-problem example (Hochreiter & Schmidhuber 1997).
inline constexpr double kRegressionTolerance = 0.04;

bool is_sequence_dataset(const std::string& name);
// Features per step D of a sequence data set (recall: classes + 1, adding: 2).
int sequence_features(const DatasetSpec& spec);

Dataset make_sequence_dataset(const DatasetSpec& spec, std::uint64_t seed);

}  // namespace optlab
