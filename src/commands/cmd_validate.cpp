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
  bool brief = false;
};

}  // namespace

ROADMAP_COMMAND("validate", 20, [](CLI::App& root, roadmap::cli::Context& ctx) {
  auto args = std::make_shared<ValidateArgs>();
  auto* sub = root.add_subcommand("validate", ctx.tr("validate.help"));
  sub->add_option("files", args->files, ctx.tr("validate.opt.files"))->required()->type_name(ctx.tr("validate.file_label"));
  sub->add_flag("--brief", args->brief, ctx.tr("validate.opt.brief"));
  sub->footer(ctx.tr("validate.footer"));
  sub->callback([&ctx, args] {
    using namespace roadmap;
    int exit_code = 0;
    for (const auto& file : args->files) {
      load::PlanLoad result = load::load_plan_file(file);
      diag::Diagnostics diagnostics = result.diagnostics;
      diagnostics.sort();
      *ctx.out << diag::render_all(diagnostics, ctx.lang);

      // Every deadline phrase with how it was read, so the coordinator can check the reading.
      if (result.deadlines && !args->brief) {
        const auto& dl = *result.deadlines;
        *ctx.out << ctx.tr("check.heading", {file, std::to_string(dl.understood), std::to_string(dl.structured),
                                             std::to_string(dl.unreadable), std::to_string(dl.need_binding)})
                 << '\n';
        for (const auto& r : dl.readings) *ctx.out << plancheck::reading_line(r, dl.options, ctx.lang) << '\n';
      }

      *ctx.out << ctx.tr("validate.summary",
                         {file, std::to_string(diagnostics.error_count()), std::to_string(diagnostics.warning_count()),
                          std::to_string(result.items_read)})
               << '\n';
      if (diagnostics.has_errors()) exit_code = 1;
    }
    ctx.exit_code = exit_code;
  });
});
