// `roadmap schedule [PLAN...] [--dry-run]`: re-plans stored plans against their organisation
// directory, event calendar and the production calendar as they are now (and the items done so
// far): unchanged tasks keep their status and history, changed dates move (audit log), tasks whose
// item or occurrence disappeared are cancelled, never deleted. One transaction; --dry-run shows
// the diff and writes nothing.
#include <memory>
#include <string>
#include <vector>

#include "cli.hpp"
#include "planning/planning.hpp"
#include "store/names.hpp"
#include "store/schema.hpp"
#include "task_view.hpp"

namespace {

using namespace roadmap;

struct ScheduleArgs {
  std::vector<std::string> plans;
  bool dry_run = false;
  std::string calendar;
  std::string overrides;
};

int run_schedule(cli::Context& ctx, const ScheduleArgs& args) {
  try {
    store::Database db = store::open_store(ctx.db_path, store::Database::OpenMode::existing_only);
    planning::Options opts;
    opts.dry_run = args.dry_run;
    opts.calendar_path = args.calendar;
    opts.overrides_path = args.overrides;
    auto r = planning::replan(db, args.plans, opts);
    if (!r.diagnostics.empty()) *ctx.err << diag::render_all(r.diagnostics, ctx.lang);
    if (!r.ok()) {
      *ctx.err << ctx.tr("cmd.schedule.rejected") << '\n';
      return 1;
    }
    auto names = store::assignee_names(db);
    for (const auto& p : r.plans) cli::print_diff(ctx, p.diff, names, args.dry_run);
  } catch (const store::Error& e) {
    *ctx.err << "roadmap: " << store::describe(e, ctx.lang) << '\n';
    return 1;
  }
  return 0;
}

}  // namespace

ROADMAP_COMMAND("schedule", 45, [](CLI::App& root, roadmap::cli::Context& ctx) {
  auto args = std::make_shared<ScheduleArgs>();
  auto* sub = root.add_subcommand("schedule", ctx.tr("cmd.schedule.help"));
  sub->add_option("plans", args->plans, ctx.tr("cmd.schedule.plans"))
      ->type_name(ctx.lang == roadmap::i18n::Lang::en ? "PLAN" : "ПЛАН");
  sub->add_flag("--dry-run", args->dry_run, ctx.tr("cmd.schedule.dry_run"));
  sub->add_option("--calendar", args->calendar, ctx.tr("cmd.schedule.calendar"));
  sub->add_option("--calendar-overrides", args->overrides, ctx.tr("cmd.schedule.overrides"));
  sub->callback([&ctx, args] { ctx.exit_code = run_schedule(ctx, *args); });
});
