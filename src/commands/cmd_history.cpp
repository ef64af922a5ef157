// `roadmap history TASK [--format table|json]`: the task (its plan, item number and measure,
// assignee, dates, status, version, result) and every change made to it, oldest first: when (local
// time of the task's zone), who, what, from → to, why.
#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "calendar/local_time.hpp"
#include "calendar/production_calendar.hpp"
#include "cli.hpp"
#include "lifecycle_common.hpp"
#include "store/lifecycle.hpp"
#include "store/names.hpp"
#include "store/schema.hpp"
#include "table.hpp"
#include "task_view.hpp"

namespace {

using namespace roadmap;

struct HistoryArgs {
  std::string task;
  std::string format = "table";
};

bool is_status(const std::string& s) {
  return s == "planned" || s == "in_progress" || s == "done" || s == "cancelled" || s == "not_needed";
}

std::string value_text(const cli::Context& ctx, const std::string& v) {
  if (v.empty()) return "—";
  return is_status(v) ? cli::status_text(ctx, v) : v;
}

// "2026-11-25T10:54:44Z" in the zone: "25.11.2026 13:54" (ru), "2026-11-25 13:54" (en).
std::string local_text(const cli::Context& ctx, const std::string& utc, const std::string& tz) {
  int y = 0;
  unsigned mo = 0, d = 0;
  int h = 0, mi = 0, s = 0;
  if (std::sscanf(utc.c_str(), "%d-%u-%uT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &s) != 6) return utc;
  using namespace std::chrono;
  auto t = sys_seconds{sys_days{year{y} / month{mo} / day{d}}} + hours{h} + minutes{mi} + seconds{s};
  auto l = calendar::to_local(t, tz);
  char hm[16];
  std::snprintf(hm, sizeof hm, "%02d:%02d", l.hour, l.minute);
  return cli::date_text(ctx, l.date) + " " + hm;
}

std::string reason_text(const cli::Context& ctx, const std::string& reason) {
  if (reason.rfind("store.reason.", 0) == 0) return ctx.tr(reason);
  return reason;
}

std::string why_text(const cli::Context& ctx, const store::HistoryEntry& e) {
  std::vector<std::string> parts;
  if (!e.record.reason.empty()) parts.push_back(reason_text(ctx, e.record.reason));
  if (!e.result_text.empty()) parts.push_back(ctx.tr("cmd.history.result", {e.result_text}));
  if (!e.result_document.empty()) parts.push_back(ctx.tr("cmd.history.document", {e.result_document}));
  if (!e.result_link.empty()) parts.push_back(ctx.tr("cmd.history.link", {e.result_link}));
  if (e.file) parts.push_back(ctx.tr("cmd.history.file", {e.file->original_name, e.file->stored_name,
                                                         std::to_string(e.file->size)}));
  if (parts.empty()) return "—";
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

std::string who_text(const cli::Context& ctx, store::Database& db, const store::AuditRecord& r) {
  if (!r.actor.empty()) return store::actor_name(db, r.actor);
  return r.run_id ? ctx.tr("cmd.history.plan_run") : "—";
}

boost::json::value json_date(const std::optional<std::chrono::year_month_day>& d) {
  if (!d) return nullptr;
  return boost::json::value(calendar::to_string(*d));
}

boost::json::object file_json(const store::StoredFile& f) {
  return {{"name", f.original_name}, {"stored_name", f.stored_name}, {"size", f.size}, {"sha256", f.sha256},
          {"added_at", f.added_at}};
}

void print_json(const cli::Context& ctx, store::Database& db, const store::TaskDetails& d,
                const std::vector<store::HistoryEntry>& history, const cli::Names& names) {
  const auto& s = d.task;
  const auto& t = s.task;
  boost::json::array files;
  for (const auto& f : d.files) files.push_back(file_json(f));
  boost::json::object task{
      {"id", s.id},
      {"plan", t.plan_id},
      {"plan_title", d.plan_title},
      {"item", d.item_number},
      {"measure", d.measure},
      {"expected_result", d.expected_result},
      {"kind", to_string(t.kind)},
      {"label", t.label},
      {"assignee", t.assignee},
      {"assignee_name", cli::assignee_text(names, t)},
      {"opens", json_date(t.opens)},
      {"due", json_date(t.due)},
      {"timezone", t.timezone},
      {"waiting", to_string(t.waiting)},
      {"status", s.status},
      {"version", s.version},
      {"done_on", json_date(s.done_on)},
      {"done_late", d.done_late()},
      {"result", s.result},
      {"result_link", d.result_link},
      {"result_document", d.result_document},
      {"files", std::move(files)},
  };
  boost::json::array changes;
  for (const auto& e : history) {
    const auto& r = e.record;
    boost::json::object o{
        {"id", r.id},
        {"at", r.at},
        {"local_time", local_text(ctx, r.at, t.timezone)},
        {"actor", r.actor},
        {"actor_name", who_text(ctx, db, r)},
        {"action", r.action},
        {"from", r.from_value},
        {"to", r.to_value},
        {"reason", r.reason},
        {"reason_text", reason_text(ctx, r.reason)},
    };
    if (r.run_id) o["run_id"] = *r.run_id;
    if (!e.result_text.empty()) o["result"] = e.result_text;
    if (!e.result_link.empty()) o["result_link"] = e.result_link;
    if (!e.result_document.empty()) o["result_document"] = e.result_document;
    if (e.file) o["file"] = file_json(*e.file);
    changes.push_back(std::move(o));
  }
  *ctx.out << boost::json::serialize(boost::json::object{{"task", std::move(task)}, {"history", std::move(changes)}})
           << '\n';
}

void print_table_view(const cli::Context& ctx, store::Database& db, const store::TaskDetails& d,
                      const std::vector<store::HistoryEntry>& history, const cli::Names& names) {
  const auto& s = d.task;
  const auto& t = s.task;
  auto& out = *ctx.out;
  out << ctx.tr("cmd.history.title", {std::to_string(s.id), d.plan_title.empty() ? t.plan_id : cli::truncate(d.plan_title, 200),
                                      d.item_number})
      << '\n';
  if (!d.measure.empty()) out << ctx.tr("cmd.history.measure", {cli::truncate(d.measure, 300)}) << '\n';
  if (!d.expected_result.empty()) out << ctx.tr("cmd.history.expected", {cli::truncate(d.expected_result, 300)}) << '\n';
  out << ctx.tr("cmd.history.occurrence", {cli::occurrence_text(ctx, t)}) << '\n';
  out << ctx.tr("cmd.history.assignee", {cli::assignee_text(names, t)}) << '\n';
  out << ctx.tr("cmd.history.dates", {cli::date_text(ctx, t.opens), cli::date_text(ctx, t.due)}) << '\n';
  out << ctx.tr("cmd.history.status", {cli::status_text(ctx, s.status), std::to_string(s.version)}) << '\n';
  if (s.done_on) {
    if (d.done_late())
      out << ctx.tr("cmd.history.done_late", {cli::date_text(ctx, s.done_on), cli::date_text(ctx, t.due)}) << '\n';
    else
      out << ctx.tr("cmd.history.done_on", {cli::date_text(ctx, s.done_on)}) << '\n';
  }
  if (!s.result.empty()) out << ctx.tr("cmd.history.result", {s.result}) << '\n';
  if (!d.result_document.empty()) out << ctx.tr("cmd.history.document", {d.result_document}) << '\n';
  if (!d.result_link.empty()) out << ctx.tr("cmd.history.link", {d.result_link}) << '\n';
  for (const auto& f : d.files)
    out << ctx.tr("cmd.history.file", {f.original_name, store::files_dir(db) + "/" + f.stored_name,
                                       std::to_string(f.size)})
        << '\n';
  out << '\n';
  if (history.empty()) {
    out << ctx.tr("cmd.history.no_changes") << '\n';
    return;
  }
  out << ctx.tr("cmd.history.changes", {t.timezone.empty() ? std::string("UTC") : t.timezone}) << '\n';
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : history) {
    const auto& r = e.record;
    rows.push_back({local_text(ctx, r.at, t.timezone), who_text(ctx, db, r), ctx.tr("cmd.history.action." + r.action),
                    value_text(ctx, r.from_value) + " → " + value_text(ctx, r.to_value), why_text(ctx, e)});
  }
  cli::print_table(out,
                   {ctx.tr("cmd.history.col.when"), ctx.tr("cmd.history.col.who"), ctx.tr("cmd.history.col.what"),
                    ctx.tr("cmd.history.col.change"), ctx.tr("cmd.history.col.why")},
                   {false, false, false, false, false}, rows);
}

int run_history(cli::Context& ctx, const HistoryArgs& args) {
  if (args.format != "table" && args.format != "json") {
    *ctx.err << "roadmap: " << ctx.tr("cmd.history.bad_format", {args.format}) << '\n';
    return 2;
  }
  auto id = cli::lifecycle::parse_task_number(args.task);
  if (!id) {
    *ctx.err << "roadmap: " << ctx.tr("cmd.life.bad_task", {args.task}) << '\n';
    return 2;
  }
  try {
    store::Database db = store::open_store(ctx.db_path, store::Database::OpenMode::existing_only);
    auto details = store::task_details(db, *id);
    if (!details) throw store::Error("store.err.unknown_task", {std::to_string(*id)});
    auto history = store::task_history(db, *id);
    auto names = store::assignee_names(db);
    if (args.format == "json") print_json(ctx, db, *details, history, names);
    else print_table_view(ctx, db, *details, history, names);
  } catch (const store::Error& e) {
    *ctx.err << "roadmap: " << store::describe(e, ctx.lang) << '\n';
    return 1;
  }
  return 0;
}

}  // namespace

ROADMAP_COMMAND("history", 65, [](CLI::App& root, roadmap::cli::Context& ctx) {
  auto args = std::make_shared<HistoryArgs>();
  auto* sub = root.add_subcommand("history", ctx.tr("cmd.history.help"));
  sub->add_option("task", args->task, ctx.tr("cmd.life.task"))->required();
  sub->add_option("--format", args->format, ctx.tr("cmd.history.format"));
  sub->callback([&ctx, args] { ctx.exit_code = run_history(ctx, *args); });
});
