// The scheduler over the seed plans (concrete dates the issue names) and over small plans written
// for one rule each: windows, dates and Civil Code art. 193, spans with check-ins, events, items
// waiting for items, external schedules, on demand, fan-out to schools and groups with dated
// membership, time zones; and every kind of bad input, each a located error.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "calendar/production_calendar.hpp"
#include "load/plan_loader.hpp"
#include "scheduler/expand.hpp"
#include "scheduler/inputs.hpp"

using namespace roadmap;
using namespace std::chrono;
namespace fs = std::filesystem;

namespace {

const std::string kSrc = ROADMAP_SOURCE_DIR;

std::string iso(const std::optional<scheduler::Date>& d) { return d ? calendar::to_string(*d) : "-"; }

struct Run {
  model::Plan plan;
  scheduler::Expansion x;
  diag::Diagnostics input_errors;
};

Run expand_file(const std::string& path, std::map<std::string, scheduler::Date> done = {},
                const std::string& calendar = kSrc + "/plans/calendars/ru.yaml") {
  Run r;
  auto load = load::load_plan_file(path);
  EXPECT_TRUE(load.plan.has_value()) << diag::render_all(load.diagnostics, i18n::Lang::en);
  if (!load.plan) return r;
  r.plan = *load.plan;
  scheduler::InputFiles files(calendar);
  const auto* cal = files.calendar(r.input_errors);
  const auto* dir = files.directory_for(r.plan, r.input_errors);
  const auto* ev = files.events_for(r.plan, r.input_errors);
  EXPECT_TRUE(cal && dir) << diag::render_all(r.input_errors, i18n::Lang::en);
  if (!cal || !dir) return r;
  scheduler::Inputs in{&r.plan, dir, ev, cal, std::move(done)};
  r.x = scheduler::expand(in);
  return r;
}

std::vector<scheduler::PlannedTask> of_item(const Run& r, const std::string& key) {
  std::vector<scheduler::PlannedTask> out;
  for (const auto& t : r.x.tasks)
    if (t.item_key == key) out.push_back(t);
  return out;
}

bool has_error(const diag::Diagnostics& ds, const std::string& key) {
  return std::any_of(ds.items().begin(), ds.items().end(),
                     [&](const diag::Diagnostic& d) { return d.severity == diag::Severity::error && d.what.key == key; });
}

const std::vector<std::string> kSeeds = {"000-", "001-", "002-", "003-", "004-"};

std::string seed(const std::string& prefix) {
  for (const auto& e : fs::directory_iterator(kSrc + "/plans"))
    if (e.path().filename().string().rfind(prefix, 0) == 0) return e.path().string();
  ADD_FAILURE() << "no seed " << prefix;
  return {};
}

// A temporary folder with a plan, its directory and its event calendar.
class Fixture : public ::testing::Test {
 protected:
  fs::path dir;
  void SetUp() override {
    dir = fs::temp_directory_path() / ("roadmap-sched-" + std::to_string(::getpid()) + "-" +
                                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
    write("directory.yaml", kDirectory);
    write("events.yaml", kEvents);
  }
  void TearDown() override { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) { std::ofstream(dir / name) << text; }

  // A plan for 2023-2024 school year with the given items (YAML list under `items:`).
  std::string plan(const std::string& items, const std::string& period = "school_year: 2023-2024") {
    std::string text = R"(format: 1
plan:
  id: test-plan
  title: Тестовый план
  owner: УО
  period:
    )" + period + R"(
  timezone: Europe/Moscow
  directory: directory.yaml
  event_calendar: events.yaml
bodies:
  - {id: УО, name: управление образования, kind: authority}
  - {id: ОО, name: общеобразовательные организации, kind: schools}
  - {id: ШНОР, name: школы с низкими результатами, kind: school_group}
  - {id: ИМЦ, name: информационно-методический центр, kind: methodical}
  - {id: ЦОКО, name: центр оценки качества, kind: institute}
sections:
  - number: "1"
    title: Раздел
    items:
)" + items;
    write("plan.yaml", text);
    return (dir / "plan.yaml").string();
  }

  static constexpr const char* kDirectory = R"(format: 1
directory:
  id: test-dir
  territory: Тестовый округ
  timezone: Europe/Moscow
bodies:
  - {id: УО, name: управление образования, kind: authority, aliases: [Управление образования]}
  - {id: ОО, name: общеобразовательные организации, kind: schools}
  - {id: ИМЦ, name: информационно-методический центр, kind: methodical, timezone: Asia/Yekaterinburg}
schools:
  - {id: s1, short_name: СОШ №1}
  - {id: s2, short_name: СОШ №2, timezone: Asia/Vladivostok}
  - {id: s3, short_name: СОШ №3}
groups:
  - id: low
    name: ШНОР
    members:
      - СОШ №1
      - {school: СОШ №2, to: 2023-12-31}
      - {school: СОШ №3, from: 2024-01-01}
)";
  static constexpr const char* kEvents = R"(format: 1
calendar:
  id: test-events
years:
  - school_year: 2023-2024
    events:
      - {kind: ВсОШ, stage: school, from: 2023-09-15, to: 2023-10-31}
      - {kind: ИС(И)-11, grade: 11, stage: main, date: 2023-12-06}
      - {kind: ВПР, subject: математика, grade: [5], date: 2024-04-16}
      - {kind: ВПР, subject: русский язык, grade: [5], date: 2024-04-18}
      - {kind: ЕГЭ, grade: 11, stage: main, from: 2024-05-23, to: 2024-07-01}
schedules:
  - id: visits
    name: график выездов
    entries:
      - {date: 2023-10-08, title: выезд в СОШ №1, target: СОШ №1}
      - {date: 2024-02-20, title: выезд в СОШ №2, target: СОШ №2}
)";
};

}  // namespace

// --- the seeds

TEST(SeedSchedule, EverySeedExpandsWithoutErrorsAndTheSameTwice) {
  for (const auto& name : kSeeds) {
    SCOPED_TRACE(name);
    auto a = expand_file(seed(name));
    auto b = expand_file(seed(name));
    EXPECT_FALSE(a.x.diagnostics.has_errors()) << diag::render_all(a.x.diagnostics, i18n::Lang::en);
    EXPECT_GT(a.x.tasks.size(), a.plan.item_count());
    EXPECT_EQ(a.x.tasks, b.x.tasks);
    std::set<std::string> keys;
    for (const auto& t : a.x.tasks) EXPECT_TRUE(keys.insert(t.key).second) << "duplicate key " << t.key;
  }
}

TEST(SeedSchedule, LevokumskyItem8IsDueOnTheLastWorkingDayOfEachAugust) {
  auto r = expand_file(seed("002-"));
  auto tasks = of_item(r, "8");
  ASSERT_FALSE(r.plan.sections.empty());
  const auto* item = r.plan.find_item("8");
  ASSERT_NE(item, nullptr);
  ASSERT_EQ(item->responsible.size(), 1u);
  ASSERT_EQ(tasks.size(), 2u * item->responsible.size());
  std::vector<std::string> dues;
  for (const auto& t : tasks) {
    EXPECT_EQ(t.kind, scheduler::TaskKind::window);
    EXPECT_EQ(t.assignee_kind, scheduler::AssigneeKind::body);
    EXPECT_EQ(t.assignee, "МКУ «ИМЦСО ЛМО СК»");
    EXPECT_EQ(t.timezone, "Europe/Moscow");
    dues.push_back(iso(t.opens) + ".." + iso(t.due));
  }
  std::sort(dues.begin(), dues.end());
  // 31 August 2024 is a Saturday: the window's last working day is Friday the 30th.
  EXPECT_EQ(dues, (std::vector<std::string>{"2023-08-01..2023-08-31", "2024-08-01..2024-08-30"}));
}

TEST(SeedSchedule, Seed000Item42GivesOneTaskPerAssessmentProcedure) {
  auto r = expand_file(seed("000-"));
  ASSERT_FALSE(r.x.diagnostics.has_errors()) << diag::render_all(r.x.diagnostics, i18n::Lang::en);
  // Count the procedures ("ОП": every assessment kind, not the olympiad) independently.
  diag::Diagnostics ignore;
  scheduler::InputFiles files;
  const auto* ev = files.events_for(r.plan, ignore);
  ASSERT_NE(ev, nullptr);
  std::size_t procedures = 0;
  for (const auto& e : ev->events) {
    const auto* k = ev->find_kind(e.kind);
    ASSERT_NE(k, nullptr);
    if (k->assessment && sys_days{e.last} >= sys_days{r.plan.period.first_day()} &&
        sys_days{e.first} <= sys_days{r.plan.period.last_day()})
      ++procedures;
  }
  EXPECT_GE(procedures, 5u);
  auto tasks = of_item(r, "4.2");
  const auto* item = r.plan.find_item("4.2");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(tasks.size(), procedures * item->responsible.size());
  std::map<std::string, std::string> due_by_label;
  for (const auto& t : tasks) {
    EXPECT_EQ(t.kind, scheduler::TaskKind::event);
    due_by_label[t.label] = iso(t.due);
  }
  // ДКР on Wednesday 16 October 2019: due the next day. The ЕГЭ ended on Saturday 25 July 2020:
  // the next day is a Sunday, so the task is due on Monday the 27th (Civil Code art. 193).
  EXPECT_EQ(due_by_label["ДКР, математика, 5,9"], "2019-10-17");
  EXPECT_EQ(due_by_label["ЕГЭ, 11, main"], "2020-07-27");
  EXPECT_EQ(due_by_label.count("ВсОШ, school"), 0u) << "an olympiad is not an assessment procedure";
}

TEST(SeedSchedule, SchoolsFanOutFromTheClassOO) {
  auto r = expand_file(seed("002-"));
  diag::Diagnostics ignore;
  scheduler::InputFiles files;
  const auto* dir = files.directory_for(r.plan, ignore);
  ASSERT_NE(dir, nullptr);
  // Every item naming "ОО" gives each of its occurrences to every school of the directory.
  std::map<std::string, std::set<std::string>> schools_by_occurrence;
  for (const auto& t : r.x.tasks)
    if (t.via == "ОО") schools_by_occurrence[t.item_key + "|" + std::to_string(t.clause) + "|" + t.occurrence].insert(t.assignee);
  ASSERT_FALSE(schools_by_occurrence.empty());
  for (const auto& [occ, schools] : schools_by_occurrence) EXPECT_EQ(schools.size(), dir->schools.size()) << occ;
}

// --- one rule at a time

TEST_F(Fixture, WindowsDatesAndArticle193) {
  auto r = expand_file(plan(R"(
      - {number: "1", measure: окно, deadline: июнь-август, responsible: [УО]}
      - {number: "2", measure: дата в праздник, deadline: до 1 мая 2024 г., responsible: [УО]}
      - {number: "3", measure: ежемесячно, deadline: ежемесячно до 25 числа, responsible: [УО]}
)"));
  ASSERT_FALSE(r.x.diagnostics.has_errors()) << diag::render_all(r.x.diagnostics, i18n::Lang::en);
  auto w = of_item(r, "1");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(iso(w[0].opens), "2024-06-01");
  EXPECT_EQ(iso(w[0].due), "2024-08-30");  // 31 August 2024 is a Saturday
  auto d = of_item(r, "2");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, scheduler::TaskKind::date);
  EXPECT_EQ(iso(d[0].due), "2024-05-02");  // 1 May is a holiday; the deadline moves to the next working day
  auto m = of_item(r, "3");
  ASSERT_EQ(m.size(), 12u);  // September 2023 to August 2024
  std::map<std::string, std::string> due;
  for (const auto& t : m) due[iso(t.opens)] = iso(t.due);
  EXPECT_EQ(due["2023-11-01"], "2023-11-27");  // 25 November 2023 is a Saturday
  EXPECT_EQ(due["2024-02-01"], "2024-02-26");  // a Sunday
  EXPECT_EQ(due["2023-09-01"], "2023-09-25");  // a Monday: stays
}

TEST_F(Fixture, SpanWithQuarterlyCheckinsAndOnDemandWithReviews) {
  auto r = expand_file(plan(R"(
      - {number: "1", measure: постоянно, deadline: постоянно, responsible: [УО]}
      - {number: "2", measure: по мере необходимости, deadline: по мере необходимости, responsible: [УО]}
)"));
  ASSERT_FALSE(r.x.diagnostics.has_errors()) << diag::render_all(r.x.diagnostics, i18n::Lang::en);
  auto s = of_item(r, "1");
  std::vector<std::string> got;
  for (const auto& t : s) got.push_back(std::string(to_string(t.kind)) + " " + iso(t.opens) + ".." + iso(t.due));
  EXPECT_EQ(got, (std::vector<std::string>{
                     "span 2023-09-01..2024-08-30",
                     "checkin 2023-09-01..2023-09-29",  // 30 September 2023 is a Saturday
                     "checkin 2023-10-01..2023-12-29",  // 31 December 2023 is a Sunday, the 30th a Saturday
                     "checkin 2024-01-01..2024-03-29",
                     "checkin 2024-04-01..2024-06-28",
                 }));
  auto d = of_item(r, "2");
  ASSERT_FALSE(d.empty());
  EXPECT_EQ(d[0].kind, scheduler::TaskKind::on_demand);
  EXPECT_FALSE(d[0].due.has_value());
  EXPECT_EQ(iso(d[0].opens), "2023-09-01");
  EXPECT_EQ(d.size(), 1u + 4u + 1u);  // the open task, then a review each quarter through August
  for (std::size_t i = 1; i < d.size(); ++i) EXPECT_EQ(d[i].kind, scheduler::TaskKind::checkin);
}

TEST_F(Fixture, EventsWithTheLagThePhraseSays) {
  auto r = expand_file(plan(R"(
      - {number: "1", measure: после ВПР, deadline: через 2 недели после ВПР, responsible: [УО]}
      - {number: "2", measure: каждая ОП, deadline: на следующий день после каждой ОП, responsible: [ИМЦ]}
      - {number: "3", measure: во время, deadline: в период проведения ВПР, responsible: [ОО]}
)"));
  ASSERT_FALSE(r.x.diagnostics.has_errors()) << diag::render_all(r.x.diagnostics, i18n::Lang::en);
  auto a = of_item(r, "1");
  ASSERT_EQ(a.size(), 2u);
  // 16 April + 14 days is 30 April 2024, a day off (the May holidays ran 28 April - 1 May that
  // year, by transfer): due on 2 May. 18 April + 14 days is 2 May itself.
  EXPECT_EQ(iso(a[0].due), "2024-05-02");
  EXPECT_EQ(iso(a[0].opens), "2024-05-02");
  EXPECT_EQ(iso(a[1].due), "2024-05-02");
  auto b = of_item(r, "2");
  ASSERT_EQ(b.size(), 4u);  // ИС(И)-11, two ВПР, ЕГЭ; not the olympiad
  EXPECT_EQ(b[0].timezone, "Asia/Yekaterinburg");
  EXPECT_EQ(iso(b[0].due), "2023-12-07");
  EXPECT_EQ(iso(b[3].due), "2024-07-02");
  auto c = of_item(r, "3");
  EXPECT_EQ(c.size(), 2u * 3u);  // two ВПР days, three schools
}

TEST_F(Fixture, ItemWaitingForAnotherItemIsDatedWhenThatItemIsDone) {
  std::string p = plan(R"(
      - {number: "1", measure: анализ, deadline: сентябрь, responsible: [УО]}
      - number: "2"
        measure: после анализа
        deadline: в течение месяца после завершения анализа
        responsible: [ИМЦ]
        bindings:
          - {anchor: завершения анализа, item: "1"}
)");
  auto waiting = expand_file(p);
  ASSERT_FALSE(waiting.x.diagnostics.has_errors()) << diag::render_all(waiting.x.diagnostics, i18n::Lang::en);
  auto w = of_item(waiting, "2");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].waiting, scheduler::Waiting::item);
  EXPECT_EQ(w[0].waits_for, "1");
  EXPECT_FALSE(w[0].due.has_value());
  auto dated = expand_file(p, {{"1", 2023y / September / 20d}});
  auto d = of_item(dated, "2");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].waiting, scheduler::Waiting::none);
  EXPECT_EQ(d[0].key, w[0].key) << "the task keeps its identity when it gets its dates";
  EXPECT_EQ(iso(d[0].opens), "2023-09-21");
  EXPECT_EQ(iso(d[0].due), "2023-10-20");
}

TEST_F(Fixture, ExternalScheduleBoundAndUnbound) {
  auto r = expand_file(plan(R"(
      - number: "1"
        measure: выезды
        deadline: по утвержденному графику
        responsible: [УО]
        bindings:
          - {anchor: по утвержденному графику, schedule: график выездов}
      - {number: "2", measure: без графика, deadline: по плану совещаний, responsible: [УО]}
)"));
  ASSERT_FALSE(r.x.diagnostics.has_errors()) << diag::render_all(r.x.diagnostics, i18n::Lang::en);
  auto a = of_item(r, "1");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(iso(a[0].due), "2023-10-09");  // 8 October 2023 is a Sunday
  EXPECT_EQ(a[0].label, "выезд в СОШ №1");
  auto b = of_item(r, "2");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].waiting, scheduler::Waiting::schedule);
}

TEST_F(Fixture, GroupMembershipChangesDuringTheYear) {
  auto r = expand_file(plan(R"(
      - {number: "1", measure: группа, deadline: "ноябрь, февраль", responsible: [ШНОР], co_executors: [УО]}
)"));
  ASSERT_FALSE(r.x.diagnostics.has_errors()) << diag::render_all(r.x.diagnostics, i18n::Lang::en);
  std::map<std::string, std::set<std::string>> by_month;
  for (const auto& t : of_item(r, "1")) {
    std::string who = t.assignee + (t.role == scheduler::TaskRole::lead ? "" : "(co)");
    by_month[iso(t.due).substr(0, 7)].insert(who);
    if (t.assignee == "s2") { EXPECT_EQ(t.timezone, "Asia/Vladivostok"); }
  }
  EXPECT_EQ(by_month["2023-11"], (std::set<std::string>{"s1", "s2", "УО(co)"}));
  EXPECT_EQ(by_month["2024-02"], (std::set<std::string>{"s1", "s3", "УО(co)"}));
}

// --- bad input: a located error each, and (for the CLI) nothing to store

TEST_F(Fixture, UnknownBodyIsALocatedError) {
  auto r = expand_file(plan(R"(
      - {number: "1", measure: x, deadline: сентябрь, responsible: [ЦОКО]}
)"));
  ASSERT_TRUE(has_error(r.x.diagnostics, "scheduler.err.unknown_body"));
  auto text = diag::render_all(r.x.diagnostics, i18n::Lang::ru);
  EXPECT_NE(text.find("plan.yaml:"), std::string::npos) << text;
  EXPECT_NE(text.find("ЦОКО"), std::string::npos) << text;
  EXPECT_NE(text.find("справочник"), std::string::npos) << text;
}

TEST_F(Fixture, UnknownEventKindAndScheduleAreErrors) {
  auto r = expand_file(plan(R"(
      - number: "1"
        measure: x
        deadline: после каждой ОП
        responsible: [УО]
        bindings:
          - {anchor: ОП, event: НИКОО}
      - number: "2"
        measure: y
        deadline: по утвержденному графику
        responsible: [УО]
        bindings:
          - {anchor: по утвержденному графику, schedule: график проверок}
)"));
  EXPECT_TRUE(has_error(r.x.diagnostics, "scheduler.err.unknown_event_kind"))
      << diag::render_all(r.x.diagnostics, i18n::Lang::en);
  EXPECT_TRUE(has_error(r.x.diagnostics, "scheduler.err.unknown_schedule"));
}

TEST_F(Fixture, ItemsWaitingForEachOtherAreACycle) {
  auto r = expand_file(plan(R"(
      - number: "1"
        measure: a
        deadline: после завершения проверки
        responsible: [УО]
        bindings: [{anchor: завершения проверки, item: "2"}]
      - number: "2"
        measure: b
        deadline: после завершения анализа
        responsible: [УО]
        bindings: [{anchor: завершения анализа, item: "1"}]
)"));
  ASSERT_TRUE(has_error(r.x.diagnostics, "scheduler.err.item_cycle")) << diag::render_all(r.x.diagnostics, i18n::Lang::en);
  auto text = diag::render_all(r.x.diagnostics, i18n::Lang::ru);
  EXPECT_NE(text.find("1 → 2 → 1"), std::string::npos) << text;
}

TEST_F(Fixture, DateOutsideThePlansPeriod) {
  auto r = expand_file(plan(R"(
      - {number: "1", measure: x, deadline: до 10 января 2022 г., responsible: [УО]}
)"));
  EXPECT_TRUE(has_error(r.x.diagnostics, "scheduler.err.outside_period")) << diag::render_all(r.x.diagnostics, i18n::Lang::en);
}

TEST_F(Fixture, AYearTheProductionCalendarDoesNotCover) {
  auto r = expand_file(plan(R"(
      - {number: "1", measure: x, deadline: сентябрь, responsible: [УО]}
)", "school_year: 2030-2031"));
  ASSERT_TRUE(has_error(r.x.diagnostics, "scheduler.err.calendar_year")) << diag::render_all(r.x.diagnostics, i18n::Lang::en);
  auto text = diag::render_all(r.x.diagnostics, i18n::Lang::ru);
  EXPECT_NE(text.find("2030"), std::string::npos) << text;
}
