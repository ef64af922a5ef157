// `roadmap load FILE...`: validates every plan file, prints every problem, and only when no file
// has an error stores all the plans in the database in one transaction (all or nothing). Then one
// summary line a plan. Exit status 1 when a file has errors or the database refuses the batch.
#include <memory>
#include <string>
#include <vector>

#include "cli.hpp"
#include "diag/diagnostic.hpp"
#include "load/plan_loader.hpp"
#include "store/plan_repository.hpp"
#include "store/schema.hpp"

namespace {

using namespace roadmap;

struct LoadArgs {
  std::vector<std::string> files;
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

int run_load(cli::Context& ctx, const std::vector<std::string>& files) {
  std::vector<model::Plan> plans;
  diag::Diagnostics problems;
  std::size_t bad_files = 0;
  for (const auto& file : files) {
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
  if (!problems.empty()) *ctx.err << diag::render_all(problems, ctx.lang);
  if (bad_files > 0) {
    *ctx.err << ctx.tr("cmd.load.rejected", {std::to_string(bad_files), std::to_string(files.size())})
             << '\n';
    return 1;
  }

  try {
    store::Database db = store::open_store(ctx.db_path);
    std::vector<store::SaveResult> saved = store::save_plans(db, plans);
    std::size_t inserted = 0, replaced = 0, unchanged = 0;
    for (std::size_t i = 0; i < saved.size(); ++i) {
      switch (saved[i].outcome) {
        case store::SaveOutcome::inserted:
          ++inserted;
          break;
        case store::SaveOutcome::replaced:
          ++replaced;
          break;
        case store::SaveOutcome::unchanged:
          ++unchanged;
          break;
      }
      auto s = store::plan_summary(db, saved[i].plan_id);
      if (!s) continue;  // written by this very transaction: cannot be missing
      *ctx.out << ctx.tr("cmd.load.plan_line",
                         {s->id, plans[i].source_file, outcome_text(ctx, saved[i].outcome),
                          std::to_string(s->sections), std::to_string(s->items),
                          std::to_string(s->responsible_bodies)})
               << '\n';
    }
    *ctx.out << ctx.tr("cmd.load.total", {std::to_string(saved.size()), std::to_string(inserted),
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
  sub->callback([&ctx, args] { ctx.exit_code = run_load(ctx, args->files); });
});
