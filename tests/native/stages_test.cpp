// Staged training (run/stages.hpp), FitNets' losses (nn/distillation.hpp), curriculum learning
// (run/curriculum.hpp) and weight-space symmetry (nn/symmetry.hpp): PyTorch goldens for the two
// losses, finite differences for their gradients through a whole stage, frozen parameters checked
// bit for bit, errors naming the field, the permuted network's loss unchanged.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "nn/activation_layer.hpp"
#include "nn/dense.hpp"
#include "nn/distillation.hpp"
#include "nn/symmetry.hpp"
#include "run/curriculum.hpp"
#include "run/experiment.hpp"
#include "run/stages.hpp"
#include "spec_failure.hpp"
#include "test_support.hpp"

using namespace optlab;
using Json = nlohmann::json;

namespace {

Mat matrix(const Json& rows) {
  Mat m(static_cast<Index>(rows.size()), static_cast<Index>(rows[0].size()));
  for (Index i = 0; i < m.rows(); ++i)
    for (Index j = 0; j < m.cols(); ++j) m(i, j) = rows[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)].get<float>();
  return m;
}

std::unique_ptr<Model> small_net(Index in, std::vector<Index> widths, Activation act, Index out) {
  std::vector<std::unique_ptr<Layer>> layers;
  Index w = in;
  for (Index u : widths) {
    layers.push_back(std::make_unique<Dense>(w, u, InitSpec{"glorot_uniform"}, InitSpec{"random_uniform"}));
    layers.push_back(std::make_unique<ActivationLayer>(u, act));
    w = u;
  }
  layers.push_back(std::make_unique<Dense>(w, out, InitSpec{"glorot_uniform"}, InitSpec{"random_uniform"}));
  return std::make_unique<Model>(in, std::move(layers));
}

}  // namespace

TEST_CASE("hint and distillation losses and their gradients equal PyTorch 1.13's") {
  const Json g = Json::parse(testing::read_source_file("tests/golden/distillation.json"));
  int checked = 0;
  for (const Json& c : g["cases"]) {
    const Mat t = matrix(c["t"]);
    Mat grad_ref = matrix(c["grad"]);
    Mat grad(grad_ref.rows(), grad_ref.cols());
    double loss = 0.0;
    if (c["kind"] == "hint") {
      loss = hint_loss(matrix(c["r"]), t, grad.data());
    } else {
      std::vector<int> y = c["y"].get<std::vector<int>>();
      loss = distillation_loss(matrix(c["z"]), t, y.data(), c["temperature"].get<double>(), c["alpha"].get<double>(),
                               grad.data()).loss;
    }
    CAPTURE(c.dump().substr(0, 80));
    CHECK(loss == doctest::Approx(c["loss"].get<double>()).epsilon(1e-6));
    CHECK((grad - grad_ref).cwiseAbs().maxCoeff() < 1e-6f);
    ++checked;
  }
  CHECK(checked == 6);
}

TEST_CASE("distillation with alpha 0 is the cross-entropy; a student equal to the teacher has no soft loss") {
  Rng rng(3);
  Mat z(4, 3), t(4, 3);
  for (Index i = 0; i < z.size(); ++i) z.data()[i] = static_cast<float>(rng.normal());
  std::vector<int> y = {0, 2, 1, 1};
  Mat g(4, 3), g_ce(4, 3);
  const LossResult ce = loss_forward_backward(Loss::SoftmaxCrossEntropy, z, y.data(), g_ce.data());
  CHECK(distillation_loss(z, z, y.data(), 3.0, 0.0, g.data()).loss == doctest::Approx(ce.loss).epsilon(1e-12));
  CHECK((g - g_ce).cwiseAbs().maxCoeff() < 1e-7f);
  CHECK(distillation_loss(z, z, y.data(), 3.0, 1.0, g.data()).loss == doctest::Approx(0.0).scale(1.0).epsilon(1e-12));
  CHECK(g.cwiseAbs().maxCoeff() < 1e-7f);
}

namespace {

// A stage objective over a 2-4-3-2 tanh network, its θ and a batch of 6 examples.
struct StageFixture {
  std::unique_ptr<Model> model = small_net(2, {4, 3}, Activation::Tanh, 2);
  Mat x = Mat(6, 2);
  std::vector<int> y{0, 1, 1, 0, 1, 0};
  Mat targets;
  Vec theta;
  StageObjective::Setup setup;
  explicit StageFixture(StageObjective::Kind kind) {
    Rng rng(5);
    for (Index i = 0; i < x.size(); ++i) x.data()[i] = static_cast<float>(rng.normal());
    model->reserve(8);
    theta.resize(model->param_count());
    model->init_params(theta.data(), rng);
    setup.kind = kind;
    setup.model = model.get();
    setup.capacity = 8;
    setup.dim = 2;
    if (kind == StageObjective::Kind::Hint) {
      setup.tap = 1;  // the first hidden layer's activation: guided layer 0
      setup.hint_units = 5;
      setup.hint_activation = Activation::Tanh;
      targets.resize(6, 5);
      const Index reg = 4 * 5 + 5;
      theta.conservativeResize(theta.size() + reg);
      for (Index i = theta.size() - reg; i < theta.size(); ++i) theta(i) = static_cast<float>(0.5 * rng.normal());
    } else {
      setup.temperature = 3.0;
      setup.alpha = 0.7;
      targets.resize(6, 2);
    }
    for (Index i = 0; i < targets.size(); ++i) targets.data()[i] = static_cast<float>(0.8 * rng.normal());
    setup.targets = &targets;
  }
};

void check_stage_gradient(StageFixture& f) {
  StageObjective obj(f.setup, f.theta);
  std::vector<int> idx = {0, 1, 2, 3, 4, 5};
  obj.set_batch(f.x, f.y, idx.data(), 6);
  Vec sub;
  obj.gather(f.theta, sub);
  REQUIRE(sub.size() == obj.dim());
  Vec grad(sub.size());
  obj.value_and_gradient(sub, grad);
  VecD numeric = testing::numeric_gradient([&](const VecD& s) { return static_cast<double>(obj.value(s.cast<float>())); },
                                           sub.cast<double>(), 1e-2);
  CHECK(testing::max_relative_error(grad, numeric, 1e-2) < 5e-3);
}

}  // namespace

TEST_CASE("the hint loss's gradient through the regressor and the layers below the guided one matches finite differences") {
  StageFixture f(StageObjective::Kind::Hint);
  // Trainable: layer 0 (2·4 + 4 values) and the regressor (the last 25); layer 1 and the output are
  // above the guided layer and take no part.
  const Index P = f.model->param_count();
  f.setup.trainable = {{0, 12}, {P, P + 25}};
  check_stage_gradient(f);
}

TEST_CASE("the distillation loss's gradient through the whole network matches finite differences") {
  StageFixture f(StageObjective::Kind::Distill);
  f.setup.trainable = {{0, f.model->param_count()}};
  check_stage_gradient(f);
  f.setup.trainable = {{12, 27}, {27, f.model->param_count()}};  // layer 1 and the output only
  check_stage_gradient(f);
}

namespace {

const char* kGreedy = R"({"seed": 3, "dataset": {"name": "spiral", "samples": 200},
  "network": {"layers": [{"units": 8}, {"units": 8}, {"units": 8}]},
  "optimizer": {"name": "momentum", "lr": 0.05, "momentum": 0.9, "weight_decay": 0.01},
  "log_every": 25,
  "stages": [{"steps": 100, "depth": 1},
             {"steps": 100, "depth": 2, "train": ["layers[1]", "output"]},
             {"steps": 100, "depth": 3, "train": ["layers[2]", "output"]},
             {"steps": 100, "optimizer": {"name": "adam", "lr": 0.003}}]})";

}  // namespace

TEST_CASE("greedy layer-wise pretraining: frozen layers do not move by a single bit, trained ones do") {
  NetworkRun run(parse_spec(kGreedy));
  CHECK(run.advance(100) == 100);
  const Vec after0 = run.params();  // depth 1: layer 0 (2·8 + 8 = 24 values) and its output layer
  CHECK(after0.size() == 24 + 8 * 3 + 3);
  CHECK(run.advance(100) == 100);
  const Vec after1 = run.params();  // depth 2: layer 0 frozen, layer 1 and a new output trained
  CHECK(after1.size() == 24 + 72 + 8 * 3 + 3);
  CHECK(after1.head(24) == after0.head(24));  // bitwise: Eigen's == compares exactly
  CHECK((after1.segment(24, 72).array() != 0).any());
  CHECK(run.advance(100) == 100);
  const Vec after2 = run.params();
  CHECK(after2.head(96) == after1.head(96));
  CHECK(run.advance(100) == 100);
  const Vec after3 = run.params();
  CHECK(after3.size() == after2.size());
  CHECK(!(after3.head(24) == after2.head(24)));  // fine-tuning moves every layer
  CHECK(run.done());
  // Every logged row carries its stage; each stage's last step is logged.
  std::vector<long> stage_at_end;
  for (Index r = 0; r < run.record_count(); ++r) {
    const long step = static_cast<long>(testing::record_at(run, "step", r));
    const long stage = static_cast<long>(testing::record_at(run, "stage", r));
    CHECK(stage == std::min<long>(3, std::max<long>(0, (step - 1) / 100)));
    if (step % 100 == 0 && step > 0) stage_at_end.push_back(stage);
  }
  CHECK(stage_at_end == std::vector<long>{0, 1, 2, 3});
  const Json summary = Json::parse(run.summary_line());
  REQUIRE(summary["stages"].size() == 4);
  CHECK(summary["stages"][1]["end_step"] == 200);
  CHECK(summary["stages"][3]["final_train_loss"] == summary["final_train_loss"]);
  CHECK(run.json_line(1).find("\"stage\":0") != std::string::npos);
}

TEST_CASE("one stage that trains everything is the run without stages, bit for bit") {
  const std::string base = R"({"seed": 9, "steps": 120, "log_every": 20, "optimizer": {"name": "adam", "lr": 0.01})";
  NetworkRun plain(parse_spec(base + "}"));
  NetworkRun staged(parse_spec(base + R"(, "stages": [{"steps": 120}]})"));
  plain.advance(1000);
  staged.advance(1000);
  REQUIRE(plain.record_count() == staged.record_count());
  for (Index r = 0; r < plain.record_count(); ++r)
    for (const char* c : {"loss", "test_loss", "train_acc", "grad_norm", "batch_loss"}) {
      const double a = testing::record_at(plain, c, r), b = testing::record_at(staged, c, r);
      CHECK((a == b || (std::isnan(a) && std::isnan(b))));  // row 0 has no batch yet: NaN in both
    }
  CHECK(plain.params() == staged.params());
  CHECK(testing::record_at(staged, "stage_loss", 3) == testing::record_at(staged, "loss", 3));
}

namespace {

const char* kFitnets = R"({"seed": 2, "dataset": {"name": "spiral", "samples": 240},
  "teacher": {"layers": [{"units": 32}, {"units": 32}]},
  "network": {"layers": [{"units": 6}, {"units": 6}, {"units": 6}, {"units": 6}]},
  "optimizer": {"name": "adam", "lr": 0.01}, "log_every": 50,
  "stages": [{"model": "teacher", "steps": 300},
             {"hint": {"hint_layer": 0, "guided_layer": 1}, "steps": 200},
             {"distill": {"temperature": 3, "alpha": 0.8}, "steps": 200}]})";

}  // namespace

TEST_CASE("FitNets: the teacher trains, the hint stage lowers its regression loss and freezes the upper layers, "
          "distillation trains the whole student") {
  NetworkRun run(parse_spec(kFitnets));
  run.advance(300);
  const Index teacher_end = run.record_count() - 1;
  CHECK(testing::record_at(run, "train_acc", teacher_end) > 0.6);
  run.advance(1);  // the hint stage's first step: θ = [network, regressor 6→32]
  const Index P = 2 * 6 + 6 + 3 * (6 * 6 + 6) + 6 * 3 + 3;
  CHECK(run.params().size() == P + 6 * 32 + 32);
  const Vec start_upper = run.params().segment(2 * 6 + 6 + 42, P - (2 * 6 + 6 + 42));
  const Index first_hint_row = run.record_count();
  run.advance(199);
  const Index hint_end = run.record_count() - 1;
  CHECK(testing::record_at(run, "stage", hint_end) == 1);
  CHECK(testing::record_at(run, "stage_loss", hint_end) < 0.5 * testing::record_at(run, "stage_loss", first_hint_row));
  // Layers 2, 3 and the output are above the guided layer 1: untouched.
  CHECK(run.params().segment(2 * 6 + 6 + 42, P - (2 * 6 + 6 + 42)) == start_upper);
  run.advance(200);
  CHECK(run.done());
  CHECK(run.params().size() == P);
  CHECK(testing::record_at(run, "stage", run.record_count() - 1) == 2);
  CHECK(testing::record_at(run, "train_acc", run.record_count() - 1) > 0.5);
  const Json summary = Json::parse(run.summary_line());
  CHECK(summary["stages"][0]["kind"] == "teacher");
  CHECK(summary["stages"][1]["kind"] == "hint");
  CHECK(summary["stages"][2]["kind"] == "distill");
}

TEST_CASE("a step of a greedy, a hint and a distillation stage, and of a curriculum, allocates nothing") {
  auto check_quiet = [](const std::string& spec, long warm, long steps) {
    NetworkRun run(parse_spec(spec));
    run.advance(warm);  // into the stage (its buffers are allocated when it begins)
    CHECK(testing::heap_allocations([&] {
      run.advance(steps);
    }) == 0);
  };
  check_quiet(kGreedy, 105, 90);   // depth 2, layers[1] and the output train (momentum, weight decay)
  check_quiet(kFitnets, 305, 190);  // the hint stage
  check_quiet(kFitnets, 505, 190);  // distillation
  check_quiet(R"({"steps": 1000, "log_every": 1000, "curriculum": {"steps": 500}})", 5, 400);
}

TEST_CASE("stage errors name the field: a missing layer, a hint layer out of range, no teacher, steps") {
  using testing::spec_failure;
  auto field = [](const std::string& s) { return spec_failure(s).field; };
  const std::string net = R"("network": {"layers": [{"units": 4}, {"units": 4}]}, )";
  CHECK(field("{" + net + R"("stages": [{"steps": 10, "depth": 3}]})") == "stages[0].depth");
  CHECK(spec_failure("{" + net + R"("stages": [{"steps": 10, "depth": 3}]})").what.find("has 2 hidden layers") != std::string::npos);
  CHECK(field("{" + net + R"("stages": [{"steps": 10, "depth": 1, "train": ["layers[1]"]}]})") == "stages[0].train[0]");
  CHECK(field("{" + net + R"("stages": [{"steps": 10, "train": ["layer[0]"]}]})") == "stages[0].train[0]");
  CHECK(field("{" + net + R"("stages": [{"steps": 10, "train": ["regressor"]}]})") == "stages[0].train[0]");
  CHECK(field("{" + net + R"("stages": [{"steps": 10}, {"steps": 10, "hint": true}]})") == "stages[1].hint");
  CHECK(field("{" + net + R"("stages": [{"steps": 10, "model": "teacher"}]})") == "stages[0].model");
  const std::string teacher = R"("teacher": {"layers": [{"units": 8}]}, )";
  CHECK(field("{" + net + teacher + R"("stages": [{"steps": 10, "model": "teacher"}, {"steps": 5, "hint": {"hint_layer": 1}}]})") ==
        "stages[1].hint.hint_layer");
  CHECK(spec_failure("{" + net + teacher + R"("stages": [{"steps": 10, "model": "teacher"}, {"steps": 5, "hint": {"hint_layer": 1}}]})")
            .what.find("the teacher has 1 hidden layer") != std::string::npos);
  CHECK(field("{" + net + teacher + R"("stages": [{"steps": 10, "model": "teacher"}, {"steps": 5, "hint": {"guided_layer": 2}}]})") ==
        "stages[1].hint.guided_layer");
  CHECK(field("{" + net + teacher + R"("stages": [{"steps": 10, "model": "teacher"}, {"steps": 5, "distill": {"temperature": 0}}]})") ==
        "stages[1].distill.temperature");
  CHECK(field("{" + net + teacher + R"("stages": [{"steps": 10}]})") == "teacher");
  CHECK(field("{" + net + R"("teacher": {"layers": [{"units": 4096}, {"units": 4096}]}, "stages": [{"steps": 10, "model": "teacher"}]})") ==
        "teacher.layers");  // 16.8 million parameters: over the limit of run/spec_limits.hpp
  CHECK(field("{" + net + R"("stages": [{"depth": 1}]})") == "stages[0].steps");
  CHECK(field("{" + net + R"("steps": 30, "stages": [{"steps": 10}]})") == "steps");
  CHECK(field("{" + net + R"("stages": []})") == "stages");
  CHECK(field("{" + net + R"("trace": {"params": true}, "stages": [{"steps": 10}]})") == "trace.params");
  CHECK(field("{" + net + R"("stages": [{"steps": 10, "optimizer": "nope"}]})") == "stages[0].optimizer");
  CHECK(field("{" + net + R"("stages": [{"steps": 10, "optimizer": {"name": "adam", "lr": -1}}]})") == "stages[0].optimizer.lr");
  CHECK(field(R"({"network": {"layers": [{"units": 4, "norm": "batch_norm"}]}, "stages": [{"steps": 10}]})") ==
        "network.layers[0].norm");
  // Accepted: the normalized spec carries the total steps and each stage's optimizer.
  const ExperimentSpec ok = parse_spec("{" + net + R"("stages": [{"steps": 10, "depth": 1}, {"steps": 15, "optimizer": "adam"}]})");
  CHECK(ok.steps == 25);
  CHECK(ok.normalized["steps"] == 25);
  CHECK(ok.normalized["stages"][1]["optimizer"]["name"] == "adam");
  CHECK(ok.normalized["stages"][0]["train"] == "all");
  // The normalized spec reads back to itself (the page validates the normalized spec again): also
  // with a teacher stage, a hint and a distillation stage, whose depth it writes as every layer.
  for (const std::string& text :
       {"{" + net + R"("stages": [{"steps": 10, "depth": 1}, {"steps": 15, "optimizer": "adam"}]})",
        "{" + net + teacher + R"("stages": [{"steps": 10, "model": "teacher"}, {"steps": 5, "hint": true}, {"steps": 5, "distill": true}]})",
        "{" + net + R"("curriculum": true})"}) {
    const ExperimentSpec first = parse_spec(text);
    CHECK(parse_spec(first.normalized.dump()).normalized == first.normalized);
  }
  CHECK(field("{" + net + teacher + R"("stages": [{"steps": 10, "model": "teacher", "depth": 0}]})") == "stages[0].depth");
}

// ---- weight-space symmetry --------------------------------------------------------------------

TEST_CASE("permuting hidden units (and flipping tanh units' signs) leaves the trained network's loss unchanged") {
  NetworkRun run(parse_spec(R"({"seed": 4, "steps": 300, "log_every": 100, "trace": {"symmetry": true},
    "network": {"layers": [{"units": 12, "activation": "tanh"}, {"units": 7, "activation": "tanh"}]}})"));
  run.advance(300);
  const Json s = Json::parse(run.summary_line())["symmetry"];
  CHECK(s["loss"].get<double>() > 0.0);
  CHECK(std::fabs(s["permuted_loss"].get<double>() - s["loss"].get<double>()) < 1e-6);
  CHECK(std::fabs(s["canonical_loss"].get<double>() - s["loss"].get<double>()) < 1e-6);
  CHECK(s["permuted_distance"].get<double>() > 1.0);  // a different point of weight space
  CHECK(s["permuted_canonical_distance"].get<double>() == 0.0);  // canonicalized, the copy is θ's form
  std::set<int> flipped(s["signs"][0].begin(), s["signs"][0].end());
  CHECK(flipped == std::set<int>{-1, 1});
  // Canonical form: the same for θ and for any permutation of it, bit for bit.
  const Model& m = run.model();
  Rng rng(77);
  const Vec theta = run.params();
  for (int trial = 0; trial < 5; ++trial) {
    Vec p(theta.size()), c1(theta.size()), c2(theta.size());
    permute_units(m, theta.data(), random_unit_permutation(m, rng), p.data());
    CHECK(!(p == theta));
    permute_units(m, theta.data(), canonical_permutation(m, theta.data()), c1.data());
    permute_units(m, p.data(), canonical_permutation(m, p.data()), c2.data());
    CHECK(c1 == c2);
  }
}

TEST_CASE("units of a ReLU layer are permuted but never sign-flipped; a normalized network is refused") {
  auto relu = small_net(3, {5, 4}, Activation::Relu, 2);
  Rng rng(1);
  for (int trial = 0; trial < 10; ++trial)
    for (const auto& layer : random_unit_permutation(*relu, rng).sign)
      for (int s : layer) CHECK(s == 1);
  CHECK(testing::spec_failure(R"({"network": {"layers": [{"units": 4, "norm": "layer_norm"}]}, "trace": {"symmetry": true}})")
            .field == "trace.symmetry");
}

// ---- curriculum ---------------------------------------------------------------------------------

TEST_CASE("curriculum order: a point inside the other class is hardest by neighbors and by margin") {
  Dataset d;
  d.train_x.resize(9, 2);
  // Class 0 around (−1, 0), class 1 around (1, 0), and one class-0 point deep inside class 1.
  const float pts[9][2] = {{-1, 0}, {-1.1f, 0.1f}, {-0.9f, -0.1f}, {-1.2f, 0}, {1, 0}, {1.1f, 0.1f}, {0.9f, -0.1f}, {1.2f, 0}, {1.05f, 0}};
  d.train_y = {0, 0, 0, 0, 1, 1, 1, 1, 0};
  for (int i = 0; i < 9; ++i) d.train_x.row(i) << pts[i][0], pts[i][1];
  CurriculumSpec s;
  s.neighbors = 3;
  CHECK(curriculum_order(s, d, 1).back() == 8);
  s.score = "margin";
  const std::vector<int> by_margin = curriculum_order(s, d, 1);
  CHECK(by_margin.back() == 8);
  CHECK(by_margin.front() == 3);  // (−1.2, 0): farthest from class 1
  s.score = "random";
  std::vector<int> r = curriculum_order(s, d, 1);
  std::sort(r.begin(), r.end());
  CHECK(r == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8});
}

TEST_CASE("curriculum pacing: minibatches come from the easiest n(t) examples, n grows from p0·N to N at step s") {
  const ExperimentSpec spec = parse_spec(R"({"dataset": {"samples": 500, "test_fraction": 0.2}, "batch_size": 10,
    "curriculum": {"start_fraction": 0.1, "steps": 100, "pacing": "linear"}})");
  const Dataset data = make_dataset(spec.dataset, spec.seed);
  Curriculum c(spec.curriculum, data, spec.seed, spec.batch_size);
  CHECK(c.available(0) == 40);
  CHECK(c.available(50) == 220);
  CHECK(c.available(100) == 400);
  std::vector<int> pos(400);
  for (int i = 0; i < 400; ++i) pos[static_cast<std::size_t>(c.order()[static_cast<std::size_t>(i)])] = i;
  std::vector<int> batch(10);
  for (long t = 0; t < 100; ++t) {
    CHECK(c.draw(t, batch.data()) == 10);
    std::set<int> distinct(batch.begin(), batch.end());
    CHECK(distinct.size() == 10);
    for (int i : batch) CHECK(pos[static_cast<std::size_t>(i)] < c.available(t));
  }
  CHECK(testing::spec_failure(R"({"curriculum": {"start_fraction": 0}})").field == "curriculum.start_fraction");
  CHECK(testing::spec_failure(R"({"curriculum": {"score": "easy"}})").field == "curriculum.score");
  CHECK(testing::spec_failure(R"({"curriculum": true, "single_pass": true})").field == "curriculum");
  // A curriculum run is reproducible and differs from the random order on the same seed.
  NetworkRun a(parse_spec(R"({"steps": 200, "curriculum": true})")), b(parse_spec(R"({"steps": 200, "curriculum": true})"));
  NetworkRun plain(parse_spec(R"({"steps": 200})"));
  a.advance(200);
  b.advance(200);
  plain.advance(200);
  CHECK(a.params() == b.params());
  CHECK(!(a.params() == plain.params()));
}
