// The reports' queries: plain SELECTs over the tables of schema v1-v6, no writes. The aggregates
// name the index they are written for (INDEXED BY) when the scope does not single out a body or a
// school: a GROUP BY in that index's order reads the index alone and needs no sort, which is the
// whole point at region scale; SQLite's planner, without statistics, may prefer a range on the
// due date and a table lookup per row instead.
#include "store/report_queries.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "calendar/production_calendar.hpp"

namespace roadmap::store {

namespace {

std::optional<ReportDate> date_column(const Statement& st, int i) {
  if (st.column_is_null(i)) return std::nullopt;
  return calendar::parse_date(st.column_text(i));
}

// Text arguments of one statement, bound in order as ?1, ?2 ...
class Args {
 public:
  std::string operator()(std::string value) {
    values_.push_back(std::move(value));
    return "?" + std::to_string(values_.size());
  }
  std::string operator()(ReportDate d) { return (*this)(calendar::to_string(d)); }
  void bind(Statement& st) const {
    for (std::size_t i = 0; i < values_.size(); ++i) st.bind(static_cast<int>(i + 1), values_[i]);
  }

 private:
  std::vector<std::string> values_;
};

// Items a plan no longer has whose tasks would still be reported (done before a re-load dropped
// the item). Found by skipping from one (plan, item) of the tasks to the next along
// tasks_by_item_due: one index seek a distinct item (about a millisecond for a region's 128), not
// a pass over the tasks. Nearly always empty.
std::vector<std::pair<std::string, std::string>> dropped_items(Database& db) {
  // Two plain ranges rather than the row value (plan_id, item_key) > (?, ?): SQLite seeks on the
  // plan only for that and steps through the plan's entries up to the item (40 times slower here).
  auto next_item = db.prepare(
      "SELECT plan_id, item_key FROM tasks WHERE plan_id = ?1 AND item_key > ?2 ORDER BY plan_id, item_key LIMIT 1");
  auto next_plan = db.prepare("SELECT plan_id, item_key FROM tasks WHERE plan_id > ?1 ORDER BY plan_id, item_key LIMIT 1");
  auto stored = db.prepare("SELECT 1 FROM items WHERE plan_id = ?1 AND item_key = ?2");
  auto reported = db.prepare(
      "SELECT 1 FROM tasks WHERE plan_id = ?1 AND item_key = ?2 AND status IN ('planned', 'in_progress', 'done') "
      "LIMIT 1");
  std::vector<std::pair<std::string, std::string>> out;
  std::string plan, item;
  for (;;) {
    next_item.reset();
    next_item.bind(1, plan).bind(2, item);
    Statement* next = &next_item;
    if (!next_item.step()) {
      next_plan.reset();
      next_plan.bind(1, plan);
      if (!next_plan.step()) break;
      next = &next_plan;
    }
    plan = next->column_text(0);
    item = next->column_text(1);
    stored.reset();
    stored.bind(1, plan).bind(2, item);
    if (stored.step()) continue;
    reported.reset();
    reported.bind(1, plan).bind(2, item);
    if (reported.step()) out.emplace_back(plan, item);
  }
  return out;
}

bool unit_scoped(const ReportScope& s) {
  return !s.body.empty() || !s.school.empty();
}

// "INDEXED BY <index>" unless the scope is one body or school: then the planner's pick (an
// equality on tasks_by_unit's first columns) reads a few hundred rows, where a full index would be
// read to the end.
std::string indexed_by(const ReportScope& s, std::string_view index) {
  return unit_scoped(s) ? std::string() : fmt::format(" INDEXED BY {}", index);
}

// The scope as conditions on `t`: what every report query starts from. `statuses` false: the
// query names its own (open or done ones only), and the partial indexes those read do not hold
// the status, so testing the reported statuses again would read every task row.
std::string scope_where(Database& db, const ReportScope& s, Args& a, bool statuses = true) {
  std::string w = statuses ? "t.status IN ('planned', 'in_progress', 'done')" : "1";
  if (!s.plan_id.empty()) w += " AND t.plan_id = " + a(s.plan_id);
  if (s.due_from && s.due_to) w += fmt::format(" AND t.due >= {} AND t.due <= {}", a(*s.due_from), a(*s.due_to));
  if (!s.directory_id.empty()) w += " AND t.directory_id = " + a(s.directory_id);
  if (!s.school.empty()) w += " AND t.assignee_kind = 'school' AND t.assignee = " + a(s.school);
  if (!s.body.empty()) {
    // A school answers to the body its directory names (reports::who does the same).
    w += fmt::format(
        " AND ((t.assignee_kind = 'body' AND t.assignee = {0}) OR (t.directory_id, t.assignee_kind, t.assignee) IN "
        "(SELECT directory_id, 'school', id FROM dir_schools WHERE body = {0}))",
        a(s.body));
  }
  auto dropped = dropped_items(db);
  if (!dropped.empty()) {
    std::string list;
    for (const auto& [plan, item] : dropped) list += fmt::format("{}({}, {})", list.empty() ? "" : ", ", a(plan), a(item));
    w += " AND (t.plan_id, t.item_key) NOT IN (VALUES " + list + ")";
  }
  return w;
}

// The due-date part of "overdue" for an open task that waits for nothing (OverdueCut). NULL for an
// undated task, which sum() and WHERE both take as not overdue.
std::string overdue_due(const OverdueCut& c, Args& a) {
  std::string before = a(c.all_before);
  if (c.overdue_between.empty()) return "t.due < " + before;
  std::string list;
  for (const auto& d : c.overdue_between)
    list += fmt::format("{}({}, {}, {})", list.empty() ? "" : ", ", a(d.plan_id), a(d.timezone), a(d.due));
  return fmt::format("(CASE WHEN t.due < {} THEN 1 WHEN t.due < {} THEN (t.plan_id, t.timezone, t.due) IN (VALUES {}) "
                     "ELSE 0 END)",
                     before, a(c.none_from), list);
}

constexpr std::string_view kOpenNotWaiting = "t.status IN ('planned', 'in_progress') AND t.waiting = 'none'";

// The counts of MarkCounts as SQL: reports::OverdueRule::mark for a group of tasks. Packed, the
// three marks are one sum -- done in the low 21 bits, done late in the next 21, overdue above --
// since over a region every aggregate function is paid 400,000 times: one instead of three takes a
// third off the grouping. A field holds up to 2^21 - 1 (two million tasks); a group as large
// is counted again unpacked (read_counts tells).
constexpr int kFieldBits = 21;
constexpr std::int64_t kFieldMask = (std::int64_t{1} << kFieldBits) - 1;

std::string mark_counts(const OverdueCut& c, Args& a, bool packed) {
  if (!packed)
    return fmt::format(
        "count(*), sum(t.status = 'done'), sum(t.status = 'done' AND t.done_on > t.due), "
        "sum(CASE WHEN t.status = 'done' OR t.waiting <> 'none' THEN 0 ELSE {} END)",
        overdue_due(c, a));
  return fmt::format(
      "count(*), sum(CASE WHEN t.status = 'done' THEN CASE WHEN t.done_on > t.due THEN {} ELSE 1 END "
      "WHEN t.waiting = 'none' AND {} THEN {} ELSE 0 END)",
      (std::int64_t{1} << kFieldBits) + 1, overdue_due(c, a), std::int64_t{1} << (2 * kFieldBits));
}

// Nullopt when a packed group is too large for its fields.
std::optional<MarkCounts> read_counts(const Statement& st, int first, bool packed) {
  MarkCounts m;
  m.total = st.column_int(first);
  if (!packed) {
    m.done = st.column_int(first + 1);
    m.done_late = st.column_int(first + 2);
    m.overdue = st.column_int(first + 3);
    return m;
  }
  if (m.total > kFieldMask) return std::nullopt;
  std::int64_t v = st.column_int(first + 1);
  m.done = v & kFieldMask;
  m.done_late = (v >> kFieldBits) & kFieldMask;
  m.overdue = v >> (2 * kFieldBits);
  return m;
}

// The columns of a ReportTask, read by read_task.
constexpr std::string_view kTaskColumns =
    "t.id, t.plan_id, t.item_key, i.section_position, i.position, t.kind, t.label, t.directory_id, t.assignee_kind, "
    "t.assignee, t.role, t.opens, t.due, COALESCE(NULLIF(t.timezone, ''), p.timezone), t.waiting, t.status, "
    "t.done_on, COALESCE(t.result, ''), "
    "CASE WHEN t.status = 'done' THEN COALESCE((SELECT a.actor FROM task_audit a WHERE a.task_id = t.id "
    "AND a.action = 'status' AND a.to_value = 'done' ORDER BY a.id DESC LIMIT 1), '') ELSE '' END";
constexpr std::string_view kTaskJoins =
    " JOIN items i ON i.plan_id = t.plan_id AND i.item_key = t.item_key JOIN plans p ON p.id = t.plan_id";

ReportTask read_task(const Statement& st) {
  ReportTask t;
  t.id = st.column_int(0);
  t.plan_id = st.column_text(1);
  t.item_key = st.column_text(2);
  t.section_position = static_cast<int>(st.column_int(3));
  t.item_position = static_cast<int>(st.column_int(4));
  t.kind = st.column_text(5);
  t.label = st.column_text(6);
  t.directory_id = st.column_text(7);
  t.assignee_kind = st.column_text(8);
  t.assignee = st.column_text(9);
  t.role = st.column_text(10);
  t.opens = date_column(st, 11);
  t.due = date_column(st, 12);
  t.timezone = st.column_text(13);
  t.waiting = st.column_text(14);
  t.status = st.column_text(15);
  t.done_on = date_column(st, 16);
  t.result = st.column_text(17);
  t.done_by = st.column_text(18);
  return t;
}

std::vector<ReportTask> read_tasks(Database& db, const std::string& sql, const Args& a) {
  auto st = db.prepare(sql);
  a.bind(st);
  std::vector<ReportTask> out;
  while (st.step()) out.push_back(read_task(st));
  return out;
}

std::string limit_clause(std::size_t limit) {
  return limit ? fmt::format(" LIMIT {}", limit) : std::string();
}

bool exists(Database& db, std::string_view sql, std::string_view arg) {
  auto st = db.prepare(sql);
  st.bind(1, arg);
  return st.step();
}

}  // namespace

std::string report_unit_key(std::string_view directory_id, std::string_view kind, std::string_view id) {
  std::string k;
  k.reserve(directory_id.size() + kind.size() + id.size() + 2);
  k.append(directory_id).append("|").append(kind).append("|").append(id);
  return k;
}

void prepare_for_reports(Database& db) {
  db.exec("PRAGMA mmap_size = 1073741824");
}

std::vector<ReportTask> report_tasks(Database& db, const ReportScope& scope) {
  Args a;
  std::string where = scope_where(db, scope, a);
  return read_tasks(db,
                    fmt::format("SELECT {} FROM tasks t{} WHERE {} ORDER BY t.plan_id, i.position, t.due IS NULL, "
                                "t.due, t.id",
                                kTaskColumns, kTaskJoins, where),
                    a);
}

void check_report_scope(Database& db, const ReportScope& scope) {
  if (!scope.body.empty() &&
      !exists(db, "SELECT 1 FROM dir_bodies WHERE id = ?1", scope.body) &&
      !exists(db, "SELECT 1 FROM tasks WHERE assignee_kind = 'body' AND assignee = ?1", scope.body))
    throw Error("store.err.unknown_body", {scope.body});
  if (!scope.school.empty() &&
      !exists(db, "SELECT 1 FROM dir_schools WHERE id = ?1", scope.school) &&
      !exists(db, "SELECT 1 FROM tasks WHERE assignee_kind = 'school' AND assignee = ?1", scope.school))
    throw Error("store.err.unknown_school", {scope.school});
}

std::vector<ZoneDay> report_zone_days(Database& db, const ReportScope& scope, ReportDate from, ReportDate to) {
  Args a;
  std::string where = scope_where(db, scope, a, false);
  auto st = db.prepare(fmt::format(
      "SELECT DISTINCT t.plan_id, t.timezone, COALESCE(NULLIF(t.timezone, ''), p.timezone), t.due FROM tasks t "
      "JOIN plans p ON p.id = t.plan_id WHERE {} AND {} AND t.due >= {} AND t.due < {}",
      where, kOpenNotWaiting, a(from), a(to)));
  a.bind(st);
  std::vector<ZoneDay> out;
  while (st.step()) {
    auto due = date_column(st, 3);
    if (due) out.push_back({st.column_text(0), st.column_text(1), st.column_text(2), *due});
  }
  return out;
}

std::vector<UnitItemCounts> report_counts_by_unit_item(Database& db, const ReportScope& scope, const OverdueCut& cut,
                                                       bool first_overdue) {
  // (due date, id) as one integer, so that min() finds the oldest overdue task and breaks ties by
  // id in the same pass: days since 1970 above bit 40, the id below (ids stay under 2^40).
  constexpr int kIdBits = 40;
  for (bool packed : {true, false}) {
    Args a;
    std::string where = scope_where(db, scope, a);
    std::string counts = mark_counts(cut, a, packed);
    std::string oldest = first_overdue ? fmt::format(", min(CASE WHEN t.status <> 'done' AND t.waiting = 'none' AND {} "
                                                     "THEN (unixepoch(t.due) / 86400) * {} + t.id END)",
                                                     overdue_due(cut, a), std::int64_t{1} << kIdBits)
                                       : std::string(", NULL");
    auto st = db.prepare(fmt::format(
        "SELECT t.directory_id, t.assignee_kind, t.assignee, t.plan_id, t.item_key{}, {} FROM tasks t{} WHERE {} "
        "GROUP BY t.assignee_kind, t.assignee, t.directory_id, t.timezone, t.plan_id, t.item_key",
        oldest, counts, indexed_by(scope, "tasks_by_unit"), where));
    a.bind(st);
    std::vector<UnitItemCounts> out;
    bool fits = true;
    while (fits && st.step()) {
      auto c = read_counts(st, 6, packed);
      if (!c) {
        fits = false;
        break;
      }
      UnitItemCounts u{st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4), *c,
                       std::nullopt, 0};
      if (!st.column_is_null(5)) {
        std::int64_t v = st.column_int(5);
        u.first_overdue_due = ReportDate{std::chrono::sys_days{std::chrono::days{v >> kIdBits}}};
        u.first_overdue_id = v & ((std::int64_t{1} << kIdBits) - 1);
      }
      out.push_back(std::move(u));
    }
    if (fits) return out;
  }
  return {};  // not reached: unpacked counts always fit
}

std::vector<UnitCounts> report_dated_counts_by_unit(Database& db, const ReportScope& scope, const OverdueCut& cut) {
  for (bool packed : {true, false}) {
    Args a;
    std::string where = scope_where(db, scope, a);
    std::string counts = mark_counts(cut, a, packed);
    auto st = db.prepare(fmt::format(
        "SELECT t.directory_id, t.assignee_kind, t.assignee, {} FROM tasks t{} WHERE {} AND t.due IS NOT NULL "
        "GROUP BY t.assignee_kind, t.assignee, t.directory_id",
        counts, indexed_by(scope, "tasks_by_unit"), where));
    a.bind(st);
    std::vector<UnitCounts> out;
    bool fits = true;
    while (fits && st.step()) {
      auto c = read_counts(st, 3, packed);
      if (!c) fits = false;
      else out.push_back({st.column_text(0), st.column_text(1), st.column_text(2), *c});
    }
    if (fits) return out;
  }
  return {};
}

std::vector<TaskClass> report_task_classes(Database& db, const ReportScope& scope) {
  Args a;
  std::string where = scope_where(db, scope, a);
  auto st = db.prepare(fmt::format(
      "SELECT c.plan_id, c.item_key, c.due, c.status, c.waiting, COALESCE(NULLIF(c.timezone, ''), p.timezone), "
      "c.done_on, c.n FROM (SELECT t.plan_id, t.item_key, t.due, t.status, t.waiting, t.timezone, t.done_on, "
      "count(*) AS n FROM tasks t{} WHERE {} GROUP BY t.plan_id, t.item_key, t.due, t.status, t.waiting, "
      "t.timezone, t.done_on) c JOIN plans p ON p.id = c.plan_id",
      indexed_by(scope, "tasks_by_item_due"), where));
  a.bind(st);
  std::vector<TaskClass> out;
  while (st.step()) {
    TaskClass c;
    c.task.plan_id = st.column_text(0);
    c.task.item_key = st.column_text(1);
    c.task.due = date_column(st, 2);
    c.task.status = st.column_text(3);
    c.task.waiting = st.column_text(4);
    c.task.timezone = st.column_text(5);
    c.task.done_on = date_column(st, 6);
    c.count = st.column_int(7);
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<OverdueByUnit> report_overdue_by_unit(Database& db, const ReportScope& scope, const OverdueCut& cut,
                                                  const std::vector<ReportDate>& counted_from) {
  Args a;
  std::string where = scope_where(db, scope, a, false);
  std::string due = overdue_due(cut, a);
  std::string inner, outer;
  for (std::size_t k = 0; k < counted_from.size(); ++k) {
    inner += fmt::format(", min(CASE WHEN t.due >= {} THEN t.due END) AS c{}", a(counted_from[k]), k);
    outer += fmt::format(", g.c{}", k);
  }
  auto st = db.prepare(fmt::format(
      "SELECT g.directory_id, g.assignee_kind, g.assignee, g.plan_id, COALESCE(NULLIF(g.timezone, ''), p.timezone), "
      "g.n, g.oldest{} FROM (SELECT t.directory_id, t.assignee_kind, t.assignee, t.timezone, t.plan_id, "
      "count(*) AS n, min(t.due) AS oldest{} FROM tasks t{} WHERE {} AND {} AND {} "
      "GROUP BY t.assignee_kind, t.assignee, t.directory_id, t.timezone, t.plan_id) g JOIN plans p ON p.id = g.plan_id",
      outer, inner, indexed_by(scope, "tasks_by_unit"), where, kOpenNotWaiting, due));
  a.bind(st);
  std::vector<OverdueByUnit> out;
  while (st.step()) {
    OverdueByUnit u;
    u.directory_id = st.column_text(0);
    u.assignee_kind = st.column_text(1);
    u.assignee = st.column_text(2);
    u.plan_id = st.column_text(3);
    u.zone = st.column_text(4);
    u.count = st.column_int(5);
    if (auto d = date_column(st, 6)) u.oldest = *d;
    for (std::size_t k = 0; k < counted_from.size(); ++k) u.oldest_counted.push_back(date_column(st, 7 + static_cast<int>(k)));
    out.push_back(std::move(u));
  }
  return out;
}

std::vector<ReportTask> report_overdue_tasks(Database& db, const ReportScope& scope, const OverdueCut& cut,
                                             std::size_t limit) {
  Args a;
  std::string where = scope_where(db, scope, a, false);
  std::string due = overdue_due(cut, a);
  return read_tasks(db,
                    fmt::format("SELECT {} FROM tasks t{}{} WHERE {} AND {} AND {} ORDER BY t.due, t.id{}", kTaskColumns,
                                indexed_by(scope, "tasks_open_by_due"), kTaskJoins, where, kOpenNotWaiting, due,
                                limit_clause(limit)),
                    a);
}

std::vector<ReportTask> report_done_late_tasks(Database& db, const ReportScope& scope, std::size_t limit) {
  Args a;
  std::string where = scope_where(db, scope, a, false);
  return read_tasks(db,
                    fmt::format("SELECT {} FROM tasks t{}{} WHERE {} AND t.status = 'done' AND t.done_on > t.due "
                                "ORDER BY t.due, t.id{}",
                                kTaskColumns, indexed_by(scope, "tasks_done_late_by_due"), kTaskJoins, where,
                                limit_clause(limit)),
                    a);
}

std::int64_t report_done_late_count(Database& db, const ReportScope& scope) {
  Args a;
  std::string where = scope_where(db, scope, a, false);
  auto st = db.prepare(fmt::format("SELECT count(*) FROM tasks t{} WHERE {} AND t.status = 'done' AND t.done_on > t.due",
                                   indexed_by(scope, "tasks_done_late_by_due"), where));
  a.bind(st);
  st.step();
  return st.column_int(0);
}

std::map<std::pair<std::string, std::string>, std::vector<ReportTask>> report_latest_done(Database& db,
                                                                                        const ReportScope& scope,
                                                                                        std::size_t limit) {
  std::map<std::pair<std::string, std::string>, std::vector<ReportTask>> out;
  Args a;
  std::string where = scope_where(db, scope, a);
  std::string plan = a(std::string()), item = a(std::string());
  // Per item, the ids first (read from tasks_by_item_due alone, the top `limit` kept while
  // scanning), then those few rows whole.
  auto ids = db.prepare(fmt::format(
      "SELECT t.id FROM tasks t WHERE {} AND t.plan_id = {} AND t.item_key = {} AND t.status = 'done' "
      "ORDER BY COALESCE(t.done_on, t.due, '') DESC, t.due IS NULL DESC, t.due DESC, t.id DESC{}",
      where, plan, item, limit_clause(limit)));
  auto row = db.prepare(fmt::format("SELECT {} FROM tasks t{} WHERE t.id = ?1", kTaskColumns, kTaskJoins));
  auto items = db.prepare("SELECT plan_id, item_key FROM items WHERE ?1 = '' OR plan_id = ?1 ORDER BY plan_id, position");
  items.bind(1, scope.plan_id);
  const int plan_arg = std::stoi(plan.substr(1)), item_arg = std::stoi(item.substr(1));
  while (items.step()) {
    auto key = std::make_pair(items.column_text(0), items.column_text(1));
    ids.reset();
    a.bind(ids);
    ids.bind(plan_arg, key.first).bind(item_arg, key.second);
    std::vector<ReportTask> done;
    while (ids.step()) {
      row.reset();
      row.bind(1, ids.column_int(0));
      if (row.step()) done.push_back(read_task(row));
    }
    if (!done.empty()) out.emplace(std::move(key), std::move(done));
  }
  return out;
}

std::vector<ReportPlan> report_plans(Database& db, std::string_view plan_id) {
  auto st = db.prepare(
      "SELECT id, title, owner, territory, approved_kind, approved_number, approved_issuer, approved_signed_by, "
      "approved_date, first_day, last_day, timezone FROM plans WHERE ?1 = '' OR id = ?1 ORDER BY id");
  st.bind(1, plan_id);
  std::vector<ReportPlan> out;
  while (st.step()) {
    ReportPlan p;
    p.id = st.column_text(0);
    p.title = st.column_text(1);
    p.owner = st.column_text(2);
    p.territory = st.column_text(3);
    p.approved_kind = st.column_text(4);
    p.approved_number = st.column_text(5);
    p.approved_issuer = st.column_text(6);
    p.approved_signed_by = st.column_text(7);
    p.approved_date = date_column(st, 8);
    if (auto d = date_column(st, 9)) p.first_day = *d;
    if (auto d = date_column(st, 10)) p.last_day = *d;
    p.timezone = st.column_text(11);
    out.push_back(std::move(p));
  }
  if (!plan_id.empty() && out.empty()) throw Error("store.err.unknown_plan", {std::string(plan_id)});
  return out;
}

std::vector<ReportSection> report_sections(Database& db, std::string_view plan_id) {
  auto st = db.prepare(
      "SELECT plan_id, position, number, title FROM sections WHERE ?1 = '' OR plan_id = ?1 "
      "ORDER BY plan_id, position");
  st.bind(1, plan_id);
  std::vector<ReportSection> out;
  while (st.step())
    out.push_back({st.column_text(0), static_cast<int>(st.column_int(1)), st.column_text(2), st.column_text(3)});
  return out;
}

std::vector<ReportItem> report_items(Database& db, std::string_view plan_id) {
  auto st = db.prepare(
      "SELECT plan_id, item_key, section_position, position, number, measure, deadline, expected_result "
      "FROM items WHERE ?1 = '' OR plan_id = ?1 ORDER BY plan_id, position");
  st.bind(1, plan_id);
  std::vector<ReportItem> out;
  std::map<std::pair<std::string, std::string>, std::size_t> index;
  while (st.step()) {
    ReportItem it;
    it.plan_id = st.column_text(0);
    it.item_key = st.column_text(1);
    it.section_position = static_cast<int>(st.column_int(2));
    it.position = static_cast<int>(st.column_int(3));
    it.number = st.column_text(4);
    it.measure = st.column_text(5);
    it.deadline = st.column_text(6);
    it.expected_result = st.column_text(7);
    index[{it.plan_id, it.item_key}] = out.size();
    out.push_back(std::move(it));
  }
  auto bodies = db.prepare(
      "SELECT plan_id, item_key, body_id FROM item_bodies WHERE ?1 = '' OR plan_id = ?1 "
      "ORDER BY plan_id, item_key, role = 'co_executor', position");
  bodies.bind(1, plan_id);
  while (bodies.step()) {
    auto it = index.find({bodies.column_text(0), bodies.column_text(1)});
    if (it != index.end()) out[it->second].responsible.push_back(bodies.column_text(2));
  }
  return out;
}

std::map<std::string, ReportUnit> report_units(Database& db) {
  std::map<std::string, ReportUnit> out;
  auto bodies = db.prepare(
      "SELECT b.directory_id, b.id, b.short_name, b.timezone, COALESCE(p.name, '') FROM dir_bodies b "
      "LEFT JOIN dir_people p ON p.directory_id = b.directory_id AND p.id = b.head");
  while (bodies.step()) {
    ReportUnit u;
    u.directory_id = bodies.column_text(0);
    u.kind = "body";
    u.id = bodies.column_text(1);
    u.name = bodies.column_text(2).empty() ? u.id : bodies.column_text(2);
    u.timezone = bodies.column_text(3);
    if (auto head = bodies.column_text(4); !head.empty()) u.people.push_back(head);
    out.emplace(report_unit_key(u.directory_id, u.kind, u.id), std::move(u));
  }
  auto schools = db.prepare("SELECT directory_id, id, short_name, timezone, body FROM dir_schools");
  while (schools.step()) {
    ReportUnit u;
    u.directory_id = schools.column_text(0);
    u.kind = "school";
    u.id = schools.column_text(1);
    u.name = schools.column_text(2).empty() ? u.id : schools.column_text(2);
    u.timezone = schools.column_text(3);
    u.parent_body = schools.column_text(4);
    out.emplace(report_unit_key(u.directory_id, u.kind, u.id), std::move(u));
  }
  // Bodies without a named head: the people of the body with the role head; schools: their directors.
  auto heads = db.prepare(
      "SELECT directory_id, body, school, name FROM dir_people WHERE role = 'head' ORDER BY directory_id, id");
  while (heads.step()) {
    bool school = !heads.column_text(2).empty();
    auto it = out.find(report_unit_key(heads.column_text(0), school ? "school" : "body",
                                       school ? heads.column_text(2) : heads.column_text(1)));
    if (it == out.end()) continue;
    auto name = heads.column_text(3);
    auto& people = it->second.people;
    if (school || people.empty()) {
      if (std::find(people.begin(), people.end(), name) == people.end()) people.push_back(name);
    }
  }
  return out;
}

}  // namespace roadmap::store
