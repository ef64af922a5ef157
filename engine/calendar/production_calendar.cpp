// The production calendar's queries and its YAML loaders (plans/README.md, "Working-day calendar").
// Loading checks the data against the Labour Code (art. 112 transfers, art. 95 shortened days) and
// against the published yearly counts, so a typo in a date is caught when the file is read.
#include "calendar/production_calendar.hpp"
#include "load/yaml_guard.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <utility>

namespace roadmap::calendar {

namespace chr = std::chrono;

// ---------------------------------------------------------------------------------------------
// Dates

std::string to_string(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

std::optional<Date> parse_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t n, int& out) {
    out = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      out = out * 10 + (t[i] - '0');
    }
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return std::nullopt;
  Date date{chr::year{y}, chr::month{static_cast<unsigned>(m)}, chr::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

namespace {

bool is_weekend(Days d) {
  const chr::weekday wd{d};
  return wd == chr::Saturday || wd == chr::Sunday;
}

bool is_working_kind(DayKind k, DecreeDays policy) {
  switch (k) {
    case DayKind::working:
    case DayKind::working_weekend:
      return true;
    case DayKind::non_working_by_decree:
      return policy == DecreeDays::working;
    default:
      return false;
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// NotCovered

NotCovered::NotCovered(chr::year y)
    : std::out_of_range("the production calendar does not cover the year " +
                        std::to_string(static_cast<int>(y))),
      year_(y) {}

diag::Message NotCovered::message() const {
  return diag::Message{"calendar.err.not_covered", {std::to_string(static_cast<int>(year_))}};
}

// ---------------------------------------------------------------------------------------------
// ProductionCalendar: building

void ProductionCalendar::set_identity(std::string id, std::string title) {
  id_ = std::move(id);
  title_ = std::move(title);
}

void ProductionCalendar::add_year(YearInfo info) {
  const int y = static_cast<int>(info.year);
  years_[y] = std::move(info);
}

void ProductionCalendar::set_day(Date d, Entry e) {
  require(d);
  days_[Days{d}] = std::move(e);
}

void ProductionCalendar::set_shortened(Date d, bool shortened) {
  require(d);
  auto it = days_.find(Days{d});
  if (it != days_.end()) {
    it->second.shortened = shortened;
    return;
  }
  Entry e;
  e.kind = is_weekend(Days{d}) ? DayKind::weekend : DayKind::working;
  e.shortened = shortened;
  days_.emplace(Days{d}, std::move(e));
}

const ProductionCalendar::Entry* ProductionCalendar::entry(Date d) const {
  auto it = days_.find(Days{d});
  return it == days_.end() ? nullptr : &it->second;
}

void ProductionCalendar::set_decree_days(DecreeDays policy) {
  decree_days_ = policy;
}

ProductionCalendar ProductionCalendar::with_decree_days(DecreeDays policy) const {
  ProductionCalendar copy = *this;
  copy.decree_days_ = policy;
  return copy;
}

// ---------------------------------------------------------------------------------------------
// ProductionCalendar: queries

void ProductionCalendar::require(Date d) const {
  if (!d.ok()) throw std::invalid_argument("not a calendar date");
  if (!covers(d.year())) throw NotCovered(d.year());
}

std::vector<chr::year> ProductionCalendar::missing_years(Date first, Date last) const {
  std::vector<chr::year> out;
  for (int y = static_cast<int>(first.year()); y <= static_cast<int>(last.year()); ++y) {
    if (!covers(chr::year{y})) out.push_back(chr::year{y});
  }
  return out;
}

std::vector<YearInfo> ProductionCalendar::years() const {
  std::vector<YearInfo> out;
  for (const auto& [y, info] : years_) out.push_back(info);
  return out;
}

const YearInfo* ProductionCalendar::year_info(chr::year y) const {
  auto it = years_.find(static_cast<int>(y));
  return it == years_.end() ? nullptr : &it->second;
}

bool ProductionCalendar::provisional(Date first, Date last) const {
  for (int y = static_cast<int>(first.year()); y <= static_cast<int>(last.year()); ++y) {
    const auto* info = year_info(chr::year{y});
    if (info != nullptr && info->provisional) return true;
  }
  return false;
}

DayKind ProductionCalendar::kind(Date d) const {
  require(d);
  auto it = days_.find(Days{d});
  if (it != days_.end()) return it->second.kind;
  return is_weekend(Days{d}) ? DayKind::weekend : DayKind::working;
}

DayInfo ProductionCalendar::info(Date d) const {
  require(d);
  DayInfo out;
  auto it = days_.find(Days{d});
  if (it == days_.end()) {
    out.kind = is_weekend(Days{d}) ? DayKind::weekend : DayKind::working;
    return out;
  }
  out.kind = it->second.kind;
  out.shortened = it->second.shortened && is_working_kind(out.kind, decree_days_);
  out.note = it->second.note;
  return out;
}

bool ProductionCalendar::working(Days d) const {
  require(Date{d});
  auto it = days_.find(d);
  if (it == days_.end()) return !is_weekend(d);
  return is_working_kind(it->second.kind, decree_days_);
}

bool ProductionCalendar::is_working_day(Date d) const {
  return working(Days{d});
}

bool ProductionCalendar::is_shortened(Date d) const {
  return info(d).shortened;
}

Date ProductionCalendar::next_working_day_on_or_after(Date d) const {
  Days day{d};
  while (!working(day)) day += chr::days{1};
  return Date{day};
}

Date ProductionCalendar::last_working_day_on_or_before(Date d) const {
  Days day{d};
  while (!working(day)) day -= chr::days{1};
  return Date{day};
}

long ProductionCalendar::count_working_days(Date first, Date last) const {
  long n = 0;
  for (Days day{first}; day <= Days{last}; day += chr::days{1}) {
    if (working(day)) ++n;
  }
  return n;
}

long ProductionCalendar::working_days_between(Date from, Date to) const {
  const Days a{from}, b{to};
  if (a <= b) return count_working_days(Date{a + chr::days{1}}, to);
  return -count_working_days(Date{b + chr::days{1}}, from);
}

Date ProductionCalendar::add_working_days(Date d, long n) const {
  require(d);
  Days day{d};
  const chr::days step{n >= 0 ? 1 : -1};
  for (long left = n >= 0 ? n : -n; left > 0;) {
    day += step;
    if (working(day)) --left;
  }
  return Date{day};
}

long ProductionCalendar::working_hours_40(Date first, Date last) const {
  long hours = 0;
  for (Days day{first}; day <= Days{last}; day += chr::days{1}) {
    if (!working(day)) continue;
    auto it = days_.find(day);
    hours += (it != days_.end() && it->second.shortened) ? 7 : 8;
  }
  return hours;
}

// ---------------------------------------------------------------------------------------------
// Reading YAML with locations

namespace {

using diag::Diagnostics;

constexpr std::size_t kMaxErrors = 200;

// Byte offsets of line starts, to turn yaml-cpp's byte columns into character columns.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : text_(text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') starts_.push_back(i + 1);
    }
  }
  // 0-based line and byte column -> 1-based column in code points.
  int char_column(int line0, int byte_col0) const {
    if (line0 < 0 || static_cast<std::size_t>(line0) >= starts_.size()) return byte_col0 + 1;
    const std::size_t begin = starts_[static_cast<std::size_t>(line0)];
    const std::size_t end = std::min(text_.size(), begin + static_cast<std::size_t>(std::max(byte_col0, 0)));
    int col = 1;
    for (std::size_t i = begin; i < end; ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++col;
    }
    return col;
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

// Offset of the first byte that breaks UTF-8 (RFC 3629), or npos.
std::size_t first_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = 0;
    unsigned cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
      cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      cp = c & 0x07u;
    } else
      return i;
    for (std::size_t k = 1; k <= n; ++k) {
      if (i + k >= s.size()) return i;
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return i;
    }
    i += n + 1;
  }
  return std::string_view::npos;
}

struct Pos {
  int line = 0;
  int column = 0;
};

// A located, typed reader over one parsed document; every problem becomes a diagnostic.
class Reader {
 public:
  Reader(std::string file, std::string_view text, Diagnostics& out)
      : file_(std::move(file)), lines_(text), out_(out) {}

  Pos pos(const YAML::Node& n, Pos fallback = {}) const {
    const YAML::Mark m = n.Mark();
    if (m.is_null() || m.line < 0) return fallback;
    return Pos{m.line + 1, lines_.char_column(m.line, m.column)};
  }
  Pos pos(const YAML::Mark& m) const {
    if (m.is_null() || m.line < 0) return {};
    return Pos{m.line + 1, lines_.char_column(m.line, m.column)};
  }

  void error(Pos p, std::string field, std::string key, std::vector<std::string> args = {},
             std::string hint = {}, std::vector<std::string> hint_args = {}) {
    add(diag::Severity::error, p, std::move(field), std::move(key), std::move(args), std::move(hint),
        std::move(hint_args));
  }
  void warning(Pos p, std::string field, std::string key, std::vector<std::string> args = {},
               std::string hint = {}, std::vector<std::string> hint_args = {}) {
    add(diag::Severity::warning, p, std::move(field), std::move(key), std::move(args), std::move(hint),
        std::move(hint_args));
  }
  void finish() {
    if (dropped_ > 0) {
      out_.add(diag::Diagnostic{diag::Severity::error,
                                diag::Location{file_, 0, 0, {}},
                                diag::Message{"calendar.err.too_many", {std::to_string(kMaxErrors)}},
                                {diag::Message{"calendar.hint.too_many", {}}}});
    }
  }
  const std::string& file() const { return file_; }

  // A mapping whose keys must be among `allowed`; returns key -> (key node, value), or nothing
  // when `node` is not a mapping (reported).
  struct Map {
    bool valid = false;
    std::string path;
    Pos where;
    std::vector<std::pair<std::string, std::pair<YAML::Node, YAML::Node>>> entries;
    const YAML::Node* find(std::string_view key) const {
      for (const auto& e : entries) {
        if (e.first == key) return &e.second.second;
      }
      return nullptr;
    }
    Pos key_pos(std::string_view key, const Reader& r) const {
      for (const auto& e : entries) {
        if (e.first == key) return r.pos(e.second.first, where);
      }
      return where;
    }
    std::string child(std::string_view key) const {
      return path.empty() ? std::string(key) : path + "." + std::string(key);
    }
  };

  Map map(const YAML::Node& node, std::string path, const std::vector<std::string>& allowed, Pos where) {
    Map m;
    m.path = std::move(path);
    m.where = pos(node, where);
    if (!node.IsMap()) {
      error(m.where, m.path, "calendar.err.want_map", {m.path}, "calendar.hint.want_type");
      return m;
    }
    m.valid = true;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const YAML::Node key = it->first;
      const Pos kp = pos(key, m.where);
      if (!key.IsScalar()) {
        error(kp, m.path, "calendar.err.want_scalar", {m.path.empty() ? "key" : m.path + ".key"},
              "calendar.hint.want_type");
        continue;
      }
      const std::string name = key.Scalar();
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        error(kp, m.child(name), "calendar.err.unknown_key", {name}, "calendar.hint.allowed_keys", {list});
        continue;
      }
      bool dup = false;
      for (const auto& e : m.entries) {
        if (e.first == name) {
          error(kp, m.child(name), "calendar.err.duplicate_key",
                {name, std::to_string(pos(e.second.first, m.where).line)}, "calendar.hint.duplicate_key");
          dup = true;
        }
      }
      if (!dup) m.entries.push_back({name, {key, it->second}});
    }
    return m;
  }

  // The scalar text of `key` in `m`; a missing required key, a list or a map are reported.
  std::optional<std::string> scalar(const Map& m, std::string_view key, bool required) {
    const YAML::Node* n = m.find(key);
    if (n == nullptr) {
      if (required) missing(m, key);
      return std::nullopt;
    }
    return scalar(*n, m.child(key), m.key_pos(key, *this));
  }
  std::optional<std::string> scalar(const YAML::Node& n, const std::string& path, Pos where) {
    if (n.IsNull()) return std::string();
    if (!n.IsScalar()) {
      error(pos(n, where), path, "calendar.err.want_scalar", {path}, "calendar.hint.want_type");
      return std::nullopt;
    }
    return n.Scalar();
  }
  void missing(const Map& m, std::string_view key) {
    error(m.where, m.child(key), "calendar.err.missing", {std::string(key)}, "calendar.hint.missing",
          {std::string(key)});
  }

  std::optional<Date> date(const YAML::Node& n, const std::string& path, Pos where) {
    auto text = scalar(n, path, where);
    if (!text) return std::nullopt;
    auto d = parse_date(*text);
    if (!d) error(pos(n, where), path, "calendar.err.bad_date", {*text}, "calendar.hint.bad_date");
    return d;
  }
  std::optional<Date> date(const Map& m, std::string_view key, bool required) {
    const YAML::Node* n = m.find(key);
    if (n == nullptr) {
      if (required) missing(m, key);
      return std::nullopt;
    }
    return date(*n, m.child(key), m.key_pos(key, *this));
  }

  std::optional<long> number(const Map& m, std::string_view key, bool required) {
    const YAML::Node* n = m.find(key);
    if (n == nullptr) {
      if (required) missing(m, key);
      return std::nullopt;
    }
    auto text = scalar(*n, m.child(key), m.key_pos(key, *this));
    if (!text) return std::nullopt;
    const bool digits = !text->empty() && text->size() <= 9 &&
                        std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) {
      error(pos(*n, m.key_pos(key, *this)), m.child(key), "calendar.err.bad_int", {*text},
            "calendar.hint.bad_int");
      return std::nullopt;
    }
    return std::stol(*text);
  }

  std::optional<bool> boolean(const Map& m, std::string_view key) {
    const YAML::Node* n = m.find(key);
    if (n == nullptr) return std::nullopt;
    auto text = scalar(*n, m.child(key), m.key_pos(key, *this));
    if (!text) return std::nullopt;
    if (*text == "true" || *text == "True" || *text == "TRUE") return true;
    if (*text == "false" || *text == "False" || *text == "FALSE") return false;
    error(pos(*n, m.key_pos(key, *this)), m.child(key), "calendar.err.bad_bool", {*text},
          "calendar.hint.bad_bool");
    return std::nullopt;
  }

  // The list under `key`: nullopt when absent (reported when required) or not a list (reported).
  std::optional<YAML::Node> list(const Map& m, std::string_view key, bool required) {
    const YAML::Node* n = m.find(key);
    if (n == nullptr) {
      if (required) missing(m, key);
      return std::nullopt;
    }
    if (n->IsNull()) return YAML::Node(YAML::NodeType::Sequence);
    if (!n->IsSequence()) {
      error(pos(*n, m.key_pos(key, *this)), m.child(key), "calendar.err.want_list", {m.child(key)},
            "calendar.hint.want_type");
      return std::nullopt;
    }
    return *n;
  }

 private:
  void add(diag::Severity sev, Pos p, std::string field, std::string key, std::vector<std::string> args,
           std::string hint, std::vector<std::string> hint_args) {
    if (out_.items().size() >= kMaxErrors) {
      ++dropped_;
      return;
    }
    diag::Diagnostic d;
    d.severity = sev;
    d.where = diag::Location{file_, p.line, p.column, std::move(field)};
    d.what = diag::Message{std::move(key), std::move(args)};
    if (!hint.empty()) d.hints.push_back(diag::Message{std::move(hint), std::move(hint_args)});
    out_.add(std::move(d));
  }

  std::string file_;
  LineIndex lines_;
  Diagnostics& out_;
  std::size_t dropped_ = 0;
};

// Parses the text into a document, reporting the file-level problems. Returns nullopt when there
// is nothing to read further.
std::optional<YAML::Node> parse_document(std::string_view text, const std::string& name,
                                         const CalendarLoadOptions& options, Diagnostics& out) {
  auto file_error = [&](int line, int col, std::string key, std::vector<std::string> args, std::string hint) {
    out.add(diag::Diagnostic{diag::Severity::error,
                             diag::Location{name, line, col, {}},
                             diag::Message{std::move(key), std::move(args)},
                             {diag::Message{std::move(hint), {}}}});
  };
  if (text.size() > options.max_bytes) {
    file_error(0, 0, "calendar.err.too_big", {std::to_string(text.size()), std::to_string(options.max_bytes)},
               "calendar.hint.too_big");
    return std::nullopt;
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    file_error(0, 0, "calendar.err.empty", {}, "calendar.hint.empty");
    return std::nullopt;
  }
  if (const std::size_t bad = first_invalid_utf8(text); bad != std::string_view::npos) {
    const std::size_t line_start = text.rfind('\n', bad == 0 ? 0 : bad - 1);
    const std::size_t begin = (line_start == std::string_view::npos || bad == 0) ? 0 : line_start + 1;
    const int line =
        1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(bad), '\n'));
    const LineIndex lines(text);
    char hex[8];
    std::snprintf(hex, sizeof hex, "%02X", static_cast<unsigned>(static_cast<unsigned char>(text[bad])));
    file_error(line, lines.char_column(line - 1, static_cast<int>(bad - begin)), "calendar.err.utf8", {hex},
               "calendar.hint.utf8");
    return std::nullopt;
  }
  const LineIndex lines(text);
  if (auto bad_root = load::unsafe_yaml_root(text)) {
    file_error(bad_root->first, lines.char_column(bad_root->first - 1, bad_root->second), "calendar.err.syntax",
               {"the root is not a mapping"}, "calendar.hint.syntax");
    return std::nullopt;
  }
  try {
    YAML::Node doc = YAML::Load(std::string(text));
    if (doc.IsNull()) {
      file_error(0, 0, "calendar.err.empty", {}, "calendar.hint.empty");
      return std::nullopt;
    }
    return doc;
  } catch (const YAML::DeepRecursion& e) {
    file_error(e.mark.line + 1, lines.char_column(e.mark.line, e.mark.column), "calendar.err.too_deep", {},
               "calendar.hint.too_deep");
  } catch (const YAML::Exception& e) {
    const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
    const int col = e.mark.is_null() ? 0 : lines.char_column(e.mark.line, e.mark.column);
    file_error(line, col, "calendar.err.syntax", {e.msg}, "calendar.hint.syntax");
  }
  return std::nullopt;
}

// Reads `format: 1` and returns the mapping under `section` ("calendar" or "overrides").
std::optional<Reader::Map> read_top(Reader& r, const YAML::Node& doc, const std::string& section,
                                    const std::vector<std::string>& allowed) {
  auto top = r.map(doc, "", {"format", section}, Pos{1, 1});
  if (!top.valid) return std::nullopt;
  if (auto f = r.scalar(top, "format", true); f && *f != "1") {
    r.error(r.pos(*top.find("format"), top.key_pos("format", r)), "format", "calendar.err.format", {*f},
            "calendar.hint.format");
  }
  const YAML::Node* body = top.find(section);
  if (body == nullptr) {
    r.missing(top, section);
    return std::nullopt;
  }
  auto m = r.map(*body, section, allowed, top.key_pos(section, r));
  if (!m.valid) return std::nullopt;
  return m;
}

std::string list_path(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index + 1) + "]";
}

// A day entry of a list: a plain date, or {date, note} (and, where allowed, {from, to}).
struct DayItem {
  Date first;
  Date last;
  std::string note;
  std::optional<Act> act;
  Pos pos;
  std::string path;
};

std::optional<Act> read_act(Reader& r, const YAML::Node& n, const std::string& path, Pos where) {
  auto m = r.map(n, path, {"kind", "number", "date", "title"}, where);
  if (!m.valid) return std::nullopt;
  Act act;
  if (auto v = r.scalar(m, "kind", false)) act.kind = *v;
  if (auto v = r.scalar(m, "number", false)) act.number = *v;
  if (auto v = r.scalar(m, "title", false)) act.title = *v;
  act.date = r.date(m, "date", false);
  return act;
}

// Reads a list of days. `ranges` allows {from, to} entries; `acts` allows an `act` per entry.
std::vector<DayItem> read_days(Reader& r, const Reader::Map& parent, std::string_view key, bool ranges,
                               bool acts) {
  std::vector<DayItem> out;
  auto list = r.list(parent, key, false);
  if (!list) return out;
  const std::string path = parent.child(key);
  std::vector<std::string> allowed = {"date", "note"};
  if (ranges) {
    allowed.push_back("from");
    allowed.push_back("to");
  }
  if (acts) allowed.push_back("act");
  for (std::size_t i = 0; i < list->size(); ++i) {
    const YAML::Node n = (*list)[i];
    const std::string p = list_path(path, i);
    const Pos where = r.pos(n, parent.key_pos(key, r));
    if (n.IsScalar() || n.IsNull()) {
      if (auto d = r.date(n, p, where)) out.push_back(DayItem{*d, *d, {}, std::nullopt, where, p});
      continue;
    }
    auto m = r.map(n, p, allowed, where);
    if (!m.valid) continue;
    DayItem item;
    item.pos = where;
    item.path = p;
    if (auto note = r.scalar(m, "note", false)) item.note = *note;
    if (acts) {
      if (const YAML::Node* a = m.find("act"))
        item.act = read_act(r, *a, m.child("act"), m.key_pos("act", r));
    }
    const bool has_date = m.find("date") != nullptr;
    const bool has_range = m.find("from") != nullptr || m.find("to") != nullptr;
    if (has_date == has_range) {
      if (ranges) {
        r.error(where, p, "calendar.err.range_form", {}, "calendar.hint.range_form");
      } else {
        r.missing(m, "date");
      }
      continue;
    }
    if (has_date) {
      auto d = r.date(m, "date", true);
      if (!d) continue;
      item.first = item.last = *d;
    } else {
      auto from = r.date(m, "from", true);
      auto to = r.date(m, "to", true);
      if (!from || !to) continue;
      if (Days{*to} < Days{*from}) {
        r.error(where, p, "calendar.err.range_order", {to_string(*from), to_string(*to)},
                "calendar.hint.range_order");
        continue;
      }
      // A change of the calendar is days or weeks; a range over a year is a typo in a year (and
      // would be expanded day by day).
      if ((Days{*to} - Days{*from}).count() > 366) {
        r.error(where, p, "calendar.err.range_too_long", {to_string(*from), to_string(*to)},
                "calendar.hint.range_too_long");
        continue;
      }
      item.first = *from;
      item.last = *to;
    }
    out.push_back(std::move(item));
  }
  return out;
}

// Labour Code art. 112: the non-working holidays besides the New Year ones (1-8 January), whose
// coinciding days off the Government moves by decree instead.
bool is_january_holiday(Date d) {
  return d.month() == chr::January && static_cast<unsigned>(d.day()) <= 8;
}

struct Transfer {
  Date from;
  Date to;
  bool labour_code = false;
  std::string note;
  Pos pos;
  std::string path;
};

// One year's description, read and checked; its days are then written into the calendar.
struct YearData {
  YearInfo info;
  Pos pos;
  std::string path;  // "calendar.years[3]"
  std::vector<DayItem> holidays;
  std::vector<Transfer> transfers;
  std::vector<DayItem> decree_days;
  std::vector<DayItem> shortened;
};

std::optional<YearData> read_year(Reader& r, const YAML::Node& n, const std::string& path, Pos where) {
  auto m = r.map(n, path,
                 {"year", "provisional", "note", "decree", "holidays", "transfers", "non_working_by_decree",
                  "shortened", "published"},
                 where);
  if (!m.valid) return std::nullopt;
  YearData y;
  y.pos = m.where;
  y.path = path;
  y.info.origin = Origin{r.file(), m.where.line, m.where.column};
  auto year_text = r.scalar(m, "year", true);
  if (!year_text) return std::nullopt;
  const bool four_digits = year_text->size() == 4 && std::all_of(year_text->begin(), year_text->end(),
                                                                 [](char c) { return c >= '0' && c <= '9'; });
  if (!four_digits || *year_text < "1900") {
    r.error(r.pos(*m.find("year"), m.key_pos("year", r)), m.child("year"), "calendar.err.bad_year",
            {*year_text}, "calendar.hint.bad_year");
    return std::nullopt;
  }
  y.info.year = chr::year{std::stoi(*year_text)};
  if (auto p = r.boolean(m, "provisional")) y.info.provisional = *p;
  r.scalar(m, "note", false);
  if (const YAML::Node* d = m.find("decree"))
    y.info.decree = read_act(r, *d, m.child("decree"), m.key_pos("decree", r));
  if (const YAML::Node* p = m.find("published")) {
    auto pm = r.map(*p, m.child("published"), {"working_days", "hours_40"}, m.key_pos("published", r));
    if (pm.valid) {
      if (auto v = r.number(pm, "working_days", false)) y.info.published_working_days = static_cast<int>(*v);
      if (auto v = r.number(pm, "hours_40", false)) y.info.published_hours_40 = static_cast<int>(*v);
    }
  }
  y.holidays = read_days(r, m, "holidays", false, false);
  y.decree_days = read_days(r, m, "non_working_by_decree", true, true);
  y.shortened = read_days(r, m, "shortened", false, false);
  if (auto list = r.list(m, "transfers", false)) {
    const std::string tpath = m.child("transfers");
    for (std::size_t i = 0; i < list->size(); ++i) {
      const YAML::Node tn = (*list)[i];
      const std::string p = list_path(tpath, i);
      const Pos tw = r.pos(tn, m.key_pos("transfers", r));
      auto tm = r.map(tn, p, {"from", "to", "basis", "note"}, tw);
      if (!tm.valid) continue;
      auto from = r.date(tm, "from", true);
      auto to = r.date(tm, "to", true);
      Transfer t;
      if (auto basis = r.scalar(tm, "basis", false)) {
        if (*basis == "labour_code") {
          t.labour_code = true;
        } else if (*basis != "decree") {
          r.error(r.pos(*tm.find("basis"), tm.key_pos("basis", r)), tm.child("basis"),
                  "calendar.err.bad_basis", {*basis}, "calendar.hint.bad_basis");
        }
      }
      if (auto note = r.scalar(tm, "note", false)) t.note = *note;
      if (!from || !to) continue;
      t.from = *from;
      t.to = *to;
      t.pos = tw;
      t.path = p;
      y.transfers.push_back(std::move(t));
    }
  }
  return y;
}

// Checks one year against the Labour Code and writes its days into the calendar.
void apply_year(Reader& r, const YearData& y, ProductionCalendar& cal) {
  const chr::year year = y.info.year;
  const std::string ytext = std::to_string(static_cast<int>(year));
  auto in_year = [&](Date d, Pos p, const std::string& path) {
    if (d.year() == year) return true;
    r.error(p, path, "calendar.err.outside_year", {to_string(d), ytext}, "calendar.hint.outside_year");
    return false;
  };

  std::map<Days, const DayItem*> holidays;
  for (const auto& h : y.holidays) {
    if (!in_year(h.first, h.pos, h.path)) continue;
    auto [it, fresh] = holidays.emplace(Days{h.first}, &h);
    if (!fresh) {
      r.error(h.pos, h.path, "calendar.err.duplicate_date",
              {to_string(h.first), std::to_string(it->second->pos.line)}, "calendar.hint.duplicate_date");
      continue;
    }
    cal.set_day(h.first, {DayKind::holiday, false, h.note});
  }

  std::map<Days, Pos> froms, tos;
  for (const auto& t : y.transfers) {
    const bool from_ok = in_year(t.from, t.pos, t.path + ".from");
    const bool to_ok = in_year(t.to, t.pos, t.path + ".to");
    if (!from_ok || !to_ok) continue;
    bool ok = true;
    if (!is_weekend(Days{t.from})) {
      r.error(t.pos, t.path + ".from", "calendar.err.transfer_from", {to_string(t.from)},
              "calendar.hint.transfer_from");
      ok = false;
    }
    if (is_weekend(Days{t.to})) {
      r.error(t.pos, t.path + ".to", "calendar.err.transfer_to", {to_string(t.to)},
              "calendar.hint.transfer_to");
      ok = false;
    } else if (holidays.count(Days{t.to}) != 0) {
      r.error(t.pos, t.path + ".to", "calendar.err.transfer_to_holiday", {to_string(t.to)},
              "calendar.hint.transfer_to");
      ok = false;
    }
    const bool from_is_holiday = holidays.count(Days{t.from}) != 0;
    if (t.labour_code && !from_is_holiday) {
      r.error(t.pos, t.path + ".from", "calendar.err.labour_code_not_holiday", {to_string(t.from)},
              "calendar.hint.labour_code_not_holiday");
      ok = false;
    }
    if (auto it = froms.find(Days{t.from}); it != froms.end()) {
      r.error(t.pos, t.path + ".from", "calendar.err.transfer_from_twice",
              {to_string(t.from), std::to_string(it->second.line)}, "calendar.hint.duplicate_date");
      ok = false;
    }
    if (auto it = tos.find(Days{t.to}); it != tos.end()) {
      r.error(t.pos, t.path + ".to", "calendar.err.transfer_twice",
              {to_string(t.to), std::to_string(it->second.line)}, "calendar.hint.duplicate_date");
      ok = false;
    }
    froms.emplace(Days{t.from}, t.pos);
    tos.emplace(Days{t.to}, t.pos);
    if (!ok) continue;
    if (!from_is_holiday) cal.set_day(t.from, {DayKind::working_weekend, false, t.note});
    cal.set_day(t.to, {DayKind::day_off, false, t.note});
  }

  // Labour Code art. 112: a day off coinciding with a holiday (other than 1-8 January) moves to
  // the next working day, unless the decree moved it elsewhere. A file that forgets it is wrong.
  for (const auto& [day, h] : holidays) {
    const Date d{day};
    if (!is_weekend(day) || is_january_holiday(d) || froms.count(day) != 0) continue;
    Days next = day + chr::days{1};
    while (next < Days{(year + chr::years{1}) / chr::January / 1} &&
           (is_weekend(next) || holidays.count(next) != 0 || tos.count(next) != 0)) {
      next += chr::days{1};
    }
    r.error(h->pos, h->path, "calendar.err.holiday_not_moved", {to_string(d)},
            "calendar.hint.holiday_not_moved", {to_string(d), to_string(Date{next})});
  }

  std::map<Days, Pos> decree_days;
  for (const auto& item : y.decree_days) {
    if (!in_year(item.first, item.pos, item.path) || !in_year(item.last, item.pos, item.path)) continue;
    std::string note = item.note;
    if (note.empty() && item.act) {
      note = item.act->kind;
      if (!item.act->number.empty()) note += " № " + item.act->number;
      if (item.act->date) note += " от " + to_string(*item.act->date);
    }
    for (Days d{item.first}; d <= Days{item.last}; d += chr::days{1}) {
      if (auto [it, fresh] = decree_days.emplace(d, item.pos); !fresh) {
        r.error(item.pos, item.path, "calendar.err.duplicate_date",
                {to_string(Date{d}), std::to_string(it->second.line)}, "calendar.hint.duplicate_date");
        continue;
      }
      // Only the days that would otherwise be working change: weekends and holidays stay.
      const auto* e = cal.entry(Date{d});
      const DayKind k = e ? e->kind : (is_weekend(d) ? DayKind::weekend : DayKind::working);
      if (k == DayKind::working || k == DayKind::working_weekend) {
        cal.set_day(Date{d}, {DayKind::non_working_by_decree, e ? e->shortened : false, note});
      }
    }
  }

  // Shortened days are checked, and the year's totals computed, with decree days counted as
  // working: that is how the published counts are made.
  const DecreeDays policy = cal.decree_days();
  cal.set_decree_days(DecreeDays::working);
  const ProductionCalendar& legal = cal;
  std::map<Days, Pos> shortened;
  for (const auto& s : y.shortened) {
    if (!in_year(s.first, s.pos, s.path)) continue;
    if (auto [it, fresh] = shortened.emplace(Days{s.first}, s.pos); !fresh) {
      r.error(s.pos, s.path, "calendar.err.duplicate_date",
              {to_string(s.first), std::to_string(it->second.line)}, "calendar.hint.duplicate_date");
      continue;
    }
    if (!legal.is_working_day(s.first)) {
      r.error(s.pos, s.path, "calendar.err.shortened_not_working", {to_string(s.first)},
              "calendar.hint.shortened_not_working");
      continue;
    }
    cal.set_shortened(s.first, true);
  }
  // Labour Code art. 95: the working day right before a holiday is shortened.
  for (const auto& [day, h] : holidays) {
    const Days before = day - chr::days{1};
    if (Date{before}.year() != year || holidays.count(before) != 0) continue;
    if (legal.is_working_day(Date{before}) && shortened.count(before) == 0) {
      r.warning(h->pos, y.path + ".shortened", "calendar.warn.not_shortened",
                {to_string(Date{before}), to_string(Date{day})}, "calendar.hint.not_shortened");
    }
  }

  const Date first = year / chr::January / 1, last = year / chr::December / 31;
  const ProductionCalendar& counted = cal;
  if (y.info.published_working_days) {
    const long n = counted.count_working_days(first, last);
    if (n != *y.info.published_working_days) {
      r.error(y.pos, y.path + ".published.working_days", "calendar.err.published_days",
              {ytext, std::to_string(*y.info.published_working_days), std::to_string(n)},
              "calendar.hint.published");
    }
  }
  if (y.info.published_hours_40) {
    const long h = counted.working_hours_40(first, last);
    if (h != *y.info.published_hours_40) {
      r.error(y.pos, y.path + ".published.hours_40", "calendar.err.published_hours",
              {ytext, std::to_string(*y.info.published_hours_40), std::to_string(h)},
              "calendar.hint.published");
    }
  }
  cal.set_decree_days(policy);
}

std::string read_whole_file(const std::string& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  ok = static_cast<bool>(in);
  if (!ok) return {};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void open_error(diag::Diagnostics& out, const std::string& path) {
  out.add(diag::Diagnostic{diag::Severity::error,
                           diag::Location{path, 0, 0, {}},
                           diag::Message{"calendar.err.open", {path}},
                           {diag::Message{"calendar.hint.open", {}}}});
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Loaders

CalendarLoad load_calendar_text(std::string_view text, const std::string& name,
                                const CalendarLoadOptions& options) {
  CalendarLoad result;
  auto doc = parse_document(text, name, options, result.diagnostics);
  if (!doc) return result;
  Reader r(name, text, result.diagnostics);
  ProductionCalendar cal;
  if (auto m = read_top(r, *doc, "calendar", {"id", "title", "note", "years"})) {
    auto id = r.scalar(*m, "id", true);
    if (id && id->empty())
      r.error(m->key_pos("id", r), m->child("id"), "calendar.err.empty_id", {}, "calendar.hint.empty_id");
    auto title = r.scalar(*m, "title", false);
    r.scalar(*m, "note", false);
    cal.set_identity(id.value_or(""), title.value_or(""));
    std::vector<YearData> years;
    if (auto list = r.list(*m, "years", true)) {
      if (list->size() == 0) r.missing(*m, "years");
      std::map<int, Pos> seen;
      for (std::size_t i = 0; i < list->size(); ++i) {
        const YAML::Node n = (*list)[i];
        auto y = read_year(r, n, list_path(m->child("years"), i), r.pos(n, m->key_pos("years", r)));
        if (!y) continue;
        const int key = static_cast<int>(y->info.year);
        if (auto [it, fresh] = seen.emplace(key, y->pos); !fresh) {
          r.error(y->pos, list_path(m->child("years"), i) + ".year", "calendar.err.duplicate_year",
                  {std::to_string(key), std::to_string(it->second.line)}, "calendar.hint.duplicate_year");
          continue;
        }
        years.push_back(std::move(*y));
      }
    }
    for (const auto& y : years) cal.add_year(y.info);
    for (const auto& y : years) apply_year(r, y, cal);
  }
  r.finish();
  result.diagnostics.sort();
  if (!result.diagnostics.has_errors()) result.calendar = std::move(cal);
  return result;
}

CalendarLoad load_calendar_file(const std::string& path, const CalendarLoadOptions& options) {
  bool ok = false;
  const std::string text = read_whole_file(path, ok);
  if (!ok) {
    CalendarLoad result;
    open_error(result.diagnostics, path);
    return result;
  }
  return load_calendar_text(text, path, options);
}

OverridesLoad load_overrides_text(std::string_view text, const std::string& name,
                                  const CalendarLoadOptions& options) {
  OverridesLoad result;
  auto doc = parse_document(text, name, options, result.diagnostics);
  if (!doc) return result;
  Reader r(name, text, result.diagnostics);
  CalendarOverrides ov;
  ov.file = name;
  if (auto m = read_top(r, *doc, "overrides",
                        {"id", "title", "base", "note", "days_off", "working_days", "shortened"})) {
    auto id = r.scalar(*m, "id", true);
    if (id && id->empty())
      r.error(m->key_pos("id", r), m->child("id"), "calendar.err.empty_id", {}, "calendar.hint.empty_id");
    ov.id = id.value_or("");
    ov.title = r.scalar(*m, "title", false).value_or("");
    ov.base = r.scalar(*m, "base", false).value_or("");
    r.scalar(*m, "note", false);
    auto to_days = [&](std::string_view key, std::vector<OverrideDay>& out) {
      std::map<Days, Pos> seen;
      for (const auto& item : read_days(r, *m, key, true, false)) {
        for (Days d{item.first}; d <= Days{item.last}; d += chr::days{1}) {
          if (auto [it, fresh] = seen.emplace(d, item.pos); !fresh) {
            r.error(item.pos, item.path, "calendar.err.duplicate_date",
                    {to_string(Date{d}), std::to_string(it->second.line)}, "calendar.hint.duplicate_date");
            continue;
          }
          out.push_back(OverrideDay{Date{d}, item.note, Origin{name, item.pos.line, item.pos.column}});
        }
      }
    };
    to_days("days_off", ov.days_off);
    to_days("working_days", ov.working_days);
    to_days("shortened", ov.shortened);
  }
  r.finish();
  result.diagnostics.sort();
  if (!result.diagnostics.has_errors()) result.overrides = std::move(ov);
  return result;
}

OverridesLoad load_overrides_file(const std::string& path, const CalendarLoadOptions& options) {
  bool ok = false;
  const std::string text = read_whole_file(path, ok);
  if (!ok) {
    OverridesLoad result;
    open_error(result.diagnostics, path);
    return result;
  }
  return load_overrides_text(text, path, options);
}

CalendarLoad apply_overrides(const ProductionCalendar& base, const CalendarOverrides& ov) {
  CalendarLoad result;
  auto& out = result.diagnostics;
  auto report = [&](diag::Severity sev, const Origin& o, std::string field, std::string key,
                    std::vector<std::string> args, std::string hint) {
    out.add(diag::Diagnostic{sev,
                             diag::Location{o.file, o.line, o.column, std::move(field)},
                             diag::Message{std::move(key), std::move(args)},
                             {diag::Message{std::move(hint), {}}}});
  };
  if (!ov.base.empty() && ov.base != base.id()) {
    report(diag::Severity::error, Origin{ov.file, 0, 0}, "overrides.base", "calendar.err.base_mismatch",
           {ov.base, base.id()}, "calendar.hint.base_mismatch");
  }
  ProductionCalendar cal = base;
  auto covered = [&](const OverrideDay& d, const char* field) {
    if (base.covers(d.date.year())) return true;
    report(diag::Severity::error, d.origin, field, "calendar.err.override_not_covered",
           {to_string(d.date), std::to_string(static_cast<int>(d.date.year()))},
           "calendar.hint.override_not_covered");
    return false;
  };
  const ProductionCalendar plain = base.with_decree_days(DecreeDays::non_working);
  std::set<Days> off;
  for (const auto& d : ov.days_off) {
    if (!covered(d, "overrides.days_off")) continue;
    off.insert(Days{d.date});
    if (!plain.is_working_day(d.date)) {
      report(diag::Severity::warning, d.origin, "overrides.days_off", "calendar.warn.already_off",
             {to_string(d.date)}, "calendar.hint.redundant");
    }
    const auto* e = base.entry(d.date);
    cal.set_day(d.date, {e && e->kind == DayKind::holiday ? DayKind::holiday : DayKind::day_off, false,
                         d.note.empty() ? (e ? e->note : std::string()) : d.note});
  }
  for (const auto& d : ov.working_days) {
    if (!covered(d, "overrides.working_days")) continue;
    if (off.count(Days{d.date}) != 0) {
      report(diag::Severity::error, d.origin, "overrides.working_days", "calendar.err.override_both",
             {to_string(d.date)}, "calendar.hint.override_both");
      continue;
    }
    if (plain.is_working_day(d.date)) {
      report(diag::Severity::warning, d.origin, "overrides.working_days", "calendar.warn.already_working",
             {to_string(d.date)}, "calendar.hint.redundant");
    }
    const auto* e = base.entry(d.date);
    cal.set_day(d.date, {is_weekend(Days{d.date}) ? DayKind::working_weekend : DayKind::working,
                         e ? e->shortened : false, d.note});
  }
  cal.set_decree_days(DecreeDays::working);
  const ProductionCalendar& legal = cal;
  for (const auto& d : ov.shortened) {
    if (!covered(d, "overrides.shortened")) continue;
    if (!legal.is_working_day(d.date)) {
      report(diag::Severity::error, d.origin, "overrides.shortened", "calendar.err.shortened_not_working",
             {to_string(d.date)}, "calendar.hint.shortened_not_working");
      continue;
    }
    cal.set_shortened(d.date, true);
  }
  cal.set_decree_days(base.decree_days());
  out.sort();
  if (!out.has_errors()) result.calendar = std::move(cal);
  return result;
}

}  // namespace roadmap::calendar
