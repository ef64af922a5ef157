#include "importer/csv_reader.hpp"

#include <algorithm>

#include "importer/text_util.hpp"

namespace roadmap::importer {

char detect_csv_delimiter(std::string_view s) {
  // Count candidates outside quotes over the first lines; the one used most evenly wins.
  std::size_t counts[3] = {0, 0, 0};
  const char cands[3] = {';', ',', '\t'};
  bool quoted = false;
  int lines = 0;
  for (std::size_t i = 0; i < s.size() && lines < 50; ++i) {
    char c = s[i];
    if (c == '"') quoted = !quoted;
    else if (!quoted && c == '\n') ++lines;
    else if (!quoted)
      for (int k = 0; k < 3; ++k)
        if (c == cands[k]) ++counts[k];
  }
  // Russian texts are full of commas; prefer ';' and tab when they appear at all.
  if (counts[0] >= static_cast<std::size_t>(std::max(lines, 1))) return ';';
  if (counts[2] >= static_cast<std::size_t>(std::max(lines, 1))) return '\t';
  if (counts[0] > 0 && counts[0] * 3 >= counts[1]) return ';';
  if (counts[2] > counts[1]) return '\t';
  return counts[1] > 0 ? ',' : (counts[0] > 0 ? ';' : ',');
}

Document read_csv_document(std::string_view s, const std::string& file, diag::Diagnostics& diags) {
  Document doc;
  const char delim = detect_csv_delimiter(s);
  Row row;
  Cell cell;
  std::string field;
  bool quoted = false, was_quoted = false;
  int line = 1, quote_line = 0;
  row.line = 1;
  cell.line = 1;
  auto end_cell = [&] {
    cell.lines = text::split(field, '\n');
    row.cells.push_back(std::move(cell));
    cell = Cell{};
    cell.line = line;
    field.clear();
    was_quoted = false;
  };
  auto end_row = [&] {
    end_cell();
    bool any = std::any_of(row.cells.begin(), row.cells.end(), [](const Cell& c) { return !c.empty(); });
    if (any) doc.rows.push_back(std::move(row));
    row = Row{};
    row.line = line;
    cell.line = line;
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < s.size() && s[i + 1] == '"') { field += '"'; ++i; }
        else quoted = false;
      } else {
        if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') continue;
        if (c == '\n' || c == '\r') { ++line; field += '\n'; }
        else field += c;
      }
      continue;
    }
    if (c == '"' && (field.empty() || text::squeeze(field).empty()) && !was_quoted) {
      field.clear();
      quoted = was_quoted = true;
      quote_line = line;
    } else if (c == delim) {
      end_cell();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      ++line;
      end_row();
    } else {
      field += c;
    }
  }
  if (quoted) {
    diags.error(diag::Location{file, quote_line, 0, {}}, "import.err.csv_quote");
    return Document{};
  }
  if (!field.empty() || !row.cells.empty()) end_row();
  std::size_t width = 0;
  for (const auto& r : doc.rows) width = std::max(width, r.cells.size());
  doc.columns = static_cast<int>(width);
  return doc;
}

}  // namespace roadmap::importer
