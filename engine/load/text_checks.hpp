// Checks on the raw bytes of a plan file before YAML sees them, and the byte -> character
// position mapping every message needs (yaml-cpp counts columns in bytes, users in characters).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace roadmap::load {

// One invalid UTF-8 sequence: where it starts (1-based line, column in characters) and its byte.
struct Utf8Error {
  int line = 0;
  int column = 0;
  unsigned char byte = 0;
};

// Every invalid sequence, up to `limit` of them (overlong forms, surrogates and code points above
// U+10FFFF are invalid, as RFC 3629 says). `total` receives the number found without the limit.
std::vector<Utf8Error> find_utf8_errors(std::string_view text, std::size_t limit, std::size_t* total = nullptr);

// Number of code points in a valid (or best-effort invalid) UTF-8 string: its display width here.
std::size_t count_code_points(std::string_view text);

// Line starts of a text, to turn a byte offset inside a line into a character column.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  // 0-based line and byte column (yaml-cpp's Mark) -> 1-based column in characters.
  int char_column(int line0, int byte_column0) const;
  std::string_view line_text(int line0) const;
  int line_count() const { return static_cast<int>(starts_.size()); }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

// A tab in the leading whitespace of a non-blank line: 1-based line and column of the tab. YAML
// forbids it in indentation; the loader reports it when the parser fails, as the likely cause.
struct TabInIndent {
  int line = 0;
  int column = 0;
};
std::vector<TabInIndent> find_tabs_in_indentation(std::string_view text);

}  // namespace roadmap::load
