// Who is asking, and what they may see and change (issue 7). A principal is a person of a stored
// directory with their role; the rules below are the only place that decides access, so every page,
// API call and feed asks them rather than deciding on its own.
//
//   role         sees                                              changes
//   coordinator  every task of the directory's plans               every task of the directory
//   head         every task (the whole directory) when attached    the tasks of their own body or
//                to a body; only their school's when attached to   school
//                a school (a director)
//   viewer       as a head                                         nothing
//   executor     the tasks of their own body or school             the tasks of their own body or school
//
// Dashboards and reports are for coordinators, heads and viewers; an executor works from their
// task list and task pages.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "i18n/catalogue.hpp"
#include "model/directory.hpp"
#include "store/access_tokens.hpp"

namespace roadmap::access {

struct Principal {
  store::PersonRef ref;  // directory and person id
  std::string name, email;
  model::Role role = model::Role::viewer;
  std::string body, school;  // the person's unit: exactly one is set
  std::string timezone;      // the zone they work in
  i18n::Lang lang = i18n::Lang::ru;
};

Principal principal_of(const store::DirectoryPerson& p);

// The part of a directory a principal sees.
struct Scope {
  enum class Unit { directory, body, school };
  std::string directory_id;
  Unit unit = Unit::directory;
  std::string id;  // the body or school id when unit is body or school
};
Scope view_scope(const Principal& p);

// Whose a task is, as access sees it.
struct TaskOwner {
  std::string directory_id;
  std::string assignee_kind;  // "body" or "school"
  std::string assignee;       // the directory's body or school id
};

bool can_view_task(const Principal& p, const TaskOwner& t);
bool can_change_task(const Principal& p, const TaskOwner& t);
bool can_view_dashboard(const Principal& p);

// Calendar feeds: a person's own feed (or anyone's, for those who see the whole directory); a
// body's or a school's when the principal sees that unit's tasks.
bool can_view_person_feed(const Principal& p, const store::PersonRef& whose);
bool can_view_unit_feed(const Principal& p, std::string_view directory_id, std::string_view kind, std::string_view id);

}  // namespace roadmap::access
