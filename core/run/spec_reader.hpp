// Reading a JSON spec with messages that name the field.
//
// An ObjectReader walks one JSON object: every accessor states the key's type, default and allowed
// range, records the value it returns into a normalized copy (so the normalized spec has every
// default filled in), and finish() rejects any key nobody asked for. Errors are SpecError with the
// dotted path of the field ("optimizer.lr") and a sentence saying what is allowed.
#pragma once

#include <limits>
#include <nlohmann/json.hpp>

#include "math/range.hpp"
#include "run/json_text.hpp"
#include <stdexcept>
#include <string>
#include <vector>

namespace optlab {

using Json = nlohmann::json;

class SpecError : public std::runtime_error {
 public:
  // Field and message are shown through printable_text (valid UTF-8, control characters escaped).
  SpecError(const std::string& field, const std::string& message)
      : SpecError(printable_text(field, 200), printable_text(message), 0) {}
  const std::string& field() const { return field_; }

 private:
  SpecError(std::string field, const std::string& message, int)
      : std::runtime_error(field.empty() ? message : field + ": " + message), field_(std::move(field)) {}
  std::string field_;
};

struct Option;  // run/catalog.hpp

class ObjectReader {
 public:
  // j must be an object (null is rejected naming the field); out receives the normalized object.
  ObjectReader(const Json& j, std::string path, Json* out);

  const std::string& path() const { return path_; }
  std::string field(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
  bool has(const std::string& key) const;

  double number(const std::string& key, double def, Range r = Range::any());
  double number_required(const std::string& key, Range r = Range::any());
  long long integer(const std::string& key, long long def, long long lo, long long hi);
  bool boolean(const std::string& key, bool def);
  std::string string(const std::string& key, const std::string& def);
  // One of `allowed`; the message lists them.
  std::string choice(const std::string& key, const std::string& def, const std::vector<std::string>& allowed);
  // The same, with the key, default and range of a catalog option (run/catalog.hpp). The overloads
  // with `def` are for options whose default depends on the kind of run (Option::def is null).
  double number(const Option& o);
  double number(const Option& o, double def);
  long long integer(const Option& o);
  long long integer(const Option& o, long long def);
  bool boolean(const Option& o);
  std::string choice(const Option& o);
  std::string choice(const Option& o, const std::string& def);
  // Marks a key as allowed here without reading it (an alias the caller handled elsewhere).
  void allow(const std::string& key);
  // A child object (missing → {} so its defaults apply; null is rejected).
  ObjectReader object(const std::string& key);
  // A raw value the caller validates itself (marked as read; copied into the normalized output).
  const Json* raw(const std::string& key);
  // Throws for the first key that was never read, listing the keys that are allowed.
  void finish() const;
  // Throws SpecError for this reader's field.
  [[noreturn]] void fail(const std::string& key, const std::string& message) const;

  Json& out() { return *out_; }

 private:
  const Json* find(const std::string& key) const;

  const Json* j_;
  std::string path_;
  Json* out_;
  std::vector<std::string> read_;
};

}  // namespace optlab
