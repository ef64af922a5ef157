// The shipped Russian production calendar (plans/calendars/ru.yaml) against the officially published
// facts of every year 2018-2027, and the working-day arithmetic the scheduler relies on.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "calendar/production_calendar.hpp"
#include "i18n/catalogue.hpp"

using namespace roadmap;
using namespace roadmap::calendar;
using namespace std::chrono;

namespace {

Date D(int y, unsigned m, unsigned d) {
  return year{y} / month{m} / day{d};
}

const ProductionCalendar& ru() {
  static const ProductionCalendar cal = [] {
    auto load = load_calendar_file(std::string(ROADMAP_SOURCE_DIR) + "/plans/calendars/ru.yaml");
    if (!load.ok()) ADD_FAILURE() << diag::render_all(load.diagnostics, i18n::Lang::en);
    return load.calendar.value_or(ProductionCalendar{});
  }();
  return cal;
}

long working_days_in_year(const ProductionCalendar& cal, int y) {
  return cal.count_working_days(D(y, 1, 1), D(y, 12, 31));
}

}  // namespace

TEST(RuCalendar, LoadsWithoutDiagnosticsAndCoversEveryYear2018To2027) {
  auto load = load_calendar_file(std::string(ROADMAP_SOURCE_DIR) + "/plans/calendars/ru.yaml");
  ASSERT_TRUE(load.ok()) << diag::render_all(load.diagnostics, i18n::Lang::en);
  EXPECT_TRUE(load.diagnostics.empty()) << diag::render_all(load.diagnostics, i18n::Lang::en);
  EXPECT_EQ(load.calendar->id(), "ru");
  for (int y = 2018; y <= 2027; ++y) EXPECT_TRUE(load.calendar->covers(year{y})) << y;
  EXPECT_FALSE(load.calendar->covers(year{2017}));
  EXPECT_FALSE(load.calendar->covers(year{2028}));
  EXPECT_EQ(load.calendar->years().size(), 10u);
}

// Working days and the 40-hour-week norm as the Ministry of Labour and the legal reference systems
// publish them. 2020 and 2021 count the President's non-working days as working, as published.
TEST(RuCalendar, WorkingDaysAndHoursMatchThePublishedCalendars) {
  struct Fact {
    int year;
    long days;
    long hours;
  };
  const Fact facts[] = {{2018, 247, 1970}, {2019, 247, 1970}, {2020, 248, 1979},
                        {2021, 247, 1972}, {2022, 247, 1973}, {2023, 247, 1973},
                        {2024, 248, 1979}, {2025, 247, 1972}, {2026, 247, 1972}};
  const auto legal = ru().with_decree_days(DecreeDays::working);
  for (const auto& f : facts) {
    EXPECT_EQ(working_days_in_year(legal, f.year), f.days) << f.year;
    EXPECT_EQ(legal.working_hours_40(D(f.year, 1, 1), D(f.year, 12, 31)), f.hours) << f.year;
  }
  // 2027 is provisional (decree No. 1187 of 17.09.2026 as other calendars give it): 247 days.
  EXPECT_EQ(working_days_in_year(legal, 2027), 247);
}

TEST(RuCalendar, DecreeDaysOf2020And2021AreNonWorkingForPlanningButNotForTheLaw) {
  const auto& plan = ru();  // default: non-working
  EXPECT_EQ(plan.decree_days(), DecreeDays::non_working);
  // 30 March - 30 April and 6-8 May 2020: 27 weekdays; 24 June and 1 July 2020.
  EXPECT_EQ(working_days_in_year(plan, 2020), 248 - 27 - 2);
  EXPECT_EQ(plan.kind(D(2020, 4, 15)), DayKind::non_working_by_decree);
  EXPECT_EQ(plan.kind(D(2020, 6, 24)), DayKind::non_working_by_decree);
  EXPECT_EQ(plan.kind(D(2020, 7, 1)), DayKind::non_working_by_decree);
  EXPECT_EQ(plan.kind(D(2020, 4, 4)), DayKind::weekend);  // a Saturday inside the period stays one
  EXPECT_EQ(plan.kind(D(2020, 5, 4)), DayKind::day_off);  // the transfer from 4 January
  EXPECT_FALSE(plan.is_working_day(D(2020, 3, 30)));
  EXPECT_EQ(plan.next_working_day_on_or_after(D(2020, 3, 30)), D(2020, 5, 12));
  // 4-7 May 2021 (decree No. 242).
  EXPECT_EQ(working_days_in_year(plan, 2021), 247 - 4);
  const auto legal = plan.with_decree_days(DecreeDays::working);
  EXPECT_TRUE(legal.is_working_day(D(2020, 4, 15)));
  EXPECT_EQ(legal.next_working_day_on_or_after(D(2020, 5, 2)), D(2020, 5, 6));
  // 30 April 2020 was a shortened pre-holiday day before it became non-working.
  EXPECT_TRUE(legal.is_shortened(D(2020, 4, 30)));
  EXPECT_FALSE(plan.is_shortened(D(2020, 4, 30)));
  EXPECT_FALSE(ru().is_working_day(D(2020, 4, 30)));
}

TEST(RuCalendar, Year2024TransfersAndShortenedDays) {
  const auto& c = ru();
  for (auto d : {D(2024, 4, 27), D(2024, 11, 2), D(2024, 12, 28)}) {
    EXPECT_TRUE(c.is_working_day(d)) << to_string(d);
    EXPECT_EQ(c.kind(d), DayKind::working_weekend) << to_string(d);
  }
  for (auto d : {D(2024, 4, 29), D(2024, 4, 30), D(2024, 5, 10), D(2024, 12, 30), D(2024, 12, 31)}) {
    EXPECT_EQ(c.kind(d), DayKind::day_off) << to_string(d);
  }
  EXPECT_EQ(c.kind(D(2024, 1, 6)), DayKind::holiday);
  EXPECT_TRUE(c.is_shortened(D(2024, 11, 2)));   // replaces 30 April, the eve of 1 May
  EXPECT_FALSE(c.is_shortened(D(2024, 4, 27)));  // replaces 29 April, not an eve
  EXPECT_FALSE(c.is_shortened(D(2024, 12, 28)));
  EXPECT_TRUE(c.is_shortened(D(2024, 2, 22)));
  EXPECT_FALSE(c.is_shortened(D(2024, 2, 21)));
}

TEST(RuCalendar, KnownFactsOfEveryYear) {
  const auto& c = ru();
  // 2018: Saturdays 28 April, 9 June, 29 December worked; 9 March, 30 April, 2 May, 11 June,
  // 31 December off; 4 November (Sunday) moved to 5 November.
  for (auto d : {D(2018, 4, 28), D(2018, 6, 9), D(2018, 12, 29)})
    EXPECT_TRUE(c.is_working_day(d)) << to_string(d);
  for (auto d :
       {D(2018, 3, 9), D(2018, 4, 30), D(2018, 5, 2), D(2018, 6, 11), D(2018, 12, 31), D(2018, 11, 5)}) {
    EXPECT_FALSE(c.is_working_day(d)) << to_string(d);
  }
  // 2019: 2, 3 and 10 May off (from 5, 6 January and 23 February).
  for (auto d : {D(2019, 5, 2), D(2019, 5, 3), D(2019, 5, 10)}) EXPECT_EQ(c.kind(d), DayKind::day_off);
  EXPECT_TRUE(c.is_working_day(D(2019, 2, 25)));  // 23 February went to 10 May, not to Monday
  // 2021: Saturday 20 February worked; 22 February, 3 and 10 May, 14 June, 5 November, 31 December off.
  EXPECT_EQ(c.kind(D(2021, 2, 20)), DayKind::working_weekend);
  for (auto d :
       {D(2021, 2, 22), D(2021, 5, 3), D(2021, 5, 10), D(2021, 6, 14), D(2021, 11, 5), D(2021, 12, 31)}) {
    EXPECT_EQ(c.kind(d), DayKind::day_off) << to_string(d);
  }
  for (unsigned d = 4; d <= 7; ++d) EXPECT_EQ(c.kind(D(2021, 5, d)), DayKind::non_working_by_decree) << d;
  // 2022: Saturday 5 March worked, 7 March off; 3 and 10 May off.
  EXPECT_TRUE(c.is_working_day(D(2022, 3, 5)));
  for (auto d : {D(2022, 3, 7), D(2022, 5, 2), D(2022, 5, 3), D(2022, 5, 10), D(2022, 6, 13)}) {
    EXPECT_FALSE(c.is_working_day(d)) << to_string(d);
  }
  EXPECT_TRUE(c.is_working_day(D(2022, 1, 10)));  // 8 January (Saturday) was not moved
  // 2023: 24 February and 8 May off; 6 November off (4 November was a Saturday).
  for (auto d : {D(2023, 2, 24), D(2023, 5, 8), D(2023, 11, 6)}) EXPECT_EQ(c.kind(d), DayKind::day_off);
  // 2025: 2 and 8 May, 13 June, 3 November, 31 December off; Saturday 1 November worked; 24 February
  // and 10 March are working days (the decree moved 23 February and 8 March elsewhere).
  for (auto d : {D(2025, 5, 2), D(2025, 5, 8), D(2025, 6, 13), D(2025, 11, 3), D(2025, 12, 31)}) {
    EXPECT_EQ(c.kind(d), DayKind::day_off) << to_string(d);
  }
  EXPECT_EQ(c.kind(D(2025, 11, 1)), DayKind::working_weekend);
  EXPECT_TRUE(c.is_working_day(D(2025, 2, 24)));
  EXPECT_TRUE(c.is_working_day(D(2025, 3, 10)));
  // 2026: 9 January and 31 December off, moved from 3 and 4 January; 9 March, 11 May off.
  for (auto d : {D(2026, 1, 9), D(2026, 12, 31), D(2026, 3, 9), D(2026, 5, 11)}) {
    EXPECT_EQ(c.kind(d), DayKind::day_off) << to_string(d);
  }
  EXPECT_EQ(c.next_working_day_on_or_after(D(2026, 1, 1)), D(2026, 1, 12));
}

TEST(RuCalendar, YearInfoKeepsDecreesAndProvisionalFlag) {
  const auto* y2024 = ru().year_info(year{2024});
  ASSERT_NE(y2024, nullptr);
  ASSERT_TRUE(y2024->decree.has_value());
  EXPECT_EQ(y2024->decree->number, "1314");
  EXPECT_EQ(y2024->decree->date, D(2023, 8, 10));
  EXPECT_FALSE(y2024->provisional);
  const auto* y2027 = ru().year_info(year{2027});
  ASSERT_NE(y2027, nullptr);
  EXPECT_TRUE(y2027->provisional);
  EXPECT_TRUE(ru().provisional(D(2026, 9, 1), D(2027, 8, 31)));
  EXPECT_FALSE(ru().provisional(D(2023, 9, 1), D(2024, 8, 31)));
  for (int y = 2018; y <= 2026; ++y) {
    const auto* info = ru().year_info(year{y});
    ASSERT_NE(info, nullptr);
    EXPECT_FALSE(info->provisional) << y;
    ASSERT_TRUE(info->decree.has_value()) << y;
    EXPECT_FALSE(info->decree->number.empty()) << y;
  }
}

// Civil Code art. 193: a term ending on a non-working day ends on the next working day.
TEST(WorkingDayArithmetic, Article193MovesToTheNextWorkingDay) {
  const auto& c = ru();
  EXPECT_EQ(c.next_working_day_on_or_after(D(2024, 8, 31)), D(2024, 9, 2));   // Saturday
  EXPECT_EQ(c.next_working_day_on_or_after(D(2024, 9, 2)), D(2024, 9, 2));    // already working
  EXPECT_EQ(c.next_working_day_on_or_after(D(2024, 4, 28)), D(2024, 5, 2));   // Sun, 29-30 Apr, 1 May
  EXPECT_EQ(c.next_working_day_on_or_after(D(2024, 12, 29)), D(2025, 1, 9));  // across the year
  EXPECT_EQ(c.next_working_day_on_or_after(D(2023, 11, 4)), D(2023, 11, 7));
}

// The example: "Август 2023, 2024 гг." is due on the last working day of each August.
TEST(WorkingDayArithmetic, LastWorkingDayOfAWindow) {
  const auto& c = ru();
  EXPECT_EQ(c.last_working_day_on_or_before(D(2023, 8, 31)), D(2023, 8, 31));
  EXPECT_EQ(c.last_working_day_on_or_before(D(2024, 8, 31)), D(2024, 8, 30));
  EXPECT_EQ(c.last_working_day_on_or_before(D(2024, 12, 31)), D(2024, 12, 28));  // working Saturday
  EXPECT_EQ(c.last_working_day_on_or_before(D(2025, 1, 8)), D(2024, 12, 28));
}

TEST(WorkingDayArithmetic, CountingAndAdding) {
  const auto& c = ru();
  EXPECT_EQ(c.count_working_days(D(2024, 5, 1), D(2024, 5, 31)), 20);  // May 2024
  EXPECT_EQ(c.count_working_days(D(2024, 5, 31), D(2024, 5, 1)), 0);
  EXPECT_EQ(c.working_days_between(D(2024, 8, 30), D(2024, 9, 2)), 1);
  EXPECT_EQ(c.working_days_between(D(2024, 9, 2), D(2024, 8, 30)), -1);
  EXPECT_EQ(c.working_days_between(D(2024, 9, 2), D(2024, 9, 2)), 0);
  // 10 working days after Friday 26 April 2024: 27 Apr (Sat, working), 2, 3, 6, 7, 8, 13, 14, 15, 16 May.
  EXPECT_EQ(c.add_working_days(D(2024, 4, 26), 10), D(2024, 5, 16));
  EXPECT_EQ(c.add_working_days(D(2024, 5, 16), -10), D(2024, 4, 26));
  EXPECT_EQ(c.add_working_days(D(2024, 8, 31), 0), D(2024, 8, 31));
  EXPECT_EQ(c.add_working_days(D(2024, 8, 30), 1), D(2024, 9, 2));
  for (long n : {1L, 5L, 30L, 247L, -1L, -17L, -200L}) {
    const Date start = D(2023, 6, 15);
    EXPECT_EQ(c.working_days_between(start, c.add_working_days(start, n)), n) << n;
  }
}

TEST(WorkingDayArithmetic, AYearOutsideTheCalendarIsAnErrorNotAGuess) {
  const auto& c = ru();
  EXPECT_THROW(c.is_working_day(D(2017, 12, 29)), NotCovered);
  EXPECT_THROW(c.is_working_day(D(2028, 1, 10)), NotCovered);
  EXPECT_THROW(c.next_working_day_on_or_after(D(2027, 12, 31)), NotCovered);  // runs into 2028
  EXPECT_THROW(c.last_working_day_on_or_before(D(2018, 1, 1)), NotCovered);   // runs into 2017
  EXPECT_THROW(c.add_working_days(D(2027, 12, 1), 30), NotCovered);
  EXPECT_THROW(c.count_working_days(D(2027, 12, 1), D(2028, 1, 31)), NotCovered);
  try {
    c.kind(D(2030, 5, 1));
    FAIL() << "no exception";
  } catch (const NotCovered& e) {
    EXPECT_EQ(e.year(), year{2030});
    const auto m = e.message();
    EXPECT_EQ(i18n::format(i18n::Lang::ru, m.key, m.args),
              "производственный календарь не охватывает 2030 год");
    EXPECT_EQ(i18n::format(i18n::Lang::en, m.key, m.args),
              "the production calendar does not cover the year 2030");
  }
  const auto missing = c.missing_years(D(2016, 9, 1), D(2019, 8, 31));
  ASSERT_EQ(missing.size(), 2u);
  EXPECT_EQ(missing[0], year{2016});
  EXPECT_EQ(missing[1], year{2017});
  EXPECT_TRUE(c.missing_years(D(2023, 9, 1), D(2024, 8, 31)).empty());
  EXPECT_THROW(ProductionCalendar{}.is_working_day(D(2024, 1, 9)), NotCovered);
}
