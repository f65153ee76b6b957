// The SpecError a spec's text raises, for tests of validation messages.
#pragma once

#include <string>

#include "run/spec.hpp"

namespace optlab::testing {

struct SpecFailure {
  std::string field, what;  // both empty when the spec is accepted
};

inline SpecFailure spec_failure(const std::string& text) {
  try {
    parse_spec(text);
  } catch (const SpecError& e) {
    return {e.field(), e.what()};
  }
  return {"", ""};
}

}  // namespace optlab::testing
