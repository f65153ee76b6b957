// The test surfaces: analytic gradients and Hessians against finite differences, and the oracle
// (minimizers are stationary with the stated value; saddle points are stationary and indefinite).
#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>
#include <cmath>

#include "optim/block_coordinate.hpp"
#include "run/surface_spec.hpp"
#include "run/spec_reader.hpp"
#include "test_support.hpp"

using namespace optlab;

namespace {

VecD probe_point(const Surface& s, int k) {
  VecD x = s.start();
  for (Index i = 0; i < x.size(); ++i) x(i) += 0.37 * std::sin(1.3 * (i + 1) * (k + 1)) + 0.1 * k;
  return x;
}

}  // namespace

TEST_CASE("every surface's gradient and Hessian match central differences") {
  for (const std::string& name : builtin_surface_names()) {
    CAPTURE(name);
    auto s = make_surface(name);
    const Index n = s->dim();
    for (int k = 0; k < 3; ++k) {
      VecD x = probe_point(*s, k);
      if (name == "cliff") x(0) = 0.01 * (k + 1);  // on the wall, where the curvature is
      VecD g(n);
      s->eval(x.data(), g.data());
      VecD gn = testing::numeric_gradient([&](const VecD& p) { return s->eval(p.data(), nullptr); }, x, 1e-6);
      CHECK(testing::max_relative_error(g, gn, 1e-2) < 1e-5);
      MatD h(n, n);
      s->eval_hessian(x.data(), h);
      CHECK((h - h.transpose()).norm() <= 1e-12 * (1 + h.norm()));
      for (Index j = 0; j < n; ++j) {
        VecD hj = testing::numeric_gradient(
            [&](const VecD& p) {
              VecD gp(n);
              s->eval(p.data(), gp.data());
              return gp(j);
            },
            x, 1e-6);
        CHECK(testing::max_relative_error(h.row(j).transpose(), hj, 1e-2) < 1e-4);
      }
    }
  }
}

TEST_CASE("known minimizers are stationary with the stated minimum and positive definite Hessian") {
  for (const std::string& name : builtin_surface_names()) {
    CAPTURE(name);
    auto s = make_surface(name);
    const Index n = s->dim();
    for (const VecD& m : s->minimizers()) {
      VecD g(n);
      const double f = s->eval(m.data(), g.data());
      CHECK(g.norm() < 1e-9);
      CHECK(std::fabs(f - s->minimum()) < 1e-12);
      MatD h(n, n);
      s->eval_hessian(m.data(), h);
      CHECK(Eigen::SelfAdjointEigenSolver<MatD>(h).eigenvalues().minCoeff() > 0);
    }
    for (const VecD& p : s->saddle_points()) {
      VecD g(n);
      s->eval(p.data(), g.data());
      CHECK(g.norm() < 1e-9);
    }
  }
  CHECK(make_surface("himmelblau")->minimizers().size() == 4);
  CHECK(make_surface("himmelblau")->saddle_points().size() == 4);
  CHECK(make_surface("saddle")->minimizers().empty());
}

TEST_CASE("quadratic with condition number κ has exactly that eigenvalue ratio, whatever the rotation") {
  Json j = {{"name", "quadratic"}, {"condition", 100.0}, {"dim", 5}, {"angle", 40.0}};
  Json out;
  ObjectReader r(j, "problem", &out);
  auto s = read_problem(r, 1);
  MatD h(5, 5);
  s->eval_hessian(s->start().data(), h);
  VecD ev = Eigen::SelfAdjointEigenSolver<MatD>(h).eigenvalues();
  CHECK(ev.maxCoeff() / ev.minCoeff() == doctest::Approx(100.0).epsilon(1e-10));
  CHECK(std::fabs(h(0, 1)) > 1e-3);  // rotated: not diagonal
  CHECK(s->is_quadratic());
}

TEST_CASE("problem spec errors name the field") {
  auto fails = [](Json j, const std::string& field) {
    Json out;
    ObjectReader r(j, "problem", &out);
    try {
      read_problem(r, 1);
      FAIL("accepted " << j.dump());
    } catch (const SpecError& e) {
      CHECK(e.field() == field);
    }
  };
  fails({{"name", "banana"}}, "problem.name");
  fails(Json::object(), "problem.name");
  fails({{"name", "rosenbrock"}, {"x0", {1.0}}}, "problem.x0");
  fails({{"name", "rosenbrock"}, {"x0", {1.0, nullptr}}}, "problem.x0");
  fails({{"name", "rosenbrock"}, {"x0", "here"}}, "problem.x0");
  fails({{"name", "quadratic"}, {"eigenvalues", {1.0, "x"}}}, "problem.eigenvalues");
  fails({{"name", "quadratic"}, {"eigenvalues", {1.0, 2.0}}, {"condition", 3.0}}, "problem.condition");
  fails({{"name", "booth"}, {"alpha", 3.0}}, "problem.alpha");
  fails({{"name", "sparse_coding"}, {"samples", 1000}, {"atoms", 30}}, "problem.samples");
}

TEST_CASE("sparse coding block minimization never increases J and does not allocate") {
  auto s = make_surface("sparse_coding", 3);
  auto* b = dynamic_cast<BlockCoordinateProblem*>(s.get());
  REQUIRE(b != nullptr);
  VecD x = s->start();
  double f = s->eval(x.data(), nullptr);
  CHECK(testing::heap_allocations([&] {
    for (int k = 0; k < 40; ++k) {
      b->minimize_block(k % 2, x.data());
      const double fn = s->eval(x.data(), nullptr);
      CHECK(fn <= f + 1e-12 * std::fabs(f));
      f = fn;
    }
  }) == 0);
}
