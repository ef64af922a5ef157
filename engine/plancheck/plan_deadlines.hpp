// Every deadline phrase of a loaded plan read through the deadline language, in the plan's context
// (its school year or years, its half-year setting): the reading of each phrase for `roadmap
// validate`, and the located problems — a phrase that cannot be read and has no structured
// schedule, an anchor ("после завершения анализа", "по утвержденному графику") with no binding,
// a binding that matches no anchor.
#pragma once

#include <string>
#include <vector>

#include "deadline/parse.hpp"
#include "diag/diagnostic.hpp"
#include "i18n/catalogue.hpp"
#include "model/plan.hpp"

namespace roadmap::plancheck {

// The deadline language's context for a plan.
deadline::ParseOptions parse_options(const model::Plan& plan);

struct PhraseReading {
  std::string item;        // item number, "4.11/2" for the second sub-measure of 4.11
  std::string phrase;      // verbatim
  model::SourcePos pos;    // of the phrase in the file
  bool understood = false;
  bool structured = false;  // an explicit `schedule:` decides the dates
  deadline::Schedule explicit_schedule;  // that schedule, when structured
  deadline::ParseResult result;
  std::vector<std::string> unbound;  // anchors that still need a binding (their words)
};

struct DeadlineCheck {
  deadline::ParseOptions options;  // the plan's context the phrases were read in
  std::vector<PhraseReading> readings;
  diag::Diagnostics diagnostics;  // errors: unreadable phrases; warnings: bindings
  std::size_t understood = 0;
  std::size_t structured = 0;
  std::size_t unreadable = 0;
  std::size_t need_binding = 0;
};

DeadlineCheck check_deadlines(const model::Plan& plan);

// The item's binding for an anchor of one of its phrases (the words compare case- and
// space-insensitively, either containing the other), or null.
const model::AnchorBinding* binding_for(const model::Item& item, std::string_view anchor_text);

// One line of the listing: "4.5  «в течение месяца после завершения анализа»  →  reading".
std::string reading_line(const PhraseReading& r, const deadline::ParseOptions& options, i18n::Lang lang);

}  // namespace roadmap::plancheck
