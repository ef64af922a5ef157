#include "calendar/local_time.hpp"

#include <date/tz.h>

#include <exception>

namespace roadmap::calendar {

LocalDateTime to_local(std::chrono::sys_seconds t, std::string_view tz) {
  using namespace std::chrono;
  sys_seconds wall = t;  // the local wall clock, counted as if it were UTC
  if (!tz.empty()) {
    try {
      const auto* zone = date::locate_zone(tz);
      wall = t + zone->get_info(date::sys_seconds{t.time_since_epoch()}).offset;
    } catch (const std::exception&) {
      // not a known zone: UTC
    }
  }
  auto day = floor<days>(wall);
  hh_mm_ss<seconds> hms{wall - day};
  return {year_month_day{day}, static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
          static_cast<int>(hms.seconds().count())};
}

std::chrono::year_month_day local_today(std::string_view tz) {
  return to_local(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()), tz).date;
}

}  // namespace roadmap::calendar
