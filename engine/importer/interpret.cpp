#include "importer/interpret.hpp"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "importer/bodies.hpp"
#include "importer/columns.hpp"
#include "importer/preamble.hpp"
#include "importer/text_util.hpp"

namespace roadmap::importer {
namespace {

using model::BodyKind;

struct ColumnMap {
  int number = -1, measure = -1, deadline = -1, responsible = -1, participants = -1, expected = -1;
  bool co_executors = false;
  int& slot(Column c) {
    static int none = -1;
    switch (c) {
      case Column::number: return number;
      case Column::measure: return measure;
      case Column::deadline: return deadline;
      case Column::responsible: return responsible;
      case Column::participants: return participants;
      case Column::expected_result: return expected;
      default: none = -1; return none;
    }
  }
};

std::string cell_text(const Row& r, int col) {
  if (col < 0 || static_cast<std::size_t>(col) >= r.cells.size()) return {};
  return r.cells[static_cast<std::size_t>(col)].text();
}

const Cell* cell_at(const Row& r, int col) {
  if (col < 0 || static_cast<std::size_t>(col) >= r.cells.size()) return nullptr;
  return &r.cells[static_cast<std::size_t>(col)];
}

int non_empty_cells(const Row& r) {
  int n = 0;
  for (const auto& c : r.cells)
    if (!c.empty() && !c.spanned && !c.merged_above) ++n;
  return n;
}

std::string normalise_number(std::string s) {
  s = text::squeeze(s);
  for (const char* p : {"п.", "№"})
    if (s.rfind(p, 0) == 0) s = text::trim(s.substr(std::string(p).size()));
  while (!s.empty() && (s.back() == '.' || s.back() == ')')) s.pop_back();
  return s;
}

// "1. Title", "I. Title", "Раздел 2. Title" -> number and title.
void split_heading(const std::string& text, std::string& number, std::string& title) {
  static const std::regex re(R"(^\s*((раздел|Раздел|РАЗДЕЛ)\s+)?(\d{1,2}(\.\d{1,2})?|[IVXLC]{1,6})[.)]?\s+(\S[\s\S]*)$)");
  std::smatch m;
  if (std::regex_match(text, m, re)) {
    number = m[3].str();
    title = m[5].str();
  } else {
    number.clear();
    title = text;
  }
}

bool is_bullet(const std::string& line) {
  for (const char* b : {"-", "–", "—", "•", "·", "*"})
    if (line.rfind(b, 0) == 0) return true;
  return false;
}

std::string strip_bullet(std::string line) {
  for (const char* b : {"-", "–", "—", "•", "·", "*"})
    if (line.rfind(b, 0) == 0) { line = line.substr(std::string(b).size()); break; }
  line = text::trim(line);
  while (!line.empty() && (line.back() == ';' || line.back() == ',' || line.back() == '.')) line.pop_back();
  return text::trim(line);
}

// A deadline cell's parts: non-empty lines, a line that is only a year joined to the line above.
std::vector<std::string> deadline_parts(const std::string& cell) {
  static const std::regex year_only(R"(^\s*(20\d\d)\s*(г\.?|года?|гг\.?)?\s*$)");
  std::vector<std::string> parts;
  for (auto& l : text::split(cell, '\n')) {
    std::string t = text::squeeze(l);
    if (t.empty()) continue;
    if (!parts.empty() && std::regex_match(t, year_only)) parts.back() += " " + t;
    else parts.push_back(t);
  }
  if (parts.size() == 1) {
    // "Октябрь 2023г. Февраль 2024г.": sentences that each start with a capital.
    static const std::regex sentence(R"((\.)\s+)");
    std::vector<std::string> pieces;
    const std::string& s = parts[0];
    std::size_t start = 0;
    for (auto it = std::sregex_iterator(s.begin(), s.end(), sentence); it != std::sregex_iterator(); ++it) {
      auto end = static_cast<std::size_t>(it->position(0)) + 1;
      auto next = static_cast<std::size_t>(it->position(0) + it->length(0));
      if (next < s.size() && text::starts_upper(std::string_view(s).substr(next))) {
        pieces.push_back(text::trim(s.substr(start, end - start)));
        start = next;
      }
    }
    if (!pieces.empty()) {
      pieces.push_back(text::trim(s.substr(start)));
      return pieces;
    }
  }
  return parts;
}

// Measure text -> sub-measure texts: lines that start with a dash, or " - " inside one line.
std::vector<std::string> measure_parts(const std::string& measure) {
  std::vector<std::string> out;
  auto lines = text::split(measure, '\n');
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::string t = text::squeeze(lines[i]);
    if (t.empty()) continue;
    if (is_bullet(t)) out.push_back(strip_bullet(t));
    else if (!out.empty()) out.back() += " " + t;
  }
  if (out.size() >= 2) return out;
  out.clear();
  std::string flat = text::squeeze(measure);
  auto colon = flat.find(':');
  if (colon == std::string::npos) return {};
  std::string rest = flat.substr(colon + 1);
  std::size_t pos = 0;
  std::vector<std::size_t> cuts;
  while ((pos = rest.find(" - ", pos)) != std::string::npos) { cuts.push_back(pos); pos += 3; }
  if (text::trim(rest).rfind("- ", 0) != 0 || cuts.empty()) return {};
  std::string body = text::trim(rest);
  std::size_t start = 2;
  for (std::size_t p = body.find(" - ", 2);; p = body.find(" - ", p + 3)) {
    std::size_t end = p == std::string::npos ? body.size() : p;
    out.push_back(strip_bullet(body.substr(start, end - start)));
    if (p == std::string::npos) break;
    start = p + 3;
  }
  return out;
}

// Time zones of Russian regions, found by a stem of the region's name.
struct ZoneHint {
  const char* stem;
  const char* zone;
};
constexpr ZoneHint kZones[] = {
    {"калининград", "Europe/Kaliningrad"}, {"самар", "Europe/Samara"},        {"удмурт", "Europe/Samara"},
    {"ульяновск", "Europe/Ulyanovsk"},      {"саратов", "Europe/Saratov"},     {"астрахан", "Europe/Astrakhan"},
    {"волгоград", "Europe/Volgograd"},      {"свердловск", "Asia/Yekaterinburg"}, {"екатеринбург", "Asia/Yekaterinburg"},
    {"тагил", "Asia/Yekaterinburg"},        {"челябинск", "Asia/Yekaterinburg"}, {"тюмен", "Asia/Yekaterinburg"},
    {"курган", "Asia/Yekaterinburg"},       {"перм", "Asia/Yekaterinburg"},    {"башкорт", "Asia/Yekaterinburg"},
    {"оренбург", "Asia/Yekaterinburg"},     {"ханты", "Asia/Yekaterinburg"},   {"ямал", "Asia/Yekaterinburg"},
    {"омск", "Asia/Omsk"},                  {"новосибирск", "Asia/Novosibirsk"}, {"томск", "Asia/Tomsk"},
    {"барнаул", "Asia/Barnaul"},            {"алтай", "Asia/Barnaul"},         {"кемеров", "Asia/Novokuznetsk"},
    {"кузбас", "Asia/Novokuznetsk"},        {"красноярск", "Asia/Krasnoyarsk"}, {"хакас", "Asia/Krasnoyarsk"},
    {"тыва", "Asia/Krasnoyarsk"},           {"иркутск", "Asia/Irkutsk"},       {"бурят", "Asia/Irkutsk"},
    {"забайкал", "Asia/Chita"},             {"якут", "Asia/Yakutsk"},          {"саха", "Asia/Yakutsk"},
    {"амурск", "Asia/Yakutsk"},             {"хабаровск", "Asia/Vladivostok"}, {"приморск", "Asia/Vladivostok"},
    {"владивосток", "Asia/Vladivostok"},    {"еврейск", "Asia/Vladivostok"},   {"сахалин", "Asia/Sakhalin"},
    {"магадан", "Asia/Magadan"},            {"камчат", "Asia/Kamchatka"},      {"чукот", "Asia/Anadyr"},
};

class Interpreter {
 public:
  Interpreter(const Document& doc, const std::string& file, const std::string& stem)
      : doc_(doc), file_(file), stem_(stem) {}

  Interpretation run() {
    std::size_t header = find_header();
    if (doc_.rows.empty()) {
      auto& d = out_.notes.error(loc(0), "import.err.no_table");
      d.hints.push_back({"import.hint.no_table", {}});
      return std::move(out_);
    }
    std::vector<Paragraph> before = doc_.before;
    if (header != npos)
      for (std::size_t i = 0; i < header; ++i) before.push_back(row_as_paragraph(doc_.rows[i]));
    std::size_t first_data = header == npos ? 0 : header + 1;
    if (header != npos) map_from_header(doc_.rows[header]);
    map_from_content(first_data, header == npos);
    if (cols_.deadline < 0) {
      int line = header != npos ? doc_.rows[header].line : doc_.rows.front().line;
      auto& d = out_.notes.error(loc(line), "import.err.no_deadline_column");
      d.hints.push_back({"import.hint.no_deadline_column", {}});
      return std::move(out_);
    }
    if (cols_.measure < 0) {
      out_.notes.error(loc(doc_.rows.front().line), "import.err.no_measure_column")
          .hints.push_back({"import.hint.no_table", {}});
      return std::move(out_);
    }
    read_rows(first_data);
    if (out_.plan.item_count() == 0) {
      out_.notes.error(loc(doc_.rows.front().line), "import.err.no_items").hints.push_back({"import.hint.no_table", {}});
      return std::move(out_);
    }
    finish_items();
    fill_plan(read_preamble(before, doc_.after));
    return std::move(out_);
  }

 private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  diag::Location loc(int line, std::string field = {}) const {
    return diag::Location{file_, line, 0, std::move(field)};
  }
  void flag(int line, std::string field, std::string key, std::vector<std::string> args = {}) {
    out_.notes.warning(loc(line, std::move(field)), std::move(key), std::move(args));
  }

  static Paragraph row_as_paragraph(const Row& r) {
    std::string t;
    for (const auto& c : r.cells) {
      std::string ct = text::squeeze(c.text());
      if (!ct.empty()) t += (t.empty() ? "" : " ") + ct;
    }
    return Paragraph{t, r.line};
  }

  std::size_t find_header() const {
    std::size_t limit = std::min<std::size_t>(doc_.rows.size(), 40);
    for (std::size_t i = 0; i < limit; ++i)
      if (header_score(doc_.rows[i]) >= 2) return i;
    return npos;
  }

  void map_from_header(const Row& header) {
    for (std::size_t i = 0; i < header.cells.size(); ++i) {
      std::string t = header.cells[i].text();
      if (t.empty()) continue;
      Column c = classify_header(t);
      int& s = cols_.slot(c);
      if (c != Column::unknown && s < 0) {
        s = static_cast<int>(i);
        if (c == Column::responsible) cols_.co_executors = header_has_co_executors(t);
      } else {
        flag(header.line, "", "import.warn.column_ignored", {text::shorten(t, 40)});
      }
    }
    header_text_.clear();
    for (const auto& c : header.cells) header_text_.push_back(text::name_key(c.text()));
  }

  // Columns the header did not name, from what their cells look like.
  void map_from_content(std::size_t first, bool no_header) {
    std::size_t width = 0;
    for (std::size_t i = first; i < doc_.rows.size(); ++i) width = std::max(width, doc_.rows[i].cells.size());
    struct Stat {
      int filled = 0, numbers = 0, deadlines = 0, bodies = 0;
      std::size_t length = 0;
    };
    std::vector<Stat> st(width);
    for (std::size_t i = first; i < doc_.rows.size(); ++i) {
      const Row& r = doc_.rows[i];
      if (non_empty_cells(r) < 2) continue;
      for (std::size_t c = 0; c < r.cells.size(); ++c) {
        std::string t = r.cells[c].text();
        if (t.empty()) continue;
        auto& s = st[c];
        ++s.filled;
        s.length += t.size();
        if (looks_like_item_number(t)) ++s.numbers;
        if (looks_like_deadline(t)) ++s.deadlines;
        if (looks_like_bodies(t)) ++s.bodies;
      }
    }
    auto taken = [&](int c) {
      return c == cols_.number || c == cols_.measure || c == cols_.deadline || c == cols_.responsible ||
             c == cols_.participants || c == cols_.expected;
    };
    std::vector<std::string> guessed;
    auto pick = [&](int& slot, const char* name, auto score, double threshold, bool rightmost) {
      if (slot >= 0) return;
      int best = -1;
      double best_score = threshold;
      for (std::size_t c = 0; c < width; ++c) {
        if (taken(static_cast<int>(c)) || st[c].filled == 0) continue;
        double v = score(st[c]);
        if (v > best_score || (rightmost && v == best_score && best >= 0)) { best = static_cast<int>(c); best_score = v; }
      }
      if (best >= 0) {
        slot = best;
        guessed.emplace_back(name);
      }
    };
    auto frac = [](int part, int whole) { return whole ? static_cast<double>(part) / whole : 0.0; };
    pick(cols_.number, "№", [&](const Stat& s) { return frac(s.numbers, s.filled); }, 0.6, false);
    pick(cols_.deadline, "Сроки", [&](const Stat& s) { return frac(s.deadlines, s.filled); }, 0.5, false);
    pick(cols_.responsible, "Ответственный", [&](const Stat& s) { return frac(s.bodies, s.filled); }, 0.5, true);
    pick(cols_.measure, "Мероприятие",
         [&](const Stat& s) { return s.filled ? static_cast<double>(s.length) / s.filled / 1000.0 : 0.0; }, 0.0, false);
    if (guessed.empty()) return;
    int line = doc_.rows.empty() ? 0 : doc_.rows[std::min(first, doc_.rows.size() - 1)].line;
    if (no_header) {
      std::string list;
      for (auto& g : guessed) list += (list.empty() ? "" : ", ") + g;
      flag(line, "", "import.warn.columns_guessed", {list});
    } else {
      for (auto& g : guessed) flag(line, "", "import.warn.column_guessed", {g});
    }
  }

  bool repeats_header(const Row& r) const {
    if (header_text_.empty()) return false;
    int same = 0, filled = 0;
    for (std::size_t i = 0; i < r.cells.size(); ++i) {
      std::string k = text::name_key(r.cells[i].text());
      if (k.empty()) continue;
      ++filled;
      if (i < header_text_.size() && header_text_[i] == k) ++same;
    }
    return filled > 0 && same * 2 > filled && same >= 2;
  }

  std::string next_number(std::size_t from) const {
    for (std::size_t i = from; i < doc_.rows.size(); ++i) {
      std::string n = normalise_number(cell_text(doc_.rows[i], cols_.number));
      if (!n.empty()) return n;
    }
    return {};
  }

  model::Section& section() {
    if (out_.plan.sections.empty()) {
      out_.plan.sections.push_back(model::Section{});
      default_section_ = true;
    }
    return out_.plan.sections.back();
  }

  void read_rows(std::size_t first) {
    std::size_t width = static_cast<std::size_t>(doc_.columns);
    if (width == 0)
      for (std::size_t i = first; i < doc_.rows.size(); ++i) width = std::max(width, doc_.rows[i].cells.size());
    for (std::size_t i = first; i < doc_.rows.size(); ++i) {
      const Row& r = doc_.rows[i];
      if (is_column_numbers_row(r) || repeats_header(r) || non_empty_cells(r) == 0) continue;
      std::string num = cell_text(r, cols_.number);
      std::string meas = cell_text(r, cols_.measure);
      std::string dl = cell_text(r, cols_.deadline);
      std::string resp = cell_text(r, cols_.responsible);
      std::string part = cell_text(r, cols_.participants);
      std::string exp = cell_text(r, cols_.expected);
      bool others_empty = dl.empty() && resp.empty() && part.empty() && exp.empty();
      bool merged = false;
      for (const auto& c : r.cells) merged = merged || c.merged_above;

      // A heading: one filled cell, or a number and a title in a short row, or a number and a
      // title whose number prefixes the next item's.
      if (others_empty && !merged) {
        std::string only;
        if (non_empty_cells(r) == 1) {
          for (const auto& c : r.cells)
            if (!c.empty()) only = c.text();
        }
        std::string n = normalise_number(num);
        std::string next = next_number(i + 1);
        bool short_row = width > 0 && r.cells.size() < width;
        if (!only.empty() && !looks_like_item_number(only)) {
          start_section(only, r.line, only == num);
          continue;
        }
        if (!n.empty() && !meas.empty() && looks_like_item_number(num) &&
            (short_row || (next.size() > n.size() && next.rfind(n + ".", 0) == 0))) {
          start_section_numbered(n, meas, r.line);
          continue;
        }
      }
      // The rest of a row that a page break cut: no number, and cells that finish the row above.
      if (num.empty() && cols_.number >= 0 && last_item_ && (dl.empty() || resp.empty()) && !merged) {
        append_fragment(r);
        continue;
      }
      if (meas.empty() && dl.empty() && resp.empty()) {
        flag(r.line, "", "import.warn.stray_row", {text::shorten(row_as_paragraph(r).text, 50)});
        continue;
      }
      add_item(r);
    }
  }

  void start_section(const std::string& text, int line, bool in_number_column) {
    (void)in_number_column;
    std::string number, title;
    split_heading(text, number, title);
    start_section_numbered(number, title, line);
  }

  void start_section_numbered(const std::string& number, const std::string& title, int line) {
    drop_empty_section();
    model::Section s;
    s.number = number;
    s.title = text::squeeze(title);
    s.pos.line = line;
    out_.plan.sections.push_back(std::move(s));
    default_section_ = false;
    last_item_ = false;
  }

  void drop_empty_section() {
    auto& secs = out_.plan.sections;
    if (!secs.empty() && secs.back().items.empty()) {
      flag(secs.back().pos.line, "", "import.warn.empty_section", {text::shorten(secs.back().title, 50)});
      secs.pop_back();
    }
  }

  struct ItemSource {
    std::string responsible_cell;
    int row_line = 0;
    int deadline_line = 0;
    int responsible_line = 0;
    bool deadline_merged = false, responsible_merged = false;
  };

  void add_item(const Row& r) {
    bool fresh_section = out_.plan.sections.empty();
    model::Section& sec = section();
    if (fresh_section) sec.pos.line = r.line;
    model::Item it;
    it.number = normalise_number(cell_text(r, cols_.number));
    it.measure = cell_text(r, cols_.measure);
    it.deadline = cell_text(r, cols_.deadline);
    it.participants = cell_text(r, cols_.participants);
    it.expected_result = cell_text(r, cols_.expected);
    it.pos.line = r.line;
    ItemSource src;
    src.row_line = r.line;
    const Cell* dc = cell_at(r, cols_.deadline);
    const Cell* rc = cell_at(r, cols_.responsible);
    src.deadline_line = dc ? dc->line : r.line;
    src.responsible_line = rc ? rc->line : r.line;
    it.deadline_pos.line = src.deadline_line;
    src.responsible_cell = cell_text(r, cols_.responsible);
    src.deadline_merged = dc && dc->merged_above;
    src.responsible_merged = rc && rc->merged_above;
    sec.items.push_back(std::move(it));
    sources_.push_back(std::move(src));
    positions_.emplace_back(out_.plan.sections.size() - 1, sec.items.size() - 1);
    last_item_ = true;
  }

  void append_fragment(const Row& r) {
    model::Item& it = out_.plan.sections.back().items.back();
    ItemSource& src = sources_.back();
    auto add = [&](std::string& field, int col) {
      std::string t = cell_text(r, col);
      if (t.empty()) return;
      // A word the page break hyphenated ("информационно-" + "методического") is joined back.
      bool hyphen = field.size() > 1 && field.back() == '-' && field[field.size() - 2] != ' ';
      field += field.empty() ? t : (hyphen ? t : "\n" + t);
    };
    add(it.measure, cols_.measure);
    add(it.deadline, cols_.deadline);
    add(it.participants, cols_.participants);
    add(it.expected_result, cols_.expected);
    add(src.responsible_cell, cols_.responsible);
    fragments_.emplace_back(positions_.size() - 1, r.line);
  }

  std::string path(std::size_t k, const std::string& field) const {
    auto [s, i] = positions_[k];
    return "sections[" + std::to_string(s) + "].items[" + std::to_string(i) + "]" + (field.empty() ? "" : "." + field);
  }

  void finish_items() {
    drop_empty_section();
    if (default_section_ && !out_.plan.sections.empty())
      flag(out_.plan.sections.front().pos.line, "sections[0].title", "import.warn.section_default");
    for (auto& [k, line] : fragments_)
      flag(line, path(k, "measure"), "import.warn.row_continued", {std::to_string(sources_[k].row_line)});

    // Bodies: every piece written alone is a known name; pieces without commas are split by them.
    std::set<std::string> known;
    for (const auto& n : common_body_names()) known.insert(text::name_key(n));
    std::vector<std::vector<std::string>> pieces(sources_.size());
    for (std::size_t k = 0; k < sources_.size(); ++k) {
      pieces[k] = split_bodies(sources_[k].responsible_cell);
      for (const auto& p : pieces[k])
        known.insert(text::name_key(p));
    }
    for (std::size_t k = 0; k < pieces.size(); ++k) {
      std::vector<std::string> split;
      for (const auto& p : pieces[k]) {
        auto parts = split_known(p, known);
        if (parts.size() > 1) {
          std::string list;
          for (auto& x : parts) list += (list.empty() ? "" : ", ") + x;
          flag(sources_[k].responsible_line, path(k, "responsible"), "import.warn.split_bodies", {p, list});
        }
        split.insert(split.end(), parts.begin(), parts.end());
      }
      pieces[k] = split;
    }

    // Numbers, merged cells, sub-measures, bodies.
    std::map<std::string, int> seen_global;
    bool per_section = false;
    {
      std::map<std::string, std::size_t> first_section;
      for (std::size_t s = 0; s < out_.plan.sections.size(); ++s)
        for (const auto& it : out_.plan.sections[s].items) {
          if (it.number.empty()) continue;
          auto [pos, inserted] = first_section.emplace(it.number, s);
          if (!inserted && pos->second != s) per_section = true;
        }
    }
    out_.plan.numbering = per_section ? model::Numbering::per_section : model::Numbering::global;

    const model::Item* prev = nullptr;
    std::vector<std::string> prev_resp;
    std::size_t prev_section = npos;
    std::map<std::pair<std::size_t, std::string>, int> numbers;
    std::size_t counter = 0;
    for (std::size_t k = 0; k < positions_.size(); ++k) {
      auto [s, i] = positions_[k];
      model::Item& it = out_.plan.sections[s].items[i];
      ItemSource& src = sources_[k];
      if (s != prev_section) counter = 0;
      ++counter;
      if (it.number.empty()) {
        it.number = per_section || out_.plan.sections.size() == 1 ? std::to_string(counter)
                                                                   : std::to_string(s + 1) + "." + std::to_string(counter);
        flag(src.row_line, path(k, "number"), "import.warn.no_number", {it.number});
      } else if (!looks_like_item_number(it.number)) {
        flag(src.row_line, path(k, "number"), "import.warn.odd_number", {it.number});
      }
      auto key = std::make_pair(per_section ? s : 0, it.number);
      if (++numbers[key] > 1) flag(src.row_line, path(k, "number"), "import.warn.duplicate_number", {it.number});

      // Sub-measures with their own deadlines.
      auto dparts = deadline_parts(it.deadline);
      auto mparts = measure_parts(it.measure);
      if (mparts.size() >= 2 && dparts.size() == mparts.size()) {
        for (std::size_t j = 0; j < mparts.size(); ++j) {
          model::SubMeasure sm;
          sm.text = mparts[j];
          sm.deadline = dparts[j];
          sm.pos.line = src.row_line;
          sm.deadline_pos.line = src.deadline_line;
          it.sub_measures.push_back(std::move(sm));
        }
        flag(src.row_line, path(k, "sub_measures"), "import.warn.sub_measures", {std::to_string(mparts.size())});
      }

      if (it.deadline.empty()) {
        if (prev) {
          it.deadline = prev->deadline;
          if (!src.deadline_merged) flag(src.deadline_line, path(k, "deadline"), "import.warn.merged_deadline");
        } else {
          flag(src.deadline_line, path(k, "deadline"), "import.warn.no_deadline");
        }
      }
      if (pieces[k].empty()) {
        if (prev && !prev_resp.empty() && cols_.responsible >= 0) {
          pieces[k] = prev_resp;
          if (!src.responsible_merged)
            flag(src.responsible_line, path(k, "responsible"), "import.warn.merged_responsible");
        } else {
          flag(src.responsible_line, path(k, "responsible"), "import.warn.no_responsible");
        }
      }
      std::vector<std::string> ids;
      for (const auto& p : pieces[k]) {
        std::string id = declare_body(p, src.responsible_line);
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
      }
      if (cols_.co_executors && ids.size() > 1) {
        it.responsible = {ids.front()};
        it.co_executors.assign(ids.begin() + 1, ids.end());
      } else {
        it.responsible = ids;
      }
      for (const auto& id : ids) ++mentions_[id];
      prev = &it;
      prev_resp = pieces[k];
      prev_section = s;
    }
    if (cols_.responsible < 0) flag(0, "", "import.warn.no_responsible_column");

    // References to other items: "(п. 1.2., 1.3. Плана)".
    if (!per_section) {
      static const std::regex refs(R"(пп?\.\s*((\d{1,2}\.\d{1,2}\.?)(\s*(,|и)\s*\d{1,2}\.\d{1,2}\.?)*))");
      static const std::regex one(R"(\d{1,2}\.\d{1,2})");
      for (std::size_t k = 0; k < positions_.size(); ++k) {
        auto [s, i] = positions_[k];
        model::Item& it = out_.plan.sections[s].items[i];
        std::smatch m;
        if (!std::regex_search(it.measure, m, refs)) continue;
        std::string list = m[1].str();
        for (auto r = std::sregex_iterator(list.begin(), list.end(), one); r != std::sregex_iterator(); ++r) {
          std::string n = r->str();
          if (n != it.number && out_.plan.find_item(n)) it.refs.push_back(model::ItemRef{n, {it.pos.line, 0}});
        }
        if (!it.refs.empty()) flag(it.pos.line, path(k, "refs"), "import.warn.refs");
      }
    }
  }

  std::string declare_body(const std::string& piece, int line) {
    std::string key = text::name_key(piece);
    auto found = body_index_.find(key);
    if (found != body_index_.end()) {
      auto& b = out_.plan.bodies[found->second];
      if (b.id != piece && std::find(b.aliases.begin(), b.aliases.end(), piece) == b.aliases.end() &&
          text::lower(b.id) != text::lower(piece))
        b.aliases.push_back(piece);
      return b.id;
    }
    model::Body b;
    b.id = piece;
    b.name = piece;
    b.pos.line = line;
    out_.plan.bodies.push_back(std::move(b));
    body_index_[key] = out_.plan.bodies.size() - 1;
    return piece;
  }

  void fill_plan(const Preamble& pre) {
    model::Plan& plan = out_.plan;
    // Bodies named by the abbreviation list get the full name; a body written in full gets the
    // abbreviation as its id when the list gives one.
    plan.abbreviations = pre.abbreviations;
    std::map<std::string, std::string> renamed;
    for (auto& b : plan.bodies) {
      for (const auto& a : pre.abbreviations) {
        if (text::name_key(a.short_form) == text::name_key(b.id)) {
          b.name = a.meaning;
        } else if (text::name_key(a.meaning) == text::name_key(b.id)) {
          b.aliases.insert(b.aliases.begin(), b.id);
          renamed[b.id] = a.short_form;
          b.name = a.meaning;
          b.id = a.short_form;
        }
      }
    }
    if (!renamed.empty()) {
      for (auto& s : plan.sections)
        for (auto& it : s.items) {
          for (auto& r : it.responsible)
            if (renamed.count(r)) r = renamed[r];
          for (auto& r : it.co_executors)
            if (renamed.count(r)) r = renamed[r];
        }
    }
    for (std::size_t i = 0; i < plan.bodies.size(); ++i) {
      auto& b = plan.bodies[i];
      bool sure = true;
      b.kind = guess_kind(b.id, b.name, sure);
      if (!sure) flag(b.pos.line, "bodies[" + std::to_string(i) + "].kind", "import.warn.kind_guess");
    }

    // Owner: the authority named most often.
    std::string owner;
    int best = -1;
    for (const auto& b : plan.bodies) {
      std::string id = renamed.count(b.id) ? renamed[b.id] : b.id;
      int n = 0;
      for (auto& [k, v] : mentions_)
        if (k == b.id || (renamed.count(k) && renamed[k] == b.id)) n += v;
      int score = n + (b.kind == BodyKind::authority ? 100000 : 0);
      if (score > best) { best = score; owner = b.id; }
    }
    plan.owner = owner;
    flag(0, "plan.owner", "import.warn.owner_guess");

    plan.title = pre.title;
    if (plan.title.empty()) {
      plan.title = "План мероприятий";
      flag(0, "plan.title", "import.warn.no_title");
    }
    if (default_section_ && !plan.sections.empty() && plan.sections.front().title.empty())
      plan.sections.front().title = plan.title;
    plan.territory = pre.territory;
    if (!plan.territory.empty()) flag(pre.title_line, "plan.territory", "import.warn.territory");
    plan.approved = pre.approved;
    plan.goals = pre.goals;

    // Id from the file name: [a-z0-9-].
    std::string id;
    for (char c : text::lower(stem_)) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) id += c;
      else if (!id.empty() && id.back() != '-') id += '-';
    }
    while (!id.empty() && id.back() == '-') id.pop_back();
    if (id.empty()) id = "imported-plan";
    plan.id = id;
    flag(0, "plan.id", "import.warn.id_guess");

    if (pre.period_found) {
      plan.period = pre.period;
    } else {
      // The years the deadlines (then the whole table) mention.
      std::set<int> years;
      static const std::regex year_re(R"((^|[^\d])(20[0-4]\d)($|[^\d]))");
      auto collect = [&](const std::string& t) {
        for (auto it = std::sregex_iterator(t.begin(), t.end(), year_re); it != std::sregex_iterator(); ++it)
          years.insert(std::stoi((*it)[2]));
      };
      for (const auto& s : plan.sections)
        for (const auto& it : s.items) collect(it.deadline);
      if (years.empty())
        for (const auto& s : plan.sections)
          for (const auto& it : s.items) collect(it.measure);
      if (years.size() >= 2) {
        for (int y = *years.begin(); y <= *years.rbegin() && y - *years.begin() < 10; ++y) plan.period.years.push_back(y);
      } else if (years.size() == 1) {
        plan.period.school_year_start = *years.begin();
      } else if (plan.approved.date) {
        plan.period.years.push_back(static_cast<int>(plan.approved.date->year()));
      } else {
        plan.period.years.push_back(2024);
      }
      flag(0, "plan.period", "import.warn.period_guess");
    }

    // Time zone from the territory, the title or the preamble.
    std::string where = text::lower(pre.title + " " + pre.territory + " " + pre.approved.issuer + " " +
                                    pre.approved.signed_by);
    for (const auto& a : pre.abbreviations) where += " " + text::lower(a.meaning);
    plan.timezone.clear();
    for (const auto& z : kZones)
      if (where.find(z.stem) != std::string::npos) {
        plan.timezone = z.zone;
        flag(0, "plan.timezone", "import.warn.timezone_guess", {z.stem});
        break;
      }
    if (plan.timezone.empty()) {
      plan.timezone = "Europe/Moscow";
      flag(0, "plan.timezone", "import.warn.timezone_default");
    }
    if (plan.numbering == model::Numbering::per_section) flag(0, "plan.numbering", "import.warn.numbering");
  }

  const Document& doc_;
  std::string file_, stem_;
  Interpretation out_;
  ColumnMap cols_;
  std::vector<std::string> header_text_;
  bool default_section_ = false;
  bool last_item_ = false;
  std::vector<ItemSource> sources_;
  std::vector<std::pair<std::size_t, std::size_t>> positions_;
  std::vector<std::pair<std::size_t, int>> fragments_;
  std::map<std::string, std::size_t> body_index_;
  std::map<std::string, int> mentions_;
};

}  // namespace

Interpretation interpret(const Document& doc, const std::string& file, const std::string& stem) {
  return Interpreter(doc, file, stem).run();
}

}  // namespace roadmap::importer
