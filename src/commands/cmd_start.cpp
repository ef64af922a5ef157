// `roadmap start TASK [--as PERSON] [--version N]`: see store/lifecycle.hpp for the rules.
#include <memory>

#include "cli.hpp"
#include "lifecycle_common.hpp"

ROADMAP_COMMAND("start", 60, [](CLI::App& root, roadmap::cli::Context& ctx) {
  namespace lc = roadmap::cli::lifecycle;
  auto args = std::make_shared<lc::Args>();
  auto* sub = root.add_subcommand("start", ctx.tr("cmd.start.help"));
  lc::add_common(sub, ctx, args, false);
  sub->callback([&ctx, args] { ctx.exit_code = lc::run(ctx, *args, roadmap::store::Transition::start); });
});
