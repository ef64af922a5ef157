// `roadmap report overdue|completion|execution|discipline [--plan P] [--period ...] [--body B]
// [--school S] [--all | --limit N] [--format table|csv|json|html] [-o FILE] [--today YYYY-MM-DD]`: the tracking
// reports of issue 5. Read-only: a report never writes to the database. The overdue report lists
// the reports::kOverdueRowsShown oldest tasks (and done-late ones) and says how many more there
// are; --all lists every one (a region's full list is for a spreadsheet: --all --format csv).
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "calendar/production_calendar.hpp"
#include "cli.hpp"
#include "reports/document.hpp"
#include "reports/error.hpp"
#include "reports/render.hpp"
#include "scheduler/inputs.hpp"
#include "store/schema.hpp"
#include "table.hpp"

namespace {

using namespace roadmap;

struct ReportArgs {
  std::string kind;
  std::string plan;
  std::string period;
  std::string body;
  std::string school;
  bool all = false;
  std::size_t limit = roadmap::reports::kOverdueRowsShown;
  std::string format = "table";
  std::string output;
  std::string today;
};

void print_document(std::ostream& out, const reports::Document& doc) {
  out << doc.title << '\n';
  for (const auto& s : doc.subtitle) out << s << '\n';
  for (const auto& t : doc.tables) {
    out << '\n' << t.title << '\n';
    if (t.rows.empty()) {
      out << t.empty << '\n';
      continue;
    }
    std::vector<std::string> head;
    std::vector<bool> right;
    for (const auto& c : t.columns) {
      head.push_back(c.title);
      right.push_back(c.numeric);
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : t.rows) {
      std::vector<std::string> cells;
      for (const auto& c : r) {
        std::string s = c.text;
        for (std::size_t p = 0; (p = s.find('\n', p)) != std::string::npos;) s.replace(p, 1, "; ");
        cells.push_back(cli::truncate(s, 70));
      }
      rows.push_back(std::move(cells));
    }
    cli::print_table(out, head, right, rows);
    if (!t.note.empty()) out << t.note << '\n';
  }
  if (!doc.signature.empty()) {
    out << '\n';
    for (const auto& s : doc.signature) out << s << '\n';
  }
}

int run_report(cli::Context& ctx, const ReportArgs& args) {
  auto fail = [&](const std::string& text, int code) {
    *ctx.err << "roadmap: " << text << '\n';
    return code;
  };
  if (args.format != "table" && args.format != "csv" && args.format != "json" && args.format != "html")
    return fail(ctx.tr("report.err.bad_format", {args.format}), 2);
  try {
    std::optional<reports::Period> period;
    if (!args.period.empty()) period = reports::parse_period(args.period);
    std::optional<reports::Clock> clock;
    std::string as_of;
    if (!args.today.empty()) {
      auto d = calendar::parse_date(args.today);
      if (!d) return fail(ctx.tr("report.err.bad_today", {args.today}), 2);
      clock = reports::Clock::fixed(*d);
      as_of = reports::ru_date(*d);
    } else {
      clock = reports::Clock::system();
      as_of = ctx.tr("report.sub.as_of_local");
    }
    auto loaded = calendar::load_calendar_file(scheduler::default_calendar_path());
    if (!loaded.ok()) {
      std::string why = loaded.diagnostics.empty() ? scheduler::default_calendar_path()
                                                   : diag::render_all(loaded.diagnostics, ctx.lang);
      return fail(ctx.tr("report.err.calendar", {why}), 1);
    }
    store::Database db = store::open_store(ctx.db_path, store::Database::OpenMode::existing_only);
    reports::Scope scope;
    scope.plan_id = args.plan;
    scope.period = period;
    scope.body = args.body;
    scope.school = args.school;
    auto in = reports::load_input(db, scope);
    if (in.plans.empty()) return fail(ctx.tr("report.err.no_plans", {ctx.db_path}), 1);
    reports::OverdueRule rule(*loaded.calendar, *clock);
    reports::DocOptions opt{ctx.lang, as_of};
    reports::Document doc;
    if (args.kind == "overdue")
      doc = reports::overdue_document(in, reports::build_overdue(in, rule, args.all ? 0 : args.limit),
                                      opt);
    else if (args.kind == "completion") doc = reports::completion_document(in, reports::build_completion(in, rule), opt);
    else if (args.kind == "execution") doc = reports::execution_document(in, reports::build_execution(in, rule), opt);
    else doc = reports::discipline_document(in, reports::build_discipline(in, rule), opt);
    std::string text;
    if (args.format == "table") {
      std::ostringstream s;
      print_document(s, doc);
      text = s.str();
    } else if (args.format == "csv") {
      text = reports::render_csv(doc);
    } else if (args.format == "json") {
      text = reports::render_json(doc);
    } else {
      text = reports::render_html(doc, ctx.lang);
    }
    if (args.output.empty()) {
      *ctx.out << text;
    } else {
      std::ofstream f(args.output, std::ios::binary | std::ios::trunc);
      f << text;
      f.close();
      if (!f) return fail(ctx.tr("report.err.write", {args.output}), 1);
      *ctx.out << ctx.tr("cmd.report.written", {args.output}) << '\n';
    }
  } catch (const reports::Error& e) {
    return fail(i18n::format(ctx.lang, e.message().key, e.message().args), 2);
  } catch (const store::Error& e) {
    return fail(store::describe(e, ctx.lang), 1);
  }
  return 0;
}

}  // namespace

ROADMAP_COMMAND("report", 70, [](CLI::App& root, roadmap::cli::Context& ctx) {
  auto args = std::make_shared<ReportArgs>();
  auto* sub = root.add_subcommand("report", ctx.tr("cmd.report.help"));
  sub->add_option("kind", args->kind, ctx.tr("cmd.report.kind"))
      ->required()
      ->check(CLI::IsMember({"overdue", "completion", "execution", "discipline"}));
  sub->add_option("--plan", args->plan, ctx.tr("cmd.report.plan"));
  sub->add_option("--period", args->period, ctx.tr("cmd.report.period"));
  sub->add_option("--body", args->body, ctx.tr("cmd.report.body"));
  sub->add_option("--school", args->school, ctx.tr("cmd.report.school"));
  sub->add_flag("--all", args->all, ctx.tr("cmd.report.all", {std::to_string(roadmap::reports::kOverdueRowsShown)}));
  sub->add_option("--limit", args->limit, ctx.tr("cmd.report.limit", {std::to_string(roadmap::reports::kOverdueRowsShown)}));
  sub->add_option("--format", args->format, ctx.tr("cmd.report.format"));
  sub->add_option("-o,--output", args->output, ctx.tr("cmd.report.output"));
  sub->add_option("--today", args->today, ctx.tr("cmd.report.today"));
  sub->callback([&ctx, args] { ctx.exit_code = run_report(ctx, *args); });
});
