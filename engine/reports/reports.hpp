// The tracking reports of issue 5 as plain data, built from the store's read-only queries:
// overdue (by body, school, person, oldest first, and what was done late), completion (per section,
// item, body, the schools x items matrix of fan-out items, completion over time), plan execution for
// a period (the document a head signs: №, мероприятие, срок, ответственный, отметка об исполнении)
// and executive discipline (on time / late / overdue / open, by body and person, by month).
// Rendering is reports/document.hpp's business.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "calendar/production_calendar.hpp"
#include "reports/overdue.hpp"
#include "reports/period.hpp"
#include "store/report_queries.hpp"

namespace roadmap::reports {

// What every report reads: the plans of the scope, their items, the directory's units and the
// tasks due within the period (every task when there is none).
struct Input {
  std::vector<store::ReportPlan> plans;
  std::vector<store::ReportSection> sections;
  std::vector<store::ReportItem> items;
  std::map<std::string, store::ReportUnit> units;
  std::vector<store::ReportTask> tasks;
  std::optional<Period> period;
};

// Reads the input. A period that overlaps no plan of the scope is reports::Error
// "report.err.period_outside" (naming the plans' span); an unknown plan store::Error.
Input load_input(store::Database& db, const std::string& plan_id, const std::optional<Period>& period);

struct Counts {
  std::size_t total = 0, done = 0, done_late = 0, overdue = 0, open = 0;  // done includes done_late
  void add(Mark m);
  double percent_done() const { return total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 0; }
  double share(std::size_t n) const { return total ? 100.0 * static_cast<double>(n) / static_cast<double>(total) : 0; }
  bool operator==(const Counts&) const = default;
};

// Names: a task's assignee, the body it answers to (a school's supervising body), its people.
struct Who {
  std::string assignee;  // "МКОУ СОШ №3", "Отдел образования"
  std::string body;      // the body (itself for a body, the school's body for a school)
  bool school = false;
  std::vector<std::string> people;  // director(s) / head; empty when the directory names none
};
Who who(const Input& in, const store::ReportTask& t);

// --- overdue -------------------------------------------------------------------------------------
struct OverdueRow {
  std::int64_t task_id = 0;
  std::string plan_id, item_number, measure, label;
  Who who;
  Date due;
  std::optional<Date> done_on;       // done-late rows
  std::optional<long> working_days;  // late by; nullopt when the calendar does not cover the span
};
struct OverdueGroup {
  std::string name;
  std::vector<std::size_t> rows;  // into OverdueReport::rows, oldest first
  long max_days = 0;
  Date oldest_due;
};
struct OverdueReport {
  std::vector<OverdueRow> rows;       // open and overdue, oldest first (due, then task id)
  std::vector<OverdueRow> done_late;  // done after the due date, oldest due first
  std::vector<OverdueGroup> by_body, by_school, by_person;  // most overdue first, then name
};
OverdueReport build_overdue(const Input& in, const OverdueRule& rule);

// --- completion ----------------------------------------------------------------------------------
struct CompletionRow {
  std::string number;  // section number / item number / empty for bodies
  std::string name;    // section title / measure / body name
  Counts counts;
};
enum class Cell { none, done, partly, overdue, open };
struct CompletionMatrix {  // fan-out items (tasks assigned to schools): schools x items
  std::string plan_id;
  std::vector<std::string> item_numbers, item_measures;
  std::vector<std::string> schools;
  std::vector<std::vector<Cell>> cells;  // [school][item]
};
struct TimePoint {
  std::string label;  // "2024-03"
  double percent = 0;  // tasks due by the month's end and done by then, of those due by then
  std::size_t due = 0, done = 0;
};
struct CompletionReport {
  Counts total;
  std::vector<CompletionRow> sections, items, bodies;
  std::vector<CompletionMatrix> matrices;
  std::vector<TimePoint> timeline;
};
CompletionReport build_completion(const Input& in, const OverdueRule& rule);

// --- execution -----------------------------------------------------------------------------------
enum class ExecStatus { no_tasks, not_due, in_progress, overdue, done, done_late };
struct DoneMark {
  Date done_on;
  std::string assignee, label, actor, result;
  long late_days = 0;  // working days after the due date (0: on time)
};
struct ExecutionRow {
  std::string number, measure, deadline;
  std::vector<std::string> responsible;
  std::vector<DoneMark> done;  // in the order done
  Counts counts;
  ExecStatus status = ExecStatus::no_tasks;
  std::vector<std::string> overdue_units;  // who is late (assignee names, oldest due first)
};
struct ExecutionPlan {
  store::ReportPlan plan;
  std::vector<ExecutionRow> rows;  // every item in plan order
};
struct ExecutionReport {
  std::vector<ExecutionPlan> plans;
};
ExecutionReport build_execution(const Input& in, const OverdueRule& rule);

// --- executive discipline ------------------------------------------------------------------------
struct DisciplineRow {
  std::string name;
  Counts counts;
};
struct DisciplineReport {
  Counts total;
  std::vector<DisciplineRow> by_body, by_person, by_month;  // by_month: "2024-03", chronological
};
DisciplineReport build_discipline(const Input& in, const OverdueRule& rule);

}  // namespace roadmap::reports
