// Writes a plan in the plan format (plans/README.md) as YAML, with a "# ПРОВЕРИТЬ: ..." comment
// beside every value the importer was unsure of. Emitted by hand rather than with
// YAML::Emitter because the comments must sit on the value's line, block scalars included.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/plan.hpp"

namespace roadmap::importer {

// Comments by YAML path ("plan.owner", "sections[0].items[3].deadline", "bodies[2].kind").
using Comments = std::map<std::string, std::vector<std::string>>;

std::string write_plan_yaml(const model::Plan& plan, const Comments& comments, const std::string& marker,
                            const std::string& header_comment = {});

// A YAML scalar for one line: plain when that is safe, otherwise double-quoted.
std::string yaml_scalar(const std::string& s, bool in_flow = false);

}  // namespace roadmap::importer
