// A test database read back as text: equal dumps mean unchanged rows.
#pragma once

#include <string>

#include "store/sqlite.hpp"

namespace roadmap::testing {

// Every row of `table`, ordered by every column, columns joined by '|' (NULL as "NULL").
inline std::string table_rows(store::Database& db, const std::string& table) {
  std::string order;
  for (int c = 1; c <= db.prepare("SELECT * FROM " + table).column_count(); ++c)
    order += (c > 1 ? ", " : "") + std::to_string(c);
  auto rows = db.prepare("SELECT * FROM " + table + " ORDER BY " + order);
  std::string out;
  while (rows.step()) {
    for (int c = 0; c < rows.column_count(); ++c)
      out += (rows.column_is_null(c) ? std::string("NULL") : rows.column_text(c)) + "|";
    out += "\n";
  }
  return out;
}

// Every row of every table, in a stable order.
inline std::string dump(store::Database& db) {
  std::string out;
  auto tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  while (tables.step()) {
    std::string t = tables.column_text(0);
    out += "== " + t + "\n" + table_rows(db, t);
  }
  return out;
}

}  // namespace roadmap::testing
