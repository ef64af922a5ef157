// Plans in the store: save (atomically replacing an earlier load of the same plan id), list with
// counts, and read back into the model. Items are kept under (plan id, item key), the key a later
// re-planning step will diff on.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/plan.hpp"
#include "store/sqlite.hpp"

namespace roadmap::store {

enum class SaveOutcome {
  inserted,   // the plan id was not in the database
  unchanged,  // same content hash: nothing rewritten (only the source file name is refreshed)
  replaced,   // the content changed: the plan's rows were replaced
};

struct SaveResult {
  std::string plan_id;
  SaveOutcome outcome = SaveOutcome::inserted;
  std::string content_hash;
};

// One plan, in its own transaction.
SaveResult save_plan(Database& db, const model::Plan& plan);
// Several plans in ONE transaction (the caller's when one is open, else its own): all of them are
// stored, or (on any failure) none, and the database is as before. Two plans with the same id in one batch are refused before anything is
// written (store::Error "store.err.duplicate_plan_id").
std::vector<SaveResult> save_plans(Database& db, const std::vector<model::Plan>& plans);

// The key an item is stored under: its number for global numbering, "<section>:<number>" for
// per-section numbering, where <section> is the section's number or, when unnumbered, its 1-based
// ordinal (the form references use: model::Plan::find_item).
std::string item_key(const model::Plan& plan, std::size_t section_index, const model::Item& item);

struct PlanSummary {
  std::string id;
  std::string title;
  std::string owner;
  std::string territory;
  std::optional<int> school_year_start;
  std::vector<int> years;
  std::string first_day;  // ISO dates
  std::string last_day;
  std::string timezone;
  std::string source_file;
  std::string content_hash;
  std::string loaded_at;  // UTC, "2026-11-25T10:54:44Z"
  int sections = 0;
  int items = 0;
  int sub_measures = 0;
  int declared_bodies = 0;
  int responsible_bodies = 0;  // distinct bodies named responsible or co-executor in the items
};

// Every plan in the database, by id.
std::vector<PlanSummary> list_plans(Database& db);
std::optional<PlanSummary> plan_summary(Database& db, std::string_view plan_id);

// The plan as stored (positions in the file are not stored: they come back as 0).
std::optional<model::Plan> load_plan(Database& db, std::string_view plan_id);

}  // namespace roadmap::store
