// Loading and re-planning through engine/planning: the steps a caller is told of (what the region
// benchmark times), in order, and the diff's counts of new tasks per item against the tasks stored.
#include <gtest/gtest.h>

#include <numeric>

#include "load/plan_loader.hpp"
#include "planning/planning.hpp"
#include "store/schema.hpp"
#include "store/task_repository.hpp"
#include "../store/temp_dir.hpp"

using namespace roadmap;
using planning::Step;

namespace {

std::vector<model::Plan> seed_plan() {
  auto load = load::load_plan_file(std::string(ROADMAP_SOURCE_DIR) + "/plans/002-levokumsky-objectivity-2023.yaml");
  EXPECT_TRUE(load.ok());
  return {*load.plan};
}

planning::Options recording(std::vector<Step>& steps) {
  planning::Options o;
  o.on_step = [&steps](Step s) { steps.push_back(s); };
  return o;
}

std::int64_t count_tasks(store::Database& db) {
  auto st = db.prepare("SELECT count(*) FROM tasks");
  st.step();
  return st.column_int(0);
}

}  // namespace

TEST(Planning, ALoadTellsItsStepsInOrderAndCountsItsNewTasksPerItem) {
  roadmap::testing::TempDir dir;
  auto db = store::open_store(dir.file("p.db"));
  std::vector<Step> steps;
  auto r = planning::load_and_schedule(db, seed_plan(), recording(steps));
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r.applied);
  EXPECT_EQ(steps, (std::vector<Step>{Step::inputs_read, Step::expanded, Step::plans_saved, Step::tasks_applied,
                                      Step::indexes_built, Step::committed}));
  ASSERT_EQ(r.plans.size(), 1u);
  const auto& diff = r.plans[0].diff;
  EXPECT_GT(diff.created, 0u);
  EXPECT_EQ(diff.created, r.plans[0].tasks);
  EXPECT_TRUE(diff.changes.empty());
  auto per_item = std::accumulate(diff.creations.begin(), diff.creations.end(), std::size_t{0},
                                  [](std::size_t n, const store::ItemCreations& c) { return n + c.count; });
  EXPECT_EQ(per_item, diff.created);
  EXPECT_EQ(count_tasks(db), static_cast<std::int64_t>(diff.created));
}

TEST(Planning, ADryRunStopsAfterTheExpansionAndWritesNothing) {
  roadmap::testing::TempDir dir;
  auto db = store::open_store(dir.file("p.db"));
  std::vector<Step> steps;
  auto o = recording(steps);
  o.dry_run = true;
  auto r = planning::load_and_schedule(db, seed_plan(), o);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.applied);
  EXPECT_EQ(steps, (std::vector<Step>{Step::inputs_read, Step::expanded}));
  ASSERT_EQ(r.plans.size(), 1u);
  EXPECT_EQ(r.plans[0].diff.created, r.plans[0].tasks);
  EXPECT_FALSE(r.plans[0].diff.creations.empty());
  EXPECT_EQ(count_tasks(db), 0);
}

TEST(Planning, AReplanWithNothingChangedCreatesNothingAndWritesNoTask) {
  roadmap::testing::TempDir dir;
  auto db = store::open_store(dir.file("p.db"));
  ASSERT_TRUE(planning::load_and_schedule(db, seed_plan(), {}).applied);
  const auto stored = count_tasks(db);
  std::vector<Step> steps;
  auto r = planning::replan(db, {}, recording(steps));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.applied);
  EXPECT_EQ(steps.size(), 6u);
  ASSERT_EQ(r.plans.size(), 1u);
  EXPECT_TRUE(r.plans[0].diff.empty());
  EXPECT_TRUE(r.plans[0].diff.creations.empty());
  EXPECT_EQ(r.plans[0].diff.unchanged, r.plans[0].tasks);
  EXPECT_EQ(count_tasks(db), stored);
}
