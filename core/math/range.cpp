#include "math/range.hpp"

#include <cmath>
#include <sstream>

namespace optlab {

std::string format_number(double v) {
  if (std::isinf(v)) return v > 0 ? "∞" : "−∞";
  std::ostringstream s;
  s << v;
  return s.str();
}

bool Range::contains(double v) const {
  if (std::isnan(v)) return false;
  if (lo_open ? !(v > lo) : !(v >= lo)) return false;
  if (hi_open ? !(v < hi) : !(v <= hi)) return false;
  return true;
}

std::string Range::describe() const {
  const bool lo_inf = std::isinf(lo), hi_inf = std::isinf(hi);
  if (lo_inf && hi_inf) return "finite";
  if (hi_inf) return std::string(lo_open ? "> " : "≥ ") + format_number(lo);
  if (lo_inf) return std::string(hi_open ? "< " : "≤ ") + format_number(hi);
  return std::string("in ") + (lo_open ? "(" : "[") + format_number(lo) + ", " + format_number(hi) + (hi_open ? ")" : "]");
}

void check_option(const char* key, double v, Range r) {
  if (!std::isfinite(v) && !(std::isinf(v) && r.contains(v))) throw OptionError(key, "must be a finite number, got " + format_number(v));
  if (!r.contains(v)) throw OptionError(key, "must be " + r.describe() + ", got " + format_number(v));
}

void check_option(const char* key, long long v, long long lo, long long hi) {
  if (v < lo || v > hi)
    throw OptionError(key, "must be an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " +
                               std::to_string(v));
}

}  // namespace optlab
