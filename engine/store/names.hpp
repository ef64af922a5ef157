// Short names of the bodies and schools in the stored directory snapshots, for showing tasks:
// "МКОУ СОШ №11" rather than "sosh-11".
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace roadmap::store {

// "<directory id>|<body or school id>" -> short name (the id when the directory gives none).
std::map<std::string, std::string> assignee_names(Database& db);

// The bodies and schools of one stored directory, each with its short name (the id when none) and,
// for a school, the body it reports to; bodies first, then schools, each by name.
struct UnitName {
  std::string kind;  // "body" or "school"
  std::string id, name, parent_body;
};
std::vector<UnitName> directory_units(Database& db, std::string_view directory_id);
// One body's or school's short name (the id when the directory gives none or does not know it).
std::string unit_name(Database& db, std::string_view directory_id, std::string_view kind, std::string_view id);

}  // namespace roadmap::store
