#include "store/names.hpp"

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

}  // namespace roadmap::store
