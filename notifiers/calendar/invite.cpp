// Calendar invites and feeds with libical: see invite.hpp for the design.
#include "invite.hpp"

#include <libical/ical.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>

namespace roadmap::invites {

namespace {

// libical keeps process-wide state that is not safe to share between threads: the built-in zone
// cache (a zone is read from the system zoneinfo and its observances expanded on first use) among
// others. The web server builds feeds on its worker threads while the notification clock builds
// invites on its own, so every public function here that calls libical holds this one lock for as
// long as it does -- only while building text in memory, never around the store or the network.
std::mutex& libical_mutex() {
  static std::mutex m;
  return m;
}

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

std::uint64_t fnv1a(std::string_view text, std::uint64_t h) {
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string iso(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

std::string date_for_people(const Date& d, i18n::Lang lang) {
  if (lang == i18n::Lang::en) return iso(d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u.%02u.%04d", static_cast<unsigned>(d.day()), static_cast<unsigned>(d.month()),
                static_cast<int>(d.year()));
  return buf;
}

icaltimetype ical_date(const Date& d) {
  icaltimetype t = icaltime_null_date();
  t.year = static_cast<int>(d.year());
  t.month = static_cast<int>(static_cast<unsigned>(d.month()));
  t.day = static_cast<int>(static_cast<unsigned>(d.day()));
  t.is_date = 1;
  return t;
}

// A local (floating) date-time; the TZID parameter is added by the caller.
icaltimetype ical_local(const Date& d, int hour) {
  icaltimetype t = icaltime_null_time();
  t.year = static_cast<int>(d.year());
  t.month = static_cast<int>(static_cast<unsigned>(d.month()));
  t.day = static_cast<int>(static_cast<unsigned>(d.day()));
  t.hour = hour;
  return t;
}

Date next_day(const Date& d) { return Date{std::chrono::sys_days{d} + std::chrono::days{1}}; }

icaltimetype ical_utc(std::chrono::sys_seconds s) {
  return icaltime_from_timet_with_zone(static_cast<time_t>(s.time_since_epoch().count()), 0,
                                       icaltimezone_get_utc_timezone());
}

// The built-in zone for an IANA name, read by libical from the system zoneinfo; nullptr if unknown.
icaltimezone* builtin_zone(std::string_view tzid) {
  if (tzid.empty()) return nullptr;
  return icaltimezone_get_builtin_timezone(std::string(tzid).c_str());
}

// A complete VTIMEZONE for the zone, with TZID = the plain IANA name (libical's built-in zones
// carry a "/freeassociation.sourceforge.net/" prefix that Outlook does not map to a zone).
Component vtimezone(std::string_view tzid) {
  icaltimezone* zone = builtin_zone(tzid);
  if (!zone) return nullptr;
  icalcomponent* source = icaltimezone_get_component(zone);
  if (!source) return nullptr;
  Component copy(icalcomponent_new_clone(source));
  std::string name(tzid);
  if (icalproperty* p = icalcomponent_get_first_property(copy.get(), ICAL_TZID_PROPERTY))
    icalproperty_set_tzid(p, name.c_str());
  // TZURL/X-LIC-LOCATION are libical's own; X-LIC-LOCATION is harmless and helps other libical users.
  return copy;
}

// "YYYYMMDDTHHMMSS": a local DATE-TIME value (RFC 5545 3.3.5, form #3 once a TZID is added).
std::string local_date_time_text(const Date& d, int hour) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d0000", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()), hour);
  return buf;
}

// X-ROADMAP-DEADLINE;VALUE=DATE-TIME;TZID=<zone>:<the day after the due day>T000000 -- the moment the
// term ends (see invite.hpp). An all-day DTSTART cannot say it: RFC 5545 3.2.19 forbids TZID on DATE
// values. The TZID makes the VTIMEZONE of the zone part of the object (RFC 5545 3.6.5).
icalproperty* deadline_property(const Date& due, const std::string& zone) {
  icalproperty* p = icalproperty_new_x(local_date_time_text(next_day(due), 0).c_str());
  icalproperty_set_x_name(p, "X-ROADMAP-DEADLINE");
  icalproperty_add_parameter(p, icalparameter_new_value(ICAL_VALUE_DATETIME));
  icalproperty_add_parameter(p, icalparameter_new_tzid(zone.c_str()));
  return p;
}

std::string to_string_and_free(icalcomponent* c) {
  char* text = icalcomponent_as_ical_string_r(c);
  if (!text) throw std::runtime_error("libical: cannot serialise a calendar");
  std::string out(text);
  icalmemory_free_buffer(text);
  return out;
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// At most `limit` code points, cut at a word boundary when one is near, with "…".
std::string shorten(std::string_view text, std::size_t limit) {
  std::string s = collapse_spaces(text);
  std::size_t count = 0, cut = std::string::npos, last_space = std::string::npos;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    if (count == limit) {
      cut = i;
      break;
    }
    if (c == ' ') last_space = i;
    ++count;
  }
  if (cut == std::string::npos) return s;
  if (last_space != std::string::npos && last_space > cut / 2) cut = last_space;
  std::string out = s.substr(0, cut);
  while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == ';' || out.back() == '.'))
    out.pop_back();
  return out + "…";
}

bool closed_as_cancelled(const InviteTask& t) { return t.status == "cancelled" || t.status == "not_needed"; }

std::string status_text(const std::string& status, i18n::Lang lang) {
  std::string key = "invite.status." + status;
  return i18n::has(key) ? i18n::tr(lang, key) : status;
}

std::string description(const InviteTask& t, i18n::Lang lang) {
  std::vector<std::string> lines;
  if (!t.plan_title.empty()) lines.push_back(i18n::tr(lang, "invite.desc.plan", t.plan_title));
  if (!t.item_number.empty() || !t.measure.empty())
    lines.push_back(i18n::tr(lang, "invite.desc.item", t.item_number, collapse_spaces(t.measure)));
  if (!t.label.empty()) lines.push_back(i18n::tr(lang, "invite.desc.label", t.label));
  if (t.opens && t.due && *t.opens != *t.due)
    lines.push_back(i18n::tr(lang, "invite.desc.window", date_for_people(*t.opens, lang),
                             date_for_people(*t.due, lang)));
  else if (t.due)
    lines.push_back(i18n::tr(lang, "invite.desc.due", date_for_people(*t.due, lang)));
  else if (t.opens)
    lines.push_back(i18n::tr(lang, "invite.desc.opens", date_for_people(*t.opens, lang)));
  if (!t.timezone.empty()) lines.push_back(i18n::tr(lang, "invite.desc.timezone", t.timezone));
  if (!t.status.empty()) lines.push_back(i18n::tr(lang, "invite.desc.status", status_text(t.status, lang)));
  if (!t.url.empty()) lines.push_back(i18n::tr(lang, "invite.desc.link", t.url));
  std::string out;
  for (const auto& l : lines) {
    if (!out.empty()) out += '\n';
    out += l;
  }
  return out;
}

std::string mailto(const std::string& email) { return "mailto:" + email; }

icalproperty* organizer_property(const Party& p) {
  icalproperty* prop = icalproperty_new_organizer(mailto(p.email).c_str());
  if (!p.name.empty()) icalproperty_add_parameter(prop, icalparameter_new_cn(p.name.c_str()));
  return prop;
}

icalproperty* attendee_property(const Party& p, Method method) {
  icalproperty* prop = icalproperty_new_attendee(mailto(p.email).c_str());
  if (!p.name.empty()) icalproperty_add_parameter(prop, icalparameter_new_cn(p.name.c_str()));
  icalproperty_add_parameter(prop, icalparameter_new_cutype(ICAL_CUTYPE_INDIVIDUAL));
  icalproperty_add_parameter(prop, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
  if (method != Method::publish) {
    icalproperty_add_parameter(prop, icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION));
    icalproperty_add_parameter(prop, icalparameter_new_rsvp(ICAL_RSVP_FALSE));
  }
  return prop;
}

// DTSTART/DTEND/DUE at `hour` local time in the task's zone (TZID), floating when it has none.
icalproperty* with_tzid(icalproperty* prop, const std::string& tzid) {
  if (!tzid.empty()) icalproperty_add_parameter(prop, icalparameter_new_tzid(tzid.c_str()));
  return prop;
}

struct Frame {
  Component cal;
  std::set<std::string> zones;     // TZIDs used, for the VTIMEZONEs
  std::vector<Component> entries;  // VEVENTs / VTODOs, added after the VTIMEZONEs
};

Frame new_calendar(std::string_view method, i18n::Lang lang, std::string_view prodid_host,
                   const CalendarOptions& options) {
  Frame f{Component(icalcomponent_new_vcalendar()), {}, {}};
  std::string prodid = "-//" + std::string(prodid_host.empty() ? "roadmap" : prodid_host) + "//roadmap//" +
                       (lang == i18n::Lang::en ? "EN" : "RU");
  icalcomponent_add_property(f.cal.get(), icalproperty_new_prodid(prodid.c_str()));
  icalcomponent_add_property(f.cal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(f.cal.get(), icalproperty_new_calscale("GREGORIAN"));
  icalproperty_method m = method == "REQUEST"  ? ICAL_METHOD_REQUEST
                          : method == "CANCEL" ? ICAL_METHOD_CANCEL
                                               : ICAL_METHOD_PUBLISH;
  icalcomponent_add_property(f.cal.get(), icalproperty_new_method(m));
  if (!options.calendar_name.empty()) {
    icalproperty* x = icalproperty_new_x(options.calendar_name.c_str());
    icalproperty_set_x_name(x, "X-WR-CALNAME");
    icalcomponent_add_property(f.cal.get(), x);
  }
  return f;
}

// Zone name to use for a task in timed style: its zone when libical knows it, else floating ("").
std::string usable_zone(const InviteTask& t) { return builtin_zone(t.timezone) ? t.timezone : std::string(); }

std::string finish(Frame& f) {
  // VTIMEZONEs before the entries that use them, as RFC 5545 examples and Outlook expect.
  for (const auto& zone : f.zones)
    if (Component tz = vtimezone(zone)) icalcomponent_add_component(f.cal.get(), tz.release());
  for (auto& entry : f.entries) icalcomponent_add_component(f.cal.get(), entry.release());
  f.entries.clear();
  return to_string_and_free(f.cal.get());
}

icalproperty* stamp_property(const CalendarOptions& options) {
  auto now = options.stamp ? *options.stamp
                           : std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  return icalproperty_new_dtstamp(ical_utc(now));
}

}  // namespace

int sequence_from_version(int version) { return version > 1 ? version - 1 : 0; }

std::string task_uid(std::string_view key) {
  std::uint64_t a = fnv1a(key, 14695981039346656037ULL);
  std::uint64_t b = fnv1a(key, fnv1a("roadmap task uid", 14695981039346656037ULL));
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(a),
                static_cast<unsigned long long>(b));
  return "roadmap-" + std::string(buf) + "@roadmap";
}

std::string summary_text(const InviteTask& t, i18n::Lang lang) {
  std::string measure = shorten(t.measure.empty() ? t.label : t.measure, 80);
  std::string s = t.item_number.empty() ? measure : i18n::tr(lang, "invite.summary", t.item_number, measure);
  if (closed_as_cancelled(t)) return i18n::tr(lang, "invite.summary.cancelled", s);
  if (t.status == "done") return i18n::tr(lang, "invite.summary.done", s);
  return s;
}

std::string_view method_name(Method method) {
  switch (method) {
    case Method::request: return "REQUEST";
    case Method::cancel: return "CANCEL";
    case Method::publish: return "PUBLISH";
  }
  return "PUBLISH";
}

std::string content_type(Method method) {
  return "text/calendar; charset=UTF-8; method=" + std::string(method_name(method));
}

std::string make_calendar(const std::vector<InviteTask>& tasks, Method method, const Party& organizer,
                          const std::vector<Party>& attendees, i18n::Lang lang, std::string_view prodid_host,
                          const CalendarOptions& options) {
  std::lock_guard lock(libical_mutex());  // declared first: held until the components are freed
  Frame f = new_calendar(method_name(method), lang, prodid_host, options);
  for (const auto& t : tasks) {
    if (!t.due) continue;  // nothing to show on a calendar yet
    Component ev(icalcomponent_new_vevent());
    icalcomponent* e = ev.get();
    icalcomponent_add_property(e, icalproperty_new_uid(task_uid(t.key).c_str()));
    icalcomponent_add_property(e, stamp_property(options));
    icalcomponent_add_property(e, icalproperty_new_sequence(t.sequence < 0 ? 0 : t.sequence));
    std::string zone = usable_zone(t);
    if (!zone.empty()) f.zones.insert(zone);
    if (options.style == DateStyle::all_day) {
      icalcomponent_add_property(e, icalproperty_new_dtstart(ical_date(*t.due)));
      icalcomponent_add_property(e, icalproperty_new_dtend(ical_date(next_day(*t.due))));
    } else {
      icalcomponent_add_property(e, with_tzid(icalproperty_new_dtstart(ical_local(*t.due, 9)), zone));
      icalcomponent_add_property(e, with_tzid(icalproperty_new_dtend(ical_local(*t.due, 10)), zone));
    }
    if (!zone.empty()) icalcomponent_add_property(e, deadline_property(*t.due, zone));
    std::string summary = summary_text(t, lang);
    icalcomponent_add_property(e, icalproperty_new_summary(summary.c_str()));
    icalcomponent_add_property(e, icalproperty_new_description(description(t, lang).c_str()));
    if (!t.url.empty()) icalcomponent_add_property(e, icalproperty_new_url(t.url.c_str()));
    if (!t.plan_id.empty()) icalcomponent_add_property(e, icalproperty_new_categories(t.plan_id.c_str()));
    icalcomponent_add_property(e, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
    bool cancelled = method == Method::cancel || closed_as_cancelled(t);
    icalcomponent_add_property(e, icalproperty_new_status(cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
    if (!organizer.email.empty()) icalcomponent_add_property(e, organizer_property(organizer));
    for (const auto& a : attendees)
      if (!a.email.empty()) icalcomponent_add_property(e, attendee_property(a, method));
    if (!cancelled && t.status != "done") {
      // A reminder at 09:00 the day before (15 hours before an all-day start, 24 before a timed one).
      icalcomponent* alarm = icalcomponent_new_valarm();
      icalcomponent_add_property(alarm, icalproperty_new_action(ICAL_ACTION_DISPLAY));
      icaltriggertype trigger{};
      trigger.time = icaltime_null_time();
      trigger.duration = icaldurationtype_from_int(options.style == DateStyle::all_day ? -15 * 3600 : -24 * 3600);
      icalcomponent_add_property(alarm, icalproperty_new_trigger(trigger));
      icalcomponent_add_property(alarm,
                                 icalproperty_new_description(i18n::tr(lang, "invite.alarm", summary).c_str()));
      icalcomponent_add_component(e, alarm);
    }
    f.entries.push_back(std::move(ev));
  }
  return finish(f);
}

std::string make_todo_feed(const std::vector<InviteTask>& tasks, const Party& organizer, i18n::Lang lang,
                           std::string_view prodid_host, const CalendarOptions& options) {
  std::lock_guard lock(libical_mutex());
  Frame f = new_calendar("PUBLISH", lang, prodid_host, options);
  for (const auto& t : tasks) {
    Component todo(icalcomponent_new_vtodo());
    icalcomponent* e = todo.get();
    icalcomponent_add_property(e, icalproperty_new_uid(task_uid(t.key).c_str()));
    icalcomponent_add_property(e, stamp_property(options));
    icalcomponent_add_property(e, icalproperty_new_sequence(t.sequence < 0 ? 0 : t.sequence));
    std::string zone = options.style == DateStyle::timed ? usable_zone(t) : std::string();
    if (!zone.empty() && (t.opens || t.due)) f.zones.insert(zone);
    // DTSTART must not be after DUE (RFC 5545 3.6.2).
    std::optional<Date> start = t.opens;
    if (start && t.due && *start > *t.due) start.reset();
    if (options.style == DateStyle::all_day) {
      if (start) icalcomponent_add_property(e, icalproperty_new_dtstart(ical_date(*start)));
      if (t.due) icalcomponent_add_property(e, icalproperty_new_due(ical_date(*t.due)));
    } else {
      if (start) icalcomponent_add_property(e, with_tzid(icalproperty_new_dtstart(ical_local(*start, 9)), zone));
      if (t.due) icalcomponent_add_property(e, with_tzid(icalproperty_new_due(ical_local(*t.due, 18)), zone));
    }
    icalcomponent_add_property(e, icalproperty_new_summary(summary_text(t, lang).c_str()));
    icalcomponent_add_property(e, icalproperty_new_description(description(t, lang).c_str()));
    if (!t.url.empty()) icalcomponent_add_property(e, icalproperty_new_url(t.url.c_str()));
    if (!t.plan_id.empty()) icalcomponent_add_property(e, icalproperty_new_categories(t.plan_id.c_str()));
    icalproperty_status st = ICAL_STATUS_NEEDSACTION;
    if (t.status == "in_progress") st = ICAL_STATUS_INPROCESS;
    if (t.status == "done") st = ICAL_STATUS_COMPLETED;
    if (closed_as_cancelled(t)) st = ICAL_STATUS_CANCELLED;
    icalcomponent_add_property(e, icalproperty_new_status(st));
    if (st == ICAL_STATUS_COMPLETED) {
      icalcomponent_add_property(e, icalproperty_new_percentcomplete(100));
      if (t.done_on) {
        // COMPLETED is a UTC date-time: noon of the day in the task's zone says the right day everywhere.
        icaltimetype noon = ical_local(*t.done_on, 12);
        icaltimezone* zone = builtin_zone(t.timezone);
        icaltimezone* utc = icaltimezone_get_utc_timezone();
        noon = icaltime_convert_to_zone(icaltime_set_timezone(&noon, zone ? zone : utc), utc);
        icalcomponent_add_property(e, icalproperty_new_completed(noon));
      }
    }
    if (!organizer.email.empty()) icalcomponent_add_property(e, organizer_property(organizer));
    f.entries.push_back(std::move(todo));
  }
  return finish(f);
}

std::string vtimezone_text(std::string_view tzid) {
  std::lock_guard lock(libical_mutex());
  Component tz = vtimezone(tzid);
  return tz ? to_string_and_free(tz.get()) : std::string();
}

}  // namespace roadmap::invites
