#include "run/spec_reader.hpp"

#include "run/catalog.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace optlab {

namespace {
std::string num(double v) { return format_number(v); }

const char* type_name(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::string: return "a string";
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return "an object";
    default: return "a number";
  }
}
// "a string \"x\"", "an array [1,2]", "null": what a wrong-typed value was, for messages.
std::string got(const Json& j) { return j.is_null() ? std::string("null") : type_name(j) + std::string(" ") + describe_json(j); }
}  // namespace

ObjectReader::ObjectReader(const Json& j, std::string path, Json* out) : j_(&j), path_(std::move(path)), out_(out) {
  if (!j.is_object())
    throw SpecError(path_.empty() ? "spec" : path_, std::string("must be an object, got ") + type_name(j));
  if (!out_->is_object()) *out_ = Json::object();
}

const Json* ObjectReader::find(const std::string& key) const {
  if (!j_->is_object()) return nullptr;
  auto it = j_->find(key);
  return it == j_->end() ? nullptr : &*it;
}

bool ObjectReader::has(const std::string& key) const { return find(key) != nullptr; }

void ObjectReader::fail(const std::string& key, const std::string& message) const {
  throw SpecError(field(key), message);
}

double ObjectReader::number(const std::string& key, double def, Range r) {
  read_.push_back(key);
  const Json* v = find(key);
  double x = def;
  if (v) {
    if (!v->is_number())
      fail(key, "must be a number " + r.describe() + ", got " + got(*v));
    x = v->get<double>();
    if (!std::isfinite(x)) fail(key, "must be a finite number, got " + describe_json(*v));
    if (!r.contains(x)) fail(key, "must be " + r.describe() + ", got " + num(x));
  }
  (*out_)[key] = x;
  return x;
}

double ObjectReader::number_required(const std::string& key, Range r) {
  if (!has(key)) fail(key, "is required (a number " + r.describe() + ")");
  return number(key, 0.0, r);
}

long long ObjectReader::integer(const std::string& key, long long def, long long lo, long long hi) {
  read_.push_back(key);
  const Json* v = find(key);
  long long x = def;
  const std::string allowed = "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
  if (v) {
    if (!v->is_number()) fail(key, "must be " + allowed + ", got " + got(*v));
    const double d = v->get<double>();
    if (!std::isfinite(d) || std::floor(d) != d) fail(key, "must be " + allowed + ", got " + describe_json(*v));
    if (d < static_cast<double>(lo) || d > static_cast<double>(hi))
      fail(key, "must be " + allowed + ", got " + describe_json(*v));
    x = static_cast<long long>(d);
  }
  (*out_)[key] = x;
  return x;
}

bool ObjectReader::boolean(const std::string& key, bool def) {
  read_.push_back(key);
  const Json* v = find(key);
  bool x = def;
  if (v) {
    if (!v->is_boolean()) fail(key, std::string("must be true or false, got ") + got(*v));
    x = v->get<bool>();
  }
  (*out_)[key] = x;
  return x;
}

std::string ObjectReader::string(const std::string& key, const std::string& def) {
  read_.push_back(key);
  const Json* v = find(key);
  std::string x = def;
  if (v) {
    if (!v->is_string()) fail(key, std::string("must be a string, got ") + got(*v));
    x = v->get<std::string>();
  }
  (*out_)[key] = x;
  return x;
}

std::string ObjectReader::choice(const std::string& key, const std::string& def, const std::vector<std::string>& allowed) {
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  read_.push_back(key);
  const Json* v = find(key);
  std::string x = def;
  if (v) {
    if (!v->is_string()) fail(key, "must be one of " + list + ", got " + got(*v));
    x = v->get<std::string>();
    if (std::find(allowed.begin(), allowed.end(), x) == allowed.end())
      fail(key, "unknown value " + describe_json(*v) + "; expected one of " + list);
  }
  (*out_)[key] = x;
  return x;
}

ObjectReader ObjectReader::object(const std::string& key) {
  read_.push_back(key);
  static const Json kEmpty = Json::object();
  const Json* v = find(key);
  return ObjectReader(v ? *v : kEmpty, field(key), &(*out_)[key]);
}

void ObjectReader::allow(const std::string& key) { read_.push_back(key); }

double ObjectReader::number(const Option& o) { return number(o.key, o.def.get<double>(), o.range); }
double ObjectReader::number(const Option& o, double def) { return number(o.key, def, o.range); }
long long ObjectReader::integer(const Option& o) { return integer(o.key, o.def.get<long long>(), o.lo(), o.hi()); }
long long ObjectReader::integer(const Option& o, long long def) { return integer(o.key, def, o.lo(), o.hi()); }
bool ObjectReader::boolean(const Option& o) { return boolean(o.key, o.def.get<bool>()); }
std::string ObjectReader::choice(const Option& o) { return choice(o.key, o.def.get<std::string>(), o.choices); }
std::string ObjectReader::choice(const Option& o, const std::string& def) { return choice(o.key, def, o.choices); }

const Json* ObjectReader::raw(const std::string& key) {
  read_.push_back(key);
  const Json* v = find(key);
  if (v) (*out_)[key] = *v;
  return v;
}

void ObjectReader::finish() const {
  if (!j_->is_object()) return;
  for (auto it = j_->begin(); it != j_->end(); ++it) {
    if (std::find(read_.begin(), read_.end(), it.key()) != read_.end()) continue;
    std::string allowed;
    for (std::size_t i = 0; i < read_.size(); ++i)  // each key once, in the order the reader asks for them
      if (std::find(read_.begin(), read_.begin() + static_cast<std::ptrdiff_t>(i), read_[i]) == read_.begin() + static_cast<std::ptrdiff_t>(i))
        allowed += (allowed.empty() ? "" : ", ") + read_[i];
    throw SpecError(field(it.key()), "unknown key; allowed here: " + allowed);
  }
}

}  // namespace optlab
