// A plan's content hash: what tells an unchanged re-load from a changed one. It covers every
// value the store keeps and nothing else: not the positions in the file (re-indenting a file is no
// change) and not the file's name.
#pragma once

#include <string>

#include "model/plan.hpp"

namespace roadmap::store {

// 40 lower-case hex digits (SHA-1 of a canonical, length-prefixed encoding of the plan).
std::string content_hash(const model::Plan& plan);

// The canonical encoding itself, for tests that check what the hash covers.
std::string canonical_encoding(const model::Plan& plan);

}  // namespace roadmap::store
