// What the page draws of a test-surface run, computed in the core so the bindings only forward:
// the surface's oracle as JSON, f on a grid (contours), and f, ∇f at a point (hover). A second copy
// of the run's surface, so drawing never counts evaluations of the run's own objective.
//
// Arguments come from JavaScript, where any number may be NaN, negative or huge: every public
// function checks them and throws std::invalid_argument naming the argument.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "problems/surface.hpp"
#include "run/spec_reader.hpp"

namespace optlab {

// Largest side of a grid a view may ask for (1024² points).
inline constexpr int kMaxGridSide = 1024;

// A grid side given as a JavaScript number: an integer in [1, kMaxGridSide], else
// std::invalid_argument("nx must be an integer in [1, 1024], got -3").
int checked_grid_side(double n, const char* name);
// The ends of a grid axis: finite, lo < hi.
void checked_grid_axis(double lo, double hi, const char* lo_name, const char* hi_name);
// A row index given as a JavaScript number: an integer in [0, count), else std::out_of_range.
Index checked_row(double row, Index count);
// A seed given as a JavaScript number: an integer in [0, 2⁵³), else std::out_of_range.
std::uint64_t checked_seed(double seed);

class SurfaceView {
 public:
  // The surface of a normalized spec with a "problem", or nullptr for a network run.
  static std::unique_ptr<SurfaceView> from_spec(const Json& normalized_spec);

  // {"name", "dim", "box", "minimizers", "minimum"} (minimum null when unbounded below).
  std::string info_json() const;
  // f on an nx × ny grid over [xmin, xmax] × [ymin, ymax], row-major with y outer (rows going up
  // in y); the data live until the next call. 2-D surfaces only (std::logic_error otherwise).
  const std::vector<double>& grid(double xmin, double xmax, double ymin, double ymax, double nx, double ny);
  // [f, ∂f/∂x, ∂f/∂y] at (x, y); 2-D surfaces only.
  const double* eval(double x, double y);

 private:
  explicit SurfaceView(std::unique_ptr<Surface> s) : surface_(std::move(s)) {}
  void require_2d() const;
  std::unique_ptr<Surface> surface_;
  std::vector<double> grid_;
  double probe_[3] = {0, 0, 0};
};

}  // namespace optlab
