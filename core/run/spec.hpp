// The experiment spec: one JSON document describes a run. The page, its URL, the embed element and
// both command-line runners all go through parse_spec(), so a spec means the same thing
// everywhere. schema/experiment.schema.json documents the same rules for editors and tools; a test
// checks the two agree on a set of good and bad specs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "init/initializer.hpp"
#include "nn/activation.hpp"
#include "nn/loss.hpp"
#include "problems/dataset.hpp"
#include "run/continuation.hpp"
#include "run/landscape.hpp"
#include "run/changes.hpp"
#include "run/spec_layers.hpp"
#include "run/spec_reader.hpp"
#include "run/stages_spec.hpp"

namespace optlab {

struct LayerSpec {
  int units = 16;
  Activation activation = Activation::Tanh;
  InitSpec init;                 // weights
  InitSpec bias_init{"zeros"};
  NormSpec norm;                 // between the dense layer and its activation
  // Recurrent first layer (nn/recurrent_layer.hpp): "dense", "rnn" (Elman) or "lstm".
  std::string type = "dense";
  InitSpec recurrent_init{"orthogonal"};  // W_hh
  double forget_bias = 1.0;               // lstm
  bool recurrent() const { return type != "dense"; }
};

struct NetworkSpec {
  std::vector<LayerSpec> layers;
  Loss loss = Loss::SoftmaxCrossEntropy;
  Activation output_activation = Activation::Linear;
  InitSpec output_init;
  InitSpec output_bias_init{"zeros"};
};

// trace.curvature: Hessian readouts at every logged step (core/optim/curvature.hpp).
struct CurvatureTraceSpec {
  bool on = false;
  int lanczos_steps = 20;  // Krylov dimension when the Hessian is too large to decompose densely
};

struct TraceSpec {
  bool params = false;  // print θ at every logged step
  CurvatureTraceSpec curvature;
  LayerTraceSpec layers;  // per-layer signal statistics at chosen steps
  bool step_length = false;   // ‖θ_k − θ_{k−1}‖ at every logged step (run/step_readouts.hpp)
  bool effective_lr = false;  // per-parameter effective learning rates of adaptive methods
  bool symmetry = false;  // weight-space symmetry readout on the summary (nn/symmetry.hpp)
  bool hidden_grad = false;  // ‖∂L/∂h_t‖ of a recurrent first layer on logged rows
};

struct ExperimentSpec {
  std::uint64_t seed = 7;
  DatasetSpec dataset;
  NetworkSpec network;
  Json optimizer;  // normalized "optimizer" object; read again by read_optimizer()
  Json problem;    // a test-surface run: the normalized "problem" object (null for network runs)
  Json readout;    // a readout (run/repeated_multiplication.hpp): the normalized "readout" object, else null
  int batch_size = 16;
  bool shuffle = true;
  bool single_pass = false;  // use each training example once: the run ends when the data is exhausted
  long steps = 2000;
  long log_every = 10;
  TraceSpec trace;
  ContinuationSpec continuation;  // surfaces only: the smoothed objective (run/continuation.hpp)
  LandscapeSpec landscape;        // networks only: interpolation line and 2-D plane (run/landscape.hpp)
  std::vector<ChangeSpec> changes;  // "changes", in the order they apply (run/changes.hpp)
  // Staged training and curriculum learning (run/stages_spec.hpp): no stages = one plain run.
  bool has_teacher = false;
  NetworkSpec teacher;
  std::vector<StageSpec> stages;
  CurriculumSpec curriculum;
  Json normalized;  // the whole spec with every default filled in
};

// The built-in default experiment: what `npm start` opens and the page shows first.
const char* default_spec_json();

// Parses and validates. Throws SpecError naming the field.
ExperimentSpec parse_spec(const std::string& text);
ExperimentSpec parse_spec_value(const Json& j);

}  // namespace optlab
