// `roadmap validate FILE...`: checks plan files and prints every problem (file:line:column, what to
// do), then one summary line a file. Exit status 1 when any file has errors, 0 otherwise.
#include <memory>
#include <string>
#include <vector>

#include "cli.hpp"
#include "diag/diagnostic.hpp"
#include "load/plan_loader.hpp"

namespace {

struct ValidateArgs {
  std::vector<std::string> files;
};

}  // namespace

ROADMAP_COMMAND("validate", 20, [](CLI::App& root, roadmap::cli::Context& ctx) {
  auto args = std::make_shared<ValidateArgs>();
  auto* sub = root.add_subcommand("validate", ctx.tr("validate.help"));
  sub->add_option("files", args->files, ctx.tr("validate.opt.files"))->required()->type_name(ctx.tr("validate.file_label"));
  sub->footer(ctx.tr("validate.footer"));
  sub->callback([&ctx, args] {
    using namespace roadmap;
    int exit_code = 0;
    for (const auto& file : args->files) {
      load::PlanLoad result = load::load_plan_file(file);
      diag::Diagnostics diagnostics = result.diagnostics;
      diagnostics.sort();
      *ctx.out << diag::render_all(diagnostics, ctx.lang);

      // ---- DEADLINE READINGS (reserved for engine/deadline) -----------------------------------
      // When the deadline parser lands, list here every item's (and sub-measure's) deadline phrase
      // with how it was read, e.g. "1.1  август-сентябрь  ->  1 Aug - 30 Sep 2021", and add the
      // phrases it could not read to the diagnostics above. The loaded plan is `*result.plan`.
      // ------------------------------------------------------------------------------------------

      *ctx.out << ctx.tr("validate.summary",
                         {file, std::to_string(diagnostics.error_count()), std::to_string(diagnostics.warning_count()),
                          std::to_string(result.items_read)})
               << '\n';
      if (diagnostics.has_errors()) exit_code = 1;
    }
    ctx.exit_code = exit_code;
  });
});
