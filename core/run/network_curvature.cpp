// trace.curvature for network runs: the Hessian of the whole training loss J(θ) (not of the
// minibatch) at every logged step — λ_min, λ_max, condition number, negative eigenvalues, and the
// book's ill-conditioning test −ε gᵀg + ½ε² gᵀHg with the step's learning rate. Hessian-vector
// products come from differences of float gradients (optim/hessian_vector.hpp, ≈1e-5 relative);
// networks with at most 200 parameters are decomposed densely (exact readouts of that Hessian),
// larger ones by Lanczos (trace.curvature.lanczos_steps, default 20). Each logged row then costs
// 4·(n or k) + 5 full-batch gradient evaluations: opt-in, for the lab's curvature experiments.
#include <cmath>

#include "run/experiment.hpp"

namespace optlab {

void NetworkRun::enable_curvature() {
  const Index n = data_.train_x.rows();
  curvature_objective_ = std::make_unique<NetworkObjective>(*model_, spec_.network.loss);
  curvature_objective_->reserve(n, data_.dim, data_.train_t.cols());  // also grows the model's buffers to n rows
  std::vector<int> all(static_cast<std::size_t>(n));
  for (Index i = 0; i < n; ++i) all[static_cast<std::size_t>(i)] = static_cast<int>(i);
  curvature_objective_->set_targets(&data_.train_t);
  curvature_objective_->set_batch(data_.train_x, data_.train_y, all.data(), n);
  probe_ = std::make_unique<CurvatureProbe<float>>();
  probe_->reset(theta_.size(), spec_.trace.curvature.lanczos_steps);
  for (const char* c : {"lambda_min", "lambda_max", "condition", "negative_eigenvalues", "gTg", "gTHg",
                        "ill_conditioning"})
    columns_.push_back(c);
}

void NetworkRun::append_curvature(double lr) {
  CurvatureReadout c;
  if (theta_.allFinite()) {
    c = probe_->measure(*curvature_objective_, theta_, lr);
  } else {
    const double nan = std::nan("");
    c = CurvatureReadout{nan, nan, nan, nan, nan, nan, nan, 0, true};
  }
  records_.insert(records_.end(), {c.lambda_min, c.lambda_max, c.condition, c.negative, c.gg, c.ghg, c.ill});
}

}  // namespace optlab
