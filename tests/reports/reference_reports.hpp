// The reports as they were first written: every task of the scope read one by one
// (store::report_tasks) and aggregated in C++, task by task, with OverdueRule::mark. Slow at region
// scale, plain to read: the reference the SQL aggregation of engine/reports must agree with.
// Only for tests.
#pragma once

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/natural_order.hpp"
#include "reports/reports.hpp"

namespace roadmap::reports::reference {

using namespace std::chrono;

inline std::vector<store::ReportTask> tasks_of(const Input& in) {
  return store::report_tasks(*in.db, in.scope);
}

inline std::map<std::pair<std::string, std::string>, const store::ReportItem*> index_items(const Input& in) {
  std::map<std::pair<std::string, std::string>, const store::ReportItem*> ix;
  for (const auto& it : in.items) ix[{it.plan_id, it.item_key}] = &it;
  return ix;
}

inline std::string month_label(const Date& d) {
  return std::to_string(static_cast<int>(d.year())) + "-" + (static_cast<unsigned>(d.month()) < 10 ? "0" : "") +
         std::to_string(static_cast<unsigned>(d.month()));
}

// Every row (no cap), the groups from the rows.
inline OverdueReport overdue(const Input& in, const OverdueRule& rule) {
  OverdueReport r;
  auto items = index_items(in);
  for (const auto& t : tasks_of(in)) {
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
  auto earlier = [](const OverdueRow& a, const OverdueRow& b) {
    if (a.due != b.due) return sys_days{a.due} < sys_days{b.due};
    return a.task_id < b.task_id;
  };
  std::stable_sort(r.rows.begin(), r.rows.end(), earlier);
  std::stable_sort(r.done_late.begin(), r.done_late.end(), earlier);
  r.rows_total = r.rows.size();
  r.done_late_total = r.done_late.size();
  auto group = [&](const std::function<std::vector<std::string>(const OverdueRow&)>& keys) {
    std::map<std::string, OverdueGroup> groups;
    for (const auto& row : r.rows) {
      for (const auto& k : keys(row)) {
        auto [it, fresh] = groups.try_emplace(k);
        auto& g = it->second;
        if (fresh) {
          g.name = k;
          g.oldest_due = row.due;
        }
        ++g.count;
        g.max_days = std::max(g.max_days, row.working_days.value_or(0));
        if (sys_days{row.due} < sys_days{g.oldest_due}) g.oldest_due = row.due;
      }
    }
    std::vector<OverdueGroup> out;
    for (auto& [k, g] : groups) out.push_back(std::move(g));
    std::stable_sort(out.begin(), out.end(), [](const OverdueGroup& a, const OverdueGroup& b) {
      if (a.count != b.count) return a.count > b.count;
      if (a.oldest_due != b.oldest_due) return sys_days{a.oldest_due} < sys_days{b.oldest_due};
      return model::natural_less(a.name, b.name);
    });
    return out;
  };
  r.by_body = group([](const OverdueRow& x) { return std::vector<std::string>{x.who.body}; });
  r.by_school = group([](const OverdueRow& x) {
    return x.who.school ? std::vector<std::string>{x.who.assignee} : std::vector<std::string>{};
  });
  r.by_person = group([](const OverdueRow& x) {
    return x.who.people.empty() ? std::vector<std::string>{std::string()} : x.who.people;
  });
  return r;
}

inline CompletionReport completion(const Input& in, const OverdueRule& rule) {
  CompletionReport r;
  const auto tasks = tasks_of(in);
  std::map<std::pair<std::string, int>, Counts> by_section;
  std::map<std::pair<std::string, std::string>, Counts> by_item;
  std::map<std::string, Counts> by_body;
  std::map<std::string, std::map<std::string, std::map<std::string, Counts>>> fan;
  std::optional<Date> first_due;
  for (const auto& t : tasks) {
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
    if (it == by_item.end()) continue;
    r.items.push_back({i.number, i.measure, it->second});
  }
  for (const auto& [name, c] : by_body) r.bodies.push_back({"", name, c});
  for (const auto& [plan, per_item] : fan) {
    CompletionMatrix mx;
    mx.plan_id = plan;
    std::set<std::string, model::NaturalLess> schools;
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
  Date from = in.period ? in.period->first : first_due.value_or(rule.clock().today(""));
  Date until = rule.clock().today("");
  if (in.period && sys_days{in.period->last} < sys_days{until}) until = in.period->last;
  for (year_month ym{from.year(), from.month()}; ym <= year_month{until.year(), until.month()}; ym += months{1}) {
    Date end{year_month_day_last{ym.year(), month_day_last{ym.month()}}};
    TimePoint p;
    p.label = month_label(end);
    for (const auto& t : tasks) {
      if (!t.due || sys_days{*t.due} > sys_days{end}) continue;
      ++p.due;
      if (t.status == "done" && t.done_on && sys_days{*t.done_on} <= sys_days{end}) ++p.done;
    }
    p.percent = p.due ? 100.0 * static_cast<double>(p.done) / static_cast<double>(p.due) : 0;
    r.timeline.push_back(std::move(p));
    if (r.timeline.size() > 240) break;
  }
  return r;
}

// Every done mark and every late unit of a row (no cap): overdue_unit_count is their number.
inline ExecutionReport execution(const Input& in, const OverdueRule& rule) {
  ExecutionReport r;
  const auto tasks = tasks_of(in);
  std::map<std::pair<std::string, std::string>, std::vector<const store::ReportTask*>> per_item;
  for (const auto& t : tasks) per_item[{t.plan_id, t.item_key}].push_back(&t);
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
        row.overdue_unit_count = row.overdue_units.size();
      }
      row.status = exec_status(row.counts);
      ep.rows.push_back(std::move(row));
    }
    r.plans.push_back(std::move(ep));
  }
  return r;
}

inline DisciplineReport discipline(const Input& in, const OverdueRule& rule) {
  DisciplineReport r;
  std::map<std::string, Counts> bodies, people, months;
  for (const auto& t : tasks_of(in)) {
    if (!t.due) continue;
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

}  // namespace roadmap::reports::reference
