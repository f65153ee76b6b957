// Embind bindings: the only file that includes Emscripten headers. The raw class `RunHandle` is
// wrapped by wasm/api.js, which copies or views its buffers and owns its lifetime (.delete()).
//
// Errors never cross the boundary as C++ exceptions: a bad spec leaves the handle with an error
// JSON ({"field", "message"}) that the JS wrapper turns into an OptlabSpecError.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <memory>
#include <string>

#include "math/simd.hpp"
#include "problems/surface.hpp"
#include "run/experiment.hpp"
#include "run/optimizer_factory.hpp"
#include "run/run.hpp"

namespace {

using emscripten::typed_memory_view;
using emscripten::val;
using optlab::NetworkRun;
using optlab::Run;
using optlab::Json;

std::string error_json(const std::string& field, const std::string& message) {
  return Json{{"ok", false}, {"field", field}, {"message", message}}.dump();
}

// {"ok": true, "spec": normalized} or {"ok": false, "field", "message"}.
std::string validate(const std::string& text) {
  try {
    optlab::ExperimentSpec s = optlab::parse_spec(text);
    return Json{{"ok", true}, {"spec", s.normalized}}.dump();
  } catch (const optlab::SpecError& e) {
    return error_json(e.field(), e.what());
  } catch (const std::exception& e) {
    return error_json("spec", e.what());
  }
}

std::string default_spec() { return optlab::default_spec_json(); }

std::string optimizer_names() { return Json(optlab::optimizer_names()).dump(); }

class RunHandle {
 public:
  explicit RunHandle(const std::string& text) {
    try {
      run_ = optlab::make_run(text);
      net_ = dynamic_cast<NetworkRun*>(run_.get());
      make_surface_view();
    } catch (const optlab::SpecError& e) {
      error_ = error_json(e.field(), e.what());
    } catch (const std::exception& e) {
      error_ = error_json("spec", e.what());
    }
  }
  std::string error() const { return error_; }
  // The page's view of a test surface (contours, gradient on hover): a second copy of the
  // spec's surface, so drawing never counts evaluations of the run's own objective.
  bool has_surface() const { return surface_ != nullptr; }
  std::string surface_info() const {
    if (!surface_) return "null";
    optlab::Json mins = optlab::Json::array();
    for (const auto& m : surface_->minimizers()) mins.push_back(std::vector<double>(m.data(), m.data() + m.size()));
    optlab::Json j = {{"name", surface_->name()}, {"dim", surface_->dim()}, {"box", surface_->view_box()},
                      {"minimizers", mins}, {"minimum", optlab::json_number(surface_->minimum())}};
    return j.dump();
  }
  // f on an nx × ny grid over [xmin, xmax] × [ymin, ymax] (row-major, y outer, rows going up in y).
  val surface_grid(double xmin, double xmax, double ymin, double ymax, int nx, int ny) {
    if (!surface_ || surface_->dim() != 2) return val::null();
    nx = std::max(2, std::min(nx, 1024));
    ny = std::max(2, std::min(ny, 1024));
    surface_grid_.resize(static_cast<std::size_t>(nx) * ny);
    for (int j = 0; j < ny; ++j) {
      for (int i = 0; i < nx; ++i) {
        const double x[2] = {xmin + (xmax - xmin) * i / (nx - 1), ymin + (ymax - ymin) * j / (ny - 1)};
        surface_grid_[static_cast<std::size_t>(j) * nx + i] = surface_->eval(x, nullptr);
      }
    }
    return val(typed_memory_view(surface_grid_.size(), surface_grid_.data()));
  }
  // [f, ∂f/∂x, ∂f/∂y] at (x, y).
  val surface_eval(double x, double y) {
    if (!surface_ || surface_->dim() != 2) return val::null();
    const double p[2] = {x, y};
    probe_[0] = surface_->eval(p, probe_ + 1);
    return val(typed_memory_view(3, probe_));
  }
  double advance(double n) { return run_ ? static_cast<double>(run_->advance(static_cast<long>(n))) : 0.0; }
  bool done() const { return !run_ || run_->done(); }
  double step_count() const { return run_ ? static_cast<double>(run_->step_count()) : 0.0; }
  double total_steps() const { return run_ ? static_cast<double>(run_->total_steps()) : 0.0; }
  std::string diverged() const { return run_ ? run_->diverged() : ""; }
  std::string columns() const { return run_ ? Json(run_->columns()).dump() : "[]"; }
  double record_count() const { return run_ ? static_cast<double>(run_->record_count()) : 0.0; }
  // Zero-copy views on the wasm heap: valid until the next call that may grow memory (advance).
  val records_view() const {
    const auto& r = run_->records();
    return val(typed_memory_view(r.size(), r.data()));
  }
  // A copy (Float64Array) of θ; networks keep θ in float32, surfaces in float64.
  val params() const {
    auto p = run_->params_copy();
    val out = val::global("Float64Array").new_(p.size());
    out.call<void>("set", val(typed_memory_view(p.size(), p.data())));
    return out;
  }
  val params_trace_view() const {
    const auto& t = run_->params_trace();
    return val(typed_memory_view(t.size(), t.data()));
  }
  // Per-layer signal statistics (trace.layers): column names, and the flat table as a zero-copy view.
  std::string layer_stats_columns() const {
    return net_ && net_->layer_trace() ? Json(optlab::LayerTracer::columns()).dump() : "[]";
  }
  double layer_count() const { return net_ && net_->layer_trace() ? static_cast<double>(net_->layer_trace()->layer_count()) : 0.0; }
  val layer_stats_view() const {
    if (!net_ || !net_->layer_trace()) return val::null();
    const auto& t = net_->layer_trace()->table();
    return val(typed_memory_view(t.size(), t.data()));
  }
  // {name: Float32Array | Float64Array}: zero-copy views of the optimizer's state vectors
  // (Run::optimizer_state()), valid until the next call that may grow memory; api.js copies them.
  val optimizer_state_views() const {
    val out = val::object();
    if (!run_) return out;
    for (const optlab::StateView& s : run_->optimizer_state()) {
      const std::size_t n = static_cast<std::size_t>(s.size);
      out.set(s.name, s.f32 ? val(typed_memory_view(n, s.f32)) : val(typed_memory_view(n, s.f64)));
    }
    return out;
  }
  std::string json_line(double row) const { return run_->json_line(static_cast<optlab::Index>(row)); }
  std::string summary_line() const { return run_->summary_line(); }
  std::string spec() const { return run_->normalized_spec().dump(); }
  int classes() const { return net_ ? net_->dataset().classes : 0; }
  int dim() const { return net_ ? net_->dataset().dim : 0; }
  val train_x() const { if (!net_) return val::null(); return val(typed_memory_view(net_->dataset().train_x.size(), net_->dataset().train_x.data())); }
  val test_x() const { if (!net_) return val::null(); return val(typed_memory_view(net_->dataset().test_x.size(), net_->dataset().test_x.data())); }
  val train_y() const { if (!net_) return val::null(); return val(typed_memory_view(net_->dataset().train_y.size(), net_->dataset().train_y.data())); }
  val test_y() const { if (!net_) return val::null(); return val(typed_memory_view(net_->dataset().test_y.size(), net_->dataset().test_y.data())); }
  val predict_grid(double xmin, double xmax, double ymin, double ymax, int nx, int ny) {
    if (!net_) return val::null();
    grid_.resize(static_cast<std::size_t>(nx) * ny * net_->dataset().classes);
    net_->predict_grid(xmin, xmax, ymin, ymax, nx, ny, grid_.data());
    return val(typed_memory_view(grid_.size(), grid_.data()));
  }

 private:
  std::unique_ptr<Run> run_;
  NetworkRun* net_ = nullptr;  // set when the run trains a network
  std::unique_ptr<optlab::Surface> surface_;  // set when the spec names a "problem"
  std::vector<double> surface_grid_;
  double probe_[3] = {0, 0, 0};

  void make_surface_view() {
    const optlab::Json& spec = run_->normalized_spec();
    if (!spec.contains("problem")) return;
    optlab::Json out;
    optlab::ObjectReader r(spec["problem"], "problem", &out);
    surface_ = optlab::read_problem(r, spec.value("seed", std::uint64_t{7}));
  }
  std::string error_;
  std::vector<float> grid_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(optlab) {
  emscripten::function("validate", &validate);
  emscripten::function("defaultSpec", &default_spec);
  emscripten::function("optimizerNames", &optimizer_names);
  emscripten::function("simdBackend", emscripten::optional_override([] { return std::string(optlab::simd::backend_name()); }));
  emscripten::function("setSimdEnabled", &optlab::simd::set_enabled);
  emscripten::class_<RunHandle>("RunHandle")
      .constructor<const std::string&>()
      .function("error", &RunHandle::error)
      .function("advance", &RunHandle::advance)
      .function("done", &RunHandle::done)
      .function("stepCount", &RunHandle::step_count)
      .function("totalSteps", &RunHandle::total_steps)
      .function("diverged", &RunHandle::diverged)
      .function("columns", &RunHandle::columns)
      .function("recordCount", &RunHandle::record_count)
      .function("recordsView", &RunHandle::records_view)
      .function("params", &RunHandle::params)
      .function("paramsTraceView", &RunHandle::params_trace_view)
      .function("layerStatsColumns", &RunHandle::layer_stats_columns)
      .function("layerCount", &RunHandle::layer_count)
      .function("layerStatsView", &RunHandle::layer_stats_view)
      .function("optimizerStateViews", &RunHandle::optimizer_state_views)
      .function("jsonLine", &RunHandle::json_line)
      .function("summaryLine", &RunHandle::summary_line)
      .function("spec", &RunHandle::spec)
      .function("classes", &RunHandle::classes)
      .function("dim", &RunHandle::dim)
      .function("trainX", &RunHandle::train_x)
      .function("testX", &RunHandle::test_x)
      .function("trainY", &RunHandle::train_y)
      .function("testY", &RunHandle::test_y)
      .function("predictGrid", &RunHandle::predict_grid)
      .function("hasSurface", &RunHandle::has_surface)
      .function("surfaceInfo", &RunHandle::surface_info)
      .function("surfaceGrid", &RunHandle::surface_grid)
      .function("surfaceEval", &RunHandle::surface_eval);
}
