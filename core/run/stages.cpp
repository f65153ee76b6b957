#include "run/stages.hpp"

#include <algorithm>

#include "init/class_prior.hpp"
#include "nn/distillation.hpp"
#include "run/experiment.hpp"
#include "run/optimizer_factory.hpp"

namespace optlab {

namespace {

constexpr Index kChunk = 256;  // rows per forward pass over a whole set (as run/experiment.cpp)

}  // namespace

std::vector<std::size_t> dense_layers(const Model& model) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < model.layers().size(); ++i)
    if (dynamic_cast<const Dense*>(model.layers()[i].get())) out.push_back(i);
  return out;
}

std::vector<Index> dense_offsets(const Model& model) {
  std::vector<Index> out;
  for (std::size_t i : dense_layers(model)) out.push_back(model.param_offset(i));
  return out;
}

// ---- StageObjective --------------------------------------------------------------------------

StageObjective::StageObjective(const Setup& s, const Vec& theta) : s_(s) {
  const Index P = s_.model->param_count();
  if (s_.kind == Kind::Hint) {
    const Index guided = s_.model->layers()[s_.tap]->out_features();
    regressor_ = std::make_unique<Dense>(guided, s_.hint_units);
    regressor_act_ = std::make_unique<ActivationLayer>(s_.hint_units, s_.hint_activation);
    regressor_->reserve(s_.capacity);
    regressor_act_->reserve(s_.capacity);
    dreg_.resize(s_.capacity, s_.hint_units);
    dpre_.resize(s_.capacity, s_.hint_units);
    dh_.resize(s_.capacity, guided);
  }
  full_ = theta;  // frozen values; the size includes the regressor's parameters
  if (full_.size() != P + regressor_params()) throw std::logic_error("StageObjective: θ has the wrong size");
  grad_full_.setZero(full_.size());
  for (const ParamRange& r : s_.trainable) trainable_count_ += r.end - r.begin;
  if (s_.model->capacity() < s_.capacity) s_.model->reserve(s_.capacity);
  batch_x_.resize(s_.capacity, s_.dim);
  batch_y_.resize(static_cast<std::size_t>(s_.capacity));
  if (s_.targets) batch_t_.resize(s_.capacity, s_.targets->cols());
  dout_.resize(s_.capacity, s_.model->outputs());
}

void StageObjective::set_batch(const Mat& x, const std::vector<int>& y, const int* indices, Index count) {
  batch_ = count;
  ++generation_;
  for (Index i = 0; i < count; ++i) {
    batch_x_.row(i) = x.row(indices[i]);
    batch_y_[static_cast<std::size_t>(i)] = y[static_cast<std::size_t>(indices[i])];
    if (s_.targets) batch_t_.row(i) = s_.targets->row(indices[i]);
  }
}

void StageObjective::scatter_into(const float* sub, float* full) const {
  for (const ParamRange& r : s_.trainable) {
    std::copy(sub, sub + (r.end - r.begin), full + r.begin);
    sub += r.end - r.begin;
  }
}

void StageObjective::gather_from(const float* full, float* sub) const {
  for (const ParamRange& r : s_.trainable) {
    std::copy(full + r.begin, full + r.end, sub);
    sub += r.end - r.begin;
  }
}

void StageObjective::gather(const Vec& theta, Vec& sub) const {
  sub.resize(trainable_count_);
  gather_from(theta.data(), sub.data());
}

void StageObjective::scatter(const Vec& sub, Vec& theta) const { scatter_into(sub.data(), theta.data()); }

double StageObjective::loss(const float* theta, ConstMatRef x, const int* y, const float* t, float* grad,
                            bool training) {
  const Index B = x.rows();
  auto out = s_.model->forward(theta, x, training);
  switch (s_.kind) {
    case Kind::Classify: {
      const double l = loss_forward_backward(s_.loss, out, y, grad ? dout_.data() : nullptr).loss;
      if (grad) s_.model->backward(theta, grad, x, dout_.data());
      return l;
    }
    case Kind::Distill: {
      Eigen::Map<const Mat> teacher(t, B, out.cols());
      const double l = distillation_loss(out, teacher, y, s_.temperature, s_.alpha, grad ? dout_.data() : nullptr).loss;
      if (grad) s_.model->backward(theta, grad, x, dout_.data());
      return l;
    }
    case Kind::Hint: {
      // r = φ(W_r h + b_r), h the guided layer's output (FitNets eq. 3: the regressor has the hint
      // layer's nonlinearity); the layers above the guided one take no part.
      const Index P = s_.model->param_count();
      auto h = s_.model->layers()[s_.tap]->output(B);
      regressor_->forward(theta + P, h, training);
      regressor_act_->forward(nullptr, regressor_->output(B), training);
      Eigen::Map<const Mat> target(t, B, s_.hint_units);
      const double l = hint_loss(regressor_act_->output(B), target, grad ? dreg_.data() : nullptr);
      if (grad) {
        Eigen::Map<const Mat> dr(dreg_.data(), B, s_.hint_units), dp(dpre_.data(), B, s_.hint_units);
        regressor_act_->backward(nullptr, nullptr, regressor_->output(B), dr, dpre_.data());
        regressor_->backward(theta + P, grad + P, h, dp, dh_.data());
        s_.model->backward_from(s_.tap + 1, theta, grad, x, dh_.data());
      }
      return l;
    }
  }
  return 0.0;
}

float StageObjective::value_and_gradient(ConstVecRef sub, VecRef grad) {
  ++evaluations_;
  scatter_into(sub.data(), full_.data());
  Eigen::Map<const Mat> x(batch_x_.data(), batch_, batch_x_.cols());
  const double l = loss(full_.data(), x, batch_y_.data(), batch_t_.data(), grad_full_.data(), true);
  gather_from(grad_full_.data(), grad.data());
  return static_cast<float>(l);
}

float StageObjective::value(ConstVecRef sub) {
  ++evaluations_;
  scatter_into(sub.data(), full_.data());
  Eigen::Map<const Mat> x(batch_x_.data(), batch_, batch_x_.cols());
  return static_cast<float>(loss(full_.data(), x, batch_y_.data(), batch_t_.data(), nullptr, true));
}

double StageObjective::training_set_value(const Vec& theta, const Mat& x, const std::vector<int>& y) {
  const Index n = x.rows();
  if (n == 0) return 0.0;
  double total = 0.0;
  for (Index start = 0; start < n; start += kChunk) {
    const Index len = std::min(kChunk, n - start);
    const float* t = s_.targets ? s_.targets->data() + start * s_.targets->cols() : nullptr;
    total += loss(theta.data(), x.middleRows(start, len), y.data() + start, t, nullptr, false) * static_cast<double>(len);
  }
  return total / static_cast<double>(n);
}

// ---- NetworkRun's stages ---------------------------------------------------------------------

void NetworkRun::begin_staged_training() {
  stages_ = std::make_unique<StageState>();
  StageState& S = *stages_;
  long end = 0;
  for (const StageSpec& st : spec_.stages) S.ends.push_back(end += st.steps);
  S.last_row.assign(spec_.stages.size(), -1);
  S.network = theta_;  // θ₀ of the whole network, the same as a run without stages draws
  S.network_dense = dense_offsets(*model_);
  S.outputs.resize(spec_.network.layers.size());
  if (spec_.has_teacher) {
    if (spec_.teacher.output_bias_init.name == "class_prior")
      spec_.teacher.output_bias_init.values = class_prior_bias(spec_.teacher.loss, data_.train_y, data_.classes);
    S.teacher_model = build_network(spec_.teacher, data_);
    S.teacher.setZero(S.teacher_model->param_count());
    Rng rng(spec_.seed, RngStream::Teacher);
    S.teacher_model->init_params(S.teacher.data(), rng);
    S.teacher_model->reserve(kChunk);
  }
  columns_.insert(columns_.end(), {"stage", "stage_loss"});
  begin_stage(0);
}

bool NetworkRun::stage_ends_at(long step) const { return step == stages_->ends[stages_->current]; }

void NetworkRun::begin_stage(std::size_t k) {
  StageState& S = *stages_;
  // The finished stage's parameters go back to their blocks.
  if (k > 0) {
    const StageSpec& done = spec_.stages[S.current];
    if (done.teacher) {
      S.teacher = theta_;
    } else if (done.hint || done.distill) {
      S.network = theta_.head(S.network.size());
    } else {
      const Index prefix = S.network_dense[static_cast<std::size_t>(done.depth)];
      S.network.head(prefix) = theta_.head(prefix);
      Vec& out = done.depth == static_cast<int>(spec_.network.layers.size()) ? S.network : S.outputs[static_cast<std::size_t>(done.depth)];
      if (&out == &S.network)
        S.network.tail(S.network.size() - prefix) = theta_.tail(theta_.size() - prefix);
      else
        out = theta_.tail(theta_.size() - prefix);
    }
  }
  S.current = k;
  stage_begin_ = k == 0 ? 0 : S.ends[k - 1];
  const StageSpec& st = spec_.stages[k];
  const int L = static_cast<int>(spec_.network.layers.size());

  // The stage's model and θ.
  NetworkSpec net = st.teacher ? spec_.teacher : spec_.network;
  const int depth = st.teacher ? static_cast<int>(net.layers.size()) : st.depth;
  net.layers.resize(static_cast<std::size_t>(depth));
  objective_.reset();  // it refers to the previous model; stages step on their own objective
  model_ = build_network(net, data_);
  const Index capacity = std::max<Index>(spec_.batch_size, kChunk);
  model_->reserve(capacity);
  const std::vector<Index> dense = dense_offsets(*model_);
  const Index P = model_->param_count();
  if (st.teacher) {
    theta_ = S.teacher;
  } else if (depth == L) {
    theta_ = S.network;
  } else {
    const Index prefix = S.network_dense[static_cast<std::size_t>(depth)];
    Vec& out = S.outputs[static_cast<std::size_t>(depth)];
    if (out.size() == 0) {  // first use of this depth: a fresh output layer (book Figure 8.7 b)
      Vec init(P);
      Rng rng(spec_.seed, rng_stream(RngStream::StageOutput, static_cast<std::uint64_t>(depth)));
      model_->layers()[dense_layers(*model_).back()]->init_params(init.data() + dense.back(), rng);
      out = init.tail(P - prefix);
    }
    theta_.resize(P);
    theta_.head(prefix) = S.network.head(prefix);
    theta_.tail(P - prefix) = out;
  }

  // The objective and what it learns from the teacher.
  StageObjective::Setup setup;
  setup.model = model_.get();
  setup.loss = spec_.network.loss;
  setup.capacity = capacity;
  setup.dim = data_.dim;
  if (st.hint || st.distill) {
    Model& t = *S.teacher_model;
    const std::size_t t_tap = st.hint ? dense_layers(t)[static_cast<std::size_t>(st.hint_layer) + 1] - 1 : 0;
    const Index n = data_.train_x.rows();
    S.targets.resize(n, st.hint ? t.layers()[t_tap]->out_features() : t.outputs());
    for (Index start = 0; start < n; start += kChunk) {
      const Index len = std::min(kChunk, n - start);
      auto out = t.forward(S.teacher.data(), data_.train_x.middleRows(start, len), false);
      S.targets.middleRows(start, len) = st.hint ? t.layers()[t_tap]->output(len) : out;
    }
    setup.targets = &S.targets;
  }
  if (st.hint) {
    setup.kind = StageObjective::Kind::Hint;
    setup.tap = dense_layers(*model_)[static_cast<std::size_t>(st.guided_layer) + 1] - 1;
    setup.hint_units = S.targets.cols();
    Model& t = *S.teacher_model;
    const auto* act = dynamic_cast<const ActivationLayer*>(
        t.layers()[dense_layers(t)[static_cast<std::size_t>(st.hint_layer) + 1] - 1].get());
    setup.hint_activation = act->activation();
    // θ = [the network's, a fresh regressor's] (Keras's default glorot_uniform weights, zero biases).
    const Dense regressor(model_->layers()[setup.tap]->out_features(), setup.hint_units);
    theta_.conservativeResize(P + regressor.param_count());
    Rng rng(spec_.seed, rng_stream(RngStream::Regressor, static_cast<std::uint64_t>(k)));
    regressor.init_params(theta_.data() + P, rng);
  } else if (st.distill) {
    setup.kind = StageObjective::Kind::Distill;
    setup.temperature = st.temperature;
    setup.alpha = st.alpha;
  }

  // What the stage trains: "all", or the listed groups (run/stages_spec.hpp).
  std::vector<char> trained(static_cast<std::size_t>(theta_.size()), 0);
  auto mark = [&](Index a, Index b) { std::fill(trained.begin() + a, trained.begin() + b, 1); };
  const int top = st.hint ? st.guided_layer + 1 : depth;  // hidden layers a stage may train
  if (st.train_all) {
    mark(0, st.hint ? dense[static_cast<std::size_t>(top)] : P);
    if (st.hint) mark(P, theta_.size());
  } else {
    for (int l : st.train_layers) mark(dense[static_cast<std::size_t>(l)], dense[static_cast<std::size_t>(l) + 1]);
    if (st.train_output) mark(dense.back(), P);
    if (st.train_regressor) mark(P, theta_.size());
  }
  for (Index i = 0; i < theta_.size();) {
    if (!trained[static_cast<std::size_t>(i)]) {
      ++i;
      continue;
    }
    Index j = i;
    while (j < theta_.size() && trained[static_cast<std::size_t>(j)]) ++j;
    setup.trainable.push_back({i, j});
    i = j;
  }
  S.objective = std::make_unique<StageObjective>(setup, theta_);
  batch_objective_ = S.objective.get();
  S.objective->gather(theta_, S.sub);

  // A fresh optimizer and schedule for the stage.
  Json opt_json = st.optimizer;
  Json scratch;
  ObjectReader r(opt_json, "stages[" + std::to_string(k) + "].optimizer", &scratch);
  OptimizerSetup<float> o = read_optimizer<float>(r);
  opt_ = std::move(o.optimizer);
  schedule_ = o.schedule;
  opt_->reset(S.sub.size());
}

StepResult NetworkRun::stage_step(double lr) {
  StageState& S = *stages_;
  StepResult r = opt_->step(*S.objective, S.sub, lr);
  S.objective->scatter(S.sub, theta_);
  return r;
}

void NetworkRun::append_stage_columns() {
  StageState& S = *stages_;
  if (step_ == S.ends[S.current]) S.last_row[S.current] = static_cast<Index>(records_.size() / columns_.size());
  append_row({static_cast<double>(S.current), S.objective->training_set_value(theta_, data_.train_x, data_.train_y)});
}

void NetworkRun::summarize_stages(nlohmann::ordered_json& j) const {
  const StageState& S = *stages_;
  auto list = nlohmann::ordered_json::array();
  const Index cols = static_cast<Index>(columns_.size());
  for (std::size_t k = 0; k < spec_.stages.size(); ++k) {
    Index row = S.last_row[k];
    if (row < 0 && k == S.current) row = record_count() - 1;  // a run that stopped inside this stage
    if (row < 0) break;
    const double* r = records_.data() + row * cols;
    const StageSpec& st = spec_.stages[k];
    nlohmann::ordered_json e;
    e["stage"] = static_cast<long long>(k);
    e["kind"] = st.teacher ? "teacher" : st.hint ? "hint" : st.distill ? "distill" : "network";
    e["steps"] = st.steps;
    e["end_step"] = static_cast<long long>(r[0]);
    e["final_train_loss"] = json_number(r[2]);
    e["final_test_loss"] = json_number(r[3]);
    e["train_accuracy"] = json_number(r[4]);
    e["test_accuracy"] = json_number(r[5]);
    e["final_stage_loss"] = json_number(r[cols - 1]);
    list.push_back(e);
  }
  j["stages"] = list;
}

}  // namespace optlab
