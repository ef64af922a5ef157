// Read-only queries behind `roadmap report` (engine/reports). A region holds hundreds of thousands
// of tasks, so a report never reads its tasks one by one: it reads counts, grouped in SQL over the
// covering indexes of schema v6 (tasks_by_unit, tasks_by_item_due), and only the few task rows it
// lists (the oldest overdue, the latest done of each item). The plans, sections, items and the
// directory's units are small and read whole.
//
// What every query here counts: the tasks of the scope that are planned, in progress or done
// (cancelled and not-needed tasks are not reported), of items the plan still has (a done task
// keeps its row when a re-load drops its item; the reports show plan items only).
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/sqlite.hpp"

namespace roadmap::store {

using ReportDate = std::chrono::year_month_day;

// A task as the reports see it.
struct ReportTask {
  std::int64_t id = 0;
  std::string plan_id;
  std::string item_key;
  int section_position = 0;
  int item_position = 0;  // the item's position in the plan
  std::string kind;       // window, date, span ...
  std::string label;
  std::string directory_id;
  std::string assignee_kind;  // body or school
  std::string assignee;       // directory body or school id
  std::string role;           // lead or co_executor
  std::optional<ReportDate> opens, due;
  std::string timezone;  // the assignee's IANA zone (the plan's when the scheduler had none)
  std::string waiting;   // none, item, schedule
  std::string status;    // planned, in_progress, done
  std::optional<ReportDate> done_on;
  std::string result;
  std::string done_by;  // the actor of the last status change to done, '' when not known
};

// Which tasks a report covers. Every restriction narrows the others.
struct ReportScope {
  std::string plan_id;                         // empty: every plan
  std::optional<ReportDate> due_from, due_to;  // both set: only tasks due within [from, to]
  std::string body;    // a body id: the body's own tasks and those of the schools under it
  std::string school;  // a school id: that school's tasks only
  std::string directory_id;  // non-empty: only the tasks of this directory's units (web access)
};

// Sets up the connection for the aggregates: SQLite maps up to 1 GiB of the file instead of
// copying every page it reads through its 2 MB cache (a region's report indexes are tens of MB and
// each report scans one or two of them whole). Reads only; a write goes through the journal as ever.
void prepare_for_reports(Database& db);

// Every task of the scope, ordered by plan, item position, due (undated last), id. The reports
// aggregate with the queries below instead; this is the plain reading they must agree with (tests)
// and what a small scope can afford.
std::vector<ReportTask> report_tasks(Database& db, const ReportScope& scope);

// Throws store::Error "store.err.unknown_body" / "store.err.unknown_school" when the scope names a
// body or school that neither the stored directories nor any task knows (a typo would otherwise
// give an empty report that looks like good news).
void check_report_scope(Database& db, const ReportScope& scope);

// When an open task is overdue, in terms SQL can test. A task is overdue when its due date is
// before "today" where its assignee works; today differs between time zones only around
// midnight, so: every open task due before `all_before` is overdue, none due on or after
// `none_from` is, and of those due in between (a day or two at most) the listed (plan, zone column,
// due date) triples are. With one date everywhere (--today) the two bounds are that date.
struct OverdueCut {
  struct Day {
    std::string plan_id, timezone;  // timezone: the task's column as stored ('' when the plan's applies)
    ReportDate due;
  };
  ReportDate all_before;
  ReportDate none_from;
  std::vector<Day> overdue_between;
};

// What an OverdueCut is made from: the (plan, zone column, due date) of the open tasks of the scope
// due in [from, to), with the zone the task counts in (its own, else its plan's).
struct ZoneDay {
  std::string plan_id, timezone, zone;
  ReportDate due;
};
std::vector<ZoneDay> report_zone_days(Database& db, const ReportScope& scope, ReportDate from, ReportDate to);

// Counts by mark. `done` includes `done_late`; what is neither done nor overdue is open.
struct MarkCounts {
  std::int64_t total = 0, done = 0, done_late = 0, overdue = 0;
  std::int64_t open() const { return total - done - overdue; }
  bool operator==(const MarkCounts&) const = default;
};

// The tasks of each assignee (directory unit) and item, every task of the scope. Rows come
// assignee by assignee; an assignee whose tasks carry two zones (a directory changed) has an item
// twice: add them up. With `first_overdue`, also the oldest overdue task of each (due date, then
// task id): the order in which the execution report names who is late.
struct UnitItemCounts {
  std::string directory_id, assignee_kind, assignee, plan_id, item_key;
  MarkCounts counts;
  std::optional<ReportDate> first_overdue_due;
  std::int64_t first_overdue_id = 0;
};
std::vector<UnitItemCounts> report_counts_by_unit_item(Database& db, const ReportScope& scope, const OverdueCut& cut,
                                                       bool first_overdue = false);

// The dated tasks of each assignee (a task without a date has no term to keep).
struct UnitCounts {
  std::string directory_id, assignee_kind, assignee;
  MarkCounts counts;
};
std::vector<UnitCounts> report_dated_counts_by_unit(Database& db, const ReportScope& scope, const OverdueCut& cut);

// Tasks alike in everything their mark depends on -- plan, item, due date, status, waiting, zone,
// done date -- read once with their number: `task` carries those fields (timezone: the task's,
// else its plan's), `count` how many tasks share them. A region's tasks fall into a few thousand
// such classes (a fan-out item gives one task a school with the same due date).
struct TaskClass {
  ReportTask task;
  std::int64_t count = 0;
};
std::vector<TaskClass> report_task_classes(Database& db, const ReportScope& scope);

// Overdue tasks by assignee, zone and plan: how many, the oldest due date, and for each date of
// `counted_from` the oldest due on or after it (the first due date whose lateness the production
// calendar can count up to some "today", see reports::OverdueRule::counted_from; lateness falls
// with the due date, so these give the longest lateness of the group).
struct OverdueByUnit {
  std::string directory_id, assignee_kind, assignee, plan_id;
  std::string zone;  // the task's zone, else its plan's
  std::int64_t count = 0;
  ReportDate oldest;
  std::vector<std::optional<ReportDate>> oldest_counted;  // one for each of counted_from
};
std::vector<OverdueByUnit> report_overdue_by_unit(Database& db, const ReportScope& scope, const OverdueCut& cut,
                                                  const std::vector<ReportDate>& counted_from);

// Open overdue tasks, oldest first (due date, then id); at most `limit` of them (0: all).
std::vector<ReportTask> report_overdue_tasks(Database& db, const ReportScope& scope, const OverdueCut& cut,
                                             std::size_t limit);
// Tasks done after their due date, oldest due date first (then id); at most `limit` (0: all).
std::vector<ReportTask> report_done_late_tasks(Database& db, const ReportScope& scope, std::size_t limit);
std::int64_t report_done_late_count(Database& db, const ReportScope& scope);

// The latest done tasks of every item of the scope's plans, newest first: by done date, then the
// item's own order (due date, undated last, then id) backwards; at most `limit` an item.
// Keyed by (plan id, item key); items with nothing done are left out.
std::map<std::pair<std::string, std::string>, std::vector<ReportTask>> report_latest_done(Database& db,
                                                                                        const ReportScope& scope,
                                                                                        std::size_t limit);

struct ReportPlan {
  std::string id, title, owner, territory;
  std::string approved_kind, approved_number, approved_issuer, approved_signed_by;
  std::optional<ReportDate> approved_date;
  ReportDate first_day, last_day;
  std::string timezone;
};
// One plan (throws store::Error "store.err.unknown_plan" when it is not stored) or every plan, by id.
std::vector<ReportPlan> report_plans(Database& db, std::string_view plan_id);

struct ReportSection {
  std::string plan_id;
  int position = 0;
  std::string number, title;
};
std::vector<ReportSection> report_sections(Database& db, std::string_view plan_id);

struct ReportItem {
  std::string plan_id, item_key;
  int section_position = 0, position = 0;
  std::string number, measure, deadline, expected_result;
  std::vector<std::string> responsible;  // the plan's body ids, responsible first, then co-executors
};
// In plan order.
std::vector<ReportItem> report_items(Database& db, std::string_view plan_id);

// A body or school of a stored directory.
struct ReportUnit {
  std::string directory_id;
  std::string kind;  // body or school
  std::string id;
  std::string name;  // short name, the id when the directory gives none
  std::string parent_body;  // a school's body id ('' for bodies)
  std::string timezone;
  std::vector<std::string> people;  // who answers for it: a body's head, a school's director(s)
};
// Keyed "<directory id>|<body|school>|<id>".
std::map<std::string, ReportUnit> report_units(Database& db);
std::string report_unit_key(std::string_view directory_id, std::string_view kind, std::string_view id);

}  // namespace roadmap::store
