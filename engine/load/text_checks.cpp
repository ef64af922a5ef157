// UTF-8 validation (RFC 3629), code-point counting, line index, tab-in-indentation scan.
#include "load/text_checks.hpp"

namespace roadmap::load {

namespace {
// Length of the valid UTF-8 sequence at text[i], or 0 when it is invalid.
std::size_t valid_sequence_length(std::string_view text, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) len = 2;
  else if (c == 0xE0) { len = 3; lo = 0xA0; }
  else if (c >= 0xE1 && c <= 0xEC) len = 3;
  else if (c == 0xED) { len = 3; hi = 0x9F; }  // no UTF-16 surrogates
  else if (c >= 0xEE && c <= 0xEF) len = 3;
  else if (c == 0xF0) { len = 4; lo = 0x90; }
  else if (c >= 0xF1 && c <= 0xF3) len = 4;
  else if (c == 0xF4) { len = 4; hi = 0x8F; }  // nothing above U+10FFFF
  else return 0;
  if (i + len > text.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < len; ++k)
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  return len;
}
}  // namespace

std::vector<Utf8Error> find_utf8_errors(std::string_view text, std::size_t limit, std::size_t* total) {
  std::vector<Utf8Error> out;
  std::size_t found = 0;
  int line = 1, column = 1;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = valid_sequence_length(text, i);
    if (len == 0) {
      ++found;
      if (out.size() < limit) out.push_back({line, column, static_cast<unsigned char>(text[i])});
      len = 1;  // resynchronise on the next byte; the bad byte takes one column
    } else if (text[i] == '\n') {
      ++line;
      column = 0;
    }
    ++column;
    i += len;
  }
  if (total) *total = found;
  return out;
}

std::size_t count_code_points(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts_.push_back(i + 1);
}

std::string_view LineIndex::line_text(int line0) const {
  if (line0 < 0 || line0 >= line_count()) return {};
  std::size_t b = starts_[static_cast<std::size_t>(line0)];
  std::size_t e = line0 + 1 < line_count() ? starts_[static_cast<std::size_t>(line0) + 1] - 1 : text_.size();
  return text_.substr(b, e - b);
}

int LineIndex::char_column(int line0, int byte_column0) const {
  if (byte_column0 < 0) return 0;
  std::string_view l = line_text(line0);
  std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(byte_column0), l.size());
  std::size_t chars = count_code_points(l.substr(0, n));
  // Past the end of the line (yaml-cpp may point one past it): count the missing bytes as characters.
  if (static_cast<std::size_t>(byte_column0) > l.size()) chars += static_cast<std::size_t>(byte_column0) - l.size();
  return static_cast<int>(chars) + 1;
}

std::vector<TabInIndent> find_tabs_in_indentation(std::string_view text) {
  std::vector<TabInIndent> out;
  LineIndex index(text);
  for (int l = 0; l < index.line_count(); ++l) {
    std::string_view s = index.line_text(l);
    std::size_t first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) continue;  // blank lines may hold anything
    std::size_t tab = s.substr(0, first).find('\t');
    if (tab != std::string_view::npos) out.push_back({l + 1, static_cast<int>(tab) + 1});
  }
  return out;
}

}  // namespace roadmap::load
