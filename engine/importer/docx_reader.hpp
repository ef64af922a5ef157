// Reads a Word .docx (a zip of XML) into the common table model: libzip opens the archive,
// pugixml reads word/document.xml. Tables become rows of cells (w:tbl/w:tr/w:tc, paragraphs as
// lines), w:gridSpan and w:vMerge are resolved, paragraphs outside the table become the preamble
// and the text after it. A table Word split at a page break (several w:tbl of the same width
// one after another) is read as one.
#pragma once

#include <string_view>

#include "diag/diagnostic.hpp"
#include "importer/document.hpp"

namespace roadmap::importer {

// Errors (bad zip, no word/document.xml, bad XML) go to `diags`; the document is then empty.
Document read_docx_document(std::string_view bytes, const std::string& file, diag::Diagnostics& diags);

}  // namespace roadmap::importer
