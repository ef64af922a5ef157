// Each of the five seed documents imports into YAML that the loader accepts and that equals the
// hand-made plan in plans/ item for item; the .docx built from seed 003's table imports the same.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "importer/importer.hpp"
#include "importer/plan_compare.hpp"
#include "load/plan_loader.hpp"

namespace fs = std::filesystem;
using namespace roadmap;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path seed_file(const std::string& prefix) {
  for (const auto& e : fs::directory_iterator(ROADMAP_SEEDS_DIR))
    if (e.path().filename().string().rfind(prefix + "_", 0) == 0) return e.path();
  return {};
}

struct SeedCase {
  const char* seed;
  const char* plan;
};

class SeedImport : public ::testing::TestWithParam<SeedCase> {};

void expect_equal_to_plan(const importer::ImportResult& r, const fs::path& plan_path) {
  ASSERT_TRUE(r.ok()) << diag::render_all(r.diagnostics, i18n::Lang::ru);
  std::string yaml = importer::render_yaml(r, i18n::Lang::ru);
  // The YAML is a valid plan.
  load::PlanLoad loaded = load::load_plan_text(yaml, "imported.yaml");
  EXPECT_TRUE(loaded.ok()) << diag::render_all(loaded.diagnostics, i18n::Lang::ru) << yaml;
  if (!fs::exists(plan_path)) GTEST_SKIP() << "hand-made plan not written yet: " << plan_path;
  auto diffs = importer_test::compare_plans(yaml, slurp(plan_path));
  std::string all;
  for (const auto& d : diffs) all += d + "\n";
  EXPECT_TRUE(diffs.empty()) << all;
}

TEST_P(SeedImport, EqualsHandMadePlanItemForItem) {
  fs::path seed = seed_file(GetParam().seed);
  ASSERT_FALSE(seed.empty()) << "seed " << GetParam().seed << " not found in " << ROADMAP_SEEDS_DIR;
  importer::ImportResult r = importer::import_file(seed.string());
  expect_equal_to_plan(r, fs::path(ROADMAP_SOURCE_DIR) / "plans" / GetParam().plan);
}

INSTANTIATE_TEST_SUITE_P(Seeds, SeedImport,
                         ::testing::Values(SeedCase{"000", "000-otdel-obrazovaniya-objectivity.yaml"},
                                           SeedCase{"001", "001-verkhny-tagil-msoko-2019.yaml"},
                                           SeedCase{"002", "002-levokumsky-objectivity-2023.yaml"},
                                           SeedCase{"003", "003-khabarovsk-vpr-2021.yaml"},
                                           SeedCase{"004", "004-sosnovy-bor-objectivity-2020.yaml"}),
                         [](const auto& info) { return std::string("seed") + info.param.seed; });

TEST(DocxImport, Seed003TableRoundTripsThroughWord) {
  fs::path docx = fs::path(ROADMAP_SOURCE_DIR) / "tests/importer/fixtures/seed003.docx";
  importer::ImportResult r = importer::import_file(docx.string());
  expect_equal_to_plan(r, fs::path(ROADMAP_SOURCE_DIR) / "plans/003-khabarovsk-vpr-2021.yaml");
  ASSERT_TRUE(r.plan);
  // The preamble comes through the paragraphs: approval, title, abbreviations.
  EXPECT_EQ(r.plan->approved.kind, "утверждено");
  ASSERT_TRUE(r.plan->approved.date);
  EXPECT_EQ(*r.plan->approved.date, std::chrono::year{2021} / 9 / 20);
  EXPECT_EQ(r.plan->period.school_year_start, 2021);
  EXPECT_EQ(r.plan->abbreviations.size(), 6u);
  EXPECT_EQ(r.plan->timezone, "Asia/Vladivostok");
}

TEST(DocxImport, DocxAndTextCopyOfSeed003Agree) {
  importer::ImportResult d =
      importer::import_file((fs::path(ROADMAP_SOURCE_DIR) / "tests/importer/fixtures/seed003.docx").string());
  importer::ImportResult t = importer::import_file(seed_file("003").string());
  ASSERT_TRUE(d.ok() && t.ok());
  auto diffs = importer_test::compare_plans(importer::render_yaml(d, i18n::Lang::ru),
                                            importer::render_yaml(t, i18n::Lang::ru));
  EXPECT_TRUE(diffs.empty()) << (diffs.empty() ? "" : diffs.front());
}

TEST(SeedImportDetails, Seed000MergedCellsAndSubMeasures) {
  importer::ImportResult r = importer::import_file(seed_file("000").string());
  ASSERT_TRUE(r.ok());
  const model::Item* i12 = r.plan->find_item("1.2");
  const model::Item* i14 = r.plan->find_item("1.4");
  const model::Item* i411 = r.plan->find_item("4.11");
  ASSERT_TRUE(i12 && i14 && i411);
  EXPECT_EQ(i12->deadline, "июнь-август");  // merged with 1.1 above
  EXPECT_EQ(i14->deadline, "август");
  EXPECT_EQ(i14->responsible, std::vector<std::string>{"Отдел образования"});
  ASSERT_EQ(i411->sub_measures.size(), 3u);
  EXPECT_EQ(i411->sub_measures[1].deadline, "период ВПР");
  // Every guess is marked in the YAML and listed in the report.
  std::string yaml = importer::render_yaml(r, i18n::Lang::ru);
  EXPECT_NE(yaml.find("# ПРОВЕРИТЬ: срок взят из объединённой ячейки выше"), std::string::npos);
  std::string report = importer::render_report(r, i18n::Lang::ru);
  EXPECT_NE(report.find("Требуют проверки человеком"), std::string::npos);
  // Item 1.2's deadline cell (line 27) is empty: the merged cell above fills it.
  EXPECT_NE(report.find(":27: предупреждение: срок взят"), std::string::npos) << report;
}

TEST(SeedImportDetails, Seed002OrderAndPageBreakRows) {
  importer::ImportResult r = importer::import_file(seed_file("002").string());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.plan->approved.kind, "приказ");
  EXPECT_EQ(r.plan->approved.number, "679-од");
  ASSERT_TRUE(r.plan->approved.date);
  EXPECT_EQ(*r.plan->approved.date, std::chrono::year{2022} / 12 / 30);
  EXPECT_EQ(r.plan->period.years, (std::vector<int>{2023, 2024}));
  const model::Item* i11 = r.plan->find_item("11");
  ASSERT_TRUE(i11);
  EXPECT_NE(i11->measure.find("«Внутришкольная оценка"), std::string::npos);
  EXPECT_EQ(r.plan->item_count(), 20u);
}

TEST(SeedImportDetails, Seed004LeadAndCoExecutorsAndMissingCommas) {
  importer::ImportResult r = importer::import_file(seed_file("004").string());
  ASSERT_TRUE(r.ok());
  const model::Item* i2 = r.plan->find_item("2");
  ASSERT_TRUE(i2);
  EXPECT_EQ(i2->responsible, std::vector<std::string>{"КО"});
  EXPECT_EQ(i2->co_executors, (std::vector<std::string>{"ГМК", "ГМО", "ОО", "ШМО"}));
  EXPECT_EQ(r.plan->period.school_year_start, 2020);
  const model::Body* ko = r.plan->find_body("КО");
  ASSERT_TRUE(ko);
  EXPECT_EQ(ko->kind, model::BodyKind::authority);
}

}  // namespace
