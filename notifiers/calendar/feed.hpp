// A calendar feed (METHOD:PUBLISH) of a person's, a body's or a school's tasks: what `roadmap ics`
// writes and what the web serves at /ics/... for calendar apps to subscribe to. Open and done tasks
// are events (or VTODOs); cancelled and not-needed ones stay as STATUS:CANCELLED so subscribers
// remove them.
#pragma once

#include <optional>
#include <string>

#include "calendar/invite.hpp"
#include "i18n/catalogue.hpp"
#include "store/sqlite.hpp"

namespace roadmap::invites {

struct FeedRequest {
  enum class Scope { person, body, school } scope = Scope::person;
  std::string id;         // person id or e-mail, body id, school id
  std::string directory;  // only this directory's tasks (and person); empty = any
  std::string plan_id;    // only this plan's tasks; empty = every plan
  bool todo = false;      // VTODO instead of VEVENT
  bool timed = false;     // DateStyle::timed
  std::string base_url;   // links to task pages
  std::string organizer;  // ORGANIZER e-mail; "noreply@<host of base_url>" when empty
  i18n::Lang lang = i18n::Lang::ru;
};

struct Feed {
  std::string text;            // the VCALENDAR
  std::size_t events = 0;      // dated entries (all entries for a VTODO feed)
  std::size_t undated = 0;     // tasks without a date, left out of an event feed
  std::string calendar_name;   // "Дорожная карта: МКОУ СОШ №1"
};

// Nullopt when the person is not in the (given) directory. Throws store::Error.
std::optional<Feed> build_feed(store::Database& db, const FeedRequest& request);

// "http://host:8080/x" -> "host" ("localhost" when there is none).
std::string url_host(std::string_view url);

}  // namespace roadmap::invites
