// Nearest known forms for a phrase the grammar could not read: close spellings of the word where
// understanding stopped, and the closest whole forms of the language.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "deadline/lexer.hpp"

namespace roadmap::deadline {

std::vector<std::string> suggest(const lex::Lexed& lx, std::size_t stop_token);

}  // namespace roadmap::deadline
