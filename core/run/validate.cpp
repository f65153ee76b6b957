#include "run/validate.hpp"

#include "run/race.hpp"
#include "run/spec.hpp"
#include "run/spec_limits.hpp"

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
    const Json j = parse_json_text(spec_text);
    Json normalized;
    if (has_racers(j)) {
      // A race: every racer validated (errors name racers[i].field); the result is the normalized
      // base spec with the race's racers and changes as given.
      expand_race(j);
      Json base = j;
      base.erase("racers");
      base.erase("changes");
      normalized = parse_spec_value(base).normalized;
      normalized["racers"] = j["racers"];
      if (j.contains("changes")) normalized["changes"] = j["changes"];
    } else {
      ExperimentSpec s = parse_spec_value(j);
      check_resource_limits(s);
      normalized = std::move(s.normalized);
    }
    result = Json{{"ok", true}, {"spec", normalized}}.dump(-1, ' ', false, Json::error_handler_t::replace);
  });
  return error.empty() ? result : error;
}

}  // namespace optlab
