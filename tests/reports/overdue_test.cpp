// When a task is overdue: in working days of the bundled production calendar, in the task's own
// time zone.
#include <gtest/gtest.h>

#include <chrono>

#include "ru_calendar.hpp"
#include "calendar/production_calendar.hpp"
#include "reports/overdue.hpp"

namespace {

using namespace std::chrono;
using roadmap::reports::Clock;
using roadmap::reports::Mark;
using roadmap::reports::OverdueRule;
using roadmap::store::ReportTask;

using roadmap::testing::ru_calendar;

ReportTask task(year_month_day due, std::string tz = "Europe/Moscow") {
  ReportTask t;
  t.id = 1;
  t.status = "planned";
  t.waiting = "none";
  t.due = due;
  t.timezone = std::move(tz);
  return t;
}

sys_seconds utc(int y, unsigned m, unsigned d, int h, int min = 0) {
  return sys_seconds{sys_days{year{y} / month{m} / day{d}}} + hours{h} + minutes{min};
}

TEST(Overdue, AcrossTheNewYearHolidaysOneWorkingDay) {
  const auto& cal = ru_calendar();
  // The calendar itself: 30 Dec 2023 - 8 Jan 2024 are days off, 9 Jan is a working day.
  for (auto d = sys_days{2023y / December / 30}; d <= sys_days{2024y / January / 8}; d += days{1})
    EXPECT_FALSE(cal.is_working_day(year_month_day{d})) << roadmap::calendar::to_string(year_month_day{d});
  EXPECT_TRUE(cal.is_working_day(2024y / January / 9));

  auto t = task(2023y / December / 29);  // a Friday
  Clock on_9th = Clock::fixed(2024y / January / 9);
  OverdueRule rule(cal, on_9th);
  EXPECT_EQ(rule.mark(t), Mark::overdue);
  EXPECT_EQ(rule.days_late(t), 1);

  // During the holidays it is overdue (the due date has passed) by no working day yet.
  Clock on_3rd = Clock::fixed(2024y / January / 3);
  OverdueRule holidays(cal, on_3rd);
  EXPECT_EQ(holidays.mark(t), Mark::overdue);
  EXPECT_EQ(holidays.days_late(t), 0);

  // On the due day itself it is not overdue.
  Clock on_due = Clock::fixed(2023y / December / 29);
  EXPECT_EQ(OverdueRule(cal, on_due).mark(t), Mark::open);

  // 10 Jan: two working days.
  Clock on_10th = Clock::fixed(2024y / January / 10);
  EXPECT_EQ(OverdueRule(cal, on_10th).days_late(t), 2);
}

TEST(Overdue, SameInstantVladivostokOverdueMoscowNotYet) {
  const auto& cal = ru_calendar();
  // 15:30 UTC on Thursday 14 March 2024: 18:30 in Moscow, already 01:30 on Friday 15 March in Vladivostok.
  Clock clock{utc(2024, 3, 14, 15, 30)};
  OverdueRule rule(cal, clock);
  auto moscow = task(2024y / March / 14, "Europe/Moscow");
  auto vladivostok = task(2024y / March / 14, "Asia/Vladivostok");
  EXPECT_EQ(rule.mark(moscow), Mark::open);
  EXPECT_EQ(rule.mark(vladivostok), Mark::overdue);
  EXPECT_EQ(rule.days_late(vladivostok), 1);
  EXPECT_EQ(rule.today(moscow), 2024y / March / 14);
  EXPECT_EQ(rule.today(vladivostok), 2024y / March / 15);
  // Three hours later Moscow's day has ended too.
  Clock later{utc(2024, 3, 14, 21, 0)};
  EXPECT_EQ(OverdueRule(cal, later).mark(moscow), Mark::overdue);
}

TEST(Overdue, DoneLateStaysVisibleAndClosedOrWaitingTasksAreNotOverdue) {
  const auto& cal = ru_calendar();
  Clock clock = Clock::fixed(2024y / June / 1);
  OverdueRule rule(cal, clock);
  auto late = task(2024y / March / 29);  // Friday
  late.status = "done";
  late.done_on = 2024y / April / 2;  // Tuesday: two working days late
  EXPECT_EQ(rule.mark(late), Mark::done_late);
  EXPECT_EQ(rule.days_late(late), 2);

  auto on_time = task(2024y / March / 29);
  on_time.status = "done";
  on_time.done_on = 2024y / March / 29;
  EXPECT_EQ(rule.mark(on_time), Mark::done_on_time);
  EXPECT_EQ(rule.days_late(on_time), 0);

  auto waiting = task(2024y / March / 29);
  waiting.waiting = "item";
  EXPECT_EQ(rule.mark(waiting), Mark::open);

  auto undated = task(2024y / March / 29);
  undated.due.reset();
  EXPECT_EQ(rule.mark(undated), Mark::open);

  auto started = task(2024y / March / 29);
  started.status = "in_progress";
  EXPECT_EQ(rule.mark(started), Mark::overdue);
}

TEST(Overdue, ACalendarThatDoesNotCoverTheYearsGivesNoCount) {
  const auto& cal = ru_calendar();
  Clock clock = Clock::fixed(2099y / January / 10);
  OverdueRule rule(cal, clock);
  auto t = task(2098y / December / 1);
  EXPECT_EQ(rule.mark(t), Mark::overdue);
  EXPECT_EQ(rule.days_late(t), std::nullopt);
}

}  // namespace
