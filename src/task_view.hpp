// How tasks and re-planning diffs are shown: a table in the user's language, JSON, or CSV that
// Excel opens with the Cyrillic intact (UTF-8 with a byte-order mark, ";" separated).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli.hpp"
#include "store/task_repository.hpp"

namespace roadmap::cli {

// Short names of bodies and schools, keyed "<directory id>|<assignee id>".
using Names = std::map<std::string, std::string>;

std::string date_text(const Context& ctx, const std::optional<std::chrono::year_month_day>& d);
std::string assignee_text(const Names& names, const scheduler::PlannedTask& t);
std::string kind_text(const Context& ctx, scheduler::TaskKind k);
std::string status_text(const Context& ctx, const std::string& status);
// "август 2023 · ВПР, математика" -- what the task is about besides its item.
std::string occurrence_text(const Context& ctx, const scheduler::PlannedTask& t);

// format: table, json or csv; false for an unknown format (the caller reports it).
bool print_tasks(const Context& ctx, const std::vector<store::StoredTask>& tasks, const Names& names,
                 const std::string& format);

// One plan's diff: every move, cancel and restore on its own line, creations counted per item.
void print_diff(const Context& ctx, const store::PlanDiff& diff, const Names& names, bool dry_run);
}  // namespace roadmap::cli
