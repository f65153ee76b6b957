// Allowed ranges of options, and the error an options struct throws for a value outside its range.
//
// Every options struct of the core (optimizers, schedules, averaging, normalization, initializers)
// declares the range of each field next to its default and checks it in its constructor (or a
// validate() called there), as PyTorch's optimizers check their arguments — so the core cannot be
// misused from C++ either. The catalog (run/catalog.cpp) takes those same defaults and ranges, so
// the spec reader, the schema and the page all agree with what the constructors accept.
#pragma once

#include <limits>
#include <stdexcept>
#include <string>

namespace optlab {

// An interval of allowed numbers with open or closed ends.
struct Range {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool lo_open = false, hi_open = false;

  static constexpr Range any() { return {}; }
  static constexpr Range positive() { return {0.0, std::numeric_limits<double>::infinity(), true, false}; }
  static constexpr Range non_negative() { return {0.0, std::numeric_limits<double>::infinity(), false, false}; }
  static constexpr Range closed(double a, double b) { return {a, b, false, false}; }
  static constexpr Range unit_right_open() { return {0.0, 1.0, false, true}; }  // [0, 1)
  static constexpr Range unit_left_open() { return {0.0, 1.0, true, false}; }   // (0, 1]
  static constexpr Range unit_open() { return {0.0, 1.0, true, true}; }         // (0, 1)
  bool contains(double v) const;
  std::string describe() const;  // "> 0", "in [0, 1)", "finite"
};

// A value outside its option's range: key() is the option's name as the spec writes it ("momentum",
// "betas[1]"), so the spec reader can prefix the field's path ("optimizer.momentum").
class OptionError : public std::invalid_argument {
 public:
  OptionError(std::string key, const std::string& message)
      : std::invalid_argument(key + ": " + message), key_(std::move(key)), message_(message) {}
  const std::string& key() const { return key_; }
  const std::string& message() const { return message_; }

 private:
  std::string key_, message_;
};

// Throws OptionError(key, "must be in [0, 1), got 1") unless r contains v.
void check_option(const char* key, double v, Range r);
// The same for an integer-valued option given as an integer.
void check_option(const char* key, long long v, long long lo, long long hi);

// o after o.validate(): for constructors, `opt_(validated(o))`.
template <typename O>
O validated(O o) {
  o.validate();
  return o;
}

// v as the messages print it: "0.1", "1e-08", "∞".
std::string format_number(double v);

}  // namespace optlab
