// Staged training (issue 13; docs/staged-training.md): the stages of a spec run one after another
// and carry their parameters. Each stage trains one model — the network with its first `depth`
// hidden layers and an output layer of its own for that depth (greedy supervised layer-wise
// pretraining, book §8.7.4 and Figure 8.7, Bengio et al. 2007), the teacher, or the network under
// FitNets' hint or distillation loss (Romero et al. 2015) — and only the parameter groups it names
// ("train"); the others are frozen: the stage's optimizer sees the trainable part of θ alone, so no
// momentum, weight decay or clipping can move a frozen value (tests/native/stages_test.cpp checks
// them bit for bit). Each stage starts a fresh optimizer state and learning-rate schedule.
//
// Parameter blocks carried between stages: the network's θ in the layout of a run without stages
// (its θ₀ is that run's, drawn from the Init stream); for every depth d below the network's one an
// output layer of its own (drawn at first use from stream 0x1300 + d); the teacher's θ (stream
// 0x1340); a fresh regressor per hint stage (stream 0x1380 + stage).
#pragma once

#include <memory>
#include <vector>

#include "nn/activation_layer.hpp"
#include "nn/dense.hpp"
#include "nn/model.hpp"
#include "run/network_objective.hpp"
#include "run/stages_spec.hpp"

namespace optlab {

// A contiguous range [begin, end) of a stage's θ that the stage trains.
struct ParamRange {
  Index begin = 0, end = 0;
};

// The objective of one stage over the trainable part of its θ only:
//   Classify  the network's loss L(θ) (nn/loss.hpp)
//   Hint      FitNets' hint loss of regressor(h_guided) against the teacher's hint-layer output
//   Distill   knowledge distillation from the teacher's logits (nn/distillation.hpp)
// The full θ of the stage is [the model's parameters, the regressor's (hint stages)]; the frozen
// values are copied once at construction. Every buffer is allocated at construction.
class StageObjective final : public BatchObjective {
 public:
  enum class Kind { Classify, Hint, Distill };
  struct Setup {
    Kind kind = Kind::Classify;
    Model* model = nullptr;
    Loss loss = Loss::SoftmaxCrossEntropy;
    std::vector<ParamRange> trainable;
    const Mat* targets = nullptr;  // per training example: teacher's hint-layer output or logits
    std::size_t tap = 0;           // Hint: index in model->layers() of the guided layer's last layer
    Index hint_units = 0;          // Hint: width of the teacher's hint layer
    Activation hint_activation = Activation::Linear;  // the regressor's (FitNets: the hint layer's)
    double temperature = 1.0, alpha = 0.0;            // Distill
    Index capacity = 0, dim = 0;   // rows per batch or evaluation chunk; input features
  };
  StageObjective(const Setup& s, const Vec& theta);

  Index dim() const override { return trainable_count_; }
  void set_batch(const Mat& x, const std::vector<int>& y, const int* indices, Index count) override;
  float value_and_gradient(ConstVecRef sub, VecRef grad) override;
  float value(ConstVecRef sub) override;

  // Parameters of the regressor (Hint) that follow the model's in the stage's θ; 0 otherwise.
  Index regressor_params() const { return regressor_ ? regressor_->param_count() : 0; }
  // The trainable part of θ into sub (resized), and back.
  void gather(const Vec& theta, Vec& sub) const;
  void scatter(const Vec& sub, Vec& theta) const;
  // The stage's loss over the training set (x, y with s.targets' rows) at θ, in evaluation mode.
  double training_set_value(const Vec& theta, const Mat& x, const std::vector<int>& y);

 private:
  // sub → the trainable ranges of a full θ-shaped buffer, and back.
  void scatter_into(const float* sub, float* full) const;
  void gather_from(const float* full, float* sub) const;
  // Loss of rows x (labels y, target rows t) at θ; writes ∇ into grad when non-null.
  double loss(const float* theta, ConstMatRef x, const int* y, const float* t, float* grad, bool training);

  Setup s_;
  Index trainable_count_ = 0;
  std::unique_ptr<Dense> regressor_;
  std::unique_ptr<ActivationLayer> regressor_act_;
  Vec full_, grad_full_;  // the stage's θ with the trainable part scattered in; its gradient
  Mat batch_x_, batch_t_, dout_, dreg_, dpre_, dh_;
  std::vector<int> batch_y_;
  Index batch_ = 0;
};

// What NetworkRun keeps for its stages (run/experiment.hpp).
struct StageState {
  std::size_t current = 0;
  std::vector<long> ends;           // step at which stage k ends
  std::vector<Index> last_row;      // trace row of each stage's last logged step (−1 until logged)
  Vec network;                      // the network's θ (layout of a run without stages)
  std::vector<Index> network_dense; // offset of each dense layer's parameters in it (hidden…, output)
  std::vector<Vec> outputs;         // output layer for each depth d < L (empty until used)
  Vec teacher;
  std::unique_ptr<Model> teacher_model;
  Mat targets;
  std::unique_ptr<StageObjective> objective;
  Vec sub;  // the trainable part of θ: what the stage's optimizer moves
};

// Offsets of a model's dense layers' parameters, and their indices in model.layers().
std::vector<Index> dense_offsets(const Model& model);
std::vector<std::size_t> dense_layers(const Model& model);

}  // namespace optlab
