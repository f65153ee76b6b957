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
//   inline     the spec's own examples: x (N rows of d features), y (labels 0…k−1)
// Both are split like the generated sets (a random test_fraction of the examples) and, with
// `standardize`, every feature is centred and scaled by the mean and the standard deviation
// (population, ddof = 0, as scikit-learn's StandardScaler) of the TRAINING split only, so nothing
// about the test examples leaks into the inputs; a feature constant on the training split is only
// centred (scale 1, as StandardScaler does).
#pragma once

#include <memory>
#include <string>
#include <vector>

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
  std::vector<int> y;     // rows labels in 0…k−1
};

struct DatasetSpec {
  std::string name = "spiral";
  int classes = 3;    // generated: asked for; digits: 10; inline: largest label + 1
  int samples = 300;  // total, before the train/test split (digits: 1797; inline: rows of x)
  double noise = 0.1;
  double test_fraction = 0.2;
  bool standardize = false;  // digits, inline: features scaled with training-split statistics
  std::shared_ptr<const InlineData> given;  // inline only
};

struct Dataset {
  int dim = 2;
  int classes = 2;
  Mat train_x, test_x;  // (N, dim), standardized when the spec asks
  std::vector<int> train_y, test_y;
  // standardize: input = (raw − mean) / scale per feature (training split's statistics); empty otherwise.
  std::vector<double> mean, scale;
};

const char* dataset_names();
bool is_dataset_name(const std::string& name);
// Classes a generated dataset supports: {min, max}. xor is 2 only.
std::pair<int, int> dataset_class_range(const std::string& name);
// Input features of a named dataset: 2 for the generated sets, 64 for digits, the columns of x inline.
int dataset_dim(const DatasetSpec& spec);

Dataset make_dataset(const DatasetSpec& spec, std::uint64_t seed);

}  // namespace optlab
