// `roadmap tasks [--plan P] [--body B] [--school S] [--person P] [--month YYYY-MM] [--status S]
// [--item N] [--waiting] [--limit N] [--format table|json|csv]`: the stored tasks, filtered.
#include <memory>
#include <string>

#include "cli.hpp"
#include "store/names.hpp"
#include "store/schema.hpp"
#include "task_view.hpp"

namespace {

using namespace roadmap;

struct TasksArgs {
  store::TaskFilter filter;
  std::string format = "table";
};

int run_tasks(cli::Context& ctx, const TasksArgs& args) {
  if (args.format != "table" && args.format != "json" && args.format != "csv") {
    *ctx.err << "roadmap: " << ctx.tr("cmd.tasks.bad_format", {args.format}) << '\n';
    return 2;
  }
  try {
    store::Database db = store::open_store(ctx.db_path, store::Database::OpenMode::existing_only);
    auto tasks = store::query_tasks(db, args.filter);
    cli::print_tasks(ctx, tasks, store::assignee_names(db), args.format);
  } catch (const store::Error& e) {
    *ctx.err << "roadmap: " << store::describe(e, ctx.lang) << '\n';
    return 1;
  }
  return 0;
}

}  // namespace

ROADMAP_COMMAND("tasks", 50, [](CLI::App& root, roadmap::cli::Context& ctx) {
  auto args = std::make_shared<TasksArgs>();
  auto* sub = root.add_subcommand("tasks", ctx.tr("cmd.tasks.help"));
  auto& f = args->filter;
  sub->add_option("--plan", f.plan_id, ctx.tr("cmd.tasks.plan"));
  sub->add_option("--body", f.body, ctx.tr("cmd.tasks.body"));
  sub->add_option("--school", f.school, ctx.tr("cmd.tasks.school"));
  sub->add_option("--person", f.person, ctx.tr("cmd.tasks.person"));
  sub->add_option("--month", f.month, ctx.tr("cmd.tasks.month"));
  sub->add_option("--status", f.status, ctx.tr("cmd.tasks.status"));
  sub->add_option("--item", f.item, ctx.tr("cmd.tasks.item"));
  sub->add_flag("--waiting", f.waiting_only, ctx.tr("cmd.tasks.waiting"));
  sub->add_option("--limit", f.limit, ctx.tr("cmd.tasks.limit"));
  sub->add_option("--format", args->format, ctx.tr("cmd.tasks.format"));
  sub->callback([&ctx, args] { ctx.exit_code = run_tasks(ctx, *args); });
});
