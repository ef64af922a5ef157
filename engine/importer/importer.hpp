// Plan documents -> plan YAML: the entry point of engine/importer. Detects the format (text copy,
// .csv, .docx; refuses binaries, .doc, PDF), reads it into the common table model, interprets
// it, checks every deadline phrase, and renders the YAML and the report of what needs a look.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostic.hpp"
#include "i18n/catalogue.hpp"
#include "model/plan.hpp"

namespace roadmap::importer {

enum class Format { automatic, text, csv, docx };

struct ImportOptions {
  Format format = Format::automatic;
  std::size_t max_bytes = 32u << 20;  // a plan document is kilobytes to a few megabytes
};

struct ImportResult {
  std::optional<model::Plan> plan;  // set when the import succeeded (warnings allowed)
  diag::Diagnostics diagnostics;    // errors (no plan) and warnings (values to check)
  std::string display_name;
  bool ok() const { return plan.has_value() && !diagnostics.has_errors(); }
};

ImportResult import_file(const std::string& path, const ImportOptions& options = {});
// `display_name` is what messages call the input; its extension helps detect the format.
ImportResult import_bytes(std::string_view bytes, const std::string& display_name, const ImportOptions& options = {});

// The plan as YAML with a "# ПРОВЕРИТЬ: ..." comment beside every uncertain value.
std::string render_yaml(const ImportResult& result, i18n::Lang lang);
// The closing report: a summary and every warning, located.
std::string render_report(const ImportResult& result, i18n::Lang lang);

}  // namespace roadmap::importer
