#include "task_view.hpp"

#include <boost/json.hpp>


#include "calendar/production_calendar.hpp"
#include "table.hpp"

namespace roadmap::cli {

using scheduler::PlannedTask;

std::string date_text(const Context& ctx, const std::optional<std::chrono::year_month_day>& d) {
  if (!d) return "—";
  std::string iso = calendar::to_string(*d);
  if (ctx.lang == i18n::Lang::en) return iso;
  return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
}

std::string assignee_text(const Names& names, const PlannedTask& t) {
  auto it = names.find(t.directory_id + "|" + t.assignee);
  return it == names.end() ? t.assignee : it->second;
}

std::string kind_text(const Context& ctx, scheduler::TaskKind k) {
  return ctx.tr("task.kind." + std::string(to_string(k)));
}

std::string status_text(const Context& ctx, const std::string& status) { return ctx.tr("task.status." + status); }

std::string occurrence_text(const Context& ctx, const PlannedTask& t) {
  std::string s = kind_text(ctx, t.kind);
  if (!t.label.empty()) s += " · " + t.label;
  if (t.waiting == scheduler::Waiting::item) s += " · " + ctx.tr("task.waiting.item", {t.waits_for});
  if (t.waiting == scheduler::Waiting::schedule) s += " · " + ctx.tr("task.waiting.schedule", {t.waits_for});
  return s;
}

namespace {

boost::json::value json_date(const std::optional<std::chrono::year_month_day>& d) {
  if (!d) return nullptr;
  return boost::json::value(calendar::to_string(*d));
}

boost::json::object task_json(const store::StoredTask& s, const Names& names) {
  const auto& t = s.task;
  return boost::json::object{
      {"id", s.id},
      {"key", t.key},
      {"plan", t.plan_id},
      {"item", t.item_key},
      {"sub", t.sub},
      {"kind", to_string(t.kind)},
      {"label", t.label},
      {"assignee_kind", to_string(t.assignee_kind)},
      {"assignee", t.assignee},
      {"assignee_name", assignee_text(names, t)},
      {"via", t.via},
      {"role", to_string(t.role)},
      {"opens", json_date(t.opens)},
      {"due", json_date(t.due)},
      {"timezone", t.timezone},
      {"waiting", to_string(t.waiting)},
      {"waits_for", t.waits_for},
      {"status", s.status},
      {"version", s.version},
      {"done_on", json_date(s.done_on)},
      {"updated_at", s.updated_at},
  };
}

}  // namespace

bool print_tasks(const Context& ctx, const std::vector<store::StoredTask>& tasks, const Names& names,
                 const std::string& format) {
  if (format == "json") {
    boost::json::array a;
    for (const auto& s : tasks) a.push_back(task_json(s, names));
    *ctx.out << boost::json::serialize(a) << '\n';
    return true;
  }
  std::vector<std::string> head = {ctx.tr("task.col.id"),   ctx.tr("task.col.plan"),     ctx.tr("task.col.item"),
                                   ctx.tr("task.col.what"), ctx.tr("task.col.assignee"), ctx.tr("task.col.role"),
                                   ctx.tr("task.col.opens"), ctx.tr("task.col.due"),     ctx.tr("task.col.status")};
  auto row = [&](const store::StoredTask& s, bool full) {
    const auto& t = s.task;
    std::string item = t.sub ? t.item_key + "/" + std::to_string(t.sub) : t.item_key;
    std::string what = occurrence_text(ctx, t);
    std::string who = assignee_text(names, t);
    return std::vector<std::string>{std::to_string(s.id), t.plan_id, item, full ? what : truncate(what, 48),
                                    full ? who : truncate(who, 32), ctx.tr("task.role." + std::string(to_string(t.role))),
                                    date_text(ctx, t.opens), date_text(ctx, t.due), status_text(ctx, s.status)};
  };
  if (format == "csv") {
    *ctx.out << "\xEF\xBB\xBF";  // Excel reads UTF-8 only with the byte-order mark
    std::string line;
    for (std::size_t c = 0; c < head.size(); ++c) line += (c ? ";" : "") + csv_field(head[c]);
    *ctx.out << line << "\r\n";
    for (const auto& s : tasks) {
      auto cells = row(s, true);
      line.clear();
      for (std::size_t c = 0; c < cells.size(); ++c) line += (c ? ";" : "") + csv_field(cells[c]);
      *ctx.out << line << "\r\n";
    }
    return true;
  }
  if (format != "table") return false;
  if (tasks.empty()) {
    *ctx.out << ctx.tr("task.none") << '\n';
    return true;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : tasks) rows.push_back(row(s, false));
  print_table(*ctx.out, head, {true, false, false, false, false, false, false, false, false}, rows);
  *ctx.out << '\n' << ctx.tr("task.count", {std::to_string(tasks.size())}) << '\n';
  return true;
}

void print_diff(const Context& ctx, const store::PlanDiff& diff, const Names& names, bool dry_run) {
  auto item_of = [](const std::string& item_key, int sub) {
    return sub ? item_key + "/" + std::to_string(sub) : item_key;
  };
  for (const auto& c : diff.changes) {
    const auto& t = c.task;
    std::string item = item_of(t.item_key, t.sub);
    switch (c.kind) {
      case store::ChangeKind::move:
        *ctx.out << "  ~ " << ctx.tr("plan.diff.move", {item, occurrence_text(ctx, t), assignee_text(names, t),
                                                       date_text(ctx, c.before ? c.before->due : std::nullopt),
                                                       date_text(ctx, t.due)})
                 << '\n';
        break;
      case store::ChangeKind::cancel:
        *ctx.out << "  − " << ctx.tr("plan.diff.cancel", {item, occurrence_text(ctx, t), assignee_text(names, t),
                                                         date_text(ctx, t.due)})
                 << '\n';
        break;
      case store::ChangeKind::restore:
        *ctx.out << "  ↺ " << ctx.tr("plan.diff.restore", {item, occurrence_text(ctx, t), assignee_text(names, t),
                                                          date_text(ctx, t.due)})
                 << '\n';
        break;
    }
  }
  // A first load creates every task: per item only when previewing.
  if (dry_run)
    for (const auto& c : diff.creations)
      *ctx.out << "  + " << ctx.tr("plan.diff.create", {item_of(c.item_key, c.sub), std::to_string(c.count)}) << '\n';
  *ctx.out << ctx.tr(dry_run ? "plan.diff.total_dry" : "plan.diff.total",
                     {diff.plan_id, std::to_string(diff.created), std::to_string(diff.moved),
                      std::to_string(diff.cancelled), std::to_string(diff.restored), std::to_string(diff.unchanged)})
           << '\n';
}

}  // namespace roadmap::cli
