// The deadline language's entry point: a phrase as an official wrote it -> a Schedule, with the
// anchors the plan must bind, the readings a setting decided, and on failure where understanding
// stopped and the nearest forms known. Never guesses, never drops words.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "deadline/schedule.hpp"

namespace roadmap::deadline {

// The plan's context. Parsing itself does not depend on the years; they matter for dates().
struct ParseOptions {
  int school_year_start = 0;  // 2023 for the 2023-2024 school year; 0 when the plan has none
  std::vector<int> years;     // calendar years of the plan ([2023, 2024]); may be empty
  HalfYear half_year = HalfYear::school;
};

// What the plan must bind before the clause can be scheduled.
enum class AnchorKind : std::uint8_t {
  item,      // another item of the plan ("после завершения анализа")
  schedule,  // a named external schedule ("по утвержденному графику")
  event,     // an assessment event kind, for the generic "ОП" (optional: any procedure otherwise)
};

struct Anchor {
  AnchorKind kind = AnchorKind::item;
  std::string text;    // the words of the phrase, normalised
  std::size_t clause = 0;
  bool required = true;
  bool operator==(const Anchor&) const = default;
};

// A reading that a setting or a convention decided and the user should see.
enum class NoteKind : std::uint8_t {
  half_year_school,     // "полугодие" read as a school half-year (plan setting)
  half_year_calendar,   // "полугодие" read as a calendar half-year (plan setting)
  years_as_calendar,    // "2019-2020" read as calendar years, not as a school year
  months_each_year,     // months without a year: in each year of the plan
};

struct Note {
  NoteKind kind;
  std::size_t clause = 0;
  bool operator==(const Note&) const = default;
};

struct ParseResult {
  Schedule schedule;
  std::vector<Anchor> anchors;
  std::vector<Note> notes;
  // On failure: where understanding stopped, in bytes and in characters (0-based) of the
  // original phrase, and the nearest forms the language knows at that point.
  bool ok = false;
  std::size_t stop_byte = 0;
  std::size_t stop_column = 0;
  std::vector<std::string> suggestions;

  bool understood() const { return ok; }
};

ParseResult parse(std::string_view phrase, const ParseOptions& opts = {});

}  // namespace roadmap::deadline
