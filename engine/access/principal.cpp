// Access rules: see principal.hpp for the table they implement.
#include "access/principal.hpp"

namespace roadmap::access {

Principal principal_of(const store::DirectoryPerson& d) {
  Principal p;
  p.ref = {d.directory_id, d.person.id};
  p.name = d.person.name;
  p.email = d.person.email;
  p.role = d.person.role;
  p.body = d.person.body;
  p.school = d.person.school;
  p.timezone = d.timezone;
  i18n::parse_lang(d.person.language, p.lang);
  return p;
}

Scope view_scope(const Principal& p) {
  Scope s;
  s.directory_id = p.ref.directory_id;
  if (!p.school.empty()) {
    s.unit = Scope::Unit::school;
    s.id = p.school;
  } else if (p.role == model::Role::executor) {
    s.unit = Scope::Unit::body;
    s.id = p.body;
  }
  return s;
}

namespace {

bool in_scope(const Scope& s, std::string_view directory_id, std::string_view kind, std::string_view id) {
  if (directory_id != s.directory_id) return false;
  switch (s.unit) {
    case Scope::Unit::directory: return true;
    case Scope::Unit::body: return kind == "body" && id == s.id && !s.id.empty();
    case Scope::Unit::school: return kind == "school" && id == s.id && !s.id.empty();
  }
  return false;
}

bool own_unit(const Principal& p, const TaskOwner& t) {
  if (t.directory_id != p.ref.directory_id) return false;
  if (!p.body.empty() && t.assignee_kind == "body" && t.assignee == p.body) return true;
  if (!p.school.empty() && t.assignee_kind == "school" && t.assignee == p.school) return true;
  return false;
}

}  // namespace

bool can_view_task(const Principal& p, const TaskOwner& t) {
  return in_scope(view_scope(p), t.directory_id, t.assignee_kind, t.assignee);
}

bool can_change_task(const Principal& p, const TaskOwner& t) {
  switch (p.role) {
    case model::Role::viewer: return false;
    case model::Role::coordinator: return can_view_task(p, t);
    case model::Role::head:
    case model::Role::executor: return own_unit(p, t);
  }
  return false;
}

bool can_view_dashboard(const Principal& p) {
  return p.role != model::Role::executor;
}

bool can_view_person_feed(const Principal& p, const store::PersonRef& whose) {
  if (whose == p.ref) return true;
  return whose.directory_id == p.ref.directory_id && view_scope(p).unit == Scope::Unit::directory;
}

bool can_view_unit_feed(const Principal& p, std::string_view directory_id, std::string_view kind, std::string_view id) {
  return in_scope(view_scope(p), directory_id, kind, id);
}

}  // namespace roadmap::access
