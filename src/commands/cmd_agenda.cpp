// `roadmap agenda PERSON [--days 30] [--today YYYY-MM-DD] [--format table|json|csv]`: what is
// coming for one person (by id or e-mail): the open tasks of their body or school due within the
// days ahead, the overdue ones and those waiting for an item or a schedule.
#include <chrono>
#include <memory>
#include <string>

#include "calendar/production_calendar.hpp"
#include "cli.hpp"
#include "store/names.hpp"
#include "store/schema.hpp"
#include "task_view.hpp"

namespace {

using namespace roadmap;

struct AgendaArgs {
  std::string person;
  int days = 30;
  std::string today;
  std::string format = "table";
};

int run_agenda(cli::Context& ctx, const AgendaArgs& args) {
  if (args.format != "table" && args.format != "json" && args.format != "csv") {
    *ctx.err << "roadmap: " << ctx.tr("cmd.tasks.bad_format", {args.format}) << '\n';
    return 2;
  }
  std::chrono::year_month_day today{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  if (!args.today.empty()) {
    auto d = calendar::parse_date(args.today);
    if (!d) {
      *ctx.err << "roadmap: " << ctx.tr("cmd.bad_date", {args.today}) << '\n';
      return 2;
    }
    today = *d;
  }
  try {
    store::Database db = store::open_store(ctx.db_path, store::Database::OpenMode::existing_only);
    auto person = store::find_person(db, args.person);
    if (!person) {
      *ctx.err << "roadmap: " << ctx.tr("cmd.agenda.unknown_person", {args.person, ctx.db_path}) << '\n';
      return 1;
    }
    auto tasks = store::agenda(db, args.person, today, args.days);
    if (args.format == "table") {
      std::chrono::year_month_day until{std::chrono::sys_days{today} + std::chrono::days{args.days}};
      *ctx.out << ctx.tr("cmd.agenda.heading", {person->name, person->email, cli::date_text(ctx, until)}) << "\n\n";
    }
    cli::print_tasks(ctx, tasks, store::assignee_names(db), args.format);
  } catch (const store::Error& e) {
    *ctx.err << "roadmap: " << store::describe(e, ctx.lang) << '\n';
    return 1;
  }
  return 0;
}

}  // namespace

ROADMAP_COMMAND("agenda", 55, [](CLI::App& root, roadmap::cli::Context& ctx) {
  auto args = std::make_shared<AgendaArgs>();
  auto* sub = root.add_subcommand("agenda", ctx.tr("cmd.agenda.help"));
  sub->add_option("person", args->person, ctx.tr("cmd.agenda.person"))->required();
  sub->add_option("--days", args->days, ctx.tr("cmd.agenda.days"));
  sub->add_option("--today", args->today, ctx.tr("cmd.agenda.today"));
  sub->add_option("--format", args->format, ctx.tr("cmd.tasks.format"));
  sub->callback([&ctx, args] { ctx.exit_code = run_agenda(ctx, *args); });
});
