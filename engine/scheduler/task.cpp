// Names of the planned task's enumerations: what the store writes and the CLI shows in JSON.
#include "scheduler/task.hpp"

#include <array>
#include <utility>

namespace roadmap::scheduler {

namespace {

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E v) {
  for (const auto& [e, n] : table)
    if (e == v) return n;
  return {};
}

template <class E, std::size_t N>
bool parse_name(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view s, E& out) {
  for (const auto& [e, n] : table)
    if (n == s) {
      out = e;
      return true;
    }
  return false;
}

constexpr std::array<std::pair<TaskKind, std::string_view>, 8> kKinds{{
    {TaskKind::window, "window"},
    {TaskKind::date, "date"},
    {TaskKind::span, "span"},
    {TaskKind::checkin, "checkin"},
    {TaskKind::event, "event"},
    {TaskKind::after_item, "after_item"},
    {TaskKind::external, "external"},
    {TaskKind::on_demand, "on_demand"},
}};

constexpr std::array<std::pair<AssigneeKind, std::string_view>, 2> kAssignees{{
    {AssigneeKind::body, "body"},
    {AssigneeKind::school, "school"},
}};

constexpr std::array<std::pair<TaskRole, std::string_view>, 2> kRoles{{
    {TaskRole::lead, "lead"},
    {TaskRole::co_executor, "co_executor"},
}};

constexpr std::array<std::pair<Waiting, std::string_view>, 3> kWaiting{{
    {Waiting::none, "none"},
    {Waiting::item, "item"},
    {Waiting::schedule, "schedule"},
}};

}  // namespace

std::string_view to_string(TaskKind k) { return name_of(kKinds, k); }
bool parse_task_kind(std::string_view s, TaskKind& out) { return parse_name(kKinds, s, out); }

std::string_view to_string(AssigneeKind k) { return name_of(kAssignees, k); }
bool parse_assignee_kind(std::string_view s, AssigneeKind& out) { return parse_name(kAssignees, s, out); }

std::string_view to_string(TaskRole r) { return name_of(kRoles, r); }
bool parse_task_role(std::string_view s, TaskRole& out) { return parse_name(kRoles, s, out); }

std::string_view to_string(Waiting w) { return name_of(kWaiting, w); }
bool parse_waiting(std::string_view s, Waiting& out) { return parse_name(kWaiting, s, out); }

}  // namespace roadmap::scheduler
