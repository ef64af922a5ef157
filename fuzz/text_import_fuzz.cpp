// libFuzzer target for the importer's text and CSV paths: any bytes as a text copy of a plan and
// as a .csv. Checks what must hold for every input: no crash, hang or sanitizer report; a result
// carries a plan exactly when there is no error; every diagnostic has a catalogue key and points
// inside the file; the YAML written for a plan is well-formed and keeps every item's number,
// measure and deadline.
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "i18n/catalogue.hpp"
#include "importer/importer.hpp"

namespace {

namespace importer = roadmap::importer;
namespace i18n = roadmap::i18n;

[[noreturn]] void fail(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "text_import_fuzz: %s\n%s\n", what, detail.c_str());
  std::abort();
}

int count_lines(std::string_view s) {
  int n = 1;
  for (char c : s)
    if (c == '\n' || c == '\r') ++n;
  return n;
}

void check(const importer::ImportResult& r, std::string_view input) {
  if (r.ok() != (r.plan.has_value() && !r.diagnostics.has_errors())) fail("ok() disagrees with the result");
  if (!r.plan && !r.diagnostics.has_errors()) fail("no plan and no error");
  int lines = count_lines(input);
  for (const auto& d : r.diagnostics.items()) {
    if (!i18n::has(d.what.key)) fail("diagnostic key not in the catalogue", d.what.key);
    if (d.where.line < 0 || d.where.line > lines) fail("diagnostic line outside the file");
  }
  std::string report = importer::render_report(r, i18n::Lang::ru);
  (void)report;
  if (!r.plan) return;
  std::string yaml = importer::render_yaml(r, i18n::Lang::ru);
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    fail("written YAML does not parse", std::string(e.what()) + "\n" + yaml);
  }
  std::size_t k = 0;
  YAML::Node sections = root["sections"];
  if (!sections || !sections.IsSequence()) fail("YAML without sections", yaml);
  for (const auto& s : r.plan->sections) {
    if (k >= sections.size()) fail("section missing from the YAML", yaml);
    YAML::Node items = sections[k++]["items"];
    if (!items || items.size() != s.items.size()) fail("items missing from the YAML", yaml);
    for (std::size_t i = 0; i < s.items.size(); ++i) {
      const auto& it = s.items[i];
      if (items[i]["number"].as<std::string>() != it.number) fail("number changed", it.number + "\n" + yaml);
      if (items[i]["measure"].as<std::string>() != it.measure) fail("measure changed", it.measure + "\n" + yaml);
      if (items[i]["deadline"].as<std::string>() != it.deadline) fail("deadline changed", it.deadline + "\n" + yaml);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  importer::ImportOptions text;
  text.format = importer::Format::text;
  check(importer::import_bytes(input, "fuzz.txt", text), input);
  importer::ImportOptions csv;
  csv.format = importer::Format::csv;
  check(importer::import_bytes(input, "fuzz.csv", csv), input);
  return 0;
}
