// The JSON API (issue 7), documented in src/server/openapi.yaml (served at /api/openapi.yaml):
// plans, a plan's overview, tasks with filters and paging, one task with its history, status
// changes, reports. Signed in by the session cookie (state changes then need the X-CSRF-Token
// header) or by an API token ("Authorization: Bearer ..."; `roadmap access token PERSON`).
#include <boost/json.hpp>

#include <charconv>

#include "reports/error.hpp"
#include "reports/render.hpp"
#include "server/caches.hpp"
#include "server/html.hpp"
#include "server/pages_reports.hpp"
#include "server/views.hpp"
#include "store/error.hpp"
#include "store/report_queries.hpp"

namespace roadmap::web {

extern const char* const kOpenApiYaml;  // generated from openapi.yaml at build time

namespace {

namespace json = boost::json;

Response ok(const json::value& v) {
  return json_response(http::status::ok, json::serialize(v));
}

std::optional<std::int64_t> parse_id(std::string_view s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

Response not_found(const Exchange& x) {
  return error_response(x, http::status::not_found, "not_found", x.tr("web.err.not_found"));
}

Response me(Exchange& x) {
  const auto& p = x.principal();
  auto scope = access::view_scope(p);
  const char* unit = scope.unit == access::Scope::Unit::directory ? "directory"
                     : scope.unit == access::Scope::Unit::body    ? "body"
                                                                  : "school";
  return ok(json::object{{"directory", p.ref.directory_id},
                         {"id", p.ref.person},
                         {"name", p.name},
                         {"email", p.email},
                         {"role", std::string(model::to_string(p.role))},
                         {"body", p.body},
                         {"school", p.school},
                         {"timezone", p.timezone},
                         {"sees", {{"unit", unit}, {"id", scope.id}}},
                         {"dashboard", access::can_view_dashboard(p)}});
}

json::object plan_json(const store::PlanSummary& p) {
  return {{"id", p.id},          {"title", p.title},         {"owner", p.owner},
          {"territory", p.territory}, {"first_day", p.first_day}, {"last_day", p.last_day},
          {"timezone", p.timezone},   {"sections", p.sections},   {"items", p.items}};
}

Response plans(Exchange& x) {
  json::array a;
  for (const auto& p : visible_plans(x.db, x.principal())) a.push_back(plan_json(p));
  return ok(json::object{{"plans", std::move(a)}});
}

Response plan(Exchange& x) {
  const std::string& id = x.args[0];
  if (!plan_visible(x.db, x.principal(), id)) return not_found(x);
  auto summary = store::plan_summary(x.db, id);
  if (!summary) return not_found(x);
  auto o = plan_json(*summary);
  json::array sections, items;
  for (const auto& s : store::report_sections(x.db, id)) sections.push_back({{"number", s.number}, {"title", s.title}});
  for (const auto& i : store::report_items(x.db, id)) {
    json::array resp;
    for (const auto& r : i.responsible) resp.push_back(json::value(r));
    items.push_back({{"key", i.item_key},
                     {"number", i.number},
                     {"section", i.section_position},
                     {"measure", i.measure},
                     {"deadline", i.deadline},
                     {"expected_result", i.expected_result},
                     {"responsible", std::move(resp)}});
  }
  o["section_list"] = std::move(sections);
  o["item_list"] = std::move(items);
  return ok(o);
}

Response overview(Exchange& x) {
  const auto& who = x.principal();
  if (!access::can_view_dashboard(who))
    return error_response(x, http::status::forbidden, "forbidden", x.tr("web.err.forbidden"));
  OverviewQuery q = overview_query(x.target.query);
  q.plan_id = x.args[0];
  if (!plan_visible(x.db, who, q.plan_id)) return not_found(x);
  try {
    auto o = overview_for(x, q);
    // The JSON of that overview, made once as well.
    std::string key = "ovjson|" + overview_key(x, q);
    auto text = x.app.caches().texts.get(key, App::revision(x.db), [&] {
      return std::make_shared<const CachedText>(CachedText{json::serialize(overview_json(x, *o)), ""});
    });
    return json_response(http::status::ok, text->body);
  } catch (const reports::Error& e) {
    return error_response(x, http::status::bad_request, e.message().key, message_text(e.message(), x.lang));
  }
}

Response tasks(Exchange& x) {
  TaskQuery tq = task_query(x, x.target.query);
  if (auto size = x.target.query.get("page_size"); !size.empty()) {
    std::size_t n = 0;
    auto [p, ec] = std::from_chars(size.data(), size.data() + size.size(), n);
    if (ec == std::errc() && p == size.data() + size.size() && n > 0 && n <= 1000) {
      tq.filter.limit = n;
      tq.filter.offset = (tq.page - 1) * n;
    }
  }
  auto list = store::query_tasks(x.db, tq.filter);
  std::size_t total = store::count_tasks(x.db, tq.filter);
  UnitNames names = unit_names(x.db, x.principal().ref.directory_id);
  json::array a;
  for (const auto& t : list) a.push_back(task_json(x, t, names));
  return ok(json::object{{"total", total}, {"page", tq.page}, {"page_size", tq.filter.limit}, {"tasks", std::move(a)}});
}

Response task(Exchange& x) {
  auto id = parse_id(x.args[0]);
  if (!id) return not_found(x);
  auto v = task_view(x, *id);
  if (!v) return not_found(x);
  return ok(task_view_json(x, *v));
}

Response transition(Exchange& x) {
  auto id = parse_id(x.args[0]);
  if (!id) return not_found(x);
  json::value body;
  boost::system::error_code ec;
  body = json::parse(x.req.body(), ec);
  if (ec || !body.is_object())
    return error_response(x, http::status::bad_request, "bad_json", x.tr("web.err.bad_json"));
  const auto& o = body.as_object();
  auto text = [&](const json::object& obj, std::string_view k) -> std::string {
    if (auto* v = obj.if_contains(k); v && v->is_string()) return std::string(v->as_string());
    return {};
  };
  TransitionInput in;
  in.action = text(o, "action");
  if (auto* v = o.if_contains("version"); v && v->is_int64()) in.version = static_cast<int>(v->as_int64());
  in.reason = text(o, "reason");
  in.done_on = text(o, "done_on");
  if (auto* r = o.if_contains("result"); r && r->is_object()) {
    in.text = text(r->as_object(), "text");
    in.link = text(r->as_object(), "link");
    in.document = text(r->as_object(), "document");
  }
  auto attempt = attempt_transition(x, *id, in);
  switch (attempt.refusal) {
    case Refusal::none: break;
    case Refusal::not_found: return not_found(x);
    case Refusal::forbidden: return error_response(x, http::status::forbidden, "forbidden", refusal_text(x, attempt.refusal));
    default: return error_response(x, http::status::bad_request, "bad_request", refusal_text(x, attempt.refusal));
  }
  auto v = task_view(x, *id);
  if (!v) return not_found(x);
  return ok(task_view_json(x, *v));
}

Response report(Exchange& x) {
  if (!access::can_view_dashboard(x.principal()))
    return error_response(x, http::status::forbidden, "forbidden", x.tr("web.err.forbidden"));
  std::string format = x.target.query.get("format");
  if (format.empty()) format = "json";
  if (format != "json" && format != "csv")
    return error_response(x, http::status::bad_request, "format", x.tr("report.err.bad_format", format));
  try {
    auto doc = report_document(x, x.args[0], x.target.query.get("plan"), x.target.query.get("period"));
    if (!doc) return not_found(x);
    return report_response(x, *doc, format);
  } catch (const reports::Error& e) {
    return error_response(x, http::status::bad_request, e.message().key, message_text(e.message(), x.lang));
  }
}

}  // namespace

void register_api_routes(App& app) {
  app.add_route(http::verb::get, "/api/openapi.yaml", Gate::open, [](Exchange&) {
    auto res = text_response(http::status::ok, kOpenApiYaml, "application/yaml; charset=utf-8");
    res.set(http::field::cache_control, "public, max-age=3600");
    return res;
  });
  app.add_route(http::verb::get, "/api/v1/me", Gate::api, me);
  app.add_route(http::verb::get, "/api/v1/plans", Gate::api, plans);
  app.add_route(http::verb::get, "/api/v1/plans/{}", Gate::api, plan);
  app.add_route(http::verb::get, "/api/v1/plans/{}/overview", Gate::api, overview);
  app.add_route(http::verb::get, "/api/v1/tasks", Gate::api, tasks);
  app.add_route(http::verb::get, "/api/v1/tasks/{}", Gate::api, task);
  app.add_route(http::verb::post, "/api/v1/tasks/{}/transitions", Gate::api, transition);
  app.add_route(http::verb::get, "/api/v1/reports/{}", Gate::api, report);
}

}  // namespace roadmap::web
