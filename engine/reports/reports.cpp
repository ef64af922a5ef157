#include "reports/reports.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <functional>
#include <map>
#include <set>

#include "reports/error.hpp"

namespace roadmap::reports {

using namespace std::chrono;

void Counts::add(Mark m) {
  ++total;
  switch (m) {
    case Mark::done_on_time: ++done; break;
    case Mark::done_late: ++done; ++done_late; break;
    case Mark::overdue: ++overdue; break;
    case Mark::open: ++open; break;
  }
}

Input load_input(store::Database& db, const std::string& plan_id, const std::optional<Period>& period) {
  Input in;
  in.plans = store::report_plans(db, plan_id);
  in.period = period;
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
  in.sections = store::report_sections(db, plan_id);
  in.items = store::report_items(db, plan_id);
  in.units = store::report_units(db);
  store::ReportScope scope;
  scope.plan_id = plan_id;
  if (period) {
    scope.due_from = period->first;
    scope.due_to = period->last;
  }
  in.tasks = store::report_tasks(db, scope);
  return in;
}

Who who(const Input& in, const store::ReportTask& t) {
  Who w;
  w.school = t.assignee_kind == "school";
  w.assignee = t.assignee;
  w.body = w.school ? std::string() : t.assignee;
  auto it = in.units.find(store::report_unit_key(t.directory_id, t.assignee_kind, t.assignee));
  if (it != in.units.end()) {
    w.assignee = it->second.name;
    w.people = it->second.people;
    if (w.school) {
      w.body = it->second.parent_body;
      auto b = in.units.find(store::report_unit_key(t.directory_id, "body", it->second.parent_body));
      if (b != in.units.end()) w.body = b->second.name;
    } else {
      w.body = it->second.name;
    }
  }
  return w;
}

namespace {

using ItemIndex = std::map<std::pair<std::string, std::string>, const store::ReportItem*>;

ItemIndex index_items(const Input& in) {
  ItemIndex ix;
  for (const auto& it : in.items) ix[{it.plan_id, it.item_key}] = &it;
  return ix;
}

bool earlier(const OverdueRow& a, const OverdueRow& b) {
  if (a.due != b.due) return sys_days{a.due} < sys_days{b.due};
  return a.task_id < b.task_id;
}

std::vector<OverdueGroup> group_rows(const std::vector<OverdueRow>& rows,
                                     const std::function<std::vector<std::string>(const OverdueRow&)>& keys) {
  std::map<std::string, OverdueGroup> groups;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (const auto& k : keys(rows[i])) {
      auto [it, fresh] = groups.try_emplace(k);
      auto& g = it->second;
      if (fresh) {
        g.name = k;
        g.oldest_due = rows[i].due;
      }
      g.rows.push_back(i);  // rows are oldest first already
      g.max_days = std::max(g.max_days, rows[i].working_days.value_or(0));
      if (sys_days{rows[i].due} < sys_days{g.oldest_due}) g.oldest_due = rows[i].due;
    }
  }
  std::vector<OverdueGroup> out;
  for (auto& [k, g] : groups) out.push_back(std::move(g));
  std::stable_sort(out.begin(), out.end(), [](const OverdueGroup& a, const OverdueGroup& b) {
    if (a.rows.size() != b.rows.size()) return a.rows.size() > b.rows.size();
    if (a.oldest_due != b.oldest_due) return sys_days{a.oldest_due} < sys_days{b.oldest_due};
    return a.name < b.name;
  });
  return out;
}

std::string month_label(const Date& d) {
  return fmt::format("{:04}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()));
}

}  // namespace

OverdueReport build_overdue(const Input& in, const OverdueRule& rule) {
  OverdueReport r;
  auto items = index_items(in);
  for (const auto& t : in.tasks) {
    Mark m = rule.mark(t);
    if (m != Mark::overdue && m != Mark::done_late) continue;
    OverdueRow row;
    row.task_id = t.id;
    row.plan_id = t.plan_id;
    if (auto it = items.find({t.plan_id, t.item_key}); it != items.end()) {
      row.item_number = it->second->number;
      row.measure = it->second->measure;
    }
    row.label = t.label;
    row.who = who(in, t);
    row.due = *t.due;
    row.working_days = rule.days_late(t);
    if (m == Mark::done_late) {
      row.done_on = t.done_on;
      r.done_late.push_back(std::move(row));
    } else {
      r.rows.push_back(std::move(row));
    }
  }
  std::stable_sort(r.rows.begin(), r.rows.end(), earlier);
  std::stable_sort(r.done_late.begin(), r.done_late.end(), earlier);
  r.by_body = group_rows(r.rows, [](const OverdueRow& x) { return std::vector<std::string>{x.who.body}; });
  r.by_school = group_rows(r.rows, [](const OverdueRow& x) {
    return x.who.school ? std::vector<std::string>{x.who.assignee} : std::vector<std::string>{};
  });
  r.by_person = group_rows(r.rows, [](const OverdueRow& x) {
    return x.who.people.empty() ? std::vector<std::string>{std::string()} : x.who.people;
  });
  return r;
}

CompletionReport build_completion(const Input& in, const OverdueRule& rule) {
  CompletionReport r;
  auto items = index_items(in);
  std::map<std::pair<std::string, int>, Counts> by_section;
  std::map<std::pair<std::string, std::string>, Counts> by_item;
  std::map<std::string, Counts> by_body;
  // Fan-out cells: plan -> item key -> school -> counts.
  std::map<std::string, std::map<std::string, std::map<std::string, Counts>>> fan;
  std::optional<Date> first_due;
  for (const auto& t : in.tasks) {
    Mark m = rule.mark(t);
    r.total.add(m);
    by_section[{t.plan_id, t.section_position}].add(m);
    by_item[{t.plan_id, t.item_key}].add(m);
    Who w = who(in, t);
    by_body[w.body].add(m);
    if (w.school) fan[t.plan_id][t.item_key][w.assignee].add(m);
    if (t.due && (!first_due || sys_days{*t.due} < sys_days{*first_due})) first_due = t.due;
  }
  for (const auto& s : in.sections) {
    auto it = by_section.find({s.plan_id, s.position});
    r.sections.push_back({s.number, s.title, it == by_section.end() ? Counts{} : it->second});
  }
  for (const auto& i : in.items) {
    auto it = by_item.find({i.plan_id, i.item_key});
    if (it == by_item.end()) continue;  // no task within the period
    r.items.push_back({i.number, i.measure, it->second});
  }
  for (const auto& [name, c] : by_body) r.bodies.push_back({"", name, c});
  for (const auto& [plan, per_item] : fan) {
    CompletionMatrix mx;
    mx.plan_id = plan;
    std::set<std::string> schools;
    std::vector<std::string> keys;
    for (const auto& i : in.items) {
      if (i.plan_id != plan || !per_item.count(i.item_key)) continue;
      keys.push_back(i.item_key);
      mx.item_numbers.push_back(i.number);
      mx.item_measures.push_back(i.measure);
      for (const auto& [school, c] : per_item.at(i.item_key)) schools.insert(school);
    }
    mx.schools.assign(schools.begin(), schools.end());
    for (const auto& school : mx.schools) {
      std::vector<Cell> row;
      for (const auto& k : keys) {
        const auto& cells = per_item.at(k);
        auto c = cells.find(school);
        if (c == cells.end()) row.push_back(Cell::none);
        else if (c->second.done == c->second.total) row.push_back(Cell::done);
        else if (c->second.overdue) row.push_back(Cell::overdue);
        else if (c->second.done) row.push_back(Cell::partly);
        else row.push_back(Cell::open);
      }
      mx.cells.push_back(std::move(row));
    }
    r.matrices.push_back(std::move(mx));
  }
  // Completion over time: month by month up to today (or the period's end, whichever is first).
  Date from = in.period ? in.period->first : first_due.value_or(rule.clock().today(""));
  Date until = rule.clock().today("");
  if (in.period && sys_days{in.period->last} < sys_days{until}) until = in.period->last;
  for (year_month ym{from.year(), from.month()}; ym <= year_month{until.year(), until.month()};
       ym += months{1}) {
    Date end{year_month_day_last{ym.year(), month_day_last{ym.month()}}};
    TimePoint p;
    p.label = month_label(end);
    for (const auto& t : in.tasks) {
      if (!t.due || sys_days{*t.due} > sys_days{end}) continue;
      ++p.due;
      if (t.status == "done" && t.done_on && sys_days{*t.done_on} <= sys_days{end}) ++p.done;
    }
    p.percent = p.due ? 100.0 * static_cast<double>(p.done) / static_cast<double>(p.due) : 0;
    r.timeline.push_back(std::move(p));
    if (r.timeline.size() > 240) break;  // twenty years are enough for one chart
  }
  return r;
}

ExecutionReport build_execution(const Input& in, const OverdueRule& rule) {
  ExecutionReport r;
  std::map<std::pair<std::string, std::string>, std::vector<const store::ReportTask*>> per_item;
  for (const auto& t : in.tasks) per_item[{t.plan_id, t.item_key}].push_back(&t);
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
      auto it = per_item.find({i.plan_id, i.item_key});
      if (it != per_item.end()) {
        std::vector<std::pair<Date, std::string>> late;
        for (const auto* t : it->second) {
          Mark m = rule.mark(*t);
          row.counts.add(m);
          if (m == Mark::done_on_time || m == Mark::done_late) {
            DoneMark d;
            d.done_on = t->done_on.value_or(t->due.value_or(Date{}));
            d.assignee = who(in, *t).assignee;
            d.label = t->label;
            d.actor = t->done_by;
            d.result = t->result;
            d.late_days = m == Mark::done_late ? rule.days_late(*t).value_or(0) : 0;
            row.done.push_back(std::move(d));
          } else if (m == Mark::overdue) {
            late.emplace_back(*t->due, who(in, *t).assignee);
          }
        }
        std::stable_sort(row.done.begin(), row.done.end(),
                         [](const DoneMark& a, const DoneMark& b) { return sys_days{a.done_on} < sys_days{b.done_on}; });
        std::stable_sort(late.begin(), late.end(),
                         [](const auto& a, const auto& b) { return sys_days{a.first} < sys_days{b.first}; });
        for (auto& [d, name] : late)
          if (std::find(row.overdue_units.begin(), row.overdue_units.end(), name) == row.overdue_units.end())
            row.overdue_units.push_back(name);
      }
      const auto& c = row.counts;
      if (c.total == 0) row.status = ExecStatus::no_tasks;
      else if (c.done == c.total) row.status = c.done_late ? ExecStatus::done_late : ExecStatus::done;
      else if (c.overdue) row.status = ExecStatus::overdue;
      else if (c.done) row.status = ExecStatus::in_progress;
      else row.status = ExecStatus::not_due;
      ep.rows.push_back(std::move(row));
    }
    r.plans.push_back(std::move(ep));
  }
  return r;
}

DisciplineReport build_discipline(const Input& in, const OverdueRule& rule) {
  DisciplineReport r;
  std::map<std::string, Counts> bodies, people, months;
  for (const auto& t : in.tasks) {
    if (!t.due) continue;  // undated tasks have no term to keep
    Mark m = rule.mark(t);
    r.total.add(m);
    Who w = who(in, t);
    bodies[w.body].add(m);
    if (w.people.empty()) people[std::string()].add(m);
    for (const auto& p : w.people) people[p].add(m);
    months[month_label(*t.due)].add(m);
  }
  for (auto& [k, c] : bodies) r.by_body.push_back({k, c});
  for (auto& [k, c] : people) r.by_person.push_back({k, c});
  for (auto& [k, c] : months) r.by_month.push_back({k, c});
  return r;
}

}  // namespace roadmap::reports
