// The assessment-event calendar: kinds map onto the deadline language's event bits ("ОП" is any
// assessment procedure), events keep their dates inside their school year, named schedules are
// found by any of their names; each bad input is located, every problem reported in one run.
#include <gtest/gtest.h>

#include <string>

#include "deadline/schedule.hpp"
#include "i18n/catalogue.hpp"
#include "load/event_calendar_loader.hpp"

using namespace roadmap;
using namespace std::chrono;

namespace {

const char* kGood = R"(format: 1
calendar:
  id: test
  territory: Тестовый округ
kinds:
  - id: МДР
    name: муниципальные диагностические работы
    maps_to: [ДКР]
  - id: Пробный ЕГЭ
    maps_to: [ЕГЭ]
    assessment: false
years:
  - school_year: 2023-2024
    events:
      - {kind: ИС(И)-11, grade: 11, stage: main, date: 2023-12-06}
      - {kind: итоговое сочинение, stage: additional, dates: [2024-02-07, 2024-04-10]}
      - {kind: ВПР, subject: математика, grade: [4, 5], from: 2024-04-16, to: 2024-05-17}
      - {kind: МДР, date: 2023-10-18}
      - {kind: ВсОШ, stage: municipal, from: 2023-11-07, to: 2023-12-20}
      - {kind: Пробный ЕГЭ, date: 2024-03-14}
schedules:
  - id: visits
    name: график выездов
    aliases: [по утвержденному графику]
    entries:
      - {date: 2023-11-15, title: выезд, target: МКОУ СОШ №1}
      - {from: 2023-10-02, to: 2023-10-06, title: неделя выездов}
)";

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::vector<diag::Diagnostic> with_key(const diag::Diagnostics& ds, const std::string& key) {
  std::vector<diag::Diagnostic> out;
  for (const auto& d : ds.items())
    if (d.what.key == key) out.push_back(d);
  return out;
}

diag::Diagnostic only_error(const std::string& text, const std::string& key, int line, int column) {
  auto load = load::load_event_calendar_text(text, "events.yaml");
  EXPECT_FALSE(load.calendar.has_value());
  EXPECT_EQ(load.diagnostics.error_count(), 1u) << diag::render_all(load.diagnostics, i18n::Lang::en);
  auto found = with_key(load.diagnostics, key);
  EXPECT_EQ(found.size(), 1u) << diag::render_all(load.diagnostics, i18n::Lang::en);
  if (found.empty()) return {};
  EXPECT_EQ(found[0].where.file, "events.yaml");
  EXPECT_EQ(found[0].where.line, line) << key;
  EXPECT_EQ(found[0].where.column, column) << key;
  EXPECT_FALSE(found[0].hints.empty()) << key;
  EXPECT_TRUE(i18n::has(key));
  return found[0];
}

std::string hints_en(const diag::Diagnostic& d) {
  std::string out;
  for (const auto& h : d.hints) out += i18n::format(i18n::Lang::en, h.key, h.args) + "\n";
  return out;
}

model::Date D(int y, unsigned m, unsigned d) { return year{y} / month{m} / day{d}; }

}  // namespace

TEST(EventKinds, MapOntoTheDeadlineEventBits) {
  EXPECT_EQ(model::event_bits_of("ВПР"), deadline::ev_vpr);
  EXPECT_EQ(model::event_bits_of("ОГЭ"), deadline::ev_oge | deadline::ev_gia);
  EXPECT_EQ(model::event_bits_of("ЕГЭ"), deadline::ev_ege | deadline::ev_gia);
  EXPECT_EQ(model::event_bits_of("гвэ-9"), deadline::ev_gve | deadline::ev_gia);
  EXPECT_EQ(model::event_bits_of("ИС-9"), deadline::ev_is9);
  EXPECT_EQ(model::event_bits_of("ИС(И)-11"), deadline::ev_is11);
  EXPECT_EQ(model::event_bits_of("ИС-11"), deadline::ev_is11);
  EXPECT_EQ(model::event_bits_of("ДКР"), deadline::ev_dkr);
  EXPECT_EQ(model::event_bits_of("КДР"), deadline::ev_kdr);
  EXPECT_EQ(model::event_bits_of("НИКО"), deadline::ev_niko);
  EXPECT_EQ(model::event_bits_of("МСИ"), deadline::ev_msi);
  EXPECT_EQ(model::event_bits_of("ВсОШ"), deadline::ev_vsosh);
  EXPECT_EQ(model::event_bits_of("PISA"), deadline::ev_pisa | deadline::ev_msi);
  EXPECT_EQ(model::event_bits_of("ОП"), deadline::ev_op);
  EXPECT_EQ(model::event_bits_of("В\u0406Р"), deadline::ev_vpr);  // seed 003's "ВІР" with a Cyrillic І
  EXPECT_EQ(model::event_bits_of("ПВР"), 0u);
  // Every bit of the deadline language but ОП has a built-in kind.
  std::uint32_t covered = 0;
  for (const auto& k : model::builtin_event_kinds()) covered |= k.bits;
  EXPECT_EQ(covered | deadline::ev_op, (1u << deadline::kEventCount) - 1);
}

TEST(EventKinds, WhatADeadlineAsksForMatches) {
  const auto vpr = model::event_bits_of("ВПР"), oge = model::event_bits_of("ОГЭ"), olymp = model::event_bits_of("ВсОШ");
  EXPECT_TRUE(model::event_matches(deadline::ev_op, vpr, true));
  EXPECT_FALSE(model::event_matches(deadline::ev_op, olymp, false));  // an olympiad is no ОП
  EXPECT_TRUE(model::event_matches(deadline::ev_vsosh, olymp, false));
  EXPECT_TRUE(model::event_matches(deadline::ev_gia, oge, true));
  EXPECT_FALSE(model::event_matches(deadline::ev_gia, vpr, true));
  EXPECT_TRUE(model::event_matches(deadline::ev_vpr | deadline::ev_gia, oge, true));  // "ВПР, ГИА"
  EXPECT_FALSE(model::event_matches(deadline::ev_ege, oge, true));
}

TEST(EventCalendarLoad, AGoodFileLoads) {
  auto load = load::load_event_calendar_text(kGood, "events.yaml");
  ASSERT_TRUE(load.ok()) << diag::render_all(load.diagnostics, i18n::Lang::en);
  EXPECT_TRUE(load.diagnostics.empty());
  const model::EventCalendar& c = *load.calendar;
  // `dates` gives one event a day; events come in date order with canonical kind ids.
  ASSERT_EQ(c.events.size(), 7u);
  EXPECT_EQ(c.events[0].kind, "МДР");
  EXPECT_EQ(c.events[0].first, D(2023, 10, 18));
  EXPECT_EQ(c.events[2].kind, "ИС(И)-11");
  EXPECT_EQ(c.events[2].stage, model::EventStage::main);
  EXPECT_EQ(c.events[3].kind, "ИС(И)-11");  // written as "итоговое сочинение"
  EXPECT_EQ(c.events[3].first, D(2024, 2, 7));
  const auto& vpr = c.events[6];
  EXPECT_EQ(vpr.kind, "ВПР");
  EXPECT_EQ(vpr.subject, "математика");
  EXPECT_EQ(vpr.grades, (std::vector<int>{4, 5}));
  EXPECT_EQ(vpr.first, D(2024, 4, 16));
  EXPECT_EQ(vpr.last, D(2024, 5, 17));
  EXPECT_EQ(vpr.school_year, 2023);
  // The territory's kinds: МДР answers to ДКР and to ОП; the trial ЕГЭ to ЕГЭ, but is no ОП.
  EXPECT_EQ(c.bits_of("муниципальные диагностические работы"), deadline::ev_dkr);
  EXPECT_EQ(c.matching(deadline::ev_dkr, D(2023, 9, 1), D(2024, 8, 31)).size(), 1u);
  EXPECT_EQ(c.matching(deadline::ev_ege, D(2023, 9, 1), D(2024, 8, 31)).size(), 1u);
  EXPECT_EQ(c.matching(deadline::ev_op, D(2023, 9, 1), D(2024, 8, 31)).size(), 5u);  // not ВсОШ, not the trial
  // An event overlapping the edge of the asked span counts.
  EXPECT_EQ(c.matching(deadline::ev_vpr, D(2024, 5, 17), D(2024, 6, 1)).size(), 1u);
  EXPECT_EQ(c.matching(deadline::ev_vpr, D(2024, 5, 18), D(2024, 6, 1)).size(), 0u);
  // Schedules by name or alias, entries in date order.
  const model::NamedSchedule* s = c.find_schedule("По утверждённому графику");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->id, "visits");
  ASSERT_EQ(s->entries.size(), 2u);
  EXPECT_EQ(s->entries[0].first, D(2023, 10, 2));
  EXPECT_EQ(s->entries[0].last, D(2023, 10, 6));
  EXPECT_EQ(s->entries[1].target, "МКОУ СОШ №1");
}

TEST(EventCalendarLoad, AnEventKindNobodyDefined) {
  auto d = only_error(replace(kGood, "{kind: ВПР,", "{kind: ВРП,"), "events.err.unknown_kind", 17, 16);
  EXPECT_NE(hints_en(d).find("did you mean: ВПР"), std::string::npos) << hints_en(d);
  EXPECT_NE(hints_en(d).find("kinds"), std::string::npos);
  // A territory's kind is known once defined, and only then.
  auto m = only_error(replace(kGood, "  - id: МДР\n", "  - id: МДР-1\n"), "events.err.unknown_kind", 18, 16);
  EXPECT_EQ(m.what.args, (std::vector<std::string>{"МДР"}));
  // "ОП" means any kind, so no event is of kind ОП.
  only_error(replace(kGood, "{kind: МДР,", "{kind: ОП,"), "events.err.op_kind", 18, 16);
}

TEST(EventCalendarLoad, KindDefinitions) {
  auto b = only_error(replace(kGood, "    maps_to: [ДКР]", "    aliases: [впр]\n    maps_to: [ДКР]"), "events.err.builtin_kind", 8, 15);
  EXPECT_EQ(b.what.args, (std::vector<std::string>{"впр", "ВПР"}));
  auto d2 = only_error(replace(kGood, "    maps_to: [ЕГЭ]", "    aliases: [мдр]\n    maps_to: [ЕГЭ]"), "events.err.duplicate_kind", 10, 15);
  EXPECT_EQ(d2.what.args, (std::vector<std::string>{"мдр", "6"}));
  auto d = only_error(replace(kGood, "maps_to: [ДКР]", "maps_to: [ДРК]"), "events.err.maps_to", 8, 15);
  EXPECT_NE(hints_en(d).find("ДКР"), std::string::npos);
  only_error(replace(kGood, "assessment: false", "assessment: no"), "load.err.enum", 11, 17);
}

TEST(EventCalendarLoad, DatesAndRanges) {
  // A range that ends before it starts.
  only_error(replace(kGood, "from: 2024-04-16, to: 2024-05-17", "from: 2024-05-17, to: 2024-04-16"),
             "events.err.range_order", 17, 79);
  // A date outside its school year (1 September 2023 - 31 August 2024).
  auto d = only_error(replace(kGood, "date: 2023-12-06", "date: 2024-12-06"), "events.err.outside_year", 15, 56);
  EXPECT_EQ(d.what.args, (std::vector<std::string>{"2024-12-06", "2023-2024"}));
  only_error(replace(kGood, "dates: [2024-02-07, 2024-04-10]", "dates: [2024-02-07, 2024-09-01]"),
             "events.err.outside_year", 16, 75);
  only_error(replace(kGood, "from: 2023-11-07, to: 2023-12-20", "from: 2023-08-31, to: 2023-12-20"),
             "events.err.outside_year", 19, 46);
  // Neither or both forms of a date.
  only_error(replace(kGood, ", date: 2023-10-18}", "}"), "events.err.date_form", 18, 9);
  only_error(replace(kGood, "date: 2023-10-18}", "date: 2023-10-18, from: 2023-10-01, to: 2023-10-02}"),
             "events.err.date_form", 18, 9);
  only_error(replace(kGood, "date: 2023-10-18}", "date: 18.10.2023}"), "load.err.date_format", 18, 27);
  // Grades are 1 to 11.
  only_error(replace(kGood, "grade: [4, 5]", "grade: [4, 12]"), "events.err.grade", 17, 53);
  // A school year described twice, or malformed.
  only_error(replace(kGood, "schedules:\n", "  - school_year: 2023/2024\n    events: []\nschedules:\n"),
             "events.err.duplicate_year", 21, 18);
  only_error(replace(kGood, "school_year: 2023-2024", "school_year: 2023-2025"), "load.err.school_year", 13, 18);
}

TEST(EventCalendarLoad, Schedules) {
  only_error(replace(kGood, "{from: 2023-10-02, to: 2023-10-06,", "{from: 2023-10-06, to: 2023-10-02,"),
             "events.err.range_order", 27, 32);
  only_error(replace(kGood, "{date: 2023-11-15, title", "{title"), "events.err.entry_date_form", 26, 9);
  const std::string two = replace(kGood, "schedules:\n",
                                  "schedules:\n  - id: meetings\n    name: план совещаний\n"
                                  "    aliases: [График выездов]\n    entries: []\n");
  only_error(two, "events.err.duplicate_schedule", 27, 11);
}

TEST(EventCalendarLoad, ScheduleTargetsAgainstADirectory) {
  auto cal = load::load_event_calendar_text(kGood, "events.yaml");
  ASSERT_TRUE(cal.ok());
  model::Directory dir;
  dir.source_file = "dir.yaml";
  model::School s;
  s.id = "sosh-1";
  s.short_name = "МКОУ СОШ №1";
  dir.schools.push_back(s);
  dir.reindex();
  EXPECT_TRUE(load::check_schedule_targets(*cal.calendar, dir).empty());
  dir.schools[0].short_name = "МКОУ СОШ №2";
  dir.reindex();
  auto ds = load::check_schedule_targets(*cal.calendar, dir);
  ASSERT_EQ(ds.error_count(), 1u);
  EXPECT_EQ(ds.items()[0].where.file, "events.yaml");
  EXPECT_EQ(ds.items()[0].where.line, 26);
  EXPECT_EQ(ds.items()[0].what.args, (std::vector<std::string>{"МКОУ СОШ №1", "dir.yaml"}));
}

TEST(EventCalendarLoad, EveryProblemInOneRun) {
  std::string text = replace(kGood, "{kind: ВПР,", "{kind: ВРП,");
  text = replace(text, "date: 2023-12-06", "date: 2024-12-06");
  text = replace(text, "  id: test\n", "  id: test\n  titel: x\n");
  auto load = load::load_event_calendar_text(text, "events.yaml");
  EXPECT_FALSE(load.calendar.has_value());
  EXPECT_EQ(load.diagnostics.error_count(), 3u) << diag::render_all(load.diagnostics, i18n::Lang::en);
  auto unknown = with_key(load.diagnostics, "load.err.unknown_key");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_NE(hints_en(unknown[0]).find("title"), std::string::npos);
  EXPECT_NE(diag::render_all(load.diagnostics, i18n::Lang::ru).find("вне 2023-2024 учебного года"), std::string::npos);
}
