#include "run/experiment.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "nn/activation_layer.hpp"
#include "nn/batch_norm.hpp"
#include "init/class_prior.hpp"
#include "nn/dense.hpp"
#include "run/landscape.hpp"
#include "run/curriculum.hpp"
#include "nn/recurrent_layer.hpp"
#include "run/optimizer_factory.hpp"
#include "run/stages.hpp"
#include "run/surface_view.hpp"

namespace optlab {

namespace {

// Rows evaluated per forward pass when measuring whole-set loss or drawing the decision boundary.
constexpr Index kEvalChunk = 256;

}  // namespace

std::unique_ptr<Model> build_network(const NetworkSpec& n, const Dataset& data) {
  const int inputs = data.dim;
  std::vector<std::unique_ptr<Layer>> layers;
  Index width = inputs;
  for (const LayerSpec& l : n.layers) {
    if (l.recurrent()) {  // the first layer on a sequence data set (spec.cpp checks it)
      layers.push_back(std::make_unique<RecurrentLayer>(
          l.type == "lstm" ? CellType::Lstm : CellType::Elman, data.features, data.steps, l.units, l.activation,
          RecurrentInit{l.init, l.recurrent_init, l.bias_init, l.forget_bias}));
      width = l.units;
      continue;
    }
    layers.push_back(std::make_unique<Dense>(width, l.units, l.init, l.bias_init));
    if (auto norm = make_norm_layer(l.norm, l.units)) layers.push_back(std::move(norm));
    layers.push_back(std::make_unique<ActivationLayer>(l.units, l.activation));
    width = l.units;
  }
  const Index outputs = data.regression() ? data.train_t.cols() : loss_outputs(n.loss, data.classes);
  layers.push_back(std::make_unique<Dense>(width, outputs, n.output_init, n.output_bias_init));
  if (n.output_activation != Activation::Linear)
    layers.push_back(std::make_unique<ActivationLayer>(outputs, n.output_activation));
  return std::make_unique<Model>(inputs, std::move(layers));
}

NetworkRun::NetworkRun(ExperimentSpec spec)
    : spec_(std::move(spec)), shuffle_rng_(spec_.seed, RngStream::Shuffle) {
  total_steps_ = spec_.steps;
  trace_params_ = spec_.trace.params;
  normalized_spec_ = spec_.normalized;
  data_ = make_dataset(spec_.dataset, spec_.seed);
  if (spec_.network.output_bias_init.name == "class_prior")
    spec_.network.output_bias_init.values = class_prior_bias(spec_.network.loss, data_.train_y, data_.classes);
  model_ = build_network(spec_.network, data_);

  Json opt_json = spec_.optimizer;
  Json scratch;
  ObjectReader r(opt_json, "optimizer", &scratch);
  OptimizerSetup<float> setup = read_optimizer<float>(r);
  opt_ = std::move(setup.optimizer);
  schedule_ = setup.schedule;
  average_ = ParameterAverage<float>(setup.average);

  theta_.setZero(model_->param_count());
  Rng init_rng(spec_.seed, RngStream::Init);
  model_->init_params(theta_.data(), init_rng);
  opt_->reset(theta_.size());
  average_.reset(theta_);
  if (spec_.single_pass) {
    // Each training example once: ⌈n / batch⌉ steps (the last batch may be short), or fewer if asked.
    const long n = static_cast<long>(data_.train_x.rows());
    total_steps_ = std::min<long>(spec_.steps, (n + spec_.batch_size - 1) / spec_.batch_size);
  }

  // Every buffer of the step loop is allocated here, once (for the largest minibatch of the spec's changes too).
  batch_size_ = spec_.batch_size;
  changes_.prepare(spec_.changes, 0, "");
  objective_ = std::make_unique<NetworkObjective>(*model_, spec_.network.loss);
  objective_->set_targets(&data_.train_t);  // regression targets (the adding problem); none for classes
  Index largest = batch_size_;
  for (const ChangeSpec& c : spec_.changes) largest = std::max<Index>(largest, c.batch_size);
  reserve_batch(largest);
  batch_objective_ = objective_.get();
  eval_buf_.resize(kEvalChunk, data_.dim);
  probs_buf_.resize(kEvalChunk, data_.classes);

  const Index n = data_.train_x.rows();
  order_.resize(static_cast<std::size_t>(n));
  for (Index i = 0; i < n; ++i) order_[static_cast<std::size_t>(i)] = static_cast<int>(i);
  if (spec_.shuffle) shuffle(order_.begin(), static_cast<std::uint32_t>(n), shuffle_rng_);

  columns_ = {"step", "epoch", "loss", "test_loss", "train_acc", "test_acc", "batch_loss", "grad_norm", "lr"};
  if (average_.enabled())  // the averaged parameters' loss and accuracy, beside the raw ones
    columns_.insert(columns_.end(), {"avg_loss", "avg_test_loss", "avg_train_acc", "avg_test_acc"});
  if (spec_.trace.curvature.on) enable_curvature();  // trace.curvature (run/network_curvature.cpp)
  step_readouts_.configure(spec_.trace, theta_.size(), columns_);
  if (spec_.trace.hidden_grad) enable_hidden_grad();  // trace.hidden_grad: ‖∂L/∂h_t‖ columns
  // The trace grows as rows are logged (the runners print them as they go): a long run costs
  // memory only for what it has logged (run/spec_limits.hpp bounds it).
  if (spec_.trace.layers.enabled) {
    std::vector<Index> taps;
    std::vector<Activation> acts;
    for (std::size_t i = 0; i < model_->layers().size() && taps.size() < spec_.network.layers.size(); ++i)
      if (auto* a = dynamic_cast<const ActivationLayer*>(model_->layers()[i].get())) {
        taps.push_back(static_cast<Index>(i));
        acts.push_back(a->activation());
      }
    layer_trace_ = std::make_unique<LayerTracer>(*model_, spec_.network.loss, std::move(taps), std::move(acts), data_,
                                                 spec_.seed, spec_.trace.layers, spec_.steps);
  }
  if (spec_.landscape.on) {
    theta_initial_ = theta_;
    for (const auto& layer : model_->layers())
      if (const auto* bn = dynamic_cast<const BatchNorm*>(layer.get())) {
        running_stats_initial_.push_back(bn->running_mean());
        running_stats_initial_.push_back(bn->running_var());
      }
  }
  if (!spec_.stages.empty()) begin_staged_training();  // run/stages.cpp
  if (spec_.curriculum.on) {
    curriculum_ = std::make_unique<Curriculum>(spec_.curriculum, data_, spec_.seed, spec_.batch_size);
    batch_indices_.resize(static_cast<std::size_t>(spec_.batch_size));
  }
  theta_before_.setZero(theta_.size());
  reserve_rows(spec_.steps / spec_.log_every + 2 + spec_.trace.layers.count(spec_.steps), theta_.size());
  log_row(std::nan(""), std::nan(""));
  check_initial_loss();
}

NetworkRun::~NetworkRun() = default;

void NetworkRun::check_initial_loss() {
  if (!theta_.allFinite()) {
    // Name the initializer: the first layer whose parameters are not all finite.
    std::string where = "an initializer";
    const auto& layers = model_->layers();
    for (std::size_t i = 0, dense = 0; i < layers.size(); ++i) {
      if (!dynamic_cast<const Dense*>(layers[i].get())) continue;
      const Index off = model_->param_offset(i), count = layers[i]->param_count();
      if (!theta_.segment(off, count).allFinite()) {
        where = dense < spec_.network.layers.size() ? "network.layers[" + std::to_string(dense) + "].init or bias_init"
                                                    : std::string("network.output_init or output_bias_init");
        break;
      }
      ++dense;
    }
    stop_diverged(0, "the initial parameters are not finite: " + where +
                         " gives values beyond the range of float parameters (±3.4e38)", false, 0.0);
    return;
  }
  const double loss = records_[2];  // row 0: the training loss at θ_0
  if (!std::isfinite(loss))
    stop_diverged(0, std::string("the loss at the initial parameters is ") + (std::isnan(loss) ? "NaN" : "infinite") +
                         ": the forward pass overflows (the initial weights or biases are too large)", false, 0.0);
}

NetworkRun::Evaluation NetworkRun::evaluate(const float* theta, const Mat& x, const std::vector<int>& y,
                                            const Mat* targets) {
  Evaluation e;
  const Index n = x.rows();
  // No examples (an inline data set with test_fraction 0 has no test set): no loss, no accuracy —
  // NaN, null in the JSON lines, '–' on the page — rather than a perfect-looking 0.
  if (n == 0) return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  double total = 0.0;
  Index correct = 0;
  for (Index start = 0; start < n; start += kEvalChunk) {
    const Index len = std::min(kEvalChunk, n - start);
    auto out = model_->forward(theta, x.middleRows(start, len), false);
    const float* t = targets && targets->size() ? targets->data() + start * targets->cols() : nullptr;
    LossResult r = loss_forward_backward(spec_.network.loss, out, y.data() + start, nullptr, t);
    total += r.loss * static_cast<double>(len);
    correct += r.correct;
  }
  e.loss = total / static_cast<double>(n);
  e.accuracy = static_cast<double>(correct) / static_cast<double>(n);
  return e;
}

void NetworkRun::log_row(double batch_loss, double grad_norm) {
  // lr is ε_k, the learning rate of the step that leaves this row's θ_k (the ε of the
  // ill-conditioning readout at θ_k), as on surface runs; batch_loss and grad_norm are those of
  // the minibatch step that led to θ_k (on the row where a run diverged: of the failed step).
  const double lr = schedule_.at(step_ - stage_begin_);
  if (layer_trace_ && layer_trace_->wants(step_)) layer_trace_->record(step_, theta_.data(), record_count());
  const Evaluation train = evaluate(theta_.data(), data_.train_x, data_.train_y, &data_.train_t);
  const Evaluation test = evaluate(theta_.data(), data_.test_x, data_.test_y, &data_.test_t);
  const double n = static_cast<double>(data_.train_x.rows());
  const double epoch = static_cast<double>(epoch_) + static_cast<double>(cursor_ + curriculum_drawn_) / n;
  append_row({static_cast<double>(step_), epoch, train.loss, test.loss, train.accuracy, test.accuracy, batch_loss,
              grad_norm, lr});
  if (average_.enabled()) {
    const Evaluation avg_train = evaluate(average_.average().data(), data_.train_x, data_.train_y, &data_.train_t);
    const Evaluation avg_test = evaluate(average_.average().data(), data_.test_x, data_.test_y, &data_.test_t);
    append_row({avg_train.loss, avg_test.loss, avg_train.accuracy, avg_test.accuracy});
  }
  if (probe_) append_curvature(lr);
  if (step_readouts_.enabled())
    step_readouts_.append(*opt_, lr, theta_.data(), step_ > 0 ? theta_before_.data() : nullptr, records_);
  if (stages_) append_stage_columns();
  if (hidden_grad_objective_) append_hidden_grad();
  if (trace_params_) append_params(theta_);
  if (spec_.landscape.on && spec_.landscape.plane) trajectory_.insert(trajectory_.end(), theta_.data(), theta_.data() + theta_.size());
}

std::vector<std::string> NetworkRun::final_lines() {
  if (!spec_.landscape.on || !diverged_.empty()) return {};
  Landscape landscape(*this);
  landscape.compute(landscape.total());
  return landscape.json_lines();
}

void NetworkRun::reserve_batch(Index batch) {
  const Index capacity = std::max<Index>(batch, kEvalChunk);
  if (capacity <= capacity_) return;
  capacity_ = capacity;
  model_->reserve(capacity);
  objective_->reserve(capacity, data_.dim, data_.train_t.cols());
}

void NetworkRun::apply_due_changes() {
  while (changes_.due(step_))
    if (const int b = changes_.apply_next(*opt_, schedule_, average_)) batch_size_ = b;
}

void NetworkRun::apply_change(const Json& set) {
  if (done()) throw SpecError("step", "the run has finished: a change applies before a next step");
  apply_due_changes();
  record_live_change(spec_, changes_, normalized_spec_, set, step_);
  for (const ChangeSpec& c : spec_.changes) reserve_batch(c.batch_size);
  apply_due_changes();
}

void NetworkRun::next_batch() {
  if (curriculum_ && curriculum_->paced(step_)) {  // easiest examples first (run/curriculum.hpp)
    const Index count = curriculum_->draw(step_, batch_indices_.data());
    batch_objective_->set_batch(data_.train_x, data_.train_y, batch_indices_.data(), count);
    curriculum_drawn_ += static_cast<long>(count);
    return;
  }
  const Index n = static_cast<Index>(order_.size());
  const Index count = std::min<Index>(batch_size_, n - cursor_);
  batch_objective_->set_batch(data_.train_x, data_.train_y, order_.data() + cursor_, count);
  cursor_ += count;
  if (cursor_ >= n) {  // epoch finished; the short last batch was used, not dropped
    cursor_ = 0;
    ++epoch_;
    if (spec_.shuffle) shuffle(order_.begin(), static_cast<std::uint32_t>(n), shuffle_rng_);
  }
}

long NetworkRun::advance(long n) {
  long done_steps = 0;
  while (done_steps < n && !done()) {
    if (stages_ && step_ > 0 && stage_ends_at(step_)) begin_stage(stages_->current + 1);
    apply_due_changes();
    const double lr = schedule_.at(step_ - stage_begin_);
    next_batch();
    theta_before_ = theta_;
    StepResult r = stages_ ? stage_step(lr) : opt_->step(*objective_, theta_, lr);
    bool hint = true;
    // r.loss and r.grad_norm are the minibatch loss and ‖g‖ at θ_k, where this step started: when
    // they are not finite the run diverged at step k, and θ goes back to θ_k for the last row.
    if (std::string cause = divergence_cause(r.loss, r.grad_norm, true, &hint); !cause.empty()) {
      theta_ = theta_before_;
      stop_diverged(step_, "on a minibatch, " + cause, hint, lr);
      if (last_row_step() != step_) log_row(r.loss, r.grad_norm);
      break;
    }
    average_.update(theta_);
    ++step_;
    ++done_steps;
    if (!theta_.allFinite()) {
      stop_diverged(step_, "the parameters became infinite or NaN", true, lr);
      log_row(r.loss, r.grad_norm);
      break;
    }
    if (spec_.single_pass && step_ == total_steps_) data_exhausted_ = epoch_ >= 1;
    if (step_ % spec_.log_every == 0 || step_ == total_steps_ || (layer_trace_ && layer_trace_->wants(step_)) ||
        (stages_ && stage_ends_at(step_))) {
      log_row(r.loss, r.grad_norm);
      const double* row = records_.data() + records_.size() - columns_.size();
      if (std::string cause = divergence_cause(row[2], 0.0, true, &hint); !cause.empty()) {
        stop_diverged(step_, "on the training set, " + cause, hint, lr);
        break;
      }
    }
  }
  if (spec_.trace.symmetry && done() && symmetry_.is_null()) symmetry_ = symmetry_readout(spec_.seed);
  return done_steps;
}

void NetworkRun::summarize(nlohmann::ordered_json& j) const {
  const Index last = record_count() - 1;
  const double* r = records_.data() + last * static_cast<Index>(columns_.size());
  j["epochs"] = json_number(r[1]);
  j["final_train_loss"] = json_number(r[2]);
  j["final_test_loss"] = json_number(r[3]);
  j["train_accuracy"] = json_number(r[4]);
  j["test_accuracy"] = json_number(r[5]);
  j["parameters"] = static_cast<long long>(theta_.size());
  j["optimizer"] = opt_->name();
  if (average_.enabled()) {
    j["average"] = average_.options().mode;
    j["final_avg_train_loss"] = json_number(r[9]);
    j["final_avg_test_loss"] = json_number(r[10]);
    j["avg_train_accuracy"] = json_number(r[11]);
    j["avg_test_accuracy"] = json_number(r[12]);
  }
  if (spec_.single_pass) j["data_exhausted"] = data_exhausted_;
  // The test set's confusion matrix at the final θ (row: true class, column: predicted); a regression
  // data set (adding) has no classes and no matrix.
  if (data_.regression()) return;
  const std::vector<long> m = confusion();
  const std::size_t k = static_cast<std::size_t>(data_.classes);
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (std::size_t t = 0; t < k; ++t) rows.push_back(std::vector<long>(m.begin() + static_cast<long>(t * k), m.begin() + static_cast<long>((t + 1) * k)));
  j["confusion"] = rows;
  if (stages_) summarize_stages(j);
  if (!symmetry_.is_null()) j["symmetry"] = symmetry_;
}

std::vector<StateView> NetworkRun::optimizer_state() const {
  std::vector<StateView> out;
  for (const auto& [name, v] : opt_->state()) out.push_back({name, v->data(), nullptr, v->size()});
  if (average_.enabled()) out.push_back({"average", average_.average().data(), nullptr, average_.average().size()});
  return out;
}

void NetworkRun::extend_line(Index row, nlohmann::ordered_json& j) const {
  if (layer_trace_) layer_trace_->append_json(row, j);
}

void NetworkRun::predict_test(std::vector<int>& out) const {
  if (data_.regression()) {  // no classes to predict
    out.clear();
    return;
  }
  const Index n = data_.test_x.rows();
  out.resize(static_cast<std::size_t>(n));
  for (Index start = 0; start < n; start += kEvalChunk) {
    const Index len = std::min(kEvalChunk, n - start);
    auto logits = model_->forward(theta_.data(), data_.test_x.middleRows(start, len), false);
    for (Index b = 0; b < len; ++b) out[static_cast<std::size_t>(start + b)] = static_cast<int>(predicted_class(logits, b));
  }
}

void NetworkRun::predict_test_values(std::vector<float>& out) const {
  if (!data_.regression()) {  // classes: predict_test
    out.clear();
    return;
  }
  const Index n = data_.test_x.rows(), k = data_.test_t.cols();
  out.resize(static_cast<std::size_t>(n * k));
  for (Index start = 0; start < n; start += kEvalChunk) {
    const Index len = std::min(kEvalChunk, n - start);
    auto y = model_->forward(theta_.data(), data_.test_x.middleRows(start, len), false);
    for (Index b = 0; b < len; ++b)
      for (Index j = 0; j < k; ++j) out[static_cast<std::size_t>((start + b) * k + j)] = y(b, j);
  }
}

std::vector<long> NetworkRun::confusion() const {
  if (data_.regression()) return {};
  std::vector<int> pred;
  predict_test(pred);
  const std::size_t k = static_cast<std::size_t>(data_.classes);
  std::vector<long> m(k * k, 0);
  for (std::size_t i = 0; i < pred.size(); ++i)
    ++m[static_cast<std::size_t>(data_.test_y[i]) * k + static_cast<std::size_t>(pred[i])];
  return m;
}

void NetworkRun::enable_hidden_grad() {
  // A fixed probe: the first min(256, N) training sequences in generation order (a random sample:
  // the sequence generators draw every example independently), the same at every logged row.
  const Index n = std::min<Index>(kEvalChunk, data_.train_x.rows());
  hidden_grad_objective_ = std::make_unique<NetworkObjective>(*model_, spec_.network.loss);
  hidden_grad_objective_->reserve(n, data_.dim, data_.train_t.cols());
  std::vector<int> rows(static_cast<std::size_t>(n));
  for (Index i = 0; i < n; ++i) rows[static_cast<std::size_t>(i)] = static_cast<int>(i);
  hidden_grad_objective_->set_targets(&data_.train_t);
  hidden_grad_objective_->set_batch(data_.train_x, data_.train_y, rows.data(), n);
  hidden_grad_buf_.setZero(theta_.size());
  for (long t = 0; t <= data_.steps; ++t) columns_.push_back("grad_h_" + std::to_string(t));
}

void NetworkRun::append_hidden_grad() {
  // ‖∂L/∂h_t‖ of the probe's mean loss at θ_k (nn/recurrent_cell.hpp); NaN when θ is not finite.
  const auto& rec = static_cast<const RecurrentLayer&>(*model_->layers().front());
  const bool ok = theta_.allFinite();
  if (ok) {
    for (const auto& l : model_->layers()) l->set_update_running_stats(false);  // the probe changes nothing
    hidden_grad_objective_->value_and_gradient(theta_, hidden_grad_buf_);
    for (const auto& l : model_->layers()) l->set_update_running_stats(true);
  }
  for (double v : rec.hidden_grad_norms()) records_.push_back(ok ? v : std::nan(""));
}

void NetworkRun::predict_grid(double xmin, double xmax, double ymin, double ymax, double nx_arg, double ny_arg,
                              std::vector<float>& grid) {
  if (data_.dim != 2)
    throw std::invalid_argument("the decision map needs 2 input features; this dataset has " + std::to_string(data_.dim));
  if (data_.regression())
    throw std::invalid_argument("the decision map needs class labels; this dataset has regression targets");
  checked_grid_axis(xmin, xmax, "xmin", "xmax");
  checked_grid_axis(ymin, ymax, "ymin", "ymax");
  const int nx = checked_grid_side(nx_arg, "nx"), ny = checked_grid_side(ny_arg, "ny");
  const Index total = static_cast<Index>(nx) * ny;
  const int k = data_.classes;
  grid.resize(static_cast<std::size_t>(total) * k);
  float* out = grid.data();
  for (Index start = 0; start < total; start += kEvalChunk) {
    const Index len = std::min(kEvalChunk, total - start);
    for (Index i = 0; i < len; ++i) {
      const Index idx = start + i;
      const Index ix = idx % nx, iy = idx / nx;
      eval_buf_(i, 0) = static_cast<float>(nx > 1 ? xmin + (xmax - xmin) * ix / (nx - 1) : xmin);
      eval_buf_(i, 1) = static_cast<float>(ny > 1 ? ymin + (ymax - ymin) * iy / (ny - 1) : ymin);
    }
    auto logits = model_->forward(theta_.data(), eval_buf_.topRows(len), false);
    loss_probabilities(spec_.network.loss, logits, k, out + start * k);
  }
}

}  // namespace optlab
