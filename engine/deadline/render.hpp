// Canonical text of a schedule, in Russian or English: what the engine understood, written the
// one way it writes it. Every rendering parses back to the same schedule.
#pragma once

#include <string>

#include "deadline/schedule.hpp"

namespace roadmap::deadline {

std::string render(const Schedule& schedule, Lang lang);
std::string render(const Clause& clause, Lang lang);

}  // namespace roadmap::deadline
