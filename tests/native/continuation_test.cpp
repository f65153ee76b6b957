// Continuation (run/continuation.hpp) and the Rastrigin surface: the sample estimate of the
// Gaussian-smoothed objective against its closed form, exactness on quadratics with antithetic
// directions, finite differences of the smoothed gradient and Hessian, the σ schedule, the spec's
// errors, and the claim of §8.7.6: from starts where gradient descent stops in a local minimum of
// Rastrigin, the same method with continuation reaches the global one.
#include <doctest/doctest.h>

#include <cmath>

#include "run/catalog.hpp"
#include "run/continuation.hpp"
#include "run/run.hpp"
#include "run/surface_run.hpp"
#include "run/surface_spec.hpp"
#include "spec_failure.hpp"
#include "test_support.hpp"

using namespace optlab;

namespace {

constexpr double kPi = 3.14159265358979323846;

// J_σ of Rastrigin in closed form (problems/rastrigin.cpp): E cos(2π(x + σε)) = cos(2πx) e^{−2π²σ²}.
double rastrigin_smoothed(const VecD& x, double a, double sigma, VecD* grad) {
  const double damp = std::exp(-2.0 * kPi * kPi * sigma * sigma);
  double f = a * static_cast<double>(x.size());
  for (Index i = 0; i < x.size(); ++i) {
    f += x(i) * x(i) + sigma * sigma - a * damp * std::cos(2 * kPi * x(i));
    if (grad) (*grad)(i) = 2 * x(i) + 2 * kPi * a * damp * std::sin(2 * kPi * x(i));
  }
  return f;
}

ContinuationSpec smoothing(double sigma, int samples, bool antithetic) {
  ContinuationSpec c;
  c.on = true;
  c.sigma = sigma;
  c.samples = samples;
  c.antithetic = antithetic;
  return c;
}

// Runs a surface spec to the end; returns the run.
std::unique_ptr<Run> run_spec(const Json& spec) {
  auto run = make_run(spec.dump());
  while (!run->done()) run->advance(1000);
  return run;
}

double final_column(const Run& r, const std::string& name) { return testing::record_at(r, name, r.record_count() - 1); }

}  // namespace

TEST_CASE("Rastrigin: f, minimizer and the local minimum near (3, −3) the default start falls into") {
  auto s = make_surface("rastrigin");
  CHECK(s->dim() == 2);
  VecD zero = VecD::Zero(2);
  CHECK(s->eval(zero.data(), nullptr) == 0.0);
  VecD p(2);
  p << 1.0, -2.0;  // f at integer points is Σ xᵢ² (cos 2πk = 1)
  CHECK(s->eval(p.data(), nullptr) == doctest::Approx(5.0).epsilon(1e-12));
  VecD q(2);
  q << 0.5, 0.5;  // half-integers: Σ (xᵢ² + 2A)
  CHECK(s->eval(q.data(), nullptr) == doctest::Approx(40.5).epsilon(1e-12));
  Json j = {{"name", "rastrigin"}, {"dim", 5}, {"A", 3.0}};
  Json out;
  ObjectReader r(j, "problem", &out);
  auto five = read_problem(r, 7);
  CHECK(five->dim() == 5);
  VecD ones = VecD::Ones(5);
  CHECK(five->eval(ones.data(), nullptr) == doctest::Approx(5.0).epsilon(1e-12));
}

TEST_CASE("the smoothed Rastrigin estimate matches the closed form E[f(x + σε)] within its standard error") {
  auto s = make_surface("rastrigin");
  for (double sigma : {0.1, 0.3, 0.8}) {
    SmoothedObjective sm(*s, smoothing(sigma, 4000, true), 11);
    sm.set_sigma(sigma);
    for (const VecD& x : {VecD(VecD::Zero(2)), VecD((VecD(2) << 2.3, -0.7).finished())}) {
      CAPTURE(sigma);
      VecD g(2), g_exact(2);
      const double f = sm.value_and_gradient(x, g);
      const double f_exact = rastrigin_smoothed(x, 10.0, sigma, &g_exact);
      // Standard error of the estimate from the terms themselves (antithetic pairs are the
      // independent units).
      const MatD& e = sm.directions();
      double mean = 0, sq = 0;
      VecD gmean = VecD::Zero(2), gsq = VecD::Zero(2), ga(2), gb(2);
      const Index m = e.cols();
      for (Index k = 0; k < m; ++k) {
        const VecD a = x + sigma * e.col(k), b = x - sigma * e.col(k);
        const double pair = 0.5 * (s->eval(a.data(), ga.data()) + s->eval(b.data(), gb.data()));
        const VecD gpair = 0.5 * (ga + gb);
        mean += pair;
        sq += pair * pair;
        gmean += gpair;
        gsq += gpair.cwiseProduct(gpair);
      }
      mean /= m;
      gmean /= m;
      const double se = std::sqrt(std::max(0.0, sq / m - mean * mean) / m);
      CHECK(f == doctest::Approx(mean).epsilon(1e-12));  // the estimate is that average
      CHECK(std::fabs(f - f_exact) < 4 * se + 1e-12);
      for (Index i = 0; i < 2; ++i) {
        const double gse = std::sqrt(std::max(0.0, gsq(i) / m - gmean(i) * gmean(i)) / m);
        CHECK(g(i) == doctest::Approx(gmean(i)).epsilon(1e-12));
        CHECK(std::fabs(g(i) - g_exact(i)) < 4 * gse + 1e-12);
      }
    }
  }
}

TEST_CASE("with antithetic directions a quadratic's smoothed gradient and Hessian are exact") {
  auto s = make_surface("quadratic");  // κ = 10, rotated by 30°
  SmoothedObjective sm(*s, smoothing(0.7, 5, true), 3);
  sm.set_sigma(0.7);
  MatD h(2, 2), hs(2, 2);
  VecD x(2);
  x << 1.5, -0.4;
  s->eval_hessian(x.data(), h);
  sm.hessian(x, hs);
  CHECK((hs - h).norm() < 1e-12);
  VecD g(2), gs(2);
  const double f = s->eval(x.data(), g.data());
  const double fs = sm.value_and_gradient(x, gs);
  CHECK((gs - g).norm() < 1e-12);
  // Ĵ_σ = J + (σ²/2M) Σ εₘᵀHεₘ: the blur adds the same constant everywhere.
  double shift = 0;
  for (Index m = 0; m < sm.directions().cols(); ++m)
    shift += sm.directions().col(m).dot(h * sm.directions().col(m));
  shift *= 0.7 * 0.7 / (2.0 * 5);
  CHECK(fs == doctest::Approx(f + shift).epsilon(1e-12));
  CHECK(sm.terms() == 10);
}

TEST_CASE("the smoothed objective's gradient and Hessian match central differences of its value") {
  auto s = make_surface("rastrigin");
  for (bool antithetic : {true, false}) {
    SmoothedObjective sm(*s, smoothing(0.4, 7, antithetic), 5);
    sm.set_sigma(0.4);
    VecD x(2);
    x << 0.83, -1.91;
    VecD g(2);
    sm.value_and_gradient(x, g);
    VecD gn = testing::numeric_gradient([&](const VecD& p) { return sm.value(p); }, x, 1e-6);
    CHECK(testing::max_relative_error(g, gn, 1e-2) < 1e-6);
    MatD h(2, 2);
    sm.hessian(x, h);
    for (Index j = 0; j < 2; ++j) {
      VecD hj = testing::numeric_gradient(
          [&](const VecD& p) {
            VecD gp(2);
            sm.value_and_gradient(p, gp);
            return gp(j);
          },
          x, 1e-6);
      CHECK(testing::max_relative_error(h.row(j).transpose(), hj, 1e-2) < 1e-5);
    }
  }
}

TEST_CASE("σ = 0 is the surface itself, one evaluation; a new σ is a new function (generation moves)") {
  auto s = make_surface("rastrigin");
  SmoothedObjective sm(*s, smoothing(1.0, 8, true), 5);
  VecD x(2), g(2), g0(2);
  x << 0.3, 2.2;
  const long before = s->evaluations();
  const double f = sm.value_and_gradient(x, g);
  CHECK(s->evaluations() - before == 1);
  CHECK(f == s->eval(x.data(), g0.data()));
  CHECK(g == g0);
  const long gen = sm.generation();
  sm.set_sigma(0.5);
  CHECK(sm.generation() == gen + 1);
  sm.set_sigma(0.5);
  CHECK(sm.generation() == gen + 1);
  CHECK(sm.terms() == 16);
}

TEST_CASE("σ schedules: linear σ₀(1 − s/(S−1)) and geometric σ₀rˢ over equal stages, the last stage σ = 0") {
  ContinuationSpec c = smoothing(2.0, 4, true);
  c.stages = 5;
  const long steps = 100;
  CHECK(continuation_sigma(c, 0, steps) == 2.0);
  CHECK(continuation_sigma(c, 19, steps) == 2.0);
  CHECK(continuation_sigma(c, 20, steps) == 1.5);
  CHECK(continuation_sigma(c, 59, steps) == 1.0);
  CHECK(continuation_sigma(c, 79, steps) == 0.5);
  CHECK(continuation_sigma(c, 80, steps) == 0.0);
  CHECK(continuation_sigma(c, 100, steps) == 0.0);
  c.schedule = "geometric";
  c.ratio = 0.25;
  CHECK(continuation_sigma(c, 0, steps) == 2.0);
  CHECK(continuation_sigma(c, 20, steps) == 0.5);
  CHECK(continuation_sigma(c, 79, steps) == doctest::Approx(2.0 / 64).epsilon(1e-15));
  CHECK(continuation_sigma(c, 99, steps) == 0.0);
  c.stages = 1;
  CHECK(continuation_sigma(c, 99, steps) == 2.0);
  ContinuationSpec off;
  CHECK(continuation_sigma(off, 0, steps) == 0.0);
}

TEST_CASE("a surface run with continuation traces sigma and smoothed_loss and counts evaluations of f") {
  Json spec = {{"seed", 3}, {"problem", {{"name", "rastrigin"}}}, {"optimizer", {{"name", "sgd"}, {"lr", 0.01}}},
               {"steps", 40}, {"log_every", 10},
               {"continuation", {{"sigma", 1.0}, {"samples", 4}, {"stages", 4}}}};
  auto run = run_spec(spec);
  REQUIRE(run->diverged().empty());
  CHECK(testing::record_at(*run, "sigma", 0) == 1.0);
  CHECK(testing::record_at(*run, "sigma", 1) == doctest::Approx(2.0 / 3));
  CHECK(testing::record_at(*run, "sigma", 4) == 0.0);
  // 10 steps at σ = 1, 2/3, 1/3 cost 8 evaluations each, 10 at σ = 0 cost one.
  CHECK(final_column(*run, "evaluations") == 10 * 8 * 3 + 10);
  // On the last row σ = 0 and the smoothed loss is the loss.
  CHECK(final_column(*run, "smoothed_loss") == final_column(*run, "loss"));
  // Row 0: Ĵ_σ(x0) with the run's directions, above f(x0)'s ripple-free bowl part.
  CHECK(testing::record_at(*run, "smoothed_loss", 0) != testing::record_at(*run, "loss", 0));
  // The same spec twice gives the same bits (common random numbers from the seed).
  auto again = run_spec(spec);
  CHECK(again->records() == run->records());
}

TEST_CASE("continuation reaches Rastrigin's global minimum from starts where the same method stops in a local one") {
  // Starts in the basins of local minima (none within 0.5 of the origin), a seed each (the seed
  // draws the directions), gradient descent and momentum at the catalog's rates; 2000 steps, σ₀ = 1
  // down to 0 in 5 stages, 256 antithetic directions.
  const std::vector<std::pair<double, double>> starts = {{3.2, -2.6}, {-4.1, 2.2}, {1.3, 4.4}, {-2.7, -3.6}, {4.6, 0.9}};
  for (const char* method : {"sgd", "momentum"}) {
    int seed = 0;
    for (const auto& [x, y] : starts) {
      ++seed;
      CAPTURE(method);
      CAPTURE(x);
      CAPTURE(y);
      Json base = {{"seed", seed}, {"problem", {{"name", "rastrigin"}, {"x0", {x, y}}}},
                   {"optimizer", {{"name", method}}}, {"steps", 2000}, {"log_every", 2000}};
      auto plain = run_spec(base);
      CHECK(final_column(*plain, "distance") > 0.9);  // a local minimum, at least one grid cell away
      CHECK(final_column(*plain, "loss") > 0.9);
      CHECK(final_column(*plain, "grad_norm") < 1e-6);  // stopped there
      Json smooth = base;
      smooth["continuation"] = {{"sigma", 1.0}, {"samples", 256}, {"stages", 5}};
      auto cont = run_spec(smooth);
      CHECK(final_column(*cont, "distance") < 1e-6);
      CHECK(final_column(*cont, "loss") < 1e-10);
    }
  }
}

TEST_CASE("with too few directions the estimate keeps ripples of amplitude ~A/√(2M) and continuation can fail") {
  // Antithetic pairs give Ĵ_σ = J-like ripples A·cᵢ cos 2πxᵢ with cᵢ = mean cos(2πσεₘᵢ) instead of
  // e^{−2π²σ²}: for M = 4 at σ = 1, |cᵢ| is far above the exact 2.7e-9.
  auto s = make_surface("rastrigin");
  SmoothedObjective sm(*s, smoothing(1.0, 4, true), 1);
  double c0 = 0;
  for (Index m = 0; m < 4; ++m) c0 += std::cos(2 * kPi * sm.directions()(0, m));
  c0 /= 4;
  CHECK(std::fabs(c0) > 1e-3);
  // Ĵ_σ at x = (0, 0) vs (½, 0): the ripple in coordinate 0 is −A c₀ cos 2πx, a difference of 2A·c₀.
  sm.set_sigma(1.0);
  VecD a = VecD::Zero(2), b(2);
  b << 0.5, 0.0;
  CHECK(sm.value(b) - sm.value(a) == doctest::Approx(0.25 + 2 * 10.0 * c0).epsilon(1e-9));
}

TEST_CASE("every optimizer of the catalog runs on the smoothed objective, second-order methods included") {
  for (const OptimizerEntry& o : catalog().optimizers) {
    CAPTURE(o.name);
    Json spec = {{"seed", 2}, {"problem", {{"name", "rastrigin"}, {"x0", {1.3, -0.4}}}}, {"optimizer", {{"name", o.name}}},
                 {"steps", 30}, {"log_every", 10}, {"continuation", {{"sigma", 0.6}, {"samples", 4}, {"stages", 3}}}};
    auto run = run_spec(spec);
    CHECK(run->diverged().empty());
    CHECK(run->step_count() == 30);
    CHECK(std::isfinite(final_column(*run, "loss")));
    // Each evaluation of Ĵ_σ costs 8 evaluations of f while σ > 0 (steps 0–19), one afterwards.
    CHECK(testing::record_at(*run, "evaluations", 1) == 8 * std::floor(testing::record_at(*run, "evaluations", 1) / 8));
  }
}

TEST_CASE("continuation spec errors name the field") {
  auto field = [](const std::string& text) { return testing::spec_failure(text).field; };
  const std::string p = R"("problem": {"name": "rastrigin"}, )";
  CHECK(field("{" + p + R"("continuation": {"sigma": -0.5}})") == "continuation.sigma");
  CHECK(testing::spec_failure("{" + p + R"("continuation": {"sigma": -0.5}})").what ==
        "continuation.sigma: must be in [0, 1e+06], got -0.5");
  CHECK(field("{" + p + R"("continuation": {"samples": 0}})") == "continuation.samples");
  CHECK(field("{" + p + R"("continuation": {"stages": 0}})") == "continuation.stages");
  CHECK(field("{" + p + R"("steps": 3, "continuation": {"stages": 5}})") == "continuation.stages");
  CHECK(field("{" + p + R"("continuation": {"schedule": "cosine"}})") == "continuation.schedule");
  CHECK(field("{" + p + R"("continuation": {"schedule": "geometric", "ratio": 1}})") == "continuation.ratio");
  CHECK(field("{" + p + R"("continuation": {"ratio": 0.5}})") == "continuation.ratio");  // only with geometric
  CHECK(field("{" + p + R"("continuation": {"sigmaa": 1}})") == "continuation.sigmaa");
  CHECK(field("{" + p + R"("continuation": null})") == "continuation");
  CHECK(field(R"({"problem": {"name": "sparse_coding", "atoms": 20, "samples": 96, "features": 4},
                   "continuation": {"samples": 600}})") == "continuation.samples");  // 600 × 2000 numbers
  CHECK(field(R"({"continuation": {}})") == "continuation");
  CHECK(field("{" + p + R"("continuation": {"sigma": 0.5, "samples": 8, "schedule": "geometric", "ratio": 0.3}})") == "");
}

TEST_CASE("a smoothed step allocates nothing") {
  Json spec = {{"problem", {{"name", "rastrigin"}}}, {"optimizer", {{"name", "adam"}}}, {"steps", 50}, {"log_every", 50},
               {"continuation", {{"sigma", 1.0}, {"samples", 8}, {"stages", 5}}}};
  auto run = make_run(spec.dump());
  run->advance(1);
  CHECK(testing::heap_allocations([&] {
    run->advance(8);
  }) == 0);
}
