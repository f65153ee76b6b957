#include "run/validate.hpp"

#include "run/spec.hpp"

namespace optlab {

std::string error_json(const std::string& field, const std::string& message) noexcept {
  try {
    return Json{{"ok", false}, {"field", field}, {"message", message}}.dump(-1, ' ', false,
                                                                           Json::error_handler_t::replace);
  } catch (...) {
    return R"({"ok":false,"field":"spec","message":"out of memory while reporting an error"})";
  }
}

std::string validate_spec_json(const std::string& spec_text) noexcept {
  std::string result;
  const std::string error = catch_all("spec", [&] {
    ExperimentSpec s = parse_spec(spec_text);
    result = Json{{"ok", true}, {"spec", s.normalized}}.dump(-1, ' ', false, Json::error_handler_t::replace);
  });
  return error.empty() ? result : error;
}

}  // namespace optlab
