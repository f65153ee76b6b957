#include "run/surface_view.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

#include "run/run.hpp"
#include "run/surface_spec.hpp"

namespace optlab {

namespace {
std::string show(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}
}  // namespace

int checked_grid_side(double n, const char* name) {
  if (!(std::floor(n) == n) || n < 1 || n > kMaxGridSide)
    throw std::invalid_argument(std::string(name) + " must be an integer in [1, " + std::to_string(kMaxGridSide) +
                                "], got " + show(n));
  return static_cast<int>(n);
}

void checked_grid_axis(double lo, double hi, const char* lo_name, const char* hi_name) {
  if (!std::isfinite(lo)) throw std::invalid_argument(std::string(lo_name) + " must be a finite number, got " + show(lo));
  if (!std::isfinite(hi)) throw std::invalid_argument(std::string(hi_name) + " must be a finite number, got " + show(hi));
  if (!(lo < hi))
    throw std::invalid_argument(std::string(hi_name) + " must be larger than " + lo_name + ", got " + show(lo) + " and " +
                                show(hi));
}

Index checked_row(double row, Index count) {
  if (!(std::floor(row) == row) || row < 0 || row >= static_cast<double>(count))
    throw std::out_of_range("row must be an integer in [0, " + std::to_string(count) + ") (the logged rows), got " +
                            show(row));
  return static_cast<Index>(row);
}

std::uint64_t checked_seed(double seed) {
  if (!(std::floor(seed) == seed) || seed < 0 || seed >= 9007199254740992.0)
    throw std::out_of_range("seed must be an integer in [0, 2^53), got " + show(seed));
  return static_cast<std::uint64_t>(seed);
}

std::unique_ptr<SurfaceView> SurfaceView::from_spec(const Json& spec) {
  if (!spec.contains("problem")) return nullptr;
  Json out;
  ObjectReader r(spec["problem"], "problem", &out);
  return std::unique_ptr<SurfaceView>(new SurfaceView(read_problem(r, spec.value("seed", std::uint64_t{7}))));
}

std::string SurfaceView::info_json() const {
  Json mins = Json::array();
  for (const auto& m : surface_->minimizers()) mins.push_back(std::vector<double>(m.data(), m.data() + m.size()));
  Json j = {{"name", surface_->name()}, {"dim", surface_->dim()}, {"box", surface_->view_box()}, {"minimizers", mins},
            {"minimum", json_number(surface_->minimum())},
            // null minimum: unbounded below (−∞: the saddle) or not known (NaN: sparse coding)
            {"unbounded_below", std::isinf(surface_->minimum()) && surface_->minimum() < 0}};
  return j.dump();
}

void SurfaceView::require_2d() const {
  if (surface_->dim() != 2)
    throw std::logic_error(std::string(surface_->name()) + " has " + std::to_string(surface_->dim()) +
                           " variables; only 2-D surfaces can be drawn");
}

const std::vector<double>& SurfaceView::grid(double xmin, double xmax, double ymin, double ymax, double nx_arg,
                                             double ny_arg) {
  require_2d();
  checked_grid_axis(xmin, xmax, "xmin", "xmax");
  checked_grid_axis(ymin, ymax, "ymin", "ymax");
  const int nx = checked_grid_side(nx_arg, "nx"), ny = checked_grid_side(ny_arg, "ny");
  grid_.resize(static_cast<std::size_t>(nx) * ny);
  for (int j = 0; j < ny; ++j) {
    for (int i = 0; i < nx; ++i) {
      const double x[2] = {nx > 1 ? xmin + (xmax - xmin) * i / (nx - 1) : xmin,
                           ny > 1 ? ymin + (ymax - ymin) * j / (ny - 1) : ymin};
      grid_[static_cast<std::size_t>(j) * nx + i] = surface_->eval(x, nullptr);
    }
  }
  return grid_;
}

const double* SurfaceView::eval(double x, double y) {
  require_2d();
  const double p[2] = {x, y};
  probe_[0] = surface_->eval(p, probe_ + 1);
  return probe_;
}

}  // namespace optlab
