// Dates a document gets wrong are failures located at the wrong part, never silently corrected:
// a day the month does not have, a window that ends before it starts, a day with a misspelt month.
#include <gtest/gtest.h>

#include "deadline/parse.hpp"

using namespace roadmap::deadline;

TEST(InvalidDates, DayTheMonthDoesNotHaveIsNotMovedSilently) {
  for (const char* phrase : {"31 февраля 2024", "до 31 апреля", "не позднее 30 февраля", "до 31.06.2023",
                             "до 29 февраля 2023 г."}) {
    auto r = parse(phrase);
    EXPECT_FALSE(r.understood()) << phrase;
  }
  EXPECT_TRUE(parse("до 29 февраля 2024 г.").understood());  // a leap year
  EXPECT_TRUE(parse("до 30 апреля").understood());
  EXPECT_TRUE(parse("до 31.05.2024").understood());
}

TEST(InvalidDates, WindowThatEndsBeforeItStartsStopsAtItsLastYear) {
  auto r = parse("сентябрь 2023 г. – май 2023 г.");
  EXPECT_FALSE(r.understood());
  EXPECT_TRUE(r.schedule.clauses.empty());
  // "сентябрь 2023 г. – май " is 23 characters: the stop is at the second "2023".
  EXPECT_EQ(r.stop_column, 23u);
  EXPECT_FALSE(r.suggestions.empty());
  EXPECT_FALSE(parse("декабрь 2023 - январь 2023").understood());
  EXPECT_TRUE(parse("декабрь 2023 - январь 2024").understood());
  EXPECT_TRUE(parse("сентябрь 2023 г. – май 2024 г.").understood());
}

TEST(InvalidDates, MisspeltMonthAfterADayStopsAtTheMonth) {
  auto r = parse("до 10 янвяря 2023");
  EXPECT_FALSE(r.understood());
  EXPECT_EQ(r.stop_column, 6u);  // "янвяря", not the day before it
  bool close = false;
  for (const auto& s : r.suggestions) close |= s.find("января") != std::string::npos;
  EXPECT_TRUE(close);
}
