// Embind bindings: the only file that includes Emscripten headers. It forwards to the core and holds
// no logic of its own; the raw class `RunHandle` is wrapped by wasm/api.js, which copies or views
// its buffers and owns its lifetime (.delete()).
//
// No exception ever crosses the boundary (an escaped C++ exception reaches JavaScript as a bare
// heap address): every call runs inside optlab::catch_all, which turns any exception — a SpecError,
// another std::exception or anything else — into {"ok": false, "field", "message"}. The handle
// keeps the last such error; api.js reads it after each call (takeError) and throws an Error.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <memory>
#include <string>

#include "math/simd.hpp"
#include "run/catalog.hpp"
#include "run/experiment.hpp"
#include "run/landscape.hpp"
#include "run/gradient_noise.hpp"
#include "run/optimizer_factory.hpp"
#include "run/race.hpp"
#include "run/run.hpp"
#include "run/surface_spec.hpp"
#include "run/surface_view.hpp"
#include "run/validate.hpp"

namespace {

using emscripten::typed_memory_view;
using emscripten::val;
using optlab::catch_all;
using optlab::Json;
using optlab::NetworkRun;
using optlab::Run;

std::string validate(const std::string& text) { return optlab::validate_spec_json(text); }
std::string default_spec() { return optlab::default_spec_json(); }
std::string optimizer_names() { return Json(optlab::optimizer_names()).dump(); }
std::string expand_race(const std::string& text) { return optlab::expand_race_json(text); }
std::string racer_line(const std::string& line, double index, const std::string& label) {
  std::string out;
  const std::string error = catch_all("racerLine", [&] { out = optlab::racer_line(line, static_cast<int>(index), label); });
  return error.empty() ? out : error;
}
std::string catalog_json() {
  std::string out;
  const std::string error = catch_all("catalog", [&] { out = optlab::catalog_json(); });
  return error.empty() ? out : error;
}

// Hands the core the programs wasm/formula.js made from formula f ("" or the error JSON).
std::string register_formula(const std::string& f, const std::string& programs_json) {
  return catch_all("spec", [&] { optlab::register_formula_programs(f, programs_json); });
}

class RunHandle {
 public:
  explicit RunHandle(const std::string& text) {
    error_ = catch_all("spec", [&] {
      run_ = optlab::make_run(text);
      net_ = dynamic_cast<NetworkRun*>(run_.get());
      surface_ = optlab::SurfaceView::from_spec(run_->normalized_spec());
    });
  }
  // The error of the constructor or of the last call ("" if none), then cleared.
  std::string take_error() { return std::move(error_); }

  bool has_surface() const { return surface_ != nullptr; }
  std::string surface_info() { return guard(std::string("null"), [&] { return surface_ ? surface_->info_json() : "null"; }); }
  val surface_grid(double xmin, double xmax, double ymin, double ymax, double nx, double ny) {
    return guard(val::null(), [&] {
      if (!surface_) return val::null();
      const auto& g = surface_->grid(xmin, xmax, ymin, ymax, nx, ny);
      return val(typed_memory_view(g.size(), g.data()));
    });
  }
  val surface_eval(double x, double y) {
    return guard(val::null(), [&] { return surface_ ? val(typed_memory_view(3, surface_->eval(x, y))) : val::null(); });
  }
  double advance(double n) {
    return guard(0.0, [&] { return run_ ? static_cast<double>(run_->advance(static_cast<long>(n))) : 0.0; });
  }
  // A live change (Run::apply_change): {"optimizer.lr": 0.05, …} as JSON text.
  void apply_change(const std::string& set_text) {
    error_ = catch_all("set", [&] {
      if (run_) run_->apply_change(optlab::parse_json_text(set_text));
    });
  }
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
  std::string json_line(double row) {
    return guard(std::string(), [&] { return run_->json_line(optlab::checked_row(row, run_->record_count())); });
  }
  std::string summary_line() const { return run_->summary_line(); }
  // Run::final_lines() (the landscape of a finished network run) as a JSON array of line texts.
  std::string final_lines() {
    return guard(std::string("[]"), [&] { return run_ ? Json(run_->final_lines()).dump() : std::string("[]"); });
  }
  // The landscape in chunks (the page's worker): begin → total points (0 when the spec has no
  // landscape, the run is not done or it diverged), compute(n) → points done now, json → result.
  double landscape_begin() {
    return guard(0.0, [&] {
      landscape_.reset();
      if (!net_ || !net_->spec().landscape.on || !run_->done() || !run_->diverged().empty()) return 0.0;
      landscape_ = std::make_unique<optlab::Landscape>(*net_);
      return static_cast<double>(landscape_->total());
    });
  }
  double landscape_compute(double n) {
    return guard(0.0, [&] {
      return landscape_ ? static_cast<double>(landscape_->compute(optlab::checked_row(n, 1000001))) : 0.0;
    });
  }
  std::string landscape_json() const { return landscape_ ? landscape_->json() : "null"; }
  std::string spec() const { return run_->normalized_spec().dump(); }
  int classes() const { return net_ ? net_->dataset().classes : 0; }
  int dim() const { return net_ ? net_->dataset().dim : 0; }
  val train_x() const { if (!net_) return val::null(); return val(typed_memory_view(net_->dataset().train_x.size(), net_->dataset().train_x.data())); }
  val test_x() const { if (!net_) return val::null(); return val(typed_memory_view(net_->dataset().test_x.size(), net_->dataset().test_x.data())); }
  val train_y() const { if (!net_) return val::null(); return val(typed_memory_view(net_->dataset().train_y.size(), net_->dataset().train_y.data())); }
  val test_y() const { if (!net_) return val::null(); return val(typed_memory_view(net_->dataset().test_y.size(), net_->dataset().test_y.data())); }
  // Standardization of the inputs (Dataset::mean, scale): raw = input · scale + mean; empty when off.
  val feature_mean() const { if (!net_) return val::null(); return val(typed_memory_view(net_->dataset().mean.size(), net_->dataset().mean.data())); }
  val feature_scale() const { if (!net_) return val::null(); return val(typed_memory_view(net_->dataset().scale.size(), net_->dataset().scale.data())); }
  // The predicted class of every test example (NetworkRun::predict_test), a view of predictions_.
  val predict_test() {
    return guard(val::null(), [&] {
      if (!net_) return val::null();
      net_->predict_test(predictions_);
      return val(typed_memory_view(predictions_.size(), predictions_.data()));
    });
  }
  // Regression: the network's output for every test example (NetworkRun::predict_test_values), a
  // view of values_ (test examples × outputs, row-major); empty for classes.
  val predict_test_values() {
    return guard(val::null(), [&] {
      if (!net_) return val::null();
      net_->predict_test_values(values_);
      return val(typed_memory_view(values_.size(), values_.data()));
    });
  }
  // Regression targets of the test set (Dataset::test_t, row-major) and their standardization
  // (raw = target · target_scale + target_mean per output; empty when off); empty for classes.
  val test_targets() const { if (!net_) return val::null(); return val(typed_memory_view(net_->dataset().test_t.size(), net_->dataset().test_t.data())); }
  val target_mean() const { if (!net_) return val::null(); return val(typed_memory_view(net_->dataset().target_mean.size(), net_->dataset().target_mean.data())); }
  val target_scale() const { if (!net_) return val::null(); return val(typed_memory_view(net_->dataset().target_scale.size(), net_->dataset().target_scale.data())); }
  val predict_grid(double xmin, double xmax, double ymin, double ymax, double nx, double ny) {
    return guard(val::null(), [&] {
      if (!net_) return val::null();
      net_->predict_grid(xmin, xmax, ymin, ymax, nx, ny, grid_);
      return val(typed_memory_view(grid_.size(), grid_.data()));
    });
  }
  // The weight-space symmetry readout of the current θ as JSON text ("" for a surface run).
  std::string symmetry(double seed) {
    return guard(std::string(), [&] {
      return net_ ? net_->symmetry_readout(optlab::checked_seed(seed)).dump() : std::string();
    });
  }

 private:
  // f()'s result, or `fallback` with the error kept for take_error().
  template <typename R, typename F>
  R guard(R fallback, F&& f) {
    R result = fallback;
    error_ = catch_all("run", [&] { result = f(); });
    return error_.empty() ? result : fallback;
  }

  std::unique_ptr<Run> run_;
  NetworkRun* net_ = nullptr;                      // set when the run trains a network
  std::unique_ptr<optlab::SurfaceView> surface_;  // set when the spec names a "problem"
  std::string error_;
  std::vector<float> grid_;
  std::unique_ptr<optlab::Landscape> landscape_;  // declared after run_: destroyed before it
  std::vector<int> predictions_;
  std::vector<float> values_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(optlab) {
  emscripten::function("validate", &validate);
  emscripten::function("defaultSpec", &default_spec);
  emscripten::function("optimizerNames", &optimizer_names);
  emscripten::function("catalogJson", &catalog_json);
  emscripten::function("registerFormula", &register_formula);
  emscripten::function("gradientNoise", &optlab::gradient_noise_json);
  emscripten::function("expandRace", &expand_race);
  emscripten::function("racerLine", &racer_line);
  emscripten::function("simdBackend", emscripten::optional_override([] { return std::string(optlab::simd::backend_name()); }));
  emscripten::function("setSimdEnabled", &optlab::simd::set_enabled);
  emscripten::class_<RunHandle>("RunHandle")
      .constructor<const std::string&>()
      .function("takeError", &RunHandle::take_error)
      .function("advance", &RunHandle::advance)
      .function("applyChange", &RunHandle::apply_change)
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
      .function("finalLines", &RunHandle::final_lines)
      .function("landscapeBegin", &RunHandle::landscape_begin)
      .function("landscapeCompute", &RunHandle::landscape_compute)
      .function("landscapeJson", &RunHandle::landscape_json)
      .function("spec", &RunHandle::spec)
      .function("classes", &RunHandle::classes)
      .function("dim", &RunHandle::dim)
      .function("trainX", &RunHandle::train_x)
      .function("testX", &RunHandle::test_x)
      .function("trainY", &RunHandle::train_y)
      .function("testY", &RunHandle::test_y)
      .function("predictGrid", &RunHandle::predict_grid)
      .function("featureMean", &RunHandle::feature_mean)
      .function("featureScale", &RunHandle::feature_scale)
      .function("predictTest", &RunHandle::predict_test)
      .function("predictTestValues", &RunHandle::predict_test_values)
      .function("testTargets", &RunHandle::test_targets)
      .function("targetMean", &RunHandle::target_mean)
      .function("targetScale", &RunHandle::target_scale)
      .function("symmetry", &RunHandle::symmetry)
      .function("hasSurface", &RunHandle::has_surface)
      .function("surfaceInfo", &RunHandle::surface_info)
      .function("surfaceGrid", &RunHandle::surface_grid)
      .function("surfaceEval", &RunHandle::surface_eval);
}
