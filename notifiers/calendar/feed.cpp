// Calendar feeds: see feed.hpp.
#include "calendar/feed.hpp"

#include "calendar/from_store.hpp"
#include "store/access_tokens.hpp"
#include "store/names.hpp"
#include "store/task_repository.hpp"

namespace roadmap::invites {

std::string url_host(std::string_view url) {
  std::string rest(url);
  if (auto p = rest.find("://"); p != std::string::npos) rest = rest.substr(p + 3);
  rest = rest.substr(0, rest.find_first_of("/:?#"));
  return rest.empty() ? "localhost" : rest;
}

namespace {

// The short name of a body or school ("<directory>|<id>" keys), within `directory` when given.
std::string unit_name(const std::map<std::string, std::string>& names, const std::string& directory,
                      const std::string& id) {
  if (!directory.empty()) {
    auto it = names.find(directory + "|" + id);
    return it == names.end() ? id : it->second;
  }
  for (const auto& [key, name] : names)
    if (key.size() > id.size() && key.compare(key.size() - id.size(), id.size(), id) == 0 &&
        key[key.size() - id.size() - 1] == '|')
      return name;
  return id;
}

}  // namespace

std::optional<Feed> build_feed(store::Database& db, const FeedRequest& r) {
  store::TaskFilter filter;
  filter.plan_id = r.plan_id;
  filter.directory = r.directory;
  std::vector<Party> attendees;
  std::string calendar_of;
  if (r.scope == FeedRequest::Scope::person) {
    std::optional<model::Person> person;
    if (!r.directory.empty()) {
      if (auto p = store::find_directory_person(db, {r.directory, r.id})) person = p->person;
    } else {
      person = store::find_person(db, r.id);
    }
    if (!person) return std::nullopt;
    if (r.directory.empty()) {
      filter.person = r.id;
    } else if (!person->school.empty()) {
      filter.school = person->school;
    } else {
      filter.body = person->body;
    }
    if (!person->email.empty()) attendees.push_back({person->name, person->email});
    calendar_of = person->name.empty() ? person->id : person->name;
  } else {
    (r.scope == FeedRequest::Scope::body ? filter.body : filter.school) = r.id;
    calendar_of = unit_name(store::assignee_names(db), r.directory, r.id);
  }
  std::string host = url_host(r.base_url);
  auto tasks = store::query_tasks(db, filter);
  auto items = invite_tasks(db, tasks, r.base_url);
  Feed feed;
  for (const auto& it : items) (it.due ? feed.events : feed.undated) += 1;
  Party organizer{i18n::tr(r.lang, "invite.organizer"), r.organizer.empty() ? "noreply@" + host : r.organizer};
  CalendarOptions options;
  options.style = r.timed ? DateStyle::timed : DateStyle::all_day;
  feed.calendar_name = options.calendar_name = i18n::tr(r.lang, "invite.feed.name", calendar_of);
  if (r.todo) {
    feed.text = make_todo_feed(items, organizer, r.lang, host, options);
    feed.events = items.size();
    feed.undated = 0;
  } else {
    feed.text = make_calendar(items, Method::publish, organizer, attendees, r.lang, host, options);
  }
  return feed;
}

}  // namespace roadmap::invites
