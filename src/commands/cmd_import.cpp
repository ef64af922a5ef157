// `roadmap import FILE [-o OUT]`: turns a plan document (a text copy, .csv or .docx) into plan YAML
// with a "# ПРОВЕРИТЬ" comment beside every uncertain value; the YAML goes to OUT (stdout by
// default), the report of what needs a human look to stderr. Exit 1 when the file is not a plan.
#include <fstream>
#include <memory>
#include <string>

#include "cli.hpp"
#include "importer/importer.hpp"

namespace {

struct ImportArgs {
  std::string file;
  std::string output;
  std::string format = "auto";
};

}  // namespace

ROADMAP_COMMAND("import", 15, [](CLI::App& root, roadmap::cli::Context& ctx) {
  auto args = std::make_shared<ImportArgs>();
  auto* sub = root.add_subcommand("import", ctx.tr("import.help"));
  sub->add_option("file", args->file, ctx.tr("import.opt.file"))->required()->type_name(ctx.tr("import.file_label"));
  sub->add_option("-o,--output", args->output, ctx.tr("import.opt.output"))->type_name(ctx.tr("import.file_label"));
  sub->add_option("--format", args->format, ctx.tr("import.opt.format"))
      ->check(CLI::IsMember({"auto", "text", "csv", "docx"}));
  sub->footer(ctx.tr("import.footer"));
  sub->callback([&ctx, args] {
    using namespace roadmap;
    importer::ImportOptions options;
    if (args->format == "text") options.format = importer::Format::text;
    else if (args->format == "csv") options.format = importer::Format::csv;
    else if (args->format == "docx") options.format = importer::Format::docx;
    importer::ImportResult result = importer::import_file(args->file, options);
    if (!result.ok()) {
      *ctx.err << importer::render_report(result, ctx.lang);
      ctx.exit_code = 1;
      return;
    }
    std::string yaml = importer::render_yaml(result, ctx.lang);
    if (args->output.empty() || args->output == "-") {
      *ctx.out << yaml;
    } else {
      // Write beside the target and rename, so a failed write never leaves half a plan.
      std::string tmp = args->output + ".tmp";
      {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << yaml;
        out.close();
        if (!out) {
          *ctx.err << "roadmap: " << ctx.tr("import.err.write", {args->output}) << '\n';
          std::remove(tmp.c_str());
          ctx.exit_code = 1;
          return;
        }
      }
      if (std::rename(tmp.c_str(), args->output.c_str()) != 0) {
        *ctx.err << "roadmap: " << ctx.tr("import.err.write", {args->output}) << '\n';
        std::remove(tmp.c_str());
        ctx.exit_code = 1;
        return;
      }
    }
    *ctx.err << importer::render_report(result, ctx.lang);
    if (!args->output.empty() && args->output != "-")
      *ctx.err << ctx.tr("import.report.written", {args->output}) << '\n';
    ctx.exit_code = 0;
  });
});
