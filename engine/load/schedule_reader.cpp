// Reads `schedule:` (a list of clauses, or one clause) into deadline::Schedule.
#include "load/schedule_reader.hpp"

#include <charconv>
#include <utility>

#include "model/directory.hpp"

namespace roadmap::load {
namespace {

using deadline::Clause;

template <class E>
struct Named {
  std::string_view name;
  E value;
};

constexpr Named<deadline::ClauseKind> kKinds[] = {
    {"months", deadline::ClauseKind::months}, {"periodic", deadline::ClauseKind::periodic},
    {"part", deadline::ClauseKind::part},     {"span", deadline::ClauseKind::span},
    {"event", deadline::ClauseKind::event},   {"item", deadline::ClauseKind::item},
    {"external", deadline::ClauseKind::external}, {"on_demand", deadline::ClauseKind::on_demand},
    {"by_date", deadline::ClauseKind::by_date},
};
constexpr Named<deadline::Unit> kUnits[] = {
    {"day", deadline::Unit::day},         {"working_day", deadline::Unit::working_day},
    {"week", deadline::Unit::week},       {"month", deadline::Unit::month},
    {"quarter", deadline::Unit::quarter}, {"half_year", deadline::Unit::half_year},
    {"term", deadline::Unit::term},       {"year", deadline::Unit::year},
    {"school_year", deadline::Unit::school_year},
};
constexpr Named<deadline::SpanKind> kSpans[] = {
    {"plan", deadline::SpanKind::plan},   {"year", deadline::SpanKind::year},
    {"school_year", deadline::SpanKind::school_year}, {"years", deadline::SpanKind::years},
    {"school_years", deadline::SpanKind::school_years},
};
constexpr Named<deadline::Relation> kRelations[] = {
    {"after", deadline::Relation::after},       {"before", deadline::Relation::before},
    {"during", deadline::Relation::during},     {"preparation", deadline::Relation::preparation},
    {"checking", deadline::Relation::checking}, {"results", deadline::Relation::results},
    {"schedule", deadline::Relation::schedule}, {"by", deadline::Relation::by},
    {"at", deadline::Relation::at},
};
constexpr Named<deadline::Edge> kEdges[] = {
    {"start", deadline::Edge::start}, {"middle", deadline::Edge::middle}, {"end", deadline::Edge::end}};
constexpr Named<deadline::Demand> kDemands[] = {
    {"necessity", deadline::Demand::necessity},   {"need", deadline::Demand::need},
    {"violations", deadline::Demand::violations}, {"formation", deadline::Demand::formation},
    {"arrival", deadline::Demand::arrival},       {"request", deadline::Demand::request},
};

const std::vector<std::string> kClauseKeys = {
    "kind", "repeat", "windows", "months", "years", "unit", "every", "times", "index", "at_least",
    "per_school", "due", "span", "events", "relation", "each", "lag", "lag_unit", "within", "date",
    "edge", "anchor", "item", "demand"};

template <class E, std::size_t N>
std::vector<std::string> names_of(const Named<E> (&table)[N]) {
  std::vector<std::string> out;
  for (const auto& n : table) out.emplace_back(n.name);
  return out;
}

class ClauseReader {
 public:
  ClauseReader(Reader& r, MapView m) : r_(r), m_(std::move(m)) {}

  template <class E, std::size_t N>
  bool choice(std::string_view key, const Named<E> (&table)[N], E& out, bool required = false) {
    auto v = m_.text(key, required);
    if (!v) return !required;
    for (const auto& n : table)
      if (n.name == v->value) { out = n.value; return true; }
    auto* d = r_.error(v->pos, v->path, "load.err.schedule_value", {v->value, std::string(key)});
    r_.did_you_mean(d, v->value, names_of(table));
    r_.hint(d, "load.hint.schedule_values", {join(names_of(table))});
    return false;
  }

  bool integer(std::string_view key, int& out, int lo, int hi) {
    auto v = m_.text(key, false);
    if (!v) return true;
    int n = 0;
    auto [p, ec] = std::from_chars(v->value.data(), v->value.data() + v->value.size(), n);
    if (ec != std::errc{} || p != v->value.data() + v->value.size() || n < lo || n > hi) {
      r_.error(v->pos, v->path, "load.err.schedule_number",
               {v->value, std::string(key), std::to_string(lo), std::to_string(hi)});
      return false;
    }
    out = n;
    return true;
  }

  bool flag(std::string_view key, bool& out) {
    auto v = m_.text(key, false);
    if (!v) return true;
    if (v->value == "true" || v->value == "yes") { out = true; return true; }
    if (v->value == "false" || v->value == "no") { out = false; return true; }
    r_.error(v->pos, v->path, "load.err.schedule_bool", {v->value, std::string(key)});
    return false;
  }

  // "2023-01-10", "2023-01", "01-10" (month-day), "2023".
  bool point(const Located& v, deadline::Point& out) {
    const std::string& s = v.value;
    auto num = [&](std::size_t at, std::size_t len, int& n) {
      if (at + len > s.size()) return false;
      auto [p, ec] = std::from_chars(s.data() + at, s.data() + at + len, n);
      return ec == std::errc{} && p == s.data() + at + len;
    };
    deadline::Point p;
    bool ok = false;
    if (s.size() == 10 && s[4] == '-' && s[7] == '-') ok = num(0, 4, p.year) && num(5, 2, p.month) && num(8, 2, p.day);
    else if (s.size() == 7 && s[4] == '-') ok = num(0, 4, p.year) && num(5, 2, p.month);
    else if (s.size() == 5 && s[2] == '-') ok = num(0, 2, p.month) && num(3, 2, p.day);
    else if (s.size() == 4) ok = num(0, 4, p.year);
    if (ok && p.month != 0 && (p.month < 1 || p.month > 12)) ok = false;
    if (ok && p.day != 0) {
      using namespace std::chrono;
      int y = p.year != 0 ? p.year : 2024;  // a leap year admits 29 February
      ok = year_month_day{year{y}, month{static_cast<unsigned>(p.month)}, day{static_cast<unsigned>(p.day)}}.ok();
    }
    if (ok && p.year != 0 && (p.year < 1990 || p.year > 2100)) ok = false;
    if (!ok) {
      auto* d = r_.error(v.pos, v.path, "load.err.schedule_date", {s});
      r_.hint(d, "load.hint.schedule_date");
      return false;
    }
    out = p;
    return true;
  }

  bool point_field(std::string_view key, deadline::Point& out) {
    auto v = m_.text(key, false);
    return !v || point(*v, out);
  }

  std::optional<Clause> read() {
    Clause c;
    bool ok = choice("kind", kKinds, c.kind, /*required=*/true);
    ok &= flag("repeat", c.repeat);
    if (auto ws = m_.list("windows", false)) {
      std::size_t i = 0;
      for (const auto& w : *ws) {
        ++i;
        MapView wm = r_.map(w, m_.child_path("windows") + "[" + std::to_string(i) + "]", {"from", "to"},
                            m_.value_pos("windows"));
        if (!wm.valid()) { ok = false; continue; }
        deadline::Window win;
        auto from = wm.text("from", true), to = wm.text("to", false);
        if (from) ok &= point(*from, win.from);
        win.to = win.from;
        if (to) ok &= point(*to, win.to);
        c.windows.push_back(win);
      }
    }
    if (auto ms = m_.text_list("months", false)) {
      for (const auto& mv : *ms) {
        int n = 0;
        auto [p, ec] = std::from_chars(mv.value.data(), mv.value.data() + mv.value.size(), n);
        if (ec != std::errc{} || p != mv.value.data() + mv.value.size() || n < 1 || n > 12) {
          r_.error(mv.pos, mv.path, "load.err.schedule_number", {mv.value, "months", "1", "12"});
          ok = false;
          continue;
        }
        deadline::Point pt{0, n, 0};
        c.windows.push_back({pt, pt});
      }
    }
    if (auto ys = m_.text_list("years", false)) {
      for (const auto& yv : *ys) {
        int n = 0;
        auto [p, ec] = std::from_chars(yv.value.data(), yv.value.data() + yv.value.size(), n);
        if (ec != std::errc{} || p != yv.value.data() + yv.value.size() || n < 1990 || n > 2100) {
          r_.error(yv.pos, yv.path, "load.err.schedule_number", {yv.value, "years", "1990", "2100"});
          ok = false;
          continue;
        }
        c.years.push_back(n);
      }
    }
    ok &= choice("unit", kUnits, c.unit);
    ok &= integer("every", c.every, 1, 100);
    ok &= integer("times", c.times, 1, 366);
    ok &= integer("index", c.index, 0, 12);
    ok &= flag("at_least", c.at_least);
    ok &= flag("per_school", c.per_school);
    ok &= point_field("due", c.due);
    ok &= choice("span", kSpans, c.span);
    if (auto es = m_.text_list("events", false)) {
      for (const auto& ev : *es) {
        std::uint32_t bits = model::event_bits_of(ev.value);
        if (bits == 0) {
          auto* d = r_.error(ev.pos, ev.path, "load.err.schedule_event", {ev.value});
          std::vector<std::string> names;
          for (const auto& k : model::builtin_event_kinds()) names.push_back(k.id);
          r_.did_you_mean(d, ev.value, names);
          ok = false;
          continue;
        }
        c.events |= bits;
      }
    }
    ok &= choice("relation", kRelations, c.relation);
    ok &= flag("each", c.each);
    ok &= integer("lag", c.lag, 0, 366);
    ok &= choice("lag_unit", kUnits, c.lag_unit);
    ok &= flag("within", c.within);
    ok &= point_field("date", c.date);
    ok &= choice("edge", kEdges, c.edge);
    if (auto a = m_.text("anchor", false)) c.anchor = a->value;
    if (auto it = m_.text("item", false)) c.item_ref = it->value;
    ok &= choice("demand", kDemands, c.demand);
    if (!ok) return std::nullopt;
    return c;
  }

 private:
  Reader& r_;
  MapView m_;
};

}  // namespace

std::optional<deadline::Schedule> read_schedule(const YAML::Node& node, const std::string& path,
                                                model::SourcePos where, Reader& reader) {
  deadline::Schedule schedule;
  bool ok = true;
  auto read_one = [&](const YAML::Node& n, const std::string& p) {
    MapView m = reader.map(n, p, kClauseKeys, where);
    if (!m.valid()) { ok = false; return; }
    if (auto c = ClauseReader(reader, m).read()) schedule.clauses.push_back(std::move(*c));
    else ok = false;
  };
  if (node.IsSequence()) {
    std::size_t i = 0;
    for (const auto& n : node) {
      ++i;
      read_one(n, path + "[" + std::to_string(i) + "]");
    }
    if (i == 0) {
      reader.error(reader.pos_of(node, where), path, "load.err.schedule_empty");
      ok = false;
    }
  } else {
    read_one(node, path);
  }
  if (!ok) return std::nullopt;
  return schedule;
}

}  // namespace roadmap::load
