// When a task is overdue (issue 5): it is open (planned or in progress, not waiting for an item or a
// schedule) and its due date is before "today" where its assignee works (the task's time zone). How
// late it is counts working days of the production calendar after the due date up to today, so a
// task due on Friday 29.12.2023 is one working day late on 09.01.2024. A task done after its due
// date stays visible as done late, by the working days between the two.
#pragma once
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "calendar/production_calendar.hpp"
#include "store/report_queries.hpp"

namespace roadmap::reports {

using Date = std::chrono::year_month_day;

enum class Mark { done_on_time, done_late, overdue, open };

// "Today": the local date at one UTC instant in each zone, or one fixed date everywhere (--today).
class Clock {
 public:
  explicit Clock(std::chrono::sys_seconds now) : now_(now) {}
  static Clock fixed(Date today);
  static Clock system();
  // The date in zone `tz` (an unknown or empty zone counts as UTC).
  Date today(std::string_view tz) const;
  std::optional<Date> fixed_date() const { return fixed_; }
  // The earliest and the latest date today() can give for any zone: the fixed date twice, else
  // the UTC date a day either side (every zone is less than a day from UTC).
  std::pair<Date, Date> today_range() const;
  std::chrono::sys_seconds now() const { return now_; }

 private:
  std::chrono::sys_seconds now_;
  std::optional<Date> fixed_;
  mutable std::map<std::string, Date, std::less<>> cache_;
};

class OverdueRule {
 public:
  OverdueRule(const calendar::ProductionCalendar& cal, const Clock& clock) : cal_(cal), clock_(clock) {}
  Mark mark(const store::ReportTask& t) const;
  bool overdue(const store::ReportTask& t) const { return mark(t) == Mark::overdue; }
  // Working days in (due, until]: "просрочено на N рабочих дней". Nullopt when the calendar does not
  // cover the years in between (never a weekend-only guess).
  std::optional<long> working_days_late(Date due, Date until) const;
  // The earliest due date whose working days up to `until` the calendar can count (1 January of the
  // first year of the covered run ending with until's year); nullopt when until's year is not covered.
  std::optional<Date> counted_from(Date until) const;
  // For an overdue task: working days from its due date to today in its zone; for a task done late:
  // to its done date; 0 otherwise.
  std::optional<long> days_late(const store::ReportTask& t) const;
  Date today(const store::ReportTask& t) const { return clock_.today(t.timezone); }
  const Clock& clock() const { return clock_; }
  const calendar::ProductionCalendar& calendar() const { return cal_; }

 private:
  const calendar::ProductionCalendar& cal_;
  const Clock& clock_;
  // (due, until) -> count: the calendar walks day by day, and a region's tasks share few due dates.
  mutable std::map<std::pair<int, int>, std::optional<long>> late_cache_;
};

}  // namespace roadmap::reports
