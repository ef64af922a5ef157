// Small owning wrappers around the SQLite C API in the SQLiteCpp spirit: a Database owns its
// sqlite3*, a Statement its sqlite3_stmt*, a Transaction rolls back unless committed. Every
// failure becomes a store::Error; no naked sqlite3_finalize/close on an early-return path.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/error.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace roadmap::store {

class Statement;

class Database {
 public:
  enum class OpenMode {
    create,         // read-write, create the file when missing
    existing_only,  // read-write, the file must exist
  };

  // Opens the file with WAL journaling, foreign keys on and a busy timeout, so concurrent
  // readers never block and a killed writer leaves the last committed state.
  explicit Database(const std::string& path, OpenMode mode = OpenMode::create);
  ~Database();
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements that return no rows of interest.
  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);

  std::int64_t last_insert_rowid() const;
  int changes() const;  // rows changed by the last statement
  bool in_transaction() const;
  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }

  static constexpr int kBusyTimeoutMs = 5000;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

class Statement {
 public:
  Statement(Database& db, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite.
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, std::size_t value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind_null(int index);
  // Binds text without copying it: `text` must stay alive and unchanged until the statement has
  // been stepped (run()) and rebound. For bulk inserts of values that outlive the call.
  Statement& bind_static(int index, std::string_view text);
  template <class T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }
  // Binds every argument in order from parameter 1.
  template <class... A>
  Statement& bind_all(const A&... args) {
    int i = 0;
    (bind(++i, args), ...);
    return *this;
  }

  // Advances to the next row: true when a row is there, false when done.
  bool step();
  // Runs a statement that returns no rows, then resets it for the next use.
  void run();
  // Back to the first row, keeping bindings (clear_bindings() drops them).
  void reset();
  void clear_bindings();

  // Columns are 0-based, as in SQLite.
  int column_count() const;
  std::string column_text(int index) const;
  std::int64_t column_int(int index) const;
  bool column_is_null(int index) const;
  std::optional<std::string> column_optional_text(int index) const;
  std::optional<std::int64_t> column_optional_int(int index) const;

 private:
  Database* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::string sql_;
};

// BEGIN IMMEDIATE on construction: the write lock is taken up front, so two writers queue on the
// busy timeout instead of failing half-way. Rolls back on destruction unless commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace roadmap::store
