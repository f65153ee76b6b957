// Training-step throughput of the two networks of the TensorFlow.js comparison (issue 7), through
// the real training path:
//
//   train_mlp    784-128-64-10 ReLU, softmax cross-entropy, batch 64, seeded synthetic data
//                (Model + NetworkObjective + the factory's optimizer, minibatches gathered from a
//                shuffled order exactly as NetworkRun does; NetworkRun's datasets are 2-D only);
//   train_tiny   2-16-16-1 tanh, squared error on ±1 targets, batch 10: a NetworkRun built from a
//                spec (xor data), advanced many steps per call as the page and the runners do.
//
// Both use Adam with lr 1e-3 when the factory knows "adam", otherwise SGD (reported as "optimizer").
// Each prints one line: the median of several timed batches after a warm-up. bench/run.mjs runs
// this alternately with the other implementations and takes medians across rounds.
#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench.hpp"
#include "nn/activation_layer.hpp"
#include "nn/dense.hpp"
#include "nn/model.hpp"
#include "run/experiment.hpp"
#include "run/network_objective.hpp"
#include "run/optimizer_factory.hpp"

namespace {

using optlab::Index;

std::string bench_optimizer() {
  const auto& names = optlab::optimizer_names();
  return std::find(names.begin(), names.end(), "adam") != names.end() ? "adam" : "sgd";
}

optlab::Json optimizer_json() {
  const std::string name = bench_optimizer();
  return name == "adam" ? optlab::Json{{"name", "adam"}, {"lr", 1e-3}} : optlab::Json{{"name", "sgd"}, {"lr", 1e-3}};
}

// Median steps/s of `advance(k)` over `repeats` timed batches of at least min_seconds each, after
// a warm-up of warmup_seconds.
template <class Advance>
double median_steps_per_second(Advance&& advance, double warmup_seconds = 0.3, int repeats = 5,
                               double min_seconds = 0.2) {
  using clock = std::chrono::steady_clock;
  long k = 1;
  auto t0 = clock::now();
  for (;;) {  // warm-up, growing the chunk until one chunk takes ~10 ms
    auto c0 = clock::now();
    advance(k);
    double s = std::chrono::duration<double>(clock::now() - c0).count();
    if (s < 0.01) k *= 2;
    if (std::chrono::duration<double>(clock::now() - t0).count() >= warmup_seconds) break;
  }
  std::vector<double> rates;
  for (int r = 0; r < repeats; ++r) {
    long steps = 0;
    auto c0 = clock::now();
    double s = 0;
    do {
      advance(k);
      steps += k;
      s = std::chrono::duration<double>(clock::now() - c0).count();
    } while (s < min_seconds);
    rates.push_back(static_cast<double>(steps) / s);
  }
  std::sort(rates.begin(), rates.end());
  return rates[rates.size() / 2];
}

void report_train(const char* net, const std::string& optimizer, Index batch, double steps_per_s, double final_loss) {
  nlohmann::ordered_json j = {{"bench", "train"},
                              {"net", net},
                              {"optimizer", optimizer},
                              {"batch", batch},
                              {"steps_per_s", steps_per_s},
                              {"examples_per_s", steps_per_s * static_cast<double>(batch)}};
  if (final_loss >= 0) j["final_loss"] = final_loss;
  optlab::bench::report(j);
}

}  // namespace

namespace {

// The MLP of the comparison with its data, objective and optimizer, built as NetworkRun builds its
// own: Model + NetworkObjective + the factory's optimizer.
struct MlpSetup {
  static constexpr optlab::Index n = 4096, dim = 784, classes = 10, batch = 64;
  optlab::Mat x;
  std::vector<int> y;
  std::unique_ptr<optlab::Model> model;
  optlab::Vec theta;
  std::unique_ptr<optlab::NetworkObjective> objective;
  optlab::OptimizerSetup<float> setup;
  std::vector<int> order;
  optlab::Rng shuffle_rng{1234, optlab::RngStream::Shuffle};
  optlab::Index cursor = 0;
  long step = 0;
  double last_loss = 0;

  MlpSetup() {
    using namespace optlab;
    // Synthetic data: N(0, 1) inputs, labels from a fixed random linear teacher (so the loss falls).
    Rng data_rng(1234, RngStream::Data);
    x.resize(n, dim);
    for (Index i = 0; i < x.size(); ++i) x.data()[i] = static_cast<float>(data_rng.normal());
    Mat teacher(classes, dim);
    for (Index i = 0; i < teacher.size(); ++i) teacher.data()[i] = static_cast<float>(data_rng.normal());
    y.resize(static_cast<std::size_t>(n));
    for (Index i = 0; i < n; ++i) {
      Index best = 0;
      (teacher * x.row(i).transpose()).maxCoeff(&best);
      y[static_cast<std::size_t>(i)] = static_cast<int>(best);
    }
    std::vector<std::unique_ptr<Layer>> layers;
    layers.push_back(std::make_unique<Dense>(dim, 128));
    layers.push_back(std::make_unique<ActivationLayer>(128, Activation::Relu));
    layers.push_back(std::make_unique<Dense>(128, 64));
    layers.push_back(std::make_unique<ActivationLayer>(64, Activation::Relu));
    layers.push_back(std::make_unique<Dense>(64, classes));
    model = std::make_unique<Model>(dim, std::move(layers));
    theta.resize(model->param_count());
    Rng init_rng(1234, RngStream::Init);
    model->init_params(theta.data(), init_rng);
    objective = std::make_unique<NetworkObjective>(*model, Loss::SoftmaxCrossEntropy);
    objective->reserve(batch, dim);
    Json opt_json = optimizer_json(), scratch;
    ObjectReader r(opt_json, "optimizer", &scratch);
    setup = read_optimizer<float>(r);
    setup.optimizer->reset(theta.size());
    order.resize(static_cast<std::size_t>(n));
    for (Index i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = static_cast<int>(i);
  }

  // The next minibatch, from a reshuffled order each epoch, as NetworkRun::next_batch.
  void next_batch() {
    if (cursor + batch > n) {
      cursor = 0;
      optlab::shuffle(order.begin(), static_cast<std::uint32_t>(n), shuffle_rng);
    }
    objective->set_batch(x, y, order.data() + cursor, batch);
    cursor += batch;
  }
  void advance(long k) {
    for (long s = 0; s < k; ++s) {
      next_batch();
      last_loss = setup.optimizer->step(*objective, theta, setup.schedule.at(step++)).loss;
    }
  }
};

}  // namespace

OPTLAB_BENCH(train_mlp) {
  MlpSetup m;
  const double rate = median_steps_per_second([&](long k) { m.advance(k); });
  report_train("mlp", m.setup.optimizer->name(), MlpSetup::batch, rate, m.last_loss);
}

// Where a step of the MLP spends its time: each phase timed alone (µs per call). The sum is close
// to 1e6 / steps_per_s of train_mlp.
OPTLAB_BENCH(profile_mlp) {
  using namespace optlab;
  MlpSetup m;
  m.advance(20);
  Vec grad(m.theta.size());
  Mat dout(MlpSetup::batch, MlpSetup::classes);
  Mat batch_x = m.x.topRows(MlpSetup::batch);
  const int* labels = m.y.data();
  auto us = [](double s) { return s * 1e6; };
  auto rep = [&](const char* phase, double s) {
    bench::report({{"bench", "profile_mlp_step"}, {"phase", phase}, {"us_per_call", us(s)}});
  };
  rep("gather batch (set_batch)", bench::median_seconds_per_call([&] { m.next_batch(); }));
  rep("forward", bench::median_seconds_per_call([&] { m.model->forward(m.theta.data(), batch_x, true); }));
  auto out = m.model->forward(m.theta.data(), batch_x, true);
  rep("loss + dloss", bench::median_seconds_per_call(
                          [&] { loss_forward_backward(Loss::SoftmaxCrossEntropy, out, labels, dout.data()); }));
  rep("backward", bench::median_seconds_per_call(
                      [&] { m.model->backward(m.theta.data(), grad.data(), batch_x, dout.data()); }));
  rep("objective value_and_gradient",
      bench::median_seconds_per_call([&] { m.objective->value_and_gradient(m.theta, grad); }));
  rep("whole step (optimizer.step)",
      bench::median_seconds_per_call([&] { m.setup.optimizer->step(*m.objective, m.theta, 1e-9); }));
}

OPTLAB_BENCH(train_tiny) {
  using namespace optlab;
  Json spec = {{"seed", 7},
               {"dataset", {{"name", "xor"}, {"samples", 1000}, {"noise", 0.0}}},
               {"network",
                {{"layers", Json::array({{{"units", 16}, {"activation", "tanh"}}, {{"units", 16}, {"activation", "tanh"}}})},
                 {"loss", "mean_squared_error"}}},
               {"optimizer", optimizer_json()},
               {"batch_size", 10},
               {"steps", 10000000},
               {"log_every", 10000000}};
  NetworkRun run(parse_spec_value(spec));
  // Counts the steps advance really did: a run that finished or diverged would do none and look fast.
  long missing = 0;
  const double rate = median_steps_per_second([&](long k) { missing += k - run.advance(k); });
  if (missing != 0 || !run.diverged().empty())
    throw std::runtime_error("train_tiny: the run stopped early (" + run.diverged() + ")");
  // The whole-set loss after training, for the record (the run logs only at its end otherwise).
  const auto e = run.evaluate(run.params().data(), run.dataset().train_x, run.dataset().train_y);
  report_train("tiny", run.optimizer().name(), 10, rate, e.loss);
}
