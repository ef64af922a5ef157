// The calendar loader: bad files are reported with file, line and column in Russian and English,
// every problem in one run, and nothing is returned half-read; territory overrides add and remove
// days on top of the base calendar.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
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

// A small valid calendar: 2024 as the decree has it.
const char* kGood2024 = R"(format: 1
calendar:
  id: test
  title: Test
  years:
    - year: 2024
      decree: {number: "1314", date: 2023-08-10}
      holidays: [2024-01-01, 2024-01-02, 2024-01-03, 2024-01-04, 2024-01-05, 2024-01-06, 2024-01-07,
                 2024-01-08, 2024-02-23, 2024-03-08, 2024-05-01, 2024-05-09, 2024-06-12, 2024-11-04]
      transfers:
        - {from: 2024-01-06, to: 2024-05-10}
        - {from: 2024-01-07, to: 2024-12-31}
        - {from: 2024-04-27, to: 2024-04-29}
        - {from: 2024-11-02, to: 2024-04-30}
        - {from: 2024-12-28, to: 2024-12-30}
      shortened: [2024-02-22, 2024-03-07, 2024-05-08, 2024-06-11, 2024-11-02]
      published: {working_days: 248, hours_40: 1979}
)";

// The diagnostics with `key`, rendered in English.
std::vector<diag::Diagnostic> with_key(const diag::Diagnostics& ds, const std::string& key) {
  std::vector<diag::Diagnostic> out;
  for (const auto& d : ds.items()) {
    if (d.what.key == key) out.push_back(d);
  }
  return out;
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

}  // namespace

TEST(CalendarLoad, AGoodFileLoads) {
  auto load = load_calendar_text(kGood2024, "test.yaml");
  ASSERT_TRUE(load.ok()) << diag::render_all(load.diagnostics, i18n::Lang::en);
  EXPECT_EQ(load.calendar->count_working_days(D(2024, 1, 1), D(2024, 12, 31)), 248);
  EXPECT_FALSE(load.calendar->covers(year{2023}));
}

TEST(CalendarLoad, EveryErrorIsLocatedAndAllAreReported) {
  std::string text = kGood2024;
  text = replace(text, "2024-03-08, 2024-05-01", "2024-03-08, 2024-02-30");  // line 8: not a date
  text = replace(text, "{from: 2024-04-27, to: 2024-04-29}", "{from: 2024-04-26, to: 2024-04-29}");  // Friday
  text = replace(text, "title: Test", "titel: Test");  // unknown key
  auto load = load_calendar_text(text, "bad.yaml");
  EXPECT_FALSE(load.ok());
  EXPECT_FALSE(load.calendar.has_value());

  auto bad_date = with_key(load.diagnostics, "calendar.err.bad_date");
  ASSERT_EQ(bad_date.size(), 1u) << diag::render_all(load.diagnostics, i18n::Lang::en);
  EXPECT_EQ(bad_date[0].where.file, "bad.yaml");
  EXPECT_EQ(bad_date[0].where.line, 9);
  EXPECT_EQ(bad_date[0].where.column, 54);
  EXPECT_EQ(bad_date[0].where.field, "calendar.years[1].holidays[11]");

  auto from = with_key(load.diagnostics, "calendar.err.transfer_from");
  ASSERT_EQ(from.size(), 1u);
  EXPECT_EQ(from[0].where.line, 13);
  EXPECT_EQ(from[0].what.args, std::vector<std::string>{"2024-04-26"});

  auto unknown = with_key(load.diagnostics, "calendar.err.unknown_key");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].where.line, 4);
  EXPECT_EQ(unknown[0].where.column, 3);

  // The missing 1 May is caught by the published counts too.
  EXPECT_EQ(with_key(load.diagnostics, "calendar.err.published_days").size(), 1u);

  const std::string ru = diag::render_all(load.diagnostics, i18n::Lang::ru);
  const std::string en = diag::render_all(load.diagnostics, i18n::Lang::en);
  EXPECT_NE(ru.find("bad.yaml:9:54: ошибка: «2024-02-30» — не дата календаря"), std::string::npos) << ru;
  EXPECT_NE(ru.find("запишите дату как ГГГГ-ММ-ДД"), std::string::npos) << ru;
  EXPECT_NE(en.find("bad.yaml:9:54: error: '2024-02-30' is not a calendar date"), std::string::npos) << en;
  EXPECT_NE(en.find("bad.yaml:4:3: error: unknown field 'titel'"), std::string::npos) << en;
}

TEST(CalendarLoad, ColumnsCountCharactersNotBytes) {
  std::string text = replace(kGood2024, "title: Test", "title: Тест календаря");
  text = replace(text, "{from: 2024-01-06, to: 2024-05-10}",
                 "{from: 2024-01-06, to: 2024-05-10, note: Перенос, basis: указ}");
  auto load = load_calendar_text(text, "cyr.yaml");
  auto basis = with_key(load.diagnostics, "calendar.err.bad_basis");
  ASSERT_EQ(basis.size(), 1u) << diag::render_all(load.diagnostics, i18n::Lang::en);
  // "        - {from: 2024-01-06, to: 2024-05-10, note: Перенос, basis: указ}": 'указ' starts at
  // character 68 (byte 75).
  EXPECT_EQ(basis[0].where.line, 11);
  EXPECT_EQ(basis[0].where.column, 68);
}

TEST(CalendarLoad, LabourCodeRulesAreChecked) {
  // 2023: 4 November is a Saturday; without the transfer to 6 November the file is wrong.
  const char* text = R"(format: 1
calendar:
  id: t
  years:
    - year: 2023
      holidays: [2023-01-01, 2023-02-23, 2023-11-04]
      transfers:
        - {from: 2023-03-04, to: 2023-02-23}
        - {from: 2023-01-01, to: 2023-02-24, basis: labour_code}
        - {from: 2023-03-11, to: 2023-03-13, basis: labour_code}
        - {from: 2023-03-18, to: 2023-03-18}
      shortened: [2023-02-25]
)";
  auto load = load_calendar_text(text, "lc.yaml");
  EXPECT_FALSE(load.ok());
  auto not_moved = with_key(load.diagnostics, "calendar.err.holiday_not_moved");
  ASSERT_EQ(not_moved.size(), 1u) << diag::render_all(load.diagnostics, i18n::Lang::en);
  EXPECT_EQ(not_moved[0].what.args, std::vector<std::string>{"2023-11-04"});
  ASSERT_EQ(not_moved[0].hints.size(), 1u);
  EXPECT_EQ(not_moved[0].hints[0].args, (std::vector<std::string>{"2023-11-04", "2023-11-06"}));
  EXPECT_EQ(with_key(load.diagnostics, "calendar.err.transfer_to_holiday").size(), 1u);
  EXPECT_EQ(with_key(load.diagnostics, "calendar.err.labour_code_not_holiday").size(), 1u);  // 11 March
  EXPECT_EQ(with_key(load.diagnostics, "calendar.err.transfer_to").size(), 1u);              // to a Saturday
  EXPECT_EQ(with_key(load.diagnostics, "calendar.err.shortened_not_working").size(), 1u);    // Saturday
  // 22 February is the eve of 23 February and not marked shortened: a warning, not an error.
  auto warn = with_key(load.diagnostics, "calendar.warn.not_shortened");
  ASSERT_EQ(warn.size(), 2u);  // 22 February and 3 November
  EXPECT_EQ(warn[0].severity, diag::Severity::warning);
  const std::string en = diag::render_all(load.diagnostics, i18n::Lang::en);
  EXPECT_NE(en.find("add {from: 2023-11-04, to: 2023-11-06, basis: labour_code} to transfers"),
            std::string::npos)
      << en;
}

TEST(CalendarLoad, PublishedCountsMustMatch) {
  auto load = load_calendar_text(replace(kGood2024, "hours_40: 1979", "hours_40: 1980"), "p.yaml");
  EXPECT_FALSE(load.ok());
  auto h = with_key(load.diagnostics, "calendar.err.published_hours");
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].what.args, (std::vector<std::string>{"2024", "1980", "1979"}));
  EXPECT_EQ(h[0].where.line, 6);
}

TEST(CalendarLoad, StructureErrors) {
  struct Case {
    const char* text;
    const char* key;
    int line;
  };
  const Case cases[] = {
      {"format: 2\ncalendar: {id: x, years: [{year: 2024}]}\n", "calendar.err.format", 1},
      {"format: 1\n", "calendar.err.missing", 1},
      {"format: 1\ncalendar: {id: x}\n", "calendar.err.missing", 2},
      {"format: 1\ncalendar: {id: x, years: {year: 2024}}\n", "calendar.err.want_list", 2},
      {"format: 1\ncalendar: {id: x, years: [{year: 24}]}\n", "calendar.err.bad_year", 2},
      {"format: 1\ncalendar:\n  id: x\n  years:\n    - year: 2024\n    - year: 2024\n",
       "calendar.err.duplicate_year", 6},
      {"format: 1\ncalendar:\n  id: x\n  years:\n    - year: 2024\n      provisional: maybe\n",
       "calendar.err.bad_bool", 6},
      {"format: 1\ncalendar:\n  id: x\n  years:\n    - year: 2024\n      holidays: [2025-01-01]\n",
       "calendar.err.outside_year", 6},
      {"format: 1\ncalendar:\n  id: x\n  years:\n    - year: 2024\n      holidays: [2024-01-01, "
       "2024-01-01]\n",
       "calendar.err.duplicate_date", 6},
      {"format: 1\ncalendar:\n  id: x\n  years:\n    - year: 2020\n      non_working_by_decree: [{date: "
       "2020-06-24, from: 2020-06-01, to: 2020-06-02}]\n",
       "calendar.err.range_form", 6},
      {"format: 1\ncalendar:\n  id: x\n  years:\n    - year: 2020\n      non_working_by_decree: [{from: "
       "2020-06-05, to: 2020-06-02}]\n",
       "calendar.err.range_order", 6},
      {"format: 1\ncalendar:\n  id: x\n  years:\n    - year: 2024\n      published: {working_days: many}\n",
       "calendar.err.bad_int", 6},
      {"format: 1\ncalendar:\n  id: x\n  id: y\n  years: [{year: 2024}]\n", "calendar.err.duplicate_key", 4},
      {"format: 1\ncalendar: [1, 2\n", "calendar.err.syntax", 0},
      {"", "calendar.err.empty", 0},
      {"format: 1\ncalendar: {id: \"\xff\"}\n", "calendar.err.utf8", 2},
  };
  for (const auto& c : cases) {
    auto load = load_calendar_text(c.text, "s.yaml");
    EXPECT_FALSE(load.ok()) << c.text;
    auto hits = with_key(load.diagnostics, c.key);
    ASSERT_FALSE(hits.empty()) << c.key << "\n" << diag::render_all(load.diagnostics, i18n::Lang::en);
    if (c.line > 0) {
      EXPECT_EQ(hits[0].where.line, c.line) << c.key;
    }
    EXPECT_FALSE(hits[0].hints.empty()) << c.key;
    for (const auto& d : load.diagnostics.items()) {
      EXPECT_TRUE(i18n::has(d.what.key)) << d.what.key;
      for (const auto& h : d.hints) EXPECT_TRUE(i18n::has(h.key)) << h.key;
    }
  }
}

TEST(CalendarLoad, TooBigDeepAndMissingFiles) {
  CalendarLoadOptions small;
  small.max_bytes = 100;
  auto big = load_calendar_text(kGood2024, "big.yaml", small);
  EXPECT_EQ(with_key(big.diagnostics, "calendar.err.too_big").size(), 1u);

  std::string deep = "format: 1\ncalendar: " + std::string(5000, '[') + std::string(5000, ']') + "\n";
  auto d = load_calendar_text(deep, "deep.yaml");
  EXPECT_FALSE(d.ok());
  EXPECT_FALSE(d.diagnostics.items().empty());

  auto missing = load_calendar_file("/nonexistent/calendar.yaml");
  ASSERT_EQ(with_key(missing.diagnostics, "calendar.err.open").size(), 1u);
  EXPECT_EQ(missing.diagnostics.items()[0].where.file, "/nonexistent/calendar.yaml");
}

// --- territory overrides

namespace {
const char* kTatarstan = R"(format: 1
overrides:
  id: tatarstan
  title: Республика Татарстан
  base: test
  days_off:
    - {date: 2024-04-10, note: Ураза-байрам}
    - {date: 2024-06-17, note: Курбан-байрам}
    - {date: 2024-08-30, note: День Республики Татарстан}
  working_days:
    - {date: 2024-12-30, note: example of a day made working}
  shortened: [2024-04-09]
)";
}  // namespace

TEST(CalendarOverrides, AddAndRemoveDays) {
  auto base = load_calendar_text(kGood2024, "test.yaml");
  ASSERT_TRUE(base.ok());
  auto ov = load_overrides_text(kTatarstan, "tatarstan.yaml");
  ASSERT_TRUE(ov.ok()) << diag::render_all(ov.diagnostics, i18n::Lang::en);
  auto applied = apply_overrides(*base.calendar, *ov.overrides);
  ASSERT_TRUE(applied.ok()) << diag::render_all(applied.diagnostics, i18n::Lang::en);
  const auto& cal = *applied.calendar;
  EXPECT_EQ(cal.kind(D(2024, 4, 10)), DayKind::day_off);
  EXPECT_EQ(cal.info(D(2024, 8, 30)).note, "День Республики Татарстан");
  EXPECT_TRUE(cal.is_working_day(D(2024, 12, 30)));
  EXPECT_TRUE(cal.is_shortened(D(2024, 4, 9)));
  EXPECT_EQ(cal.count_working_days(D(2024, 1, 1), D(2024, 12, 31)), 248 - 3 + 1);
  // Art. 193 over the territory's calendar: Friday 30 August 2024 is off there.
  EXPECT_EQ(cal.next_working_day_on_or_after(D(2024, 8, 30)), D(2024, 9, 2));
  EXPECT_EQ(cal.last_working_day_on_or_before(D(2024, 8, 31)), D(2024, 8, 29));
  // The base is unchanged.
  EXPECT_TRUE(base.calendar->is_working_day(D(2024, 8, 30)));
}

TEST(CalendarOverrides, ProblemsAreReportedAndNothingIsApplied) {
  auto base = load_calendar_text(kGood2024, "test.yaml");
  ASSERT_TRUE(base.ok());
  const char* text = R"(format: 1
overrides:
  id: t
  base: other
  days_off: [2024-04-10, 2025-04-01]
  working_days: [2024-04-10, 2024-04-11]
  shortened: [2024-04-13]
)";
  auto ov = load_overrides_text(text, "t.yaml");
  ASSERT_TRUE(ov.ok()) << diag::render_all(ov.diagnostics, i18n::Lang::en);
  auto applied = apply_overrides(*base.calendar, *ov.overrides);
  EXPECT_FALSE(applied.ok());
  EXPECT_FALSE(applied.calendar.has_value());
  EXPECT_EQ(with_key(applied.diagnostics, "calendar.err.base_mismatch").size(), 1u);
  auto uncovered = with_key(applied.diagnostics, "calendar.err.override_not_covered");
  ASSERT_EQ(uncovered.size(), 1u);
  EXPECT_EQ(uncovered[0].where.file, "t.yaml");
  EXPECT_EQ(uncovered[0].where.line, 5);
  EXPECT_EQ(with_key(applied.diagnostics, "calendar.err.override_both").size(), 1u);
  EXPECT_EQ(with_key(applied.diagnostics, "calendar.warn.already_working").size(), 1u);       // 11 April
  EXPECT_EQ(with_key(applied.diagnostics, "calendar.err.shortened_not_working").size(), 1u);  // Saturday

  auto bad = load_overrides_text("format: 1\noverrides: {id: t, days_of: [2024-01-09]}\n", "b.yaml");
  EXPECT_FALSE(bad.ok());
  ASSERT_EQ(with_key(bad.diagnostics, "calendar.err.unknown_key").size(), 1u);
  const std::string ru = diag::render_all(bad.diagnostics, i18n::Lang::ru);
  EXPECT_NE(ru.find("допустимые поля здесь: id, title, base, note, days_off, working_days, shortened"),
            std::string::npos)
      << ru;
}

TEST(CalendarOverrides, FromFiles) {
  const std::string dir = ::testing::TempDir();
  const std::string base_path = dir + "/calendar_base.yaml";
  const std::string ov_path = dir + "/calendar_ov.yaml";
  std::ofstream(base_path) << kGood2024;
  std::ofstream(ov_path) << kTatarstan;
  auto base = load_calendar_file(base_path);
  ASSERT_TRUE(base.ok());
  auto ov = load_overrides_file(ov_path);
  ASSERT_TRUE(ov.ok());
  EXPECT_EQ(ov.overrides->file, ov_path);
  auto applied = apply_overrides(*base.calendar, *ov.overrides);
  ASSERT_TRUE(applied.ok());
  EXPECT_FALSE(applied.calendar->is_working_day(D(2024, 6, 17)));
}
