// Newton, conjugate gradient, BFGS, L-BFGS and coordinate descent on the test surfaces: the
// analytic facts of the book and of Nocedal & Wright, and SciPy's counts on Rosenbrock.
#include <doctest/doctest.h>

#include <cmath>
#include <memory>

#include "optim/bfgs.hpp"
#include "optim/conjugate_gradient.hpp"
#include "optim/coordinate_descent.hpp"
#include "optim/lbfgs.hpp"
#include "optim/line_search.hpp"
#include "optim/newton.hpp"
#include "optim/sgd.hpp"
#include "run/surface_spec.hpp"
#include "run/optimizer_factory.hpp"
#include "run/run.hpp"
#include "run/surface_run.hpp"
#include "test_support.hpp"

using namespace optlab;

namespace {

std::unique_ptr<Optimizer<double>> optimizer(const Json& spec) {
  Json j = spec, out;
  ObjectReader r(j, "optimizer", &out);
  return read_optimizer<double>(r).optimizer;
}

double grad_inf_norm(Surface& s, const VecD& x) {
  VecD g(x.size());
  s.eval(x.data(), g.data());
  return g.cwiseAbs().maxCoeff();
}

Json golden() { return Json::parse(testing::read_source_file("tests/golden/scipy.json")); }

}  // namespace

TEST_CASE("Newton reaches the minimum of a convex quadratic in one step") {
  auto s = make_quadratic({1.0, 3.0, 10.0, 30.0, 100.0}, 40.0);
  Newton<double> opt;
  VecD x = s->start();
  opt.reset(x.size());
  opt.step(*s, x, 1.0);
  CHECK(x.norm() < 1e-12);
  CHECK(grad_inf_norm(*s, x) < 1e-12);
}

TEST_CASE("Newton lands on the saddle of x^2 - y^2 in one step, with or without line search") {
  auto s = make_surface("saddle");
  for (bool ls : {false, true}) {
    for (VecD x0 : {s->start(), VecD(VecD::Constant(2, 0.0))}) {
      if (x0.norm() == 0) x0 << -3.0, 2.0;
      NewtonOptions o;
      o.line_search = ls;
      Newton<double> opt(o);
      VecD x = x0;
      opt.reset(2);
      opt.step(*s, x, 1.0);
      CAPTURE(ls);
      CHECK(x.norm() < 1e-14);  // attracted by the saddle point — the book's point
    }
  }
  // Gradient descent from the same start escapes along −y instead.
  Sgd<double> gd;
  VecD x = s->start();
  gd.reset(2);
  for (int k = 0; k < 50; ++k) gd.step(*s, x, 0.1);
  CHECK(std::fabs(x(1)) > 100.0);
  CHECK(std::fabs(x(0)) < 1e-3);
}

TEST_CASE("damping makes Newton's step a descent direction at a saddle") {
  auto s = make_surface("saddle");
  NewtonOptions o;
  o.damping = 3.0;  // H + 3I = diag(5, 1) is positive definite
  Newton<double> opt(o);
  VecD x = s->start();
  const double f0 = s->eval(x.data(), nullptr);
  opt.reset(2);
  opt.step(*s, x, 1.0);
  CHECK(s->eval(x.data(), nullptr) < f0);
  CHECK(std::fabs(x(1)) > 0.1);  // moves away from the saddle along y
}

TEST_CASE("CG and BFGS with exact line search finish an n-dimensional quadratic in at most n iterations") {
  // n-step termination is a fact of exact arithmetic; in double precision CG loses conjugacy at a
  // rate that grows with the condition number (κ = 1000, n = 8 leaves ‖g‖/‖g₀‖ ≈ 4e-5, in NumPy as
  // here), so the n-D cases use κ = 10 and the ill-conditioned ones stay small.
  const std::pair<int, double> cases[] = {{2, 1000.0}, {3, 1000.0}, {5, 10.0}, {8, 10.0}, {12, 10.0}};
  for (auto [n, kappa] : cases) {
    std::vector<double> lam;
    for (int i = 0; i < n; ++i) lam.push_back(std::pow(kappa, static_cast<double>(i) / (n - 1)));
    auto s = make_quadratic(lam, 25.0);
    for (const char* name : {"cg", "bfgs"}) {
      CAPTURE(n);
      CAPTURE(std::string(name));
      auto opt = optimizer({{"name", name}});
      VecD x = s->start();
      opt->reset(n);
      const double g0 = grad_inf_norm(*s, x);
      for (int k = 0; k < n; ++k) opt->step(*s, x, 1.0);
      CHECK(grad_inf_norm(*s, x) <= 1e-9 * g0);
      CHECK(x.norm() < 1e-8);
    }
  }
}

TEST_CASE("CG's exact step on a quadratic keeps successive directions conjugate (ρ_tᵀHρ_{t−1} = 0)") {
  auto s = make_quadratic({1.0, 4.0, 9.0, 50.0}, 30.0);
  MatD h(4, 4);
  s->eval_hessian(s->start().data(), h);
  ConjugateGradientOptions o;
  o.beta = CgBeta::FletcherReeves;
  ConjugateGradient<double> cg(o);
  VecD x = s->start(), prev_dir;
  cg.reset(4);
  for (int k = 0; k < 3; ++k) {
    cg.step(*s, x, 1.0);
    const VecD dir = *cg.state()[0].second;
    if (k > 0) CHECK(std::fabs(dir.dot(h * prev_dir)) < 1e-9 * dir.norm() * (h * prev_dir).norm());
    prev_dir = dir;
  }
}

TEST_CASE("from (-1.2, 1) newton, cg, bfgs and lbfgs reach Rosenbrock's (1, 1) within 1.5x SciPy's counts") {
  const Json g = golden();
  const double gtol = g["gtol"].get<double>();
  for (const char* name : {"newton", "cg", "bfgs", "lbfgs"}) {
    CAPTURE(std::string(name));
    auto s = make_surface("rosenbrock");
    Json spec = {{"name", name}};
    if (std::string(name) == "newton") spec["line_search"] = true;
    auto opt = optimizer(spec);
    VecD x = s->start();
    opt->reset(2);
    long it = 0, evals = 0;
    while (grad_inf_norm(*s, x) > gtol && it < 1000) {
      evals += opt->step(*s, x, 1.0).evaluations;
      ++it;
    }
    const Json& ref = g["methods"][name];
    MESSAGE(std::string(name) << ": " << it << " iterations, " << evals << " evaluations; SciPy " << ref["scipy_method"].get<std::string>()
                 << " " << ref["nit"].get<int>() << " / " << ref["nfev"].get<int>());
    CHECK((x - VecD::Ones(2)).cwiseAbs().maxCoeff() < 1e-6);
    CHECK(it <= 1.5 * ref["nit"].get<double>());
    CHECK(evals <= 1.5 * ref["nfev"].get<double>());
    CHECK(evals == s->evaluations());  // the methods report every evaluation they make
  }
}

TEST_CASE("every CG β formula and L-BFGS memory converge on Rosenbrock") {
  for (const char* beta : {"fletcher_reeves", "polak_ribiere", "pr_plus"}) {
    for (int restart : {0, 2}) {
      CAPTURE(std::string(beta));
      CAPTURE(restart);
      auto s = make_surface("rosenbrock");
      auto opt = optimizer({{"name", "cg"}, {"beta", beta}, {"restart", restart}});
      VecD x = s->start();
      opt->reset(2);
      for (int k = 0; k < 3000 && grad_inf_norm(*s, x) > 1e-8; ++k) opt->step(*s, x, 1.0);
      CHECK((x - VecD::Ones(2)).norm() < 1e-6);
    }
  }
  for (int m : {1, 3, 10}) {
    auto s = make_surface("rosenbrock");
    auto opt = optimizer({{"name", "lbfgs"}, {"memory", m}});
    VecD x = s->start();
    opt->reset(2);
    for (int k = 0; k < 500 && grad_inf_norm(*s, x) > 1e-8; ++k) opt->step(*s, x, 1.0);
    CHECK((x - VecD::Ones(2)).norm() < 1e-6);
  }
}

TEST_CASE("the line search returns a step satisfying the strong Wolfe conditions") {
  for (const char* name : {"rosenbrock", "beale", "himmelblau", "cliff"}) {
    CAPTURE(std::string(name));
    auto s = make_surface(name);
    StrongWolfeLineSearch<double> ls;
    ls.reset(2);
    VecD x = s->start(), g(2);
    const double f0 = s->eval(x.data(), g.data());
    const VecD d = -g;
    const double dphi0 = g.dot(d);
    for (double a0 : {1e-4, 1.0, 100.0}) {
      LineSearchOptions o;
      LineSearchResult r = ls.search(*s, x, d, f0, dphi0, a0, o);
      REQUIRE(r.ok);
      VecD gn(2);
      const double fa = s->eval(VecD(x + r.alpha * d).data(), gn.data());
      CHECK(fa == doctest::Approx(r.f).epsilon(1e-12));
      CHECK(fa <= f0 + o.c1 * r.alpha * dphi0);
      CHECK(std::fabs(gn.dot(d)) <= o.c2 * std::fabs(dphi0));
    }
  }
}

TEST_CASE("coordinate descent decreases the sparse-coding objective monotonically") {
  for (const char* order : {"cyclic", "random"}) {
    auto s = make_surface("sparse_coding", 11);
    auto opt = optimizer({{"name", "coordinate_descent"}, {"order", order}});
    VecD x = s->start();
    opt->reset(x.size());
    double f = s->eval(x.data(), nullptr);
    const double f0 = f;
    for (int k = 0; k < 100; ++k) {
      opt->step(*s, x, 1.0);
      const double fn = s->eval(x.data(), nullptr);
      CHECK(fn <= f + 1e-12 * f);
      f = fn;
    }
    CHECK(f < 0.5 * f0);
  }
}

TEST_CASE("coordinate descent stalls on the counterexample (x1 - x2)^2 + a(x1^2 + x2^2) that Newton solves in one step") {
  const double alpha = 0.01;
  Json j = {{"name", "cd_counterexample"}, {"alpha", alpha}}, out;
  ObjectReader r(j, "problem", &out);
  auto s = read_problem(r, 1);
  auto cd = optimizer({{"name", "coordinate_descent"}});
  VecD x = s->start();
  cd->reset(2);
  // Each exact move sets one coordinate to the other divided by (1 + α): a full sweep shrinks the
  // iterate by exactly (1 + α)⁻² — the slow progress the lecture warns about.
  cd->step(*s, x, 1.0);
  cd->step(*s, x, 1.0);
  for (int sweep = 1; sweep < 50; ++sweep) {
    const VecD before = x;
    cd->step(*s, x, 1.0);
    cd->step(*s, x, 1.0);
    CHECK(x.norm() == doctest::Approx(before.norm() / ((1 + alpha) * (1 + alpha))).epsilon(1e-9));
  }
  CHECK(x.norm() > 0.3);  // still far from the minimizer (0, 0) after 100 coordinate steps
  Newton<double> newton;
  VecD y = s->start();
  newton.reset(2);
  newton.step(*s, y, 1.0);
  CHECK(y.norm() < 1e-12);
}

TEST_CASE("a step of every line-search method allocates nothing once warmed up") {
  for (const char* name : {"newton", "cg", "bfgs", "lbfgs", "coordinate_descent"}) {
    CAPTURE(std::string(name));
    auto s = make_surface("beale");
    auto opt = optimizer({{"name", name}, {"lr", 0.1}});
    VecD x = s->start();
    opt->reset(2);
    opt->step(*s, x, 0.1);
    CHECK(testing::heap_allocations([&] {
      for (int k = 0; k < 20; ++k) opt->step(*s, x, 0.1);
    }) == 0);
  }
}

TEST_CASE("bad second-order input gets a clear error or a reported failure, never a crash") {
  auto spec_error = [](const std::string& text, const std::string& field) {
    try {
      make_run(text);
      FAIL("accepted " << text);
    } catch (const SpecError& e) {
      CHECK(e.field() == field);
    }
  };
  spec_error(R"({"problem": {"name": "rosenbrock"}, "optimizer": {"name": "lbfgs", "memory": 0}})", "optimizer.memory");
  spec_error(R"({"problem": {"name": "rosenbrock", "x0": [1, null]}})", "problem.x0");
  spec_error(R"({"problem": {"name": "rosenbrock", "x0": [1, 2, 3]}})", "problem.x0");
  spec_error(R"({"problem": {"name": "saddle_point"}})", "problem.name");
  spec_error(R"({"problem": {"name": "booth"}, "dataset": {"name": "xor"}})", "dataset");
  spec_error(R"({"problem": {"name": "booth"}, "network": {}})", "network");
  spec_error(R"({"problem": {"name": "booth"}, "optimizer": {"name": "cg", "c1": 0.5, "c2": 0.4}})", "optimizer.c2");
  spec_error(R"({"problem": {"name": "booth"}, "optimizer": {"name": "cg", "beta": "hestenes"}})", "optimizer.beta");
  spec_error(R"({"problem": {"name": "booth"}, "optimizer": {"name": "newton", "damping": -1}})", "optimizer.damping");
  spec_error(R"({"problem": {"name": "sparse_coding", "atoms": 30, "samples": 30}, "optimizer": {"name": "newton"}})",
             "optimizer.name");
  spec_error(R"({"problem": {"name": "booth"}, "trace": {"curvature": "yes"}})", "trace.curvature");

  // A singular Hessian without damping: the run stops with the reason, x stays finite.
  auto run = make_run(R"({"problem": {"name": "quadratic", "eigenvalues": [1, 0], "angle": 0, "x0": [1, 1]},
                          "optimizer": {"name": "newton"}, "steps": 10})");
  while (!run->done()) run->advance(10);
  CHECK(run->diverged().find("singular") != std::string::npos);
  CHECK(run->diverged().find("damping") != std::string::npos);
  CHECK(run->step_count() == 1);
  auto damped = make_run(R"({"problem": {"name": "quadratic", "eigenvalues": [1, 0], "angle": 0, "x0": [1, 1]},
                             "optimizer": {"name": "newton", "damping": 0.1}, "steps": 10})");
  while (!damped->done()) damped->advance(10);
  CHECK(damped->diverged().empty());
  // Every method at a stationary point (g = 0) stays put without NaN.
  for (const char* name : {"newton", "cg", "bfgs", "lbfgs", "coordinate_descent"}) {
    auto r = make_run(std::string(R"({"problem": {"name": "booth", "x0": [1, 3]}, "optimizer": {"name": ")") + name +
                      R"("}, "steps": 5, "trace": {"params": true}})");
    r->advance(5);
    CAPTURE(std::string(name));
    CHECK(r->diverged().empty());
    CHECK(r->params_copy()[0] == 1.0);
    CHECK(r->params_copy()[1] == 3.0);
  }
}

TEST_CASE("every optimizer of the factory runs on every surface without crashing") {
  for (const std::string& opt : optimizer_names()) {
    for (const std::string& prob : builtin_surface_names()) {
      CAPTURE(opt);
      CAPTURE(prob);
      auto run = make_run(R"({"problem": {"name": ")" + prob + R"("}, "optimizer": {"name": ")" + opt +
                          R"(", "lr": 0.01}, "steps": 30, "log_every": 10, "trace": {"params": true, "curvature": true}})");
      while (!run->done()) run->advance(100);
      CHECK(run->record_count() >= 2);
      CHECK(run->params_trace().size() == static_cast<std::size_t>(run->record_count() * run->param_count()));
      CHECK(!run->summary_line().empty());
    }
  }
}

TEST_CASE("a surface run prints loss, evaluations, params and curvature columns") {
  auto run = make_run(R"({"problem": {"name": "rosenbrock"}, "optimizer": {"name": "bfgs"}, "steps": 60,
                          "log_every": 1, "trace": {"params": true, "curvature": true}})");
  while (!run->done()) run->advance(100);
  Json first = Json::parse(run->json_line(0));
  CHECK(first["step"] == 0);
  CHECK(first["loss"].get<double>() == doctest::Approx(24.2));
  CHECK(first["params"][0].get<double>() == -1.2);
  CHECK(first["evaluations"] == 0);
  CHECK(first.contains("lambda_min"));
  CHECK(first.contains("ill_conditioning"));
  Json summary = Json::parse(run->summary_line());
  CHECK(summary["distance"].get<double>() < 1e-8);
  CHECK(summary["evaluations"].get<long>() < 70);
}

TEST_CASE("near a saddle of Himmelblau's function Newton converges to the saddle, gradient descent to a minimum") {
  auto s = make_surface("himmelblau");
  for (const VecD& saddle : s->saddle_points()) {
    VecD x0 = saddle;
    x0(0) += 0.15;
    x0(1) -= 0.1;
    Newton<double> newton;
    VecD x = x0;
    newton.reset(2);
    for (int k = 0; k < 20; ++k) newton.step(*s, x, 1.0);
    CHECK((x - saddle).norm() < 1e-10);  // pure Newton solves ∇f = 0: a saddle is as good as a minimum
    Sgd<double> gd;
    VecD y = x0;
    gd.reset(2);
    for (int k = 0; k < 5000; ++k) gd.step(*s, y, 0.005);
    double nearest = 1e9;
    for (const VecD& m : s->minimizers()) nearest = std::min(nearest, (y - m).norm());
    CHECK(nearest < 1e-6);
  }
}
