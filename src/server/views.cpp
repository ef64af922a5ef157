// What pages and the API show: see views.hpp.
#include "server/views.hpp"

#include "server/caches.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <stdlib.h>

#include "calendar/local_time.hpp"
#include "calendar/production_calendar.hpp"
#include "reports/error.hpp"
#include "reports/overdue.hpp"
#include "reports/period.hpp"
#include "store/names.hpp"

namespace roadmap::web {

namespace json = boost::json;
using reports::Date;

namespace {

std::string iso(const Date& d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

json::value iso_or_null(const std::optional<Date>& d) {
  return d ? json::value(iso(*d)) : json::value(nullptr);
}

// A share rounded to a tenth; whole numbers as integers ("50", not "5E1").
json::value percent(double p) {
  double r = std::round(p * 10) / 10;
  if (r == std::floor(r)) return json::value(static_cast<std::int64_t>(r));
  return json::value(r);
}

json::object counts_json(const reports::Counts& c) {
  return {{"total", c.total},     {"done", c.done}, {"done_late", c.done_late}, {"overdue", c.overdue},
          {"open", c.open},       {"percent_done", percent(c.percent_done())}};
}

reports::Clock clock_of(const Exchange& x) {
  if (x.app.config().today) return reports::Clock::fixed(*x.app.config().today);
  return reports::Clock(x.now);
}

}  // namespace

access::TaskOwner owner_of(const store::StoredTask& t) {
  return {t.task.directory_id, std::string(scheduler::to_string(t.task.assignee_kind)), t.task.assignee};
}

std::vector<store::PlanSummary> visible_plans(store::Database& db, const access::Principal& who) {
  std::vector<store::PlanSummary> out;
  for (auto& p : store::list_plans(db))
    if (store::plan_directory(db, p.id) == who.ref.directory_id) out.push_back(std::move(p));
  return out;
}

bool plan_visible(store::Database& db, const access::Principal& who, const std::string& plan_id) {
  return store::plan_directory(db, plan_id) == who.ref.directory_id;
}

std::string UnitNames::name(std::string_view kind, std::string_view id) const {
  const auto& list = kind == "school" ? schools : bodies;
  for (const auto& [i, n] : list)
    if (i == id) return n;
  return std::string(id);
}

UnitNames unit_names(store::Database& db, const std::string& directory_id) {
  UnitNames out;
  for (auto& u : store::directory_units(db, directory_id))
    (u.kind == "school" ? out.schools : out.bodies).emplace_back(std::move(u.id), std::move(u.name));
  return out;
}

TaskQuery task_query(const Exchange& x, const Params& q) {
  const auto& who = x.principal();
  TaskQuery tq;
  auto& f = tq.filter;
  f.directory = who.ref.directory_id;
  f.plan_id = q.get("plan");
  auto scope = access::view_scope(who);
  if (scope.unit == access::Scope::Unit::body) {
    f.body = scope.id;
  } else if (scope.unit == access::Scope::Unit::school) {
    f.school = scope.id;
  } else {
    f.body = q.get("body");
    f.school = q.get("school");
  }
  f.month = q.get("month");
  f.item = q.get("item");
  tq.status = q.get("status");
  if (tq.status == "overdue") {
    f.status = "open";
    f.due_before = iso(x.app.today(who.timezone, x.now));
  } else {
    f.status = tq.status;
  }
  std::string page = q.get("page");
  std::size_t n = 1;
  if (!page.empty()) {
    auto [p, ec] = std::from_chars(page.data(), page.data() + page.size(), n);
    if (ec != std::errc() || p != page.data() + page.size() || n == 0 || n > 100000) n = 1;
  }
  tq.page = n;
  f.limit = x.app.config().page_size;
  f.offset = (n - 1) * f.limit;
  return tq;
}

OverviewQuery overview_query(const Params& q) {
  return {q.get("plan"), q.get("body"), q.get("school"), q.get("month")};
}

reports::Scope report_scope(const access::Principal& who, const std::string& plan_id,
                            std::optional<reports::Period> period, const std::string& body, const std::string& school) {
  reports::Scope s;
  s.plan_id = plan_id;
  s.period = std::move(period);
  s.body = body;
  s.school = school;
  auto seen = access::view_scope(who);
  s.directory_id = seen.directory_id;
  switch (seen.unit) {
    case access::Scope::Unit::directory: break;
    case access::Scope::Unit::school:
      // A director sees their school: another school in the filter is no report of theirs.
      if (!school.empty() && school != seen.id) throw reports::Error("web.err.no_plans", {});
      s.school = seen.id;
      break;
    case access::Scope::Unit::body:  // an executor: no dashboards nor reports (access::can_view_dashboard)
      throw reports::Error("web.err.no_plans", {});
  }
  return s;
}

Overview build_overview(const Exchange& x, const OverviewQuery& q) {
  const auto& who = x.principal();
  std::optional<reports::Period> period;
  if (!q.month.empty()) period = reports::parse_period(q.month);
  // The store counts only what the person may see, narrowed by the filters (body: its own tasks
  // and its schools'; school: that school's).
  auto in = reports::load_input(x.db, report_scope(who, q.plan_id, period, q.body, q.school));
  auto clock = clock_of(x);
  reports::OverdueRule rule(x.app.production_calendar(), clock);
  Overview o;
  o.plan = in.plans.front();
  o.query = q;
  o.today = clock.today(who.timezone);
  o.completion = reports::build_completion(in, rule);
  o.overdue = reports::build_overdue(in, rule, reports::kOverdueRowsShown);
  return o;
}

std::string overview_key(const Exchange& x, const OverviewQuery& q) {
  const auto& who = x.principal();
  auto scope = access::view_scope(who);
  // Everyone who sees the same part of the directory on the same day shares one overview.
  return who.ref.directory_id + "|" + std::to_string(static_cast<int>(scope.unit)) + "|" + scope.id + "|" + q.plan_id +
         "|" + q.body + "|" + q.school + "|" + q.month + "|" + iso(x.app.today(who.timezone, x.now));
}

std::shared_ptr<const Overview> overview_for(const Exchange& x, const OverviewQuery& q) {
  return x.app.caches().overviews.get(overview_key(x, q), App::revision(x.db),
                                      [&] { return std::make_shared<const Overview>(build_overview(x, q)); });
}

json::value overview_json(const Exchange& x, const Overview& o, std::size_t max_rows) {
  (void)x;
  json::object out;
  out["plan"] = {{"id", o.plan.id},
                 {"title", o.plan.title},
                 {"first_day", iso(o.plan.first_day)},
                 {"last_day", iso(o.plan.last_day)}};
  out["today"] = iso(o.today);
  out["filters"] = {{"body", o.query.body}, {"school", o.query.school}, {"month", o.query.month}};
  out["totals"] = counts_json(o.completion.total);
  json::array sections, bodies, timeline;
  for (const auto& s : o.completion.sections) {
    auto c = counts_json(s.counts);
    c["number"] = s.number;
    c["title"] = s.name;
    sections.push_back(std::move(c));
  }
  for (const auto& b : o.completion.bodies) {
    auto c = counts_json(b.counts);
    c["name"] = b.name;
    bodies.push_back(std::move(c));
  }
  for (const auto& p : o.completion.timeline)
    timeline.push_back({{"month", p.label}, {"due", p.due}, {"done", p.done}, {"percent", percent(p.percent)}});
  out["sections"] = std::move(sections);
  out["bodies"] = std::move(bodies);
  out["timeline"] = std::move(timeline);
  auto groups = [&](const std::vector<reports::OverdueGroup>& gs) {
    json::array a;
    for (std::size_t i = 0; i < gs.size() && i < max_rows; ++i)
      a.push_back({{"name", gs[i].name},
                   {"tasks", gs[i].count},
                   {"max_working_days", gs[i].max_days},
                   {"oldest_due", iso(gs[i].oldest_due)}});
    return a;
  };
  json::array oldest;
  for (std::size_t i = 0; i < o.overdue.rows.size() && i < max_rows; ++i) {
    const auto& r = o.overdue.rows[i];
    oldest.push_back({{"task", r.task_id},
                      {"item", r.item_number},
                      {"measure", r.measure},
                      {"label", r.label},
                      {"assignee", r.who.assignee},
                      {"body", r.who.body},
                      {"due", iso(r.due)},
                      {"working_days", r.working_days ? json::value(*r.working_days) : json::value(nullptr)}});
  }
  out["overdue"] = {{"tasks", o.overdue.rows_total},
                    {"done_late", o.overdue.done_late_total},
                    {"by_body", groups(o.overdue.by_body)},
                    {"by_school", groups(o.overdue.by_school)},
                    {"oldest", std::move(oldest)}};
  return out;
}

std::optional<TaskView> task_view(const Exchange& x, std::int64_t id) {
  const auto& who = x.principal();
  auto details = store::task_details(x.db, id);
  if (!details) return std::nullopt;
  auto owner = owner_of(details->task);
  if (!access::can_view_task(who, owner)) return std::nullopt;
  TaskView v;
  v.details = std::move(*details);
  const auto& t = v.details.task;
  v.history = store::task_history(x.db, id);
  v.assignee_name = store::unit_name(x.db, t.task.directory_id, owner.assignee_kind, owner.assignee);
  v.deadline_phrase = v.details.deadline;
  v.can_change = access::can_change_task(who, owner);
  if (v.can_change) v.allowed = store::allowed_transitions(t);
  bool open = t.status == "planned" || t.status == "in_progress";
  if (open && t.task.due && t.task.waiting == scheduler::Waiting::none) {
    Date today = x.app.today(t.task.timezone, x.now);
    if (std::chrono::sys_days{*t.task.due} < std::chrono::sys_days{today}) {
      v.overdue = true;
      auto clock = clock_of(x);
      reports::OverdueRule rule(x.app.production_calendar(), clock);
      v.late_days = rule.working_days_late(*t.task.due, today);
    }
  }
  return v;
}

json::value task_json(const Exchange& x, const store::StoredTask& s, const UnitNames& names) {
  const auto& t = s.task;
  std::string kind(scheduler::to_string(t.assignee_kind));
  json::object o{{"id", s.id},
                 {"plan", t.plan_id},
                 {"item", t.item_key},
                 {"label", t.label},
                 {"kind", std::string(scheduler::to_string(t.kind))},
                 {"assignee", {{"kind", kind}, {"id", t.assignee}, {"name", names.name(kind, t.assignee)}}},
                 {"role", std::string(scheduler::to_string(t.role))},
                 {"opens", iso_or_null(t.opens)},
                 {"due", iso_or_null(t.due)},
                 {"timezone", t.timezone},
                 {"waiting", std::string(scheduler::to_string(t.waiting))},
                 {"status", s.status},
                 {"done_on", iso_or_null(s.done_on)},
                 {"version", s.version},
                 {"url", x.app.config().base_url + "/tasks/" + std::to_string(s.id)}};
  return o;
}

json::value task_view_json(const Exchange& x, const TaskView& v) {
  const auto& d = v.details;
  UnitNames names;
  names.bodies.emplace_back(d.task.task.assignee, v.assignee_name);
  names.schools = names.bodies;
  json::object o = task_json(x, d.task, names).as_object();
  o["item_number"] = d.item_number;
  o["measure"] = d.measure;
  o["deadline"] = d.deadline;
  o["expected_result"] = d.expected_result;
  o["plan_title"] = d.plan_title;
  o["overdue"] = v.overdue;
  o["working_days_late"] = v.late_days ? json::value(*v.late_days) : json::value(nullptr);
  o["result"] = {{"text", d.task.result}, {"link", d.result_link}, {"document", d.result_document}};
  json::array files;
  for (const auto& f : d.files)
    files.push_back({{"id", f.id}, {"name", f.original_name}, {"size", f.size}, {"sha256", f.sha256},
                     {"url", x.app.config().base_url + "/tasks/" + std::to_string(d.task.id) + "/files/" + std::to_string(f.id)}});
  o["files"] = std::move(files);
  json::array allowed;
  for (auto t : v.allowed) allowed.push_back(json::value(std::string(store::to_string(t))));
  o["allowed"] = std::move(allowed);
  o["can_change"] = v.can_change;
  json::array history;
  for (const auto& h : v.history) {
    json::object e{{"at", h.record.at},
                   {"actor", h.record.actor},
                   {"actor_name", store::actor_name(x.db, h.record.actor)},
                   {"action", h.record.action},
                   {"from", h.record.from_value},
                   {"to", h.record.to_value},
                   {"reason", h.record.reason}};
    if (!h.result_text.empty() || !h.result_link.empty() || !h.result_document.empty())
      e["result"] = {{"text", h.result_text}, {"link", h.result_link}, {"document", h.result_document}};
    history.push_back(std::move(e));
  }
  o["history"] = std::move(history);
  return o;
}

namespace {

// A file name safe to write in a temporary folder: no folders, no control characters, not empty.
std::string safe_file_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '/' || c == '\\') continue;
    out += c;
  }
  if (out == "." || out == "..") out.clear();
  if (out.size() > 200) out = out.substr(out.size() - 200);
  return out.empty() ? "file" : out;
}

// A temporary folder holding one uploaded file, removed when done.
class StagedUpload {
 public:
  explicit StagedUpload(const UploadedFile& f) {
    std::string tmpl = (std::filesystem::temp_directory_path() / "roadmap-upload-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw store::Error("store.err.file_io", {tmpl, "mkdtemp"});
    dir_ = tmpl;
    path_ = (std::filesystem::path(dir_) / safe_file_name(f.filename)).string();
    std::ofstream out(path_, std::ios::binary);
    out.write(f.data.data(), static_cast<std::streamsize>(f.data.size()));
    out.close();
    if (!out) throw store::Error("store.err.file_io", {path_, "write"});
  }
  ~StagedUpload() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  StagedUpload(const StagedUpload&) = delete;
  StagedUpload& operator=(const StagedUpload&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string dir_, path_;
};

}  // namespace

TransitionAttempt attempt_transition(const Exchange& x, std::int64_t id, const TransitionInput& in) {
  TransitionAttempt out;
  auto task = store::find_task(x.db, id);
  if (!task || !access::can_view_task(x.principal(), owner_of(*task))) {
    out.refusal = Refusal::not_found;
    return out;
  }
  if (!access::can_change_task(x.principal(), owner_of(*task))) {
    out.refusal = Refusal::forbidden;
    return out;
  }
  store::TransitionRequest r;
  if (!store::parse_transition(in.action, r.transition)) {
    out.refusal = Refusal::bad_action;
    return out;
  }
  r.task_id = id;
  r.expected_version = in.version;
  r.actor = x.principal().ref.person;
  r.reason = in.reason;
  r.result.text = in.text;
  r.result.link = in.link;
  r.result.document = in.document;
  if (!in.done_on.empty()) {
    auto d = calendar::parse_date(in.done_on);
    if (!d) {
      out.refusal = Refusal::bad_date;
      return out;
    }
    r.done_on = *d;
  }
  if (x.app.config().today) r.today = *x.app.config().today;
  std::optional<StagedUpload> staged;
  if (in.file && !in.file->data.empty()) {
    staged.emplace(*in.file);
    r.result.file = staged->path();
  }
  out.outcome = store::change_task(x.db, r);
  return out;
}

std::string refusal_text(const Exchange& x, Refusal r) {
  switch (r) {
    case Refusal::none: return {};
    case Refusal::not_found: return x.tr("web.err.not_found");
    case Refusal::forbidden: return x.tr("web.err.not_yours");
    case Refusal::bad_action: return x.tr("web.err.bad_action");
    case Refusal::bad_date: return x.tr("web.err.bad_date");
  }
  return {};
}

}  // namespace roadmap::web
