// Pieces the task pages share with the dashboard: a table of tasks (number, item, assignee, due,
// status with overdue and waiting shown) and the status filter's options.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "server/views.hpp"
#include "store/task_repository.hpp"

namespace roadmap::web {

std::string task_table(const Exchange& x, const std::vector<store::StoredTask>& tasks, const UnitNames& names);
std::vector<std::pair<std::string, std::string>> status_options(const Exchange& x);

}  // namespace roadmap::web
