// JSON text in and out of messages: parsing a spec's text, and quoting text inside a message.
//
// Kept apart from the ObjectReader (spec_reader.*): these functions decide what a user sees when
// the text itself is wrong (syntax, encoding, nesting depth, duplicate keys, numbers out of
// range), and that every message is printable: valid UTF-8, cut only between characters, control
// characters shown escaped (a key "\u0000" must not end a C string early).
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

namespace optlab {

using Json = nlohmann::json;

// Deepest nesting of arrays and objects a spec may use. The deepest real field
// (network.layers[i].init.values[r][c]) needs 6; the limit is checked while parsing, before
// anything recurses over the value (a 7,000-deep array once overflowed the wasm stack).
constexpr int kMaxJsonDepth = 32;

// Parses JSON text. Throws SpecError (field "spec", or the dotted path of the offending value) for
// a syntax error (with line and column), nesting deeper than kMaxJsonDepth, a key repeated in one
// object, or a number literal outside the range of a double (1e999). The message is printable.
Json parse_json_text(const std::string& text);

// "7" → "7", 0.1 → "0.1", "abc" → "\"abc\"": a value as it appeared, for messages; at most about
// 40 bytes, cut on a character boundary.
std::string describe_json(const Json& j);

// s made safe to show: valid UTF-8 sequences are kept, every other byte becomes "\xNN", control
// characters and invisible format characters (bidirectional overrides, zero-width characters,
// U+2028/2029, the byte order mark) become "\uNNNN" (JSON's escape), and when s is longer than
// max_bytes it is cut at the last whole character that fits and "…" is appended.
std::string printable_text(const std::string& s, std::size_t max_bytes = 4096);

}  // namespace optlab
