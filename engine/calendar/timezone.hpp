// Time zones by IANA name, read from the system zoneinfo. The only place that knows which library
// provides them (Howard Hinnant's date/tz today; C++20 std::chrono zones once the toolchain has them).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace roadmap::calendar {

// True when `name` is a zone (or a link to one) of the system time-zone database: "Europe/Moscow".
bool is_known_time_zone(std::string_view name);

// Every zone and link name of the database, sorted; for "did you mean" suggestions.
const std::vector<std::string>& time_zone_names();

}  // namespace roadmap::calendar
