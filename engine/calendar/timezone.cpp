// Time zones through date/tz (USE_OS_TZDB: the system's /usr/share/zoneinfo).
#include "calendar/timezone.hpp"

#include <date/tz.h>

#include <algorithm>
#include <exception>
#include <string_view>

namespace roadmap::calendar {

bool is_known_time_zone(std::string_view name) {
  if (name.empty()) return false;
  try {
    return date::locate_zone(name) != nullptr;
  } catch (const std::exception&) {
    return false;  // locate_zone reports an unknown name by throwing
  }
}

const std::vector<std::string>& time_zone_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    try {
      const auto& db = date::get_tzdb();
      for (const auto& z : db.zones) {
        // The system zoneinfo also holds the posix/ and right/ copies of every zone: not names to suggest.
        std::string_view n = z.name();
        if (n.rfind("posix/", 0) == 0 || n.rfind("right/", 0) == 0) continue;
        out.emplace_back(n);
      }
      // With USE_OS_TZDB the links of the system zoneinfo are files too, so they are among the zones.
    } catch (const std::exception&) {
      // No database on this machine: no suggestions, is_known_time_zone says false.
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }();
  return names;
}

}  // namespace roadmap::calendar
