// Validation results as JSON text, for the bindings and the runners' `validate` command: the one
// place that turns any exception into {"ok": false, "field", "message"}, so nothing escapes.
#pragma once

#include <string>

namespace optlab {

// {"ok": true, "spec": <normalized spec>} or {"ok": false, "field": "optimizer.lr", "message": …}.
// Never throws; a message that is not valid UTF-8 has its bad bytes replaced (U+FFFD).
std::string validate_spec_json(const std::string& spec_text) noexcept;

// {"ok": false, "field": field, "message": message} (never throws; bad UTF-8 replaced).
std::string error_json(const std::string& field, const std::string& message) noexcept;

// Runs f; on any exception returns error_json() of it (SpecError: its field; others: `field`).
// Otherwise returns "". For the bindings, which must never let an exception reach JavaScript.
template <typename F>
std::string catch_all(const std::string& field, F&& f) noexcept;

}  // namespace optlab

#include "run/spec_reader.hpp"

namespace optlab {

template <typename F>
std::string catch_all(const std::string& field, F&& f) noexcept {
  try {
    f();
    return "";
  } catch (const SpecError& e) {
    return error_json(e.field(), e.what());
  } catch (const std::exception& e) {
    return error_json(field, e.what());
  } catch (...) {
    return error_json(field, "an unexpected error (not a std::exception) was raised");
  }
}

}  // namespace optlab
