#include "table.hpp"

#include <algorithm>

#include "load/text_checks.hpp"

namespace roadmap::cli {

using load::count_code_points;

namespace {
std::string pad(const std::string& s, std::size_t width, bool right) {
  std::size_t w = count_code_points(s);
  std::string fill(w < width ? width - w : 0, ' ');
  return right ? fill + s : s + fill;
}
}  // namespace

void print_table(std::ostream& out, const std::vector<std::string>& head, const std::vector<bool>& right,
                 const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width(head.size());
  for (std::size_t c = 0; c < head.size(); ++c) {
    width[c] = count_code_points(head[c]);
    for (const auto& r : rows) width[c] = std::max(width[c], count_code_points(r[c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string s;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c) s += "  ";
      s += c + 1 == cells.size() ? cells[c] : pad(cells[c], width[c], c < right.size() && right[c]);
    }
    return s + '\n';
  };
  out << line(head);
  std::vector<std::string> rule;
  for (std::size_t c = 0; c < head.size(); ++c) {
    std::size_t w = c + 1 == head.size() ? count_code_points(head[c]) : width[c];
    std::string dashes;
    for (std::size_t k = 0; k < w; ++k) dashes += "─";
    rule.push_back(dashes);
  }
  out << line(rule);
  for (const auto& r : rows) out << line(r);
}

std::string truncate(const std::string& s, std::size_t width) {
  std::string flat;
  for (char c : s) flat += (c == '\n' ? ' ' : c);
  if (count_code_points(flat) <= width) return flat;
  std::size_t i = 0, n = 0;
  while (i < flat.size() && n + 1 < width) {
    ++i;
    while (i < flat.size() && (static_cast<unsigned char>(flat[i]) & 0xC0) == 0x80) ++i;
    ++n;
  }
  return flat.substr(0, i) + "…";
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",;\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace roadmap::cli
