// JSON text: the errors a spec's text itself can have (syntax, encoding, nesting depth, duplicate
// keys, numbers beyond a double) each give a printable message naming the field.
#include <string>

#include "run/json_text.hpp"
#include "run/spec.hpp"
#include "spec_failure.hpp"
#include "test_support.hpp"

using namespace optlab;

namespace {

// Independent UTF-8 check (decodes code points; rejects overlong forms, surrogates, > U+10FFFF).
bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (n < 0 || i + n >= s.size() + (n == 0 ? 1 : 0)) return false;
    unsigned long cp = n == 0 ? c : (c & (0x3F >> n));
    for (int k = 1; k <= n; ++k) {
      const unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    const unsigned long min[] = {0, 0x80, 0x800, 0x10000};
    if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}


bool has_control(const std::string& s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20) return true;
  return false;
}

}  // namespace

TEST_CASE("a syntax error at a non-ASCII character shows the whole character, as valid UTF-8") {
  const testing::SpecFailure f = testing::spec_failure("{\"seed\": \xC3\xA9}");  // {"seed": é}
  CHECK(f.field == "spec");
  CHECK(valid_utf8(f.what));
  CHECK(f.what.find("line 1, column 10") != std::string::npos);
  CHECK(f.what.find("\xC3\xA9'") != std::string::npos);  // ends in the whole 'é', not a lone lead byte
  // Three- and four-byte characters and bytes that are not UTF-8 at all.
  for (const std::string bad : {"{\"seed\": \xE2\x88\x9E}", "{\"seed\": \xF0\x9F\x98\x80}", "{\"seed\": \xFF}",
                                "{\"seed\": \xC3}", "{\"seed\": \"\xC3\"}", "{\"s\xE9\": 1}", "\xEF\xBB\xBF{\"seed\": ?}"}) {
    const testing::SpecFailure g = testing::spec_failure(bad);
    CAPTURE(g.what);
    CHECK(g.field == "spec");
    CHECK(valid_utf8(g.what));
    CHECK(g.what.find("malformed JSON") != std::string::npos);
  }
}

TEST_CASE("printable_text keeps characters whole, escapes control bytes and cuts between characters") {
  CHECK(printable_text("a\xC3\xA9z") == "a\xC3\xA9z");
  CHECK(printable_text(std::string("k\0y", 3)) == "k\\u0000y");
  CHECK(printable_text("\x1B[2J") == "\\u001B[2J");
  CHECK(printable_text("a\xFF") == "a\\xFF");
  CHECK(printable_text("x\xE2\x80\xAEy") == "x\\u202Ey");  // right-to-left override
  CHECK(printable_text("\xEF\xBB\xBF\xC2\x85") == "\\uFEFF\\u0085");  // byte order mark, C1 control
  CHECK(printable_text("\xED\xA0\x80") == "\\xED\\xA0\\x80");  // an encoded surrogate is not UTF-8
  // 10 × "é" (2 bytes each) cut at 5 bytes: two whole characters, then the ellipsis.
  std::string e10;
  for (int i = 0; i < 10; ++i) e10 += "\xC3\xA9";
  CHECK(printable_text(e10, 5) == "\xC3\xA9\xC3\xA9…");
  // describe_json cuts long values on a character boundary too.
  for (int pad = 0; pad < 4; ++pad) {
    std::string s(static_cast<std::size_t>(pad), 'x');
    for (int i = 0; i < 40; ++i) s += "\xE2\x88\x9E";  // ∞
    const std::string d = describe_json(Json(s));
    CAPTURE(pad);
    CHECK(valid_utf8(d));
    CHECK(d.size() <= 40 + 3);
  }
}

TEST_CASE("a control character in a key is shown escaped, and the message is complete") {
  const testing::SpecFailure f = testing::spec_failure(R"({"\u0000": 1})");
  CHECK(f.field == "\\u0000");
  CHECK(f.what.rfind("\\u0000: unknown key", 0) == 0);
  CHECK(!has_control(f.what));
  const testing::SpecFailure g = testing::spec_failure(R"({"optimizer": {"l\nr": 1}})");
  CHECK(g.field == "optimizer.l\\u000Ar");
  CHECK(!has_control(g.what));
}

TEST_CASE("nesting deeper than the limit is refused with a message before anything recurses") {
  for (const int depth : {kMaxJsonDepth + 1, 7000, 200000}) {
    const std::string text = "{\"seed\": " + std::string(static_cast<std::size_t>(depth), '[') +
                             std::string(static_cast<std::size_t>(depth), ']') + "}";
    const testing::SpecFailure f = testing::spec_failure(text);
    CAPTURE(depth);
    CHECK(f.field == "seed");
    CHECK(f.what.find("nested more than 32 levels") != std::string::npos);
  }
  const std::string objects = std::string(100000, '[') + std::string(100000, ']');
  CHECK(testing::spec_failure(objects).field == "spec");
  // At the limit itself the text parses (the reader then rejects the value's type, not its depth).
  const testing::SpecFailure ok = testing::spec_failure("{\"seed\": " + std::string(kMaxJsonDepth - 1, '[') + std::string(kMaxJsonDepth - 1, ']') + "}");
  CHECK(ok.field == "seed");
  CHECK(ok.what.find("integer") != std::string::npos);
}

TEST_CASE("a key given twice in one object is refused, naming the key and its path") {
  testing::SpecFailure f = testing::spec_failure(R"({"steps": 10, "steps": 20})");
  CHECK(f.field == "steps");
  CHECK(f.what.find("appears twice") != std::string::npos);
  f = testing::spec_failure(R"({"optimizer": {"name": "sgd", "lr": 0.1, "lr": 5}})");
  CHECK(f.field == "optimizer.lr");
  f = testing::spec_failure(R"({"network": {"layers": [{"units": 4}, {"units": 4, "activation": "relu", "units": 8}]}})");
  CHECK(f.field == "network.layers[1].units");
  // The same key in different objects is fine.
  CHECK(testing::spec_failure(R"({"network": {"layers": [{"units": 4}, {"units": 4}]}, "steps": 3})").field.empty());
}

TEST_CASE("a number literal beyond the range of a double says so, naming the field") {
  for (const char* lit : {"1e999", "-1e999", "1e400", "123e99999"}) {
    const testing::SpecFailure f = testing::spec_failure(std::string(R"({"optimizer": {"name": "sgd", "lr": )") + lit + "}}");
    CAPTURE(lit);
    CHECK(f.field == "optimizer.lr");
    CHECK(f.what.find("out of range") != std::string::npos);
    CHECK(f.what.find("null") == std::string::npos);
  }
  const testing::SpecFailure g = testing::spec_failure(R"({"problem": {"name": "quadratic", "eigenvalues": [1, 1e999]}})");
  CHECK(g.field == "problem.eigenvalues[1]");
  // Large but representable numbers and huge integers still parse (the reader judges their range).
  CHECK(testing::spec_failure(R"({"optimizer": {"name": "sgd", "lr": 1e308}})").what.find("out of range") == std::string::npos);
}
