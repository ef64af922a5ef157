// The bundled Russian production calendar (plans/calendars/ru.yaml), loaded once for the tests
// of the reports and of the web application.
#pragma once
#include <stdexcept>
#include <string>

#include "calendar/production_calendar.hpp"

namespace roadmap::testing {

inline const calendar::ProductionCalendar& ru_calendar() {
  static const auto cal = [] {
    auto load = calendar::load_calendar_file(std::string(ROADMAP_SOURCE_DIR) + "/plans/calendars/ru.yaml");
    if (!load.ok()) throw std::runtime_error("calendar");
    return *load.calendar;
  }();
  return cal;
}

}  // namespace roadmap::testing
