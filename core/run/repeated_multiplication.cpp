#include "run/repeated_multiplication.hpp"

#include <cmath>

#include "init/initializer.hpp"
#include "math/portable_math.hpp"
#include "run/catalog.hpp"

namespace optlab {

namespace {

// W = Q diag(λ) Qᵀ, or ρ·Q when no eigenvalues are given (components_ false).
void draw_matrix(const std::vector<double>& lambda, bool by_eigenvalues, double rho, Rng& rng, MatD& w, MatD* q_out) {
  const Index n = static_cast<Index>(lambda.size());
  MatD q = random_orthogonal(n, n, rng);
  if (by_eigenvalues) {
    MatD scaled = q;
    for (Index j = 0; j < n; ++j) scaled.col(j) *= lambda[static_cast<std::size_t>(j)];
    w.noalias() = scaled * q.transpose();
  } else {
    w = rho * q;
  }
  if (q_out) *q_out = std::move(q);
}

}  // namespace

void read_readout_spec(ObjectReader& r, ExperimentSpec& s) {
  for (const char* key : {"dataset", "network", "problem", "optimizer", "batch_size", "shuffle", "single_pass", "steps",
                          "log_every", "trace"})
    if (r.has(key))
      r.fail(key, std::string("a spec with \"readout\" computes a readout and has no ") + key +
                      "; remove either \"readout\" or \"" + key + "\"");
  const Catalog& c = catalog();
  ObjectReader o = r.object("readout");
  const std::string name = o.choice("name", c.readouts.front().name, entry_names(c.readouts));
  const Entry& e = c.readout(name);
  const Json* eig = o.raw("eigenvalues");
  const long long length = o.integer(e.option("length"));
  double max_abs = 0;
  if (eig && !eig->is_null()) {
    const Option& eo = e.option("eigenvalues");
    if (!eig->is_array() || eig->empty() || eig->size() > static_cast<std::size_t>(eo.extra["max_length"].get<int>()))
      o.fail("eigenvalues", "must be an array of 1 to " + eo.extra["max_length"].dump() + " numbers");
    for (std::size_t i = 0; i < eig->size(); ++i) {
      const Json& v = (*eig)[i];
      if (!v.is_number()) o.fail("eigenvalues[" + std::to_string(i) + "]", "must be a number, got " + describe_json(v));
      const double x = v.get<double>();
      if (!eo.range.contains(x))
        o.fail("eigenvalues[" + std::to_string(i) + "]", "must be " + eo.range.describe() + ", got " + Json(x).dump());
      max_abs = std::max(max_abs, std::fabs(x));
    }
    for (const char* k : {"dim", "spectral_radius"})
      if (o.has(k)) o.fail(k, "give either eigenvalues or dim and spectral_radius, not both");
    o.allow("dim");
    o.allow("spectral_radius");
  } else {
    if (eig) o.out().erase("eigenvalues");
    o.integer(e.option("dim"));
    max_abs = o.number(e.option("spectral_radius"));
  }
  // max|λ|^length must stay a double: the readout prints ‖W^t v‖ itself, not its logarithm.
  if (max_abs > 1 && static_cast<double>(length) * std::log10(max_abs) > 300)
    o.fail("length", "max|λ|^length = 10^" + std::to_string(static_cast<long long>(length * std::log10(max_abs))) +
                         " overflows a double; use a shorter length or a smaller spectral radius");
  o.finish();
  s.readout = o.out();
  s.steps = static_cast<long>(length);
  s.log_every = 1;
  r.finish();
}

RepeatedMultiplicationRun::RepeatedMultiplicationRun(ExperimentSpec spec)
    : spec_(std::move(spec)), rng_(spec_.seed, RngStream::Problem) {
  const Json& ro = spec_.readout;
  normalized_spec_ = spec_.normalized;
  total_steps_ = spec_.steps;
  components_ = ro.contains("eigenvalues");
  if (components_) {
    lambda_ = ro["eigenvalues"].get<std::vector<double>>();
    rho_ = 0;
    for (double l : lambda_) rho_ = std::max(rho_, std::fabs(l));
  } else {
    rho_ = ro["spectral_radius"].get<double>();
    lambda_.assign(static_cast<std::size_t>(ro["dim"].get<long long>()), rho_);  // the moduli of ρ·Q's λ
  }
  const Index n = static_cast<Index>(lambda_.size());
  draw_matrix(lambda_, components_, rho_, rng_, w_, &q_);
  tied_.resize(n);
  for (Index i = 0; i < n; ++i) tied_(i) = rng_.normal();
  tied_ /= tied_.norm();
  untied_ = tied_;
  tmp_.resize(n);
  w_k_.resize(n, n);
  coeff_ = (q_.transpose() * tied_).cwiseAbs();  // |c_i| = |q_iᵀ v|
  columns_ = {"step", "norm_tied", "norm_untied", "rho_t"};
  if (components_)
    for (Index i = 0; i < n; ++i) columns_.push_back("component_" + std::to_string(i));
  reserve_rows(total_steps_ + 1, 0);
  log_row();
}

void RepeatedMultiplicationRun::log_row() {
  records_.push_back(static_cast<double>(step_));
  records_.push_back(tied_.norm());
  records_.push_back(untied_.norm());
  double rho_t = 1.0;
  for (long k = 0; k < step_; ++k) rho_t *= rho_;
  records_.push_back(rho_t);
  if (components_) {
    for (Index i = 0; i < coeff_.size(); ++i) {
      double c = coeff_(i);
      for (long k = 0; k < step_; ++k) c *= std::fabs(lambda_[static_cast<std::size_t>(i)]);
      records_.push_back(c);
    }
  }
}

void RepeatedMultiplicationRun::apply_change(const Json&) {
  throw SpecError("changes", "a readout has no optimizer or minibatch to change");
}

long RepeatedMultiplicationRun::advance(long n) {
  long done_steps = 0;
  while (done_steps < n && !done()) {
    tmp_.noalias() = w_ * tied_;  // W^t v = W (W^{t−1} v)
    tied_ = tmp_;
    draw_matrix(lambda_, components_, rho_, rng_, w_k_, nullptr);  // an independent W_t of the same spectrum
    tmp_.noalias() = w_k_ * untied_;
    untied_ = tmp_;
    ++step_;
    ++done_steps;
    log_row();
  }
  return done_steps;
}

void RepeatedMultiplicationRun::summarize(nlohmann::ordered_json& j) const {
  const Index last = record_count() - 1;
  const double* r = records_.data() + last * static_cast<Index>(columns_.size());
  j["readout"] = "repeated_multiplication";
  j["eigenvalues"] = lambda_;
  j["spectral_radius"] = rho_;
  j["final_norm_tied"] = json_number(r[1]);
  j["final_norm_untied"] = json_number(r[2]);
  // Growth per step, (1/T) log‖·‖ (‖v‖ = 1): log ρ for the tied chain when the top component is present.
  const double T = static_cast<double>(step_);
  j["growth_tied"] = step_ > 0 && r[1] > 0 ? json_number(portable::log(r[1]) / T) : nlohmann::ordered_json(nullptr);
  j["growth_untied"] = step_ > 0 && r[2] > 0 ? json_number(portable::log(r[2]) / T) : nlohmann::ordered_json(nullptr);
}

}  // namespace optlab
