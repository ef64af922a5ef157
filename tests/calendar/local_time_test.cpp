// to_local / local_today: the wall clock where the assignee works at one UTC moment.
#include <gtest/gtest.h>

#include <chrono>

#include "calendar/local_time.hpp"

namespace {

using namespace std::chrono;
using roadmap::calendar::local_today;
using roadmap::calendar::to_local;

sys_seconds at(int y, unsigned m, unsigned d, int h, int min = 0) {
  return sys_seconds{sys_days{year{y} / month{m} / day{d}}} + hours{h} + minutes{min};
}

TEST(LocalTime, WallClockInTheZone) {
  auto t = at(2026, 11, 25, 20, 5);
  auto msk = to_local(t, "Europe/Moscow");
  EXPECT_EQ(msk.date, year{2026} / November / day{25});
  EXPECT_EQ(msk.hour, 23);
  EXPECT_EQ(msk.minute, 5);
  auto vl = to_local(t, "Asia/Vladivostok");
  EXPECT_EQ(vl.date, year{2026} / November / day{26});
  EXPECT_EQ(vl.hour, 6);
  EXPECT_EQ(vl.minute, 5);
}

TEST(LocalTime, EmptyOrUnknownZoneIsUtc) {
  auto t = at(2024, 2, 29, 23, 59) + seconds{7};
  for (const char* tz : {"", "Europe/Atlantis"}) {
    auto l = to_local(t, tz);
    EXPECT_EQ(l.date, year{2024} / February / day{29}) << tz;
    EXPECT_EQ(l.hour, 23);
    EXPECT_EQ(l.minute, 59);
    EXPECT_EQ(l.second, 7);
  }
}

TEST(LocalTime, TodayIsNowInTheZone) {
  // Within a day of the UTC date, and equal to to_local(now) (retried once across a midnight).
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto now = floor<seconds>(system_clock::now());
    auto expected = to_local(now, "Asia/Kamchatka").date;
    if (local_today("Asia/Kamchatka") == expected) return;
  }
  ADD_FAILURE() << "local_today differs from to_local(now)";
}

}  // namespace
