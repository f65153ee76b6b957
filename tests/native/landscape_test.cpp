// Loss landscapes (run/landscape.hpp): the interpolation line equals the run's own trace loss at
// α = 0 and α = 1 (with and without batch norm), the plane is centred on θ₁, filter-normalized
// directions have each unit's weight norm and zero biases/γ/β, the projected trajectory ends at
// the origin, and bad landscape specs name their field.
#include <doctest/doctest.h>

#include <cmath>

#include "nn/batch_norm.hpp"
#include "nn/dense.hpp"
#include "run/experiment.hpp"
#include "run/landscape.hpp"
#include "spec_failure.hpp"
#include "test_support.hpp"

using namespace optlab;

namespace {

std::unique_ptr<NetworkRun> trained(const Json& extra) {
  Json spec = {{"seed", 5}, {"dataset", {{"name", "spiral"}, {"samples", 120}}},
               {"network", {{"layers", {{{"units", 8}, {"activation", "tanh"}}}}}},
               {"optimizer", {{"name", "adam"}, {"lr", 0.02}}}, {"steps", 120}, {"log_every", 20},
               {"landscape", {{"line_points", 41}, {"plane_points", 9}}}};
  if (extra.is_object()) spec.merge_patch(extra);  // ({} is null in nlohmann::json)
  auto run = std::make_unique<NetworkRun>(parse_spec(spec.dump()));
  while (!run->done()) run->advance(1000);
  REQUIRE(run->diverged().empty());
  return run;
}

std::size_t index_of(const std::vector<double>& v, double x) {
  for (std::size_t i = 0; i < v.size(); ++i)
    if (v[i] == x) return i;
  FAIL("no grid point " << x);
  return 0;
}

}  // namespace

TEST_CASE("the interpolation curve equals the trace's loss at α = 0 and α = 1, batch norm included") {
  for (const char* norm : {"none", "batch_norm"}) {
    CAPTURE(norm);
    auto run = trained({{"network", {{"layers", {{{"units", 8}, {"activation", "tanh"}, {"norm", norm}}}}}}});
    Landscape l(*run);
    CHECK(l.total() == 41 + 81);
    CHECK(l.compute(10) == 10);
    CHECK_FALSE(l.finished());
    l.compute(l.total());
    CHECK(l.finished());
    CHECK(l.compute(5) == 0);
    const double first = testing::record_at(*run, "loss", 0);
    const double last = testing::record_at(*run, "loss", run->record_count() - 1);
    CHECK(l.line_loss()[index_of(l.alpha(), 0.0)] == first);
    CHECK(l.line_loss()[index_of(l.alpha(), 1.0)] == last);
    CHECK(l.alpha().front() == -0.5);
    CHECK(l.alpha().back() == 1.5);
    // The plane's centre is θ₁.
    const std::size_t c = index_of(l.plane_axis(), 0.0);
    CHECK(l.plane_loss()[c * l.plane_points() + c] == last);
    // The trace's loss did not move by computing the landscape (running statistics restored).
    CHECK(run->evaluate(run->params().data(), run->dataset().train_x, run->dataset().train_y).loss == last);
  }
}

TEST_CASE("line and plane points are the loss of (1 − α)θ₀ + αθ₁ and θ₁ + aδ + bη") {
  auto run = trained({});
  Landscape l(*run);
  l.compute(l.total());
  const Dataset& d = run->dataset();
  const Vec t0 = run->initial_params(), t1 = run->params();
  const std::size_t i = 3;  // α = −0.35
  const float a = static_cast<float>(l.alpha()[i]);
  const Vec mid = (1.0f - a) * t0 + a * t1;
  CHECK(l.line_loss()[i] == doctest::Approx(run->evaluate(mid.data(), d.train_x, d.train_y).loss).epsilon(1e-5));
  const std::size_t row = 2, col = 7;
  const Vec p = t1 + static_cast<float>(l.plane_axis()[col]) * l.direction(0) +
                static_cast<float>(l.plane_axis()[row]) * l.direction(1);
  CHECK(l.plane_loss()[row * l.plane_points() + col] == run->evaluate(p.data(), d.train_x, d.train_y).loss);
  // Along the line the loss is not flat: training moved θ downhill from θ₀ to θ₁.
  CHECK(l.line_loss()[index_of(l.alpha(), 1.0)] < l.line_loss()[index_of(l.alpha(), 0.0)]);
}

TEST_CASE("filter normalization: each unit's direction has the norm of its weights; biases and γ, β get 0") {
  auto run = trained({{"network", {{"layers", {{{"units", 8}, {"activation", "tanh"}, {"norm", "batch_norm"}}}}}}});
  for (const char* mode : {"filter", "layer"}) {
    CAPTURE(mode);
    Json spec = run->spec().normalized;
    spec["landscape"]["normalization"] = mode;
    NetworkRun r2(parse_spec(spec.dump()));
    while (!r2.done()) r2.advance(1000);
    Landscape l(r2);
    const Model& m = r2.model();
    for (int k = 0; k < 2; ++k) {
      const Vec& dir = l.direction(k);
      for (std::size_t li = 0; li < m.layers().size(); ++li) {
        const Layer& layer = *m.layers()[li];
        const Index off = m.param_offset(li);
        if (dynamic_cast<const Dense*>(&layer)) {
          const Index in = layer.in_features(), out = layer.out_features();
          if (std::string(mode) == "filter") {
            for (Index u = 0; u < out; ++u)
              CHECK(dir.segment(off + u * in, in).norm() ==
                    doctest::Approx(r2.params().segment(off + u * in, in).norm()).epsilon(1e-5));
          } else {
            CHECK(dir.segment(off, in * out).norm() == doctest::Approx(r2.params().segment(off, in * out).norm()).epsilon(1e-5));
          }
          CHECK(dir.segment(off + in * out, out).isZero(0));
        } else if (dynamic_cast<const BatchNorm*>(&layer)) {
          CHECK(dir.segment(off, layer.param_count()).isZero(0));
        }
      }
    }
    CHECK(l.direction(0) != l.direction(1));
  }
}

TEST_CASE("the projected trajectory has one point per logged row and ends at the plane's origin") {
  auto run = trained({});
  Landscape l(*run);
  REQUIRE(l.trajectory_a().size() == static_cast<std::size_t>(run->record_count()));
  CHECK(l.trajectory_step().front() == 0);
  CHECK(l.trajectory_step().back() == 120);
  CHECK(l.trajectory_a().back() == 0);
  CHECK(l.trajectory_b().back() == 0);
  CHECK(l.trajectory_off_plane().back() == 0);
  // Residuals are relative: in [0, 1]; a random plane misses most of a 51-parameter path.
  for (double r : l.trajectory_off_plane()) CHECK((r >= 0 && r <= 1 + 1e-12));
  CHECK(l.trajectory_off_plane().front() > 0.5);
  // The projection is least squares: the residual is orthogonal to both directions.
  const Vec v = Vec(run->initial_params() - run->params());
  const VecD res = v.cast<double>() - l.trajectory_a().front() * l.direction(0).cast<double>() -
                   l.trajectory_b().front() * l.direction(1).cast<double>();
  CHECK(std::fabs(res.dot(l.direction(0).cast<double>())) < 1e-6 * res.norm() * l.direction(0).norm());
  CHECK(std::fabs(res.dot(l.direction(1).cast<double>())) < 1e-6 * res.norm() * l.direction(1).norm());
}

TEST_CASE("the runners' final lines: line, plane rows and trajectory; none without the key") {
  auto run = trained({});
  const auto lines = run->final_lines();
  REQUIRE(lines.size() == 41 + 9 + static_cast<std::size_t>(run->record_count()));
  CHECK(Json::parse(lines[0])["landscape"] == "line");
  CHECK(Json::parse(lines[0])["alpha"] == -0.5);
  CHECK(Json::parse(lines[41])["landscape"] == "plane");
  CHECK(Json::parse(lines[41])["a"].size() == 9);
  CHECK(Json::parse(lines.back())["landscape"] == "trajectory");
  auto plain = trained({{"landscape", nullptr}});
  CHECK(plain->final_lines().empty());
  auto line_only = trained({{"landscape", {{"plane", false}}}});
  CHECK(line_only->final_lines().size() == 41);
  CHECK(line_only->landscape_trajectory().empty());
}

TEST_CASE("landscape spec errors name the field") {
  auto field = [](const std::string& text) { return testing::spec_failure(text).field; };
  CHECK(field(R"({"landscape": {"alpha_min": 1, "alpha_max": 1}})") == "landscape.alpha_max");
  CHECK(testing::spec_failure(R"({"landscape": {"alpha_min": 1, "alpha_max": 0.5}})").what.find("empty") !=
        std::string::npos);
  CHECK(field(R"({"landscape": {"plane_min": 2}})") == "landscape.plane_max");
  CHECK(field(R"({"landscape": {"line_points": 1}})") == "landscape.line_points");
  CHECK(field(R"({"landscape": {"plane_points": 500}})") == "landscape.plane_points");
  CHECK(field(R"({"landscape": {"normalization": "batch"}})") == "landscape.normalization");
  CHECK(field(R"({"landscape": {"line": false, "plane": false}})") == "landscape.plane");
  CHECK(field(R"({"landscape": {"alpha": 1}})") == "landscape.alpha");
  CHECK(field(R"({"landscape": 3})") == "landscape");
  CHECK(field(R"({"problem": {"name": "rastrigin"}, "landscape": {}})") == "landscape");
  CHECK(field(R"({"landscape": {}})") == "");
}
