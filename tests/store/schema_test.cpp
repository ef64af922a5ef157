// The versioned schema: migrations from an empty file, reopening, a database from a newer program,
// and a step that fails half-way.
#include <gtest/gtest.h>

#include <array>

#include "i18n/catalogue.hpp"
#include "store/schema.hpp"
#include "temp_dir.hpp"

using namespace roadmap::store;
using roadmap::testing::TempDir;

namespace {

std::vector<std::string> tables(Database& db) {
  std::vector<std::string> out;
  auto st = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  while (st.step()) out.push_back(st.column_text(0));
  return out;
}

bool has_table(Database& db, const std::string& name) {
  auto t = tables(db);
  return std::find(t.begin(), t.end(), name) != t.end();
}

}  // namespace

TEST(Schema, MigrationsAreNumberedOneByOneWithoutGaps) {
  auto steps = migrations();
  ASSERT_FALSE(steps.empty());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    EXPECT_EQ(steps[i].version, static_cast<int>(i) + 1);
    EXPECT_FALSE(steps[i].description.empty());
  }
  EXPECT_EQ(latest_schema_version(), steps.back().version);
}

TEST(Schema, AnEmptyFileIsMigratedToTheLatestVersion) {
  TempDir dir;
  Database db = open_store(dir.file("r.db"));
  EXPECT_EQ(schema_version(db), latest_schema_version());
  for (const char* t : {"plans", "plan_years", "plan_goals", "plan_abbreviations", "plan_bodies",
                        "plan_body_aliases", "sections", "items", "item_bodies", "sub_measures",
                        "sub_measure_bodies", "item_refs", "item_bindings"})
    EXPECT_TRUE(has_table(db, t)) << t;
}

TEST(Schema, ReopeningKeepsDataAndVersion) {
  TempDir dir;
  {
    Database db = open_store(dir.file("r.db"));
    db.exec(
        "INSERT INTO plans (id, title, owner, first_day, last_day, timezone, numbering, half_year, "
        "content_hash, loaded_at) VALUES ('p', 'T', 'ОО', '2021-09-01', '2022-08-31', 'Europe/Moscow', "
        "'global', 'school', 'h', 'now')");
  }
  Database db = open_store(dir.file("r.db"));
  EXPECT_EQ(schema_version(db), latest_schema_version());
  auto st = db.prepare("SELECT title FROM plans WHERE id = 'p'");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.column_text(0), "T");
}

TEST(Schema, ADatabaseFromANewerProgramIsRefusedAndLeftAlone) {
  TempDir dir;
  const int newer = latest_schema_version() + 5;
  {
    Database db(dir.file("r.db"));
    db.exec("CREATE TABLE future_things (x)");
    db.exec("PRAGMA user_version = " + std::to_string(newer));
  }
  try {
    open_store(dir.file("r.db"));
    FAIL() << "a newer database was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.message().key, "store.err.schema_newer");
    std::string ru = describe(e, roadmap::i18n::Lang::ru);
    EXPECT_NE(ru.find("более новой версией"), std::string::npos) << ru;
    EXPECT_NE(ru.find(std::to_string(newer)), std::string::npos) << ru;
    EXPECT_NE(ru.find(dir.file("r.db")), std::string::npos) << ru;
  }
  Database db(dir.file("r.db"));
  EXPECT_EQ(schema_version(db), newer);
  EXPECT_FALSE(has_table(db, "plans"));
}

TEST(Schema, StepsApplyInOrderAndAFailingStepLeavesThePreviousVersion) {
  TempDir dir;
  const std::array<Migration, 3> steps{{
      {1, "a", "CREATE TABLE a (x INTEGER)"},
      {2, "b", "CREATE TABLE b (x INTEGER); INSERT INTO a VALUES (1)"},
      {3, "broken", "CREATE TABLE c (x INTEGER); INSERT INTO no_such_table VALUES (1)"},
  }};
  Database db(dir.file("r.db"));
  EXPECT_THROW(migrate(db, steps), Error);
  EXPECT_EQ(schema_version(db), 2);
  EXPECT_TRUE(has_table(db, "b"));
  EXPECT_FALSE(has_table(db, "c"));  // the failing step's first statement was rolled back too
  EXPECT_FALSE(db.in_transaction());

  // Applying only the good steps again is a no-op: nothing runs twice.
  migrate(db, std::span(steps).first(2));
  auto st = db.prepare("SELECT count(*) FROM a");
  st.step();
  EXPECT_EQ(st.column_int(0), 1);
}

TEST(Schema, ADatabaseHalfWayIsBroughtForwardFromWhereItIs) {
  TempDir dir;
  const std::array<Migration, 2> steps{{
      {1, "a", "CREATE TABLE a (x INTEGER)"},
      {2, "b", "ALTER TABLE a ADD COLUMN y TEXT DEFAULT 'new'"},
  }};
  Database db(dir.file("r.db"));
  migrate(db, std::span(steps).first(1));
  db.exec("INSERT INTO a (x) VALUES (7)");
  EXPECT_EQ(schema_version(db), 1);
  migrate(db, steps);
  EXPECT_EQ(schema_version(db), 2);
  auto st = db.prepare("SELECT x, y FROM a");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.column_int(0), 7);
  EXPECT_EQ(st.column_text(1), "new");
}

TEST(Schema, ForeignKeysOfTheSchemaAreConsistent) {
  TempDir dir;
  Database db = open_store(dir.file("r.db"));
  auto st = db.prepare("PRAGMA foreign_key_check");
  EXPECT_FALSE(st.step());
  // A foreign key that does not point at a primary key or unique index shows up only when a row
  // is written ("foreign key mismatch"): write one row into every table.
  auto ins = [&](const std::string& sql) { db.exec(sql); };
  ins("INSERT INTO plans (id, title, owner, first_day, last_day, timezone, numbering, half_year, "
      "content_hash, "
      "loaded_at) VALUES ('p', 'T', 'ОО', '2021-09-01', '2022-08-31', 'UTC', 'global', 'school', 'h', "
      "'now')");
  ins("INSERT INTO plan_bodies VALUES ('p', 'ОО', 0, 'школы', 'schools')");
  ins("INSERT INTO plan_body_aliases VALUES ('p', 'ОО', 0, 'ОУ')");
  ins("INSERT INTO sections VALUES ('p', 0, '1', 'S')");
  ins("INSERT INTO items (plan_id, item_key, section_position, position, number, measure, deadline) "
      "VALUES ('p', '1.1', 0, 0, '1.1', 'M', 'январь')");
  ins("INSERT INTO item_bodies VALUES ('p', '1.1', 'responsible', 0, 'ОО')");
  ins("INSERT INTO sub_measures VALUES ('p', '1.1', 0, 'sm', '')");
  ins("INSERT INTO sub_measure_bodies VALUES ('p', '1.1', 0, 0, 'ОО')");
  ins("INSERT INTO item_refs VALUES ('p', '1.1', 0, '1.2')");
  ins("INSERT INTO item_bindings VALUES ('p', '1.1', 0, 'после', '1.2', '', '')");
  EXPECT_THROW(ins("INSERT INTO item_bodies VALUES ('p', '1.1', 'responsible', 1, 'НЕТ')"), Error);
  EXPECT_THROW(ins("INSERT INTO item_bodies VALUES ('p', '9.9', 'responsible', 0, 'ОО')"), Error);
  // Deleting the plan's sections takes every item row with it.
  ins("DELETE FROM sections WHERE plan_id = 'p'");
  for (const char* t :
       {"items", "item_bodies", "sub_measures", "sub_measure_bodies", "item_refs", "item_bindings"}) {
    auto c = db.prepare(std::string("SELECT count(*) FROM ") + t);
    c.step();
    EXPECT_EQ(c.column_int(0), 0) << t;
  }
}
