// `roadmap load FILE... [--dry-run]`: validates every plan file, expands each into dated tasks
// against its directory, event calendar and the production calendar, prints every problem, and
// only when nothing has an error stores the plans, the directory snapshots and the task diffs in
// ONE transaction (all or nothing; a re-load keeps unchanged tasks with their status and history).
// Then one summary line a plan and its task diff. Exit status 1 when anything has errors.
#include <memory>
#include <string>
#include <vector>

#include "cli.hpp"
#include "diag/diagnostic.hpp"
#include "load/plan_loader.hpp"
#include "planning/planning.hpp"
#include "store/names.hpp"
#include "store/plan_repository.hpp"
#include "store/schema.hpp"
#include "task_view.hpp"

namespace {

using namespace roadmap;

struct LoadArgs {
  std::vector<std::string> files;
  bool dry_run = false;
  std::string calendar;
  std::string overrides;
};

std::string outcome_text(const cli::Context& ctx, store::SaveOutcome o) {
  switch (o) {
    case store::SaveOutcome::inserted:
      return ctx.tr("cmd.load.inserted");
    case store::SaveOutcome::replaced:
      return ctx.tr("cmd.load.replaced");
    case store::SaveOutcome::unchanged:
      return ctx.tr("cmd.load.unchanged");
  }
  return {};
}

int run_load(cli::Context& ctx, const LoadArgs& args) {
  std::vector<model::Plan> plans;
  diag::Diagnostics problems;
  std::size_t bad_files = 0;
  for (const auto& file : args.files) {
    load::PlanLoad result = load::load_plan_file(file);
    result.diagnostics.sort();
    problems.append(result.diagnostics);
    if (!result.ok()) {
      ++bad_files;
      continue;
    }
    if (result.plan->source_file.empty()) result.plan->source_file = file;
    plans.push_back(std::move(*result.plan));
  }
  if (bad_files > 0) {
    *ctx.err << diag::render_all(problems, ctx.lang);
    *ctx.err << ctx.tr("cmd.load.rejected", {std::to_string(bad_files), std::to_string(args.files.size())}) << '\n';
    return 1;
  }

  try {
    store::Database db = store::open_store(ctx.db_path);
    planning::Options opts;
    opts.dry_run = args.dry_run;
    opts.calendar_path = args.calendar;
    opts.overrides_path = args.overrides;
    auto r = planning::load_and_schedule(db, std::move(plans), opts);
    problems.append(r.diagnostics);
    if (!problems.empty()) *ctx.err << diag::render_all(problems, ctx.lang);
    if (!r.ok()) {
      *ctx.err << ctx.tr("cmd.schedule.rejected") << '\n';
      return 1;
    }
    auto names = store::assignee_names(db);
    std::size_t inserted = 0, replaced = 0, unchanged = 0;
    for (const auto& p : r.plans) {
      if (p.saved) {
        switch (*p.saved) {
          case store::SaveOutcome::inserted: ++inserted; break;
          case store::SaveOutcome::replaced: ++replaced; break;
          case store::SaveOutcome::unchanged: ++unchanged; break;
        }
      }
      if (auto s = store::plan_summary(db, p.plan_id); s && p.saved) {
        *ctx.out << ctx.tr("cmd.load.plan_line", {s->id, s->source_file, outcome_text(ctx, *p.saved),
                                                  std::to_string(s->sections), std::to_string(s->items),
                                                  std::to_string(s->responsible_bodies)})
                 << '\n';
      } else {
        *ctx.out << p.plan_id << " (" << p.source_file << ")\n";
      }
      if (p.scheduled) cli::print_diff(ctx, p.diff, names, args.dry_run);
      else *ctx.out << ctx.tr("cmd.load.not_scheduled") << '\n';
    }
    if (!args.dry_run)
      *ctx.out << ctx.tr("cmd.load.total", {std::to_string(r.plans.size()), std::to_string(inserted),
                                            std::to_string(replaced), std::to_string(unchanged), ctx.db_path})
               << '\n';
  } catch (const store::Error& e) {
    *ctx.err << "roadmap: " << store::describe(e, ctx.lang) << '\n';
    return 1;
  }
  return 0;
}

}  // namespace

ROADMAP_COMMAND("load", 40, [](CLI::App& root, roadmap::cli::Context& ctx) {
  auto args = std::make_shared<LoadArgs>();
  auto* sub = root.add_subcommand("load", ctx.tr("cmd.load.help"));
  sub->add_option("files", args->files, ctx.tr("cmd.load.files"))
      ->required()
      ->type_name(ctx.lang == roadmap::i18n::Lang::en ? "FILE" : "ФАЙЛ");
  sub->add_flag("--dry-run", args->dry_run, ctx.tr("cmd.load.dry_run"));
  sub->add_option("--calendar", args->calendar, ctx.tr("cmd.schedule.calendar"));
  sub->add_option("--calendar-overrides", args->overrides, ctx.tr("cmd.schedule.overrides"));
  sub->callback([&ctx, args] { ctx.exit_code = run_load(ctx, *args); });
});
