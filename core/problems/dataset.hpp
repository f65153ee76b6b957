// The 2-D classification datasets of the lab, generated from the run's seed:
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
#pragma once

#include <string>
#include <vector>

#include "math/types.hpp"

namespace optlab {

struct DatasetSpec {
  std::string name = "spiral";
  int classes = 3;
  int samples = 300;  // total, before the train/test split
  double noise = 0.1;
  double test_fraction = 0.2;
};

struct Dataset {
  int dim = 2;
  int classes = 2;
  Mat train_x, test_x;  // (N, dim)
  std::vector<int> train_y, test_y;
};

const char* dataset_names();
bool is_dataset_name(const std::string& name);
// Classes a dataset supports: {min, max}. xor is 2 only.
std::pair<int, int> dataset_class_range(const std::string& name);

Dataset make_dataset(const DatasetSpec& spec, std::uint64_t seed);

}  // namespace optlab
