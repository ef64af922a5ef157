// The SQLite wrappers: the connection's settings, statements, and a transaction that rolls back
// unless committed.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "store/sqlite.hpp"
#include "temp_dir.hpp"

using namespace roadmap::store;
using roadmap::testing::TempDir;

namespace {

std::string pragma(Database& db, const std::string& name) {
  auto st = db.prepare("PRAGMA " + name);
  EXPECT_TRUE(st.step());
  return st.column_text(0);
}

std::int64_t count(Database& db, const std::string& table) {
  auto st = db.prepare("SELECT count(*) FROM " + table);
  st.step();
  return st.column_int(0);
}

}  // namespace

TEST(Database, OpensWithWalForeignKeysAndBusyTimeout) {
  TempDir dir;
  Database db(dir.file("a.db"));
  EXPECT_EQ(pragma(db, "journal_mode"), "wal");
  EXPECT_EQ(pragma(db, "foreign_keys"), "1");
  EXPECT_EQ(pragma(db, "busy_timeout"), std::to_string(Database::kBusyTimeoutMs));
  EXPECT_TRUE(std::filesystem::exists(dir.file("a.db")));
}

TEST(Database, ExistingOnlyRefusesAMissingFileWithoutCreatingIt) {
  TempDir dir;
  try {
    Database db(dir.file("missing.db"), Database::OpenMode::existing_only);
    FAIL() << "opened a missing database";
  } catch (const Error& e) {
    EXPECT_EQ(e.message().key, "store.err.no_database");
    ASSERT_FALSE(e.message().args.empty());
    EXPECT_EQ(e.message().args[0], dir.file("missing.db"));
  }
  EXPECT_FALSE(std::filesystem::exists(dir.file("missing.db")));
}

TEST(Database, AFileThatIsNotADatabaseIsNamedAsSuch) {
  TempDir dir;
  std::ofstream(dir.file("plan.yaml")) << "format: 1\nplan:\n  id: x\n" << std::string(200, 'x');
  try {
    Database db(dir.file("plan.yaml"));
    FAIL() << "opened a text file as a database";
  } catch (const Error& e) {
    EXPECT_EQ(e.message().key, "store.err.not_a_database");
    EXPECT_EQ(e.primary_code(), SQLITE_NOTADB);
    EXPECT_NE(describe(e, roadmap::i18n::Lang::ru).find("не является базой данных"), std::string::npos);
  }
}

TEST(Statement, BindsAndReadsTextIntegersAndNulls) {
  TempDir dir;
  Database db(dir.file("a.db"));
  db.exec("CREATE TABLE t (a TEXT, b INTEGER, c TEXT)");
  auto ins = db.prepare("INSERT INTO t VALUES (?, ?, ?)");
  ins.bind_all(std::string("Срок: «январь, июль»"), 42, std::optional<std::string>{}).run();
  ins.bind_all("второй", std::int64_t{-7}, std::optional<std::string>{"x"}).run();
  auto st = db.prepare("SELECT a, b, c FROM t ORDER BY b");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.column_text(0), "второй");
  EXPECT_EQ(st.column_int(1), -7);
  EXPECT_EQ(st.column_optional_text(2), std::optional<std::string>("x"));
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.column_text(0), "Срок: «январь, июль»");
  EXPECT_EQ(st.column_int(1), 42);
  EXPECT_TRUE(st.column_is_null(2));
  EXPECT_FALSE(st.column_optional_text(2).has_value());
  EXPECT_FALSE(st.step());
}

TEST(Statement, TextWithEmbeddedZeroByteKeepsItsLength) {
  TempDir dir;
  Database db(dir.file("a.db"));
  std::string s("a\0b", 3);
  auto st = db.prepare("SELECT ?");
  st.bind(1, s);
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.column_text(0), s);
}

TEST(Statement, BadSqlAndConstraintViolationsThrowWithTheirCode) {
  TempDir dir;
  Database db(dir.file("a.db"));
  EXPECT_THROW(db.prepare("SELEKT 1"), Error);
  db.exec("CREATE TABLE p (id TEXT PRIMARY KEY); CREATE TABLE c (p TEXT REFERENCES p(id))");
  try {
    db.exec("INSERT INTO c VALUES ('nobody')");
    FAIL() << "foreign key not enforced";
  } catch (const Error& e) {
    EXPECT_EQ(e.sqlite_code(), SQLITE_CONSTRAINT_FOREIGNKEY);
    EXPECT_EQ(e.message().key, "store.err.sqlite");
  }
}

TEST(Transaction, RollsBackUnlessCommitted) {
  TempDir dir;
  Database db(dir.file("a.db"));
  db.exec("CREATE TABLE t (x INTEGER)");
  {
    Transaction tx(db);
    db.exec("INSERT INTO t VALUES (1)");
    EXPECT_TRUE(db.in_transaction());
  }
  EXPECT_FALSE(db.in_transaction());
  EXPECT_EQ(count(db, "t"), 0);
  {
    Transaction tx(db);
    db.exec("INSERT INTO t VALUES (2)");
    tx.commit();
  }
  EXPECT_EQ(count(db, "t"), 1);
}

TEST(Transaction, AnExceptionInsideLeavesNothingBehind) {
  TempDir dir;
  Database db(dir.file("a.db"));
  db.exec("CREATE TABLE t (x INTEGER PRIMARY KEY)");
  auto attempt = [&] {
    Transaction tx(db);
    db.exec("INSERT INTO t VALUES (1)");
    db.exec("INSERT INTO t VALUES (1)");  // duplicate key
    tx.commit();
  };
  EXPECT_THROW(attempt(), Error);
  EXPECT_EQ(count(db, "t"), 0);
  EXPECT_FALSE(db.in_transaction());
}

TEST(Transaction, AnotherConnectionSeesOnlyCommittedRows) {
  TempDir dir;
  Database writer(dir.file("a.db"));
  writer.exec("CREATE TABLE t (x INTEGER)");
  Database reader(dir.file("a.db"));
  Transaction tx(writer);
  writer.exec("INSERT INTO t VALUES (1)");
  EXPECT_EQ(count(reader, "t"), 0);  // WAL: the reader is not blocked and sees the last commit
  tx.commit();
  EXPECT_EQ(count(reader, "t"), 1);
}

TEST(Database, MovedFromObjectsReleaseNothingTwice) {
  TempDir dir;
  Database a(dir.file("a.db"));
  Database b = std::move(a);
  b.exec("CREATE TABLE t (x)");
  Statement s1 = b.prepare("SELECT count(*) FROM t");
  Statement s2 = std::move(s1);
  ASSERT_TRUE(s2.step());
  EXPECT_EQ(s2.column_int(0), 0);
}
