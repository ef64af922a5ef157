// Concrete dates of a schedule within the plan's period. Conventions (documented in the README of
// the deadline language): a month without a year falls in the plan's school year (September to
// December in its first year, January to August in its second) or in every calendar year of the
// plan; "at the end of" a unit is its last month, "by the end of" its last day; school terms are
// taken as Sep-Oct, Nov-Dec, Jan-Mar, Apr-May, since each school sets its own.
#include "deadline/dates.hpp"

#include <algorithm>

namespace roadmap::deadline {
namespace {

using namespace std::chrono;

struct Span {
  sys_days first;
  sys_days last;
};

// A day past the month's end ("30 февраля") is taken as its last day.
sys_days day_of(int y, int m, int d) {
  year_month_day ymd{year{y} / month{static_cast<unsigned>(m)} / day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return sys_days{year{y} / month{static_cast<unsigned>(m)} / last};
  return sys_days{ymd};
}
sys_days last_of(int y, int m) {
  return sys_days{year{y} / month{static_cast<unsigned>(m)} / last};
}
// Month m + k months, normalised.
void add_months(int& y, int& m, int k) {
  int t = y * 12 + (m - 1) + k;
  y = t / 12;
  m = t % 12 + 1;
}
Span months_span(int y, int m, int count) {
  int y2 = y, m2 = m;
  add_months(y2, m2, count - 1);
  return {day_of(y, m, 1), last_of(y2, m2)};
}

bool plan_bounds(const ParseOptions& o, Span& b) {
  if (o.school_year_start) {
    b = {day_of(o.school_year_start, 9, 1), day_of(o.school_year_start + 1, 8, 31)};
    return true;
  }
  if (!o.years.empty()) {
    auto [lo, hi] = std::minmax_element(o.years.begin(), o.years.end());
    b = {day_of(*lo, 1, 1), day_of(*hi, 12, 31)};
    return true;
  }
  return false;
}

// The calendar years a yearless month falls in.
std::vector<int> years_for_month(const ParseOptions& o, int m) {
  if (o.school_year_start) return {m >= 9 ? o.school_year_start : o.school_year_start + 1};
  return o.years;
}

// The `idx`-th part (quarter, half-year, term) of the year `y`; a school half-year or term of the
// school year starting in `y` when `school_year` is set.
Span part_span(Unit u, int idx, int y, bool school_year, HalfYear half) {
  switch (u) {
    case Unit::quarter: {
      int yy = school_year && idx <= 3 ? y + 1 : y;
      return months_span(yy, (idx - 1) * 3 + 1, 3);
    }
    case Unit::half_year:
      if (half == HalfYear::school) {
        if (idx == 1) return months_span(y, 9, 4);
        return months_span(school_year ? y + 1 : y, 1, 8);
      }
      if (idx == 1) return months_span(school_year ? y + 1 : y, 1, 6);
      return months_span(y, 7, 6);
    case Unit::term: {
      static constexpr int start[] = {0, 9, 11, 1, 4};
      static constexpr int len[] = {0, 2, 2, 3, 2};
      int yy = school_year && idx >= 3 ? y + 1 : y;
      return months_span(yy, start[idx], len[idx]);
    }
    default: return {};
  }
}

// Every period of `u` overlapping the bounds, clipped, merged `every` at a time.
std::vector<Span> periods(Unit u, int every, const Span& b, const ParseOptions& o) {
  std::vector<Span> raw;
  year_month_day f{b.first}, l{b.last};
  int y0 = static_cast<int>(f.year()) - 1, y1 = static_cast<int>(l.year());
  for (int y = y0; y <= y1; ++y) {
    switch (u) {
      case Unit::month:
        for (int m = 1; m <= 12; ++m) raw.push_back(months_span(y, m, 1));
        break;
      case Unit::quarter:
        for (int q = 1; q <= 4; ++q) raw.push_back(part_span(u, q, y, false, o.half_year));
        break;
      case Unit::half_year:
        if (o.half_year == HalfYear::school) {
          raw.push_back(months_span(y, 1, 8));
          raw.push_back(months_span(y, 9, 4));
        } else {
          raw.push_back(months_span(y, 1, 6));
          raw.push_back(months_span(y, 7, 6));
        }
        break;
      case Unit::term:
        raw.push_back(months_span(y, 1, 3));
        raw.push_back(months_span(y, 4, 2));
        raw.push_back(months_span(y, 9, 2));
        raw.push_back(months_span(y, 11, 2));
        break;
      case Unit::year:
        if (o.school_year_start) raw.push_back({day_of(y, 9, 1), day_of(y + 1, 8, 31)});
        else raw.push_back(months_span(y, 1, 12));
        break;
      case Unit::school_year: raw.push_back({day_of(y, 9, 1), day_of(y + 1, 8, 31)}); break;
      case Unit::week: {
        if (y != y0) break;
        for (sys_days d = b.first; d <= b.last; d += days{7}) raw.push_back({d, std::min(b.last, d + days{6})});
        break;
      }
      case Unit::day:
      case Unit::working_day:
        if (y == y0) raw.push_back(b);
        break;
      default: break;
    }
  }
  std::vector<Span> in;
  for (const auto& s : raw) {
    if (s.last < b.first || s.first > b.last) continue;
    in.push_back({std::max(s.first, b.first), std::min(s.last, b.last)});
  }
  std::sort(in.begin(), in.end(), [](const Span& a, const Span& c) { return a.first < c.first; });
  if (every <= 1) return in;
  std::vector<Span> merged;
  for (std::size_t k = 0; k < in.size(); k += static_cast<std::size_t>(every)) {
    std::size_t e = std::min(in.size(), k + static_cast<std::size_t>(every)) - 1;
    merged.push_back({in[k].first, in[e].last});
  }
  return merged;
}

class Dater {
 public:
  Dater(const ParseOptions& o, std::vector<Occurrence>& out) : o_(o), out_(out) {}

  void clause(const Clause& c, std::size_t idx) {
    idx_ = idx;
    switch (c.kind) {
      case ClauseKind::months: return months(c);
      case ClauseKind::periodic: return periodic(c);
      case ClauseKind::part: return part(c);
      case ClauseKind::span: return span(c);
      case ClauseKind::by_date: return by_date(c);
      case ClauseKind::event: return need(Need::event_calendar);
      case ClauseKind::item: return need(Need::item_binding);
      case ClauseKind::external: return need(Need::schedule_binding);
      case ClauseKind::on_demand: return need(Need::demand);
    }
  }

 private:
  const ParseOptions& o_;
  std::vector<Occurrence>& out_;
  std::size_t idx_ = 0;

  void need(Need n) { out_.push_back(Occurrence{idx_, n, {}, {}}); }
  void emit(const Span& s) { out_.push_back(Occurrence{idx_, Need::none, year_month_day{s.first}, year_month_day{s.last}}); }

  Span window_span(const Window& w, int from_year, int to_year) {
    sys_days a = day_of(from_year, w.from.month, w.from.day ? w.from.day : 1);
    sys_days b = w.to.day ? day_of(to_year, w.to.month, w.to.day) : last_of(to_year, w.to.month);
    return {a, b};
  }

  void months(const Clause& c) {
    for (const auto& w : c.windows) {
      if (w.to.year) {
        emit(window_span(w, w.from.year, w.to.year));
        continue;
      }
      bool wraps = w.from.month > w.to.month;
      auto ys = years_for_month(o_, w.from.month);
      if (ys.empty()) { need(Need::plan_period); continue; }
      for (int y : ys) emit(window_span(w, y, wraps ? y + 1 : y));
    }
  }

  void periodic(const Clause& c) {
    Span b;
    if (!plan_bounds(o_, b)) return need(Need::plan_period);
    if (c.due.day && c.unit == Unit::month) {
      for (const auto& p : periods(Unit::month, 1, b, o_)) {
        year_month_day f{p.first};
        unsigned last_day = static_cast<unsigned>(year_month_day{p.last}.day());
        unsigned d = std::min(static_cast<unsigned>(c.due.day), last_day);
        emit({p.first, sys_days{f.year() / f.month() / day{d}}});
      }
      return;
    }
    if (c.due.day && c.due_next) {
      for (const auto& p : periods(c.unit, c.every, b, o_)) {
        year_month_day n{p.last + days{1}};
        sys_days due = day_of(static_cast<int>(n.year()), static_cast<int>(static_cast<unsigned>(n.month())), c.due.day);
        emit({p.first, due});
      }
      return;
    }
    if (c.due.month && c.unit == Unit::year) {
      for (const auto& p : periods(Unit::year, 1, b, o_)) {
        year_month_day f{p.first};
        int y = static_cast<int>(f.year());
        sys_days due = day_of(y, c.due.month, c.due.day);
        if (due < p.first) due = day_of(y + 1, c.due.month, c.due.day);
        if (due <= p.last) emit({p.first, due});
      }
      return;
    }
    for (const auto& p : periods(c.unit, c.every, b, o_)) emit(p);
  }

  std::vector<std::pair<int, bool>> part_years(const Clause& c) {
    std::vector<std::pair<int, bool>> ys;
    if (c.span == SpanKind::school_years) {
      for (int y : c.years) ys.emplace_back(y, true);
    } else if (!c.years.empty()) {
      for (int y : c.years) ys.emplace_back(y, false);
    } else if (o_.school_year_start) {
      ys.emplace_back(o_.school_year_start, true);
    } else {
      for (int y : o_.years) ys.emplace_back(y, false);
    }
    return ys;
  }

  void part(const Clause& c) {
    auto ys = part_years(c);
    if (ys.empty()) return need(Need::plan_period);
    for (auto [y, school] : ys) {
      Span p = part_span(c.unit, c.index, y, school, o_.half_year);
      if (c.index_last) p.last = part_span(c.unit, c.index_last, y, school, o_.half_year).last;
      if (c.relation == Relation::results) p = month_after(p);
      emit(p);
    }
  }

  // "по итогам I полугодия", "по окончании учебного года": the month after the span.
  static Span month_after(const Span& p) {
    year_month_day l{p.last + days{1}};
    return months_span(static_cast<int>(l.year()), static_cast<int>(static_cast<unsigned>(l.month())), 1);
  }

  void span(const Clause& c) {
    Span b;
    switch (c.span) {
      case SpanKind::plan:
        if (!plan_bounds(o_, b)) return need(Need::plan_period);
        return emit(b);
      case SpanKind::year:
        if (!plan_bounds(o_, b)) return need(Need::plan_period);
        for (const auto& p : periods(Unit::year, 1, b, o_)) emit(p);
        return;
      case SpanKind::school_year:
        if (!plan_bounds(o_, b)) return need(Need::plan_period);
        for (const auto& p : periods(Unit::school_year, 1, b, o_)) emit(p);
        return;
      case SpanKind::years:
        for (int y : c.years) emit(months_span(y, 1, 12));
        return;
      case SpanKind::school_years:
        for (int y : c.years) emit({day_of(y, 9, 1), day_of(y + 1, 8, 31)});
        return;
      case SpanKind::none: return need(Need::plan_period);
    }
  }

  // The spans an edge refers to: "учебного года", "I квартала", "марта 2024 г.", "2023 года".
  std::vector<Span> edge_units(const Clause& c) {
    std::vector<Span> out;
    Span b;
    if (c.index) {
      for (auto [y, school] : part_years(c)) {
        Span p = part_span(c.unit, c.index, y, school, o_.half_year);
        if (c.index_last) p.last = part_span(c.unit, c.index_last, y, school, o_.half_year).last;
        out.push_back(p);
      }
      return out;
    }
    if (c.unit == Unit::month && c.date.month) {
      if (c.date.year) return {months_span(c.date.year, c.date.month, 1)};
      for (int y : years_for_month(o_, c.date.month)) out.push_back(months_span(y, c.date.month, 1));
      return out;
    }
    if (c.unit == Unit::year && !c.years.empty()) {
      for (int y : c.years) out.push_back(months_span(y, 1, 12));
      return out;
    }
    if (c.unit == Unit::school_year && !c.years.empty()) {
      for (int y : c.years) out.push_back({day_of(y, 9, 1), day_of(y + 1, 8, 31)});
      return out;
    }
    if (!plan_bounds(o_, b)) return out;
    Unit u = c.unit;
    if (u == Unit::year && o_.school_year_start) return {months_span(o_.school_year_start, 1, 12)};
    return periods(u, 1, b, o_);
  }

  void by_date(const Clause& c) {
    if (c.edge == Edge::none) {
      const Point& p = c.date;
      std::vector<int> ys = p.year ? std::vector<int>{p.year} : years_for_month(o_, p.month);
      if (ys.empty()) return need(Need::plan_period);
      for (int y : ys) {
        sys_days d = p.day ? day_of(y, p.month, p.day) : day_of(y, p.month, 1) - days{1};
        emit({d, d});
      }
      return;
    }
    auto units = edge_units(c);
    if (units.empty()) return need(Need::plan_period);
    for (const auto& u : units) {
      year_month_day f{u.first}, l{u.last};
      if (c.relation == Relation::upon) {
        emit(month_after(u));
      } else if (c.relation == Relation::by) {
        sys_days d = c.edge == Edge::start ? u.first : c.edge == Edge::end ? u.last : u.first + (u.last - u.first) / 2;
        emit({d, d});
      } else {
        if (c.edge == Edge::start) emit(months_span(static_cast<int>(f.year()), static_cast<int>(static_cast<unsigned>(f.month())), 1));
        else if (c.edge == Edge::end) emit(months_span(static_cast<int>(l.year()), static_cast<int>(static_cast<unsigned>(l.month())), 1));
        else {
          year_month_day m{u.first + (u.last - u.first) / 2};
          emit(months_span(static_cast<int>(m.year()), static_cast<int>(static_cast<unsigned>(m.month())), 1));
        }
      }
    }
  }
};

}  // namespace

std::vector<Occurrence> dates(const Schedule& schedule, const ParseOptions& opts) {
  std::vector<Occurrence> out;
  Dater d(opts, out);
  for (std::size_t k = 0; k < schedule.clauses.size(); ++k) d.clause(schedule.clauses[k], k);
  return out;
}

}  // namespace roadmap::deadline
