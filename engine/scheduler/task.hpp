// A planned task: what the scheduler derives from one deadline occurrence of one item (or
// sub-measure) for one assignee (a body, or a school when the plan names a class or a group).
// Plain value type; the contract between the scheduler (engine/scheduler/expand.hpp) and the
// store (engine/store/task_repository.hpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace roadmap::scheduler {

using Date = std::chrono::year_month_day;

enum class TaskKind : std::uint8_t {
  window,      // open from the window's first day, due on its last working day ("июнь-август")
  date,        // due on a date, moved to the next working day when it is not one (Civil Code art. 193)
  span,        // a continuous task over a span ("постоянно", "в течение учебного года")
  checkin,     // a periodic check-in of a span or on-demand task (default quarterly)
  event,       // tied to one assessment event ("на следующий день после ОП")
  after_item,  // tied to another item: dated once that item is done, "waiting" before
  external,    // an entry of a named external schedule ("по графику выездов"), or waiting for it
  on_demand,   // happens on demand: open, no due date
};
std::string_view to_string(TaskKind k);
bool parse_task_kind(std::string_view s, TaskKind& out);

enum class AssigneeKind : std::uint8_t { body, school };
std::string_view to_string(AssigneeKind k);
bool parse_assignee_kind(std::string_view s, AssigneeKind& out);

enum class TaskRole : std::uint8_t { lead, co_executor };
std::string_view to_string(TaskRole r);
bool parse_task_role(std::string_view s, TaskRole& out);

// Why a task has no dates yet.
enum class Waiting : std::uint8_t {
  none,
  item,      // for another item to be done (`waits_for` = its item key)
  schedule,  // for an external schedule the plan has not bound (`waits_for` = the phrase's words)
};
std::string_view to_string(Waiting w);
bool parse_waiting(std::string_view s, Waiting& out);

struct PlannedTask {
  // Stable identity across runs: plan id, item key, sub-measure, clause, occurrence and assignee
  // with role, joined with '|'. Dates are NOT part of it, so a moved date keeps the task.
  std::string key;
  std::string plan_id;
  std::string item_key;     // store::item_key form: "4.2", "2:3" for per-section numbering
  int sub = 0;              // 0 = the item; k = its k-th sub-measure (1-based)
  int clause = 0;           // index of the clause in the deadline's schedule
  std::string occurrence;   // the occurrence's part of the key: "1", "2024-04-16/ВПР/математика/4"
  TaskKind kind = TaskKind::window;
  std::string label;        // what the occurrence is, for people: "август 2023", "ВПР, 16.04.2024"
  std::string directory_id; // the organisation directory the assignee belongs to
  AssigneeKind assignee_kind = AssigneeKind::body;
  std::string assignee;     // directory body id, or school id
  std::string via;          // the plan's body the school was fanned out from ("ОО"), empty for bodies
  TaskRole role = TaskRole::lead;
  std::optional<Date> opens;  // first day of work (window start, event day); local date
  std::optional<Date> due;    // last day, in the assignee's time zone; none while waiting / on demand
  std::string timezone;       // IANA zone of the assignee
  Waiting waiting = Waiting::none;
  std::string waits_for;

  bool operator==(const PlannedTask&) const = default;
  // Same dates, label and waiting state: what a re-plan compares besides the key.
  bool same_schedule(const PlannedTask& o) const {
    return opens == o.opens && due == o.due && waiting == o.waiting && waits_for == o.waits_for &&
           label == o.label && kind == o.kind && timezone == o.timezone && via == o.via;
  }
};

}  // namespace roadmap::scheduler
