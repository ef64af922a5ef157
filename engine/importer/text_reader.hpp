// Reads a text copy of a plan document (as Word's "copy" or "save as text" produce) into the common
// table model. Two layouts and their mixtures are understood:
//  - a row a line, cells separated by tabs ("1\tМероприятие\tсентябрь\tОО"), a cell's line breaks
//    continuing on the next line;
//  - a cell a line, each starting with a tab, rows separated by blank lines.
// The header row fixes how many cells a row has; blank lines, page-break fragments and wrapped
// cells are resolved against it.
#pragma once

#include <string_view>

#include "importer/document.hpp"

namespace roadmap::importer {

// `text` is valid UTF-8 (the caller converts other encodings). Returns rows empty when the text
// holds no table at all.
Document read_text_document(std::string_view text);

}  // namespace roadmap::importer
