// The Elman and LSTM layers (core/nn/recurrent.hpp, lstm.hpp, recurrent_layer.hpp) against PyTorch 1.13's
// nn.RNN / nn.LSTM (tests/golden/rnn.json, written by tests/golden/make_rnn.py): forward, backward,
// ‖∂L/∂h_t‖ for every t and 5 steps of SGD and Adam, in double (the templated cells, 1e-5 relative)
// and in single precision (the network layer through Model and NetworkObjective, 1e-4 relative);
// central-difference gradient checks of every activation; no allocation in a training step; and the
// repeated multiplication of book §8.2.5 in a linear Elman net (‖∂L/∂h_0‖ = ρ^L ‖∂L/∂h_L‖).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "nn/dense.hpp"
#include "nn/lstm.hpp"
#include "nn/recurrent.hpp"
#include "nn/recurrent_layer.hpp"
#include "run/network_objective.hpp"
#include "run/optimizer_factory.hpp"
#include "test_support.hpp"

using namespace optlab;
using namespace optlab::testing;

namespace {

const Json& golden() {
  static const Json j = Json::parse(read_source_file("tests/golden/rnn.json"));
  return j;
}

VecD vec(const Json& a) {
  VecD v(static_cast<Index>(a.size()));
  for (std::size_t i = 0; i < a.size(); ++i) v(static_cast<Index>(i)) = a[i].get<double>();
  return v;
}

template <typename T>
std::unique_ptr<RecurrentCell<T>> make_cell(const Json& c) {
  const Index D = c["D"], H = c["H"], L = c["L"];
  if (c["kind"] == "lstm") return std::make_unique<LstmCell<T>>(D, H, L);
  return std::make_unique<ElmanCell<T>>(D, H, L, c["nonlinearity"] == "relu" ? Activation::Relu : Activation::Tanh);
}

// The golden network in double: recurrent cell → Linear(H, K) → mean softmax cross-entropy over the
// batch, θ = [cell parameters, head W (K, H), head b (K)] as make_rnn.py lays it out.
struct DoubleNet final : Objective<double> {
  std::unique_ptr<RecurrentCell<double>> cell;
  Index B, H, K, P;
  VecD x;
  std::vector<int> y;
  VecD dx, dh;
  MatT<double> logits, dlogits;

  explicit DoubleNet(const Json& c) : cell(make_cell<double>(c)), B(c["B"]), H(c["H"]), K(c["K"]) {
    P = cell->param_count();
    x = vec(c["x"]);
    y = c["y"].get<std::vector<int>>();
    cell->reserve(B);
    dx.setZero(x.size());
    dh.setZero(B * H);
    logits.setZero(B, K);
    dlogits.setZero(B, K);
  }
  Index dim() const override { return P + K * H + K; }
  double value(ConstVecRefT<double> theta) override {
    VecD g(dim());
    return value_and_gradient(theta, g);
  }
  double value_and_gradient(ConstVecRefT<double> theta, VecRefT<double> grad) override {
    cell->forward(theta.data(), x.data(), B);
    Eigen::Map<const MatT<double>> h(cell->last_hidden(), B, H), w(theta.data() + P, K, H);
    logits = h * w.transpose();
    logits.rowwise() += theta.segment(P + K * H, K).transpose();
    double loss = 0;
    for (Index b = 0; b < B; ++b) {
      const double m = logits.row(b).maxCoeff();
      const double lse = m + std::log((logits.row(b).array() - m).exp().sum());
      loss += lse - logits(b, y[static_cast<std::size_t>(b)]);
      for (Index k = 0; k < K; ++k)
        dlogits(b, k) = (std::exp(logits(b, k) - lse) - (k == y[static_cast<std::size_t>(b)] ? 1.0 : 0.0)) / B;
    }
    Eigen::Map<MatT<double>>(grad.data() + P, K, H) = dlogits.transpose() * h;
    grad.segment(P + K * H, K) = dlogits.colwise().sum().transpose();
    Eigen::Map<MatT<double>>(dh.data(), B, H) = dlogits * w;
    cell->backward(theta.data(), grad.data(), x.data(), B, dh.data(), dx.data());
    return loss / B;
  }
};

template <typename T>
OptimizerSetup<T> build_optimizer(const Json& spec) {
  Json scratch;
  ObjectReader r(spec, "optimizer", &scratch);
  return read_optimizer<T>(r);
}

// The golden network in float, as a run builds it: RecurrentLayer → Dense, through NetworkObjective.
struct FloatNet {
  std::unique_ptr<Model> model;
  std::unique_ptr<NetworkObjective> objective;
  Mat x;
  std::vector<int> y, rows;
  RecurrentLayer* rec = nullptr;

  explicit FloatNet(const Json& c) {
    const Index D = c["D"], H = c["H"], L = c["L"], B = c["B"], K = c["K"];
    std::vector<std::unique_ptr<Layer>> layers;
    auto r = std::make_unique<RecurrentLayer>(c["kind"] == "lstm" ? CellType::Lstm : CellType::Elman, D, L, H,
                                              c["nonlinearity"] == "relu" ? Activation::Relu : Activation::Tanh,
                                              RecurrentInit{});
    rec = r.get();
    layers.push_back(std::move(r));
    layers.push_back(std::make_unique<Dense>(H, K));
    model = std::make_unique<Model>(L * D, std::move(layers));
    x = vec(c["x"]).cast<float>();
    x.resize(B, L * D);
    for (Index i = 0; i < x.size(); ++i) x.data()[i] = c["x"][static_cast<std::size_t>(i)].get<float>();
    y = c["y"].get<std::vector<int>>();
    for (Index i = 0; i < B; ++i) rows.push_back(static_cast<int>(i));
    objective = std::make_unique<NetworkObjective>(*model, Loss::SoftmaxCrossEntropy);
    objective->reserve(B, L * D);
    objective->set_batch(x, y, rows.data(), B);
  }
};

}  // namespace

TEST_CASE("Elman and LSTM cells equal PyTorch's nn.RNN / nn.LSTM in double to 1e-5: h_L, loss, ∇θ, ∂L/∂x, ‖∂L/∂h_t‖") {
  REQUIRE(golden()["cases"].size() == 4);
  for (const Json& c : golden()["cases"]) {
    CAPTURE(c["name"].get<std::string>());
    DoubleNet net(c);
    VecD theta = vec(c["theta0"]), grad(net.dim());
    REQUIRE(theta.size() == net.dim());
    const double loss = net.value_and_gradient(theta, grad);
    CHECK(std::fabs(loss - c["loss"].get<double>()) < 1e-5 * std::fabs(c["loss"].get<double>()));
    Eigen::Map<const VecD> h(net.cell->last_hidden(), net.B * net.H);
    CHECK(max_relative_error(h, vec(c["h_last"]), 1e-6) < 1e-5);
    CHECK(max_relative_error(grad, vec(c["grad"]), 1e-6) < 1e-5);
    CHECK(max_relative_error(net.dx, vec(c["dx"]), 1e-6) < 1e-5);
    const std::vector<double>& norms = net.cell->hidden_grad_norms();
    REQUIRE(norms.size() == c["hidden_grad_norms"].size());
    for (std::size_t t = 0; t < norms.size(); ++t)
      CHECK(norms[t] == doctest::Approx(c["hidden_grad_norms"][t].get<double>()).epsilon(1e-5));
  }
}

TEST_CASE("5 SGD and Adam steps on the recurrent golden networks follow PyTorch in double to 1e-5") {
  for (const Json& c : golden()["cases"]) {
    for (const Json& s : c["steps"]) {
      CAPTURE(c["name"].get<std::string>());
      CAPTURE(s["spec"].dump());
      DoubleNet net(c);
      VecD theta = vec(c["theta0"]);
      OptimizerSetup<double> o = build_optimizer<double>(s["spec"]);
      o.optimizer->reset(theta.size());
      for (long k = 0; k < 5; ++k) {
        o.optimizer->step(net, theta, o.schedule.at(k));
        CHECK(max_relative_error(theta, vec(s["theta"][static_cast<std::size_t>(k)]), 1e-6) < 1e-5);
      }
    }
  }
}

TEST_CASE("the float recurrent network layer (RecurrentLayer → Dense) equals PyTorch to 1e-4: gradient and 5 SGD/Adam steps") {
  for (const Json& c : golden()["cases"]) {
    CAPTURE(c["name"].get<std::string>());
    FloatNet net(c);
    Vec theta = vec(c["theta0"]).cast<float>(), grad(theta.size());
    REQUIRE(theta.size() == net.model->param_count());
    const float loss = net.objective->value_and_gradient(theta, grad);
    CHECK(loss == doctest::Approx(c["loss"].get<double>()).epsilon(1e-4));
    CHECK(max_relative_error(grad, vec(c["grad"]), 1e-3) < 1e-4);
    const std::vector<double>& norms = net.rec->hidden_grad_norms();
    for (std::size_t t = 0; t < norms.size(); ++t)
      CHECK(norms[t] == doctest::Approx(c["hidden_grad_norms"][t].get<double>()).epsilon(1e-4));
    for (const Json& s : c["steps"]) {
      CAPTURE(s["spec"].dump());
      Vec th = vec(c["theta0"]).cast<float>();
      OptimizerSetup<float> o = build_optimizer<float>(s["spec"]);
      o.optimizer->reset(th.size());
      for (long k = 0; k < 5; ++k) {
        o.optimizer->step(*net.objective, th, o.schedule.at(k));
        CHECK(max_relative_error(th, vec(s["theta"][static_cast<std::size_t>(k)]), 1e-3) < 1e-4);
      }
    }
  }
}

TEST_CASE("BPTT gradients of every Elman activation and the LSTM match central differences (θ and x)") {
  Rng rng(11, RngStream::Init);
  struct Setup {
    const char* name;
    std::function<std::unique_ptr<RecurrentCell<double>>()> make;
  };
  const Index D = 3, H = 4, L = 5, B = 3;
  const std::vector<Setup> setups = {
      {"linear", [&] { return std::make_unique<ElmanCell<double>>(D, H, L, Activation::Linear); }},
      {"tanh", [&] { return std::make_unique<ElmanCell<double>>(D, H, L, Activation::Tanh); }},
      {"sigmoid", [&] { return std::make_unique<ElmanCell<double>>(D, H, L, Activation::Sigmoid); }},
      {"relu", [&] { return std::make_unique<ElmanCell<double>>(D, H, L, Activation::Relu); }},
      {"leaky_relu", [&] { return std::make_unique<ElmanCell<double>>(D, H, L, Activation::LeakyRelu); }},
      {"lstm", [&] { return std::make_unique<LstmCell<double>>(D, H, L); }},
  };
  for (const Setup& s : setups) {
    CAPTURE(std::string(s.name));
    auto cell = s.make();
    cell->reserve(B);
    VecD theta(cell->param_count()), x(B * L * D), w(B * H);
    for (Index i = 0; i < theta.size(); ++i) theta(i) = 0.5 * rng.normal();
    for (Index i = 0; i < x.size(); ++i) x(i) = rng.normal();
    for (Index i = 0; i < w.size(); ++i) w(i) = rng.normal();
    // L = Σ w ⊙ h_L: dh_last = w.
    auto loss = [&](const VecD& th, const VecD& xx) {
      cell->forward(th.data(), xx.data(), B);
      return Eigen::Map<const VecD>(cell->last_hidden(), B * H).dot(w);
    };
    VecD grad(theta.size()), dx(x.size());
    loss(theta, x);
    cell->backward(theta.data(), grad.data(), x.data(), B, w.data(), dx.data());
    CHECK(max_relative_error(grad, numeric_gradient([&](const VecD& th) { return loss(th, x); }, theta), 1e-4) < 1e-5);
    CHECK(max_relative_error(dx, numeric_gradient([&](const VecD& xx) { return loss(theta, xx); }, x), 1e-4) < 1e-5);
  }
}

TEST_CASE("a training step of a recurrent network allocates nothing (Elman and LSTM, SGD and Adam)") {
  for (CellType type : {CellType::Elman, CellType::Lstm}) {
    const Index D = 2, L = 30, H = 16, B = 32;
    std::vector<std::unique_ptr<Layer>> layers;
    layers.push_back(std::make_unique<RecurrentLayer>(type, D, L, H, Activation::Tanh, RecurrentInit{}));
    layers.push_back(std::make_unique<Dense>(H, 4));
    Model model(L * D, std::move(layers));
    NetworkObjective objective(model, Loss::SoftmaxCrossEntropy);
    objective.reserve(256, L * D);
    Rng rng(3, RngStream::Data);
    Mat x(B, L * D);
    for (Index i = 0; i < x.size(); ++i) x.data()[i] = static_cast<float>(rng.normal());
    std::vector<int> y, rows;
    for (Index i = 0; i < B; ++i) {
      y.push_back(static_cast<int>(i % 4));
      rows.push_back(static_cast<int>(i));
    }
    Vec theta(model.param_count());
    Rng init(5, RngStream::Init);
    model.init_params(theta.data(), init);
    for (const char* name : {"sgd", "adam"}) {
      CAPTURE(name);
      OptimizerSetup<float> o = build_optimizer<float>(Json{{"name", name}, {"lr", 0.01}, {"clip_norm", 1.0}});
      o.optimizer->reset(theta.size());
      o.optimizer->step(objective, theta, 0.01f);  // warm: first-call paths
      CHECK(testing::heap_allocations([&] {
        for (int k = 0; k < 3; ++k) {
          objective.set_batch(x, y, rows.data(), B);
          o.optimizer->step(objective, theta, 0.01f);
        }
      }) == 0);
      CHECK(theta.allFinite());
    }
  }
}

TEST_CASE("linear Elman net: ‖∂L/∂h_t‖ = ρ^(L−t) ‖∂L/∂h_L‖ when W_hh is ρ times an orthogonal matrix (book eq. 8.11–8.13)") {
  for (double rho : {0.8, 1.0, 1.2}) {
    CAPTURE(rho);
    const Index D = 2, H = 8, L = 50, B = 4;
    RecurrentInit init;
    init.recurrent.name = "orthogonal";
    init.recurrent.gain = rho;
    RecurrentLayer layer(CellType::Elman, D, L, H, Activation::Linear, init);
    layer.reserve(B);
    Vec theta(layer.param_count());
    Rng rng(9, RngStream::Init);
    layer.init_params(theta.data(), rng);
    Mat x(B, L * D), dy(B, H);
    for (Index i = 0; i < x.size(); ++i) x.data()[i] = static_cast<float>(rng.normal());
    for (Index i = 0; i < dy.size(); ++i) dy.data()[i] = static_cast<float>(rng.normal());
    Vec grad(theta.size());
    layer.forward(theta.data(), x, true);
    layer.backward(theta.data(), grad.data(), x, dy, nullptr);
    const std::vector<double>& n = layer.hidden_grad_norms();
    for (Index t = 0; t <= L; ++t)
      CHECK(n[static_cast<std::size_t>(t)] / n[L] == doctest::Approx(std::pow(rho, static_cast<double>(L - t))).epsilon(1e-4));
  }
}
