// Sparse coding, the lecture's example of block coordinate descent (§8.7.2):
//
//     J(H, W) = λ Σᵢⱼ |Hᵢⱼ| + Σᵢⱼ (X − WᵀH)ᵢⱼ²
//
// X (d × m) holds m samples of d features, W (k × d) a dictionary of k atoms (rows), H (k × m) the
// codes. θ = [H row-major, W row-major]. The data are generated from the run's seed: unit-norm
// atoms, codes with a fraction `density` of normal nonzeros, plus Gaussian noise.
//
// Jointly nonconvex, but convex in H alone (a lasso: one cyclic sweep of exact coordinate
// minimizations, each a soft-threshold  h ← S(wᵢᵀrⱼ + ‖wᵢ‖²h, λ/2) / ‖wᵢ‖²) and in W alone (least
// squares: W = (HHᵀ)⁺ H Xᵀ). Those are the two blocks coordinate descent alternates over.
//
// The gradient of the |H| term is its subgradient λ·sign(H) (0 at 0); the Hessian is that of the
// smooth part. Without a norm constraint on W the infimum is approached by W → ∞, H → 0 as the
// lecture's formula has it; for small λ that takes far longer than any run. The minimizer is not
// known in closed form: minimizers() is empty and minimum() is NaN.
#include <cmath>
#include <memory>

#include <Eigen/Cholesky>

#include "math/rng.hpp"
#include "optim/block_coordinate.hpp"
#include "optim/presized_solvers.hpp"
#include "problems/surface.hpp"

namespace optlab {

namespace {

constexpr int kMaxFeatures = 64;

class SparseCoding final : public Surface, public BlockCoordinateProblem {
 public:
  SparseCoding(int features, int atoms, int samples, double lambda, double noise, double density,
               std::uint64_t seed)
      : Surface(static_cast<Index>(atoms) * (samples + features)),
        d_(features), k_(atoms), m_(samples), lambda_(lambda) {
    Rng rng(seed, RngStream::Problem);
    MatD wt(k_, d_);  // true dictionary
    for (int i = 0; i < k_; ++i) {
      for (int f = 0; f < d_; ++f) wt(i, f) = rng.normal();
      const double norm = wt.row(i).norm();
      if (norm > 0) wt.row(i) /= norm;
    }
    MatD ht = MatD::Zero(k_, m_);
    for (int i = 0; i < k_; ++i)
      for (int j = 0; j < m_; ++j)
        if (rng.uniform() < density) ht(i, j) = rng.normal();
    x_ = wt.transpose() * ht;
    for (int f = 0; f < d_; ++f)
      for (int j = 0; j < m_; ++j) x_(f, j) += noise * rng.normal();
    start_.resize(n_);
    for (Index i = 0; i < k_ * m_; ++i) start_(i) = 0.1 * rng.normal();
    for (Index i = k_ * m_; i < n_; ++i) start_(i) = 0.5 * rng.normal();
    minimum_ = std::nan("");
    // Scratch for the Hessian and the W block, allocated once here.
    e_.setZero(n_);
    hv_.setZero(n_);
    gram_.setZero(k_, k_);
    rhs_.setZero(k_, d_);
    sol_.setZero(k_, d_);
    ldlt_ = PresizedLdlt<MatD>(k_);
  }

  const char* name() const override { return "sparse_coding"; }
  int features() const { return d_; }
  const MatD& data() const { return x_; }

  double eval(const double* p, double* g) const override {
    const double* h = p;
    const double* w = p + k_ * m_;
    double* gh = g;
    double* gw = g ? g + k_ * m_ : nullptr;
    if (g)
      for (Index i = 0; i < n_; ++i) g[i] = 0.0;
    double f = 0.0;
    double r[kMaxFeatures];
    for (int j = 0; j < m_; ++j) {
      for (int c = 0; c < d_; ++c) {
        double v = x_(c, j);
        for (int i = 0; i < k_; ++i) v -= w[i * d_ + c] * h[i * m_ + j];
        r[c] = v;
        f += v * v;
      }
      if (g) {
        for (int i = 0; i < k_; ++i) {
          double dot = 0.0;
          for (int c = 0; c < d_; ++c) {
            dot += w[i * d_ + c] * r[c];
            gw[i * d_ + c] -= 2.0 * h[i * m_ + j] * r[c];  // −2 H Rᵀ
          }
          gh[i * m_ + j] -= 2.0 * dot;  // −2 W R
        }
      }
    }
    for (Index i = 0; i < k_ * m_; ++i) {
      f += lambda_ * std::fabs(h[i]);
      if (g) gh[i] += lambda_ * static_cast<double>((h[i] > 0) - (h[i] < 0));
    }
    return f;
  }

  // Hessian-vector product of the smooth part: with dR = −(dWᵀH + WᵀdH),
  //   d∇_H = −2 dW R − 2 W dR,   d∇_W = −2 dH Rᵀ − 2 H dRᵀ.
  void hessian_vector(const double* p, const double* v, double* out) const {
    const double* h = p;
    const double* w = p + k_ * m_;
    const double* dh = v;
    const double* dw = v + k_ * m_;
    for (Index i = 0; i < n_; ++i) out[i] = 0.0;
    double* oh = out;
    double* ow = out + k_ * m_;
    double r[kMaxFeatures], dr[kMaxFeatures];
    for (int j = 0; j < m_; ++j) {
      for (int c = 0; c < d_; ++c) {
        double rv = x_(c, j), dv = 0.0;
        for (int i = 0; i < k_; ++i) {
          rv -= w[i * d_ + c] * h[i * m_ + j];
          dv -= dw[i * d_ + c] * h[i * m_ + j] + w[i * d_ + c] * dh[i * m_ + j];
        }
        r[c] = rv;
        dr[c] = dv;
      }
      for (int i = 0; i < k_; ++i) {
        double s = 0.0;
        for (int c = 0; c < d_; ++c) {
          s += dw[i * d_ + c] * r[c] + w[i * d_ + c] * dr[c];
          ow[i * d_ + c] -= 2.0 * (dh[i * m_ + j] * r[c] + h[i * m_ + j] * dr[c]);
        }
        oh[i * m_ + j] -= 2.0 * s;
      }
    }
  }

  void eval_hessian(const double* p, MatD& hess) const override {
    for (Index c = 0; c < n_; ++c) {
      e_.setZero();
      e_(c) = 1.0;
      hessian_vector(p, e_.data(), hv_.data());
      hess.col(c) = hv_;  // symmetric by construction: the formula is the exact second derivative
    }
  }

  // Block coordinate descent.
  int block_count() const override { return 2; }
  const char* block_name(int b) const override { return b == 0 ? "H" : "W"; }
  void minimize_block(int b, double* p) override {
    double* h = p;
    double* w = p + k_ * m_;
    if (b == 0) {
      double r[kMaxFeatures];
      for (int j = 0; j < m_; ++j) {
        for (int c = 0; c < d_; ++c) {
          double v = x_(c, j);
          for (int i = 0; i < k_; ++i) v -= w[i * d_ + c] * h[i * m_ + j];
          r[c] = v;
        }
        for (int i = 0; i < k_; ++i) {
          const double* wi = w + i * d_;
          double a = 0.0, rho = 0.0;
          const double old = h[i * m_ + j];
          for (int c = 0; c < d_; ++c) {
            a += wi[c] * wi[c];
            rho += wi[c] * r[c];
          }
          if (a <= 0.0) {
            if (lambda_ > 0) h[i * m_ + j] = 0.0;
            continue;
          }
          rho += a * old;
          const double t = 0.5 * lambda_;
          const double hn = rho > t ? (rho - t) / a : (rho < -t ? (rho + t) / a : 0.0);
          h[i * m_ + j] = hn;
          for (int c = 0; c < d_; ++c) r[c] += wi[c] * (old - hn);
        }
      }
    } else {
      // Normal equations (H Hᵀ) W = H Xᵀ; Eigen's LDLT treats (near-)zero pivots as a
      // pseudo-inverse, which covers atoms no sample uses.
      Eigen::Map<const MatT<double>> hm(h, k_, m_);
      gram_.noalias() = hm * hm.transpose();
      rhs_.noalias() = hm * x_.transpose();
      ldlt_.compute(gram_);
      sol_ = ldlt_.solve(rhs_);
      if (!sol_.allFinite()) return;  // keep W rather than write NaN
      // Only accept it if it does not increase f (guards against rounding in a singular system).
      const double before = eval(p, nullptr);
      for (int i = 0; i < k_; ++i)
        for (int c = 0; c < d_; ++c) std::swap(w[i * d_ + c], sol_(i, c));
      if (eval(p, nullptr) > before)
        for (int i = 0; i < k_; ++i)
          for (int c = 0; c < d_; ++c) std::swap(w[i * d_ + c], sol_(i, c));
    }
  }

 private:
  int d_, k_, m_;
  double lambda_;
  MatD x_;
  mutable VecD e_, hv_;
  MatD gram_, rhs_, sol_;
  Eigen::LDLT<MatD> ldlt_;
};

}  // namespace

std::unique_ptr<Surface> make_sparse_coding(int features, int atoms, int samples, double lambda, double noise,
                                            double density, std::uint64_t seed) {
  return std::make_unique<SparseCoding>(std::min(features, kMaxFeatures), atoms, samples, lambda, noise, density,
                                        seed);
}

}  // namespace optlab
