// Training a network on a dataset: data, model and optimizer built from the seed, then the training
// loop — minibatches drawn in a (re)shuffled order with the last partial batch kept, the schedule's
// learning rate, divergence detection — logging rows of the Run trace.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "nn/model.hpp"
#include "optim/curvature.hpp"
#include "optim/learning_rate_schedule.hpp"
#include "optim/optimizer.hpp"
#include "optim/parameter_average.hpp"
#include "problems/dataset.hpp"
#include "run/layer_trace.hpp"
#include "run/network_objective.hpp"
#include "run/changes.hpp"
#include "run/run.hpp"
#include "run/gradient_noise.hpp"
#include "run/spec.hpp"
#include "run/step_readouts.hpp"

namespace optlab {

struct StageState;  // run/stages.hpp
class Curriculum;   // run/curriculum.hpp

// The model of a network spec for a data set (its dim inputs, classes, and for sequences its steps
// and features): a recurrent first layer (nn/recurrent_layer.hpp) if the spec has one, per hidden
// layer dense [+ norm] + activation, then the output dense layer [+ output activation] with one
// output per regression target (the adding problem) or loss_outputs(loss, classes).
std::unique_ptr<Model> build_network(const NetworkSpec& n, const Dataset& data);

class NetworkRun final : public Run {
 public:
  explicit NetworkRun(ExperimentSpec spec);
  ~NetworkRun() override;

  long advance(long n) override;
  void apply_change(const Json& set) override;
  Index param_count() const override { return theta_.size(); }
  std::vector<double> params_copy() const override { return {theta_.data(), theta_.data() + theta_.size()}; }

  const ExperimentSpec& spec() const { return spec_; }
  const Dataset& dataset() const { return data_; }
  const Model& model() const { return *model_; }
  const Vec& params() const { return theta_; }
  const Optimizer<float>& optimizer() const { return *opt_; }
  // The order of the training examples in the current epoch, and the position of the next
  // minibatch in it (racers with one seed share both: docs/racing.md).
  const std::vector<int>& minibatch_order() const { return order_; }
  Index minibatch_cursor() const { return cursor_; }
  long epoch_count() const { return epoch_; }  // completed passes over the training set
  // Per-layer signal statistics (trace.layers), or null when the spec does not ask for them.
  const LayerTracer* layer_trace() const { return layer_trace_.get(); }
  // Polyak/EMA average of the visited parameters (optimizer.average); θ itself when "none".
  const ParameterAverage<float>& average() const { return average_; }
  std::vector<StateView> optimizer_state() const override;
  // Weight-space symmetry readout of the current θ (nn/symmetry.hpp; trace.symmetry puts it on the
  // summary): the training loss of θ, of θ with its hidden units permuted by a random permutation
  // drawn from `seed` (signs flipped where the activation is odd), and of its canonical form, with
  // the permutation and the canonical parameters. Throws std::invalid_argument for a network with
  // normalization layers. Defined in run/symmetry_readout.cpp.
  nlohmann::ordered_json symmetry_readout(std::uint64_t seed);

  // For the landscape (run/landscape.hpp): θ₀, the batch-norm running statistics at θ₀ (mean, var
  // per batch-norm layer) and θ at every logged row (row-major floats; kept only with landscape.plane).
  const Vec& initial_params() const { return theta_initial_; }
  const std::vector<Vec>& initial_running_stats() const { return running_stats_initial_; }
  const std::vector<float>& landscape_trajectory() const { return trajectory_; }
  // The landscape's JSON lines when the spec asks for one and the run finished without diverging.
  std::vector<std::string> final_lines() override;

  // Class probabilities on an nx × ny grid over [xmin, xmax] × [ymin, ymax] (y outer, x inner),
  // into out (resized to nx·ny·classes floats). The arguments may come from JavaScript: a side
  // that is not an integer in [1, 1024] or a bad axis throws std::invalid_argument naming it;
  // so does data that is not 2-D or has regression targets (no classes to map).
  void predict_grid(double xmin, double xmax, double ymin, double ymax, double nx, double ny, std::vector<float>& out);

  // The predicted class of every test example at the current θ (test_x's order), into out; empty
  // for a regression data set (no classes).
  void predict_test(std::vector<int>& out) const;
  // Regression data (classes 0): the network's output for every test example at the current θ,
  // row-major (test examples, outputs) in test_x's order, in the targets' units (standardized
  // targets when the data is: raw = output · target_scale + target_mean); empty for classes.
  void predict_test_values(std::vector<float>& out) const;
  // The test set's confusion matrix at the current θ: classes × classes counts, row = true class,
  // column = predicted class, row-major; the counts sum to the test-set size. Empty for a regression
  // data set (adding: classes = 0).
  std::vector<long> confusion() const;

  struct Evaluation {
    double loss = 0.0, accuracy = 0.0;
  };
  // The standard error of the minibatch gradient at the current θ for m = 1, 2, 4, …, 256 (book
  // §8.1.3), run/gradient_noise.hpp. Leaves θ and the optimizer untouched.
  GradientNoise gradient_noise(int samples);

  // Loss and accuracy of parameters theta over a whole set, in evaluation mode.
  // targets: the regression targets of x's rows (Dataset::train_t/test_t; empty or null for classes).
  Evaluation evaluate(const float* theta, const Mat& x, const std::vector<int>& y, const Mat* targets = nullptr);

 private:
  // trace.curvature: Hessian readouts of the full training loss at logged steps.
  void enable_curvature();
  void append_curvature(double lr);
  // trace.hidden_grad: ‖∂L/∂h_t‖ of the recurrent first layer, t = 0 … L, on a fixed probe batch.
  void enable_hidden_grad();
  void append_hidden_grad();
  void log_row(double batch_loss, double grad_norm);
  // Stops the run at step 0 when θ_0 or the loss at θ_0 is not finite, naming the initializer.
  void check_initial_loss();
  void next_batch();
  // Applies the changes due before the next step (run/changes.hpp); allocates nothing.
  void apply_due_changes();
  // Buffers for minibatches of `batch` examples (allocates only when larger than before).
  void reserve_batch(Index batch);
  void summarize(nlohmann::ordered_json& j) const override;
  // Staged training (run/stages.cpp): sets up stage 0; begins stage k; one step of the stage's
  // optimizer on its trainable parameters; the stage columns of a logged row; the summary's stages.
  void begin_staged_training();
  void begin_stage(std::size_t k);
  StepResult stage_step(double lr);
  void append_stage_columns();
  bool stage_ends_at(long step) const;
  void summarize_stages(nlohmann::ordered_json& j) const;
  void extend_line(Index row, nlohmann::ordered_json& j) const override;

  ExperimentSpec spec_;
  Dataset data_;
  std::unique_ptr<Model> model_;
  std::unique_ptr<NetworkObjective> objective_;
  std::unique_ptr<Optimizer<float>> opt_;
  LearningRateSchedule schedule_;
  ParameterAverage<float> average_;
  PreparedChanges<float> changes_;
  int batch_size_ = 0;  // the minibatch size now (spec_.batch_size until a change sets another)
  Index capacity_ = 0;  // rows the model's and objective's buffers hold
  std::unique_ptr<NetworkObjective> curvature_objective_;  // the whole training set, for trace.curvature
  std::unique_ptr<CurvatureProbe<float>> probe_;
  StepReadouts step_readouts_;  // trace.step_length, trace.effective_lr
  bool data_exhausted_ = false;  // single_pass: every training example has been used once
  Vec theta_;
  Vec theta_before_;  // θ_k while step k+1 runs, restored when that step finds loss or ∇ at θ_k not finite
  Rng shuffle_rng_;
  std::vector<int> order_;
  Index cursor_ = 0;  // position in order_ of the next batch
  long epoch_ = 0;    // completed passes over the training set
  Mat eval_buf_;
  Mat probs_buf_;
  std::unique_ptr<LayerTracer> layer_trace_;
  Vec theta_initial_;                       // landscape only
  std::vector<Vec> running_stats_initial_;  // landscape only
  std::vector<float> trajectory_;           // landscape.plane only
  BatchObjective* batch_objective_ = nullptr;  // what next_batch() feeds: objective_, or a stage's
  std::unique_ptr<StageState> stages_;         // null for a run without stages
  long stage_begin_ = 0;                       // step at which the current stage began (its schedule restarts)
  std::unique_ptr<Curriculum> curriculum_;     // null without a curriculum
  std::vector<int> batch_indices_;             // a curriculum's minibatch
  long curriculum_drawn_ = 0;                  // examples the curriculum has drawn (for the epoch column)
  nlohmann::ordered_json symmetry_;            // trace.symmetry: the readout at the end of the run
  std::unique_ptr<NetworkObjective> hidden_grad_objective_;  // the probe of trace.hidden_grad
  Vec hidden_grad_buf_;
};

}  // namespace optlab
