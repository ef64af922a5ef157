// Short names of the bodies and schools in the stored directory snapshots, for showing tasks:
// "МКОУ СОШ №11" rather than "sosh-11".
#pragma once

#include <map>
#include <string>

#include "store/sqlite.hpp"

namespace roadmap::store {

// "<directory id>|<body or school id>" -> short name (the id when the directory gives none).
std::map<std::string, std::string> assignee_names(Database& db);

}  // namespace roadmap::store
