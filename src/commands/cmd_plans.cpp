// `roadmap plans [--format table|json]`: what the database holds, one row a plan: id, period,
// time zone, counts of sections, items and responsible bodies, when it was loaded, its title.
// The table's widths are counted in characters (code points), so Cyrillic text lines up.
#include <boost/json.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"
#include "table.hpp"
#include "store/plan_repository.hpp"
#include "store/schema.hpp"

namespace {

using namespace roadmap;

struct PlansArgs {
  std::string format = "table";
};

constexpr std::size_t kTitleWidth = 60;

std::string period_text(const cli::Context& ctx, const store::PlanSummary& s) {
  if (s.school_year_start)
    return ctx.tr("cmd.plans.school_year",
                  {std::to_string(*s.school_year_start), std::to_string(*s.school_year_start + 1)});
  if (!s.years.empty()) {
    std::string out;
    for (int y : s.years) out += (out.empty() ? "" : ", ") + std::to_string(y);
    return out;
  }
  return s.first_day + " — " + s.last_day;
}

// "2026-11-25T10:54:44Z" -> "2026-11-25 10:54"
std::string loaded_text(const std::string& iso) {
  if (iso.size() < 16) return iso;
  std::string out = iso.substr(0, 16);
  out[10] = ' ';
  return out;
}

void print_table(const cli::Context& ctx, const std::vector<store::PlanSummary>& plans) {
  const std::vector<std::string> head = {ctx.tr("cmd.plans.col.id"),       ctx.tr("cmd.plans.col.period"),
                                         ctx.tr("cmd.plans.col.timezone"), ctx.tr("cmd.plans.col.sections"),
                                         ctx.tr("cmd.plans.col.items"),    ctx.tr("cmd.plans.col.bodies"),
                                         ctx.tr("cmd.plans.col.loaded"),   ctx.tr("cmd.plans.col.title")};
  const std::vector<bool> right = {false, false, false, true, true, true, false, false};
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : plans)
    rows.push_back({s.id, period_text(ctx, s), s.timezone, std::to_string(s.sections),
                    std::to_string(s.items), std::to_string(s.responsible_bodies), loaded_text(s.loaded_at),
                    cli::truncate(s.title, kTitleWidth)});
  *ctx.out << ctx.tr("cmd.plans.heading", {ctx.db_path, std::to_string(plans.size())}) << "\n\n";
  cli::print_table(*ctx.out, head, right, rows);
  *ctx.out << '\n' << ctx.tr("cmd.plans.bodies_note") << '\n';
}

void print_json(const cli::Context& ctx, const std::vector<store::PlanSummary>& plans) {
  boost::json::array out;
  for (const auto& s : plans) {
    boost::json::array years;
    for (int y : s.years) years.push_back(y);
    boost::json::object period{
        {"years", std::move(years)}, {"first_day", s.first_day}, {"last_day", s.last_day}};
    if (s.school_year_start)
      period["school_year"] =
          std::to_string(*s.school_year_start) + "-" + std::to_string(*s.school_year_start + 1);
    else
      period["school_year"] = nullptr;
    out.push_back(boost::json::object{
        {"id", s.id},
        {"title", s.title},
        {"owner", s.owner},
        {"territory", s.territory},
        {"period", std::move(period)},
        {"timezone", s.timezone},
        {"source_file", s.source_file},
        {"content_hash", s.content_hash},
        {"loaded_at", s.loaded_at},
        {"sections", s.sections},
        {"items", s.items},
        {"sub_measures", s.sub_measures},
        {"declared_bodies", s.declared_bodies},
        {"responsible_bodies", s.responsible_bodies},
    });
  }
  *ctx.out << boost::json::serialize(out) << '\n';
}

int run_plans(cli::Context& ctx, const PlansArgs& args) {
  try {
    store::Database db = store::open_store(ctx.db_path, store::Database::OpenMode::existing_only);
    auto plans = store::list_plans(db);
    if (args.format == "json") {
      print_json(ctx, plans);
    } else if (plans.empty()) {
      *ctx.out << ctx.tr("cmd.plans.empty", {ctx.db_path}) << '\n';
    } else {
      print_table(ctx, plans);
    }
  } catch (const store::Error& e) {
    *ctx.err << "roadmap: " << store::describe(e, ctx.lang) << '\n';
    return 1;
  }
  return 0;
}

}  // namespace

ROADMAP_COMMAND("plans", 50, [](CLI::App& root, roadmap::cli::Context& ctx) {
  auto args = std::make_shared<PlansArgs>();
  auto* sub = root.add_subcommand("plans", ctx.tr("cmd.plans.help"));
  sub->add_option("--format", args->format, ctx.tr("cmd.plans.format"))
      ->check(CLI::IsMember({"table", "json"}))
      ->type_name("table|json");
  sub->callback([&ctx, args] { ctx.exit_code = run_plans(ctx, *args); });
});
