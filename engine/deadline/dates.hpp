// Concrete dates of a schedule for the plan's school year or calendar years, where the schedule
// alone decides them; otherwise what is still needed (an event calendar, a binding, a request).
#pragma once

#include <chrono>
#include <cstddef>
#include <vector>

#include "deadline/parse.hpp"

namespace roadmap::deadline {

enum class Need : std::uint8_t {
  none,            // first..last are the dates
  plan_period,     // the plan has no school year / years to place the clause in
  event_calendar,  // the dates of the assessment events
  item_binding,    // the item the clause is tied to
  schedule_binding,// the external schedule
  demand,          // happens on demand: no dates in advance
};

struct Occurrence {
  std::size_t clause = 0;
  Need need = Need::none;
  std::chrono::year_month_day first{};
  std::chrono::year_month_day last{};
  bool operator==(const Occurrence&) const = default;
};

// One occurrence per window / period / year; a clause that cannot be dated gives one
// occurrence naming what it needs.
std::vector<Occurrence> dates(const Schedule& schedule, const ParseOptions& opts);

}  // namespace roadmap::deadline
