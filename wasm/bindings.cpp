// Embind bindings: the only file that includes Emscripten headers. The raw class `RunHandle` is
// wrapped by wasm/api.js, which copies or views its buffers and owns its lifetime (.delete()).
//
// Errors never cross the boundary as C++ exceptions: a bad spec leaves the handle with an error
// JSON ({"field", "message"}) that the JS wrapper turns into an OptlabSpecError.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <memory>
#include <string>

#include "math/simd.hpp"
#include "run/experiment.hpp"

namespace {

using emscripten::typed_memory_view;
using emscripten::val;
using optlab::Experiment;
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

class RunHandle {
 public:
  explicit RunHandle(const std::string& text) {
    try {
      run_ = Experiment::from_json(text);
    } catch (const optlab::SpecError& e) {
      error_ = error_json(e.field(), e.what());
    } catch (const std::exception& e) {
      error_ = error_json("spec", e.what());
    }
  }
  std::string error() const { return error_; }
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
  val params_view() const { return val(typed_memory_view(run_->params().size(), run_->params().data())); }
  val params_trace_view() const {
    const auto& t = run_->params_trace();
    return val(typed_memory_view(t.size(), t.data()));
  }
  std::string json_line(double row) const { return run_->json_line(static_cast<optlab::Index>(row)); }
  std::string summary_line() const { return run_->summary_line(); }
  std::string spec() const { return run_->spec().normalized.dump(); }
  int classes() const { return run_->dataset().classes; }
  int dim() const { return run_->dataset().dim; }
  val train_x() const { return val(typed_memory_view(run_->dataset().train_x.size(), run_->dataset().train_x.data())); }
  val test_x() const { return val(typed_memory_view(run_->dataset().test_x.size(), run_->dataset().test_x.data())); }
  val train_y() const { return val(typed_memory_view(run_->dataset().train_y.size(), run_->dataset().train_y.data())); }
  val test_y() const { return val(typed_memory_view(run_->dataset().test_y.size(), run_->dataset().test_y.data())); }
  val predict_grid(double xmin, double xmax, double ymin, double ymax, int nx, int ny) {
    grid_.resize(static_cast<std::size_t>(nx) * ny * run_->dataset().classes);
    run_->predict_grid(xmin, xmax, ymin, ymax, nx, ny, grid_.data());
    return val(typed_memory_view(grid_.size(), grid_.data()));
  }

 private:
  std::unique_ptr<Experiment> run_;
  std::string error_;
  std::vector<float> grid_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(optlab) {
  emscripten::function("validate", &validate);
  emscripten::function("defaultSpec", &default_spec);
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
      .function("paramsView", &RunHandle::params_view)
      .function("paramsTraceView", &RunHandle::params_trace_view)
      .function("jsonLine", &RunHandle::json_line)
      .function("summaryLine", &RunHandle::summary_line)
      .function("spec", &RunHandle::spec)
      .function("classes", &RunHandle::classes)
      .function("dim", &RunHandle::dim)
      .function("trainX", &RunHandle::train_x)
      .function("testX", &RunHandle::test_x)
      .function("trainY", &RunHandle::train_y)
      .function("testY", &RunHandle::test_y)
      .function("predictGrid", &RunHandle::predict_grid);
}
