// Calendar invites and feeds (issue 6): the tasks of a person, a body or a school as iCalendar
// (RFC 5545) built with libical, for iMIP e-mail invitations (RFC 6047: a text/calendar part with
// METHOD:REQUEST or METHOD:CANCEL, see notifiers/mail) and for subscribed .ics feeds
// (METHOD:PUBLISH, `roadmap ics`, the web's /ics/...).
//
// Design (what a calendar shows, and what stays stable):
// - One VEVENT per dated task. Google Calendar, iOS Calendar and many CalDAV servers never show
//   VTODO, so invites are events; make_todo_feed() offers the same tasks as VTODO besides.
// - UID = "roadmap-" + 32 hex digits of two 64-bit FNV-1a hashes of the task key + "@roadmap":
//   it depends on nothing but the task key (never on dates, ids, hosts or languages), so a moved
//   date updates the same calendar entry and a cancel removes it.
// - SEQUENCE = InviteTask::sequence. The store bumps a task's version on every change that matters
//   to a calendar (a move, a cancel or restore by re-planning, a status change), so callers pass
//   `version - 1` (sequence_from_version): 0 for a new task, strictly increasing afterwards, never
//   reset. A cancel must carry a sequence above the last request's (the store's cancel bumps the
//   version, so this holds when the caller reads the task after cancelling it).
// - Dates (DateStyle::all_day, the default, what invites use): an all-day event on the due day
//   (DTSTART;VALUE=DATE, DTEND = the next day), TRANSP:TRANSPARENT (a deadline does not make
//   anyone busy), and a reminder VALARM at 09:00 the day before (TRIGGER -PT15H from the start). A
//   window (opens..due) shows on its due day with the window in DESCRIPTION.
//   Why all-day: a deadline is a date in the responsible body's zone ("до 15.05.2024"), and a DATE
//   value is the one form every client shows on that same date for every viewer -- RFC 5545 3.3.4
//   and 3.6.1 (a DATE has no zone: an anniversary-style event), Outlook imports floating
//   midnight-to-midnight as an all-day appointment at midnight of the reader's own zone
//   ([MS-OXCICAL] 2.1.3.1.1.20.10), Google Calendar, iOS/macOS Calendar and Thunderbird show it in
//   the all-day row. Anything anchored to an instant moves for a reader elsewhere: 09:00 in
//   Vladivostok is 02:00 in Moscow and the day before in Europe or America, and midnight to
//   midnight in the body's zone (Outlook's own all-day meetings) spans two days for them.
//   The zone is still carried, where RFC 5545 lets it be: a DATE may not have a TZID (3.2.19), so
//   each event says when the term ends in X-ROADMAP-DEADLINE;VALUE=DATE-TIME;TZID=<zone>:<due + 1
//   day>T000000 -- 24:00 of the due day where the body is (Civil Code art. 194: an act may be done
//   until 24:00 of the term's last day; the moment the engine's overdue rule starts counting) --
//   and the calendar carries the complete VTIMEZONE of every zone so referenced (3.6.5), so any
//   reader (a CalDAV server, a script, ical.js) turns it into the right instant without a zone
//   database of its own, for 2012 as for today. Clients that do not know the property keep or
//   drop it; none moves the all-day date because of it.
//   DateStyle::timed (feeds on request, `roadmap ics --timed`): 09:00-10:00 on the due day in the
//   task's zone (DTSTART;TZID=...) and the same X-ROADMAP-DEADLINE.
//   VTIMEZONEs are complete: every historical observance of the system zoneinfo, so a 2012 date
//   in Europe/Moscow, then UTC+4, is placed right by Outlook and others; TZID is the plain IANA
//   name. A task without a zone (or with one libical does not know) has neither the property nor
//   a VTIMEZONE (floating local times in the timed style).
// - Tasks without a due date (waiting for an item or a schedule, on demand) have no event; the
//   VTODO feed lists them without DUE.
// - STATUS: CONFIRMED for open and done tasks (done ones say so in SUMMARY and DESCRIPTION),
//   CANCELLED for cancelled / not needed tasks and for every event of a Method::cancel calendar.
//   VTODO: NEEDS-ACTION, IN-PROCESS, COMPLETED (with PERCENT-COMPLETE:100 and COMPLETED at noon
//   of done_on in the task's zone, in UTC), CANCELLED.
// - SUMMARY "п. 4.2 · <measure, shortened to 80 characters>" ("item 4.2 · ..." in English);
//   DESCRIPTION: plan title, item and measure, what the occurrence is, dates, status, link; URL.
// - ORGANIZER / ATTENDEE as mailto: with CN; every value and parameter is escaped by libical
//   (RFC 5545 TEXT escaping, quoted parameters), lines are folded at 75 octets with CRLF.
//
// Thread safety: every function here may be called from any thread. libical keeps its built-in
// zone cache in globals, so the ones that call it (make_calendar, make_todo_feed, vtimezone_text)
// take one process-wide lock of invite.cpp while they do; nothing else in the program calls libical
// (the tests parse calendars back with it, from one thread).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "i18n/catalogue.hpp"

namespace roadmap::invites {

using Date = std::chrono::year_month_day;

struct InviteTask {
  std::int64_t id = 0;       // the store's task id (for people; the UID does not use it)
  std::string key;           // the task's stable key (scheduler::PlannedTask::key): the UID's source
  std::string plan_id, plan_title;
  std::string item_number;   // "4.2" as printed
  std::string measure;       // the item's (or sub-measure's) text
  std::string label;         // what the occurrence is: "август 2023", "ВПР, 16.04.2024"
  std::string kind;          // scheduler::TaskKind name: window, date, event ...
  std::optional<Date> opens, due;  // local dates in `timezone`
  std::string timezone;      // IANA zone of the assignee; empty = floating
  std::string status;        // planned, in_progress, done, cancelled, not_needed
  std::optional<Date> done_on;  // the day a done task was done (VTODO COMPLETED), local date
  int sequence = 0;          // see SEQUENCE above; sequence_from_version(version)
  std::string url;           // link to the task's page, e.g. http://host/tasks/42; may be empty
};

struct Party {
  std::string name, email;
};

enum class Method { request, cancel, publish };

enum class DateStyle { all_day, timed };

struct CalendarOptions {
  DateStyle style = DateStyle::all_day;
  // DTSTAMP; now when not given (tests pin it).
  std::optional<std::chrono::sys_seconds> stamp;
  // Calendar name for feeds (X-WR-CALNAME, NAME); empty = none.
  std::string calendar_name;
};

// SEQUENCE for a task with the store's version (1 for a new task): version - 1, at least 0.
int sequence_from_version(int version);

// The UID of a task: "roadmap-<32 hex>@roadmap", from the key alone.
std::string task_uid(std::string_view key);

// SUMMARY: "п. 4.2 · <measure shortened>".
std::string summary_text(const InviteTask& task, i18n::Lang lang);

// One VCALENDAR (PRODID "-//<prodid_host>//roadmap//RU|EN", VERSION 2.0, METHOD as given) with one
// VEVENT per dated task in the given order and a complete VTIMEZONE per zone the tasks use (both
// styles: X-ROADMAP-DEADLINE refers to it). An iMIP message carries one task (notifiers/mail).
// Method::request: ORGANIZER and every attendee (ROLE=REQ-PARTICIPANT, PARTSTAT=NEEDS-ACTION,
// RSVP=FALSE: a deadline needs no reply) on each event. Method::cancel: the same with
// STATUS:CANCELLED. Method::publish: ORGANIZER (when it has an e-mail) and the attendees given.
// The text uses CRLF line ends and is folded; it is what an iMIP text/calendar part carries
// (Content-Type: text/calendar; charset=UTF-8; method=REQUEST|CANCEL|PUBLISH).
std::string make_calendar(const std::vector<InviteTask>& tasks, Method method, const Party& organizer,
                          const std::vector<Party>& attendees, i18n::Lang lang, std::string_view prodid_host,
                          const CalendarOptions& options = {});

// The same tasks as VTODO (METHOD:PUBLISH): DTSTART = opens, DUE = due (VALUE=DATE in all_day
// style; 18:00 local with TZID in timed style), undated tasks without DUE.
std::string make_todo_feed(const std::vector<InviteTask>& tasks, const Party& organizer, i18n::Lang lang,
                           std::string_view prodid_host, const CalendarOptions& options = {});

// The VTIMEZONE libical builds from the system zoneinfo for `tzid` (every observance), as text;
// empty when the zone is unknown. For tests and diagnostics.
std::string vtimezone_text(std::string_view tzid);

// "METHOD" value for an iMIP Content-Type parameter: REQUEST, CANCEL, PUBLISH.
std::string_view method_name(Method method);

// The MIME type of an iMIP part (RFC 6047 section 2.4): "text/calendar; charset=UTF-8; method=REQUEST".
// The method parameter must equal the calendar's METHOD; one such part per message (the layout
// and why: notifiers/mail/mime.hpp).
std::string content_type(Method method);

}  // namespace roadmap::invites
