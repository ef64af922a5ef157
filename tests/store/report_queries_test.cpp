// The reports' queries at the level of SQLite's query plans: an aggregate over a whole region must
// read one covering index in the order of its GROUP BY (no table rows, no sort), and the overdue
// lists must come from the (due, id)-ordered partial indexes, stopping at their limit. A plan that
// falls back to a sort or to table rows still gives the right counts -- only 10-30 times slower on
// a region -- so this is what keeps the reports fast. Also: schema v6's indexes.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>

#include "load/plan_loader.hpp"
#include "planning/planning.hpp"
#include "store/report_queries.hpp"
#include "store/schema.hpp"
#include "temp_dir.hpp"

using namespace roadmap;
using namespace roadmap::store;
using namespace std::chrono;

namespace {

std::string query_plan(Database& db, const std::string& sql) {
  auto st = db.prepare("EXPLAIN QUERY PLAN " + sql);
  std::string out;
  while (st.step()) out += st.column_text(3) + "\n";
  return out;
}

int trace(unsigned, void* ctx, void*, void* x) {
  static_cast<std::vector<std::string>*>(ctx)->push_back(static_cast<const char*>(x));
  return 0;
}

class ReportQueries : public ::testing::Test {
 protected:
  void SetUp() override {
    db = std::make_unique<Database>(open_store(dir.file("r.db")));
    auto load = load::load_plan_file(std::string(ROADMAP_SOURCE_DIR) + "/plans/002-levokumsky-objectivity-2023.yaml");
    ASSERT_TRUE(load.ok());
    ASSERT_TRUE(planning::load_and_schedule(*db, {*load.plan}, {}).ok());
    db->exec("UPDATE tasks SET status = 'done', done_on = date(due, '+3 days') WHERE id % 7 = 0 AND due IS NOT NULL");
  }

  // The SELECTs `run` prepares.
  template <class F>
  std::vector<std::string> statements(F run) {
    std::vector<std::string> sql;
    sqlite3_trace_v2(db->handle(), SQLITE_TRACE_STMT, trace, &sql);
    run();
    sqlite3_trace_v2(db->handle(), 0, nullptr, nullptr);
    return sql;
  }

  roadmap::testing::TempDir dir;
  std::unique_ptr<Database> db;
  ReportScope scope;  // the whole database, as over a region
  OverdueCut cut{2024y / January / 9, 2024y / January / 9, {}};
};

}  // namespace

TEST_F(ReportQueries, EveryAggregateReadsACoveringIndexInItsGroupOrder) {
  auto sql = statements([&] {
    EXPECT_FALSE(report_counts_by_unit_item(*db, scope, cut).empty());
    EXPECT_FALSE(report_dated_counts_by_unit(*db, scope, cut).empty());
    EXPECT_FALSE(report_task_classes(*db, scope).empty());
    EXPECT_FALSE(report_overdue_by_unit(*db, scope, cut, {2018y / January / 1}).empty());
    auto with_oldest = report_counts_by_unit_item(*db, scope, cut, true);
    EXPECT_TRUE(std::any_of(with_oldest.begin(), with_oldest.end(), [](const auto& c) { return c.first_overdue_due.has_value(); }));
  });
  int aggregates = 0;
  for (const auto& s : sql) {
    if (s.find("GROUP BY") == std::string::npos) continue;
    ++aggregates;
    auto plan = query_plan(*db, s);
    EXPECT_TRUE(plan.find("USING COVERING INDEX tasks_by_unit") != std::string::npos ||
                plan.find("USING COVERING INDEX tasks_by_item_due") != std::string::npos)
        << s << "\n" << plan;
    EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << s << "\n" << plan;
  }
  EXPECT_EQ(aggregates, 5);
  // Items no longer stored are looked for by seeking from one (plan, item) to the next.
  int seeks = 0;
  for (const auto& s : sql) {
    if (s.find("ORDER BY plan_id, item_key LIMIT 1") == std::string::npos) continue;
    ++seeks;
    auto plan = query_plan(*db, s);
    EXPECT_TRUE(plan.find("SEARCH tasks USING COVERING INDEX tasks_by_item_due (plan_id=? AND item_key>?)") !=
                    std::string::npos ||
                plan.find("SEARCH tasks USING COVERING INDEX tasks_by_item_due (plan_id>?)") != std::string::npos)
        << plan;
  }
  EXPECT_GE(seeks, 2);
}

TEST_F(ReportQueries, TheOverdueListsReadTheirPartialIndexesInOrder) {
  auto sql = statements([&] {
    EXPECT_EQ(report_overdue_tasks(*db, scope, cut, 10).size(), 10u);
    EXPECT_FALSE(report_done_late_tasks(*db, scope, 10).empty());
  });
  ASSERT_GE(sql.size(), 2u);
  std::string overdue, late;
  for (const auto& s : sql) {
    if (s.find("ORDER BY t.due, t.id LIMIT 10") == std::string::npos) continue;
    (s.find("done_on > t.due") != std::string::npos ? late : overdue) = query_plan(*db, s);
  }
  EXPECT_NE(overdue.find("INDEX tasks_open_by_due"), std::string::npos) << overdue;
  EXPECT_NE(late.find("INDEX tasks_done_late_by_due"), std::string::npos) << late;
  EXPECT_EQ(overdue.find("TEMP B-TREE"), std::string::npos) << overdue;
  EXPECT_EQ(late.find("TEMP B-TREE"), std::string::npos) << late;
}

TEST_F(ReportQueries, OneSchoolIsReadThroughItsOwnIndexEntries) {
  ReportScope one;
  one.school = "sosh-1";
  auto sql = statements([&] { EXPECT_FALSE(report_task_classes(*db, one).empty()); });
  ASSERT_FALSE(sql.empty());
  auto plan = query_plan(*db, sql.back());
  EXPECT_NE(plan.find("INDEX tasks_by_unit (assignee_kind=? AND assignee=?)"), std::string::npos) << plan;
}

TEST(ReportIndexes, SchemaSixReplacesTheNarrowIndexesByCoveringOnes) {
  roadmap::testing::TempDir dir;
  Database db = open_store(dir.file("r.db"));
  auto st = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'tasks' AND sql IS NOT NULL "
                       "ORDER BY name");
  std::vector<std::string> names;
  while (st.step()) names.push_back(st.column_text(0));
  EXPECT_EQ(names, (std::vector<std::string>{"tasks_by_due", "tasks_by_item_due", "tasks_by_unit",
                                             "tasks_done_late_by_due", "tasks_open_by_due"}));
}
