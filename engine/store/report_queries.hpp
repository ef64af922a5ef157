// Read-only queries behind `roadmap report` (engine/reports): the tasks of a scope with what the
// reports show of them, the plans, sections and items in plan order, and the bodies and schools
// of the stored directories with the people answering for them. One pass over the tasks table
// each; the aggregation itself is engine/reports' business.
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace roadmap::store {

using ReportDate = std::chrono::year_month_day;

// A task as the reports see it. Cancelled and not-needed tasks are not reported at all.
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

struct ReportScope {
  std::string plan_id;                     // empty: every plan
  std::optional<ReportDate> due_from, due_to;  // both set: only tasks due within [from, to]
};

// Ordered by plan, item position, due (undated last), id.
std::vector<ReportTask> report_tasks(Database& db, const ReportScope& scope);

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
