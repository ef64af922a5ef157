// The loader's happy path: a complete plan using every field of the format comes back whole,
// bodies resolved to their ids, numbers normalised; the per-section numbering resolves references
// inside a section and across sections; every plan under plans/ loads without errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "diag/diagnostic.hpp"
#include "load/plan_loader.hpp"

using namespace roadmap;
using namespace std::chrono;

namespace {
std::string fixture(const char* name) { return std::string(ROADMAP_SOURCE_DIR) + "/tests/load/fixtures/" + name; }
}  // namespace

TEST(LoaderHappyPath, CompletePlanLoadsEveryField) {
  load::PlanLoad r = load::load_plan_file(fixture("complete.yaml"));
  ASSERT_TRUE(r.ok()) << diag::render_all(r.diagnostics, i18n::Lang::en);
  EXPECT_TRUE(r.diagnostics.empty()) << diag::render_all(r.diagnostics, i18n::Lang::en);
  const model::Plan& p = *r.plan;
  EXPECT_EQ(p.id, "khabarovsk-vpr-2021");
  EXPECT_EQ(p.title.rfind("ПЛАН МЕРОПРИЯТИЙ \"ДОРОЖНАЯ КАРТА\" по работе", 0), 0u);
  EXPECT_TRUE(p.title.ends_with("в Хабаровском крае"));  // folded scalar ">-": no trailing newline
  EXPECT_EQ(p.territory, "Хабаровский край");
  EXPECT_EQ(p.owner, "ОИВ");
  EXPECT_EQ(p.approved.kind, "утверждено");
  EXPECT_EQ(p.approved.number, "679-од");
  ASSERT_TRUE(p.approved.date);
  EXPECT_EQ(*p.approved.date, year{2021} / September / 20);
  EXPECT_EQ(p.approved.signed_by, "Министр образования и науки Хабаровского края В.Г. Хлебникова");
  ASSERT_TRUE(p.period.school_year_start);
  EXPECT_EQ(*p.period.school_year_start, 2021);
  EXPECT_EQ(p.period.first_day(), year{2021} / September / 1);
  EXPECT_EQ(p.period.last_day(), year{2022} / August / 31);
  EXPECT_EQ(p.timezone, "Asia/Vladivostok");
  EXPECT_EQ(p.numbering, model::Numbering::global);
  EXPECT_EQ(p.half_year, model::HalfYear::school);
  EXPECT_EQ(p.goals.size(), 2u);
  EXPECT_EQ(p.directory, "../examples/khabarovsk/directory.yaml");
  EXPECT_EQ(p.event_calendar, "../examples/khabarovsk/events.yaml");
  EXPECT_EQ(p.source_file, fixture("complete.yaml"));
  ASSERT_EQ(p.abbreviations.size(), 2u);
  EXPECT_EQ(p.abbreviations[0].short_form, "ВІР");  // the document's typo kept
  ASSERT_EQ(p.bodies.size(), 5u);
  EXPECT_EQ(p.bodies[3].kind, model::BodyKind::schools);
  EXPECT_EQ(p.bodies[3].aliases, (std::vector<std::string>{"образовательные учреждения", "ОУ"}));
  EXPECT_EQ(p.bodies[3].pos.line, 45);

  ASSERT_EQ(p.sections.size(), 2u);
  EXPECT_EQ(p.item_count(), 4u);
  EXPECT_EQ(r.items_read, 4u);
  const auto& s1 = p.sections[0];
  EXPECT_EQ(s1.number, "1");
  ASSERT_EQ(s1.items.size(), 3u);
  const auto& i11 = s1.items[0];
  EXPECT_EQ(i11.number, "1.1");
  EXPECT_EQ(i11.deadline, "август-сентябрь");
  EXPECT_EQ(i11.deadline_pos.line, 61);
  EXPECT_EQ(i11.deadline_pos.column, 19);
  EXPECT_EQ(i11.responsible, (std::vector<std::string>{"ОИВ", "РЦОКО"}));
  EXPECT_EQ(i11.co_executors, (std::vector<std::string>{"ОМСУ"}));
  EXPECT_EQ(i11.participants, "Заместители директора по УВР");
  const auto& i12 = s1.items[1];
  EXPECT_EQ(i12.number, "1.2");                                  // "1.2." as printed, normalised
  EXPECT_EQ(i12.co_executors, (std::vector<std::string>{"ОО"}));  // alias "ОУ" resolved to its id
  ASSERT_EQ(i12.bindings.size(), 1u);
  EXPECT_EQ(i12.bindings[0].named_schedule, "график контрольных работ");
  const auto& i13 = s1.items[2];
  EXPECT_EQ(i13.deadline, "");
  ASSERT_EQ(i13.sub_measures.size(), 2u);
  EXPECT_EQ(i13.sub_measures[0].deadline, "постоянно");
  EXPECT_TRUE(i13.sub_measures[0].responsible.empty());
  EXPECT_EQ(i13.sub_measures[1].responsible, (std::vector<std::string>{"ОО"}));
  const auto& i21 = p.sections[1].items[0];
  EXPECT_EQ(i21.measure, "Проведение заседаний ШМО по итогам ВПР\n(анализ результатов, план коррекции)");
  ASSERT_EQ(i21.refs.size(), 2u);
  EXPECT_EQ(i21.refs[1].number, "1.2");
  ASSERT_EQ(i21.bindings.size(), 1u);
  EXPECT_EQ(i21.bindings[0].item, "1.1");
  ASSERT_TRUE(i21.schedule);
  EXPECT_NE(i21.schedule->yaml.find("unit: month"), std::string::npos);
  EXPECT_EQ(p.find_item("2.1"), &i21);
}

TEST(LoaderHappyPath, PerSectionNumberingAndCalendarYears) {
  load::PlanLoad r = load::load_plan_file(fixture("per_section.yaml"));
  ASSERT_TRUE(r.ok()) << diag::render_all(r.diagnostics, i18n::Lang::en);
  const model::Plan& p = *r.plan;
  EXPECT_EQ(p.numbering, model::Numbering::per_section);
  EXPECT_EQ(p.period.years, (std::vector<int>{2023, 2024}));
  EXPECT_EQ(p.period.last_day(), year{2024} / December / 31);
  EXPECT_NE(p.find_item("2:1"), nullptr);  // unnumbered sections are named by position
  EXPECT_EQ(p.find_item("2:1")->measure, "Проверка исполнения плана");
  // The same numbers in two sections are fine here; a reference to a missing one is not.
  std::string text;
  {
    std::ifstream in(fixture("per_section.yaml"));
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto pos = text.find("refs: [\"1:2\", \"2\"]");
  ASSERT_NE(pos, std::string::npos);
  text.replace(pos, 18, "refs: [\"3:1\", \"5\"]");
  load::PlanLoad bad = load::load_plan_text(text, "p.yaml");
  ASSERT_EQ(bad.diagnostics.error_count(), 2u) << diag::render_all(bad.diagnostics, i18n::Lang::en);
  EXPECT_EQ(bad.diagnostics.items()[0].what.args, std::vector<std::string>{"3:1"});
  EXPECT_EQ(bad.diagnostics.items()[1].what.args, std::vector<std::string>{"5"});
}

TEST(LoaderHappyPath, ByteOrderMarkAndWindowsLineEndingsAreAccepted) {
  std::string text;
  {
    std::ifstream in(fixture("per_section.yaml"));
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::string crlf = "\xEF\xBB\xBF";
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  load::PlanLoad r = load::load_plan_text(crlf, "p.yaml");
  EXPECT_TRUE(r.ok()) << diag::render_all(r.diagnostics, i18n::Lang::en);
  if (r.plan) {
    EXPECT_EQ(r.plan->sections[0].items[1].deadline, "ежеквартально");
  }
}

TEST(LoaderHappyPath, EveryPlanUnderPlansLoadsWithoutErrors) {
  std::vector<std::filesystem::path> plans;
  for (const auto& e : std::filesystem::directory_iterator(std::string(ROADMAP_SOURCE_DIR) + "/plans"))
    if (e.path().extension() == ".yaml") plans.push_back(e.path());
  if (plans.empty()) GTEST_SKIP() << "no plans/*.yaml yet";
  for (const auto& path : plans) {
    load::PlanLoad r = load::load_plan_file(path.string());
    EXPECT_FALSE(r.diagnostics.has_errors()) << diag::render_all(r.diagnostics, i18n::Lang::ru);
    EXPECT_TRUE(r.plan) << path;
    if (r.plan) {
      EXPECT_GT(r.plan->item_count(), 0u) << path;
    }
  }
}
