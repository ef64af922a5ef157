// Concrete dates of a reading within the plan's period, and what is needed where the phrase alone
// does not decide them; the user-facing description built on them.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "deadline/dates.hpp"
#include "deadline/describe.hpp"

namespace roadmap::deadline {
namespace {

using namespace std::chrono;

year_month_day ymd(int y, int m, int d) {
  return year{y} / month{static_cast<unsigned>(m)} / day{static_cast<unsigned>(d)};
}

struct Span {
  year_month_day first, last;
};

std::vector<Span> spans(const char* phrase, const ParseOptions& o) {
  ParseResult r = parse(phrase, o);
  EXPECT_TRUE(r.understood()) << phrase;
  std::vector<Span> out;
  for (const auto& occ : dates(r.schedule, o)) {
    EXPECT_EQ(occ.need, Need::none) << phrase;
    out.push_back({occ.first, occ.last});
  }
  return out;
}

ParseOptions school_year(int start, HalfYear h = HalfYear::school) {
  ParseOptions o;
  o.school_year_start = start;
  o.half_year = h;
  return o;
}

TEST(Dates, MonthsFallInTheSchoolYear) {
  auto s = spans("январь-март", school_year(2021));
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].first, ymd(2022, 1, 1));
  EXPECT_EQ(s[0].last, ymd(2022, 3, 31));
  s = spans("сентябрь", school_year(2021));
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].first, ymd(2021, 9, 1));
  EXPECT_EQ(s[0].last, ymd(2021, 9, 30));
}

TEST(Dates, MonthsWithoutYearRepeatInEveryCalendarYear) {
  ParseOptions o;
  o.years = {2023, 2024};
  auto s = spans("январь, июль", o);
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].first, ymd(2023, 1, 1));
  EXPECT_EQ(s[1].first, ymd(2024, 1, 1));
  EXPECT_EQ(s[3].last, ymd(2024, 7, 31));
}

TEST(Dates, ExplicitYearsNeedNoContext) {
  auto s = spans("Апрель-июнь 2023, 2024 гг.", {});
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].first, ymd(2023, 4, 1));
  EXPECT_EQ(s[1].last, ymd(2024, 6, 30));
  s = spans("до 10 января 2023 г", {});
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].last, ymd(2023, 1, 10));
  s = spans("декабрь 2023 - январь 2024", {});
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].first, ymd(2023, 12, 1));
  EXPECT_EQ(s[0].last, ymd(2024, 1, 31));
}

TEST(Dates, HalfYearsFollowTheSetting) {
  auto school = spans("не реже 1 раза в полугодие", school_year(2023, HalfYear::school));
  ASSERT_EQ(school.size(), 2u);
  EXPECT_EQ(school[0].first, ymd(2023, 9, 1));
  EXPECT_EQ(school[0].last, ymd(2023, 12, 31));
  EXPECT_EQ(school[1].last, ymd(2024, 8, 31));
  auto cal = spans("не реже 1 раза в полугодие", school_year(2023, HalfYear::calendar));
  ASSERT_EQ(cal.size(), 3u);  // Sep-Dec 2023 (clipped), Jan-Jun 2024, Jul-Aug 2024 (clipped)
  EXPECT_EQ(cal[1].first, ymd(2024, 1, 1));
  EXPECT_EQ(cal[1].last, ymd(2024, 6, 30));
}

TEST(Dates, QuartersAndMonthlyDueDays) {
  auto q = spans("не реже 1 раза в квартал", school_year(2023));
  // calendar quarters clipped to the school year: Sep, Oct-Dec, Jan-Mar, Apr-Jun, Jul-Aug
  ASSERT_EQ(q.size(), 5u);
  EXPECT_EQ(q[4].last, ymd(2024, 8, 31));
  EXPECT_EQ(q[0].first, ymd(2023, 9, 1));
  EXPECT_EQ(q[0].last, ymd(2023, 9, 30));
  EXPECT_EQ(q[1].first, ymd(2023, 10, 1));
  auto m = spans("до 25 числа каждого месяца", school_year(2023));
  ASSERT_EQ(m.size(), 12u);
  EXPECT_EQ(m[0].last, ymd(2023, 9, 25));
  auto p = spans("I квартал", school_year(2023));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].first, ymd(2024, 1, 1));
  EXPECT_EQ(p[0].last, ymd(2024, 3, 31));
  auto e = spans("к началу учебного года", school_year(2023));
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].last, ymd(2023, 9, 1));
}

TEST(Dates, WhatIsNeededWhenThePhraseAloneDoesNotDecide) {
  struct Case {
    const char* phrase;
    Need need;
  };
  const Case cases[] = {
      {"после каждой ОП", Need::event_calendar},
      {"в течение месяца после завершения анализа", Need::item_binding},
      {"по утвержденному графику", Need::schedule_binding},
      {"по мере необходимости", Need::demand},
      {"сентябрь", Need::plan_period},
  };
  for (const auto& c : cases) {
    ParseResult r = parse(c.phrase);
    ASSERT_TRUE(r.understood());
    auto occ = dates(r.schedule, {});
    ASSERT_EQ(occ.size(), 1u) << c.phrase;
    EXPECT_EQ(occ[0].need, c.need) << c.phrase;
  }
}

TEST(Describe, ReadingForAUserInBothLanguages) {
  Description d = describe("сентябрь, повторно - после каждой ОП", school_year(2023), Lang::ru);
  ASSERT_TRUE(d.understood);
  ASSERT_EQ(d.readings.size(), 2u);
  EXPECT_NE(d.readings[0].find("сентябрь"), std::string::npos);
  EXPECT_NE(d.canonical.find("после каждой оценочной процедуры (ОП)"), std::string::npos);
  ASSERT_EQ(d.dates.size(), 2u);
  EXPECT_NE(d.dates[0].find("01.09.2023 – 30.09.2023"), std::string::npos);
  Description en = describe("сентябрь", school_year(2023), Lang::en);
  EXPECT_EQ(en.canonical, "September of each year of the plan");

  Description bad = describe("в течени года", {}, Lang::ru);
  EXPECT_FALSE(bad.understood);
  EXPECT_EQ(bad.caret, "  ^");
  EXPECT_FALSE(bad.suggestions.empty());
  EXPECT_NE(describe_line("в течени года", {}, Lang::en).find("column 3"), std::string::npos);
  EXPECT_EQ(describe_line("ежегодно", {}, Lang::ru), "ежегодно");
}

}  // namespace
}  // namespace roadmap::deadline
