// Plans in the store: saved and read back unchanged, an unchanged re-load that writes nothing, a
// changed plan replacing its rows, and a batch that fails half-way leaving the database as before.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <functional>

#include "db_dump.hpp"
#include "plan_fixture.hpp"
#include "store/plan_digest.hpp"
#include "store/plan_repository.hpp"
#include "store/schema.hpp"
#include "temp_dir.hpp"

using namespace roadmap;
using namespace roadmap::store;
using roadmap::testing::dump;
using roadmap::testing::expect_same_plan;
using roadmap::testing::sample_plan;
using roadmap::testing::TempDir;

namespace {

std::int64_t count(Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  st.step();
  return st.column_int(0);
}

model::Plan per_section_plan() {
  model::Plan p;
  p.id = "levokumsky-2023";
  p.title = "План мероприятий";
  p.owner = "МКУ УО";
  p.period.years = {2023, 2024};
  p.timezone = "Europe/Moscow";
  p.numbering = model::Numbering::per_section;
  p.bodies = {{"МКУ УО", "управление образования", model::BodyKind::authority, {"Отдел образования"}, {}},
              {"ОО", "школы", model::BodyKind::schools, {}, {}}};
  for (int s = 1; s <= 2; ++s) {
    model::Section sec;
    sec.number = s == 1 ? "I" : "";
    sec.title = "Раздел " + std::to_string(s);
    for (int i = 1; i <= 3; ++i) {
      model::Item it;
      it.number = std::to_string(i);
      it.measure = "Мероприятие " + std::to_string(s) + "." + std::to_string(i);
      it.deadline = "Август 2023, 2024 гг.";
      it.responsible = {i % 2 ? "ОО" : "МКУ УО"};
      if (i == 3) it.refs = {{"I:1", {}}};
      sec.items.push_back(it);
    }
    p.sections.push_back(sec);
  }
  return p;
}

class PlanStore : public ::testing::Test {
 protected:
  TempDir dir;
  Database db = open_store(dir.file("roadmap.db"));
};

}  // namespace

TEST_F(PlanStore, ASavedPlanReadsBackTheSame) {
  auto plan = sample_plan();
  auto r = save_plan(db, plan);
  EXPECT_EQ(r.outcome, SaveOutcome::inserted);
  EXPECT_EQ(r.plan_id, plan.id);
  EXPECT_EQ(r.content_hash, content_hash(plan));
  auto back = load_plan(db, plan.id);
  ASSERT_TRUE(back.has_value());
  expect_same_plan(plan, *back);
  EXPECT_EQ(content_hash(*back), content_hash(plan));
}

TEST_F(PlanStore, PerSectionNumberingAndCalendarYearsReadBackTheSame) {
  auto plan = per_section_plan();
  save_plan(db, plan);
  EXPECT_EQ(count(db, "SELECT count(*) FROM items WHERE plan_id = 'levokumsky-2023'"), 6);
  // Items numbered "1" in both sections are told apart by their section.
  EXPECT_EQ(count(db, "SELECT count(*) FROM items WHERE item_key IN ('I:1', '2:1')"), 2);
  auto back = load_plan(db, plan.id);
  ASSERT_TRUE(back.has_value());
  expect_same_plan(plan, *back);
  EXPECT_NE(back->find_item("I:3"), nullptr);
}

TEST_F(PlanStore, ExplicitBoundsReadBackTheSame) {
  auto plan = sample_plan("bounds");
  plan.period = {};
  plan.period.from = std::chrono::year{2019} / 1 / 1;
  plan.period.to = std::chrono::year{2020} / 12 / 31;
  plan.approved.date.reset();
  plan.sections[0].items[0].schedule.reset();
  save_plan(db, plan);
  auto back = load_plan(db, plan.id);
  ASSERT_TRUE(back.has_value());
  expect_same_plan(plan, *back);
  auto s = plan_summary(db, plan.id);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->first_day, "2019-01-01");
  EXPECT_EQ(s->last_day, "2020-12-31");
}

TEST_F(PlanStore, AnUnknownPlanIsNotThere) {
  EXPECT_FALSE(load_plan(db, "nothing").has_value());
  EXPECT_FALSE(plan_summary(db, "nothing").has_value());
  EXPECT_TRUE(list_plans(db).empty());
}

TEST_F(PlanStore, ListShowsCountsAndPeriod) {
  save_plans(db, {sample_plan(), per_section_plan()});
  auto plans = list_plans(db);
  ASSERT_EQ(plans.size(), 2u);
  const auto& k = plans[0];  // ordered by id
  EXPECT_EQ(k.id, "khabarovsk-vpr-2021");
  EXPECT_EQ(k.sections, 2);
  EXPECT_EQ(k.items, 3);
  EXPECT_EQ(k.sub_measures, 2);
  EXPECT_EQ(k.declared_bodies, 3);
  EXPECT_EQ(k.responsible_bodies, 3);
  EXPECT_EQ(k.school_year_start, 2021);
  EXPECT_EQ(k.first_day, "2021-09-01");
  EXPECT_EQ(k.last_day, "2022-08-31");
  EXPECT_EQ(k.timezone, "Asia/Vladivostok");
  EXPECT_EQ(k.source_file, "plans/khabarovsk-vpr-2021.yaml");
  EXPECT_EQ(k.content_hash.size(), 40u);
  EXPECT_EQ(k.loaded_at.size(), 20u);  // 2026-11-25T10:54:44Z
  const auto& l = plans[1];
  EXPECT_EQ(l.id, "levokumsky-2023");
  EXPECT_EQ(l.items, 6);
  EXPECT_EQ(l.responsible_bodies, 2);
  EXPECT_EQ(l.years, (std::vector<int>{2023, 2024}));
  EXPECT_FALSE(l.school_year_start.has_value());
}

TEST_F(PlanStore, ReloadingAnUnchangedPlanChangesNothing) {
  auto plan = sample_plan();
  save_plan(db, plan);
  std::string before = dump(db);
  auto again = sample_plan();
  // Positions in the file are not content: a re-indented file is the same plan.
  again.sections[0].items[0].pos = {99, 1};
  again.sections[0].pos = {98, 1};
  auto r = save_plan(db, again);
  EXPECT_EQ(r.outcome, SaveOutcome::unchanged);
  EXPECT_EQ(dump(db), before);
}

TEST_F(PlanStore, AnUnchangedPlanFromAnotherFileOnlyRecordsTheNewFileName) {
  save_plan(db, sample_plan());
  auto moved = sample_plan();
  moved.source_file = "elsewhere/plan.yaml";
  EXPECT_EQ(save_plan(db, moved).outcome, SaveOutcome::unchanged);
  auto s = plan_summary(db, moved.id);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->source_file, "elsewhere/plan.yaml");
}

TEST_F(PlanStore, AChangedPlanReplacesItsRowsAndLeavesOtherPlansAlone) {
  save_plans(db, {sample_plan(), per_section_plan()});
  auto other_before = load_plan(db, "levokumsky-2023");
  auto changed = sample_plan();
  changed.sections[0].items[0].deadline = "сентябрь";
  changed.sections[0].items.pop_back();  // item 1.2 with its sub-measures disappears
  changed.sections[1].items[0].responsible = {"ОО"};
  changed.bodies.pop_back();                           // РЦОКО is no longer declared ...
  changed.sections[0].items[0].responsible = {"ОИВ"};  // ... nor used
  changed.abbreviations.push_back({"ОП", "оценочные процедуры"});
  auto r = save_plan(db, changed);
  EXPECT_EQ(r.outcome, SaveOutcome::replaced);
  EXPECT_EQ(r.content_hash, content_hash(changed));
  auto back = load_plan(db, changed.id);
  ASSERT_TRUE(back.has_value());
  expect_same_plan(changed, *back);
  EXPECT_EQ(count(db, "SELECT count(*) FROM sub_measures WHERE plan_id = 'khabarovsk-vpr-2021'"), 0);
  EXPECT_EQ(
      count(db,
            "SELECT count(*) FROM item_bodies WHERE plan_id = 'khabarovsk-vpr-2021' AND item_key = '1.2'"),
      0);
  EXPECT_EQ(count(db,
                  "SELECT count(*) FROM plan_body_aliases WHERE plan_id = 'khabarovsk-vpr-2021' AND body_id "
                  "= 'РЦОКО'"),
            0);
  auto other_after = load_plan(db, "levokumsky-2023");
  ASSERT_TRUE(other_after.has_value());
  expect_same_plan(*other_before, *other_after);
}

TEST_F(PlanStore, AFailureInTheMiddleOfABatchLeavesTheDatabaseAsBefore) {
  auto original = sample_plan();
  save_plan(db, original);
  std::string before = dump(db);

  auto fresh = per_section_plan();  // would be inserted
  auto edited = sample_plan();      // would replace the stored plan
  edited.sections[0].items[0].deadline = "июнь";
  auto broken = sample_plan("broken-plan");  // fails: two items under one number
  broken.sections[1].items[0].number = "1.1";
  auto after_broken = sample_plan("never-reached");

  EXPECT_THROW(save_plans(db, {fresh, edited, broken, after_broken}), Error);
  EXPECT_FALSE(db.in_transaction());
  EXPECT_EQ(dump(db), before);
  EXPECT_FALSE(load_plan(db, "levokumsky-2023").has_value());
  EXPECT_EQ(load_plan(db, original.id)->sections[0].items[0].deadline, "август-сентябрь");

  // The connection is usable afterwards, and the same batch without the bad plan goes through.
  auto results = save_plans(db, {fresh, edited, after_broken});
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].outcome, SaveOutcome::inserted);
  EXPECT_EQ(results[1].outcome, SaveOutcome::replaced);
  EXPECT_EQ(results[2].outcome, SaveOutcome::inserted);
  EXPECT_EQ(list_plans(db).size(), 3u);
}

TEST_F(PlanStore, AnUndeclaredBodyIsRefusedByTheSchema) {
  auto plan = sample_plan();
  plan.sections[1].items[0].co_executors = {"Нигде не объявлен"};
  try {
    save_plan(db, plan);
    FAIL() << "an undeclared body was stored";
  } catch (const Error& e) {
    EXPECT_EQ(e.sqlite_code(), SQLITE_CONSTRAINT_FOREIGNKEY);
  }
  EXPECT_TRUE(list_plans(db).empty());
}

TEST_F(PlanStore, TwoPlansWithOneIdInABatchAreRefusedBeforeWriting) {
  auto a = sample_plan("same");
  auto b = sample_plan("same");
  b.source_file = "other.yaml";
  try {
    save_plans(db, {a, b});
    FAIL() << "duplicate plan ids accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.message().key, "store.err.duplicate_plan_id");
    EXPECT_EQ(e.message().args, (std::vector<std::string>{"same", a.source_file, "other.yaml"}));
  }
  EXPECT_TRUE(list_plans(db).empty());
}

TEST_F(PlanStore, AnotherConnectionSeesTheWholeBatchOrNothing) {
  Database reader = open_store(dir.file("roadmap.db"));
  save_plans(db, {sample_plan(), per_section_plan()});
  EXPECT_EQ(list_plans(reader).size(), 2u);
}

TEST(PlanDigest, EveryStoredFieldCountsAndPositionsDoNot) {
  auto base = sample_plan();
  const auto h = content_hash(base);
  EXPECT_EQ(h.size(), 40u);
  EXPECT_EQ(h, content_hash(sample_plan()));
  std::vector<std::function<void(model::Plan&)>> edits = {
      [](auto& p) { p.title += " "; },
      [](auto& p) { p.approved.date = std::chrono::year{2021} / 9 / 21; },
      [](auto& p) { p.period.school_year_start = 2022; },
      [](auto& p) { p.half_year = model::HalfYear::school; },
      [](auto& p) { p.bodies[1].aliases.pop_back(); },
      [](auto& p) { p.bodies[1].kind = model::BodyKind::school_group; },
      [](auto& p) { p.sections[0].items[0].deadline = "август - сентябрь"; },
      [](auto& p) {
        std::swap(p.sections[0].items[0].responsible[0], p.sections[0].items[0].responsible[1]);
      },
      [](auto& p) { p.sections[0].items[1].sub_measures[1].responsible.clear(); },
      [](auto& p) { p.sections[0].items[0].refs.clear(); },
      [](auto& p) { p.sections[0].items[0].bindings[1].event = "ОГЭ"; },
      [](auto& p) { p.sections[0].items[1].schedule.reset(); },
      [](auto& p) { p.sections[1].number = "2"; },
      // Moving text between neighbouring fields changes the hash (length-prefixed encoding).
      [](auto& p) {
        p.sections[0].items[0].participants = "Заместители директора по УВ";
        p.sections[0].items[0].expected_result = "РВыявление причин";
      },
      [](auto& p) { p.goals = {"Обеспечение объективности образовательных результатов.Вторая задача"}; },
  };
  for (std::size_t i = 0; i < edits.size(); ++i) {
    auto p = sample_plan();
    edits[i](p);
    EXPECT_NE(content_hash(p), h) << "edit " << i;
  }
  auto moved = sample_plan();
  moved.source_file = "x.yaml";
  moved.sections[0].items[0].pos = {1, 1};
  moved.sections[0].items[0].deadline_pos = {1, 2};
  EXPECT_EQ(content_hash(moved), h);
}
