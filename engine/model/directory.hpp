// The organisation directory of a territory (bodies, schools, groups of schools, people) and its
// assessment-event calendar (ВПР, ОГЭ, ЕГЭ, ИС(И)-11 ... with dates, and named external schedules
// such as "график выездов"): plain value types with name look-ups. Formats: plans/README.md,
// section "Organisation directory and assessment-event calendar".
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/plan.hpp"

namespace roadmap::model {

using Date = std::chrono::year_month_day;

// The key a name is looked up by: letter case folded (Latin and Cyrillic, "ё" read as "е"),
// every white space removed (also no-break spaces), quotes «» “” „ read as ", dashes – — as -.
// So "МКОУ СОШ № 11", "мкоу сош №11" and "МКОУ  СОШ №11" are one name.
std::string name_key(std::string_view name);

// --- organisation directory

enum class Role { coordinator, executor, head, viewer };
std::string_view to_string(Role r);
bool parse_role(std::string_view s, Role& out);

struct DirectoryBody {
  std::string id;          // as plans name it: "Отдел образования", "МКУ УО", "ОО"
  std::string short_name;  // defaults to id
  std::string full_name;
  std::vector<std::string> aliases;
  BodyKind kind = BodyKind::other;
  std::string timezone;   // IANA; the directory's when not given
  std::string head;       // person id, may be empty
  std::vector<std::string> part_of;  // ids of bodies this one belongs to ("ОМСУ" of a district)
  SourcePos pos;
};

struct School {
  std::string id;          // stable identifier: "sosh-11"
  std::string short_name;  // "МКОУ СОШ №11"
  std::string full_name;
  std::vector<std::string> aliases;
  std::string timezone;    // IANA; the directory's when not given
  std::string body;        // id of the authority the school reports to, may be empty
  std::string director;    // person id, may be empty
  std::string deputy;      // person id (deputy director for УВР), may be empty
  SourcePos pos;
};

// Membership of one school in a group, optionally bounded (both ends inclusive): groups change
// during the year when new federal lists arrive.
struct GroupMember {
  std::string school;  // school id
  std::optional<Date> valid_from;
  std::optional<Date> valid_to;
  SourcePos pos;
  bool active_on(Date d) const;
};

struct SchoolGroup {
  std::string id;
  std::string name;  // "ОО с признаками необъективности"
  std::vector<std::string> aliases;
  std::vector<GroupMember> members;
  SourcePos pos;
  // School ids that belong to the group on `d`, in the order the file lists them, once each.
  std::vector<std::string> members_on(Date d) const;
};

struct Person {
  std::string id;
  std::string name;
  std::string email;
  Role role = Role::executor;
  std::string body;    // body id, or
  std::string school;  // school id (exactly one of the two)
  std::string timezone;  // IANA; the body's or school's when not given
  std::string language = "ru";  // "ru" or "en"
  SourcePos pos;
};

// What a name resolves to.
struct NameRef {
  enum class Kind { none, body, school, group } kind = Kind::none;
  std::size_t index = 0;  // into bodies, schools or groups
  explicit operator bool() const { return kind != Kind::none; }
};

struct Directory {
  std::string id;
  std::string title;
  std::string territory;
  std::string timezone;  // the territory's IANA zone, the default of every entry
  std::vector<DirectoryBody> bodies;
  std::vector<School> schools;
  std::vector<SchoolGroup> groups;
  std::vector<Person> people;
  std::string source_file;

  // Rebuilds the name index; call after changing the lists (the loader does).
  void reindex();

  // A body, school or group by id, short name, full name or alias (see name_key).
  NameRef resolve(std::string_view name) const;
  const DirectoryBody* find_body(std::string_view name) const;
  const School* find_school(std::string_view name) const;
  const SchoolGroup* find_group(std::string_view name) const;
  // A person by id or e-mail (e-mail case-insensitive).
  const Person* find_person(std::string_view id_or_email) const;

  // The schools of a group on a day; the body's schools when `body` is an authority with schools.
  std::vector<const School*> group_members_on(const SchoolGroup& g, Date d) const;
  std::vector<const School*> schools_of_body(std::string_view body_id) const;
  std::vector<const Person*> people_of(std::string_view body_or_school_id) const;
  // The zone a person works in: their own, else their body's or school's, else the territory's.
  std::string timezone_of(const Person& p) const;

 private:
  std::unordered_map<std::string, NameRef> names_;
  std::unordered_map<std::string, std::size_t> people_index_;
};

// --- assessment-event calendar

// A kind of event: the built-in ones (ВПР, ОГЭ ...) and those an event file defines. `bits` are
// the deadline language's event bits (deadline::Event) the kind answers to.
struct EventKind {
  std::string id;  // canonical name: "ИС(И)-11"
  std::string name;
  std::vector<std::string> aliases;
  std::uint32_t bits = 0;
  bool assessment = true;  // an assessment procedure ("ОП"); ВсОШ is an olympiad, not one
  bool builtin = true;
  SourcePos pos;
};

// The built-in kinds, in a fixed order.
const std::vector<EventKind>& builtin_event_kinds();

// deadline::Event bits of a kind name (built-in, case- and space-insensitive): "ВПР" -> ev_vpr,
// "ОГЭ" -> ev_oge | ev_gia, "ГИА" -> ev_gia, "ОП" -> ev_op; 0 for an unknown name.
std::uint32_t event_bits_of(std::string_view kind_name);

// Whether an event of a kind with `kind_bits` (and `assessment`) satisfies what a deadline asks
// for (`wanted`, deadline::Event bits): ev_op matches every assessment procedure, ev_gia every
// ОГЭ, ЕГЭ and ГВЭ, any other bit its own kind.
bool event_matches(std::uint32_t wanted, std::uint32_t kind_bits, bool assessment);

enum class EventStage { none, school, municipal, regional, final_stage, early, main, additional };
std::string_view to_string(EventStage s);
bool parse_event_stage(std::string_view s, EventStage& out);

struct AssessmentEvent {
  std::string kind;  // the canonical kind id
  std::string subject;
  std::vector<int> grades;
  EventStage stage = EventStage::none;
  Date first;  // a single date has first == last
  Date last;
  int school_year = 0;  // 2023 for 2023-2024
  std::string note;
  SourcePos pos;
};

struct ScheduleEntry {
  Date first;
  Date last;
  std::string title;
  std::string target;  // a body or school named by the entry, verbatim; may be empty
  std::string note;
  SourcePos pos;
};

// A named external schedule: "график выездов", "план совещаний".
struct NamedSchedule {
  std::string id;
  std::string name;
  std::vector<std::string> aliases;
  std::vector<ScheduleEntry> entries;  // sorted by date
  SourcePos pos;
};

struct EventCalendar {
  std::string id;
  std::string title;
  std::string territory;
  std::vector<EventKind> kinds;  // built-in first, then the file's own
  std::vector<AssessmentEvent> events;  // sorted by date
  std::vector<NamedSchedule> schedules;
  std::string source_file;

  void reindex();
  const EventKind* find_kind(std::string_view name) const;
  const NamedSchedule* find_schedule(std::string_view name) const;
  // deadline::Event bits of a kind by any of its names (0 when unknown); "ОП" -> ev_op.
  std::uint32_t bits_of(std::string_view kind_name) const;
  // Events that satisfy `wanted` and overlap [from, to].
  std::vector<const AssessmentEvent*> matching(std::uint32_t wanted, Date from, Date to) const;

 private:
  std::unordered_map<std::string, std::size_t> kinds_;
  std::unordered_map<std::string, std::size_t> schedules_;
};

}  // namespace roadmap::model
