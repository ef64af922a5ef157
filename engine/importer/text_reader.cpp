#include "importer/text_reader.hpp"

#include <algorithm>
#include <map>

#include "importer/columns.hpp"
#include "importer/text_util.hpp"

namespace roadmap::importer {
namespace {

struct SourceLine {
  std::string text;
  int number = 0;
  bool blank() const { return !has_tab() && text::squeeze(text).empty(); }
  bool has_tab() const { return text.find('\t') != std::string::npos; }
  // "\tcell": one leading tab and nothing else tab-separated: a cell of the cell-a-line layout.
  bool cell_line() const {
    return !text.empty() && text[0] == '\t' && text.find('\t', 1) == std::string::npos;
  }
};

// Strips artefacts of converters: "[bookmark: _GoBack]", markdown bold.
std::string clean(std::string s) {
  for (auto at = s.find("[bookmark:"); at != std::string::npos; at = s.find("[bookmark:", at)) {
    auto end = s.find(']', at);
    if (end == std::string::npos) break;
    s.erase(at, end - at + 1);
  }
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '*' && i + 1 < s.size() && s[i + 1] == '*') { ++i; continue; }
    out += s[i];
  }
  return out;
}

// A candidate header starting at line i; returns the row and the index after it (0 if none).
std::size_t header_at(const std::vector<SourceLine>& lines, std::size_t i, Row& row) {
  const auto& l = lines[i];
  row = Row{};
  row.line = l.number;
  if (!l.has_tab()) return 0;
  if (!l.cell_line()) {
    for (auto& part : text::split(l.text, '\t')) row.cells.push_back(Cell{{part}, l.number});
    // A header whose cell wraps: "№\tНаименование\nмероприятия\tСрок" continues on tabbed lines.
    std::size_t j = i + 1;
    while (j < lines.size() && !lines[j].blank() && j - i < 4 && header_score(row) < 3) {
      auto parts = text::split(lines[j].text, '\t');
      if (parts.size() < 2 || lines[j].cell_line()) break;
      row.cells.back().lines.push_back(parts[0]);
      for (std::size_t k = 1; k < parts.size(); ++k) row.cells.push_back(Cell{{parts[k]}, lines[j].number});
      ++j;
    }
    while (!row.cells.empty() && row.cells.back().empty() && row.cells.size() > 1) row.cells.pop_back();
    if (header_score(row) >= 2) return j;
    // Try the first line alone.
    row.cells.clear();
    for (auto& part : text::split(l.text, '\t')) row.cells.push_back(Cell{{part}, l.number});
    while (!row.cells.empty() && row.cells.back().empty() && row.cells.size() > 1) row.cells.pop_back();
    return header_score(row) >= 2 ? i + 1 : 0;
  }
  std::size_t j = i;
  for (; j < lines.size() && !lines[j].blank(); ++j) {
    if (lines[j].cell_line()) row.cells.push_back(Cell{{lines[j].text.substr(1)}, lines[j].number});
    else if (lines[j].has_tab()) break;
    else if (!row.cells.empty()) row.cells.back().lines.push_back(lines[j].text);
  }
  return header_score(row) >= 2 ? j : 0;
}

// Without a header: the number of cells rows most often have.
int typical_columns(const std::vector<SourceLine>& lines, std::size_t from, std::size_t to) {
  std::map<int, int> freq;
  int group = 0;
  for (std::size_t i = from; i < to; ++i) {
    const auto& l = lines[i];
    if (l.cell_line()) {
      ++group;
      continue;
    }
    if (l.blank() && group > 0) {
      ++freq[group];
      group = 0;
    }
    if (l.has_tab()) {
      auto parts = text::split(l.text, '\t');
      while (parts.size() > 1 && text::squeeze(parts.back()).empty()) parts.pop_back();
      if (parts.size() >= 2) ++freq[static_cast<int>(parts.size())];
    }
  }
  if (group > 0) ++freq[group];
  int best = 0, best_n = 0;
  for (auto [cols, n] : freq)
    if (cols >= 2 && (n > best_n || (n == best_n && cols > best))) { best = cols; best_n = n; }
  return best;
}

class RowBuilder {
 public:
  explicit RowBuilder(std::size_t columns) : columns_(columns) {}

  void blank() {
    if (open()) ++pending_blank_;
  }

  void line(const SourceLine& l) {
    if (l.cell_line()) {
      if (!open() || pending_blank_ > 0 || cur().cells.size() >= columns_) start(l.number);
      cur().cells.push_back(Cell{{l.text.substr(1)}, l.number});
      tabbed_layout_ = false;
    } else if (l.has_tab()) {
      auto parts = text::split(l.text, '\t');
      bool joins = open() && pending_blank_ == 0 && tabbed_layout_ && cur().cells.size() < columns_ &&
                   cur().cells.size() + parts.size() - 1 <= columns_;
      if (joins) {
        if (!text::squeeze(parts[0]).empty()) cur().cells.back().lines.push_back(parts[0]);
      } else {
        start(l.number);
        cur().cells.push_back(Cell{{parts[0]}, l.number});
      }
      for (std::size_t k = 1; k < parts.size(); ++k) cur().cells.push_back(Cell{{parts[k]}, l.number});
      tabbed_layout_ = true;
    } else {
      // A line without tabs continues the open cell: directly, or across blank lines while the
      // row still waits for cells (a merged cell whose text starts lower down).
      bool continues = open() && !cur().cells.empty() &&
                       (pending_blank_ == 0 || cur().cells.size() < columns_ || cur().cells.back().empty());
      if (continues) {
        auto& cell = cur().cells.back();
        if (!cell.empty())
          for (int k = 0; k < pending_blank_; ++k) cell.lines.emplace_back();
        cell.lines.push_back(l.text);
      } else {
        // A paragraph inside the table region: a row of one cell (a section title, or a note).
        start(l.number);
        cur().cells.push_back(Cell{{l.text}, l.number});
        tabbed_layout_ = false;
        loose_ = true;
      }
    }
    pending_blank_ = 0;
  }

  std::vector<Row> finish() {
    for (auto& r : rows_) {
      while (r.cells.size() > columns_ && r.cells.back().empty()) r.cells.pop_back();
    }
    return std::move(rows_);
  }

 private:
  bool open() const { return !rows_.empty(); }
  Row& cur() { return rows_.back(); }
  void start(int line) {
    rows_.push_back(Row{});
    rows_.back().line = line;
    loose_ = false;
  }

  std::size_t columns_;
  std::vector<Row> rows_;
  int pending_blank_ = 0;
  bool tabbed_layout_ = false;
  bool loose_ = false;
};

}  // namespace

Document read_text_document(std::string_view input) {
  Document doc;
  std::vector<SourceLine> lines;
  int n = 0;
  for (auto& l : text::split_lines(input)) lines.push_back(SourceLine{clean(l), ++n});

  // The header: the first row that names at least two known columns, one of them the measure
  // or the deadline.
  std::size_t header_begin = lines.size(), body_begin = lines.size();
  Row header;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Row candidate;
    std::size_t end = header_at(lines, i, candidate);
    if (end == 0) continue;
    header_begin = i;
    body_begin = end;
    header = std::move(candidate);
    break;
  }
  std::size_t last_tab = 0;
  bool any_tab = false;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i].has_tab()) { last_tab = i; any_tab = true; }

  std::size_t columns = 0;
  if (header_begin == lines.size()) {
    // No header: the table is the region of tabbed lines; its width is the usual row width.
    if (!any_tab) {
      for (const auto& l : lines)
        if (!l.blank()) doc.before.push_back(Paragraph{text::squeeze(l.text), l.number});
      return doc;
    }
    std::size_t first_tab = 0;
    while (!lines[first_tab].has_tab()) ++first_tab;
    columns = static_cast<std::size_t>(typical_columns(lines, first_tab, last_tab + 1));
    if (columns < 2) {
      for (const auto& l : lines)
        if (!l.blank()) doc.before.push_back(Paragraph{text::squeeze(l.text), l.number});
      return doc;
    }
    header_begin = body_begin = first_tab;
  } else {
    columns = header.cells.size();
  }
  doc.columns = static_cast<int>(columns);

  for (std::size_t i = 0; i < header_begin; ++i)
    if (!lines[i].blank()) doc.before.push_back(Paragraph{text::squeeze(lines[i].text), lines[i].number});

  // The table ends at the last tabbed line and the lines that directly continue it.
  std::size_t end = std::max(last_tab + 1, body_begin);
  while (end < lines.size() && !lines[end].blank()) ++end;

  RowBuilder builder(columns);
  for (std::size_t i = body_begin; i < end; ++i) {
    if (lines[i].blank()) builder.blank();
    else builder.line(lines[i]);
  }
  if (!header.cells.empty()) doc.rows.push_back(std::move(header));
  for (auto& r : builder.finish()) doc.rows.push_back(std::move(r));
  for (std::size_t i = end; i < lines.size(); ++i)
    if (!lines[i].blank()) doc.after.push_back(Paragraph{text::squeeze(lines[i].text), lines[i].number});
  return doc;
}

}  // namespace roadmap::importer
