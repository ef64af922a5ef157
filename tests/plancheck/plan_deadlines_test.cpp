// A plan's deadlines read in its context: unreadable phrases are located errors with the nearest
// forms, a structured `schedule:` stands in for a phrase, anchors without bindings are reported,
// and `roadmap validate` lists each phrase with its reading.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "deadline/render.hpp"
#include "load/plan_loader.hpp"
#include "plancheck/plan_deadlines.hpp"

using namespace roadmap;

namespace {

// A small plan whose items are given as YAML text (indented as list entries of `items:`).
std::string plan_with(const std::string& items, const std::string& period = "school_year: 2023-2024") {
  return "format: 1\n"
         "plan:\n"
         "  id: test-plan\n"
         "  title: Тестовый план\n"
         "  owner: КО\n"
         "  period:\n"
         "    " + period + "\n"
         "  timezone: Europe/Moscow\n"
         "bodies:\n"
         "  - id: КО\n"
         "    name: комитет образования\n"
         "    kind: authority\n"
         "sections:\n"
         "  - number: \"1\"\n"
         "    title: Раздел\n"
         "    items:\n" + items;
}

std::string item(const std::string& number, const std::string& deadline, const std::string& extra = "") {
  return "      - number: \"" + number + "\"\n"
         "        measure: Мероприятие " + number + "\n"
         "        deadline: " + deadline + "\n"
         "        responsible: [КО]\n" + extra;
}

const diag::Diagnostic* find_key(const diag::Diagnostics& ds, const std::string& key) {
  for (const auto& d : ds.items())
    if (d.what.key == key) return &d;
  return nullptr;
}

}  // namespace

TEST(PlanDeadlines, UnreadablePhraseIsALocatedErrorWithKnownForms) {
  // Line 17 is the first item's deadline; "до 10 янвяря" stops at the misspelt month.
  auto r = load::load_plan_text(plan_with(item("1.1", "до 10 янвяря 2024")), "p.yaml");
  EXPECT_FALSE(r.ok());
  const auto* d = find_key(r.diagnostics, "check.err.deadline_unreadable");
  ASSERT_NE(d, nullptr) << diag::render_all(r.diagnostics, i18n::Lang::ru);
  EXPECT_EQ(d->severity, diag::Severity::error);
  EXPECT_EQ(d->where.file, "p.yaml");
  EXPECT_EQ(d->where.line, 19);
  // "        deadline: " is 18 characters: the phrase starts at column 19; "янвяря" is its 7th character.
  EXPECT_EQ(d->where.column, 19 + 6);
  EXPECT_EQ(d->what.args.at(0), "1.1");
  EXPECT_EQ(d->what.args.at(2), "7");
  ASSERT_GE(d->hints.size(), 2u);
  EXPECT_EQ(d->hints.front().key, "check.hint.known_forms");
  EXPECT_NE(d->hints.front().args.at(0).find("января"), std::string::npos);
  std::string ru = diag::render(*d, i18n::Lang::ru);
  EXPECT_NE(ru.find("p.yaml:19:25: ошибка: срок пункта 1.1 «до 10 янвяря 2024» не понят с позиции 7"), std::string::npos) << ru;
  std::string en = diag::render(*d, i18n::Lang::en);
  EXPECT_NE(en.find("is not understood from column 7"), std::string::npos) << en;
}

TEST(PlanDeadlines, EveryUnreadablePhraseIsReportedNotOnlyTheFirst) {
  auto r = load::load_plan_text(plan_with(item("1.1", "когда-нибудь") + item("1.2", "август") + item("1.3", "по звёздам")),
                                "p.yaml");
  ASSERT_TRUE(r.deadlines.has_value());
  EXPECT_EQ(r.deadlines->unreadable, 2u);
  EXPECT_EQ(r.deadlines->understood, 1u);
  EXPECT_EQ(r.diagnostics.error_count(), 2u);
  EXPECT_FALSE(r.plan.has_value());  // nothing of a plan with errors goes further
}

TEST(PlanDeadlines, StructuredScheduleStandsInForAnUnreadablePhrase) {
  auto r = load::load_plan_text(
      plan_with(item("1.1", "по звёздам",
                     "        schedule:\n"
                     "          - kind: months\n"
                     "            windows: [{from: 2024-03, to: 2024-04}]\n")),
      "p.yaml");
  ASSERT_TRUE(r.ok()) << diag::render_all(r.diagnostics, i18n::Lang::ru);
  const auto* it = r.plan->find_item("1.1");
  ASSERT_TRUE(it && it->schedule);
  ASSERT_EQ(it->schedule->schedule.clauses.size(), 1u);
  const auto& c = it->schedule->schedule.clauses[0];
  EXPECT_EQ(c.kind, deadline::ClauseKind::months);
  ASSERT_EQ(c.windows.size(), 1u);
  EXPECT_EQ(c.windows[0].from, (deadline::Point{2024, 3, 0}));
  EXPECT_EQ(c.windows[0].to, (deadline::Point{2024, 4, 0}));
  EXPECT_EQ(r.deadlines->structured, 1u);
  std::string line = plancheck::reading_line(r.deadlines->readings.at(0), r.deadlines->options, i18n::Lang::ru);
  EXPECT_NE(line.find("задано структурно: "), std::string::npos) << line;
  EXPECT_NE(line.find(deadline::render(it->schedule->schedule, deadline::Lang::ru)), std::string::npos) << line;
}

TEST(PlanDeadlines, StructuredScheduleErrorsAreLocatedWithDidYouMean) {
  auto r = load::load_plan_text(
      plan_with(item("1.1", "август",
                     "        schedule:\n"
                     "          - kind: montsh\n"
                     "            date: 2024-02-30\n"
                     "            events: [ВПРР]\n")),
      "p.yaml");
  EXPECT_FALSE(r.ok());
  const auto* kind = find_key(r.diagnostics, "load.err.schedule_value");
  ASSERT_NE(kind, nullptr) << diag::render_all(r.diagnostics, i18n::Lang::ru);
  EXPECT_EQ(kind->where.line, 22);
  bool did_you_mean = false;
  for (const auto& h : kind->hints) did_you_mean |= h.key == "load.hint.did_you_mean" && h.args.at(0).find("months") != std::string::npos;
  EXPECT_TRUE(did_you_mean);
  const auto* date = find_key(r.diagnostics, "load.err.schedule_date");
  ASSERT_NE(date, nullptr);
  EXPECT_EQ(date->where.line, 23);
  const auto* ev = find_key(r.diagnostics, "load.err.schedule_event");
  ASSERT_NE(ev, nullptr);
  EXPECT_EQ(ev->where.line, 24);
}

TEST(PlanDeadlines, AnchorWithoutBindingIsAWarningAndABindingSilencesIt) {
  auto unbound = load::load_plan_text(plan_with(item("1.1", "август") + item("1.2", "в течение месяца после завершения анализа")),
                                      "p.yaml");
  ASSERT_TRUE(unbound.ok()) << diag::render_all(unbound.diagnostics, i18n::Lang::ru);
  const auto* w = find_key(unbound.diagnostics, "check.warn.needs_binding");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->severity, diag::Severity::warning);
  EXPECT_EQ(w->what.args.at(0), "1.2");
  EXPECT_EQ(w->hints.at(0).key, "check.hint.bind_item");
  EXPECT_EQ(unbound.deadlines->need_binding, 1u);

  auto bound = load::load_plan_text(
      plan_with(item("1.1", "август") + item("1.2", "в течение месяца после завершения анализа",
                                             "        bindings:\n"
                                             "          - anchor: после завершения анализа\n"
                                             "            item: \"1.1\"\n")),
      "p.yaml");
  ASSERT_TRUE(bound.ok());
  EXPECT_EQ(find_key(bound.diagnostics, "check.warn.needs_binding"), nullptr);
  EXPECT_EQ(bound.deadlines->need_binding, 0u);
}

TEST(PlanDeadlines, ABindingThatMatchesNoAnchorIsReported) {
  auto r = load::load_plan_text(
      plan_with(item("1.1", "август") + item("1.2", "сентябрь",
                                             "        bindings:\n"
                                             "          - anchor: после завершения анализа\n"
                                             "            item: \"1.1\"\n")),
      "p.yaml");
  const auto* w = find_key(r.diagnostics, "check.warn.binding_unused");
  ASSERT_NE(w, nullptr) << diag::render_all(r.diagnostics, i18n::Lang::ru);
  EXPECT_EQ(w->where.line, 26);
}

TEST(PlanDeadlines, HalfYearReadingFollowsThePlanSettingAndIsShown) {
  for (auto [setting, key] : {std::pair{"school", "half_year_school"}, std::pair{"calendar", "half_year_calendar"}}) {
    std::string text = plan_with(item("1.1", "не реже 1 раза в полугодие"));
    text.replace(text.find("  timezone:"), 0, std::string("  half_year: ") + setting + "\n");
    auto r = load::load_plan_text(text, "p.yaml");
    ASSERT_TRUE(r.ok()) << diag::render_all(r.diagnostics, i18n::Lang::ru);
    std::string line = plancheck::reading_line(r.deadlines->readings.at(0), r.deadlines->options, i18n::Lang::ru);
    EXPECT_NE(line.find(i18n::text(i18n::Lang::ru, std::string("check.note.") + key)), std::string::npos) << line;
  }
}

TEST(PlanDeadlines, ContextOfThePlanReachesTheParser) {
  auto r = load::load_plan_text(plan_with(item("1.1", "август"), "years: [2023, 2024]"), "p.yaml");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.deadlines->options.years, (std::vector<int>{2023, 2024}));
  EXPECT_EQ(r.deadlines->options.school_year_start, 0);
  auto s = load::load_plan_text(plan_with(item("1.1", "август")), "p.yaml");
  EXPECT_EQ(s.deadlines->options.school_year_start, 2023);
}

TEST(PlanDeadlines, EverySeedPlanIsReadWithoutAnUnreadablePhrase) {
  namespace fs = std::filesystem;
  std::size_t plans = 0;
  for (const auto& e : fs::directory_iterator(fs::path(ROADMAP_SOURCE_DIR) / "plans")) {
    if (e.path().extension() != ".yaml") continue;
    ++plans;
    auto r = load::load_plan_file(e.path().string());
    ASSERT_TRUE(r.deadlines.has_value()) << e.path();
    EXPECT_EQ(r.deadlines->unreadable, 0u) << diag::render_all(r.diagnostics, i18n::Lang::ru);
    EXPECT_GE(r.deadlines->readings.size(), r.plan->item_count()) << e.path();
  }
  EXPECT_EQ(plans, 5u);
}
