// Every first-order method against reference trajectories from PyTorch (tests/golden/optim.json,
// written by tests/golden/make_optim.py): 200 steps on Rosenbrock in double precision (1e-5
// relative) and on a small MLP in single precision (1e-4 relative). Each case's optimizer is built
// from its spec by the factory, so the option mapping (betas, eps_inside_sqrt, AdamW's
// weight_decay, …) is under test too.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "math/simd.hpp"
#include "optim_test_problems.hpp"
#include "run/surface_spec.hpp"
#include "run/optimizer_factory.hpp"
#include "test_support.hpp"

using namespace optlab;
using namespace optlab::testing;

namespace {

const Json& golden() {
  static const Json j = Json::parse(read_source_file("tests/golden/optim.json"));
  return j;
}

template <typename T>
OptimizerSetup<T> build(const Json& spec) {
  Json scratch;
  ObjectReader r(spec, "optimizer", &scratch);
  return read_optimizer<T>(r);
}

// The point PyTorch's parameter corresponds to: θ, or θ + αv for Nesterov (PyTorch steps the
// look-ahead point φ = θ + αv; see core/optim/nesterov.hpp).
template <typename T>
VecD compared_point(const Json& c, const Optimizer<T>& opt, const VecT<T>& x) {
  VecD p = x.template cast<double>();
  if (c["compare"] == "theta_plus_alpha_v") {
    const VecT<T>& v = *opt.state().at(0).second;
    p += c["spec"]["momentum"].get<double>() * v.template cast<double>();
  }
  return p;
}

VecD row(const Json& a) {
  VecD v(static_cast<Index>(a.size()));
  for (std::size_t i = 0; i < a.size(); ++i) v(static_cast<Index>(i)) = a[i].get<double>();
  return v;
}

// Runs the MLP case with SIMD on or off and returns θ at every recorded step.
std::vector<Vec> run_mlp_case(const Json& c, bool simd_on) {
  const Json& m = golden()["mlp"];
  Mat x(static_cast<Index>(m["y"].size()), 2);
  for (Index i = 0; i < x.size(); ++i) x.data()[i] = m["x"][static_cast<std::size_t>(i)].get<float>();
  FixedBatchMlp net({2, 8, 3}, x, m["y"].get<std::vector<int>>());
  Vec theta = row(m["theta0"]).cast<float>();
  OptimizerSetup<float> s = build<float>(c["spec"]);
  s.optimizer->reset(theta.size());
  simd::set_enabled(simd_on);
  std::vector<Vec> out;
  const long every = m["record_every"].get<long>();
  for (long k = 0; k < golden()["steps"].get<long>(); ++k) {
    s.optimizer->step(*net.objective, theta, s.schedule.at(k));
    if ((k + 1) % every == 0) out.push_back(compared_point(c, *s.optimizer, theta).cast<float>());
  }
  simd::set_enabled(true);
  return out;
}

}  // namespace

TEST_CASE("every method follows PyTorch's 200-step Rosenbrock trajectory in double to 1e-5 relative") {
  const Json& r = golden()["rosenbrock"];
  CHECK(r["cases"].size() >= 16);
  for (const Json& c : r["cases"]) {
    CAPTURE(c["name"].get<std::string>());
    CAPTURE(c["reference"].get<std::string>());
    std::unique_ptr<Surface> f = make_surface("rosenbrock");  // (1 − x)² + 100 (y − x²)²
    VecD x = row(r["x0"]);
    OptimizerSetup<double> s = build<double>(c["spec"]);
    s.optimizer->reset(2);
    double worst = 0;
    for (std::size_t k = 0; k < c["trajectory"].size(); ++k) {
      s.optimizer->step(*f, x, s.schedule.at(static_cast<long>(k)));
      worst = std::max(worst, max_relative_error(compared_point(c, *s.optimizer, x), row(c["trajectory"][k])));
    }
    CHECK(c["trajectory"].size() == 200);
    CHECK(worst < 1e-5);
  }
}

TEST_CASE("the MLP of the golden file starts at PyTorch's loss") {
  const Json& m = golden()["mlp"];
  Mat x(static_cast<Index>(m["y"].size()), 2);
  for (Index i = 0; i < x.size(); ++i) x.data()[i] = m["x"][static_cast<std::size_t>(i)].get<float>();
  FixedBatchMlp net({2, 8, 3}, x, m["y"].get<std::vector<int>>());
  Vec theta = row(m["theta0"]).cast<float>();
  REQUIRE(theta.size() == net.model->param_count());
  CHECK(net.objective->value(theta) == doctest::Approx(m["initial_loss"].get<double>()).epsilon(1e-6));
}

TEST_CASE("every method follows PyTorch's 200-step MLP trajectory in single precision to 1e-4 relative") {
  const Json& m = golden()["mlp"];
  CHECK(m["cases"].size() >= 13);
  for (const Json& c : m["cases"]) {
    CAPTURE(c["name"].get<std::string>());
    CAPTURE(c["reference"].get<std::string>());
    std::vector<Vec> ours = run_mlp_case(c, true);
    REQUIRE(ours.size() == c["trajectory"].size());
    double worst = 0;
    for (std::size_t i = 0; i < ours.size(); ++i) worst = std::max(worst, max_relative_error(ours[i], row(c["trajectory"][i])));
    CHECK(worst < 1e-4);
  }
}

TEST_CASE("the SIMD and scalar update kernels give bit-identical MLP trajectories for every method") {
  for (const Json& c : golden()["mlp"]["cases"]) {
    CAPTURE(c["name"].get<std::string>());
    std::vector<Vec> packed = run_mlp_case(c, true), scalar = run_mlp_case(c, false);
    REQUIRE(packed.size() == scalar.size());
    for (std::size_t i = 0; i < packed.size(); ++i) CHECK((packed[i].array() == scalar[i].array()).all());
  }
}
