// Calendar invites and feeds (notifiers/calendar): every calendar is parsed back with libical's
// parser and checked property by property -- stable UIDs, SEQUENCE bumps from the store's versions
// (a real SQLite file), CANCEL, escaping, 75-octet folding, the dates of the tasks, and complete
// VTIMEZONEs (Europe/Moscow 2010-2015 and Asia/Vladivostok offsets against glibc's own reading of
// the system zoneinfo).
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <fmt/format.h>

#include <cstdlib>
#include <ctime>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "calendar/from_store.hpp"
#include "calendar/invite.hpp"
#include "store/plan_fixture.hpp"
#include "store/plan_repository.hpp"
#include "store/schema.hpp"
#include "store/task_repository.hpp"
#include "store/temp_dir.hpp"

using namespace roadmap;
using namespace roadmap::invites;
using Ymd = std::chrono::year_month_day;

namespace {

Ymd ymd(int y, unsigned m, unsigned d) { return Ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}; }

const std::chrono::sys_seconds kStamp{std::chrono::sys_days{ymd(2026, 11, 25)} + std::chrono::hours{10}};

CalendarOptions pinned(DateStyle style = DateStyle::all_day) {
  CalendarOptions o;
  o.style = style;
  o.stamp = kStamp;
  return o;
}

InviteTask sample(std::string key = "plan-a|4.2|0|0|1|body:ОИВ|lead") {
  InviteTask t;
  t.id = 17;
  t.key = std::move(key);
  t.plan_id = "plan-a";
  t.plan_title = "План мероприятий";
  t.item_number = "4.2";
  t.measure = "Проведение мониторинга качества подготовки обучающихся";
  t.label = "май 2012";
  t.kind = "window";
  t.opens = ymd(2012, 5, 2);
  t.due = ymd(2012, 5, 15);
  t.timezone = "Europe/Moscow";
  t.status = "planned";
  t.sequence = 0;
  t.url = "http://localhost:8080/tasks/17";
  return t;
}

const Party kOrganizer{"Дорожная карта", "noreply@example.org"};
const std::vector<Party> kAttendees{{"Зайцева О. В.", "zaitseva@example.org"}};

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Parsed = std::unique_ptr<icalcomponent, ComponentFree>;

Parsed parse(const std::string& text) {
  Parsed c(icalparser_parse_string(text.c_str()));
  EXPECT_TRUE(c) << text;
  return c;
}

std::vector<icalcomponent*> children(icalcomponent* cal, icalcomponent_kind kind) {
  std::vector<icalcomponent*> out;
  for (icalcomponent* c = icalcomponent_get_first_component(cal, kind); c;
       c = icalcomponent_get_next_component(cal, kind))
    out.push_back(c);
  return out;
}

std::string prop_text(icalcomponent* c, icalproperty_kind kind) {
  icalproperty* p = icalcomponent_get_first_property(c, kind);
  if (!p) return {};
  // TEXT values unescaped, as a client shows them; others as written.
  if (icalvalue* value = icalproperty_get_value(p); value && icalvalue_isa(value) == ICAL_TEXT_VALUE) {
    const char* t = icalvalue_get_text(value);
    return t ? t : "";
  }
  const char* v = icalproperty_get_value_as_string(p);
  return v ? v : "";
}

std::string param_text(icalproperty* p, icalparameter_kind kind) {
  icalparameter* par = icalproperty_get_first_parameter(p, kind);
  if (!par) return {};
  if (kind == ICAL_CN_PARAMETER) return icalparameter_get_cn(par);
  if (kind == ICAL_TZID_PARAMETER) return icalparameter_get_tzid(par);
  return icalparameter_as_ical_string(par);
}

Ymd date_of(icaltimetype t) {
  return ymd(t.year, static_cast<unsigned>(t.month), static_cast<unsigned>(t.day));
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find("\r\n", pos);
    EXPECT_NE(end, std::string::npos) << "every line ends with CRLF";
    if (end == std::string::npos) break;
    out.push_back(text.substr(pos, end - pos));
    pos = end + 2;
  }
  return out;
}

bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

// Lines at most 75 octets, CRLF, and folding never splits a UTF-8 character.
void expect_well_formed(const std::string& text) {
  for (const auto& line : lines_of(text)) {
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_TRUE(valid_utf8(line)) << line;
    EXPECT_EQ(line.find('\n'), std::string::npos);
  }
}

// RFC 5545 3.6.5: a VTIMEZONE for every TZID the object uses, and (ours) none it does not use.
void expect_every_tzid_defined_once(const std::string& text) {
  std::set<std::string> used, defined;
  for (const auto& line : lines_of(text)) {
    auto at = line.find(";TZID=");
    if (at != std::string::npos) used.insert(line.substr(at + 6, line.find_first_of(";:", at + 6) - at - 6));
    if (line.starts_with("TZID:")) {
      EXPECT_TRUE(defined.insert(line.substr(5)).second) << "twice: " << line;
    }
  }
  EXPECT_EQ(used, defined) << text;
}

}  // namespace

TEST(InviteUid, StableAcrossCallsAndChangesOnlyWithTheKey) {
  InviteTask a = sample();
  std::string uid = task_uid(a.key);
  EXPECT_EQ(uid, task_uid(a.key));
  EXPECT_TRUE(uid.starts_with("roadmap-") && uid.ends_with("@roadmap")) << uid;
  EXPECT_EQ(uid.size(), std::string("roadmap-@roadmap").size() + 32);

  // Everything but the key changes: the UID in the calendar does not.
  InviteTask b = a;
  b.id = 99;
  b.due = ymd(2013, 1, 10);
  b.opens.reset();
  b.status = "done";
  b.sequence = 7;
  b.measure = "другая мера";
  b.timezone = "Asia/Vladivostok";
  auto ca = parse(make_calendar({a}, Method::request, kOrganizer, kAttendees, i18n::Lang::ru, "a.example", pinned()));
  auto cb = parse(make_calendar({b}, Method::publish, {}, {}, i18n::Lang::en, "b.example", pinned(DateStyle::timed)));
  auto ea = children(ca.get(), ICAL_VEVENT_COMPONENT);
  auto eb = children(cb.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_EQ(ea.size(), 1u);
  ASSERT_EQ(eb.size(), 1u);
  EXPECT_EQ(prop_text(ea[0], ICAL_UID_PROPERTY), uid);
  EXPECT_EQ(prop_text(eb[0], ICAL_UID_PROPERTY), uid);

  // Another key (even one character) is another UID.
  EXPECT_NE(task_uid(a.key + "x"), uid);
  EXPECT_NE(task_uid("plan-a|4.2|0|0|1|body:ОИВ|co_executor"), uid);
  EXPECT_NE(task_uid(""), task_uid(" "));
}

TEST(InviteDates, AllDayEventOnTheDueDay) {
  InviteTask window = sample();
  InviteTask date = sample("k2");
  date.opens.reset();
  date.due = ymd(2024, 2, 29);
  InviteTask waiting = sample("k3");
  waiting.opens.reset();
  waiting.due.reset();
  std::string text =
      make_calendar({window, date, waiting}, Method::publish, kOrganizer, {}, i18n::Lang::ru, "h", pinned());
  expect_well_formed(text);
  auto cal = parse(text);
  EXPECT_EQ(prop_text(cal.get(), ICAL_METHOD_PROPERTY), "PUBLISH");
  EXPECT_EQ(prop_text(cal.get(), ICAL_VERSION_PROPERTY), "2.0");
  auto events = children(cal.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_EQ(events.size(), 2u) << "the undated task has no event";
  const InviteTask* tasks[] = {&window, &date};
  for (std::size_t i = 0; i < 2; ++i) {
    icaltimetype start = icalcomponent_get_dtstart(events[i]);
    icaltimetype end = icalcomponent_get_dtend(events[i]);
    EXPECT_TRUE(start.is_date);
    EXPECT_TRUE(end.is_date);
    EXPECT_EQ(date_of(start), *tasks[i]->due);
    EXPECT_EQ(std::chrono::sys_days{date_of(end)}, std::chrono::sys_days{*tasks[i]->due} + std::chrono::days{1});
    EXPECT_EQ(prop_text(events[i], ICAL_UID_PROPERTY), task_uid(tasks[i]->key));
    EXPECT_EQ(prop_text(events[i], ICAL_TRANSP_PROPERTY), "TRANSPARENT");
    EXPECT_EQ(prop_text(events[i], ICAL_URL_PROPERTY), "http://localhost:8080/tasks/17");
    // A reminder the day before.
    auto alarms = children(events[i], ICAL_VALARM_COMPONENT);
    ASSERT_EQ(alarms.size(), 1u);
    icalproperty* trig = icalcomponent_get_first_property(alarms[0], ICAL_TRIGGER_PROPERTY);
    ASSERT_TRUE(trig);
    EXPECT_EQ(icaldurationtype_as_int(icalproperty_get_trigger(trig).duration), -15 * 3600);
  }
  EXPECT_TRUE(text.find("DTSTART;VALUE=DATE:20120515\r\n") != std::string::npos) << text;
  EXPECT_TRUE(text.find("DTEND;VALUE=DATE:20240301\r\n") != std::string::npos) << text;
  // The dates themselves carry no zone (RFC 5545 3.2.19: no TZID on a DATE) ...
  EXPECT_EQ(text.find("DTSTART;TZID"), std::string::npos) << text;
  EXPECT_EQ(text.find("DTEND;TZID"), std::string::npos) << text;
  // ... the end of the term does, and its zone comes with the calendar, once.
  EXPECT_NE(text.find("X-ROADMAP-DEADLINE;VALUE=DATE-TIME;TZID=Europe/Moscow:20120516T000000\r\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("X-ROADMAP-DEADLINE;VALUE=DATE-TIME;TZID=Europe/Moscow:20240301T000000\r\n"), std::string::npos)
      << text;
  auto zones = children(cal.get(), ICAL_VTIMEZONE_COMPONENT);
  ASSERT_EQ(zones.size(), 1u);
  EXPECT_EQ(prop_text(zones[0], ICAL_TZID_PROPERTY), "Europe/Moscow");
  // The window is told in the description.
  std::string desc = prop_text(events[0], ICAL_DESCRIPTION_PROPERTY);
  EXPECT_NE(desc.find("Период: с 02.05.2012 по 15.05.2012"), std::string::npos) << desc;
  EXPECT_NE(desc.find("План: План мероприятий"), std::string::npos) << desc;
  EXPECT_NE(desc.find("Статус: запланирована"), std::string::npos) << desc;
  EXPECT_EQ(prop_text(events[0], ICAL_SUMMARY_PROPERTY),
            "п. 4.2 · Проведение мониторинга качества подготовки обучающихся");
}

TEST(InviteDates, TimedEventsCarryTzidAndOneCompleteVtimezonePerZone) {
  InviteTask moscow = sample("m");
  InviteTask vlad = sample("v");
  vlad.timezone = "Asia/Vladivostok";
  vlad.due = ymd(2013, 3, 1);
  InviteTask moscow2 = sample("m2");
  moscow2.due = ymd(2014, 12, 1);
  InviteTask floating = sample("f");
  floating.timezone = "Mars/Olympus_Mons";
  std::string text = make_calendar({moscow, vlad, moscow2, floating}, Method::request, kOrganizer, kAttendees,
                                   i18n::Lang::en, "h", pinned(DateStyle::timed));
  expect_well_formed(text);
  expect_every_tzid_defined_once(text);
  EXPECT_NE(text.find("X-ROADMAP-DEADLINE;VALUE=DATE-TIME;TZID=Asia/Vladivostok:20130302T000000\r\n"),
            std::string::npos) << text;
  auto cal = parse(text);
  auto zones = children(cal.get(), ICAL_VTIMEZONE_COMPONENT);
  ASSERT_EQ(zones.size(), 2u);
  std::vector<std::string> tzids;
  for (auto* z : zones) tzids.push_back(prop_text(z, ICAL_TZID_PROPERTY));
  EXPECT_EQ(tzids, (std::vector<std::string>{"Asia/Vladivostok", "Europe/Moscow"}));
  auto events = children(cal.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_EQ(events.size(), 4u);
  const InviteTask* tasks[] = {&moscow, &vlad, &moscow2, &floating};
  for (std::size_t i = 0; i < 4; ++i) {
    icalproperty* p = icalcomponent_get_first_property(events[i], ICAL_DTSTART_PROPERTY);
    ASSERT_TRUE(p);
    icaltimetype start = icalproperty_get_dtstart(p);
    EXPECT_FALSE(start.is_date);
    EXPECT_EQ(date_of(start), *tasks[i]->due);
    EXPECT_EQ(start.hour, 9);
    EXPECT_EQ(icalcomponent_get_dtend(events[i]).hour, 10);
    std::string expected_zone = i == 3 ? "" : tasks[i]->timezone;
    EXPECT_EQ(param_text(p, ICAL_TZID_PARAMETER), expected_zone);
  }
}

TEST(InviteThreads, CalendarsBuiltFromSeveralThreadsAtOnceAreTheSame) {
  // The web's feeds and the notification clock's invites are built on different threads; libical's
  // zone cache is global (invite.hpp, "Thread safety"). Zones no other test uses, so that their first
  // load happens here, on every thread at once.
  std::vector<InviteTask> tasks;
  for (const char* zone : {"America/Sao_Paulo", "Australia/Lord_Howe", "Asia/Kathmandu", "Europe/Dublin",
                           "Pacific/Chatham", "America/St_Johns"}) {
    tasks.push_back(sample(zone));
    tasks.back().timezone = zone;
  }
  constexpr int kThreads = 4, kRounds = 10;
  std::vector<std::vector<std::string>> texts(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back([&, i] {
      for (int r = 0; r < kRounds; ++r) {
        texts[i].push_back(make_calendar(tasks, Method::request, kOrganizer, kAttendees, i18n::Lang::ru, "h",
                                         pinned(r % 2 ? DateStyle::timed : DateStyle::all_day)));
        texts[i].push_back(make_todo_feed(tasks, kOrganizer, i18n::Lang::en, "h", pinned(DateStyle::timed)));
      }
    });
  for (auto& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) {
    ASSERT_EQ(texts[i].size(), 2u * kRounds);
    for (std::size_t k = 0; k < texts[i].size(); ++k) EXPECT_EQ(texts[i][k], texts[0][k % 4]) << i << " " << k;
  }
  expect_every_tzid_defined_once(texts[0][0]);
  EXPECT_NE(texts[0][0].find("TZID:Pacific/Chatham"), std::string::npos);
}

TEST(InviteRequest, OrganizerAttendeesAndSequence) {
  InviteTask t = sample();
  t.sequence = 3;
  auto cal = parse(make_calendar({t}, Method::request, kOrganizer, kAttendees, i18n::Lang::ru, "h", pinned()));
  EXPECT_EQ(prop_text(cal.get(), ICAL_METHOD_PROPERTY), "REQUEST");
  auto ev = children(cal.get(), ICAL_VEVENT_COMPONENT).at(0);
  EXPECT_EQ(prop_text(ev, ICAL_SEQUENCE_PROPERTY), "3");
  EXPECT_EQ(prop_text(ev, ICAL_STATUS_PROPERTY), "CONFIRMED");
  icalproperty* org = icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY);
  ASSERT_TRUE(org);
  EXPECT_EQ(std::string(icalproperty_get_organizer(org)), "mailto:noreply@example.org");
  EXPECT_EQ(param_text(org, ICAL_CN_PARAMETER), "Дорожная карта");
  icalproperty* att = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY);
  ASSERT_TRUE(att);
  EXPECT_EQ(std::string(icalproperty_get_attendee(att)), "mailto:zaitseva@example.org");
  EXPECT_EQ(param_text(att, ICAL_CN_PARAMETER), "Зайцева О. В.");
  EXPECT_EQ(icalparameter_get_rsvp(icalproperty_get_first_parameter(att, ICAL_RSVP_PARAMETER)), ICAL_RSVP_FALSE);
  EXPECT_EQ(icalparameter_get_partstat(icalproperty_get_first_parameter(att, ICAL_PARTSTAT_PARAMETER)),
            ICAL_PARTSTAT_NEEDSACTION);
  icaltimetype stamp = icalcomponent_get_dtstamp(ev);
  EXPECT_TRUE(icaltime_is_utc(stamp));
  EXPECT_EQ(icaltime_as_timet(stamp), kStamp.time_since_epoch().count());
  EXPECT_EQ(method_name(Method::request), "REQUEST");
  EXPECT_EQ(content_type(Method::request), "text/calendar; charset=UTF-8; method=REQUEST");
  EXPECT_EQ(content_type(Method::cancel), "text/calendar; charset=UTF-8; method=CANCEL");
}

TEST(InviteCancel, MethodCancelMarksEveryEventCancelledUnderTheSameUid) {
  InviteTask t = sample();
  t.sequence = 4;
  std::string text = make_calendar({t}, Method::cancel, kOrganizer, kAttendees, i18n::Lang::ru, "h", pinned());
  auto cal = parse(text);
  EXPECT_EQ(prop_text(cal.get(), ICAL_METHOD_PROPERTY), "CANCEL");
  auto ev = children(cal.get(), ICAL_VEVENT_COMPONENT).at(0);
  EXPECT_EQ(prop_text(ev, ICAL_STATUS_PROPERTY), "CANCELLED");
  EXPECT_EQ(prop_text(ev, ICAL_UID_PROPERTY), task_uid(t.key));
  EXPECT_EQ(prop_text(ev, ICAL_SEQUENCE_PROPERTY), "4");
  EXPECT_TRUE(children(ev, ICAL_VALARM_COMPONENT).empty()) << "no reminder for a cancelled task";
  EXPECT_TRUE(icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY));

  // A feed keeps tasks cancelled by the plan as cancelled events, so subscribers drop them.
  InviteTask gone = sample("gone");
  gone.status = "not_needed";
  auto feed = parse(make_calendar({gone}, Method::publish, kOrganizer, {}, i18n::Lang::en, "h", pinned()));
  auto fev = children(feed.get(), ICAL_VEVENT_COMPONENT).at(0);
  EXPECT_EQ(prop_text(fev, ICAL_STATUS_PROPERTY), "CANCELLED");
  EXPECT_TRUE(prop_text(fev, ICAL_SUMMARY_PROPERTY).starts_with("Cancelled: item 4.2 · "));
}

TEST(InviteEscaping, HostileTextRoundTrips) {
  InviteTask t = sample();
  t.measure = "Мониторинг, анализ; отчёт \\ итог <script>alert(\"x\")</script>";
  t.label = "строка 1\nстрока 2, с запятой; и точкой с запятой";
  t.plan_title = std::string(300, 'x') + " длинное название плана ";
  for (int i = 0; i < 200; ++i) t.plan_title += "я";  // a long run of two-octet characters, no space
  Party org{"Отдел \"мониторинга\"; качества, ОИВ: край", "org@example.org"};
  Party att{"O'Brien, Jane; \"JJ\"", "jane@example.org"};
  std::string text = make_calendar({t}, Method::request, org, {att}, i18n::Lang::ru, "h", pinned());
  expect_well_formed(text);
  EXPECT_NE(text.find("\\,"), std::string::npos);
  EXPECT_NE(text.find("\\;"), std::string::npos);
  EXPECT_NE(text.find("\\n"), std::string::npos);
  EXPECT_NE(text.find("\\\\"), std::string::npos);
  auto cal = parse(text);
  auto ev = children(cal.get(), ICAL_VEVENT_COMPONENT).at(0);
  std::string desc = prop_text(ev, ICAL_DESCRIPTION_PROPERTY);
  EXPECT_NE(desc.find("Пункт 4.2: " + t.measure), std::string::npos) << desc;
  EXPECT_NE(desc.find("Что: " + t.label), std::string::npos) << desc;
  EXPECT_NE(desc.find(t.plan_title), std::string::npos) << desc;
  EXPECT_EQ(prop_text(ev, ICAL_SUMMARY_PROPERTY), "п. 4.2 · " + t.measure);
  EXPECT_EQ(param_text(icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY), ICAL_CN_PARAMETER), org.name);
  EXPECT_EQ(param_text(icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY), ICAL_CN_PARAMETER), att.name);
  // One event, nothing injected by the text.
  EXPECT_EQ(children(cal.get(), ICAL_VEVENT_COMPONENT).size(), 1u);
}

TEST(InviteSummary, LongMeasuresAreShortenedAtAWord) {
  InviteTask t = sample();
  t.measure = "Организация и проведение   мониторинга\nобъективности проведения всероссийских проверочных работ "
              "в общеобразовательных организациях края с низкими результатами";
  std::string s = summary_text(t, i18n::Lang::ru);
  EXPECT_TRUE(s.starts_with("п. 4.2 · Организация и проведение мониторинга объективности")) << s;
  EXPECT_TRUE(s.ends_with("…")) << s;
  EXPECT_EQ(s.find('\n'), std::string::npos);
  EXPECT_EQ(summary_text(t, i18n::Lang::en).rfind("item 4.2 · ", 0), 0u);
}

TEST(InviteTodo, FeedOfVtodosWithDueAndStatus) {
  InviteTask open = sample("o");
  InviteTask done = sample("d");
  done.status = "done";
  done.done_on = ymd(2012, 5, 14);
  done.timezone = "Asia/Vladivostok";
  InviteTask waiting = sample("w");
  waiting.opens.reset();
  waiting.due.reset();
  waiting.status = "in_progress";
  std::string text = make_todo_feed({open, done, waiting}, kOrganizer, i18n::Lang::ru, "h", pinned());
  expect_well_formed(text);
  auto cal = parse(text);
  auto todos = children(cal.get(), ICAL_VTODO_COMPONENT);
  ASSERT_EQ(todos.size(), 3u);
  EXPECT_TRUE(children(cal.get(), ICAL_VEVENT_COMPONENT).empty());
  EXPECT_EQ(date_of(icalcomponent_get_due(todos[0])), *open.due);
  EXPECT_EQ(date_of(icalcomponent_get_dtstart(todos[0])), *open.opens);
  EXPECT_EQ(prop_text(todos[0], ICAL_STATUS_PROPERTY), "NEEDS-ACTION");
  EXPECT_EQ(prop_text(todos[1], ICAL_STATUS_PROPERTY), "COMPLETED");
  icalproperty* completed = icalcomponent_get_first_property(todos[1], ICAL_COMPLETED_PROPERTY);
  ASSERT_TRUE(completed);
  icaltimetype when = icalproperty_get_completed(completed);
  EXPECT_TRUE(icaltime_is_utc(when));
  // Noon in Vladivostok (UTC+11 in 2012) is 01:00 UTC on the same day.
  EXPECT_EQ(date_of(when), ymd(2012, 5, 14));
  EXPECT_EQ(when.hour, 1);
  EXPECT_EQ(prop_text(todos[1], ICAL_PERCENTCOMPLETE_PROPERTY), "100");
  EXPECT_FALSE(icalcomponent_get_first_property(todos[0], ICAL_COMPLETED_PROPERTY));
  EXPECT_EQ(prop_text(todos[2], ICAL_STATUS_PROPERTY), "IN-PROCESS");
  EXPECT_FALSE(icalcomponent_get_first_property(todos[2], ICAL_DUE_PROPERTY));
  EXPECT_EQ(prop_text(todos[2], ICAL_UID_PROPERTY), task_uid("w"));

  auto timed = parse(make_todo_feed({open}, kOrganizer, i18n::Lang::ru, "h", pinned(DateStyle::timed)));
  EXPECT_EQ(children(timed.get(), ICAL_VTIMEZONE_COMPONENT).size(), 1u);
  icaltimetype due = icalcomponent_get_due(children(timed.get(), ICAL_VTODO_COMPONENT).at(0));
  EXPECT_EQ(date_of(due), *open.due);
  EXPECT_EQ(due.hour, 18);
}

// --- VTIMEZONE: the offsets a client computes from our text equal glibc's reading of tzdata.

namespace {

// UTC offset (seconds) of local wall time in `zone` per glibc (TZ + mktime).
long glibc_offset(const std::string& zone, int y, int m, int d, int h) {
  const char* old = std::getenv("TZ");
  std::string saved = old ? old : "";
  setenv("TZ", zone.c_str(), 1);
  tzset();
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_isdst = -1;
  std::mktime(&tm);
  long off = tm.tm_gmtoff;
  if (old) setenv("TZ", saved.c_str(), 1); else unsetenv("TZ");
  tzset();
  return off;
}

struct ZoneFree {
  void operator()(icaltimezone* z) const { icaltimezone_free(z, 1); }
};

// A zone built from the VTIMEZONE text alone, as a receiving client does.
std::unique_ptr<icaltimezone, ZoneFree> zone_from_text(const std::string& vtimezone) {
  icalcomponent* comp = icalparser_parse_string(vtimezone.c_str());
  if (!comp) return nullptr;
  std::unique_ptr<icaltimezone, ZoneFree> z(icaltimezone_new());
  if (!icaltimezone_set_component(z.get(), comp)) {
    icalcomponent_free(comp);
    return nullptr;
  }
  return z;
}

long ical_offset(icaltimezone* z, int y, int m, int d, int h) {
  icaltimetype t = icaltime_null_time();
  t.year = y;
  t.month = m;
  t.day = d;
  t.hour = h;
  int is_daylight = 0;
  return icaltimezone_get_utc_offset(z, &t, &is_daylight);
}

void expect_offsets_match_tzdata(const std::string& zone_name, int from_year, int to_year) {
  std::string text = vtimezone_text(zone_name);
  ASSERT_FALSE(text.empty()) << zone_name;
  EXPECT_NE(text.find("TZID:" + zone_name + "\r\n"), std::string::npos) << "a plain IANA TZID";
  auto zone = zone_from_text(text);
  ASSERT_TRUE(zone);
  int checked = 0;
  for (int y = from_year; y <= to_year; ++y)
    for (int m = 1; m <= 12; ++m)
      for (int d : {1, 15, 28}) {
        long expected = glibc_offset(zone_name, y, m, d, 12);
        EXPECT_EQ(ical_offset(zone.get(), y, m, d, 12), expected)
            << zone_name << ' ' << fmt::format("{:04}-{:02}-{:02}", y, m, d);
        ++checked;
      }
  EXPECT_GT(checked, 0);
}

}  // namespace

TEST(InviteTimezone, MoscowObservances2010To2015) {
  expect_offsets_match_tzdata("Europe/Moscow", 2010, 2015);
  // The rules of those years, as the law set them: summer time until 2010, UTC+4 all year from
  // 27 March 2011 to 26 October 2014, UTC+3 since.
  auto zone = zone_from_text(vtimezone_text("Europe/Moscow"));
  ASSERT_TRUE(zone);
  EXPECT_EQ(ical_offset(zone.get(), 2010, 7, 1, 12), 4 * 3600);
  EXPECT_EQ(ical_offset(zone.get(), 2010, 12, 1, 12), 3 * 3600);
  EXPECT_EQ(ical_offset(zone.get(), 2012, 1, 15, 12), 4 * 3600);
  EXPECT_EQ(ical_offset(zone.get(), 2012, 7, 15, 12), 4 * 3600);
  EXPECT_EQ(ical_offset(zone.get(), 2015, 1, 15, 12), 3 * 3600);
}

TEST(InviteTimezone, VladivostokAndOtherRussianZones) {
  expect_offsets_match_tzdata("Asia/Vladivostok", 2009, 2016);
  expect_offsets_match_tzdata("Europe/Samara", 2009, 2016);
  expect_offsets_match_tzdata("Asia/Krasnoyarsk", 2009, 2016);
  expect_offsets_match_tzdata("Europe/Moscow", 2020, 2027);
  EXPECT_TRUE(vtimezone_text("No/Such_Zone").empty());
  EXPECT_TRUE(vtimezone_text("").empty());
}

TEST(InviteTimezone, ZonesWithDaylightSavingToday) {
  // Open-ended yearly rules must hold for the years ahead, not only for those the zoneinfo lists.
  expect_offsets_match_tzdata("Europe/Berlin", 2005, 2045);
  expect_offsets_match_tzdata("America/New_York", 2005, 2030);
}

// --- The all-day style carries the zone: the end of the term and its complete VTIMEZONE.

TEST(InviteDates, AllDayInvitesCarryTheirZoneForTheEndOfTheTerm) {
  InviteTask moscow = sample("m");  // 15.05.2012, Moscow was UTC+4 all year then
  InviteTask vlad = sample("v");
  vlad.timezone = "Asia/Vladivostok";
  vlad.due = ymd(2013, 12, 31);  // the term ends as 2014 begins there
  InviteTask floating = sample("f");
  floating.timezone = "";
  InviteTask unknown = sample("u");
  unknown.timezone = "Mars/Olympus_Mons";
  for (Method method : {Method::request, Method::cancel, Method::publish}) {
    std::string text = make_calendar({moscow, vlad, floating, unknown}, method, kOrganizer, kAttendees,
                                      i18n::Lang::ru, "h", pinned());
    expect_well_formed(text);
    expect_every_tzid_defined_once(text);
    auto cal = parse(text);
    auto zones = children(cal.get(), ICAL_VTIMEZONE_COMPONENT);
    ASSERT_EQ(zones.size(), 2u) << text;
    auto events = children(cal.get(), ICAL_VEVENT_COMPONENT);
    ASSERT_EQ(events.size(), 4u);
    const InviteTask* tasks[] = {&moscow, &vlad};
    for (std::size_t i = 0; i < 2; ++i) {
      EXPECT_TRUE(icalcomponent_get_dtstart(events[i]).is_date);
      icalproperty* p = icalcomponent_get_first_property(events[i], ICAL_X_PROPERTY);
      ASSERT_TRUE(p);
      EXPECT_STREQ(icalproperty_get_x_name(p), "X-ROADMAP-DEADLINE");
      EXPECT_EQ(param_text(p, ICAL_TZID_PARAMETER), tasks[i]->timezone);
      // The moment, read the way a receiving client reads it -- the value in the calendar's own
      // VTIMEZONE -- is 24:00 of the due day in the zone as glibc's tzdata has it.
      icaltimetype local = icaltime_from_string(icalproperty_get_value_as_string(p));
      EXPECT_EQ(date_of(local), Ymd{std::chrono::sys_days{*tasks[i]->due} + std::chrono::days{1}});
      EXPECT_EQ(local.hour, 0);
      icalcomponent* vtz = nullptr;
      for (auto* z : zones)
        if (prop_text(z, ICAL_TZID_PROPERTY) == tasks[i]->timezone) vtz = z;
      ASSERT_TRUE(vtz) << tasks[i]->timezone;
      auto zone = zone_from_text(icalcomponent_as_ical_string(vtz));
      ASSERT_TRUE(zone);
      long offset = ical_offset(zone.get(), local.year, local.month, local.day, 0);
      EXPECT_EQ(offset, glibc_offset(tasks[i]->timezone, local.year, local.month, local.day, 0));
      // The law of those years: Moscow UTC+4 and Vladivostok UTC+11 from 2011 to 26.10.2014.
      EXPECT_EQ(offset, (i == 0 ? 4 : 11) * 3600) << tasks[i]->timezone;
    }
    // Floating and unknown zones: no deadline moment, no VTIMEZONE.
    for (std::size_t i = 2; i < 4; ++i) {
      EXPECT_FALSE(icalcomponent_get_first_property(events[i], ICAL_X_PROPERTY));
      EXPECT_TRUE(icalcomponent_get_dtstart(events[i]).is_date);
    }
  }
}

// --- SEQUENCE from the store: a moved date and a cancel bump it, the UID stays.

namespace {

scheduler::PlannedTask planned(std::optional<Ymd> due) {
  scheduler::PlannedTask t;
  t.plan_id = "khabarovsk-vpr-2021";
  t.item_key = "1.1";
  t.occurrence = "1";
  t.kind = scheduler::TaskKind::date;
  t.assignee = "ОИВ";
  t.key = "khabarovsk-vpr-2021|1.1|0|0|1|body:ОИВ|lead";
  t.due = due;
  t.timezone = "Asia/Vladivostok";
  return t;
}

InviteTask from_store(store::Database& db, const store::StoredTask& s) {
  return invite_tasks(db, {s}, "http://h.example/").at(0);
}

struct Seen {
  std::string uid, sequence;
  Ymd start;
  std::string status;
};

Seen seen(const InviteTask& t, Method m) {
  auto cal = parse(make_calendar({t}, m, kOrganizer, kAttendees, i18n::Lang::ru, "h", pinned()));
  auto ev = children(cal.get(), ICAL_VEVENT_COMPONENT).at(0);
  return {prop_text(ev, ICAL_UID_PROPERTY), prop_text(ev, ICAL_SEQUENCE_PROPERTY),
          date_of(icalcomponent_get_dtstart(ev)), prop_text(ev, ICAL_STATUS_PROPERTY)};
}

void replan(store::Database& db, const std::vector<scheduler::PlannedTask>& desired) {
  store::Transaction tx(db);
  store::apply_tasks(db, "khabarovsk-vpr-2021", desired, "tester");
  tx.commit();
}

store::StoredTask only_task(store::Database& db) {
  auto all = store::query_tasks(db, store::TaskFilter{});
  EXPECT_EQ(all.size(), 1u);
  return all.at(0);
}

}  // namespace

TEST(InviteSequence, StoreVersionsBumpTheSequenceOnEveryDateChange) {
  EXPECT_EQ(sequence_from_version(1), 0);
  EXPECT_EQ(sequence_from_version(2), 1);
  EXPECT_EQ(sequence_from_version(0), 0);

  roadmap::testing::TempDir dir;
  store::Database db = store::open_store(dir.file("seq.db"));
  store::save_plan(db, roadmap::testing::sample_plan("khabarovsk-vpr-2021"));
  replan(db, {planned(ymd(2021, 12, 1))});
  Seen first = seen(from_store(db, only_task(db)), Method::request);
  EXPECT_EQ(first.sequence, "0");
  // What the store gives an invite: the plan's title, the item's number and measure, a link.
  store::StoredTask stored = only_task(db);
  InviteTask it = from_store(db, stored);
  model::Plan plan = roadmap::testing::sample_plan("khabarovsk-vpr-2021");
  EXPECT_EQ(it.plan_title, plan.title);
  EXPECT_EQ(it.item_number, "1.1");
  EXPECT_EQ(it.measure, plan.sections.at(0).items.at(0).measure);
  EXPECT_EQ(it.url, fmt::format("http://h.example/tasks/{}", stored.id));
  EXPECT_EQ(it.key, stored.task.key);
  EXPECT_EQ(it.timezone, "Asia/Vladivostok");
  EXPECT_EQ(it.status, "planned");
  EXPECT_EQ(first.start, ymd(2021, 12, 1));

  // The same plan again: nothing changes, nor does the invite.
  replan(db, {planned(ymd(2021, 12, 1))});
  Seen same = seen(from_store(db, only_task(db)), Method::request);
  EXPECT_EQ(same.sequence, first.sequence);

  // The date moves: the same UID, a higher SEQUENCE, the new date.
  replan(db, {planned(ymd(2021, 12, 15))});
  Seen moved = seen(from_store(db, only_task(db)), Method::request);
  EXPECT_EQ(moved.uid, first.uid);
  EXPECT_GT(std::stoi(moved.sequence), std::stoi(first.sequence));
  EXPECT_EQ(moved.start, ymd(2021, 12, 15));

  // The plan drops the task: the store cancels it and the cancel outranks the last request.
  replan(db, {});
  store::StoredTask cancelled = only_task(db);
  EXPECT_EQ(cancelled.status, "cancelled");
  Seen cancel = seen(from_store(db, cancelled), Method::cancel);
  EXPECT_EQ(cancel.uid, first.uid);
  EXPECT_GT(std::stoi(cancel.sequence), std::stoi(moved.sequence));
  EXPECT_EQ(cancel.status, "CANCELLED");
}
