// libFuzzer target for the plan loader: any bytes must come back as diagnostics, never as a crash,
// an exception, a hang or a sanitizer report; a plan is returned only without errors, and every
// diagnostic renders in both languages.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "diag/diagnostic.hpp"
#include "load/plan_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace roadmap;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  load::PlanLoad r = load::load_plan_text(text, "fuzz.yaml");
  if (r.plan.has_value() == r.diagnostics.has_errors()) std::abort();
  for (const auto& d : r.diagnostics.items()) {
    if (d.where.line < 0 || d.where.column < 0) std::abort();
    (void)diag::render(d, i18n::Lang::ru);
    (void)diag::render(d, i18n::Lang::en);
  }
  return 0;
}
