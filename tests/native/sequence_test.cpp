// Sequence data sets (problems/sequence.hpp), recurrent networks in runs (spec keys, the
// trace.hidden_grad columns, clipping) and the repeated-multiplication readout
// (run/repeated_multiplication.hpp): book §8.2.5 measured in the lab.
#include <doctest/doctest.h>

#include "problems/sequence.hpp"
#include "run/experiment.hpp"
#include "run/repeated_multiplication.hpp"
#include "spec_failure.hpp"
#include "test_support.hpp"

using namespace optlab;
using namespace optlab::testing;

namespace {

std::unique_ptr<Run> run_spec(const std::string& text) {
  std::unique_ptr<Run> r = make_run(text);
  while (!r->done()) r->advance(1000);
  return r;
}

// A linear Elman net on `recall` (length 50) with W_hh = ρ·(orthogonal): ‖∂L/∂h_t‖ at θ_0.
std::string linear_elman_spec(double rho, double clip_norm, long steps) {
  return R"({"seed": 3, "dataset": {"name": "recall", "length": 50, "classes": 4, "samples": 300},
             "network": {"layers": [{"type": "rnn", "units": 16, "activation": "linear",
                                     "recurrent_init": {"name": "orthogonal", "gain": )" +
         std::to_string(rho) + R"(}}]},
             "optimizer": {"name": "sgd", "lr": 0.1, "clip_norm": )" + std::to_string(clip_norm) + R"(},
             "batch_size": 32, "steps": )" + std::to_string(steps) + R"(, "log_every": 10,
             "trace": {"hidden_grad": true}})";
}

}  // namespace

TEST_CASE("recall: the first step carries the label and the marker, later steps one random symbol each") {
  DatasetSpec s;
  s.name = "recall";
  s.classes = 3;
  s.length = 6;
  s.samples = 60;
  s.noise = 0.0;
  s.test_fraction = 0.25;
  Dataset d = make_dataset(s, 5);
  CHECK(d.dim == 6 * 4);
  CHECK(d.steps == 6);
  CHECK(d.features == 4);
  CHECK(d.train_x.rows() == 45);
  CHECK(d.test_x.rows() == 15);
  CHECK_FALSE(d.regression());
  for (Index i = 0; i < d.train_x.rows(); ++i) {
    const auto row = d.train_x.row(i);
    CHECK(row(d.train_y[static_cast<std::size_t>(i)]) == 1.0f);
    CHECK(row(3) == 1.0f);
    CHECK(row.segment(0, 4).sum() == 2.0f);
    for (Index t = 1; t < 6; ++t) {
      CHECK(row.segment(t * 4, 3).sum() == 1.0f);
      CHECK(row(t * 4 + 3) == 0.0f);
    }
  }
}

TEST_CASE("adding: two markers, one in each half, and the target is the sum of the marked values") {
  DatasetSpec s;
  s.name = "adding";
  s.length = 9;
  s.samples = 200;
  Dataset d = make_dataset(s, 11);
  REQUIRE(d.regression());
  CHECK(d.classes == 0);
  CHECK(d.train_t.cols() == 1);
  double mean = 0;
  for (Index i = 0; i < d.train_x.rows(); ++i) {
    int first = 0, second = 0;
    double sum = 0;
    for (Index t = 0; t < 9; ++t) {
      const float u = d.train_x(i, 2 * t), m = d.train_x(i, 2 * t + 1);
      CHECK(u >= 0.0f);
      CHECK(u < 1.0f);
      if (m == 1.0f) {
        (t < 5 ? first : second)++;
        sum += u;
      }
    }
    CHECK(first == 1);
    CHECK(second == 1);
    CHECK(d.train_t(i, 0) == doctest::Approx(sum).epsilon(1e-6));
    mean += d.train_t(i, 0);
  }
  CHECK(mean / static_cast<double>(d.train_x.rows()) == doctest::Approx(1.0).epsilon(0.1));  // E[u_a + u_b] = 1
}

TEST_CASE("sequence and recurrent spec keys are validated with messages naming the field") {
  auto fails = [](const std::string& spec, const std::string& field, const std::string& words) {
    CAPTURE(spec);
    const SpecFailure f = spec_failure(spec);
    CHECK(f.field == field);
    CHECK_MESSAGE(f.what.find(words) != std::string::npos, f.what);
  };
  fails(R"({"dataset": {"name": "recall", "length": 0}})", "dataset.length", "[1, 1000], got 0");
  fails(R"({"dataset": {"name": "adding", "length": 1}})", "dataset.length", "[2, 1000], got 1");
  fails(R"({"dataset": {"name": "recall"}, "network": {"layers": [{"type": "gru"}]}})", "network.layers[0].type", "gru");
  fails(R"({"network": {"layers": [{"type": "lstm"}]}})", "network.layers[0].type", "sequence data set");
  fails(R"({"dataset": {"name": "recall"}, "network": {"layers": [{"units": 4}, {"type": "rnn"}]}})",
        "network.layers[1].type", "only the first layer");
  fails(R"({"dataset": {"name": "adding"}, "network": {"loss": "softmax_cross_entropy"}})", "network.loss",
        "mean_squared_error");
  fails(R"({"dataset": {"name": "recall"}, "network": {"layers": [{"type": "lstm", "activation": "relu"}]}})",
        "network.layers[0].activation", "gate");
  fails(R"({"dataset": {"name": "recall"}, "network": {"layers": [{"units": 4, "forget_bias": 1}]}})",
        "network.layers[0].forget_bias", "forget_bias");
  fails(R"({"dataset": {"name": "recall"}, "network": {"layers": [{"type": "rnn", "forget_bias": 1}]}})",
        "network.layers[0].forget_bias", "forget_bias");
  fails(R"({"dataset": {"name": "recall"}, "trace": {"hidden_grad": true}})", "trace.hidden_grad", "recurrent");
  fails(R"({"dataset": {"name": "recall", "length": 1000, "samples": 100000}})", "dataset.samples", "inputs");
  fails(R"({"readout": {"length": 0}})", "readout.length", "[1, 1000], got 0");
  fails(R"({"readout": {"spectral_radius": 2, "length": 1000}})", "readout.length", "overflows");
  fails(R"({"readout": {"eigenvalues": [1.2, "x"]}})", "readout.eigenvalues[1]", "number");
  fails(R"({"readout": {"eigenvalues": [0.5], "dim": 3}})", "readout.dim", "either");
  fails(R"({"readout": {}, "optimizer": {"name": "sgd"}})", "optimizer", "readout");
  fails(R"({"readout": {"name": "powers"}})", "readout.name", "repeated_multiplication");
  // Accepted: the adding problem defaults to mean_squared_error; an MLP may read flattened sequences.
  CHECK(spec_failure(R"({"dataset": {"name": "adding"}, "network": {"layers": [{"type": "lstm", "units": 8}]}})").what == "");
  CHECK(spec_failure(R"({"dataset": {"name": "recall", "length": 5}})").what == "");
}

TEST_CASE("ρ = 1.2 vs 0.8, L = 50, linear Elman: ‖∂L/∂h_0‖ differ by > 10⁶ and ‖∂L/∂h_0‖/‖∂L/∂h_L‖ follows ρ^L") {
  // Measured on the run's own trace (trace.hidden_grad, row 0 = θ_0, the probe's mean loss).
  double h0[2];
  int k = 0;
  for (double rho : {1.2, 0.8}) {
    CAPTURE(rho);
    auto r = run_spec(linear_elman_spec(rho, 0.0, 1));
    const double g0 = record_at(*r, "grad_h_0", 0), gl = record_at(*r, "grad_h_50", 0);
    h0[k++] = g0;
    const double predicted = std::pow(rho, 50.0);
    MESSAGE("ρ = " << rho << ": ‖∂L/∂h_0‖ = " << g0 << ", ‖∂L/∂h_50‖ = " << gl << ", ratio " << g0 / gl
                   << " vs ρ^50 = " << predicted);
    CHECK(g0 / gl > predicted / 2);
    CHECK(g0 / gl < predicted * 2);
  }
  MESSAGE("‖∂L/∂h_0‖(1.2) / ‖∂L/∂h_0‖(0.8) = " << h0[0] / h0[1]);
  CHECK(h0[0] / h0[1] > 1e6);
}

TEST_CASE("gradient clipping keeps the exploding linear Elman run (ρ = 1.2) finite; without it the run diverges") {
  auto plain = run_spec(linear_elman_spec(1.2, 0.0, 200));
  CHECK_MESSAGE(!plain->diverged().empty(), "the unclipped run was expected to diverge");
  auto clipped = run_spec(linear_elman_spec(1.2, 1.0, 200));
  CHECK(clipped->diverged().empty());
  for (Index row = 0; row < clipped->record_count(); ++row) CHECK(std::isfinite(record_at(*clipped, "loss", row)));
}

TEST_CASE("repeated multiplication: ‖(ρQ)^t v‖ = ρ^t, and for W = Q diag(λ) Qᵀ the components |c_i||λ_i|^t add up to ‖W^t v‖") {
  auto orth = run_spec(R"({"seed": 4, "readout": {"name": "repeated_multiplication", "dim": 6, "spectral_radius": 1.2, "length": 50}})");
  REQUIRE(orth->record_count() == 51);
  for (Index t = 0; t <= 50; ++t) {
    const double p = std::pow(1.2, static_cast<double>(t));
    CHECK(record_at(*orth, "norm_tied", t) == doctest::Approx(p).epsilon(1e-9));
    CHECK(record_at(*orth, "norm_untied", t) == doctest::Approx(p).epsilon(1e-9));  // orthogonal: no direction preferred
    CHECK(record_at(*orth, "rho_t", t) == doctest::Approx(p).epsilon(1e-12));
  }
  auto eig = run_spec(R"({"seed": 4, "readout": {"eigenvalues": [1.1, 0.9, 0.5, 0.5, -0.3, 0.2], "length": 40}})");
  for (Index t = 0; t <= 40; ++t) {
    double sum = 0;
    for (int i = 0; i < 6; ++i) sum += std::pow(record_at(*eig, "component_" + std::to_string(i), t), 2.0);
    CHECK(std::sqrt(sum) == doctest::Approx(record_at(*eig, "norm_tied", t)).epsilon(1e-9));
  }
  // |λ| > 1 explodes, |λ| < 1 vanishes: after 40 steps, 1.1^40 = 45 and 0.5^40 ≈ 1e-12 times their start.
  CHECK(record_at(*eig, "component_0", 40) / record_at(*eig, "component_0", 0) == doctest::Approx(std::pow(1.1, 40)));
  CHECK(record_at(*eig, "component_2", 40) / record_at(*eig, "component_2", 0) == doctest::Approx(std::pow(0.5, 40)));
  // The tied chain grows like the top eigenvalue; the untied chain of the same spectrum does not.
  const double tied = record_at(*eig, "norm_tied", 40), untied = record_at(*eig, "norm_untied", 40);
  MESSAGE("tied ‖W^40 v‖ = " << tied << ", untied ‖W_40⋯W_1 v‖ = " << untied);
  CHECK(tied > 1.0);
  CHECK(untied < 1e-3 * tied);
}
