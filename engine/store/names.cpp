#include "store/names.hpp"

#include <algorithm>

#include "model/natural_order.hpp"

namespace roadmap::store {

std::map<std::string, std::string> assignee_names(Database& db) {
  std::map<std::string, std::string> out;
  auto st = db.prepare(
      "SELECT directory_id, id, short_name FROM dir_bodies UNION ALL "
      "SELECT directory_id, id, short_name FROM dir_schools");
  while (st.step()) {
    std::string name = st.column_text(2);
    out[st.column_text(0) + "|" + st.column_text(1)] = name.empty() ? st.column_text(1) : name;
  }
  return out;
}

std::vector<UnitName> directory_units(Database& db, std::string_view directory_id) {
  std::vector<UnitName> out;
  auto st = db.prepare(
      "SELECT 'body', id, CASE short_name WHEN '' THEN id ELSE short_name END AS name, '' FROM dir_bodies "
      "WHERE directory_id = ?1 UNION ALL "
      "SELECT 'school', id, CASE short_name WHEN '' THEN id ELSE short_name END, body FROM dir_schools "
      "WHERE directory_id = ?1 ORDER BY 1, 3");
  st.bind_all(directory_id);
  while (st.step()) out.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3)});
  std::stable_sort(out.begin(), out.end(), [](const UnitName& a, const UnitName& b) {  // bodies, then schools
    if (a.kind != b.kind) return a.kind < b.kind;
    return model::natural_less(a.name, b.name);
  });
  return out;
}

std::string unit_name(Database& db, std::string_view directory_id, std::string_view kind, std::string_view id) {
  auto st = db.prepare(kind == "school" ? "SELECT short_name FROM dir_schools WHERE directory_id = ? AND id = ?"
                                        : "SELECT short_name FROM dir_bodies WHERE directory_id = ? AND id = ?");
  st.bind_all(directory_id, id);
  std::string name = st.step() ? st.column_text(0) : std::string();
  return name.empty() ? std::string(id) : name;
}

}  // namespace roadmap::store
