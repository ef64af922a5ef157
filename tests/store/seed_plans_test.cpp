// The bundled plans (plans/*.yaml) as the loader reads them go into the store together and come
// back field for field; loading them again changes nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "load/plan_loader.hpp"
#include "plan_fixture.hpp"
#include "store/plan_digest.hpp"
#include "store/plan_repository.hpp"
#include "store/schema.hpp"
#include "temp_dir.hpp"

using namespace roadmap;

namespace {

std::vector<std::string> bundled_plan_files() {
  std::vector<std::string> files;
  for (const auto& e :
       std::filesystem::directory_iterator(std::filesystem::path(ROADMAP_SOURCE_DIR) / "plans"))
    if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST(SeedPlans, RoundTripThroughTheStore) {
  auto files = bundled_plan_files();
  if (files.empty()) GTEST_SKIP() << "no plans/*.yaml yet";
  std::vector<model::Plan> plans;
  for (const auto& f : files) {
    auto r = load::load_plan_file(f);
    ASSERT_TRUE(r.ok()) << f << "\n" << diag::render_all(r.diagnostics, i18n::Lang::en);
    plans.push_back(*r.plan);
  }
  roadmap::testing::TempDir dir;
  auto db = store::open_store(dir.file("seeds.db"));
  auto saved = store::save_plans(db, plans);
  ASSERT_EQ(saved.size(), plans.size());
  for (const auto& p : plans) {
    SCOPED_TRACE(p.id);
    auto back = store::load_plan(db, p.id);
    ASSERT_TRUE(back.has_value());
    roadmap::testing::expect_same_plan(p, *back);
    EXPECT_EQ(store::content_hash(*back), store::content_hash(p));
    auto s = store::plan_summary(db, p.id);
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(static_cast<std::size_t>(s->items), p.item_count());
    EXPECT_EQ(static_cast<std::size_t>(s->sections), p.sections.size());
  }
  for (const auto& r : store::save_plans(db, plans))
    EXPECT_EQ(r.outcome, store::SaveOutcome::unchanged) << r.plan_id;
}
