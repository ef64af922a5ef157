// The versioned schema: migrations from an empty file, reopening, a database from a newer program,
// a step that fails half-way, and the rebuild of `tasks` in version 7 (its rows, ids, references and
// constraints kept; no temporary index per row written).
#include <gtest/gtest.h>

#include <array>

#include "db_dump.hpp"
#include "i18n/catalogue.hpp"
#include "store/schema.hpp"
#include "temp_dir.hpp"

using namespace roadmap::store;
using roadmap::testing::table_rows;
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

namespace {

std::int64_t count(Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  st.step();
  return st.column_int(0);
}

std::string ddl_of(Database& db, const std::string& table) {
  auto st = db.prepare("SELECT type || ' ' || name FROM sqlite_schema WHERE tbl_name = ? ORDER BY name");
  st.bind_all(table);
  std::string out;
  while (st.step()) out += st.column_text(0) + "\n";
  return out;
}

// The program SQLite runs for one statement, opcode names only.
std::string opcodes(Database& db, const std::string& sql) {
  auto st = db.prepare("EXPLAIN " + sql);
  std::string out;
  while (st.step()) out += st.column_text(1) + " ";
  return out;
}

constexpr const char* kInsertTask =
    "INSERT INTO tasks (key, plan_id, item_key, kind, assignee_kind, assignee, role, created_at, updated_at) "
    "VALUES ('p|1.1|0|0|1|body:a|lead', 'p', '1.1', 'window', 'body', 'a', 'lead', 't', 't')";

}  // namespace

TEST(Schema, TasksWrittenInVersionSixKeepEveryColumnIdReferenceAndIndexInVersionSeven) {
  TempDir dir;
  std::string tasks, audit, results, files, indexes;
  {
    Database db(dir.file("r.db"));
    migrate(db, migrations().first(6));
    db.exec(
        "INSERT INTO plans (id, title, owner, first_day, last_day, timezone, numbering, half_year, content_hash, "
        "loaded_at) VALUES ('p', 'T', 'ОО', '2021-09-01', '2022-08-31', 'UTC', 'global', 'school', 'h', 'now');"
        "INSERT INTO schedule_runs (id, at, plan_id) VALUES (7, 'now', 'p');"
        "INSERT INTO tasks (id, key, plan_id, item_key, sub, clause, occurrence, kind, label, directory_id, "
        "  assignee_kind, assignee, via, role, opens, due, timezone, waiting, waits_for, status, cancelled_by, "
        "  done_on, result, version, created_at, updated_at, created_run, result_link, result_document) VALUES "
        "(41, 'p|1.1|0|0|1|school:s1|lead', 'p', '1.1', 0, 0, '1', 'window', 'январь', 'd', 'school', 's1', 'ОО', "
        "  'lead', '2022-01-01', '2022-01-31', 'Asia/Vladivostok', 'none', '', 'done', NULL, '2022-01-20', "
        "  'проведено', 3, 'c', 'u', 7, 'https://example.ru/r', 'приказ № 5'),"
        "(42, 'p|1.2|0|0|1|body:b|co_executor', 'p', '1.2', 0, 0, '1', 'after_item', '', 'd', 'body', 'b', '', "
        "  'co_executor', NULL, NULL, 'UTC', 'item', '1.1', 'cancelled', 'plan', NULL, NULL, 2, 'c', 'u', 7, "
        "  NULL, NULL);"
        "INSERT INTO task_audit (id, task_id, run_id, at, action) VALUES (1, 42, 7, 'now', 'cancelled'),"
        "  (2, 41, NULL, 'now', 'status');"
        "INSERT INTO task_results (audit_id, task_id, text) VALUES (2, 41, 'проведено');"
        "INSERT INTO task_files (task_id, audit_id, original_name, stored_name, size, sha256, added_at) "
        "  VALUES (41, 2, 'протокол.pdf', 'ab.pdf', 10, 'ab', 'now');");
    tasks = table_rows(db, "tasks");
    audit = table_rows(db, "task_audit");
    results = table_rows(db, "task_results");
    files = table_rows(db, "task_files");
    indexes = ddl_of(db, "tasks");
  }
  Database db = open_store(dir.file("r.db"));
  ASSERT_GE(schema_version(db), 7);
  EXPECT_EQ(table_rows(db, "tasks"), tasks);
  EXPECT_EQ(table_rows(db, "task_audit"), audit);
  EXPECT_EQ(table_rows(db, "task_results"), results);
  EXPECT_EQ(table_rows(db, "task_files"), files);
  EXPECT_EQ(ddl_of(db, "tasks"), indexes);  // the table, its key's index and version 6's others, same names
  EXPECT_EQ(count(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'tasks_v7'"), 0);
  EXPECT_FALSE(db.prepare("PRAGMA foreign_key_check").step());
  // Foreign keys are on again, and still point at the rebuilt table.
  EXPECT_EQ(count(db, "PRAGMA foreign_keys"), 1);
  EXPECT_THROW(db.exec("INSERT INTO task_audit (task_id, at, action) VALUES (99, 'now', 'status')"), Error);
  db.exec("INSERT INTO task_audit (task_id, at, action) VALUES (41, 'now', 'status')");
  // The next task gets the next number.
  db.exec(kInsertTask);
  EXPECT_EQ(db.last_insert_rowid(), 43);
}

TEST(Schema, TheConstraintsOfTasksStillRefuseUnknownValues) {
  TempDir dir;
  Database db = open_store(dir.file("r.db"));
  db.exec(
      "INSERT INTO plans (id, title, owner, first_day, last_day, timezone, numbering, half_year, content_hash, "
      "loaded_at) VALUES ('p', 'T', 'ОО', '2021-09-01', '2022-08-31', 'UTC', 'global', 'school', 'h', 'now')");
  db.exec(kInsertTask);
  for (const char* bad : {"kind = 'weekly'", "waiting = 'maybe'", "status = 'lost'", "status = 'Done'",
                          "assignee_kind = 'person'", "role = 'boss'", "cancelled_by = 'nobody'"})
    EXPECT_THROW(db.exec(std::string("UPDATE tasks SET ") + bad), Error) << bad;
  for (const char* good : {"kind = 'on_demand'", "kind = 'checkin'", "waiting = 'schedule'", "status = 'not_needed'",
                           "status = 'in_progress'", "cancelled_by = NULL", "cancelled_by = 'user'"})
    EXPECT_NO_THROW(db.exec(std::string("UPDATE tasks SET ") + good)) << good;
}

TEST(Schema, WritingATaskBuildsNoTemporaryIndex) {
  // An `IN (three or more constants)` CHECK is coded as an ephemeral index built for every row
  // (migration 7 replaced them): inserting a task, and moving or closing one, must not need one.
  TempDir dir;
  Database db = open_store(dir.file("r.db"));
  EXPECT_EQ(opcodes(db, kInsertTask).find("OpenEphemeral"), std::string::npos) << opcodes(db, kInsertTask);
  for (const char* update :
       {"UPDATE tasks SET kind = 'date', label = 'x', due = '2022-01-31', waiting = 'none', status = 'planned', "
        "cancelled_by = NULL, version = version + 1 WHERE id = 1",
        "UPDATE tasks SET status = 'cancelled', cancelled_by = 'plan', version = version + 1 WHERE id = 1"})
    EXPECT_EQ(opcodes(db, update).find("OpenEphemeral"), std::string::npos) << update;
}

TEST(Schema, ARebuildLeavingRowsWithoutTheirReferenceIsRolledBack) {
  TempDir dir;
  const std::array<Migration, 2> steps{{
      {1, "parent and child",
       "CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent(id));"
       "INSERT INTO parent VALUES (1); INSERT INTO child VALUES (1)"},
      {2, "parent rebuilt, its rows forgotten",
       "CREATE TABLE parent_new (id INTEGER PRIMARY KEY, x TEXT); DROP TABLE parent;"
       "ALTER TABLE parent_new RENAME TO parent",
       true},
  }};
  Database db(dir.file("r.db"));
  try {
    migrate(db, steps);
    FAIL() << "a rebuild that broke a reference was committed";
  } catch (const Error& e) {
    EXPECT_EQ(e.message().key, "store.err.migration_foreign_key");
    std::string en = describe(e, roadmap::i18n::Lang::en);
    EXPECT_NE(en.find("child"), std::string::npos) << en;
    EXPECT_NE(en.find("parent"), std::string::npos) << en;
  }
  EXPECT_EQ(schema_version(db), 1);
  EXPECT_EQ(count(db, "SELECT count(*) FROM parent"), 1);
  EXPECT_EQ(count(db, "PRAGMA foreign_keys"), 1);
  EXPECT_FALSE(db.in_transaction());
}
