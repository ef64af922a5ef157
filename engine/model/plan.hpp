// A plan as its document says it: plain value types, no behaviour beyond look-ups.
// Every field mirrors plans/README.md; text fields keep the document's wording verbatim.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "deadline/schedule.hpp"

namespace roadmap::model {

// Where a value came from in its file, for messages that point at it (1-based; 0 = unknown).
struct SourcePos {
  int line = 0;
  int column = 0;
};

struct Abbreviation {
  std::string short_form;  // "ОМСУ"; as printed, typos kept ("ВІР")
  std::string meaning;     // "органы местного самоуправления, ..."
};

enum class BodyKind {
  authority,      // an education authority: ОИВ, МКУ УО, Отдел образования, КО, ОМСУ
  methodical,     // ИМЦ, ГМК, методический кабинет, ГМО/ММО/РМО
  institute,      // РЦОКО, ИРО
  schools,        // a class: "ОО" = every school of the territory (fans out)
  school_group,   // a named group of schools: "ОО с признаками необъективности"
  school_unit,    // a unit inside every school: ШМО, "руководители ОО" (fans out with the school)
  other,
};

// A body the plan names as responsible, co-executor or participant. The plan declares every body
// it uses; a later organisation directory gives them people and e-mails.
struct Body {
  std::string id;                    // canonical short name used in items: "ОМСУ"
  std::string name;                  // full name
  BodyKind kind = BodyKind::other;
  std::vector<std::string> aliases;  // other spellings found in the document
  SourcePos pos;
};

struct ItemRef {
  std::string number;  // "1.2" (or "2:3" = section 2, item 3 in per-section numbering)
  SourcePos pos;
};

struct SubMeasure {
  std::string text;
  std::string deadline;                  // verbatim phrase; empty = inherits the item's
  std::vector<std::string> responsible;  // body ids; empty = inherits the item's
  SourcePos pos;
  SourcePos deadline_pos;
};

// A structured schedule that overrides the phrase (`schedule:` of an item, plans/README.md).
struct ScheduleOverride {
  deadline::Schedule schedule;
  std::string yaml;  // the node as written, re-emitted (stored with the plan)
  SourcePos pos;
};

// Binding of an anchor in a phrase ("после завершения анализа", "по графику") to what it means.
struct AnchorBinding {
  std::string anchor;  // the words of the phrase, or the anchor key the parser reports
  std::string item;    // an item number, or
  std::string event;   // an assessment-event kind ("ВПР", "ОП"), or
  std::string named_schedule;  // a named external schedule ("график выездов")
  SourcePos pos;
};

struct Item {
  std::string number;       // as printed, normalised without the trailing dot: "4.11", "3"
  std::string measure;      // the measure's text
  std::string deadline;     // the deadline phrase, verbatim
  std::vector<std::string> responsible;   // body ids, lead first
  std::vector<std::string> co_executors;  // body ids
  std::string participants;               // category of participants, verbatim
  std::string expected_result;            // verbatim
  std::string note;
  std::vector<SubMeasure> sub_measures;
  std::vector<ItemRef> refs;              // "п. 1.2., 1.3. Плана"
  std::vector<AnchorBinding> bindings;
  std::optional<ScheduleOverride> schedule;
  SourcePos pos;
  SourcePos deadline_pos;
};

struct Section {
  std::string number;  // may be empty: some plans print unnumbered sections
  std::string title;
  std::vector<Item> items;
  SourcePos pos;
};

struct ApprovingOrder {
  std::string kind;     // "приказ", "распоряжение", "утверждено"
  std::string number;   // "679-од"
  std::optional<std::chrono::year_month_day> date;
  std::string issuer;   // "Отдел образования администрации Левокумского муниципального округа"
  std::string signed_by;  // "Министр образования и науки Хабаровского края В.Г. Хлебникова"
};

// The plan's period: calendar years (2023, 2024) or a school year (2021-2022).
struct Period {
  std::optional<int> school_year_start;  // 2021 for "2021-2022"
  std::vector<int> years;                // calendar years, ascending
  std::optional<std::chrono::year_month_day> from;  // explicit bounds when the document gives them
  std::optional<std::chrono::year_month_day> to;
  // First and last day the plan covers, derived from the fields above.
  std::chrono::year_month_day first_day() const;
  std::chrono::year_month_day last_day() const;
};

enum class Numbering {
  global,       // item numbers are unique in the whole plan (1.1, 4.11)
  per_section,  // items are numbered 1, 2, ... inside each section
};

// How "полугодие" is read: a calendar half-year (Jan-Jun) or a school half-year (Sep-Dec).
enum class HalfYear { calendar, school };

struct Plan {
  std::string id;        // stable identifier, [a-z0-9-]
  std::string title;
  std::string owner;     // body id of the plan's owner
  std::string territory;
  ApprovingOrder approved;
  Period period;
  std::string timezone;  // IANA zone, e.g. "Asia/Vladivostok"
  Numbering numbering = Numbering::global;
  HalfYear half_year = HalfYear::school;
  std::string language = "ru";
  std::vector<std::string> goals;  // "Задачи" / "Цель" as printed
  std::vector<Abbreviation> abbreviations;
  std::vector<Body> bodies;
  std::vector<Section> sections;
  // Reserved for later issues: files the plan is scheduled against.
  std::string directory;       // organisation directory (bodies, schools, groups, people)
  std::string event_calendar;  // assessment-event calendar
  std::string source_file;     // the file the plan was loaded from

  const Body* find_body(std::string_view id_or_alias) const;
  const Item* find_item(std::string_view number) const;
  std::size_t item_count() const;
};

// The key an item is known by across loads: its number for global numbering,
// "<section>:<number>" for per-section numbering (<section> = the section's number, or its 1-based
// ordinal when unnumbered) -- the form references use (Plan::find_item).
std::string item_key(const Plan& plan, std::size_t section_index, const Item& item);

std::string_view to_string(BodyKind k);
bool parse_body_kind(std::string_view s, BodyKind& out);

}  // namespace roadmap::model
