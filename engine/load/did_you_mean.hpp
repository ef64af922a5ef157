// "Did you mean": the closest candidates to a misspelt word, by Damerau-Levenshtein distance
// (optimal string alignment) over code points, ignoring letter case (Latin and Cyrillic).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace roadmap::load {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidates at the smallest distance, when it is small enough to be a typo
// (at most a third of its length, and between 1 and 3 edits); at most `limit` of them.
std::vector<std::string> suggest(std::string_view word, const std::vector<std::string>& candidates,
                                 std::size_t limit = 3);

}  // namespace roadmap::load
