#include "reports/overdue.hpp"

#include "calendar/local_time.hpp"

namespace roadmap::reports {

using namespace std::chrono;

Clock Clock::fixed(Date today) {
  Clock c{sys_seconds{sys_days{today}}};
  c.fixed_ = today;
  return c;
}

Clock Clock::system() {
  return Clock{floor<seconds>(system_clock::now())};
}

std::pair<Date, Date> Clock::today_range() const {
  if (fixed_) return {*fixed_, *fixed_};
  auto utc = floor<days>(now_);
  return {Date{utc - days{1}}, Date{utc + days{1}}};
}

Date Clock::today(std::string_view tz) const {
  if (fixed_) return *fixed_;
  auto it = cache_.find(tz);
  if (it != cache_.end()) return it->second;
  Date d = calendar::to_local(now_, tz).date;  // UTC for an empty or unknown zone
  cache_.emplace(std::string(tz), d);
  return d;
}

Mark OverdueRule::mark(const store::ReportTask& t) const {
  if (t.status == "done") {
    if (t.due && t.done_on && sys_days{*t.done_on} > sys_days{*t.due}) return Mark::done_late;
    return Mark::done_on_time;
  }
  if (t.waiting != "none" || !t.due) return Mark::open;
  return sys_days{*t.due} < sys_days{clock_.today(t.timezone)} ? Mark::overdue : Mark::open;
}

std::optional<long> OverdueRule::working_days_late(Date due, Date until) const {
  if (sys_days{until} <= sys_days{due}) return 0;
  std::pair<int, int> key{sys_days{due}.time_since_epoch().count(), sys_days{until}.time_since_epoch().count()};
  if (auto it = late_cache_.find(key); it != late_cache_.end()) return it->second;
  std::optional<long> n;
  if (cal_.missing_years(due, until).empty()) n = cal_.working_days_between(due, until);
  late_cache_.emplace(key, n);
  return n;
}

std::optional<Date> OverdueRule::counted_from(Date until) const {
  if (!cal_.covers(until.year())) return std::nullopt;
  year y = until.year();
  while (cal_.covers(y - years{1})) y -= years{1};
  return Date{y / January / 1};
}

std::optional<long> OverdueRule::days_late(const store::ReportTask& t) const {
  switch (mark(t)) {
    case Mark::overdue:
      return working_days_late(*t.due, today(t));
    case Mark::done_late:
      return working_days_late(*t.due, *t.done_on);
    default:
      return 0;
  }
}

}  // namespace roadmap::reports
