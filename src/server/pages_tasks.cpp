// Executors' pages (issue 7): "my tasks", task lists with filters and pages, the task page where the
// executor marks a task in progress or done with a result (text, link, document reference, file),
// and the download of a stored result file.
#include <fmt/format.h>

#include <charconv>
#include <filesystem>
#include <fstream>

#include "reports/document.hpp"
#include "server/html.hpp"
#include "server/task_table.hpp"
#include "server/views.hpp"
#include "store/error.hpp"

namespace roadmap::web {

namespace {

std::optional<std::int64_t> parse_id(std::string_view s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

std::string query_without_page(const Params& q, std::initializer_list<const char*> keys) {
  std::string out;
  for (const char* k : keys)
    if (auto v = q.find(k); v && !v->empty()) out += "&" + std::string(k) + "=" + url_encode(*v);
  return out;
}

Response task_list(Exchange& x, bool mine) {
  const auto& who = x.principal();
  Params q = x.target.query;
  if (mine && !q.has("status")) q.add("status", "open");
  TaskQuery tq = task_query(x, q);
  if (mine) {
    // Always the person's own unit, whatever their role.
    tq.filter.body = who.school.empty() ? who.body : "";
    tq.filter.school = who.school;
  }
  auto tasks = store::query_tasks(x.db, tq.filter);
  std::size_t total = store::count_tasks(x.db, tq.filter);
  UnitNames names = unit_names(x.db, who.ref.directory_id);
  Page page;
  page.nav = mine ? "my" : "tasks";
  page.title = x.tr(mine ? "web.my.title" : "web.tasks.title");
  std::string& b = page.body;
  b += "<h1>" + esc(page.title) + "</h1>";
  std::string action = mine ? "/my" : "/tasks";
  b += "<form class=\"filters\" method=\"get\" action=\"" + action + "\">";
  std::vector<std::pair<std::string, std::string>> plans{{"", x.tr("web.filter.any_plan")}};
  for (const auto& p : visible_plans(x.db, who)) plans.emplace_back(p.id, p.title.size() > 80 ? p.title.substr(0, p.title.find(' ', 70)) + " …" : p.title);
  b += "<label>" + esc(x.tr("web.filter.plan")) + select_field("plan", plans, q.get("plan")) + "</label>";
  if (!mine && access::view_scope(who).unit == access::Scope::Unit::directory) {
    std::vector<std::pair<std::string, std::string>> bodies{{"", x.tr("web.filter.any_body")}}, schools{{"", x.tr("web.filter.any_school")}};
    for (const auto& v : names.bodies) bodies.push_back(v);
    for (const auto& v : names.schools) schools.push_back(v);
    b += "<label>" + esc(x.tr("web.filter.body")) + select_field("body", bodies, q.get("body")) + "</label>";
    b += "<label>" + esc(x.tr("web.filter.school")) + select_field("school", schools, q.get("school")) + "</label>";
  }
  b += "<label>" + esc(x.tr("web.filter.month")) + "<input type=\"text\" name=\"month\" placeholder=\"2024-03\" size=\"8\" value=\"" +
       esc(q.get("month")) + "\"></label>";
  b += "<label>" + esc(x.tr("web.filter.status")) + select_field("status", status_options(x), tq.status) + "</label>";
  if (!q.get("item").empty()) b += "<input type=\"hidden\" name=\"item\" value=\"" + esc(q.get("item")) + "\">";
  b += "<button type=\"submit\">" + esc(x.tr("web.filter.apply")) + "</button></form>";
  std::size_t size = x.app.config().page_size;
  std::size_t first = total ? (tq.page - 1) * size + 1 : 0, last = std::min(total, tq.page * size);
  b += "<p class=\"muted\">" + esc(x.tr("web.tasks.count", std::to_string(first), std::to_string(last), std::to_string(total))) + "</p>";
  if (tasks.empty()) b += "<p class=\"panel\">" + esc(x.tr("web.tasks.none")) + "</p>";
  else b += task_table(x, tasks, names);
  std::string keep = query_without_page(q, {"plan", "body", "school", "month", "status", "item"});
  b += "<div class=\"pager\">";
  if (tq.page > 1) b += "<a href=\"" + action + "?page=" + std::to_string(tq.page - 1) + esc(keep) + "\">← " + esc(x.tr("web.pager.prev")) + "</a>";
  if (last < total) b += "<a href=\"" + action + "?page=" + std::to_string(tq.page + 1) + esc(keep) + "\">" + esc(x.tr("web.pager.next")) + " →</a>";
  b += "</div>";
  return html_response(http::status::ok, render_page(x, page));
}

// The audit keeps a status change as the statuses' codes ("planned", "done"), which the API gives
// as they are; a page names them in the reader's language.
std::string history_value(const Exchange& x, const store::AuditRecord& r, const std::string& value) {
  if ((r.action == "status" || r.action == "reopened") && !value.empty()) return x.tr("web.status." + value);
  return value;
}

std::string action_forms(const Exchange& x, const TaskView& v) {
  const auto& t = v.details.task;
  std::string id = std::to_string(t.id);
  std::string hidden = csrf_field(x) + "<input type=\"hidden\" name=\"version\" value=\"" + std::to_string(t.version) + "\">";
  std::string b = "<section class=\"panel actions\"><h2>" + esc(x.tr("web.task.actions")) + "</h2>";
  for (auto tr : v.allowed) {
    std::string a(store::to_string(tr));
    switch (tr) {
      case store::Transition::start:
        b += "<form method=\"post\" action=\"/tasks/" + id + "\">" + hidden +
             "<input type=\"hidden\" name=\"action\" value=\"start\"><button type=\"submit\" class=\"secondary\">" +
             esc(x.tr("web.action.start")) + "</button></form>";
        break;
      case store::Transition::done:
        b += "<form method=\"post\" action=\"/tasks/" + id + "\" enctype=\"multipart/form-data\">" + hidden +
             "<input type=\"hidden\" name=\"action\" value=\"done\">";
        if (!v.details.expected_result.empty())
          b += "<p class=\"muted\">" + esc(x.tr("web.task.expected", v.details.expected_result)) + "</p>";
        b += "<label for=\"r-text\">" + esc(x.tr("web.field.result")) + "</label><textarea id=\"r-text\" name=\"text\"></textarea>";
        b += "<label for=\"r-link\">" + esc(x.tr("web.field.link")) + "</label><input id=\"r-link\" type=\"url\" name=\"link\" size=\"50\" placeholder=\"https://\">";
        b += "<label for=\"r-doc\">" + esc(x.tr("web.field.document")) + "</label><input id=\"r-doc\" type=\"text\" name=\"document\" size=\"50\">";
        b += "<label for=\"r-file\">" + esc(x.tr("web.field.file")) + "</label><input id=\"r-file\" type=\"file\" name=\"file\">";
        b += "<label for=\"r-on\">" + esc(x.tr("web.field.done_on")) + "</label><input id=\"r-on\" type=\"date\" name=\"done_on\">";
        b += "<p><button type=\"submit\">" + esc(x.tr("web.action.done")) + "</button></p></form>";
        break;
      case store::Transition::cancel:
      case store::Transition::not_needed:
      case store::Transition::reopen:
        b += "<form method=\"post\" action=\"/tasks/" + id + "\">" + hidden + "<input type=\"hidden\" name=\"action\" value=\"" + a +
             "\"><label for=\"reason-" + a + "\">" + esc(x.tr("web.field.reason")) + "</label><input id=\"reason-" + a +
             "\" type=\"text\" name=\"reason\" size=\"50\" required> <button type=\"submit\" class=\"secondary\">" +
             esc(x.tr("web.action." + a)) + "</button></form>";
        break;
    }
  }
  return b + "</section>";
}

Response task_page_with(Exchange& x, std::int64_t id, const std::string& flash, bool error, http::status code) {
  auto v = task_view(x, id);
  if (!v) return error_response(x, http::status::not_found, "not_found", x.tr("web.err.not_found"));
  const auto& d = v->details;
  const auto& t = d.task;
  Page page;
  page.nav = "tasks";
  page.title = x.tr("web.task.title", d.item_number);
  std::string& b = page.body;
  if (!flash.empty()) b += std::string("<p class=\"flash") + (error ? " err" : "") + "\" role=\"status\">" + esc(flash) + "</p>";
  std::string status = t.status;
  if (v->overdue) status = "overdue";
  else if (t.task.waiting != scheduler::Waiting::none && (t.status == "planned" || t.status == "in_progress")) status = "waiting";
  b += "<h1>" + esc(x.tr("web.task.title", d.item_number)) + " " + status_badge(x, status) + "</h1>";
  b += "<section class=\"panel\"><p>" + esc(d.measure) + "</p><dl class=\"facts\">";
  auto fact = [&](std::string_view key, const std::string& value) {
    if (!value.empty()) b += "<dt>" + esc(x.tr(key)) + "</dt><dd>" + esc(value) + "</dd>";
  };
  fact("web.task.plan", d.plan_title);
  fact("web.task.occurrence", t.task.label);
  fact("web.task.deadline", d.deadline);
  if (t.task.opens) fact("web.task.opens", date_text(t.task.opens));
  fact("web.task.due", t.task.due ? date_text(t.task.due) : x.tr("web.task.no_due"));
  if (v->overdue)
    fact("web.task.late", v->late_days ? reports::working_days_text(x.lang, *v->late_days) : x.tr("web.task.late_unknown"));
  if (t.task.waiting == scheduler::Waiting::item) fact("web.task.waiting", x.tr("web.task.waiting_item", t.task.waits_for));
  if (t.task.waiting == scheduler::Waiting::schedule) fact("web.task.waiting", x.tr("web.task.waiting_schedule", t.task.waits_for));
  fact("web.task.assignee", v->assignee_name + (t.task.role == scheduler::TaskRole::co_executor ? " (" + x.tr("web.role.co_executor") + ")" : ""));
  fact("web.task.expected_result", d.expected_result);
  fact("web.task.status", x.tr("web.status." + t.status));
  if (t.done_on) fact("web.task.done_on", date_text(t.done_on) + (d.done_late() ? " · " + x.tr("web.task.done_late") : ""));
  b += "</dl></section>";
  if (!t.result.empty() || !d.result_link.empty() || !d.result_document.empty() || !d.files.empty()) {
    b += "<section class=\"panel\"><h2>" + esc(x.tr("web.task.result")) + "</h2>";
    if (!t.result.empty()) b += "<p>" + esc(t.result) + "</p>";
    if (!d.result_document.empty()) b += "<p>" + esc(x.tr("web.task.document", d.result_document)) + "</p>";
    if (!d.result_link.empty())
      b += "<p><a rel=\"noopener noreferrer nofollow\" href=\"" + esc(d.result_link) + "\">" + esc(d.result_link) + "</a></p>";
    for (const auto& f : d.files)
      b += "<p><a href=\"/tasks/" + std::to_string(t.id) + "/files/" + std::to_string(f.id) + "\">" + esc(f.original_name) +
           "</a> <span class=\"muted\">" + esc(fmt::format("{:.1f} KB", static_cast<double>(f.size) / 1024.0)) + "</span></p>";
    b += "</section>";
  }
  if (v->can_change && !v->allowed.empty()) b += action_forms(x, *v);
  else if (!v->can_change) b += "<p class=\"muted\">" + esc(x.tr("web.task.read_only")) + "</p>";
  b += "<section class=\"panel\"><h2>" + esc(x.tr("web.task.history")) + "</h2>";
  const std::string& tz = x.principal().timezone;
  b += "<p class=\"muted\">" + esc(x.tr("web.task.created", moment_text(t.created_at, tz))) + "</p>";
  if (!v->history.empty()) {
    b += "<div class=\"scroll\"><table><thead><tr><th>" + esc(x.tr("web.col.when")) + "</th><th>" + esc(x.tr("web.col.who")) +
         "</th><th>" + esc(x.tr("web.col.what")) + "</th><th>" + esc(x.tr("web.col.why")) + "</th></tr></thead><tbody>";
    for (const auto& h : v->history) {
      std::string what = x.tr("web.audit." + h.record.action, history_value(x, h.record, h.record.from_value),
                              history_value(x, h.record, h.record.to_value));
      std::string why = h.record.reason.rfind("store.reason.", 0) == 0 ? x.tr(h.record.reason) : h.record.reason;
      if (!h.result_text.empty()) why += (why.empty() ? "" : "\n") + h.result_text;
      b += "<tr><td>" + esc(moment_text(h.record.at, tz)) + "</td><td>" + esc(store::actor_name(x.db, h.record.actor)) + "</td><td>" + esc(what) +
           "</td><td>" + esc(why) + "</td></tr>";
    }
    b += "</tbody></table></div>";
  }
  b += "</section>";
  return html_response(code, render_page(x, page));
}

Response task_page(Exchange& x) {
  auto id = parse_id(x.args[0]);
  if (!id) return error_response(x, http::status::not_found, "not_found", x.tr("web.err.not_found"));
  std::string flash;
  if (x.target.query.get("saved") == "1") flash = x.tr("web.task.saved");
  return task_page_with(x, *id, flash, false, http::status::ok);
}

Response task_post(Exchange& x) {
  auto id = parse_id(x.args[0]);
  if (!id) return error_response(x, http::status::not_found, "not_found", x.tr("web.err.not_found"));
  TransitionInput in;
  in.action = x.form.get("action");
  if (auto v = parse_id(x.form.get("version"))) in.version = static_cast<int>(*v);
  in.reason = x.form.get("reason");
  in.text = x.form.get("text");
  in.link = x.form.get("link");
  in.document = x.form.get("document");
  in.done_on = x.form.get("done_on");
  for (const auto& f : x.files)
    if (f.field == "file" && !f.data.empty()) in.file = f;
  try {
    auto attempt = attempt_transition(x, *id, in);
    if (attempt.refusal == Refusal::not_found)
      return error_response(x, http::status::not_found, "not_found", refusal_text(x, attempt.refusal));
    if (attempt.refusal == Refusal::forbidden)
      return error_response(x, http::status::forbidden, "forbidden", refusal_text(x, attempt.refusal));
    if (attempt.refusal != Refusal::none)
      return task_page_with(x, *id, refusal_text(x, attempt.refusal), true, http::status::bad_request);
  } catch (const store::Error& e) {
    bool conflict = e.message().key == "store.err.task_changed";
    return task_page_with(x, *id, store::describe(e, x.lang), true, conflict ? http::status::conflict : http::status::bad_request);
  }
  // Post/redirect/get: a reload does not send the form again.
  return redirect("/tasks/" + std::to_string(*id) + "?saved=1");
}

Response task_file(Exchange& x) {
  auto id = parse_id(x.args[0]);
  auto fid = parse_id(x.args[1]);
  if (!id || !fid) return error_response(x, http::status::not_found, "not_found", x.tr("web.err.not_found"));
  auto v = task_view(x, *id);
  if (!v) return error_response(x, http::status::not_found, "not_found", x.tr("web.err.not_found"));
  for (const auto& f : v->details.files) {
    if (f.id != *fid) continue;
    std::filesystem::path path = std::filesystem::path(store::files_dir(x.db)) / f.stored_name;
    std::ifstream in(path, std::ios::binary);
    if (!in) break;
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto res = text_response(http::status::ok, std::move(data), "application/octet-stream");
    // RFC 6266 / RFC 5987: the UTF-8 name percent-encoded, and a plain ASCII fallback.
    res.set(http::field::content_disposition,
            "attachment; filename=\"" + f.sha256.substr(0, 12) + std::filesystem::path(f.stored_name).extension().string() +
                "\"; filename*=UTF-8''" + url_encode(f.original_name));
    res.set(http::field::cache_control, "private, no-store");
    return res;
  }
  return error_response(x, http::status::not_found, "not_found", x.tr("web.err.not_found"));
}

}  // namespace

std::string task_table(const Exchange& x, const std::vector<store::StoredTask>& tasks, const UnitNames& names) {
  std::string b = "<div class=\"scroll\"><table><thead><tr><th>№</th><th>" + esc(x.tr("web.col.item")) + "</th><th>" +
                  esc(x.tr("web.col.assignee")) + "</th><th class=\"n\">" + esc(x.tr("web.col.due")) + "</th><th>" +
                  esc(x.tr("web.col.status")) + "</th></tr></thead><tbody>";
  std::string today_cache_tz;
  for (const auto& s : tasks) {
    const auto& t = s.task;
    std::string status = s.status;
    bool open = status == "planned" || status == "in_progress";
    if (t.waiting != scheduler::Waiting::none && open) status = "waiting";
    else if (open && t.due && std::chrono::sys_days{*t.due} < std::chrono::sys_days{x.app.today(t.timezone, x.now)})
      status = "overdue";
    std::string kind(scheduler::to_string(t.assignee_kind));
    b += "<tr><td><a href=\"/tasks/" + std::to_string(s.id) + "\">" + std::to_string(s.id) + "</a></td><td>" +
         esc(x.tr("web.task.item_short", t.item_key)) + (t.label.empty() ? "" : " · " + esc(t.label)) +
         "<div class=\"muted\">" + esc(t.plan_id) + "</div></td><td>" + esc(names.name(kind, t.assignee)) +
         (t.role == scheduler::TaskRole::co_executor ? "<div class=\"muted\">" + esc(x.tr("web.role.co_executor")) + "</div>" : "") +
         "</td><td class=\"n\">" + date_text(t.due) + "</td><td>" + status_badge(x, status) + "</td></tr>";
  }
  return b + "</tbody></table></div>";
}

std::vector<std::pair<std::string, std::string>> status_options(const Exchange& x) {
  std::vector<std::pair<std::string, std::string>> out{{"", x.tr("web.filter.any_status")}};
  for (const char* s : {"open", "overdue", "planned", "in_progress", "done", "not_needed", "cancelled"})
    out.emplace_back(s, x.tr(std::string("web.status.") + s));
  return out;
}

void register_task_routes(App& app) {
  app.add_route(http::verb::get, "/my", Gate::page, [](Exchange& x) { return task_list(x, true); });
  app.add_route(http::verb::get, "/tasks", Gate::page, [](Exchange& x) { return task_list(x, false); });
  app.add_route(http::verb::get, "/tasks/{}", Gate::page, task_page);
  app.add_route(http::verb::post, "/tasks/{}", Gate::page, task_post);
  app.add_route(http::verb::get, "/tasks/{}/files/{}", Gate::page, task_file);
}

}  // namespace roadmap::web
