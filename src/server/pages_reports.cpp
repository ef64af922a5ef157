// The reports of the tracking issue on the web (issue 7): overdue, completion, plan execution and
// executive discipline, for the plans and the part of the directory the person sees, as a page, a
// printable page (the same document the CLI writes with --format html), CSV for Excel and JSON.
#include "server/pages_reports.hpp"

#include "reports/document.hpp"
#include "reports/error.hpp"
#include "reports/render.hpp"
#include "server/html.hpp"
#include "server/views.hpp"

namespace roadmap::web {

namespace {

const char* const kKinds[] = {"overdue", "completion", "execution", "discipline"};

bool known_kind(std::string_view k) {
  for (const char* kind : kKinds)
    if (k == kind) return true;
  return false;
}

}  // namespace

std::optional<reports::Document> report_document(const Exchange& x, const std::string& kind, const std::string& plan_id,
                                                 const std::string& period_text) {
  if (!known_kind(kind)) return std::nullopt;
  const auto& who = x.principal();
  std::optional<reports::Period> period;
  if (!period_text.empty()) period = reports::parse_period(period_text);
  // Only the plans of the person's directory, and only the tasks they may see (counted in SQL).
  auto in = reports::load_input(x.db, report_scope(who, plan_id, period, {}, {}));
  std::erase_if(in.plans, [&](const store::ReportPlan& p) { return !plan_visible(x.db, who, p.id); });
  std::erase_if(in.items, [&](const store::ReportItem& i) {
    for (const auto& p : in.plans)
      if (p.id == i.plan_id) return false;
    return true;
  });
  std::erase_if(in.sections, [&](const store::ReportSection& s) {
    for (const auto& p : in.plans)
      if (p.id == s.plan_id) return false;
    return true;
  });
  if (in.plans.empty()) throw reports::Error("web.err.no_plans", {});
  auto clock = x.app.config().today ? reports::Clock::fixed(*x.app.config().today) : reports::Clock(x.now);
  reports::OverdueRule rule(x.app.production_calendar(), clock);
  reports::DocOptions opt{x.lang, x.app.config().today ? reports::ru_date(*x.app.config().today) : x.tr("report.sub.as_of_local")};
  if (kind == "overdue")
    return reports::overdue_document(in, reports::build_overdue(in, rule, reports::kOverdueRowsShown), opt);
  if (kind == "completion") return reports::completion_document(in, reports::build_completion(in, rule), opt);
  if (kind == "execution") return reports::execution_document(in, reports::build_execution(in, rule), opt);
  return reports::discipline_document(in, reports::build_discipline(in, rule), opt);
}

Response report_response(const Exchange& x, const reports::Document& doc, std::string_view format) {
  if (format == "csv") {
    auto res = text_response(http::status::ok, reports::render_csv(doc), "text/csv; charset=utf-8");
    res.set(http::field::content_disposition, "attachment; filename=\"" + doc.kind + ".csv\"");
    return res;
  }
  if (format == "json") return json_response(http::status::ok, reports::render_json(doc));
  return html_response(http::status::ok, reports::render_html(doc, x.lang));
}

namespace {

Response reports_page(Exchange& x) {
  const auto& who = x.principal();
  if (!access::can_view_dashboard(who))
    return error_response(x, http::status::forbidden, "forbidden", x.tr("web.err.forbidden"));
  std::string kind = x.args.empty() ? x.target.query.get("kind") : x.args[0];
  if (kind.empty()) kind = "completion";
  if (!known_kind(kind)) return error_response(x, http::status::not_found, "not_found", x.tr("web.err.not_found"));
  std::string plan = x.target.query.get("plan"), period = x.target.query.get("period"),
              format = x.target.query.get("format");
  auto plans = visible_plans(x.db, who);
  if (plan.empty() && !plans.empty()) plan = plans.front().id;
  std::optional<reports::Document> doc;
  std::string problem;
  try {
    if (!plan.empty() && !plan_visible(x.db, who, plan)) throw reports::Error("web.err.no_plans", {});
    if (!plan.empty()) doc = report_document(x, kind, plan, period);
  } catch (const reports::Error& e) {
    problem = message_text(e.message(), x.lang);
  }
  if (!format.empty() && format != "page") {
    if (!doc) return error_response(x, http::status::bad_request, "report", problem.empty() ? x.tr("web.err.no_plans") : problem);
    if (format != "csv" && format != "json" && format != "html")
      return error_response(x, http::status::bad_request, "format", x.tr("report.err.bad_format", format));
    return report_response(x, *doc, format);
  }
  Page page;
  page.nav = "reports";
  page.title = x.tr("web.report." + kind);
  page.wide = kind == "completion";
  std::string& b = page.body;
  b += "<form class=\"filters noprint\" method=\"get\" action=\"/reports\">";
  std::vector<std::pair<std::string, std::string>> kinds, plan_opts;
  for (const char* k : kKinds) kinds.emplace_back(k, x.tr(std::string("web.report.") + k));
  for (const auto& p : plans) plan_opts.emplace_back(p.id, p.title.size() > 80 ? p.title.substr(0, p.title.find(' ', 70)) + " …" : p.title);
  b += "<label>" + esc(x.tr("web.report.kind")) + select_field("kind", kinds, kind) + "</label>";
  b += "<label>" + esc(x.tr("web.filter.plan")) + select_field("plan", plan_opts, plan) + "</label>";
  b += "<label>" + esc(x.tr("web.report.period")) + "<input type=\"text\" name=\"period\" size=\"22\" placeholder=\"2023-2024, 2024-Q1, 2024-03\" value=\"" +
       esc(period) + "\"></label><button type=\"submit\">" + esc(x.tr("web.report.show")) + "</button></form>";
  if (!problem.empty()) b += "<p class=\"flash err\">" + esc(problem) + "</p>";
  if (doc) {
    std::string q = "/reports/" + kind + "?plan=" + url_encode(plan) + (period.empty() ? "" : "&period=" + url_encode(period));
    b += "<p class=\"noprint\"><a href=\"" + esc(q + "&format=html") + "\">" + esc(x.tr("web.report.print")) + "</a> · <a href=\"" +
         esc(q + "&format=csv") + "\">" + esc(x.tr("web.report.csv")) + "</a> · <a href=\"" + esc(q + "&format=json") + "\">JSON</a></p>";
    b += "<section class=\"panel report\">" + reports::render_html_body(*doc) + "</section>";
  }
  return html_response(problem.empty() ? http::status::ok : http::status::bad_request, render_page(x, page));
}

}  // namespace

void register_report_routes(App& app) {
  app.add_route(http::verb::get, "/reports", Gate::page, reports_page);
  app.add_route(http::verb::get, "/reports/{}", Gate::page, reports_page);
}

}  // namespace roadmap::web
