// Wall-clock time in an assignee's zone: what "today" means for a task and how an audit record's
// UTC moment reads for people. Zones come from date/tz, as in timezone.hpp.
#pragma once

#include <chrono>
#include <string_view>

namespace roadmap::calendar {

// A wall-clock moment in some zone.
struct LocalDateTime {
  std::chrono::year_month_day date;
  int hour = 0, minute = 0, second = 0;
};

// The wall clock in `tz` at the UTC moment `t`; UTC itself when `tz` is empty or not a known zone.
LocalDateTime to_local(std::chrono::sys_seconds t, std::string_view tz);

// Today's date in `tz` (UTC when `tz` is empty or unknown).
std::chrono::year_month_day local_today(std::string_view tz);

}  // namespace roadmap::calendar
