// Turns a document in the common table model into a plan: finds the header and maps the columns
// (from their names, or from the cells' content), splits sections, items, page-break fragments
// and sub-measures, fills vertically merged cells, declares the bodies, reads the preamble.
// Everything it had to guess is recorded as a warning whose `field` is the YAML path of the
// value it concerns, so the writer can put a comment beside that value.
#pragma once

#include <string>

#include "diag/diagnostic.hpp"
#include "importer/document.hpp"
#include "model/plan.hpp"

namespace roadmap::importer {

struct Interpretation {
  model::Plan plan;
  diag::Diagnostics notes;  // errors end the import; warnings are the "check this" list
  bool ok() const { return !notes.has_errors(); }
};

// `file` names the source in messages; `stem` (the file name without folders and extension)
// seeds the plan's id.
Interpretation interpret(const Document& doc, const std::string& file, const std::string& stem);

}  // namespace roadmap::importer
