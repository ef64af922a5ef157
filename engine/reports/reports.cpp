#include "reports/reports.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <functional>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "model/natural_order.hpp"
#include "reports/error.hpp"

namespace roadmap::reports {

using namespace std::chrono;

void Counts::add(Mark m) {
  add(m, 1);
}

void Counts::add(Mark m, std::size_t n) {
  total += n;
  switch (m) {
    case Mark::done_on_time: done += n; break;
    case Mark::done_late: done += n; done_late += n; break;
    case Mark::overdue: overdue += n; break;
    case Mark::open: open += n; break;
  }
}

void Counts::add(const store::MarkCounts& c) {
  total += static_cast<std::size_t>(c.total);
  done += static_cast<std::size_t>(c.done);
  done_late += static_cast<std::size_t>(c.done_late);
  overdue += static_cast<std::size_t>(c.overdue);
  open += static_cast<std::size_t>(c.open());
}

Input load_input(store::Database& db, const Scope& scope) {
  Input in;
  in.db = &db;
  store::prepare_for_reports(db);
  in.plans = store::report_plans(db, scope.plan_id);
  in.period = scope.period;
  in.body = scope.body;
  in.school = scope.school;
  const auto& period = scope.period;
  if (period && !in.plans.empty()) {
    auto first = in.plans.front().first_day, last = in.plans.front().last_day;
    bool overlaps = false;
    for (const auto& p : in.plans) {
      if (sys_days{p.first_day} < sys_days{first}) first = p.first_day;
      if (sys_days{p.last_day} > sys_days{last}) last = p.last_day;
      if (sys_days{period->first} <= sys_days{p.last_day} && sys_days{p.first_day} <= sys_days{period->last})
        overlaps = true;
    }
    if (!overlaps)
      throw Error("report.err.period_outside", {period->text, period_text(*period), ru_date(first), ru_date(last)});
  }
  in.scope.plan_id = scope.plan_id;
  if (period) {
    in.scope.due_from = period->first;
    in.scope.due_to = period->last;
  }
  in.scope.body = scope.body;
  in.scope.school = scope.school;
  in.scope.directory_id = scope.directory_id;
  store::check_report_scope(db, in.scope);
  in.sections = store::report_sections(db, scope.plan_id);
  in.items = store::report_items(db, scope.plan_id);
  in.units = store::report_units(db);
  return in;
}

Input load_input(store::Database& db, const std::string& plan_id, const std::optional<Period>& period) {
  Scope scope;
  scope.plan_id = plan_id;
  scope.period = period;
  return load_input(db, scope);
}

Who who(const Input& in, const store::ReportTask& t) {
  return who(in, t.directory_id, t.assignee_kind, t.assignee);
}

Who who(const Input& in, const std::string& directory_id, const std::string& assignee_kind, const std::string& assignee) {
  Who w;
  w.school = assignee_kind == "school";
  w.assignee = assignee;
  w.body = w.school ? std::string() : assignee;
  auto it = in.units.find(store::report_unit_key(directory_id, assignee_kind, assignee));
  if (it != in.units.end()) {
    w.assignee = it->second.name;
    w.people = it->second.people;
    if (w.school) {
      w.body = it->second.parent_body;
      auto b = in.units.find(store::report_unit_key(directory_id, "body", it->second.parent_body));
      if (b != in.units.end()) w.body = b->second.name;
    } else {
      w.body = it->second.name;
    }
  }
  return w;
}

namespace {

using ItemKey = std::pair<std::string, std::string>;
using ItemIndex = std::map<ItemKey, const store::ReportItem*>;

ItemIndex index_items(const Input& in) {
  ItemIndex ix;
  for (const auto& it : in.items) ix[{it.plan_id, it.item_key}] = &it;
  return ix;
}

// Items by position in Input::items, found by plan id and item key without building a key a row.
class ItemLookup {
 public:
  explicit ItemLookup(const Input& in) : in_(in) {
    for (std::size_t i = 0; i < in.items.size(); ++i) index_.emplace(key(in.items[i].plan_id, in.items[i].item_key), i);
  }
  std::optional<std::size_t> find(const std::string& plan, const std::string& item) {
    auto it = index_.find(key(plan, item));
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }
  const store::ReportItem& operator[](std::size_t i) const { return in_.items[i]; }
  std::size_t size() const { return in_.items.size(); }

 private:
  const std::string& key(const std::string& plan, const std::string& item) {
    buf_.assign(plan).append(1, '\x1f').append(item);
    return buf_;
  }
  const Input& in_;
  std::unordered_map<std::string, std::size_t> index_;
  std::string buf_;
};

// Names numbered as first seen, so that per-row work adds to vectors instead of keyed maps.
class NameNumbers {
 public:
  std::size_t operator()(const std::string& name) {
    auto [it, fresh] = numbers_.try_emplace(name, names_.size());
    if (fresh) names_.push_back(name);
    return it->second;
  }
  const std::string& name(std::size_t n) const { return names_[n]; }
  std::size_t size() const { return names_.size(); }

 private:
  std::unordered_map<std::string, std::size_t> numbers_;
  std::vector<std::string> names_;
};

std::string month_label(const Date& d) {
  return fmt::format("{:04}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()));
}

// The overdue test for the store's SQL: the dates around midnight somewhere are decided here, by
// the same Clock as OverdueRule::mark, for the few (plan, zone, due date) the tasks have.
store::OverdueCut overdue_cut(const Input& in, const OverdueRule& rule) {
  auto [first, last] = rule.clock().today_range();
  store::OverdueCut cut{first, last, {}};
  if (first == last) return cut;
  for (const auto& z : store::report_zone_days(*in.db, in.scope, first, last))
    if (sys_days{z.due} < sys_days{rule.clock().today(z.zone)}) cut.overdue_between.push_back({z.plan_id, z.timezone, z.due});
  return cut;
}

// who() for runs of rows of the same assignee (the store returns them grouped): worked out once a run.
class WhoCache {
 public:
  explicit WhoCache(const Input& in) : in_(in) {}
  const Who& operator()(const std::string& dir, const std::string& kind, const std::string& id) {
    if (!valid_ || dir != dir_ || kind != kind_ || id != id_) {
      ++runs_;
      who_ = who(in_, dir, kind, id);
      dir_ = dir;
      kind_ = kind;
      id_ = id;
      valid_ = true;
    }
    return who_;
  }
  // Changes whenever operator() moved to another assignee.
  std::size_t runs() const { return runs_; }

 private:
  const Input& in_;
  std::size_t runs_ = 0;
  bool valid_ = false;
  std::string dir_, kind_, id_;
  Who who_;
};

OverdueRow overdue_row(const Input& in, const ItemIndex& items, const OverdueRule& rule, const store::ReportTask& t) {
  OverdueRow row;
  row.task_id = t.id;
  row.plan_id = t.plan_id;
  if (auto it = items.find({t.plan_id, t.item_key}); it != items.end()) {
    row.item_number = it->second->number;
    row.measure = it->second->measure;
  }
  row.label = t.label;
  row.who = who(in, t);
  row.due = t.due.value_or(Date{});
  row.working_days = rule.days_late(t);
  if (rule.mark(t) == Mark::done_late) row.done_on = t.done_on;
  return row;
}

void add_to_group(std::map<std::string, OverdueGroup>& groups, const std::string& name, std::size_t count, long days,
                  Date oldest) {
  auto [it, fresh] = groups.try_emplace(name);
  auto& g = it->second;
  if (fresh) {
    g.name = name;
    g.oldest_due = oldest;
  }
  g.count += count;
  g.max_days = std::max(g.max_days, days);
  if (sys_days{oldest} < sys_days{g.oldest_due}) g.oldest_due = oldest;
}

std::vector<OverdueGroup> sorted_groups(std::map<std::string, OverdueGroup>& groups) {
  std::vector<OverdueGroup> out;
  for (auto& [k, g] : groups) out.push_back(std::move(g));
  std::stable_sort(out.begin(), out.end(), [](const OverdueGroup& a, const OverdueGroup& b) {
    if (a.count != b.count) return a.count > b.count;
    if (a.oldest_due != b.oldest_due) return sys_days{a.oldest_due} < sys_days{b.oldest_due};
    return model::natural_less(a.name, b.name);
  });
  return out;
}

}  // namespace

OverdueReport build_overdue(const Input& in, const OverdueRule& rule, std::size_t max_rows) {
  OverdueReport r;
  auto items = index_items(in);
  auto cut = overdue_cut(in, rule);
  // The dates from which lateness can be counted, for every "today" a zone can have.
  std::vector<store::ReportDate> counted_from;
  std::map<int, std::size_t> counted_index;  // today (days since 1970) -> index into counted_from
  auto [first, last] = rule.clock().today_range();
  for (auto d = sys_days{first}; d <= sys_days{last}; d += days{1}) {
    auto from = rule.counted_from(Date{d});
    if (!from) continue;
    auto at = std::find(counted_from.begin(), counted_from.end(), *from);
    counted_index[d.time_since_epoch().count()] = static_cast<std::size_t>(at - counted_from.begin());
    if (at == counted_from.end()) counted_from.push_back(*from);
  }
  std::map<std::string, OverdueGroup> bodies, schools, people;
  WhoCache who_of(in);
  for (const auto& u : store::report_overdue_by_unit(*in.db, in.scope, cut, counted_from)) {
    // The longest lateness of the group: at its oldest due date the calendar can count (lateness
    // falls with the due date); an uncountable one counts 0, as on the detail rows.
    Date today = rule.clock().today(u.zone);
    long days_late = rule.working_days_late(u.oldest, today).value_or(0);
    if (auto k = counted_index.find(sys_days{today}.time_since_epoch().count()); k != counted_index.end())
      if (const auto& from = u.oldest_counted.at(k->second))
        days_late = std::max(days_late, rule.working_days_late(*from, today).value_or(0));
    const Who& w = who_of(u.directory_id, u.assignee_kind, u.assignee);
    auto n = static_cast<std::size_t>(u.count);
    r.rows_total += n;
    add_to_group(bodies, w.body, n, days_late, u.oldest);
    if (w.school) add_to_group(schools, w.assignee, n, days_late, u.oldest);
    if (w.people.empty()) add_to_group(people, std::string(), n, days_late, u.oldest);
    for (const auto& p : w.people) add_to_group(people, p, n, days_late, u.oldest);
  }
  r.by_body = sorted_groups(bodies);
  r.by_school = sorted_groups(schools);
  r.by_person = sorted_groups(people);
  for (const auto& t : store::report_overdue_tasks(*in.db, in.scope, cut, max_rows))
    r.rows.push_back(overdue_row(in, items, rule, t));
  for (const auto& t : store::report_done_late_tasks(*in.db, in.scope, max_rows))
    r.done_late.push_back(overdue_row(in, items, rule, t));
  r.done_late_total = static_cast<std::size_t>(store::report_done_late_count(*in.db, in.scope));
  return r;
}

CompletionReport build_completion(const Input& in, const OverdueRule& rule) {
  CompletionReport r;
  auto items = index_items(in);
  ItemLookup lookup(in);
  std::vector<Counts> by_item(lookup.size());
  std::map<std::string, Counts> by_body;
  // Fan-out cells: item -> school number -> counts (schools numbered by name as first seen).
  std::vector<std::vector<Counts>> fan(lookup.size());
  NameNumbers schools;
  WhoCache who_of(in);
  std::size_t run = 0;
  Counts* body = nullptr;
  std::size_t school = 0;
  for (const auto& c : store::report_counts_by_unit_item(*in.db, in.scope, overdue_cut(in, rule))) {
    auto i = lookup.find(c.plan_id, c.item_key);
    if (!i) continue;
    const Who& w = who_of(c.directory_id, c.assignee_kind, c.assignee);
    if (who_of.runs() != run) {  // rows come assignee by assignee: names are looked up once a run
      run = who_of.runs();
      body = &by_body[w.body];
      if (w.school) school = schools(w.assignee);
    }
    r.total.add(c.counts);
    by_item[*i].add(c.counts);
    body->add(c.counts);
    if (w.school) {
      auto& cells = fan[*i];
      if (cells.size() <= school) cells.resize(school + 1);
      cells[school].add(c.counts);
    }
  }
  std::map<std::pair<std::string, int>, Counts> by_section;
  for (std::size_t i = 0; i < lookup.size(); ++i) {
    if (!by_item[i].total) continue;
    const auto& item = lookup[i];
    auto& sc = by_section[{item.plan_id, item.section_position}];
    sc.total += by_item[i].total;
    sc.done += by_item[i].done;
    sc.done_late += by_item[i].done_late;
    sc.overdue += by_item[i].overdue;
    sc.open += by_item[i].open;
    r.items.push_back({item.number, item.measure, by_item[i]});  // in.items is in plan order; no task, no row
  }
  for (const auto& s : in.sections) {
    auto it = by_section.find({s.plan_id, s.position});
    r.sections.push_back({s.number, s.title, it == by_section.end() ? Counts{} : it->second});
  }
  for (const auto& [name, c] : by_body) r.bodies.push_back({"", name, c});
  // One matrix a plan (by plan id) with a fan-out item: its items in plan order, its schools by name.
  std::map<std::string, std::vector<std::size_t>> plan_items;
  for (std::size_t i = 0; i < lookup.size(); ++i)
    if (!fan[i].empty()) plan_items[lookup[i].plan_id].push_back(i);
  for (const auto& [plan, idx] : plan_items) {
    CompletionMatrix mx;
    mx.plan_id = plan;
    std::vector<std::size_t> present;
    for (std::size_t i : idx) {
      mx.item_numbers.push_back(lookup[i].number);
      mx.item_measures.push_back(lookup[i].measure);
      for (std::size_t n = 0; n < fan[i].size(); ++n)
        if (fan[i][n].total) present.push_back(n);
    }
    std::sort(present.begin(), present.end(),
              [&](std::size_t a, std::size_t b) { return model::natural_less(schools.name(a), schools.name(b)); });
    present.erase(std::unique(present.begin(), present.end(),
                              [&](std::size_t a, std::size_t b) { return schools.name(a) == schools.name(b); }),
                  present.end());
    for (std::size_t n : present) {
      mx.schools.push_back(schools.name(n));
      std::vector<Cell> row;
      for (std::size_t i : idx) {
        const Counts* c = n < fan[i].size() && fan[i][n].total ? &fan[i][n] : nullptr;
        if (!c) row.push_back(Cell::none);
        else if (c->done == c->total) row.push_back(Cell::done);
        else if (c->overdue) row.push_back(Cell::overdue);
        else if (c->done) row.push_back(Cell::partly);
        else row.push_back(Cell::open);
      }
      mx.cells.push_back(std::move(row));
    }
    r.matrices.push_back(std::move(mx));
  }
  // Completion over time: month by month up to today (or the period's end, whichever is first).
  // A task counts as due from its due month on, as done from the later of its due and done months.
  std::map<year_month, std::size_t> due_in, done_in;
  std::optional<Date> first_due;
  for (const auto& c : store::report_task_classes(*in.db, in.scope)) {
    const auto& t = c.task;
    if (!t.due || !items.count({t.plan_id, t.item_key})) continue;
    auto n = static_cast<std::size_t>(c.count);
    year_month due_month{t.due->year(), t.due->month()};
    due_in[due_month] += n;
    if (t.status == "done" && t.done_on) done_in[std::max(due_month, year_month{t.done_on->year(), t.done_on->month()})] += n;
    if (!first_due || sys_days{*t.due} < sys_days{*first_due}) first_due = t.due;
  }
  Date from = in.period ? in.period->first : first_due.value_or(rule.clock().today(""));
  Date until = rule.clock().today("");
  if (in.period && sys_days{in.period->last} < sys_days{until}) until = in.period->last;
  auto due_it = due_in.begin();
  auto done_it = done_in.begin();
  std::size_t due = 0, done = 0;
  for (year_month ym{from.year(), from.month()}; ym <= year_month{until.year(), until.month()}; ym += months{1}) {
    for (; due_it != due_in.end() && due_it->first <= ym; ++due_it) due += due_it->second;
    for (; done_it != done_in.end() && done_it->first <= ym; ++done_it) done += done_it->second;
    TimePoint p;
    p.label = month_label(Date{ym / 1});
    p.due = due;
    p.done = done;
    p.percent = p.due ? 100.0 * static_cast<double>(p.done) / static_cast<double>(p.due) : 0;
    r.timeline.push_back(std::move(p));
    if (r.timeline.size() > 240) break;  // twenty years are enough for one chart
  }
  return r;
}

ExecStatus exec_status(const Counts& c) {
  if (c.total == 0) return ExecStatus::no_tasks;
  if (c.done == c.total) return c.done_late ? ExecStatus::done_late : ExecStatus::done;
  if (c.overdue) return ExecStatus::overdue;
  if (c.done) return ExecStatus::in_progress;
  return ExecStatus::not_due;
}

ExecutionReport build_execution(const Input& in, const OverdueRule& rule) {
  ExecutionReport r;
  // Counts by item, and who is late: each assignee at its oldest overdue task (due, then task id).
  ItemLookup lookup(in);
  std::vector<Counts> counts(lookup.size());
  NameNumbers names;
  std::vector<std::vector<std::tuple<Date, std::int64_t, std::size_t>>> late(lookup.size());
  WhoCache who_of(in);
  for (const auto& c : store::report_counts_by_unit_item(*in.db, in.scope, overdue_cut(in, rule), true)) {
    auto i = lookup.find(c.plan_id, c.item_key);
    if (!i) continue;
    counts[*i].add(c.counts);
    if (c.first_overdue_due)
      late[*i].emplace_back(*c.first_overdue_due, c.first_overdue_id,
                            names(who_of(c.directory_id, c.assignee_kind, c.assignee).assignee));
  }
  auto latest = store::report_latest_done(*in.db, in.scope, kLatestMarksShown);
  for (const auto& plan : in.plans) {
    ExecutionPlan ep;
    ep.plan = plan;
    for (const auto& i : in.items) {
      if (i.plan_id != plan.id) continue;
      ExecutionRow row;
      row.number = i.number;
      row.measure = i.measure;
      row.deadline = i.deadline;
      row.responsible = i.responsible;
      ItemKey key{i.plan_id, i.item_key};
      auto at = lookup.find(i.plan_id, i.item_key);
      if (at) row.counts = counts[*at];
      if (auto d = latest.find(key); d != latest.end()) {
        for (auto t = d->second.rbegin(); t != d->second.rend(); ++t) {  // newest first -> in the order done
          Mark m = rule.mark(*t);
          DoneMark mark;
          mark.done_on = t->done_on.value_or(t->due.value_or(Date{}));
          mark.assignee = who(in, *t).assignee;
          mark.label = t->label;
          mark.actor = t->done_by;
          mark.result = t->result;
          mark.late_days = m == Mark::done_late ? rule.days_late(*t).value_or(0) : 0;
          row.done.push_back(std::move(mark));
        }
      }
      if (at) {
        auto& units = late[*at];
        std::sort(units.begin(), units.end());
        std::vector<bool> named(names.size());
        for (const auto& [due, id, name] : units) {
          if (named[name]) continue;
          named[name] = true;
          ++row.overdue_unit_count;
          if (row.overdue_units.size() < kLateUnitsNamed) row.overdue_units.push_back(names.name(name));
        }
      }
      row.status = exec_status(row.counts);
      ep.rows.push_back(std::move(row));
    }
    r.plans.push_back(std::move(ep));
  }
  return r;
}

DisciplineReport build_discipline(const Input& in, const OverdueRule& rule) {
  DisciplineReport r;
  auto items = index_items(in);
  std::map<std::string, Counts> bodies, people, months;
  WhoCache who_of(in);
  for (const auto& u : store::report_dated_counts_by_unit(*in.db, in.scope, overdue_cut(in, rule))) {
    const Who& w = who_of(u.directory_id, u.assignee_kind, u.assignee);
    bodies[w.body].add(u.counts);
    if (w.people.empty()) people[std::string()].add(u.counts);
    for (const auto& p : w.people) people[p].add(u.counts);
  }
  for (const auto& c : store::report_task_classes(*in.db, in.scope)) {
    if (!c.task.due || !items.count({c.task.plan_id, c.task.item_key})) continue;  // undated tasks have no term to keep
    Mark m = rule.mark(c.task);
    auto n = static_cast<std::size_t>(c.count);
    r.total.add(m, n);
    months[month_label(*c.task.due)].add(m, n);
  }
  for (auto& [k, c] : bodies) r.by_body.push_back({k, c});
  for (auto& [k, c] : people) r.by_person.push_back({k, c});
  for (auto& [k, c] : months) r.by_month.push_back({k, c});
  return r;
}

}  // namespace roadmap::reports
