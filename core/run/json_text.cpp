#include "run/json_text.hpp"

#include <cmath>
#include <cstdio>
#include <set>
#include <vector>

#include "run/spec_reader.hpp"

namespace optlab {

namespace {

// Length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlong forms, no surrogates,
// nothing above U+10FFFF), or 0 when the bytes there are not one.
std::size_t utf8_length(const std::string& s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
  const unsigned c = byte(i);
  const auto cont = [&](std::size_t k) { return (byte(k) & 0xC0u) == 0x80u; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned c1 = byte(i + 1);
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F)) return 0;  // overlong, surrogate
    return cont(i + 1) && cont(i + 2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned c1 = byte(i + 1);
    if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)) return 0;  // overlong, > U+10FFFF
    return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

const char* const kOutOfRange = "is out of range: a spec's numbers must lie within ±1.8e308 (the range of a double)";

// The code point of the well-formed n-byte sequence at s[i].
unsigned code_point(const std::string& s, std::size_t i, std::size_t n) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  if (n == 1) return b(0);
  if (n == 2) return ((b(0) & 0x1Fu) << 6) | (b(1) & 0x3Fu);
  if (n == 3) return ((b(0) & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu);
  return ((b(0) & 0x07u) << 18) | ((b(1) & 0x3Fu) << 12) | ((b(2) & 0x3Fu) << 6) | (b(3) & 0x3Fu);
}

// Characters a message shows escaped: C0 and C1 controls, DEL, and the invisible format
// characters that could reorder or hide the text around them (zero-width, bidirectional
// overrides and isolates, line/paragraph separators, the byte order mark).
bool invisible(unsigned cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

// Tracks where the parser is (the dotted path of the current value) so that a nesting, duplicate
// or range error names the field, and enforces those rules as the parser reports each event.
class TextRules {
 public:
  bool operator()(int /*depth*/, Json::parse_event_t event, Json& parsed) {
    using E = Json::parse_event_t;
    switch (event) {
      case E::object_start:
      case E::array_start:
        if (frames_.size() >= static_cast<std::size_t>(kMaxJsonDepth))
          throw SpecError(top_field(), "arrays and objects are nested more than " + std::to_string(kMaxJsonDepth) +
                                           " levels deep; no spec field needs more than 6");
        frames_.push_back(Frame{event == E::object_start, 0, {}, {}});
        break;
      case E::key: {
        Frame& f = frames_.back();
        f.key = parsed.get<std::string>();
        if (!f.keys.insert(f.key).second)
          throw SpecError(path(), "this key appears twice in the same object; give it once");
        break;
      }
      case E::value:
        if (parsed.is_number_float() && !std::isfinite(parsed.get<double>()))
          throw SpecError(path(), kOutOfRange);
        element_done();
        break;
      case E::object_end:
      case E::array_end:
        frames_.pop_back();
        element_done();
        break;
    }
    return true;
  }

  // The dotted path of the value being read ("optimizer.lr", "problem.x0[1]"), or "spec".
  std::string path() const {
    std::string p;
    for (const Frame& f : frames_) {
      if (f.object)
        p += (p.empty() ? "" : ".") + f.key;
      else
        p += "[" + std::to_string(f.index) + "]";
    }
    return p.empty() ? "spec" : p;
  }

 private:
  struct Frame {
    bool object;
    std::size_t index;          // arrays: position of the current element
    std::string key;            // objects: the current key
    std::set<std::string> keys; // objects: keys seen so far
  };

  void element_done() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
  }
  // The top-level field holding the current value (the whole path may be thousands of "[0]").
  std::string top_field() const {
    if (frames_.size() >= 2 && frames_[0].object) return frames_[0].key;
    return "spec";
  }

  std::vector<Frame> frames_;
};

// nlohmann's parse_error text after its "[json.exception.parse_error.101] " tag. Its "last read"
// token ends where the lexer stopped, which can be inside a multibyte character ("é" is read as its
// first byte): the character is completed from the text so that the message shows it whole.
std::string syntax_message(const Json::parse_error& e, const std::string& text) {
  std::string what = e.what();
  const auto pos = what.find("parse error");
  std::string msg = pos == std::string::npos ? what : what.substr(pos);
  const std::string tag = "last read: '";
  const auto t = msg.find(tag);
  if (t != std::string::npos && !msg.empty() && msg.back() == '\'') {
    std::string token = msg.substr(t + tag.size(), msg.size() - 1 - (t + tag.size()));
    // e.byte is one past the last byte read; continue a started character from the text.
    std::size_t next = e.byte;
    std::size_t lead = token.size();
    while (lead > 0 && (static_cast<unsigned char>(token[lead - 1]) & 0xC0u) == 0x80u) --lead;
    if (lead > 0 && static_cast<unsigned char>(token[lead - 1]) >= 0xC0u) {
      while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0u) == 0x80u &&
             utf8_length(token, lead - 1) == 0 && token.size() - (lead - 1) < 4)
        token += text[next++];
    }
    msg = msg.substr(0, t + tag.size()) + token + "'";
  }
  return msg;
}

}  // namespace

std::string printable_text(const std::string& s, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(s.size(), max_bytes) + 8);
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const std::size_t n = utf8_length(s, i);
    std::string piece;
    char buf[8];
    if (n == 0) {
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      piece = buf;
    } else if (const unsigned cp = code_point(s, i, n); invisible(cp)) {
      std::snprintf(buf, sizeof buf, "\\u%04X", cp);
      piece = buf;
    } else {
      piece = s.substr(i, n);
    }
    if (out.size() + piece.size() > max_bytes) {
      out += "…";
      break;
    }
    out += piece;
    i += n == 0 ? 1 : n;
  }
  return out;
}

std::string describe_json(const Json& j) {
  if (j.is_number_float() && !std::isfinite(j.get<double>()))  // dump() would print null
    return std::isnan(j.get<double>()) ? "NaN" : (j.get<double>() > 0 ? "∞" : "−∞");
  return printable_text(j.dump(-1, ' ', false, Json::error_handler_t::replace), 40);
}

Json parse_json_text(const std::string& text) {
  TextRules rules;
  try {
    return Json::parse(text, std::ref(rules));
  } catch (const Json::parse_error& e) {
    throw SpecError("spec", "malformed JSON: " + syntax_message(e, text));
  } catch (const Json::out_of_range& e) {
    // 406: "number overflow parsing '1e999'", raised by the lexer before the value is reported.
    std::string what = e.what();
    const auto q = what.find('\'');
    const std::string literal = q == std::string::npos ? "" : what.substr(q);
    throw SpecError(rules.path(), "the number " + literal + " " + kOutOfRange);
  } catch (const Json::exception& e) {
    std::string what = e.what();
    auto pos = what.find("] ");
    throw SpecError("spec", "malformed JSON: " + (pos == std::string::npos ? what : what.substr(pos + 2)));
  }
}

}  // namespace optlab
