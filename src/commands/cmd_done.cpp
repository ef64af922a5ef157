// `roadmap done TASK [--result TEXT] [--link URL] [--doc DOCUMENT] [--file FILE] [--on DATE] [--as PERSON]
// [--version N]`: the task is done, with its result. A result is required when the plan's item names
// an expected result; the file is copied next to the database. See store/lifecycle.hpp.
#include <memory>

#include "cli.hpp"
#include "lifecycle_common.hpp"

ROADMAP_COMMAND("done", 61, [](CLI::App& root, roadmap::cli::Context& ctx) {
  namespace lc = roadmap::cli::lifecycle;
  auto args = std::make_shared<lc::Args>();
  auto* sub = root.add_subcommand("done", ctx.tr("cmd.done.help"));
  lc::add_common(sub, ctx, args, false);
  sub->add_option("--result", args->result.text, ctx.tr("cmd.done.result"));
  sub->add_option("--link", args->result.link, ctx.tr("cmd.done.link"));
  sub->add_option("--doc", args->result.document, ctx.tr("cmd.done.doc"));
  sub->add_option("--file", args->result.file, ctx.tr("cmd.done.file"));
  sub->add_option("--on", args->on, ctx.tr("cmd.done.on"));
  sub->callback([&ctx, args] { ctx.exit_code = lc::run(ctx, *args, roadmap::store::Transition::done); });
});
