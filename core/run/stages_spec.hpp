// The spec of staged training and of curriculum learning (issue 13; docs/staged-training.md):
//
//   "teacher": { a network object like "network" }            the FitNets teacher (wide)
//   "stages": [ {"steps": s, "model": "network" | "teacher", "depth": d,
//                "train": "all" | ["layers[i]", "output", "regressor"], "optimizer": {…},
//                "hint": false | true | {"hint_layer": h, "guided_layer": g},
//                "distill": false | true | {"temperature": T, "alpha": α}}, … ]
//   "curriculum": false | true | {"score": "neighbors" | "margin" | "random", "neighbors": k,
//                                 "pacing": "linear" | "root", "start_fraction": p0, "steps": s}
//
// Stages run one after another and carry their parameters (run/stages.hpp); the curriculum orders
// the training examples from easy to hard (run/curriculum.hpp). Names, defaults and ranges are the
// catalog's (run/catalog.cpp); read_staged_training() names the field of every error.
#pragma once

#include <string>
#include <vector>

#include "run/spec_reader.hpp"

namespace optlab {

struct StageSpec {
  long steps = 0;
  bool teacher = false;  // "model": "teacher" trains the teacher network, else the network
  int depth = 0;         // hidden layers of the network used in this stage (the network's own count by default)
  // "train": every parameter of the stage (all), else the listed groups; the others stay frozen.
  bool train_all = true;
  std::vector<int> train_layers;
  bool train_output = false, train_regressor = false;
  Json optimizer;  // normalized optimizer object of this stage (the top-level one unless given)
  bool hint = false;  // FitNets stage 1: regress the teacher's hint layer from the guided layer
  int hint_layer = 0, guided_layer = 0;
  bool distill = false;  // FitNets stage 2 / knowledge distillation
  double temperature = 4.0, alpha = 0.9;
};

struct CurriculumSpec {
  bool on = false;
  std::string score = "neighbors";  // neighbors | margin | random
  int neighbors = 10;               // k of the neighbors score
  std::string pacing = "linear";    // linear | root
  double start_fraction = 0.2;      // p0: fraction of the examples (easiest first) available at step 0
  long steps = 1000;                // step at which every example is available
};

// The curriculum's difficulty scores compare every pair of training examples: O(n²) once.
constexpr long kMaxCurriculumExamples = 20000;

struct ExperimentSpec;

// Reads "stages" (with the "teacher" network already read into s) and "curriculum" from r into s,
// and checks them against the rest of the spec. Throws SpecError naming the field.
void read_staged_training(ObjectReader& r, ExperimentSpec& s);

}  // namespace optlab
