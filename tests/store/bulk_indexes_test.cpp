// A bulk load drops the scattered indexes of `tasks` and builds them again: the indexes exist
// afterwards exactly as the schema defines them, a rollback restores them, a small load leaves
// them alone, and the tasks written in bulk are found through them.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "plan_fixture.hpp"
#include "store/plan_repository.hpp"
#include "store/schema.hpp"
#include "store/task_repository.hpp"
#include "temp_dir.hpp"

using namespace roadmap;
using namespace roadmap::store;

namespace {

constexpr const char* kPlan = "khabarovsk-vpr-2021";

std::string indexes(Database& db) {
  auto st = db.prepare("SELECT name || ':' || sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tasks' "
                       "AND sql IS NOT NULL ORDER BY name");
  std::string out;
  while (st.step()) out += st.column_text(0) + "\n";
  return out;
}

std::vector<scheduler::PlannedTask> many(std::size_t n) {
  std::vector<scheduler::PlannedTask> v;
  for (std::size_t i = 0; i < n; ++i) {
    scheduler::PlannedTask t;
    t.plan_id = kPlan;
    t.item_key = "1." + std::to_string(i % 50);
    t.occurrence = std::to_string(i);
    t.assignee_kind = scheduler::AssigneeKind::school;
    t.assignee = fmt::format("school-{:04}", i % 1000);
    t.key = fmt::format("{}|{}|0|0|{}|school:{}|lead", kPlan, t.item_key, t.occurrence, t.assignee);
    t.kind = scheduler::TaskKind::window;
    t.directory_id = "khv";
    t.due = std::chrono::year{2022} / std::chrono::month{static_cast<unsigned>(1 + i % 12)} / std::chrono::day{28};
    t.timezone = "Asia/Vladivostok";
    v.push_back(std::move(t));
  }
  return v;
}

class BulkIndexes : public ::testing::Test {
 protected:
  void SetUp() override {
    db = std::make_unique<Database>(open_store(dir.file("b.db")));
    save_plan(*db, roadmap::testing::sample_plan(kPlan));
    schema = indexes(*db);
  }
  roadmap::testing::TempDir dir;
  std::unique_ptr<Database> db;
  std::string schema;
};

}  // namespace

TEST_F(BulkIndexes, DroppedDuringALargeFirstLoadAndBuiltAgain) {
  ASSERT_NE(schema.find("tasks_by_due"), std::string::npos) << schema;
  auto tasks = many(BulkTaskIndexes::kMinRows + 10);
  Transaction tx(*db);
  BulkTaskIndexes bulk(*db, tasks.size());
  EXPECT_TRUE(bulk.active());
  EXPECT_EQ(indexes(*db).find("tasks_by_due"), std::string::npos) << "dropped while the rows go in";
  EXPECT_EQ(indexes(*db), "") << "only the key's own index is kept";
  auto diff = apply_tasks(*db, kPlan, tasks, "test");
  EXPECT_EQ(diff.created, tasks.size());
  bulk.rebuild();
  auto threads = db->prepare("PRAGMA threads");
  ASSERT_TRUE(threads.step());
  EXPECT_EQ(threads.column_int(0), 0) << "the sorter's helper threads are for the rebuild only";
  threads.reset();
  tx.commit();
  EXPECT_EQ(indexes(*db), schema);
  TaskFilter f;
  f.school = "school-0007";
  EXPECT_EQ(query_tasks(*db, f).size(), (tasks.size() + 999 - 7) / 1000);
  auto plan = db->prepare("EXPLAIN QUERY PLAN SELECT id FROM tasks WHERE due = '2022-03-28'");
  std::string detail;
  while (plan.step()) detail += plan.column_text(3);
  EXPECT_NE(detail.find("tasks_by_due"), std::string::npos) << detail;
  auto check = db->prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check.step());
  EXPECT_EQ(check.column_text(0), "ok");
}

TEST_F(BulkIndexes, ARollbackRestoresThem) {
  {
    Transaction tx(*db);
    BulkTaskIndexes bulk(*db, BulkTaskIndexes::kMinRows * 2);
    EXPECT_TRUE(bulk.active());
  }  // no commit
  EXPECT_EQ(indexes(*db), schema);
}

TEST_F(BulkIndexes, SmallLoadsAndLoadsIntoAFullTableKeepThem) {
  Transaction tx(*db);
  {
    BulkTaskIndexes small(*db, 100);
    EXPECT_FALSE(small.active());
  }
  apply_tasks(*db, kPlan, many(BulkTaskIndexes::kMinRows + 10), "test");
  BulkTaskIndexes second(*db, BulkTaskIndexes::kMinRows + 10);  // as many as already stored
  EXPECT_FALSE(second.active());
  EXPECT_EQ(indexes(*db), schema);
}
