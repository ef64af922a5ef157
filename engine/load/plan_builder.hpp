// The plan schema (plans/README.md) walked over a parsed YAML tree: fills model::Plan and reports
// every problem of structure, values and cross-references through the Reader.
#pragma once

#include <yaml-cpp/yaml.h>

#include "load/yaml_reader.hpp"
#include "model/plan.hpp"

namespace roadmap::load {

// The plan as far as it could be read; `items_read` receives the number of items found.
model::Plan build_plan(const YAML::Node& root, Reader& reader, std::size_t* items_read = nullptr);

}  // namespace roadmap::load
