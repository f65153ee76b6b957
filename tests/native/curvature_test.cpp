// Hessian-vector products, Lanczos and the curvature readouts; second-order methods on networks.
#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>
#include <cmath>
#include <memory>

#include "nn/activation_layer.hpp"
#include "nn/dense.hpp"
#include "math/rng.hpp"
#include "nn/model.hpp"
#include "optim/curvature.hpp"
#include "optim/hessian_vector.hpp"
#include "problems/dataset.hpp"
#include "run/surface_spec.hpp"
#include "run/experiment.hpp"
#include "run/network_objective.hpp"
#include "run/run.hpp"
#include "test_support.hpp"

using namespace optlab;

namespace {

// A surface seen without its closed-form Hessian, so products must come from gradients.
class GradientOnly final : public Objective<double> {
 public:
  explicit GradientOnly(Surface& s) : s_(s) {}
  Index dim() const override { return s_.dim(); }
  double value_and_gradient(ConstVecRefT<double> x, VecRefT<double> g) override {
    ++evaluations_;
    return s_.eval(x.data(), g.data());
  }
  double value(ConstVecRefT<double> x) override { return s_.eval(x.data(), nullptr); }

 private:
  Surface& s_;
};

struct SmallNet {
  Dataset data;
  std::unique_ptr<Model> model;
  std::unique_ptr<NetworkObjective> f;
  Vec theta;
  std::vector<int> all;
  SmallNet() {
    DatasetSpec d;
    d.samples = 80;
    data = make_dataset(d, 3);
    std::vector<std::unique_ptr<Layer>> layers;
    layers.push_back(std::make_unique<Dense>(2, 5));
    layers.push_back(std::make_unique<ActivationLayer>(5, Activation::Tanh));
    layers.push_back(std::make_unique<Dense>(5, 3));
    model = std::make_unique<Model>(2, std::move(layers));
    theta.setZero(model->param_count());
    Rng rng(3, RngStream::Init);
    model->init_params(theta.data(), rng);
    const Index n = data.train_x.rows();
    f = std::make_unique<NetworkObjective>(*model, Loss::SoftmaxCrossEntropy);
    f->reserve(n, 2);
    for (Index i = 0; i < n; ++i) all.push_back(static_cast<int>(i));
    f->set_batch(data.train_x, data.train_y, all.data(), n);
  }
};

}  // namespace

TEST_CASE("Hessian-vector products by differences of gradients match the analytic Hessian to 1e-7") {
  // (Not sparse_coding: its λΣ|H| term makes the gradient jump where an Hᵢⱼ crosses 0.)
  for (const char* name : {"rosenbrock", "beale", "himmelblau", "cliff"}) {
    CAPTURE(std::string(name));
    auto s = make_surface(name);
    GradientOnly f(*s);
    const Index n = s->dim();
    HessianVectorProduct<double> hvp;
    hvp.reset(n);
    VecD x = s->start(), v(n), out(n);
    for (Index i = 0; i < n; ++i) v(i) = std::cos(0.7 * i + 0.3);
    MatD h(n, n);
    s->eval_hessian(x.data(), h);
    CHECK(hvp.apply(f, x, v, out) == 4);
    const VecD exact = h * v;
    CHECK((out - exact).norm() <= 1e-7 * std::max(1.0, exact.norm()));
  }
}

TEST_CASE("Lanczos eigenvalues match a dense eigendecomposition of a small network's Hessian to 1e-4") {
  SmallNet net;
  const Index n = net.theta.size();
  HessianVectorProduct<float> hvp;
  hvp.reset(n);
  MatD h(n, n);
  hvp.dense(*net.f, net.theta, h);
  const VecD dense = Eigen::SelfAdjointEigenSolver<MatD>(h).eigenvalues();
  const double scale = dense.cwiseAbs().maxCoeff();
  REQUIRE(scale > 1e-3);

  CurvatureProbe<float> probe;
  probe.reset(n, static_cast<int>(n), 0);  // dense_limit 0: Lanczos only
  const int steps = probe.lanczos(*net.f, net.theta, static_cast<int>(n));
  const VecD ritz = probe.ritz();
  CHECK(steps >= 2);
  MESSAGE("network with " << n << " parameters: λ ∈ [" << dense(0) << ", " << dense(n - 1) << "], Lanczos ["
                          << ritz(0) << ", " << ritz(ritz.size() - 1) << "] after " << steps << " steps");
  CHECK(std::fabs(ritz(ritz.size() - 1) - dense(n - 1)) <= 1e-4 * scale);
  CHECK(std::fabs(ritz(0) - dense(0)) <= 1e-4 * scale);

  // The readouts through the Lanczos path agree with the dense path.
  CurvatureProbe<float> dense_probe, lanczos_probe;
  dense_probe.reset(n, 20, 1000);
  lanczos_probe.reset(n, static_cast<int>(n), 0);
  const CurvatureReadout a = dense_probe.measure(*net.f, net.theta, 0.1);
  const CurvatureReadout b = lanczos_probe.measure(*net.f, net.theta, 0.1);
  CHECK(a.exact);
  CHECK(!b.exact);
  CHECK(std::fabs(a.lambda_max - b.lambda_max) <= 1e-4 * scale);
  CHECK(std::fabs(a.lambda_min - b.lambda_min) <= 1e-4 * scale);
  CHECK(std::fabs(a.ghg - b.ghg) <= 1e-4 * std::max(1e-6, std::fabs(a.ghg)) + 1e-6);
}

TEST_CASE("float Hessian-vector products of a network are accurate to about 1e-4 of the Hessian's norm") {
  // Evidence of the accuracy claimed in hessian_vector.hpp: the differenced Hessian's asymmetry
  // (exactly 0 for the true Hessian) and the change when the difference step is halved.
  SmallNet net;
  const Index n = net.theta.size();
  HessianVectorProduct<float> hvp;
  hvp.reset(n);
  MatD h1(n, n), h2(n, n);
  VecD e(n), col(n);
  double asym = 0.0;
  for (Index c = 0; c < n; ++c) {
    e.setZero();
    e(c) = 1.0;
    hvp.apply(*net.f, net.theta, e, col);
    h1.col(c) = col;
  }
  asym = (h1 - h1.transpose()).norm() / h1.norm();
  hvp.step = 5e-3;
  hvp.dense(*net.f, net.theta, h2);
  const double change = (0.5 * (h1 + h1.transpose()) - h2).norm() / h1.norm();
  MESSAGE("relative asymmetry " << asym << ", change with half the step " << change);
  CHECK(asym < 1e-4);
  CHECK(change < 1e-4);
}

TEST_CASE("the ill-conditioning readout equals f(x - εg) - f(x) exactly on a quadratic (eq. 8.10)") {
  auto s = make_quadratic({0.5, 20.0}, 35.0);
  CurvatureProbe<double> probe;
  probe.reset(2);
  const VecD x = s->start();
  VecD g(2);
  const double f0 = s->eval(x.data(), g.data());
  for (double eps : {0.01, 0.05, 0.1, 0.2}) {
    const CurvatureReadout c = probe.measure(*s, x, eps);
    const VecD y = x - eps * g;
    CHECK(c.ill == doctest::Approx(s->eval(y.data(), nullptr) - f0).epsilon(1e-12));
    CHECK(c.lambda_min == doctest::Approx(0.5));
    CHECK(c.lambda_max == doctest::Approx(20.0));
    CHECK(c.condition == doctest::Approx(40.0));
    CHECK(c.negative == 0);
  }
  // Past ε = 2gᵀg/gᵀHg a gradient step increases f: the test turns positive.
  const CurvatureReadout c = probe.measure(*s, x, 0.01);
  const double eps_star = 2.0 * c.gg / c.ghg;
  CHECK(probe.measure(*s, x, 0.99 * eps_star).ill < 0);
  CHECK(probe.measure(*s, x, 1.01 * eps_star).ill > 0);
}

TEST_CASE("curvature readouts count the negative eigenvalues of saddles") {
  CurvatureProbe<double> probe;
  probe.reset(2);
  auto saddle = make_surface("saddle");
  CHECK(probe.measure(*saddle, saddle->start(), 0.1).negative == 1);
  auto himmelblau = make_surface("himmelblau");
  for (const VecD& p : himmelblau->saddle_points()) CHECK(probe.measure(*himmelblau, p, 0.1).negative == 1);
  for (const VecD& p : himmelblau->minimizers()) CHECK(probe.measure(*himmelblau, p, 0.1).negative == 0);
  auto q = make_quadratic({-3.0, -1.0, 2.0, 5.0}, 10.0);
  probe.reset(4);
  const CurvatureReadout c = probe.measure(*q, q->start(), 0.1);
  CHECK(c.negative == 2);
  CHECK(c.lambda_min == doctest::Approx(-3.0));
}

TEST_CASE("full-batch cg, bfgs, lbfgs and small-net newton train a network further than SGD in 30 steps") {
  auto final_loss = [](const std::string& opt) {
    auto run = make_run(R"({"seed": 4, "dataset": {"name": "xor", "samples": 100},
                            "network": {"layers": [{"units": 6, "activation": "tanh"}]},
                            "optimizer": )" + opt + R"(, "batch_size": "full", "shuffle": false,
                            "steps": 30, "log_every": 30})");
    while (!run->done()) run->advance(100);
    CHECK(run->diverged().empty());
    return Json::parse(run->summary_line())["final_train_loss"].get<double>();
  };
  const double sgd = final_loss(R"({"name": "sgd", "lr": 0.5})");
  for (const char* opt : {R"({"name": "cg"})", R"({"name": "bfgs"})", R"({"name": "lbfgs"})",
                          R"({"name": "newton", "damping": 0.01, "line_search": true})"}) {
    CAPTURE(std::string(opt));
    const double loss = final_loss(opt);
    MESSAGE(std::string(opt) << ": " << loss << " (sgd " << sgd << ")");
    CHECK(loss < sgd);
  }
}

TEST_CASE("newton refuses networks above its documented size with a SpecError") {
  try {
    make_run(R"({"network": {"layers": [{"units": 64}, {"units": 64}]}, "optimizer": {"name": "newton"}})");
    FAIL("accepted");
  } catch (const SpecError& e) {
    CHECK(e.field() == "optimizer.name");
    CHECK(std::string(e.what()).find("1000") != std::string::npos);
  }
}

TEST_CASE("a network run traces curvature of the full training loss at logged steps") {
  auto run = make_run(R"({"dataset": {"name": "xor", "samples": 60}, "network": {"layers": [{"units": 4}]},
                          "optimizer": {"name": "sgd", "lr": 0.3}, "steps": 20, "log_every": 10,
                          "trace": {"curvature": true}})");
  while (!run->done()) run->advance(100);
  REQUIRE(run->record_count() == 3);
  Json row = Json::parse(run->json_line(2));
  CHECK(row["lambda_max"].get<double>() > 0);
  CHECK(row["lambda_max"].get<double>() >= row["lambda_min"].get<double>());
  CHECK(row["gTg"].get<double>() > 0);
}

TEST_CASE("full-batch network steps of cg, bfgs, lbfgs and newton allocate nothing") {
  for (const char* opt : {"cg", "bfgs", "lbfgs", "newton"}) {
    CAPTURE(std::string(opt));
    auto run = make_run(std::string(R"({"dataset": {"name": "xor", "samples": 60}, "network": {"layers": [{"units": 4}]},
                                        "batch_size": "full", "steps": 50, "log_every": 1000, "optimizer": {"name": ")") +
                        opt + (std::string(opt) == "newton" ? R"(", "damping": 0.1}})" : R"("}})"));
    run->advance(2);
    CHECK(testing::heap_allocations([&] {
      run->advance(10);
    }) == 0);
  }
}

TEST_CASE("Lanczos Ritz values lie inside the spectrum and close in on its ends as steps grow") {
  std::vector<double> lam;
  for (int i = 0; i < 300; ++i) lam.push_back(std::pow(100.0, i / 299.0));
  auto s = make_quadratic(lam, 20.0);
  double prev_lo = 1e9, prev_hi = 0;
  for (int k : {10, 20, 50, 100}) {
    CurvatureProbe<double> probe;
    probe.reset(300, k, 0);  // Lanczos path
    const CurvatureReadout c = probe.measure(*s, s->start(), 0.01);
    CAPTURE(k);
    CHECK(!c.exact);
    CHECK(c.lambda_max <= 100.0 * (1 + 1e-12));  // Cauchy interlacing: Ritz values are inside
    CHECK(c.lambda_min >= 1.0 * (1 - 1e-12));
    CHECK(c.lambda_max >= prev_hi - 1e-9);
    CHECK(c.lambda_min <= prev_lo + 1e-9);
    prev_hi = c.lambda_max;
    prev_lo = c.lambda_min;
  }
  CHECK(prev_hi == doctest::Approx(100.0).epsilon(1e-9));
  CHECK(prev_lo == doctest::Approx(1.0).epsilon(1e-3));
}

namespace {

// A symmetric n × n matrix with entries drawn from N(0, 1) (lower triangle mirrored).
MatD random_symmetric(Index n, std::uint64_t seed) {
  Rng rng(seed, RngStream::Probe);
  MatD a(n, n);
  for (Index j = 0; j < n; ++j)
    for (Index i = j; i < n; ++i) a(i, j) = a(j, i) = rng.normal();
  return a;
}

bool same_bits(const MatD& a, const MatD& b) { return a.rows() == b.rows() && a.cols() == b.cols() && (a.array() == b.array()).all(); }

}  // namespace

TEST_CASE("SymmetricEigen gives Eigen's SelfAdjointEigenSolver's results bit for bit, and allocates nothing") {
  for (Index n : {1, 2, 3, 7, 40}) {
    CAPTURE(n);
    const MatD a = random_symmetric(n, static_cast<std::uint64_t>(100 + n));
    const Eigen::SelfAdjointEigenSolver<MatD> reference(a);
    const Eigen::SelfAdjointEigenSolver<MatD> reference_values(a, Eigen::EigenvaluesOnly);
    SymmetricEigen eig;
    eig.reset(n);
    bool converged = false;
    CHECK(testing::heap_allocations([&] { converged = eig.compute(a, true); }) == 0);
    CHECK(converged);
    CHECK(same_bits(eig.eigenvalues(), reference.eigenvalues()));
    CHECK(same_bits(eig.eigenvectors(), reference.eigenvectors()));
    // And it is a decomposition: Q Λ Qᵀ = A, QᵀQ = I (Golub & Van Loan §8.3: backward stable).
    const MatD& q = eig.eigenvectors();
    CHECK((q * eig.eigenvalues().asDiagonal() * q.transpose() - a).norm() <= 1e-13 * n * a.norm());
    CHECK((q.transpose() * q - MatD::Identity(n, n)).norm() <= 1e-13 * n);
    CHECK(testing::heap_allocations([&] { converged = eig.compute(a, false); }) == 0);
    CHECK(same_bits(eig.eigenvalues(), reference_values.eigenvalues()));
  }
  // The tridiagonal path (Lanczos' T): the whole buffer, and a leading m × m block.
  const Index k = 12;
  const MatD t = random_symmetric(k, 7);
  const VecD alpha = t.diagonal(), beta = t.diagonal<1>();
  SymmetricEigen tri;
  tri.reset(k);
  for (Index m : {k, Index{5}, Index{1}}) {
    CAPTURE(m);
    Eigen::SelfAdjointEigenSolver<MatD> reference;
    reference.computeFromTridiagonal(alpha.head(m), beta.head(m - 1), Eigen::EigenvaluesOnly);
    bool converged = false;
    CHECK(testing::heap_allocations([&] { converged = tri.compute_tridiagonal(alpha, beta, m); }) == 0);
    CHECK(converged);
    CHECK(same_bits(tri.eigenvalues().head(m), reference.eigenvalues()));
  }
}

TEST_CASE("curvature readouts allocate nothing: dense, Lanczos, and Lanczos stopped early at an invariant subspace") {
  // 60 parameters, eigenvalues −2, 1 and 5 (20 each): the Krylov space from any start vector has
  // dimension 3, so Lanczos finds an invariant subspace after 3 of its 20 steps, and its Ritz
  // values are then the exact eigenvalues (Golub & Van Loan §10.1).
  std::vector<double> lam;
  for (double v : {-2.0, 1.0, 5.0})
    for (int i = 0; i < 20; ++i) lam.push_back(v);
  auto s = make_quadratic(lam, 20.0);
  const VecD x = s->start();
  CurvatureProbe<double> dense, lanczos;
  dense.reset(60, 20, 60);
  lanczos.reset(60, 20, 0);
  CurvatureReadout cd = dense.measure(*s, x, 0.1), cl = lanczos.measure(*s, x, 0.1);  // the surface builds its Hessian once
  CHECK(testing::heap_allocations([&] {
    cd = dense.measure(*s, x, 0.1);
    cl = lanczos.measure(*s, x, 0.1);
  }) == 0);
  CHECK(cd.exact);
  CHECK(!cl.exact);
  CHECK(lanczos.lanczos(*s, x, 20) == 3);
  for (const CurvatureReadout& c : {cd, cl}) {
    CHECK(c.lambda_min == doctest::Approx(-2.0).epsilon(1e-12));
    CHECK(c.lambda_max == doctest::Approx(5.0).epsilon(1e-12));
    CHECK(c.condition == doctest::Approx(5.0).epsilon(1e-12));
  }
  CHECK(cd.negative == 20);
  CHECK(cl.negative == 1);  // one Ritz value per distinct eigenvalue: a lower estimate of the count
  // Lanczos on a 300-parameter quadratic runs all its steps: also without allocating.
  std::vector<double> spread;
  for (int i = 0; i < 300; ++i) spread.push_back(std::pow(100.0, i / 299.0));
  auto big = make_quadratic(spread, 20.0);
  CurvatureProbe<double> full;
  full.reset(300, 20, 0);
  full.measure(*big, big->start(), 0.01);
  CHECK(testing::heap_allocations([&] { full.measure(*big, big->start(), 0.01); }) == 0);
  CHECK(full.ritz().size() == 20);
}
