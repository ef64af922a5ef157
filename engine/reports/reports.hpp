// The tracking reports of issue 5 as plain data, built from the store's read-only queries:
// overdue (by body, school, person, oldest first, and what was done late), completion (per section,
// item, body, the schools x items matrix of fan-out items, completion over time), plan execution for
// a period (the document a head signs: №, мероприятие, срок, ответственный, отметка об исполнении)
// and executive discipline (on time / late / overdue / open, by body and person, by month).
// Rendering is reports/document.hpp's business.
//
// A region has hundreds of thousands of tasks: the reports are built from counts the store groups
// in SQL (store/report_queries.hpp) and read only the task rows they list, so each takes a fraction
// of a second over a whole region. A task's mark is reports::OverdueRule's wherever it is decided
// (in C++ for a class of like tasks, in SQL for counts by assignee); tests/reports checks every
// report against the plain reading of every task.
#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "calendar/production_calendar.hpp"
#include "reports/overdue.hpp"
#include "reports/period.hpp"
#include "store/report_queries.hpp"

namespace roadmap::reports {

// Which tasks a report covers: one plan or all, tasks due within a period or all, one body (its
// own tasks and its schools') or one school (a director sees their school only).
struct Scope {
  std::string plan_id;
  std::optional<Period> period;
  std::string body;    // a body id of the directory
  std::string school;  // a school id of the directory
  std::string directory_id;  // only the tasks of this directory's bodies and schools (whom a person may see)
};

// What every report reads: the plans of the scope, their items, the directory's units, and the
// store the counts are read from when a report is built (it must outlive the Input).
struct Input {
  std::vector<store::ReportPlan> plans;
  std::vector<store::ReportSection> sections;
  std::vector<store::ReportItem> items;
  std::map<std::string, store::ReportUnit> units;
  std::optional<Period> period;
  std::string body, school;  // as in the Scope
  store::ReportScope scope;  // the Scope as the store's queries take it
  store::Database* db = nullptr;
};

// Reads the input. A period that overlaps no plan of the scope is reports::Error
// "report.err.period_outside" (naming the plans' span); an unknown plan, body or school store::Error
// ("store.err.unknown_plan", "store.err.unknown_body", "store.err.unknown_school").
Input load_input(store::Database& db, const Scope& scope);
Input load_input(store::Database& db, const std::string& plan_id, const std::optional<Period>& period);

struct Counts {
  std::size_t total = 0, done = 0, done_late = 0, overdue = 0, open = 0;  // done includes done_late
  void add(Mark m);
  void add(Mark m, std::size_t n);
  void add(const store::MarkCounts& c);
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
Who who(const Input& in, const std::string& directory_id, const std::string& assignee_kind, const std::string& assignee);

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
  std::size_t count = 0;  // overdue tasks
  long max_days = 0;      // the longest lateness in working days (0 where the calendar cannot count it)
  Date oldest_due;
};
struct OverdueReport {
  std::vector<OverdueRow> rows;       // open and overdue, oldest first (due, then task id); see max_rows
  std::size_t rows_total = 0;         // every overdue task of the scope
  std::vector<OverdueRow> done_late;  // done after the due date, oldest due first; see max_rows
  std::size_t done_late_total = 0;
  std::vector<OverdueGroup> by_body, by_school, by_person;  // every overdue task; most first, then oldest, name
};
// The detail rows a report shows unless asked for all: a municipality's plan (the seeds: up to a
// few hundred overdue tasks) is listed whole; a region's 300,000 are not read on a page -- its
// summaries by body, school and person are complete, the list gives the oldest and says how many
// more there are (`roadmap report overdue --all`, e.g. as CSV, lists every one).
inline constexpr std::size_t kOverdueRowsShown = 500;
// `max_rows` caps rows and done_late each (0: every row); the groups and totals always count all.
OverdueReport build_overdue(const Input& in, const OverdueRule& rule, std::size_t max_rows = 0);

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
// What an execution row lists of its marks and of who is late; the counts cover every task.
inline constexpr std::size_t kLatestMarksShown = 5;
inline constexpr std::size_t kLateUnitsNamed = 10;
struct ExecutionRow {
  std::string number, measure, deadline;
  std::vector<std::string> responsible;
  std::vector<DoneMark> done;  // the kLatestMarksShown done last, in the order done (counts.done: all of them)
  Counts counts;
  ExecStatus status = ExecStatus::no_tasks;
  std::vector<std::string> overdue_units;  // who is late: the first kLateUnitsNamed names, oldest overdue first
  std::size_t overdue_unit_count = 0;      // how many names in all
};
// An item's status from its counts: no tasks, all done (late or not), something overdue, some done, none due.
ExecStatus exec_status(const Counts& c);
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
