// A guard in front of yaml-cpp 0.7 (Debian 12): its parser never returns on some documents whose
// root is not a block collection and is followed by a flow indicator — ",", "--- ,", "\"x\"\n,",
// "&a ,", "    !," below an indented root (found by fuzzing the plan loader). Every file we read has a mapping at its root, so a
// document whose first line is not a mapping entry, a sequence entry or a flow collection is
// reported as "the root must be a mapping" without handing it to yaml-cpp.
// Header-only: the plan, directory, event-calendar and production-calendar loaders all use it.
#pragma once

#include <optional>
#include <string_view>
#include <utility>

namespace roadmap::load {

// 1-based line and 0-based byte column of the first line of a document that yaml-cpp must not see.
inline std::optional<std::pair<int, int>> unsafe_yaml_root(std::string_view text) {
  auto looks_like_collection = [](std::string_view c) {
    if (c.empty()) return true;
    char f = c.front();
    if (f == '{' || f == '[' || f == '?') return true;
    if (f == '-' && (c.size() == 1 || c[1] == ' ' || c[1] == '\t')) return true;
    // A mapping key: ':' followed by a blank or the end of the line, outside quotes, before a comment.
    char quote = 0;
    for (std::size_t i = 0; i < c.size(); ++i) {
      char ch = c[i];
      if (quote) {
        if (ch == quote) quote = 0;
        continue;
      }
      if ((ch == '"' || ch == '\'') && i == 0) { quote = ch; continue; }
      if (ch == '#' && i > 0 && (c[i - 1] == ' ' || c[i - 1] == '\t')) return false;
      if (ch == ':' && (i + 1 == c.size() || c[i + 1] == ' ' || c[i + 1] == '\t')) return f != ',' && f != '&' && f != '!';
    }
    return false;
  };
  bool at_start = true;
  std::size_t root_indent = 0;  // column of the document's root collection
  int line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_no;
    std::size_t offset = 0;
    bool marker = line.substr(0, 3) == "---" && (line.size() == 3 || line[3] == ' ' || line[3] == '\t');
    bool doc_end = line.substr(0, 3) == "..." && (line.size() == 3 || line[3] == ' ' || line[3] == '\t');
    if (marker || doc_end) {
      at_start = true;
      offset = 3;
    }
    if (at_start && !(line.size() > 0 && line[0] == '%' && !marker)) {
      std::size_t k = offset;
      while (k < line.size() && (line[k] == ' ' || line[k] == '\t')) ++k;
      std::string_view content = line.substr(k);
      if (!content.empty() && content.front() != '#' && !doc_end) {
        if (!looks_like_collection(content)) return std::make_pair(line_no, static_cast<int>(k));
        at_start = false;
        root_indent = k;
        pos = end + 1;
        if (end == text.size()) break;
        continue;
      }
    }
    if (!at_start) {
      // A line indented less than the root collection is never valid YAML, and with some
      // indicators ("," "!,") yaml-cpp never returns on it: it is reported before parsing.
      std::size_t k = 0;
      while (k < line.size() && (line[k] == ' ' || line[k] == '\t')) ++k;
      if (k < root_indent && k < line.size() && line[k] != '#') return std::make_pair(line_no, static_cast<int>(k));
    }
    if (end == text.size()) break;
    pos = end + 1;
  }
  return std::nullopt;
}

}  // namespace roadmap::load
