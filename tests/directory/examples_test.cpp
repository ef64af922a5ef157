// The example territories under examples/: every directory and event calendar loads without a
// diagnostic, every body a seed plan names resolves in its territory's directory, the named
// schedules the plans rely on are there, and the federal dates the calendars carry are the known ones.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "deadline/schedule.hpp"
#include "i18n/catalogue.hpp"
#include "load/directory_loader.hpp"
#include "load/event_calendar_loader.hpp"
#include "load/plan_loader.hpp"

using namespace roadmap;
using namespace std::chrono;

namespace {

struct Territory {
  const char* example;  // folder under examples/
  const char* plan;     // file under plans/
};

const Territory kTerritories[] = {
    {"otdel", "000-otdel-obrazovaniya-objectivity.yaml"},
    {"verkhny-tagil", "001-verkhny-tagil-msoko-2019.yaml"},
    {"levokumsky", "002-levokumsky-objectivity-2023.yaml"},
    {"khabarovsk", "003-khabarovsk-vpr-2021.yaml"},
    {"sosnovy-bor", "004-sosnovy-bor-objectivity-2020.yaml"},
};

std::string example_file(const Territory& t, const char* name) {
  return std::string(ROADMAP_SOURCE_DIR) + "/examples/" + t.example + "/" + name;
}

std::string rendered(const diag::Diagnostics& ds) { return diag::render_all(ds, i18n::Lang::en); }

model::Date D(int y, unsigned m, unsigned d) { return year{y} / month{m} / day{d}; }

model::Directory load_dir(const char* example) {
  for (const auto& t : kTerritories) {
    if (std::string(t.example) != example) continue;
    auto load = load::load_directory_file(example_file(t, "directory.yaml"));
    EXPECT_TRUE(load.ok()) << rendered(load.diagnostics);
    return load.directory.value_or(model::Directory{});
  }
  ADD_FAILURE() << "no territory " << example;
  return {};
}

model::EventCalendar load_events(const char* example) {
  for (const auto& t : kTerritories) {
    if (std::string(t.example) != example) continue;
    auto load = load::load_event_calendar_file(example_file(t, "events.yaml"));
    EXPECT_TRUE(load.ok()) << rendered(load.diagnostics);
    return load.calendar.value_or(model::EventCalendar{});
  }
  ADD_FAILURE() << "no territory " << example;
  return {};
}

}  // namespace

TEST(Examples, EveryDirectoryAndCalendarLoadsClean) {
  for (const auto& t : kTerritories) {
    SCOPED_TRACE(t.example);
    auto dir = load::load_directory_file(example_file(t, "directory.yaml"));
    EXPECT_TRUE(dir.ok());
    EXPECT_TRUE(dir.diagnostics.empty()) << rendered(dir.diagnostics);  // no warnings either
    auto events = load::load_event_calendar_file(example_file(t, "events.yaml"));
    EXPECT_TRUE(events.ok());
    EXPECT_TRUE(events.diagnostics.empty()) << rendered(events.diagnostics);
    if (!dir.directory || !events.calendar) continue;
    EXPECT_FALSE(dir.directory->schools.empty());
    EXPECT_FALSE(dir.directory->people.empty());
    EXPECT_FALSE(events.calendar->events.empty());
    // Schedule entries name bodies and schools of the same territory.
    auto targets = load::check_schedule_targets(*events.calendar, *dir.directory);
    EXPECT_TRUE(targets.empty()) << rendered(targets);
    // Every e-mail is an invented one.
    for (const auto& p : dir.directory->people) {
      const bool invented = p.email.ends_with("@example.org") || p.email.ends_with("@example.ru");
      EXPECT_TRUE(invented) << p.email;
    }
  }
}

TEST(Examples, EveryBodyOfEachPlanResolvesInItsDirectory) {
  for (const auto& t : kTerritories) {
    SCOPED_TRACE(t.plan);
    auto plan = load::load_plan_file(std::string(ROADMAP_SOURCE_DIR) + "/plans/" + t.plan);
    ASSERT_TRUE(plan.ok()) << rendered(plan.diagnostics);
    auto dir = load::load_directory_file(example_file(t, "directory.yaml"));
    ASSERT_TRUE(dir.ok()) << rendered(dir.diagnostics);
    ASSERT_FALSE(plan.plan->bodies.empty());
    for (const auto& body : plan.plan->bodies) {
      const model::DirectoryBody* found = dir.directory->find_body(body.id);
      ASSERT_NE(found, nullptr) << body.id;
      EXPECT_EQ(found->id, body.id);
      EXPECT_EQ(found->kind, body.kind) << body.id;
      for (const auto& alias : body.aliases) EXPECT_EQ(dir.directory->find_body(alias), found) << alias;
    }
    // And every name an item gives (already resolved to ids by the plan loader).
    for (const auto& s : plan.plan->sections) {
      for (const auto& item : s.items) {
        for (const auto& r : item.responsible) EXPECT_NE(dir.directory->find_body(r), nullptr) << item.number << " " << r;
        for (const auto& r : item.co_executors) EXPECT_NE(dir.directory->find_body(r), nullptr) << item.number << " " << r;
      }
    }
    EXPECT_EQ(dir.directory->timezone, plan.plan->timezone);
  }
}

TEST(Examples, SeedSchoolsResolveByTheirDocumentNames) {
  const model::Directory dir = load_dir("levokumsky");
  // Seed 002, item 13, as printed: "МКОУ СОШ №11 – МКОУ СОШ №13, ... МКОУ СОШ №6 – МКОУ ООШ №14".
  for (const char* name : {"МКОУ СОШ №6", "МКОУ СОШ №7", "МКОУ СОШ №11", "МКОУ СОШ №12", "МКОУ СОШ №13", "МКОУ ООШ №14"}) {
    EXPECT_NE(dir.find_school(name), nullptr) << name;
  }
  // Case and spaces do not matter; the alias and the id lead to the same school.
  const model::School* s11 = dir.find_school("МКОУ СОШ №11");
  ASSERT_NE(s11, nullptr);
  EXPECT_EQ(dir.find_school("мкоу  сош № 11"), s11);
  EXPECT_EQ(dir.find_school("школа №11"), s11);
  EXPECT_EQ(dir.find_school("sosh-11"), s11);
  EXPECT_EQ(dir.find_school("МКОУ СОШ №1"), dir.find_school("sosh-1"));
  EXPECT_NE(dir.find_school("МКОУ СОШ №1"), s11);
  // A body's spelling with another dash and spacing (the document writes both).
  EXPECT_EQ(dir.find_body("МКУ «ИМЦ СО ЛМО СК»"), dir.find_body("МКУ «ИМЦСО ЛМО СК»"));
  EXPECT_EQ(dir.find_body("мку \"имц со лмо ск\""), dir.find_body("МКУ «ИМЦСО ЛМО СК»"));
  // A school is not a body, nor the other way round.
  EXPECT_EQ(dir.find_body("МКОУ СОШ №11"), nullptr);
  EXPECT_EQ(dir.find_school("Отдел образования"), nullptr);
  // People by id and e-mail, with their places resolved to ids.
  const model::Person* p = dir.find_person("SOSH13.UVR@example.ru");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->school, "sosh-13");
  EXPECT_EQ(dir.find_person("lebedev-aa"), p);
  EXPECT_EQ(dir.timezone_of(*p), "Europe/Moscow");
  EXPECT_EQ(s11->director, "tarasova-lm");
  EXPECT_EQ(dir.find_body("МКУ «ИМЦ СО ЛМО СК»")->head, "gromova-ta");
}

TEST(Examples, GroupMembershipFollowsTheDate) {
  const model::Directory dir = load_dir("levokumsky");
  const model::SchoolGroup* g = dir.find_group("ОО с признаками необъективности");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(dir.find_group("школы с признаками необъективности"), g);
  // Until 31 August 2023: the 2022 list (СОШ №12, ООШ №14); from 1 September: №14 and №2.
  EXPECT_EQ(g->members_on(D(2023, 8, 31)), (std::vector<std::string>{"sosh-12", "oosh-14"}));
  EXPECT_EQ(g->members_on(D(2023, 9, 1)), (std::vector<std::string>{"oosh-14", "sosh-2"}));
  EXPECT_EQ(g->members_on(D(2024, 9, 1)), (std::vector<std::string>{"sosh-2"}));
  auto schools = dir.group_members_on(*g, D(2023, 9, 1));
  ASSERT_EQ(schools.size(), 2u);
  EXPECT_EQ(schools[0]->short_name, "МКОУ ООШ №14");

  const model::SchoolGroup* risk = dir.find_group("школы в зоне риска");
  ASSERT_NE(risk, nullptr);
  EXPECT_EQ(risk->members_on(D(2024, 1, 14)).size(), 1u);
  EXPECT_EQ(risk->members_on(D(2024, 1, 15)).size(), 2u);

  const model::Directory khv = load_dir("khabarovsk");
  const model::SchoolGroup* biased = khv.find_group("ОО с признаками необъективности");
  ASSERT_NE(biased, nullptr);
  EXPECT_EQ(biased->members_on(D(2022, 1, 31)), (std::vector<std::string>{"khv-sosh-16", "kms-sosh-27", "khr-sosh-korfovsky"}));
  EXPECT_EQ(biased->members_on(D(2022, 2, 1)), (std::vector<std::string>{"khv-sosh-16", "khr-sosh-korfovsky", "amr-sosh-2"}));
}

TEST(Examples, DistrictBodiesBelongToTheirClass) {
  const model::Directory khv = load_dir("khabarovsk");
  int districts = 0;
  for (const auto& b : khv.bodies) {
    if (std::find(b.part_of.begin(), b.part_of.end(), "ОМСУ") != b.part_of.end()) ++districts;
  }
  EXPECT_EQ(districts, 4);
  const model::DirectoryBody* uo = khv.find_body("УО г. Хабаровска");
  ASSERT_NE(uo, nullptr);
  EXPECT_EQ(khv.schools_of_body(uo->id).size(), 3u);
  const model::Person* observer = khv.find_person("observer-en");
  ASSERT_NE(observer, nullptr);
  EXPECT_EQ(observer->language, "en");
  EXPECT_EQ(khv.timezone_of(*observer), "Asia/Vladivostok");
}

TEST(Examples, FederalDatesOfTheSchoolYear2023_2024) {
  const model::EventCalendar cal = load_events("levokumsky");
  const auto first = D(2023, 9, 1), last = D(2024, 8, 31);
  // ИС(И)-11: 6 December 2023, 7 February 2024, 10 April 2024.
  auto is11 = cal.matching(cal.bits_of("ИС(И)-11"), first, last);
  ASSERT_EQ(is11.size(), 3u);
  EXPECT_EQ(is11[0]->first, D(2023, 12, 6));
  EXPECT_EQ(is11[1]->first, D(2024, 2, 7));
  EXPECT_EQ(is11[2]->first, D(2024, 4, 10));
  // ИС-9: the second Wednesday of February.
  auto is9 = cal.matching(cal.bits_of("итоговое собеседование"), first, last);
  ASSERT_FALSE(is9.empty());
  const auto main_is9 = is9.front()->first;
  EXPECT_EQ(main_is9, D(2024, 2, 14));
  EXPECT_EQ(weekday{sys_days{main_is9}}, Wednesday);
  EXPECT_EQ(year_month_weekday{sys_days{main_is9}}.index(), 2u);
  // ГИА answers to ГИА, ОГЭ and ЕГЭ; ВсОШ is no assessment procedure ("ОП").
  auto gia = cal.matching(cal.bits_of("ГИА"), first, last);
  EXPECT_EQ(gia.size(), 4u);  // the September additional ГИА, the early and main ЕГЭ, the ОГЭ
  auto all_op = cal.matching(cal.bits_of("ОП"), first, last);
  auto olympiad = cal.matching(cal.bits_of("ВсОШ"), first, last);
  EXPECT_EQ(olympiad.size(), 4u);
  std::size_t events_in_year = 0;
  for (const auto& e : cal.events) events_in_year += e.school_year == 2023;
  EXPECT_EQ(all_op.size(), events_in_year - olympiad.size());
  // The territory's own kind answers to ДКР.
  auto dkr = cal.matching(deadline::ev_dkr, first, last);
  ASSERT_EQ(dkr.size(), 1u);
  EXPECT_EQ(dkr[0]->kind, "МДР");
}

TEST(Examples, NamedSchedulesOfSeed000) {
  const model::EventCalendar cal = load_events("otdel");
  // Plan item 2.1 "по утвержденному графику", 3.2 "согласно графику", 3.4 "по плану совещаний".
  const model::NamedSchedule* visits = cal.find_schedule("по утвержденному графику");
  ASSERT_NE(visits, nullptr);
  EXPECT_EQ(visits->name, "график выездов");
  EXPECT_EQ(cal.find_schedule("График  выездов"), visits);
  const model::NamedSchedule* meetings = cal.find_schedule("по плану совещаний");
  ASSERT_NE(meetings, nullptr);
  EXPECT_EQ(cal.find_schedule("график совещаний"), meetings);
  EXPECT_EQ(meetings->entries.size(), 5u);
  EXPECT_NE(cal.find_schedule("согласно графику"), nullptr);
  EXPECT_EQ(cal.find_schedule("график отпусков"), nullptr);
  // Entries come in date order.
  for (std::size_t i = 1; i < visits->entries.size(); ++i)
    EXPECT_LE(sys_days{visits->entries[i - 1].first}, sys_days{visits->entries[i].first});
  // Seed 000 item 4.2 "на следующий день после ОП": every assessment procedure of the year.
  auto ops = cal.matching(deadline::ev_op, D(2019, 9, 1), D(2020, 8, 31));
  EXPECT_EQ(ops.size(), 7u);  // 2 ДКР, 2 ИС(И)-11, 2 ИС-9, the ЕГЭ; not the 3 ВсОШ stages
}
