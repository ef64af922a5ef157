// What goes out and to whom (issue 6): for each person with an e-mail, at or after the policy's
// local hour in their zone, on a working day of the production calendar, one digest a day with
// everything that is due for them -- reminders (N working days before a due date, a window
// opening, a check-in day), their overdue tasks (daily), the overdue work of their body and its
// schools (heads, weekly), work overdue for more than N working days (coordinators), and iMIP
// invites for tasks due soon (REQUEST, re-sent with a higher SEQUENCE when the date moves) or
// cancelled (CANCEL, to those who were invited). Reminders, invites, cancels and a coordinator's
// escalation are "items" with a key: told to a person once, never again (outbox_items). The daily
// and weekly overdue lists are told again each time they are due. A section lists at most 30
// lines (the longest overdue first) and counts the rest. The digest itself is keyed
// "digest|<directory>/<person>|<local date>" (outbox.dedup_key), so re-running the planner the same
// day queues nothing new.
//
// Who gets a task's reminders: the executors of the task's body or school; when it has no executor
// with an e-mail, its heads (a school's director).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "calendar/production_calendar.hpp"
#include "mail/policy.hpp"
#include "store/outbox.hpp"
#include "store/sqlite.hpp"

namespace roadmap::mail {

struct PlanOptions {
  std::chrono::sys_seconds now{};
  std::string person;  // only this person (id or e-mail); empty = everyone
};

struct PlannedMail {
  store::OutboxMessage message;     // ready to queue: key, person, email, subject, body
  std::vector<std::string> items;   // the item keys it tells
  std::string name, language, local_date;
  std::size_t reminders = 0, overdue = 0, escalations = 0, invites = 0, cancels = 0;
};

struct PlanResult {
  std::vector<PlannedMail> mails;
  std::size_t people = 0;          // people with an e-mail considered
  std::size_t before_hour = 0;     // not yet their local hour
  std::size_t day_off = 0;         // not a working day where they are
  std::size_t not_covered = 0;     // the calendar does not cover their local date (nothing sent)
  std::size_t already = 0;         // today's digest is already in the outbox
  std::size_t bad_address = 0;     // an e-mail that cannot be used
};

// Reads the store and renders; writes nothing.
PlanResult plan_notifications(store::Database& db, const Policy& policy, const calendar::ProductionCalendar& cal,
                              const PlanOptions& options);

// Queues every planned mail (INSERT OR IGNORE by its key, with its items) in one transaction;
// returns how many were new.
std::size_t queue_mails(store::Database& db, const PlanResult& plan);

}  // namespace roadmap::mail
