// The reports aggregate in SQL (counts by assignee, classes of like tasks, the oldest rows only);
// here every report is checked against the plain reading of every task (reference_reports.hpp)
// over the five seed plans loaded together, with marks of every kind: done on time, late and
// early, in progress, cancelled and not needed, waiting, a plan's zone instead of the task's, a
// zone differing from the plan's, two schools with one name, a school whose body is unknown, a
// dropped item whose done tasks remain. Table-driven: scopes (plan, period, body, school) x
// "today" (fixed dates, and instants at which zones disagree on the date).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "ru_calendar.hpp"
#include "load/plan_loader.hpp"
#include "planning/planning.hpp"
#include "reference_reports.hpp"
#include "reports/document.hpp"
#include "reports/error.hpp"
#include "reports/render.hpp"
#include "store/schema.hpp"
#include "store/task_repository.hpp"
#include "../store/temp_dir.hpp"

namespace {

using namespace roadmap;
using namespace std::chrono;

using roadmap::testing::ru_calendar;

long scalar(store::Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  st.step();
  return static_cast<long>(st.column_int(0));
}

std::string text(store::Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  return st.step() ? st.column_text(0) : std::string();
}

// One database for the whole suite: the five seeds, scheduled, then marked.
class Region {
 public:
  Region() {
    db = std::make_unique<store::Database>(store::open_store(dir.file("seeds.db")));
    std::vector<model::Plan> plans;
    for (const auto& e : std::filesystem::directory_iterator(std::string(ROADMAP_SOURCE_DIR) + "/plans"))
      if (e.path().extension() == ".yaml") {
        auto load = load::load_plan_file(e.path().string());
        if (!load.ok()) throw std::runtime_error("seed " + e.path().string());
        plans.push_back(*load.plan);
      }
    if (!planning::load_and_schedule(*db, std::move(plans), {}).ok()) throw std::runtime_error("load");
    // A few done through the store's API, so the execution marks name who marked them.
    auto some = db->prepare("SELECT id, version FROM tasks WHERE due IS NOT NULL AND id % 53 = 0 ORDER BY id");
    std::vector<std::pair<std::int64_t, int>> ids;
    while (some.step()) ids.emplace_back(some.column_int(0), static_cast<int>(some.column_int(1)));
    for (auto [id, v] : ids) store::update_status(*db, id, v, "done", "petrova-ma", "", std::nullopt);
    db->exec(R"sql(
      UPDATE tasks SET status = 'done', done_on = due, result = 'протокол' WHERE id % 9 = 0 AND due IS NOT NULL;
      UPDATE tasks SET status = 'done', done_on = date(due, '+6 days'), result = 'справка' WHERE id % 9 = 1 AND due IS NOT NULL;
      UPDATE tasks SET status = 'in_progress' WHERE id % 9 = 2 AND status = 'planned';
      UPDATE tasks SET status = 'done', done_on = date(due, '-3 days') WHERE id % 17 = 3 AND due IS NOT NULL;
      UPDATE tasks SET status = 'done', done_on = '2023-05-05' WHERE due IS NULL AND id % 2 = 0;
      UPDATE tasks SET status = 'cancelled', cancelled_by = 'user' WHERE id % 31 = 6;
      UPDATE tasks SET status = 'not_needed', done_on = due WHERE id % 37 = 7;
      UPDATE tasks SET waiting = 'schedule' WHERE id % 41 = 8 AND status = 'planned';
      UPDATE tasks SET timezone = '' WHERE id % 29 = 5;
      UPDATE tasks SET timezone = 'Europe/Moscow' WHERE id % 5 = 0 AND timezone = 'Asia/Vladivostok';
      UPDATE dir_schools SET short_name = 'Школа-тёзка'
        WHERE (directory_id, id) IN (SELECT directory_id, id FROM dir_schools ORDER BY directory_id, id LIMIT 2);
      UPDATE dir_schools SET body = 'нет-такого-органа'
        WHERE (directory_id, id) IN (SELECT directory_id, id FROM dir_schools ORDER BY id DESC LIMIT 1);
    )sql");
    // An item dropped by a re-load of its plan: its done tasks stay in the table, unreported.
    dropped_plan = text(*db, "SELECT plan_id FROM tasks WHERE status = 'done' GROUP BY plan_id, item_key "
                             "ORDER BY count(*) DESC LIMIT 1");
    dropped_item = text(*db, "SELECT item_key FROM tasks WHERE status = 'done' AND plan_id = '" + dropped_plan +
                                 "' GROUP BY item_key ORDER BY count(*) DESC LIMIT 1");
    db->exec("DELETE FROM items WHERE plan_id = '" + dropped_plan + "' AND item_key = '" + dropped_item + "'");
    busiest_body = text(*db, "SELECT body FROM dir_schools GROUP BY body ORDER BY count(*) DESC, body LIMIT 1");
    busiest_school = text(*db, "SELECT assignee FROM tasks WHERE assignee_kind = 'school' GROUP BY assignee "
                               "ORDER BY count(*) DESC, assignee LIMIT 1");
  }
  roadmap::testing::TempDir dir;
  std::unique_ptr<store::Database> db;
  std::string dropped_plan, dropped_item, busiest_body, busiest_school;
};

Region& region() {
  static Region r;
  return r;
}

// The body and school of a case are the fixture's busiest, found when the test runs (listing the
// tests must not build the database).
enum class Unit { none, body, school };
struct Case {
  std::string name;
  reports::Scope scope;
  reports::Clock clock;
  Unit unit = Unit::none;
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.name;
}

reports::Clock at(int y, unsigned m, unsigned d, int h, int min = 0) {
  return reports::Clock{sys_seconds{sys_days{year{y} / month{m} / day{d}}} + hours{h} + minutes{min}};
}

std::vector<Case> cases() {
  auto scope = [](std::string plan, std::string period = {}) {
    reports::Scope s;
    s.plan_id = std::move(plan);
    if (!period.empty()) s.period = reports::parse_period(period);
    return s;
  };
  using reports::Clock;
  return {
      {"all plans, 09.01.2024", scope(""), Clock::fixed(2024y / January / 9)},
      {"all plans, 01.03.2021", scope(""), Clock::fixed(2021y / March / 1)},
      {"all plans, 20.12.2019", scope(""), Clock::fixed(2019y / December / 20)},
      {"all plans, 01.09.2025", scope(""), Clock::fixed(2025y / September / 1)},
      // "Today" on a due date many tasks share: due today is not yet overdue.
      {"all plans, 31.03.2023 (a due date)", scope(""), Clock::fixed(2023y / March / 31)},
      {"all plans, 30.09.2022 (a due date)", scope(""), Clock::fixed(2022y / September / 30)},
      {"all plans, 29.12.2023 (a due date, the New Year days off ahead)", scope(""), Clock::fixed(2023y / December / 29)},
      {"all plans, beyond the calendar (2099)", scope(""), Clock::fixed(2099y / January / 10)},
      {"all plans, 30.09.2021 18:00 UTC (Vladivostok a day ahead)", scope(""), at(2021, 9, 30, 18)},
      {"all plans, 31.05.2021 22:00 UTC", scope(""), at(2021, 5, 31, 22)},
      {"all plans, New Year's Eve 2023 21:30 UTC", scope(""), at(2023, 12, 31, 21, 30)},
      {"khabarovsk, 30.09.2021 18:00 UTC", scope("khabarovsk-vpr-2021"), at(2021, 9, 30, 18)},
      {"khabarovsk, 2021-Q3", scope("khabarovsk-vpr-2021", "2021-Q3"), Clock::fixed(2021y / November / 15)},
      {"levokumsky, 09.01.2024", scope("levokumsky-objectivity-2023"), Clock::fixed(2024y / January / 9)},
      {"levokumsky, 2023-Q1", scope("levokumsky-objectivity-2023", "2023-Q1"), Clock::fixed(2024y / January / 9)},
      {"verkhny tagil, 2019-2020", scope("verkhny-tagil-msoko-2019", "2019-2020"), Clock::fixed(2020y / May / 20)},
      {"all plans, a month", scope("", "2021-10"), Clock::fixed(2022y / January / 10)},
      {"the busiest body, 09.01.2024", scope(""), Clock::fixed(2024y / January / 9), Unit::body},
      {"the busiest body, 31.05.2021 22:00 UTC", scope(""), at(2021, 5, 31, 22), Unit::body},
      {"the busiest school, 09.01.2024", scope(""), Clock::fixed(2024y / January / 9), Unit::school},
      {"the busiest school, 2021-2022", scope("", "2021-2022"), Clock::fixed(2022y / June / 1), Unit::school},
  };
}

void expect_same_who(const reports::Who& a, const reports::Who& b, const std::string& where) {
  EXPECT_EQ(a.assignee, b.assignee) << where;
  EXPECT_EQ(a.body, b.body) << where;
  EXPECT_EQ(a.school, b.school) << where;
  EXPECT_EQ(a.people, b.people) << where;
}

void expect_same_rows(const std::vector<reports::OverdueRow>& got, const std::vector<reports::OverdueRow>& want,
                      const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < got.size(); ++i) {
    std::string where = what + " row " + std::to_string(i);
    EXPECT_EQ(got[i].task_id, want[i].task_id) << where;
    EXPECT_EQ(got[i].plan_id, want[i].plan_id) << where;
    EXPECT_EQ(got[i].item_number, want[i].item_number) << where;
    EXPECT_EQ(got[i].measure, want[i].measure) << where;
    EXPECT_EQ(got[i].label, want[i].label) << where;
    expect_same_who(got[i].who, want[i].who, where);
    EXPECT_EQ(got[i].due, want[i].due) << where;
    EXPECT_EQ(got[i].done_on, want[i].done_on) << where;
    EXPECT_EQ(got[i].working_days, want[i].working_days) << where;
  }
}

void expect_same_groups(const std::vector<reports::OverdueGroup>& got, const std::vector<reports::OverdueGroup>& want,
                        const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < got.size(); ++i) {
    std::string where = what + " group " + want[i].name;
    EXPECT_EQ(got[i].name, want[i].name) << where;
    EXPECT_EQ(got[i].count, want[i].count) << where;
    EXPECT_EQ(got[i].max_days, want[i].max_days) << where;
    EXPECT_EQ(got[i].oldest_due, want[i].oldest_due) << where;
  }
}

template <class Row>
void expect_same_counted(const std::vector<Row>& got, const std::vector<Row>& want, const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].name, want[i].name) << what << " " << i;
    EXPECT_EQ(got[i].counts, want[i].counts) << what << " " << want[i].name;
  }
}

reports::DocOptions doc_options() {
  return {i18n::Lang::ru, "09.01.2024"};
}

void overdue_equals_the_plain_reading(const reports::Input& in, const reports::OverdueRule& r) {
  auto want = reports::reference::overdue(in, r);
  auto got = reports::build_overdue(in, r);
  expect_same_rows(got.rows, want.rows, "overdue");
  expect_same_rows(got.done_late, want.done_late, "done late");
  EXPECT_EQ(got.rows_total, want.rows.size());
  EXPECT_EQ(got.done_late_total, want.done_late.size());
  expect_same_groups(got.by_body, want.by_body, "by body");
  expect_same_groups(got.by_school, want.by_school, "by school");
  expect_same_groups(got.by_person, want.by_person, "by person");
  EXPECT_EQ(reports::render_json(reports::overdue_document(in, got, doc_options())),
            reports::render_json(reports::overdue_document(in, want, doc_options())));

  // Capped: the oldest rows of the same list, the totals and groups of all of them.
  auto capped = reports::build_overdue(in, r, 3);
  std::vector<reports::OverdueRow> first(want.rows.begin(), want.rows.begin() + std::min<long>(3, static_cast<long>(want.rows.size())));
  std::vector<reports::OverdueRow> first_late(want.done_late.begin(),
                                             want.done_late.begin() + std::min<long>(3, static_cast<long>(want.done_late.size())));
  expect_same_rows(capped.rows, first, "capped overdue");
  expect_same_rows(capped.done_late, first_late, "capped done late");
  EXPECT_EQ(capped.rows_total, want.rows.size());
  EXPECT_EQ(capped.done_late_total, want.done_late.size());
  expect_same_groups(capped.by_person, want.by_person, "capped by person");
}

void completion_equals_the_plain_reading(const reports::Input& in, const reports::OverdueRule& r) {
  auto want = reports::reference::completion(in, r);
  auto got = reports::build_completion(in, r);
  EXPECT_EQ(got.total, want.total);
  ASSERT_EQ(got.sections.size(), want.sections.size());
  for (std::size_t i = 0; i < got.sections.size(); ++i) EXPECT_EQ(got.sections[i].counts, want.sections[i].counts) << i;
  ASSERT_EQ(got.items.size(), want.items.size());
  for (std::size_t i = 0; i < got.items.size(); ++i) {
    EXPECT_EQ(got.items[i].number, want.items[i].number);
    EXPECT_EQ(got.items[i].counts, want.items[i].counts) << want.items[i].number;
  }
  ASSERT_EQ(got.bodies.size(), want.bodies.size());
  for (std::size_t i = 0; i < got.bodies.size(); ++i) {
    EXPECT_EQ(got.bodies[i].name, want.bodies[i].name);
    EXPECT_EQ(got.bodies[i].counts, want.bodies[i].counts) << want.bodies[i].name;
  }
  ASSERT_EQ(got.matrices.size(), want.matrices.size());
  for (std::size_t m = 0; m < got.matrices.size(); ++m) {
    EXPECT_EQ(got.matrices[m].plan_id, want.matrices[m].plan_id);
    EXPECT_EQ(got.matrices[m].item_numbers, want.matrices[m].item_numbers);
    EXPECT_EQ(got.matrices[m].schools, want.matrices[m].schools);
    EXPECT_EQ(got.matrices[m].cells, want.matrices[m].cells) << want.matrices[m].plan_id;
  }
  ASSERT_EQ(got.timeline.size(), want.timeline.size());
  for (std::size_t i = 0; i < got.timeline.size(); ++i) {
    EXPECT_EQ(got.timeline[i].label, want.timeline[i].label);
    EXPECT_EQ(got.timeline[i].due, want.timeline[i].due) << want.timeline[i].label;
    EXPECT_EQ(got.timeline[i].done, want.timeline[i].done) << want.timeline[i].label;
  }
  EXPECT_EQ(reports::render_json(reports::completion_document(in, got, doc_options())),
            reports::render_json(reports::completion_document(in, want, doc_options())));
}

void execution_equals_the_plain_reading(const reports::Input& in, const reports::OverdueRule& r) {
  auto want = reports::reference::execution(in, r);
  auto got = reports::build_execution(in, r);
  ASSERT_EQ(got.plans.size(), want.plans.size());
  for (std::size_t p = 0; p < got.plans.size(); ++p) {
    auto& rows = want.plans[p].rows;
    ASSERT_EQ(got.plans[p].rows.size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& g = got.plans[p].rows[i];
      auto& w = rows[i];
      std::string where = want.plans[p].plan.id + " item " + w.number;
      EXPECT_EQ(g.counts, w.counts) << where;
      EXPECT_EQ(g.status, w.status) << where;
      EXPECT_EQ(g.responsible, w.responsible) << where;
      // The engine keeps the latest marks and the first names; the reference has them all.
      if (w.done.size() > reports::kLatestMarksShown) w.done.erase(w.done.begin(), w.done.end() - reports::kLatestMarksShown);
      ASSERT_EQ(g.done.size(), w.done.size()) << where;
      for (std::size_t k = 0; k < w.done.size(); ++k) {
        EXPECT_EQ(g.done[k].done_on, w.done[k].done_on) << where;
        EXPECT_EQ(g.done[k].assignee, w.done[k].assignee) << where;
        EXPECT_EQ(g.done[k].label, w.done[k].label) << where;
        EXPECT_EQ(g.done[k].actor, w.done[k].actor) << where;
        EXPECT_EQ(g.done[k].result, w.done[k].result) << where;
        EXPECT_EQ(g.done[k].late_days, w.done[k].late_days) << where;
      }
      EXPECT_EQ(g.overdue_unit_count, w.overdue_units.size()) << where;
      if (w.overdue_units.size() > reports::kLateUnitsNamed) w.overdue_units.resize(reports::kLateUnitsNamed);
      EXPECT_EQ(g.overdue_units, w.overdue_units) << where;
    }
  }
  EXPECT_EQ(reports::render_json(reports::execution_document(in, got, doc_options())),
            reports::render_json(reports::execution_document(in, want, doc_options())));
}

void discipline_equals_the_plain_reading(const reports::Input& in, const reports::OverdueRule& r) {
  auto want = reports::reference::discipline(in, r);
  auto got = reports::build_discipline(in, r);
  EXPECT_EQ(got.total, want.total);
  expect_same_counted(got.by_body, want.by_body, "by body");
  expect_same_counted(got.by_person, want.by_person, "by person");
  expect_same_counted(got.by_month, want.by_month, "by month");
  EXPECT_EQ(reports::render_json(reports::discipline_document(in, got, doc_options())),
            reports::render_json(reports::discipline_document(in, want, doc_options())));
}

class Aggregation : public ::testing::TestWithParam<Case> {};

// One test a case (each test runs in a process of its own and builds the fixture once).
TEST_P(Aggregation, EveryReportEqualsThePlainReading) {
  auto scope = GetParam().scope;
  if (GetParam().unit == Unit::body) scope.body = region().busiest_body;
  if (GetParam().unit == Unit::school) scope.school = region().busiest_school;
  auto in = reports::load_input(*region().db, scope);
  reports::OverdueRule rule(ru_calendar(), GetParam().clock);
  SCOPED_TRACE(GetParam().name);
  {
    SCOPED_TRACE("overdue");
    overdue_equals_the_plain_reading(in, rule);
  }
  {
    SCOPED_TRACE("completion");
    completion_equals_the_plain_reading(in, rule);
  }
  {
    SCOPED_TRACE("execution");
    execution_equals_the_plain_reading(in, rule);
  }
  {
    SCOPED_TRACE("discipline");
    discipline_equals_the_plain_reading(in, rule);
  }
}

TEST(DroppedItem, ItsDoneTasksAreLeftOutAsThePlainReadingDoes) {
  reports::Scope scope;
  scope.plan_id = region().dropped_plan;
  auto in = reports::load_input(*region().db, scope);
  auto clock = reports::Clock::fixed(2024y / June / 1);
  reports::OverdueRule rule(ru_calendar(), clock);
  auto want = reports::reference::completion(in, rule);
  auto got = reports::build_completion(in, rule);
  EXPECT_EQ(got.total, want.total);
  long stored = scalar(*region().db, "SELECT count(*) FROM tasks WHERE plan_id = '" + scope.plan_id +
                                         "' AND status IN ('planned', 'in_progress', 'done')");
  EXPECT_LT(got.total.total, static_cast<std::size_t>(stored));  // the dropped item's tasks are not counted
  discipline_equals_the_plain_reading(in, rule);
  overdue_equals_the_plain_reading(in, rule);
  execution_equals_the_plain_reading(in, rule);
}

INSTANTIATE_TEST_SUITE_P(SeedsWithMarks, Aggregation, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& info) { return "case" + std::to_string(info.index); });

// The fixture itself: every kind of mark is there, or the comparison above proves little.
TEST(AggregationFixture, HasEveryKindOfTask) {
  auto& db = *region().db;
  for (const char* where : {"status = 'done' AND done_on > due", "status = 'done' AND done_on = due",
                            "status = 'done' AND done_on < due", "status = 'done' AND due IS NULL",
                            "status = 'in_progress'", "status = 'cancelled'", "status = 'not_needed'",
                            "waiting <> 'none' AND status = 'planned'", "timezone = ''",
                            "timezone = 'Europe/Moscow' AND plan_id = 'khabarovsk-vpr-2021'"})
    EXPECT_GT(scalar(db, std::string("SELECT count(*) FROM tasks WHERE ") + where), 0) << where;
  EXPECT_GT(scalar(db, "SELECT count(*) FROM tasks WHERE plan_id = '" + region().dropped_plan + "' AND item_key = '" +
                           region().dropped_item + "' AND status = 'done'"),
            0);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM items WHERE plan_id = '" + region().dropped_plan + "' AND item_key = '" +
                           region().dropped_item + "'"),
            0);
  EXPECT_GT(scalar(db, "SELECT count(*) FROM task_audit WHERE actor = 'petrova-ma'"), 0);
  EXPECT_FALSE(region().busiest_body.empty());
  EXPECT_FALSE(region().busiest_school.empty());
}

// A scope of one body: the body's own tasks and its schools' tasks, nothing else; one school: its own.
TEST(ReportScope, ABodyIsItsOwnTasksAndItsSchoolsTasks) {
  auto& db = *region().db;
  const auto& body = region().busiest_body;
  reports::Scope s;
  s.body = body;
  auto in = reports::load_input(db, s);
  auto clock = reports::Clock::fixed(2024y / January / 9);
  auto completion = reports::build_completion(in, reports::OverdueRule(ru_calendar(), clock));
  long expected = scalar(db,
                         "SELECT count(*) FROM tasks t JOIN items i ON i.plan_id = t.plan_id AND i.item_key = t.item_key "
                         "WHERE t.status IN ('planned', 'in_progress', 'done') AND ((t.assignee_kind = 'body' AND "
                         "t.assignee = '" + body + "') OR (t.assignee_kind = 'school' AND EXISTS (SELECT 1 FROM "
                         "dir_schools s WHERE s.directory_id = t.directory_id AND s.id = t.assignee AND s.body = '" +
                             body + "')))");
  EXPECT_GT(expected, 0);
  EXPECT_EQ(completion.total.total, static_cast<std::size_t>(expected));
  long all = scalar(db, "SELECT count(*) FROM tasks WHERE status IN ('planned', 'in_progress', 'done')");
  EXPECT_LT(expected, all);
  auto doc = reports::completion_document(in, completion, {i18n::Lang::ru, "09.01.2024"});
  EXPECT_NE(std::find_if(doc.subtitle.begin(), doc.subtitle.end(),
                         [](const std::string& line) { return line.rfind("Орган: ", 0) == 0; }),
            doc.subtitle.end());

  reports::Scope one;
  one.school = region().busiest_school;
  auto school_in = reports::load_input(db, one);
  auto discipline = reports::build_discipline(school_in, reports::OverdueRule(ru_calendar(), clock));
  EXPECT_EQ(discipline.total.total,
            static_cast<std::size_t>(scalar(db, "SELECT count(*) FROM tasks t JOIN items i ON i.plan_id = t.plan_id "
                                                "AND i.item_key = t.item_key WHERE t.status IN ('planned', "
                                                "'in_progress', 'done') AND t.due IS NOT NULL AND "
                                                "t.assignee_kind = 'school' AND t.assignee = '" +
                                                    one.school + "'")));
  EXPECT_FALSE(discipline.by_body.empty());
}

TEST(ReportScope, AnUnknownBodyOrSchoolIsAnError) {
  auto& db = *region().db;
  reports::Scope s;
  s.body = "нет-такого";
  try {
    reports::load_input(db, s);
    FAIL();
  } catch (const store::Error& e) {
    EXPECT_EQ(e.message().key, "store.err.unknown_body");
    EXPECT_EQ(e.message().args.at(0), "нет-такого");
  }
  reports::Scope t;
  t.school = "sosh-999999";
  try {
    reports::load_input(db, t);
    FAIL();
  } catch (const store::Error& e) {
    EXPECT_EQ(e.message().key, "store.err.unknown_school");
  }
}

}  // namespace
