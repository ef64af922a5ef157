// Plans built in code for the store's tests, covering every field the store keeps, and a
// field-by-field comparison that names the first difference.
#pragma once

#include <gtest/gtest.h>

#include "model/plan.hpp"

namespace roadmap::testing {

using namespace std::chrono_literals;

inline model::Plan sample_plan(const std::string& id = "khabarovsk-vpr-2021") {
  model::Plan p;
  p.id = id;
  p.title = "ПЛАН МЕРОПРИЯТИЙ \"ДОРОЖНАЯ КАРТА\" по работе с общеобразовательными организациями";
  p.owner = "ОИВ";
  p.territory = "Хабаровский край";
  p.approved.kind = "утверждено";
  p.approved.number = "679-од";
  p.approved.date = std::chrono::year{2021} / 9 / 20;
  p.approved.issuer = "Министерство образования и науки Хабаровского края";
  p.approved.signed_by = "Министр В.Г. Хлебникова";
  p.period.school_year_start = 2021;
  p.timezone = "Asia/Vladivostok";
  p.numbering = model::Numbering::global;
  p.half_year = model::HalfYear::calendar;
  p.goals = {"Обеспечение объективности образовательных результатов.", "Вторая задача"};
  p.abbreviations = {{"ВІР", "всероссийские проверочные работы"}, {"ОИВ", "министерство"}};
  p.bodies = {
      {"ОИВ", "министерство образования и науки Хабаровского края", model::BodyKind::authority, {}, {}},
      {"ОО",
       "общеобразовательные организации",
       model::BodyKind::schools,
       {"образовательные учреждения", "общеобразовательные организации"},
       {}},
      {"РЦОКО", "региональный центр оценки качества образования", model::BodyKind::institute, {"ЦОКО"}, {}},
  };
  p.directory = "../examples/khabarovsk/directory.yaml";
  p.event_calendar = "";
  p.source_file = "plans/" + id + ".yaml";

  model::Section s1;
  s1.number = "1";
  s1.title = "Мероприятия по обеспечению объективности";
  model::Item a;
  a.number = "1.1";
  a.measure = "Анализ причин попадания ОО в перечень\nшкол с признаками";
  a.deadline = "август-сентябрь";
  a.responsible = {"ОИВ", "РЦОКО"};
  a.co_executors = {"ОО"};
  a.participants = "Заместители директора по УВР";
  a.expected_result = "Выявление причин";
  a.note = "примечание";
  a.refs = {{"1.2", {3, 5}}};
  a.bindings = {{"после завершения анализа", "1.2", "", "", {}}, {"ОП", "", "ВПР", "", {}}};
  a.pos = {10, 7};
  model::Item b;
  b.number = "1.2";
  b.measure = "Контроль";
  b.deadline = "";
  b.responsible = {"ОО"};
  b.sub_measures = {{"присутствие специалистов при проведении ОП", "постоянно", {}, {}, {}},
                    {"перепроверка работ", "в течение 2 недель после ОП", {"РЦОКО", "ОИВ"}, {}, {}}};
  b.schedule.emplace();
  b.schedule->yaml = "every: month\nday: 5\n";
  s1.items = {a, b};
  model::Section s2;
  s2.title = "Без номера";
  model::Item c;
  c.number = "2.1";
  c.measure = "Совещание";
  c.deadline = "по утвержденному графику";
  c.responsible = {"ОИВ"};
  c.bindings = {{"по утвержденному графику", "", "", "график совещаний", {}}};
  s2.items = {c};
  p.sections = {s1, s2};
  return p;
}

// Field by field, so a failure names what differs. Positions in the file are not compared: the
// store does not keep them.
inline void expect_same_plan(const model::Plan& a, const model::Plan& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.owner, b.owner);
  EXPECT_EQ(a.territory, b.territory);
  EXPECT_EQ(a.approved.kind, b.approved.kind);
  EXPECT_EQ(a.approved.number, b.approved.number);
  EXPECT_EQ(a.approved.date, b.approved.date);
  EXPECT_EQ(a.approved.issuer, b.approved.issuer);
  EXPECT_EQ(a.approved.signed_by, b.approved.signed_by);
  EXPECT_EQ(a.period.school_year_start, b.period.school_year_start);
  EXPECT_EQ(a.period.years, b.period.years);
  EXPECT_EQ(a.period.from, b.period.from);
  EXPECT_EQ(a.period.to, b.period.to);
  EXPECT_EQ(a.timezone, b.timezone);
  EXPECT_EQ(a.numbering, b.numbering);
  EXPECT_EQ(a.half_year, b.half_year);
  EXPECT_EQ(a.language, b.language);
  EXPECT_EQ(a.goals, b.goals);
  EXPECT_EQ(a.directory, b.directory);
  EXPECT_EQ(a.event_calendar, b.event_calendar);
  EXPECT_EQ(a.source_file, b.source_file);
  ASSERT_EQ(a.abbreviations.size(), b.abbreviations.size());
  for (std::size_t i = 0; i < a.abbreviations.size(); ++i) {
    EXPECT_EQ(a.abbreviations[i].short_form, b.abbreviations[i].short_form);
    EXPECT_EQ(a.abbreviations[i].meaning, b.abbreviations[i].meaning);
  }
  ASSERT_EQ(a.bodies.size(), b.bodies.size());
  for (std::size_t i = 0; i < a.bodies.size(); ++i) {
    SCOPED_TRACE("body " + a.bodies[i].id);
    EXPECT_EQ(a.bodies[i].id, b.bodies[i].id);
    EXPECT_EQ(a.bodies[i].name, b.bodies[i].name);
    EXPECT_EQ(a.bodies[i].kind, b.bodies[i].kind);
    EXPECT_EQ(a.bodies[i].aliases, b.bodies[i].aliases);
  }
  ASSERT_EQ(a.sections.size(), b.sections.size());
  for (std::size_t s = 0; s < a.sections.size(); ++s) {
    const auto& sa = a.sections[s];
    const auto& sb = b.sections[s];
    EXPECT_EQ(sa.number, sb.number);
    EXPECT_EQ(sa.title, sb.title);
    ASSERT_EQ(sa.items.size(), sb.items.size());
    for (std::size_t i = 0; i < sa.items.size(); ++i) {
      const auto& x = sa.items[i];
      const auto& y = sb.items[i];
      SCOPED_TRACE("item " + x.number);
      EXPECT_EQ(x.number, y.number);
      EXPECT_EQ(x.measure, y.measure);
      EXPECT_EQ(x.deadline, y.deadline);
      EXPECT_EQ(x.responsible, y.responsible);
      EXPECT_EQ(x.co_executors, y.co_executors);
      EXPECT_EQ(x.participants, y.participants);
      EXPECT_EQ(x.expected_result, y.expected_result);
      EXPECT_EQ(x.note, y.note);
      ASSERT_EQ(x.sub_measures.size(), y.sub_measures.size());
      for (std::size_t m = 0; m < x.sub_measures.size(); ++m) {
        EXPECT_EQ(x.sub_measures[m].text, y.sub_measures[m].text);
        EXPECT_EQ(x.sub_measures[m].deadline, y.sub_measures[m].deadline);
        EXPECT_EQ(x.sub_measures[m].responsible, y.sub_measures[m].responsible);
      }
      ASSERT_EQ(x.refs.size(), y.refs.size());
      for (std::size_t r = 0; r < x.refs.size(); ++r) EXPECT_EQ(x.refs[r].number, y.refs[r].number);
      ASSERT_EQ(x.bindings.size(), y.bindings.size());
      for (std::size_t r = 0; r < x.bindings.size(); ++r) {
        EXPECT_EQ(x.bindings[r].anchor, y.bindings[r].anchor);
        EXPECT_EQ(x.bindings[r].item, y.bindings[r].item);
        EXPECT_EQ(x.bindings[r].event, y.bindings[r].event);
        EXPECT_EQ(x.bindings[r].named_schedule, y.bindings[r].named_schedule);
      }
      ASSERT_EQ(x.schedule.has_value(), y.schedule.has_value());
      if (x.schedule) {
        EXPECT_EQ(x.schedule->yaml, y.schedule->yaml);
      }
    }
  }
}

}  // namespace roadmap::testing
