// Plans stored and scheduled in one transaction (see planning.hpp).
#include "planning/planning.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <set>

#include "load/schedule_reader.hpp"
#include "load/yaml_reader.hpp"
#include "scheduler/inputs.hpp"

namespace roadmap::planning {
namespace {

void reached(const Options& options, Step step) {
  if (options.on_step) options.on_step(step);
}

struct Planned {
  const model::Plan* plan = nullptr;
  const model::Directory* directory = nullptr;
  std::vector<scheduler::PlannedTask> tasks;
  bool scheduled = false;
};

// Expands every plan (side by side: scheduler::expand_all); errors of any plan go to `out`.
std::vector<Planned> expand_all(store::Database& db, const std::vector<model::Plan>& plans, bool need_directory,
                                const Options& options, scheduler::InputFiles& files, diag::Diagnostics& out) {
  std::vector<Planned> result(plans.size());
  std::vector<scheduler::Inputs> inputs;
  std::vector<std::size_t> which;
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const auto& plan = plans[i];
    Planned& p = result[i];
    p.plan = &plan;
    if (plan.directory.empty() && !need_directory) {
      out.warning({plan.source_file, 0, 0, "plan.directory"}, "planning.warn.not_scheduled", {plan.id});
      continue;
    }
    const auto* cal = files.calendar(out);
    const auto* dir = files.directory_for(plan, out);
    const auto* events = files.events_for(plan, out);
    if (!cal || !dir) continue;
    scheduler::Inputs in{&plan, dir, events, cal, {}};
    in.items_done = store::items_done(db, plan.id);
    p.directory = dir;
    p.scheduled = true;
    inputs.push_back(std::move(in));
    which.push_back(i);
  }
  reached(options, Step::inputs_read);
  auto expansions = scheduler::expand_all(inputs, options.scheduler);
  for (std::size_t k = 0; k < which.size(); ++k) {
    out.append(expansions[k].diagnostics);
    result[which[k]].tasks = std::move(expansions[k].tasks);
  }
  reached(options, Step::expanded);
  return result;
}

Result finish(store::Database& db, std::vector<model::Plan>& plans, std::vector<Planned>& planned, bool save,
              const Options& options, Result r) {
  r.diagnostics.sort();
  if (r.diagnostics.has_errors()) return r;
  auto outcome = [&](std::size_t i) {
    PlanOutcome o;
    o.plan_id = plans[i].id;
    o.source_file = plans[i].source_file;
    o.scheduled = planned[i].scheduled;
    o.tasks = planned[i].tasks.size();
    return o;
  };
  if (options.dry_run) {
    for (std::size_t i = 0; i < plans.size(); ++i) {
      auto o = outcome(i);
      if (o.scheduled) o.diff = store::diff_tasks(db, plans[i].id, planned[i].tasks);
      r.plans.push_back(std::move(o));
    }
    return r;
  }
  // Stored with an absolute path, so `roadmap schedule` finds the plan's directory and calendar
  // files from any working directory.
  if (save)
    for (auto& p : plans)
      if (!p.source_file.empty()) p.source_file = std::filesystem::absolute(p.source_file).lexically_normal().string();
  store::Transaction tx(db);
  std::vector<store::SaveResult> saved;
  if (save) saved = store::save_plans(db, plans);
  reached(options, Step::plans_saved);
  std::set<std::string> directories;
  std::size_t incoming = 0;
  for (const auto& p : planned) incoming += p.tasks.size();
  store::BulkTaskIndexes bulk(db, incoming);
  for (std::size_t i = 0; i < plans.size(); ++i) {
    auto o = outcome(i);
    if (save) o.saved = saved[i].outcome;
    if (o.scheduled) {
      if (directories.insert(planned[i].directory->id).second) store::save_directory(db, *planned[i].directory);
      o.diff = store::apply_tasks(db, plans[i].id, planned[i].tasks, options.actor);
    }
    r.plans.push_back(std::move(o));
  }
  reached(options, Step::tasks_applied);
  bulk.rebuild();
  reached(options, Step::indexes_built);
  tx.commit();
  reached(options, Step::committed);
  r.applied = true;
  return r;
}

// A structured `schedule:` comes back from the store as its YAML text: read it again.
void reread_schedules(model::Plan& plan, diag::Diagnostics& out) {
  for (auto& sec : plan.sections)
    for (auto& item : sec.items) {
      if (!item.schedule || !item.schedule->schedule.clauses.empty() || item.schedule->yaml.empty()) continue;
      diag::Diagnostics local;
      load::Reader reader(plan.source_file, item.schedule->yaml, local);
      try {
        YAML::Node node = YAML::Load(item.schedule->yaml);
        if (auto s = load::read_schedule(node, "schedule", {}, reader)) item.schedule->schedule = *s;
      } catch (const YAML::Exception&) {
      }
      out.append(local);
    }
}

}  // namespace

Result load_and_schedule(store::Database& db, std::vector<model::Plan> plans, const Options& options) {
  Result r;
  scheduler::InputFiles files(options.calendar_path.empty() ? scheduler::default_calendar_path() : options.calendar_path,
                              options.overrides_path);
  auto planned = expand_all(db, plans, false, options, files, r.diagnostics);
  return finish(db, plans, planned, true, options, std::move(r));
}

Result replan(store::Database& db, const std::vector<std::string>& plan_ids, const Options& options) {
  Result r;
  std::vector<std::string> ids = plan_ids;
  if (ids.empty())
    for (const auto& s : store::list_plans(db)) ids.push_back(s.id);
  std::vector<model::Plan> plans;
  for (const auto& id : ids) {
    auto p = store::load_plan(db, id);
    if (!p) {
      r.diagnostics.error({"", 0, 0, "plan"}, "planning.err.unknown_plan", {id, db.path()});
      continue;
    }
    reread_schedules(*p, r.diagnostics);
    plans.push_back(std::move(*p));
  }
  scheduler::InputFiles files(options.calendar_path.empty() ? scheduler::default_calendar_path() : options.calendar_path,
                              options.overrides_path);
  auto planned = expand_all(db, plans, true, options, files, r.diagnostics);
  return finish(db, plans, planned, false, options, std::move(r));
}

}  // namespace roadmap::planning
