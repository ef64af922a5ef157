// The production calendar ("производственный календарь"): which days are working days in Russia,
// year by year, and the working-day arithmetic the scheduler needs (Civil Code art. 193 shifts,
// "the last working day of the window", counting and adding working days). The data lives in
// plans/calendars/*.yaml (format: plans/README.md, "Working-day calendar"); a territory adds or
// removes days with an overrides file. A date in a year the calendar does not cover is an error
// (NotCovered), never a weekend-only guess.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.hpp"

namespace roadmap::calendar {

using Date = std::chrono::year_month_day;
using Days = std::chrono::sys_days;

// What a day is, after the holidays, the transfers and the decrees of its year.
enum class DayKind {
  working,                // Monday to Friday, nothing special
  working_weekend,        // a Saturday or Sunday made a working day (a transfer, a territory)
  weekend,                // Saturday or Sunday
  holiday,                // a non-working public holiday (Labour Code art. 112, or a regional one)
  day_off,                // a weekday made a day off (a transfer, a territory)
  non_working_by_decree,  // a weekday the President declared non-working with pay (spring 2020)
};

// How non_working_by_decree days count. The Supreme Court (review No. 1 of 21.04.2020, question 3)
// held they are neither days off nor holidays, so a legal term (art. 193) does not move off them;
// yet nobody was at work, so for planning work they are days off. Plans default to the latter.
enum class DecreeDays { non_working, working };

// A normative act a day comes from: "постановление" No. 1314 of 10.08.2023, "указ" No. 206 ...
struct Act {
  std::string kind;  // "постановление", "указ", "закон"; empty = the year's Government decree
  std::string number;  // as printed; empty when not known (never invented)
  std::optional<Date> date;
  std::string title;
};

// Where a calendar entry was written (for the messages of later checks).
struct Origin {
  std::string file;
  int line = 0;
  int column = 0;
};

struct DayInfo {
  DayKind kind = DayKind::working;
  bool shortened = false;  // one hour shorter (art. 95): a working day before a holiday
  std::string note;        // "перенос с 2024-11-02", "Ураза-байрам", the act's wording ...
};

// One covered year, as its file declares it (kept for `roadmap` to show and for tests).
struct YearInfo {
  std::chrono::year year;
  bool provisional = false;  // the decree is not confirmed: results may change
  std::optional<Act> decree;
  std::optional<int> published_working_days;
  std::optional<int> published_hours_40;
  Origin origin;
};

// Thrown by every query about a date in a year the calendar does not cover. Callers that take
// dates from users check `covers` / `missing_years` first and report a located diagnostic; the
// exception is then a programmer error, as the conventions ask.
class NotCovered : public std::out_of_range {
 public:
  explicit NotCovered(std::chrono::year y);
  std::chrono::year year() const { return year_; }
  // "calendar.err.not_covered" with its arguments, for a diagnostic in the user's language.
  diag::Message message() const;

 private:
  std::chrono::year year_;
};

class ProductionCalendar {
 public:
  ProductionCalendar() = default;

  const std::string& id() const { return id_; }
  const std::string& title() const { return title_; }

  bool covers(std::chrono::year y) const { return years_.count(static_cast<int>(y)) != 0; }
  // Every year of [first, last] the calendar does not cover, in order.
  std::vector<std::chrono::year> missing_years(Date first, Date last) const;
  std::vector<YearInfo> years() const;
  const YearInfo* year_info(std::chrono::year y) const;
  // True when any year of [first, last] is provisional.
  bool provisional(Date first, Date last) const;

  // How non_working_by_decree days count in every query below (default: non-working).
  DecreeDays decree_days() const { return decree_days_; }
  ProductionCalendar with_decree_days(DecreeDays policy) const;

  DayKind kind(Date d) const;
  DayInfo info(Date d) const;
  bool is_working_day(Date d) const;
  bool is_shortened(Date d) const;  // a working day one hour shorter

  // Civil Code art. 193: a term whose last day is a non-working day ends on the next working day.
  Date next_working_day_on_or_after(Date d) const;
  // "Due on the last working day inside the window": the window's end, or the working day before.
  Date last_working_day_on_or_before(Date d) const;
  // Working days in (from, to] when from <= to; minus the count in (to, from] otherwise. So
  // working_days_between(d, add_working_days(d, n)) == n.
  long working_days_between(Date from, Date to) const;
  // Working days in [first, last] (0 when last < first): a month's, a year's count.
  long count_working_days(Date first, Date last) const;
  // The n-th working day after d (n > 0), before d (n < 0), d itself (n == 0). The day d is not
  // counted (Civil Code art. 191: a term starts the day after the event).
  Date add_working_days(Date d, long n) const;
  // The norm of hours in [first, last] for a 40-hour five-day week: 8 a working day, 7 a shortened.
  long working_hours_40(Date first, Date last) const;

  // --- building (used by the loaders and by tests; a calendar is otherwise read-only)
  struct Entry {
    DayKind kind = DayKind::working;
    bool shortened = false;
    std::string note;
  };
  void set_identity(std::string id, std::string title);
  void add_year(YearInfo info);
  // Replaces what is known of the day. The day's year must be covered.
  void set_day(Date d, Entry e);
  void set_shortened(Date d, bool shortened);
  void set_decree_days(DecreeDays policy);
  const Entry* entry(Date d) const;

 private:
  void require(Date d) const;
  bool working(Days d) const;

  std::string id_;
  std::string title_;
  std::map<int, YearInfo> years_;
  std::map<Days, Entry> days_;  // only the days that differ from the weekday rule, or shortened
  DecreeDays decree_days_ = DecreeDays::non_working;
};

// A territory's changes to a base calendar (plans/README.md): days made off, days made working,
// extra shortened days, each located in its file.
struct OverrideDay {
  Date date;
  std::string note;
  Origin origin;
};
struct CalendarOverrides {
  std::string id;
  std::string title;
  std::string base;  // id of the calendar it applies to; empty = any
  std::string file;
  std::vector<OverrideDay> days_off;
  std::vector<OverrideDay> working_days;
  std::vector<OverrideDay> shortened;
};

struct CalendarLoad {
  std::optional<ProductionCalendar> calendar;  // set only when diagnostics has no errors
  diag::Diagnostics diagnostics;
  bool ok() const { return calendar.has_value() && !diagnostics.has_errors(); }
};
struct OverridesLoad {
  std::optional<CalendarOverrides> overrides;  // set only when diagnostics has no errors
  diag::Diagnostics diagnostics;
  bool ok() const { return overrides.has_value() && !diagnostics.has_errors(); }
};

struct CalendarLoadOptions {
  std::size_t max_bytes = 4u << 20;  // a calendar is a few kilobytes a year
};

CalendarLoad load_calendar_file(const std::string& path, const CalendarLoadOptions& options = {});
// `display_name` is what messages call the file.
CalendarLoad load_calendar_text(std::string_view text, const std::string& display_name,
                                const CalendarLoadOptions& options = {});
OverridesLoad load_overrides_file(const std::string& path, const CalendarLoadOptions& options = {});
OverridesLoad load_overrides_text(std::string_view text, const std::string& display_name,
                                  const CalendarLoadOptions& options = {});

// The base calendar with a territory's changes. Every problem (a day in a year the base does not
// cover, a day made off twice, a base of another id ...) is reported; the result carries a
// calendar only when there is none, so nothing is half-applied.
CalendarLoad apply_overrides(const ProductionCalendar& base, const CalendarOverrides& overrides);

// "2024-08-31", for messages and notes.
std::string to_string(Date d);
// Strict "YYYY-MM-DD" with a real calendar date; nullopt otherwise.
std::optional<Date> parse_date(std::string_view text);

}  // namespace roadmap::calendar
