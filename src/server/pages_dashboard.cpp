// The pages heads use (issue 7): the plans they can see with their progress, a plan's overview
// (completion per section and per body, what is overdue and whose, progress over time, filters by
// body, school, month and status) and the schools x items matrix of fan-out items.
#include <fmt/format.h>

#include <variant>

#include "reports/document.hpp"
#include "reports/error.hpp"
#include "reports/period.hpp"
#include "reports/render.hpp"
#include "server/html.hpp"
#include "server/task_table.hpp"
#include "server/views.hpp"

namespace roadmap::web {

namespace {

std::string percent_text(double p) {
  return fmt::format("{:.0f} %", p);
}

std::string progress(double percent) {
  return fmt::format("<progress max=\"100\" value=\"{:.0f}\">{:.0f} %</progress>", percent, percent);
}

std::string plan_period(const store::PlanSummary& p) {
  auto d = [](const std::string& iso) {
    return iso.size() == 10 ? iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4) : iso;
  };
  return d(p.first_day) + " – " + d(p.last_day);
}

Response forbidden(const Exchange& x) {
  return error_response(x, http::status::forbidden, "forbidden", x.tr("web.err.forbidden"));
}

std::string tasks_link(const std::string& plan, const std::string& extra) {
  return "/tasks?plan=" + url_encode(plan) + extra;
}

Response home(Exchange& x) {
  const auto& who = x.principal();
  if (!access::can_view_dashboard(who)) return redirect("/my");
  Page page;
  page.nav = "plans";
  page.title = x.tr("web.home.title");
  std::string& b = page.body;
  b += "<h1>" + esc(page.title) + "</h1>";
  auto plans = visible_plans(x.db, who);
  if (plans.empty()) {
    b += "<p class=\"panel\">" + esc(x.tr("web.home.none")) + "</p>";
    return html_response(http::status::ok, render_page(x, page));
  }
  std::string today = iso_date(x.app.today(who.timezone, x.now));
  b += "<div class=\"scroll\"><table><thead><tr><th>" + esc(x.tr("web.col.plan")) + "</th><th>" +
       esc(x.tr("web.col.period")) + "</th><th class=\"n\">" + esc(x.tr("web.col.tasks")) + "</th><th class=\"n\">" +
       esc(x.tr("web.col.done")) + "</th><th class=\"n\">" + esc(x.tr("web.col.overdue")) + "</th><th></th></tr></thead><tbody>";
  for (const auto& p : plans) {
    store::TaskFilter f;
    f.plan_id = p.id;
    f.directory = who.ref.directory_id;
    auto scope = access::view_scope(who);
    if (scope.unit == access::Scope::Unit::school) f.school = scope.id;
    // The total the overview and the reports divide by: a cancelled or not-needed task is no work to do.
    std::size_t total = store::count_tasks(x.db, f);
    for (const char* dropped : {"cancelled", "not_needed"}) {
      f.status = dropped;
      total -= store::count_tasks(x.db, f);
    }
    f.status = "done";
    std::size_t done = store::count_tasks(x.db, f);
    f.status = "open";
    f.due_before = today;
    std::size_t overdue = store::count_tasks(x.db, f);
    double pct = total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 0;
    b += "<tr><td><a href=\"/plans/" + url_encode(p.id) + "\">" + esc(p.title) + "</a><div class=\"muted\">" +
         esc(p.territory) + "</div></td><td>" + esc(plan_period(p)) + "</td><td class=\"n\">" + std::to_string(total) +
         "</td><td class=\"n\">" + std::to_string(done) + " · " + esc(percent_text(pct)) + "<br>" + progress(pct) +
         "</td><td class=\"n\"><a href=\"" + esc(tasks_link(p.id, "&status=overdue")) + "\">" + std::to_string(overdue) +
         "</a></td><td><a href=\"/plans/" + url_encode(p.id) + "\">" + esc(x.tr("web.home.open")) + "</a></td></tr>";
  }
  b += "</tbody></table></div>";
  return html_response(http::status::ok, render_page(x, page));
}

// The months of a plan's period, for the month filter.
std::vector<std::pair<std::string, std::string>> month_options(const Exchange& x, const store::ReportPlan& p) {
  std::vector<std::pair<std::string, std::string>> out{{"", x.tr("web.filter.any_month")}};
  using namespace std::chrono;
  for (year_month ym{p.first_day.year(), p.first_day.month()}; ym <= year_month{p.last_day.year(), p.last_day.month()};
       ym += months{1}) {
    std::string value = fmt::format("{:04}-{:02}", static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
    out.emplace_back(value, x.tr("web.month." + std::to_string(static_cast<unsigned>(ym.month()))) + " " +
                                std::to_string(static_cast<int>(ym.year())));
    if (out.size() > 120) break;
  }
  return out;
}

std::string filter_form(const Exchange& x, const Overview& o, const UnitNames& names, std::string_view action) {
  const auto& who = x.principal();
  auto scope = access::view_scope(who);
  std::string f = "<form class=\"filters\" method=\"get\" action=\"" + esc(action) + "\">";
  if (scope.unit == access::Scope::Unit::directory) {
    std::vector<std::pair<std::string, std::string>> bodies{{"", x.tr("web.filter.any_body")}}, schools{{"", x.tr("web.filter.any_school")}};
    for (const auto& b : names.bodies) bodies.push_back(b);
    for (const auto& s : names.schools) schools.push_back(s);
    f += "<label>" + esc(x.tr("web.filter.body")) + select_field("body", bodies, o.query.body) + "</label>";
    f += "<label>" + esc(x.tr("web.filter.school")) + select_field("school", schools, o.query.school) + "</label>";
  }
  f += "<label>" + esc(x.tr("web.filter.month")) + select_field("month", month_options(x, o.plan), o.query.month) + "</label>";
  f += "<label>" + esc(x.tr("web.filter.status")) + select_field("status", status_options(x), x.target.query.get("status")) + "</label>";
  f += "<button type=\"submit\">" + esc(x.tr("web.filter.apply")) + "</button>";
  f += " <a href=\"" + esc(action) + "\">" + esc(x.tr("web.filter.reset")) + "</a></form>";
  return f;
}

std::string filter_suffix(const OverviewQuery& q) {
  std::string s;
  if (!q.body.empty()) s += "&body=" + url_encode(q.body);
  if (!q.school.empty()) s += "&school=" + url_encode(q.school);
  if (!q.month.empty()) s += "&month=" + url_encode(q.month);
  return s;
}

std::string find_id(const std::vector<std::pair<std::string, std::string>>& list, const std::string& name) {
  for (const auto& [id, n] : list)
    if (n == name) return id;
  return {};
}

// What a plan's overview and its matrix both stand on: a viewer who may see the dashboard and
// this plan (the plan is args[0]), the filters of the query, the plan's overview under them and
// the names of the units; or the response that refuses the page.
struct PlanView {
  OverviewQuery query;
  std::shared_ptr<const Overview> overview;
  UnitNames names;
};

std::variant<PlanView, Response> plan_view(Exchange& x) {
  const auto& who = x.principal();
  if (!access::can_view_dashboard(who)) return forbidden(x);
  PlanView v;
  v.query = overview_query(x.target.query);
  v.query.plan_id = x.args[0];
  if (!plan_visible(x.db, who, v.query.plan_id))
    return error_response(x, http::status::not_found, "not_found", x.tr("web.err.not_found"));
  try {
    v.overview = overview_for(x, v.query);
  } catch (const reports::Error& e) {
    return error_response(x, http::status::bad_request, e.message().key, message_text(e.message(), x.lang));
  }
  v.names = unit_names(x.db, who.ref.directory_id);
  return v;
}

Response plan_overview(Exchange& x) {
  auto view = plan_view(x);
  if (auto* refused = std::get_if<Response>(&view)) return std::move(*refused);
  const PlanView& v = std::get<PlanView>(view);
  const OverviewQuery& q = v.query;
  const Overview& o = *v.overview;
  const UnitNames& names = v.names;
  Page page;
  page.nav = "plans";
  page.title = o.plan.title;
  std::string& b = page.body;
  const auto& c = o.completion.total;
  std::string base = "/plans/" + url_encode(o.plan.id);
  b += "<h1>" + esc(o.plan.title) + "</h1>";
  b += "<p class=\"muted\">" + esc(x.tr("web.overview.as_of", date_text(o.today))) + " · <a href=\"" + base +
       "/matrix" + (filter_suffix(q).empty() ? "" : "?" + filter_suffix(q).substr(1)) + "\">" +
       esc(x.tr("web.overview.matrix")) + "</a> · <a href=\"/reports?plan=" + url_encode(o.plan.id) + "\">" +
       esc(x.tr("web.nav.reports")) + "</a></p>";
  b += filter_form(x, o, names, base);
  std::string suffix = filter_suffix(q);
  b += "<div class=\"cards\">";
  b += "<a class=\"card\" href=\"" + esc(tasks_link(o.plan.id, suffix)) + "\"><div class=\"v\">" + std::to_string(c.total) +
       "</div>" + esc(x.tr("web.card.total")) + "</a>";
  b += "<a class=\"card done\" href=\"" + esc(tasks_link(o.plan.id, suffix + "&status=done")) + "\"><div class=\"v\">" +
       esc(percent_text(c.percent_done())) + "</div>" + esc(x.tr("web.card.done", std::to_string(c.done))) + "</a>";
  b += "<a class=\"card late\" href=\"" + esc(tasks_link(o.plan.id, suffix + "&status=overdue")) + "\"><div class=\"v\">" +
       std::to_string(c.overdue) + "</div>" + esc(x.tr("web.card.overdue")) + "</a>";
  b += "<div class=\"card\"><div class=\"v\">" + std::to_string(c.done_late) + "</div>" + esc(x.tr("web.card.done_late")) + "</div>";
  b += "<a class=\"card\" href=\"" + esc(tasks_link(o.plan.id, suffix + "&status=open")) + "\"><div class=\"v\">" +
       std::to_string(c.open + c.overdue) + "</div>" + esc(x.tr("web.card.open")) + "</a>";
  b += "</div>";

  // The tasks of one status (the status filter): the first ones here, all of them in the task list.
  if (std::string status = x.target.query.get("status"); !status.empty()) {
    Params tq_params = x.target.query;
    tq_params.add("plan", o.plan.id);
    TaskQuery tq = task_query(x, tq_params);
    tq.filter.limit = 20;
    tq.filter.offset = 0;
    auto tasks = store::query_tasks(x.db, tq.filter);
    std::size_t total = store::count_tasks(x.db, tq.filter);
    b += "<h2>" + esc(x.tr("web.overview.status_tasks", x.tr("web.status." + status), std::to_string(total))) + "</h2>";
    if (tasks.empty()) b += "<p class=\"panel\">" + esc(x.tr("web.tasks.none")) + "</p>";
    else b += task_table(x, tasks, names);
    if (total > tasks.size())
      b += "<p><a href=\"" + esc(tasks_link(o.plan.id, suffix + "&status=" + url_encode(status))) + "\">" +
           esc(x.tr("web.overview.all_tasks", std::to_string(total))) + " →</a></p>";
  }

  if (!o.completion.timeline.empty()) {
    reports::DocChart chart;
    chart.title = x.tr("web.overview.progress");
    chart.unit = "%";
    for (const auto& p : o.completion.timeline) chart.points.emplace_back(p.label, p.percent);
    b += "<section class=\"panel\">" + reports::render_svg(chart) + "</section>";
  }

  auto counts_row = [&](const std::string& first, const std::string& name, const reports::Counts& k, const std::string& link) {
    std::string r = "<tr><td>" + esc(first) + "</td><td>" + (link.empty() ? esc(name) : "<a href=\"" + esc(link) + "\">" + esc(name) + "</a>") +
                    "</td><td class=\"n\">" + std::to_string(k.total) + "</td><td class=\"n\">" + std::to_string(k.done) +
                    "</td><td class=\"n" + (k.overdue ? " overdue" : "") + "\">" + std::to_string(k.overdue) +
                    "</td><td class=\"n\">" + esc(percent_text(k.percent_done())) + " " + progress(k.percent_done()) + "</td></tr>";
    return r;
  };
  auto counts_head = [&](const std::string& first, const std::string& second) {
    return "<div class=\"scroll\"><table><thead><tr><th>" + esc(first) + "</th><th>" + esc(second) + "</th><th class=\"n\">" +
           esc(x.tr("web.col.tasks")) + "</th><th class=\"n\">" + esc(x.tr("web.col.done")) + "</th><th class=\"n\">" +
           esc(x.tr("web.col.overdue")) + "</th><th class=\"n\">" + esc(x.tr("web.col.completion")) + "</th></tr></thead><tbody>";
  };
  b += "<h2>" + esc(x.tr("web.overview.sections")) + "</h2>" + counts_head("№", x.tr("web.col.section"));
  for (const auto& s : o.completion.sections) b += counts_row(s.number, s.name, s.counts, "");
  b += "</tbody></table></div>";
  b += "<h2>" + esc(x.tr("web.overview.bodies")) + "</h2>" + counts_head("", x.tr("web.col.body"));
  for (const auto& r : o.completion.bodies) {
    std::string id = find_id(names.bodies, r.name);
    b += counts_row("", r.name.empty() ? x.tr("web.overview.no_body") : r.name, r.counts,
                    id.empty() ? "" : base + "?body=" + url_encode(id) + (q.month.empty() ? "" : "&month=" + url_encode(q.month)));
  }
  b += "</tbody></table></div>";

  // What is late and whose it is.
  b += "<h2>" + esc(x.tr("web.overview.overdue", std::to_string(o.overdue.rows_total))) + "</h2>";
  if (o.overdue.rows.empty()) {
    b += "<p class=\"panel\">" + esc(x.tr("web.overview.no_overdue")) + "</p>";
  } else {
    auto groups = [&](const std::vector<reports::OverdueGroup>& gs, const std::string& title,
                      const std::vector<std::pair<std::string, std::string>>& ids, const char* param) {
      std::string t = "<div class=\"scroll\"><table><thead><tr><th>" + esc(title) + "</th><th class=\"n\">" +
                      esc(x.tr("web.col.overdue")) + "</th><th class=\"n\">" + esc(x.tr("web.col.max_late")) +
                      "</th><th class=\"n\">" + esc(x.tr("web.col.oldest_due")) + "</th></tr></thead><tbody>";
      for (std::size_t i = 0; i < gs.size() && i < 15; ++i) {
        std::string id = find_id(ids, gs[i].name);
        std::string name = gs[i].name.empty() ? x.tr("web.overview.no_body") : gs[i].name;
        std::string cell = id.empty() ? esc(name)
                                      : "<a href=\"" + esc(tasks_link(o.plan.id, std::string("&status=overdue&") + param + "=" + url_encode(id))) +
                                            "\">" + esc(name) + "</a>";
        t += "<tr><td>" + cell + "</td><td class=\"n overdue\">" + std::to_string(gs[i].count) + "</td><td class=\"n\">" +
             esc(reports::working_days_text(x.lang, gs[i].max_days)) + "</td><td class=\"n\">" + date_text(gs[i].oldest_due) +
             "</td></tr>";
      }
      if (gs.size() > 15) t += "<tr><td colspan=\"4\" class=\"muted\">" + esc(x.tr("web.more", std::to_string(gs.size() - 15))) + "</td></tr>";
      return t + "</tbody></table></div>";
    };
    b += groups(o.overdue.by_body, x.tr("web.col.body"), names.bodies, "body");
    if (!o.overdue.by_school.empty()) b += "<h2>" + esc(x.tr("web.overview.overdue_schools")) + "</h2>" + groups(o.overdue.by_school, x.tr("web.col.school"), names.schools, "school");
    b += "<h2>" + esc(x.tr("web.overview.oldest")) + "</h2><div class=\"scroll\"><table><thead><tr><th>" +
         esc(x.tr("web.col.item")) + "</th><th>" + esc(x.tr("web.col.measure")) + "</th><th>" + esc(x.tr("web.col.assignee")) +
         "</th><th class=\"n\">" + esc(x.tr("web.col.due")) + "</th><th class=\"n\">" + esc(x.tr("web.col.late")) + "</th></tr></thead><tbody>";
    for (std::size_t i = 0; i < o.overdue.rows.size() && i < 20; ++i) {
      const auto& r = o.overdue.rows[i];
      b += "<tr><td><a href=\"/tasks/" + std::to_string(r.task_id) + "\">" + esc(r.item_number) + "</a></td><td>" +
           esc(r.measure.size() > 160 ? r.measure.substr(0, r.measure.find(' ', 150)) + " …" : r.measure) +
           (r.label.empty() ? "" : "<div class=\"muted\">" + esc(r.label) + "</div>") + "</td><td>" + esc(r.who.assignee) +
           "</td><td class=\"n\">" + date_text(r.due) + "</td><td class=\"n overdue\">" +
           esc(r.working_days ? reports::working_days_text(x.lang, *r.working_days) : "—") + "</td></tr>";
    }
    b += "</tbody></table></div>";
  }
  return html_response(http::status::ok, render_page(x, page));
}

Response plan_matrix(Exchange& x) {
  auto view = plan_view(x);
  if (auto* refused = std::get_if<Response>(&view)) return std::move(*refused);
  const PlanView& v = std::get<PlanView>(view);
  const Overview& o = *v.overview;
  const UnitNames& names = v.names;
  Page page;
  page.nav = "plans";
  page.wide = true;
  page.title = x.tr("web.matrix.title", o.plan.title);
  std::string& b = page.body;
  std::string base = "/plans/" + url_encode(o.plan.id);
  b += "<h1>" + esc(page.title) + "</h1><p class=\"muted\"><a href=\"" + base + "\">" + esc(x.tr("web.matrix.back")) +
       "</a> · " + esc(x.tr("web.overview.as_of", date_text(o.today))) + "</p>";
  b += filter_form(x, o, names, base + "/matrix");
  b += "<p class=\"legend\"><span class=\"done\">✓ " + esc(x.tr("web.cell.done")) + "</span><span class=\"partly\">◐ " +
       esc(x.tr("web.cell.partly")) + "</span><span class=\"overdue\">! " + esc(x.tr("web.cell.overdue")) +
       "</span><span class=\"open\">· " + esc(x.tr("web.cell.open")) + "</span></p>";
  if (o.completion.matrices.empty()) b += "<p class=\"panel\">" + esc(x.tr("web.matrix.none")) + "</p>";
  for (const auto& m : o.completion.matrices) {
    b += "<div class=\"scroll\"><table class=\"matrix\"><thead><tr><th class=\"school\">" + esc(x.tr("web.col.school")) + "</th>";
    for (std::size_t i = 0; i < m.item_numbers.size(); ++i)
      b += "<th title=\"" + esc(m.item_measures[i]) + "\">" + esc(m.item_numbers[i]) + "</th>";
    b += "</tr></thead><tbody>";
    for (std::size_t s = 0; s < m.schools.size(); ++s) {
      b += "<tr><td class=\"school\">" + esc(m.schools[s]) + "</td>";
      for (auto cell : m.cells[s]) {
        switch (cell) {
          case reports::Cell::none: b += "<td></td>"; break;
          case reports::Cell::done: b += "<td class=\"done\" title=\"" + esc(x.tr("web.cell.done")) + "\">✓</td>"; break;
          case reports::Cell::partly: b += "<td class=\"partly\" title=\"" + esc(x.tr("web.cell.partly")) + "\">◐</td>"; break;
          case reports::Cell::overdue: b += "<td class=\"overdue\" title=\"" + esc(x.tr("web.cell.overdue")) + "\">!</td>"; break;
          case reports::Cell::open: b += "<td class=\"open\" title=\"" + esc(x.tr("web.cell.open")) + "\">·</td>"; break;
        }
      }
      b += "</tr>";
    }
    b += "</tbody></table></div>";
  }
  return html_response(http::status::ok, render_page(x, page));
}

}  // namespace

void register_dashboard_routes(App& app) {
  app.add_route(http::verb::get, "/", Gate::page, home);
  app.add_route(http::verb::get, "/plans/{}", Gate::page, plan_overview);
  app.add_route(http::verb::get, "/plans/{}/matrix", Gate::page, plan_matrix);
}

}  // namespace roadmap::web
