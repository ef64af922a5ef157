// Plans stored and scheduled together (`roadmap load`, `roadmap schedule`): every plan is expanded
// against its directory, event calendar and the production calendar first; only when no plan has
// an error is anything written, and then all of it in ONE transaction (plans, directory snapshots,
// task diffs), so a process killed at any point leaves the database as before or fully applied.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "model/plan.hpp"
#include "scheduler/expand.hpp"
#include "store/plan_repository.hpp"
#include "store/sqlite.hpp"
#include "store/task_repository.hpp"

namespace roadmap::planning {

// The steps of a load or re-plan, in order, as each ends: what a caller timing them (the region
// benchmark, bench/scheduler_bench.cpp) is told. A dry run reaches only the first two.
enum class Step {
  inputs_read,    // directories, event calendars, the production calendar, items done
  expanded,       // every plan's tasks (scheduler::expand_all)
  plans_saved,    // inside the transaction: the plans' rows written (none by a re-plan)
  tasks_applied,  // the directory snapshots and every plan's task diff written
  indexes_built,  // the secondary indexes of tasks built again after a bulk load (store::BulkTaskIndexes)
  committed,
};

struct Options {
  bool dry_run = false;           // compute the diffs, write nothing
  std::string calendar_path;      // production calendar; empty = scheduler::default_calendar_path()
  std::string overrides_path;     // a territory's changes to it; may be empty
  std::string actor = "roadmap";  // who the audit log names
  scheduler::Options scheduler;
  std::function<void(Step)> on_step;  // may be empty
};

struct PlanOutcome {
  std::string plan_id;
  std::string source_file;
  std::optional<store::SaveOutcome> saved;  // load only
  bool scheduled = false;                   // false: the plan names no directory (load warns)
  std::size_t tasks = 0;                    // the desired tasks
  store::PlanDiff diff;
};

struct Result {
  diag::Diagnostics diagnostics;
  std::vector<PlanOutcome> plans;
  bool applied = false;  // committed (never with dry_run or errors)
  bool ok() const { return !diagnostics.has_errors(); }
};

// Stores the plans and schedules each that names a directory (a plan without one is stored with
// a warning). Store errors are thrown as store::Error (nothing written).
Result load_and_schedule(store::Database& db, std::vector<model::Plan> plans, const Options& options);

// Re-plans stored plans (all when `plan_ids` is empty) against their directory and calendars as
// they are now, and against the items done so far. An unknown plan id is an error.
Result replan(store::Database& db, const std::vector<std::string>& plan_ids, const Options& options);

}  // namespace roadmap::planning
