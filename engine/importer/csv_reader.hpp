// Reads a plan table saved as CSV (RFC 4180 quoting; ';', ',' or tab between cells; UTF-8 with
// or without a byte-order mark) into the common table model. Rows above the header become the
// preamble when the interpreter finds the header.
#pragma once

#include <string_view>

#include "diag/diagnostic.hpp"
#include "importer/document.hpp"

namespace roadmap::importer {

Document read_csv_document(std::string_view text, const std::string& file, diag::Diagnostics& diags);

// The delimiter a CSV text most likely uses: ';', ',' or '\t'.
char detect_csv_delimiter(std::string_view text);

}  // namespace roadmap::importer
