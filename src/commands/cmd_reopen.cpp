// `roadmap reopen TASK --reason TEXT [--as PERSON] [--version N]`: see store/lifecycle.hpp for the rules.
#include <memory>

#include "cli.hpp"
#include "lifecycle_common.hpp"

ROADMAP_COMMAND("reopen", 64, [](CLI::App& root, roadmap::cli::Context& ctx) {
  namespace lc = roadmap::cli::lifecycle;
  auto args = std::make_shared<lc::Args>();
  auto* sub = root.add_subcommand("reopen", ctx.tr("cmd.reopen.help"));
  lc::add_common(sub, ctx, args, true);
  sub->callback([&ctx, args] { ctx.exit_code = lc::run(ctx, *args, roadmap::store::Transition::reopen); });
});
