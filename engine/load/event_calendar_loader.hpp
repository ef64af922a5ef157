// Loads an assessment-event calendar file (plans/README.md, "Organisation directory and
// assessment-event calendar") into model::EventCalendar: events of known kinds with dates or date
// ranges inside their school year, and named external schedules ("график выездов") as dated
// lists. Every problem is located; the result carries the calendar only when there are no errors.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostic.hpp"
#include "model/directory.hpp"

namespace roadmap::load {

struct EventCalendarLoadOptions {
  std::size_t max_bytes = 16u << 20;
};

struct EventCalendarLoad {
  std::optional<model::EventCalendar> calendar;  // set only when diagnostics has no errors
  diag::Diagnostics diagnostics;
  bool ok() const { return calendar.has_value() && !diagnostics.has_errors(); }
};

EventCalendarLoad load_event_calendar_file(const std::string& path, const EventCalendarLoadOptions& options = {});
// `display_name` is what messages call the file.
EventCalendarLoad load_event_calendar_text(std::string_view text, const std::string& display_name,
                                           const EventCalendarLoadOptions& options = {});

// The entries of named schedules that name a body or school (`target`) the directory does not
// know, located in the calendar's file.
diag::Diagnostics check_schedule_targets(const model::EventCalendar& calendar, const model::Directory& directory);

}  // namespace roadmap::load
