// The classification datasets of the lab. Generated 2-D sets, from the run's seed:
//
//   spiral     k interleaved arms (CS231n's spiral): class j, point i of n: r = i/n,
//              t = 4r + 2πj/k + 2·noise·N(0,1), x = r (sin t, cos t)
//   circles    k concentric rings of equal width and gap, ring j at radius (j + 0.6 U)/(k − 0.4)
//   xor        uniform on [−1, 1]², label [x·y > 0]; points within 0.05 of an axis are redrawn
//   gaussians  k isotropic blobs (σ = 0.2) with centres evenly on the circle of radius 0.6
//
// Except on the spiral (where noise jitters the angle), every point gets Gaussian noise of
// standard deviation `noise` on each coordinate. Examples are
// generated class by class, and the training set keeps that order (so that running without
// shuffling shows why shuffling matters); the test set is a random `test_fraction` of the points.
//
// Given data, any number of input features (n-D inputs):
//   digits     the 1,797 8×8 handwritten digits of UCI/scikit-learn (problems/digits_data.hpp), 64
//              pixel features 0…16, 10 classes, in the shipped order
//   inline     the spec's own examples: x (N rows of d features) and either y (class labels 0…k−1)
//              or targets (one real number per row: regression, classes = 0, trained with the
//              mean squared error on one linear output)
// Both are split like the generated sets (a random test_fraction of the examples) and, with
// `standardize`, every feature is centred and scaled by the mean and the standard deviation
// (population, ddof = 0, as scikit-learn's StandardScaler) of the TRAINING split only, so nothing
// about the test examples leaks into the inputs; a feature constant on the training split is only
// centred (scale 1, as StandardScaler does). Regression targets are standardized the same way (their
// training split's mean and standard deviation), so the mean squared error is in units of the
// target's variance: 1 is what predicting the training mean scores, whatever the target's units.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "math/rng.hpp"
#include "math/types.hpp"

namespace optlab {

// Limits of an inline dataset: numbers in x (rows × features), features, classes.
constexpr long kMaxInlineNumbers = 200000;
constexpr int kMaxInlineFeatures = 1024;
constexpr int kMaxInlineClasses = 10;

// The examples of an inline dataset, as the spec gives them (shared: copies of a spec stay cheap).
struct InlineData {
  int rows = 0, cols = 0;
  std::vector<double> x;  // (rows, cols), row-major
  std::vector<int> y;     // rows labels in 0…k−1 (classification), or empty
  std::vector<double> t;  // rows regression targets (regression), or empty
};

struct DatasetSpec {
  std::string name = "spiral";
  int classes = 3;    // generated: asked for; digits: 10; inline: largest label + 1
  int samples = 300;  // total, before the train/test split (digits: 1797; inline: rows of x)
  double noise = 0.1;
  double test_fraction = 0.2;
  bool standardize = false;  // digits, inline: features scaled with training-split statistics
  std::shared_ptr<const InlineData> given;  // inline only
  int length = 0;  // sequence data sets (problems/sequence.hpp): steps L per example
};

struct Dataset {
  int dim = 2;
  int classes = 2;      // 0 for a regression data set (targets in train_t, test_t)
  Mat train_x, test_x;  // (N, dim), standardized when the spec asks
  std::vector<int> train_y, test_y;  // labels (all 0 for regression)
  // standardize: input = (raw − mean) / scale per feature (training split's statistics); empty otherwise.
  std::vector<double> mean, scale;
  // standardize with regression targets: target = (raw − target_mean) / target_scale per output column.
  std::vector<double> target_mean, target_scale;
  // Sequence data (problems/sequence.hpp): each row is `steps` steps of `features` values; 0 for points.
  int steps = 0, features = 0;
  Mat train_t, test_t;  // regression targets (N, outputs); empty for classification
  bool regression() const { return train_t.size() > 0 || test_t.size() > 0; }
};

const char* dataset_names();
bool is_dataset_name(const std::string& name);
// Classes a generated dataset supports: {min, max}. xor is 2 only.
std::pair<int, int> dataset_class_range(const std::string& name);
// Input features of a named dataset: 2 for the generated sets, 64 for digits, the columns of x inline,
// L·D for a sequence data set (problems/sequence.hpp: L steps of D features, one row per sequence).
int dataset_dim(const DatasetSpec& spec);

// Sequence data sets (recall, adding) are made by make_sequence_dataset (problems/sequence.hpp).
Dataset make_dataset(const DatasetSpec& spec, std::uint64_t seed);

// Fills d's training and test sets from examples x (N, dim), labels y and, for regression,
// targets t (N, outputs): a random test_fraction of the rows (drawn from rng) is the test set; both
// sets keep generation order.
void split_train_test(const Mat& x, const std::vector<int>& y, const Mat* t, double test_fraction, Rng& rng,
                      Dataset& d);

}  // namespace optlab
