// Given data (issue 14): the shipped digits, inline examples, n-D inputs, standardization from the
// training split only, the test set's confusion matrix, and the messages for bad inline data.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "run/experiment.hpp"
#include "spec_failure.hpp"
#include "test_support.hpp"

using namespace optlab;
using testing::spec_failure;

namespace {

// The default digits experiment of docs/datasets.md (the page's preset for "digits").
const char* kDigitsSpec = R"({"seed": 7, "dataset": {"name": "digits"},
  "network": {"layers": [{"units": 32, "activation": "relu"}]},
  "optimizer": {"name": "adam", "lr": 0.003}, "batch_size": 32, "steps": 900, "log_every": 45})";

// An inline spec: n rows of `cols` features, labels cycling 0…k−1, values a simple function of (i, j).
std::string inline_spec(int n, int cols, int k, const std::string& extra = "") {
  std::string x = "[", y = "[";
  for (int i = 0; i < n; ++i) {
    x += i ? ",[" : "[";
    for (int j = 0; j < cols; ++j) x += (j ? "," : "") + std::to_string((i % k) * 2 + j + 0.25 * ((i * 7 + j) % 5));
    x += "]";
    y += (i ? "," : "") + std::to_string(i % k);
  }
  return R"({"dataset": {"name": "inline", "x": )" + x + "], \"y\": " + y + "]" + extra + "}, \"steps\": 200}";
}

}  // namespace

TEST_CASE("digits: 1797 images of 64 pixels, 10 classes with scikit-learn's class counts, and its first image") {
  DatasetSpec s;
  s.name = "digits";
  s.classes = 10;
  s.test_fraction = 0;
  Dataset d = make_dataset(s, 1);
  REQUIRE(d.train_x.rows() == 1797);
  CHECK(d.dim == 64);
  // np.bincount(load_digits().target) in scikit-learn 1.2.1
  const int counts[10] = {178, 182, 177, 183, 181, 182, 181, 179, 174, 180};
  int got[10] = {};
  for (int y : d.train_y) ++got[y];
  for (int c = 0; c < 10; ++c) CHECK(got[c] == counts[c]);
  // Row 0 of digits.csv.gz: a zero (label 0), pixels 0,0,5,13,9,1,0,0, 0,0,13,15,10,15,5,0, …
  const float first[16] = {0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0};
  CHECK(d.train_y[0] == 0);
  for (int p = 0; p < 16; ++p) CHECK(d.train_x(0, p) == first[p]);
  CHECK(d.train_x.minCoeff() == 0);
  CHECK(d.train_x.maxCoeff() == 16);
}

TEST_CASE("standardize uses the training split's mean and population standard deviation only") {
  // Class 0 near 0, class 1 near 10, one test example of each; with test_fraction 0.25 of 8 rows,
  // 2 are held out. The statistics must equal those of the 6 training rows, whatever the test rows hold.
  const std::string text = R"({"seed": 5, "dataset": {"name": "inline", "test_fraction": 0.25,
      "x": [[0, 1], [1, 1], [2, 1], [3, 1], [10, 1], [11, 1], [12, 1], [1000, 1]], "y": [0, 0, 0, 0, 1, 1, 1, 1]}, "batch_size": 2})";
  ExperimentSpec spec = parse_spec(text);
  Dataset d = make_dataset(spec.dataset, spec.seed);
  REQUIRE(d.train_x.rows() == 6);
  REQUIRE(d.mean.size() == 2);
  // Recover the raw training values from the split: raw = z·scale + mean.
  double sum = 0, ss = 0;
  std::vector<double> raw;
  for (Index i = 0; i < 6; ++i) raw.push_back(d.train_x(i, 0) * d.scale[0] + d.mean[0]);
  for (double v : raw) sum += v;
  const double mean = sum / 6;
  for (double v : raw) ss += (v - mean) * (v - mean);
  CHECK(d.mean[0] == doctest::Approx(mean).epsilon(1e-6));
  CHECK(d.scale[0] == doctest::Approx(std::sqrt(ss / 6)).epsilon(1e-6));
  // Every raw value is one of the given ones (so the statistics are of 6 given training rows).
  const double given[8] = {0, 1, 2, 3, 10, 11, 12, 1000};
  for (double v : raw) CHECK(std::any_of(given, given + 8, [&](double g) { return std::fabs(g - v) < 1e-3; }));
  // Training columns have mean 0 and population standard deviation 1; a constant column stays 0, scale 1.
  double m0 = 0, s0 = 0;
  for (Index i = 0; i < 6; ++i) m0 += d.train_x(i, 0);
  for (Index i = 0; i < 6; ++i) s0 += d.train_x(i, 0) * d.train_x(i, 0);
  CHECK(m0 / 6 == doctest::Approx(0).epsilon(1e-6));
  CHECK(s0 / 6 == doctest::Approx(1).epsilon(1e-5));
  CHECK(d.scale[1] == 1.0);
  CHECK(d.train_x.col(1).cwiseAbs().maxCoeff() == 0.0f);
  // The held-out rows are scaled with the training statistics: the 1000 (if held out) lands far outside.
  const bool big_held_out = std::none_of(raw.begin(), raw.end(), [](double v) { return v > 999; });
  if (big_held_out) CHECK(d.test_x.col(0).maxCoeff() > 100.0f);
}

TEST_CASE("the default digits experiment reaches 95% test accuracy; its confusion matrix sums to the test set") {
  NetworkRun run(parse_spec(kDigitsSpec));
  run.advance(100000);
  REQUIRE(run.done());
  const double acc = testing::record_at(run, "test_acc", run.record_count() - 1);
  CHECK(acc >= 0.95);
  const std::vector<long> m = run.confusion();
  REQUIRE(m.size() == 100);
  const long n_test = static_cast<long>(run.dataset().test_x.rows());
  CHECK(n_test == 359);  // round(0.2 · 1797)
  CHECK(std::accumulate(m.begin(), m.end(), 0L) == n_test);
  long diagonal = 0;
  for (int c = 0; c < 10; ++c) {
    diagonal += m[static_cast<std::size_t>(c * 11)];
    long row = 0;  // row c counts the test examples of class c
    for (int p = 0; p < 10; ++p) row += m[static_cast<std::size_t>(c * 10 + p)];
    CHECK(row == std::count(run.dataset().test_y.begin(), run.dataset().test_y.end(), c));
  }
  CHECK(static_cast<double>(diagonal) / static_cast<double>(n_test) == doctest::Approx(acc).epsilon(1e-12));
}

TEST_CASE("n-D inputs: 5 features and 3 classes train with batch_norm, group_norm and the layer trace") {
  const std::string text = inline_spec(120, 5, 3).insert(1, R"("network": {"layers": [{"units": 8, "norm": "batch_norm"},
      {"units": 8, "norm": {"name": "group_norm", "groups": 2}}]}, "trace": {"layers": {"every": 10}}, "optimizer": {"name": "adam", "lr": 0.01}, )");
  NetworkRun run(parse_spec(text));
  CHECK(run.dataset().dim == 5);
  CHECK(run.model().inputs() == 5);
  const double before = testing::record_at(run, "loss", 0);
  run.advance(1000);
  CHECK(run.done());
  CHECK(testing::record_at(run, "loss", run.record_count() - 1) < 0.5 * before);
  REQUIRE(run.layer_trace() != nullptr);
}

TEST_CASE("inline data: every bad value is named by its row and column, and the size limit is stated") {
  auto field_of = [](const std::string& text) { return spec_failure(text).field; };
  auto what_of = [](const std::string& text) { return spec_failure(text).what; };
  const std::string head = R"({"dataset": {"name": "inline", )";
  CHECK(field_of(head + R"("x": [[1, 2], [3, 4], [5]], "y": [0, 1, 0]}})") == "dataset.x[2]");
  CHECK(what_of(head + R"("x": [[1, 2], [3, 4], [5]], "y": [0, 1, 0]}})").find("has 1 features but row 0 has 2") != std::string::npos);
  CHECK(field_of(head + R"("x": [[1, 2], [3, "a"], [5, 6]], "y": [0, 1, 0]}})") == "dataset.x[1][1]");
  CHECK(field_of(head + R"("x": [[1, 2], [3, null], [5, 6]], "y": [0, 1, 0]}})") == "dataset.x[1][1]");
  CHECK(field_of(head + R"("x": [[1, 2], [3, 4], [5, 6]], "y": [1, 1, 1]}})") == "dataset.y");
  CHECK(what_of(head + R"("x": [[1, 2], [3, 4], [5, 6]], "y": [0, 0, 0]}})").find("only one class") != std::string::npos);
  CHECK(what_of(head + R"("x": [[1, 2], [3, 4], [5, 6]], "y": [0, 2, 0]}})").find("no example of class 1") != std::string::npos);
  CHECK(field_of(head + R"("x": [[1, 2], [3, 4], [5, 6]], "y": [0, 1.5, 0]}})") == "dataset.y[1]");
  CHECK(field_of(head + R"("x": [[1, 2], [3, 4]], "y": [0, 1, 0]}})") == "dataset.y");
  CHECK(field_of(head + R"("x": [], "y": []}})") == "dataset.x");
  CHECK(field_of(head + R"("y": [0, 1]}})") == "dataset.x");
  CHECK(field_of(head + R"("x": [[1], [2]]}})") == "dataset.y");
  // 200 001 numbers: over the limit, which the message states.
  std::string big = head + R"("x": [)";
  for (int i = 0; i < 100001; ++i) big += i ? ",[0,1]" : "[0,1]";
  big += R"(], "y": [0, 1]}})";
  CHECK(field_of(big) == "dataset.x");
  CHECK(what_of(big).find("at most 200000") != std::string::npos);
  // generated-data options are not inline's
  CHECK(field_of(head + R"("x": [[1], [2]], "y": [0, 1], "noise": 0.1}})") == "dataset.noise");
}

TEST_CASE("the network's first layer takes the dataset's width: digits 64, inline x's columns") {
  NetworkRun digits(parse_spec(kDigitsSpec));
  CHECK(digits.param_count() == 64 * 32 + 32 + 32 * 10 + 10);
  NetworkRun given(parse_spec(inline_spec(30, 7, 3)));  // default layers 16, 16 (tanh)
  CHECK(given.param_count() == 7 * 16 + 16 + 16 * 16 + 16 + 16 * 3 + 3);
  // The decision map is for 2 inputs only, and says so.
  std::vector<float> grid;
  CHECK_THROWS_WITH_AS(digits.predict_grid(-1, 1, -1, 1, 4, 4, grid),
                       "the decision map needs 2 input features; this dataset has 64", std::invalid_argument);
}

TEST_CASE("inline data with test_fraction 0 has no test set: its test loss and accuracy are null, not 0") {
  NetworkRun run(parse_spec(R"({"dataset": {"name": "inline", "test_fraction": 0, "x": [[0, 0], [1, 1], [0, 1], [1, 0]],
    "y": [0, 0, 1, 1]}, "batch_size": 2, "network": {"layers": [{"units": 4}]}, "steps": 5, "log_every": 5})"));
  run.advance(5);
  const Json s = Json::parse(run.summary_line());
  CHECK(s["final_test_loss"].is_null());
  CHECK(s["test_accuracy"].is_null());
  CHECK(s["final_train_loss"].get<double>() > 0.0);
  CHECK(s["train_accuracy"].is_number());
}

namespace {
// Inline regression data: n rows of 2 features from a fixed quasi-random pattern, target
// t = 3·x₀ − 2·x₁ + 5 exactly (no noise), so a linear model can fit it to rounding.
std::string regression_spec(int n, const std::string& rest) {
  std::string x = "[", t = "[";
  for (int i = 0; i < n; ++i) {
    const double x0 = 10.0 * std::fmod(i * 0.618034, 1.0), x1 = 100.0 + 40.0 * std::fmod(i * 0.414214, 1.0);
    x += (i ? ",[" : "[") + std::to_string(x0) + "," + std::to_string(x1) + "]";
    t += (i ? "," : "") + std::to_string(3 * x0 - 2 * x1 + 5);
  }
  return R"({"seed": 3, "dataset": {"name": "inline", "x": )" + x + "], \"targets\": " + t + "]}" + rest + "}";
}
}  // namespace

TEST_CASE("inline regression targets: standardized with the training split, fitted by a linear model to the test set") {
  // No hidden layer: the model is linear, and the target is a linear function of the inputs, so
  // gradient descent on the mean squared error must reach ≈ 0 on held-out rows as well.
  const std::string text = regression_spec(200, R"(, "network": {"layers": []}, "optimizer": {"name": "sgd", "lr": 0.1},
      "batch_size": 160, "steps": 400, "log_every": 400)");
  ExperimentSpec spec = parse_spec(text);
  CHECK(spec.dataset.classes == 0);
  CHECK(spec.network.loss == Loss::MeanSquaredError);  // the default for regression
  NetworkRun run(spec);
  const Dataset& d = run.dataset();
  REQUIRE(d.regression());
  REQUIRE(d.train_t.rows() == 160);
  REQUIRE(d.test_t.rows() == 40);
  REQUIRE(d.target_mean.size() == 1);
  // The targets' statistics are those of the training rows: recompute each raw target from its raw
  // (de-standardized) inputs and compare mean and population standard deviation.
  double sum = 0, ss = 0, zsum = 0, zss = 0;
  std::vector<double> raw;
  for (Index i = 0; i < 160; ++i) {
    const double x0 = d.train_x(i, 0) * d.scale[0] + d.mean[0], x1 = d.train_x(i, 1) * d.scale[1] + d.mean[1];
    raw.push_back(3 * x0 - 2 * x1 + 5);
    zsum += d.train_t(i, 0);
    zss += d.train_t(i, 0) * d.train_t(i, 0);
  }
  for (double v : raw) sum += v;
  for (double v : raw) ss += (v - sum / 160) * (v - sum / 160);
  CHECK(d.target_mean[0] == doctest::Approx(sum / 160).epsilon(1e-5));
  CHECK(d.target_scale[0] == doctest::Approx(std::sqrt(ss / 160)).epsilon(1e-4));
  CHECK(zsum / 160 == doctest::Approx(0).epsilon(1e-5));
  CHECK(zss / 160 == doctest::Approx(1).epsilon(1e-4));
  // Before training the loss is of order 1 (the target's variance); after, ≈ 0 on both splits.
  CHECK(testing::record_at(run, "loss", 0) > 0.1);
  run.advance(100000);
  REQUIRE(run.done());
  CHECK(testing::record_at(run, "loss", run.record_count() - 1) < 1e-4);
  CHECK(testing::record_at(run, "test_loss", run.record_count() - 1) < 1e-4);
  CHECK(run.confusion().empty());  // no classes, no confusion matrix
  std::vector<int> predicted{1, 2};
  run.predict_test(predicted);
  CHECK(predicted.empty());
  std::vector<float> grid;
  CHECK_THROWS_AS(run.predict_grid(-1, 1, -1, 1, 4, 4, grid), std::invalid_argument);
}

TEST_CASE("inline regression targets: bad targets and a classification loss are named") {
  auto field_of = [](const std::string& text) { return spec_failure(text).field; };
  const std::string head = R"({"dataset": {"name": "inline", "x": [[1, 2], [3, 4], [5, 6]], )";
  CHECK(field_of(head + R"("y": [0, 1, 0], "targets": [1, 2, 3]}})") == "dataset.targets");
  CHECK(field_of(head + R"("targets": [1, 2]}})") == "dataset.targets");
  CHECK(field_of(head + R"("targets": [1, "x", 3]}})") == "dataset.targets[1]");
  CHECK(field_of(head + R"("targets": [1, null, 3]}})") == "dataset.targets[1]");
  CHECK(field_of(head + R"("targets": 3}})") == "dataset.targets");
  CHECK(field_of(head + R"("targets": [1, 2, 3]}, "network": {"loss": "softmax_cross_entropy"}})") == "network.loss");
  CHECK(field_of(head + R"("targets": [1, 2, 3]}, "batch_size": 1, "curriculum": true})") == "curriculum");
  // Neither y nor targets: the message names both ways.
  const auto neither = spec_failure(R"({"dataset": {"name": "inline", "x": [[1, 2], [3, 4], [5, 6]]}})");
  CHECK(neither.field == "dataset.y");
  CHECK(neither.what.find("\"targets\"") != std::string::npos);
}
