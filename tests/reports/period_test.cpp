// --period forms and their errors.
#include <gtest/gtest.h>

#include "reports/error.hpp"
#include "reports/period.hpp"

namespace {

using namespace std::chrono;
using roadmap::reports::parse_period;

std::string error_key(const std::string& text) {
  try {
    parse_period(text);
  } catch (const roadmap::reports::Error& e) {
    return e.message().key;
  }
  return "no error";
}

TEST(Period, Forms) {
  auto range = parse_period("2023-09-01..2024-08-31");
  EXPECT_EQ(range.first, 2023y / September / 1);
  EXPECT_EQ(range.last, 2024y / August / 31);
  auto month = parse_period("2024-02");
  EXPECT_EQ(month.first, 2024y / February / 1);
  EXPECT_EQ(month.last, 2024y / February / 29);  // a leap year
  auto q = parse_period("2024-Q4");
  EXPECT_EQ(q.first, 2024y / October / 1);
  EXPECT_EQ(q.last, 2024y / December / 31);
  auto y = parse_period("2023");
  EXPECT_EQ(y.first, 2023y / January / 1);
  EXPECT_EQ(y.last, 2023y / December / 31);
  auto school = parse_period("2023-2024");
  EXPECT_EQ(school.first, 2023y / September / 1);
  EXPECT_EQ(school.last, 2024y / August / 31);
  auto day = parse_period(" 2024-01-09..2024-01-09 ");
  EXPECT_EQ(day.first, day.last);
  EXPECT_EQ(roadmap::reports::period_text(school), "01.09.2023 – 31.08.2024");
}

TEST(Period, ErrorsSayWhichFormIsExpected) {
  EXPECT_EQ(error_key("2024-08-31..2023-09-01"), "report.err.period_reversed");
  EXPECT_EQ(error_key("2024-02-30..2024-03-01"), "report.err.period_date");
  EXPECT_EQ(error_key("2024-13"), "report.err.period_date");
  EXPECT_EQ(error_key("2024-Q5"), "report.err.period_date");
  EXPECT_EQ(error_key("2024-2023"), "report.err.period_school_year");
  EXPECT_EQ(error_key("2023-2025"), "report.err.period_school_year");
  EXPECT_EQ(error_key("last month"), "report.err.period_form");
  EXPECT_EQ(error_key(""), "report.err.period_form");
  EXPECT_EQ(error_key("2024-1-5..2024-02-01"), "report.err.period_form");
  EXPECT_EQ(error_key("01.09.2023..31.08.2024"), "report.err.period_form");
  try {
    parse_period("вчера");
    FAIL();
  } catch (const roadmap::reports::Error& e) {
    ASSERT_EQ(e.message().args.size(), 1u);
    EXPECT_EQ(e.message().args[0], "вчера");
  }
}

}  // namespace
