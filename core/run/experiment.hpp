// One run of an experiment spec: data, model and optimizer built from the seed, then the training
// loop — minibatches drawn in a (re)shuffled order with the last partial batch kept, the schedule's
// learning rate, divergence detection — and the trace of logged rows that plots and runners read.
//
// Records are a flat row-major table of doubles (columns()), so JavaScript can view them without
// copying and both runners print the same JSON lines from the same numbers.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "nn/model.hpp"
#include "optim/learning_rate_schedule.hpp"
#include "optim/optimizer.hpp"
#include "problems/dataset.hpp"
#include "run/network_objective.hpp"
#include "run/spec.hpp"

namespace optlab {

class Experiment {
 public:
  explicit Experiment(ExperimentSpec spec);
  static std::unique_ptr<Experiment> from_json(const std::string& text) {
    return std::make_unique<Experiment>(parse_spec(text));
  }

  // Runs up to n more steps; returns the number done (0 once finished or diverged).
  long advance(long n);
  bool done() const { return step_ >= spec_.steps || !diverged_.empty(); }
  long step_count() const { return step_; }
  long total_steps() const { return spec_.steps; }
  // Empty, or why the run stopped early (a NaN loss, say).
  const std::string& diverged() const { return diverged_; }

  const std::vector<std::string>& columns() const { return columns_; }
  const std::vector<double>& records() const { return records_; }
  Index record_count() const { return static_cast<Index>(records_.size() / columns_.size()); }
  // θ at each logged row when trace.params is on (row-major, record_count() × param_count()).
  const std::vector<float>& params_trace() const { return params_trace_; }
  std::string json_line(Index row) const;
  std::string summary_line() const;

  const ExperimentSpec& spec() const { return spec_; }
  const Dataset& dataset() const { return data_; }
  const Model& model() const { return *model_; }
  const Vec& params() const { return theta_; }
  const Optimizer<float>& optimizer() const { return *opt_; }

  // Class probabilities on an nx × ny grid over [xmin, xmax] × [ymin, ymax] (y outer, x inner),
  // written to out (nx·ny·classes floats).
  void predict_grid(double xmin, double xmax, double ymin, double ymax, int nx, int ny, float* out);

  struct Evaluation {
    double loss = 0.0, accuracy = 0.0;
  };
  // Loss and accuracy of parameters theta over a whole set, in evaluation mode.
  Evaluation evaluate(const float* theta, const Mat& x, const std::vector<int>& y);

 private:
  void log_row(double batch_loss, double grad_norm, double lr);
  void next_batch();

  ExperimentSpec spec_;
  Dataset data_;
  std::unique_ptr<Model> model_;
  std::unique_ptr<NetworkObjective> objective_;
  std::unique_ptr<Optimizer<float>> opt_;
  LearningRateSchedule schedule_;
  Vec theta_;
  Rng shuffle_rng_;
  std::vector<int> order_;
  Index cursor_ = 0;  // position in order_ of the next batch
  long epoch_ = 0;    // completed passes over the training set
  long step_ = 0;
  std::string diverged_;
  std::vector<std::string> columns_;
  std::vector<double> records_;
  std::vector<float> params_trace_;
  Mat eval_buf_;
  Mat probs_buf_;
};

}  // namespace optlab
