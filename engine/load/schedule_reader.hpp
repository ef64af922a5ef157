// The explicit structured schedule an item may give instead of (or to correct) its deadline phrase:
// `schedule:` in plans/README.md, a list of clauses with the same fields as deadline::Clause.
// Every wrong kind, unit, event or date is located like any other plan error.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

#include "deadline/schedule.hpp"
#include "load/yaml_reader.hpp"

namespace roadmap::load {

// nullopt when the node has errors (they are reported through the reader).
std::optional<deadline::Schedule> read_schedule(const YAML::Node& node, const std::string& path,
                                                model::SourcePos where, Reader& reader);

}  // namespace roadmap::load
