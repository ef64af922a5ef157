// What goes out and to whom (issue 6): for each person with an e-mail, at or after the policy's
// local hour in their zone, on a working day of the production calendar:
// - one digest a day with everything that is due for them -- reminders (N working days before a
//   due date, a window opening, a check-in day), their overdue tasks (daily), the overdue work of
//   their body and its schools (heads, weekly), work overdue for more than N working days
//   (coordinators). A section lists at most 30 lines (the longest overdue first) and counts the
//   rest. Keyed "digest|<directory>/<person>|<local date>" (outbox.dedup_key): re-running the
//   planner the same day queues no second digest.
// - one iMIP message per calendar change (mime.hpp says why one text/calendar part, one METHOD,
//   one UID a message): a REQUEST for a task due within the horizon that the person's calendar
//   does not have, again (higher SEQUENCE, new date) whenever the date of an entry it has moves --
//   wherever to -- and after a cancelled task is restored; a CANCEL for a cancelled task their
//   calendar has. Keyed "invite|<person>|<task key>|<due>|<sequence>" and
//   "cancel|<person>|<task key>|<sequence>"; they go out on the next run after the change, even on
//   a day whose digest has gone already.
// Reminders, invites, cancels and a coordinator's escalation are "items" with a key: told to a
// person once, never again (outbox_items; an invite's or cancel's item is its key without the
// person). What a calendar holds is read from those items (the latest by SEQUENCE), so a date
// moved and moved back is sent again. The daily and weekly overdue lists are told again each time
// they are due. Every message is an outbox row of its own: delivery sends one row at a time, so a
// crash repeats at most one message and never a whole day's batch.
//
// Who gets a task's reminders and invites: the executors of the task's body or school; when it
// has no executor with an e-mail, its heads (a school's director).
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
  store::OutboxMessage message;     // ready to queue: key, person, email, kind (digest, invite,
                                    // cancel), subject, body
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
  std::size_t already = 0;         // today's digest is already in the outbox (invites may still go)
  std::size_t bad_address = 0;     // an e-mail that cannot be used
};

// Reads the store and renders; writes nothing.
PlanResult plan_notifications(store::Database& db, const Policy& policy, const calendar::ProductionCalendar& cal,
                              const PlanOptions& options);

// Queues every planned mail (INSERT OR IGNORE by its key, with its items) in one transaction;
// returns how many were new.
std::size_t queue_mails(store::Database& db, const PlanResult& plan);

}  // namespace roadmap::mail
