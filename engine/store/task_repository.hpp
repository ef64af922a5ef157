// Tasks in the store (issue 4): the scheduler's planned tasks kept under their stable key, re-planning
// as a diff (create / move / cancel / restore, never a delete), an append-only audit log, queries for
// `roadmap tasks` and `roadmap agenda`, status changes with optimistic concurrency, and a snapshot of
// the organisation directory so people can be found by id or e-mail.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/directory.hpp"
#include "scheduler/task.hpp"
#include "store/sqlite.hpp"

namespace roadmap::store {

struct StoredTask {
  std::int64_t id = 0;
  scheduler::PlannedTask task;
  std::string status;        // planned, in_progress, done, cancelled, not_needed
  std::string cancelled_by;  // "plan", "user" or empty
  std::optional<std::chrono::year_month_day> done_on;
  std::string result;
  int version = 1;
  std::string created_at, updated_at;  // UTC, "2026-11-25T10:54:44Z"
};

// A change to a stored task. Creations are not listed one by one (see PlanDiff::creations).
enum class ChangeKind { move, cancel, restore };

struct TaskChange {
  ChangeKind kind = ChangeKind::move;
  scheduler::PlannedTask task;                  // the desired one; for cancel the stored one
  std::optional<scheduler::PlannedTask> before;  // move / restore: the stored one
  std::int64_t id = 0;                           // the stored task's number
};

// The new tasks of one item (sub 0) or of one of its sub-measures.
struct ItemCreations {
  std::string item_key;
  int sub = 0;
  std::size_t count = 0;
};

struct PlanDiff {
  std::string plan_id;
  // Moves, cancellations and restorations: by item (plan order, then items no longer planned), then key.
  std::vector<TaskChange> changes;
  // New tasks, counted per item and sub-measure in plan order: a region's first load creates
  // hundreds of thousands, which nobody reads one by one (roadmap load --dry-run shows the counts).
  std::vector<ItemCreations> creations;
  std::size_t created = 0, moved = 0, cancelled = 0, restored = 0, unchanged = 0;
  std::int64_t run_id = 0;  // the schedule_runs row apply_tasks recorded; 0 for diff_tasks
  bool empty() const { return created + moved + cancelled + restored == 0; }
};

// What apply_tasks would do, without writing anything (`roadmap schedule --dry-run`, `roadmap load
// --dry-run`: for a plan the store does not hold yet, every task is a creation).
PlanDiff diff_tasks(Database& db, std::string_view plan_id, const std::vector<scheduler::PlannedTask>& desired);

// Brings the stored tasks of `plan_id` to `desired`, inside the caller's transaction (throws
// store::Error "store.err.no_transaction" otherwise): a new key is inserted (planned); a stored one
// with the same schedule is not written at all; one with another schedule is updated (audit
// 'moved'); one the plan cancelled earlier is planned again (audit 'restored'); an open task
// (planned / in_progress) no longer desired is cancelled by the plan (audit 'cancelled'). Tasks
// done, not needed or cancelled by a user are never touched; nothing is deleted. Items whose
// desired tasks have the digest stored by the last run are skipped without reading their rows.
// Records a schedule_runs row. Every desired task's key must start with "<plan id>|<item key>|"
// (as the scheduler's do) and be unique: store::Error "store.err.task_key_form",
// "store.err.duplicate_task_key", "store.err.task_plan_mismatch" otherwise, nothing written.
PlanDiff apply_tasks(Database& db, std::string_view plan_id, const std::vector<scheduler::PlannedTask>& desired,
                     std::string_view actor);

// A load that brings many new tasks at once (a region's first load): the secondary indexes of
// `tasks` (by item, by assignee, by due date) are dropped while the rows go in and
// built again, sorted, by rebuild() -- far cheaper than keeping them up to date row by row. Works
// inside the caller's transaction: a failure before commit rolls the drop back with everything
// else. Does nothing when `incoming` is small or not more than the rows already stored.
class BulkTaskIndexes {
 public:
  BulkTaskIndexes(Database& db, std::size_t incoming);
  BulkTaskIndexes(const BulkTaskIndexes&) = delete;
  BulkTaskIndexes& operator=(const BulkTaskIndexes&) = delete;
  // Creates the dropped indexes again (call before the commit).
  void rebuild();
  bool active() const { return !ddl_.empty(); }

  static constexpr std::size_t kMinRows = 20000;

 private:
  Database& db_;
  std::vector<std::string> ddl_;
};

// The canonical digest of a set of desired tasks (16 hex digits, independent of their order and of
// the process): what item_task_digests keeps.
std::string task_digest(const std::vector<const scheduler::PlannedTask*>& tasks);

struct TaskFilter {
  std::string plan_id;
  std::string directory;  // tasks of this directory's bodies and schools (the web's principal)
  std::string body;    // tasks assigned to this body id
  std::string school;  // tasks assigned to this school id
  std::string person;  // tasks of the person's body or school (person id or e-mail)
  std::string month;   // "2024-08": due within it; undated open tasks opening by its end
  std::string status;  // one status, or "open" (planned or in_progress)
  std::string item;    // item key
  std::string due_before;  // "2024-03-15": only tasks due before that day (overdue lists)
  bool waiting_only = false;
  std::size_t limit = 0, offset = 0;  // limit 0: all
};

// Ordered by due (undated last), plan, item order in the plan, assignee, id. Throws store::Error
// "store.err.unknown_person", "store.err.bad_month", "store.err.bad_status_filter".
std::vector<StoredTask> query_tasks(Database& db, const TaskFilter& filter);
// How many tasks the filter selects (its limit and offset aside): the total behind a page.
std::size_t count_tasks(Database& db, const TaskFilter& filter);

// The open tasks (planned, in_progress) of the person's body or school due on or before
// today + days (overdue ones included), and their open tasks waiting for an item or a schedule;
// ordered by due (waiting ones last).
std::vector<StoredTask> agenda(Database& db, std::string_view person, std::chrono::year_month_day today,
                               int days);

std::optional<StoredTask> find_task(Database& db, std::int64_t id);

// The directory a plan's tasks belong to (nullopt for a plan without tasks).
std::optional<std::string> plan_directory(Database& db, std::string_view plan_id);

struct AuditRecord {
  std::int64_t id = 0;
  std::int64_t task_id = 0;
  std::optional<std::int64_t> run_id;
  std::string at;
  std::string actor;
  std::string action;  // moved, cancelled, restored, status, reopened
  std::string from_value, to_value;
  std::string reason;  // a message key (store.reason.*) for re-plans, the user's words otherwise
};

// Oldest first.
std::vector<AuditRecord> task_audit(Database& db, std::int64_t task_id);

// Sets a task's status (own transaction when none is open). `done_on` is kept for done and
// not_needed (today, UTC, when not given) and cleared otherwise; cancelled marks cancelled_by
// 'user'. Audit 'status', or 'reopened' when a closed task is opened again. Throws store::Error
// "store.err.unknown_task", "store.err.version_conflict", "store.err.bad_status".
void update_status(Database& db, std::int64_t id, int expected_version, std::string_view new_status,
                   std::string_view actor, std::string_view reason,
                   std::optional<std::chrono::year_month_day> done_on = std::nullopt);

// Items of the plan that are done: at least one task not cancelled, and all of those done or not
// needed; the day is the latest done_on. What the scheduler dates items waiting for them by.
std::map<std::string, std::chrono::year_month_day> items_done(Database& db, std::string_view plan_id);

// Replaces the snapshot of `dir.id` (inside the caller's transaction, or its own).
void save_directory(Database& db, const model::Directory& dir);
// A person by id or e-mail (e-mail case-insensitive), from any stored directory.
std::optional<model::Person> find_person(Database& db, std::string_view id_or_email);

// "2026-11-25T10:54:44Z" for now.
std::string utc_now_iso();

}  // namespace roadmap::store
