// What pages and the API show, computed once for both (the page renders it as HTML, the API as
// JSON): the plans a person may see, the task filter their role allows, a plan's overview for
// heads (completion by section and body, what is overdue and whose, progress over time), a task
// with its item, history and what the person may do with it.
#pragma once

#include <boost/json/value.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "access/principal.hpp"
#include "reports/reports.hpp"
#include "server/app.hpp"
#include "store/lifecycle.hpp"
#include "store/plan_repository.hpp"
#include "store/task_repository.hpp"

namespace roadmap::web {

// The plans whose tasks belong to the person's directory, by id.
std::vector<store::PlanSummary> visible_plans(store::Database& db, const access::Principal& who);
bool plan_visible(store::Database& db, const access::Principal& who, const std::string& plan_id);

// The task filter from a query (?plan=&body=&school=&month=&status=&item=&page=), narrowed to what
// the person may see: an executor or a school's people always get their own unit. status also
// takes "overdue" (open and due before today). Throws store::Error for a bad month or status.
struct TaskQuery {
  store::TaskFilter filter;
  std::size_t page = 1;
  std::string status;  // as asked, "overdue" included
};
TaskQuery task_query(const Exchange& x, const Params& query);

struct OverviewQuery {
  std::string plan_id;
  std::string body;    // a body id: its own tasks and its schools'
  std::string school;  // a school id
  std::string month;   // "2024-03": tasks due within it
};
OverviewQuery overview_query(const Params& query);

struct Overview {
  store::ReportPlan plan;
  OverviewQuery query;
  reports::Date today;
  reports::CompletionReport completion;
  reports::OverdueReport overdue;
};
// Throws reports::Error for a bad month, store::Error for an unknown plan.
Overview build_overview(const Exchange& x, const OverviewQuery& q);
// What a report or overview covers for this person: the tasks they may see (access::view_scope),
// narrowed by the filters. reports::Error "web.err.no_plans" when the filters leave them nothing.
reports::Scope report_scope(const access::Principal& who, const std::string& plan_id,
                            std::optional<reports::Period> period, const std::string& body, const std::string& school);
// The same, computed once per store revision for everyone who sees the same part of the plan.
std::shared_ptr<const Overview> overview_for(const Exchange& x, const OverviewQuery& q);
// What makes two overviews the same: the part of the directory seen, the filters, the day.
std::string overview_key(const Exchange& x, const OverviewQuery& q);
boost::json::value overview_json(const Exchange& x, const Overview& o, std::size_t max_overdue_rows = 50);

// The unit names of the person's directory: id -> short name, bodies and schools apart.
struct UnitNames {
  std::vector<std::pair<std::string, std::string>> bodies, schools;  // (id, name), by name
  std::string name(std::string_view kind, std::string_view id) const;
};
UnitNames unit_names(store::Database& db, const std::string& directory_id);

// A task as the person may see it, with what they may do.
struct TaskView {
  store::TaskDetails details;
  std::vector<store::HistoryEntry> history;
  std::string assignee_name;
  std::string deadline_phrase;      // the item's deadline as the plan writes it
  std::optional<long> late_days;    // overdue by (working days), when open and late
  bool overdue = false;
  bool can_change = false;
  std::vector<store::Transition> allowed;  // transitions the status allows (the store checks again)
};
// Nullopt when the task does not exist or the person may not see it (the same answer for both).
std::optional<TaskView> task_view(const Exchange& x, std::int64_t id);
boost::json::value task_json(const Exchange& x, const store::StoredTask& t, const UnitNames& names);
boost::json::value task_view_json(const Exchange& x, const TaskView& v);

access::TaskOwner owner_of(const store::StoredTask& t);

// A status change asked for from a page or the API.
struct TransitionInput {
  std::string action;             // start, done, cancel, not_needed, reopen
  std::optional<int> version;     // the version the person saw (no lost update)
  std::string reason, text, link, document;
  std::string done_on;            // "2024-03-15" or empty (today)
  std::optional<UploadedFile> file;
};
enum class Refusal { none, not_found, forbidden, bad_action, bad_date };
struct TransitionAttempt {
  Refusal refusal = Refusal::none;
  std::optional<store::TransitionOutcome> outcome;
};
// Checks that the person may change the task, keeps an uploaded file with the result, applies the
// change in one transaction (store::change_task). Throws store::Error for what the lifecycle
// refuses (a transition not allowed, a missing reason or result, a version conflict).
TransitionAttempt attempt_transition(const Exchange& x, std::int64_t id, const TransitionInput& in);
// What a refusal says to the person.
std::string refusal_text(const Exchange& x, Refusal r);

}  // namespace roadmap::web
