// Responsible bodies as a plan document writes them: splitting a cell into bodies ("МКУ УО, ОО",
// "Отдел образования\nобразовательные учреждения", "КО ГМК" with its comma missing), recognising
// spellings of one body, and guessing each body's kind from its name.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "model/plan.hpp"

namespace roadmap::importer {

// Splits a responsible cell at line breaks, commas and semicolons (not inside quotes or brackets).
std::vector<std::string> split_bodies(const std::string& cell);

// Splits a piece written without commas into names from `known` ("КО ГМК" -> КО, ГМК); returns
// the piece alone when no such split exists.
std::vector<std::string> split_known(const std::string& piece, const std::set<std::string>& known_keys);

// The kind a body's name suggests; `sure` is false when nothing in the name decided it.
model::BodyKind guess_kind(const std::string& id, const std::string& name, bool& sure);

// Names so common in plans that they split a comma-less cell even when the document never
// writes them alone.
const std::vector<std::string>& common_body_names();

}  // namespace roadmap::importer
