// Loads a plan file (plans/README.md) into the model, with every problem located.
// Nothing is thrown for bad input: the result carries the plan only when there are no errors.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostic.hpp"
#include "model/plan.hpp"
#include "plancheck/plan_deadlines.hpp"

namespace roadmap::load {

struct LoadOptions {
  std::size_t max_bytes = 16u << 20;  // a plan is kilobytes; anything this big is a wrong file
};

struct PlanLoad {
  std::optional<model::Plan> plan;  // set only when diagnostics has no errors
  diag::Diagnostics diagnostics;    // errors and warnings, in file order
  std::size_t items_read = 0;       // items found, even in a plan with errors (for summaries)
  // Every deadline phrase read in the plan's context; set whenever the plan's structure could be
  // read. Its problems (unreadable phrases, missing bindings) are part of `diagnostics`.
  std::optional<plancheck::DeadlineCheck> deadlines;
  bool ok() const { return plan.has_value() && !diagnostics.has_errors(); }
};

PlanLoad load_plan_file(const std::string& path, const LoadOptions& options = {});
// `display_name` is what messages call the file.
PlanLoad load_plan_text(std::string_view text, const std::string& display_name,
                        const LoadOptions& options = {});

}  // namespace roadmap::load
