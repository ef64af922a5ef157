// The versioned schema: an ordered list of migration steps, the database's version kept in
// PRAGMA user_version. Opening a store applies the missing steps, each in its own transaction,
// and refuses a database written by a newer program rather than guessing at its tables.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace roadmap::store {

struct Migration {
  int version;                   // the user_version after this step: 1, 2, 3 ... without gaps
  std::string_view description;  // what the step adds, for the history below and for tests
  std::string_view sql;          // one or more statements
  // The step replaces a table by a new one (the way SQLite changes a constraint: create, copy,
  // drop, rename): it runs with foreign keys off and must leave PRAGMA foreign_key_check empty.
  bool rebuilds_tables = false;
};

// Every step of the schema's history, oldest first. Append new steps; never edit applied ones.
std::span<const Migration> migrations();
int latest_schema_version();

int schema_version(Database& db);

// Brings the database to the last step of `steps`, one transaction a step, so a failure (or a
// killed process) leaves it at the last step that completed. Throws store::Error
// "store.err.schema_newer" when the database is ahead of `steps`.
void migrate(Database& db, std::span<const Migration> steps);
inline void migrate(Database& db) {
  migrate(db, migrations());
}

// Opens (creating when asked) and migrates: what every command that uses the store calls.
Database open_store(const std::string& path, Database::OpenMode mode = Database::OpenMode::create);

}  // namespace roadmap::store
