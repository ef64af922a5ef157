// The reports' queries: plain SELECTs over the tables of schema v1/v2, no writes.
#include "store/report_queries.hpp"

#include <algorithm>

#include "calendar/production_calendar.hpp"

namespace roadmap::store {

namespace {

std::optional<ReportDate> date_column(const Statement& st, int i) {
  if (st.column_is_null(i)) return std::nullopt;
  return calendar::parse_date(st.column_text(i));
}

}  // namespace

std::string report_unit_key(std::string_view directory_id, std::string_view kind, std::string_view id) {
  std::string k;
  k.reserve(directory_id.size() + kind.size() + id.size() + 2);
  k.append(directory_id).append("|").append(kind).append("|").append(id);
  return k;
}

std::vector<ReportTask> report_tasks(Database& db, const ReportScope& scope) {
  std::string sql =
      "SELECT t.id, t.plan_id, t.item_key, i.section_position, i.position, t.kind, t.label, t.directory_id, "
      "t.assignee_kind, t.assignee, t.role, t.opens, t.due, COALESCE(NULLIF(t.timezone, ''), p.timezone), t.waiting, t.status, t.done_on, "
      "COALESCE(t.result, ''), "
      "CASE WHEN t.status = 'done' THEN COALESCE((SELECT a.actor FROM task_audit a WHERE a.task_id = t.id "
      "AND a.action = 'status' AND a.to_value = 'done' ORDER BY a.id DESC LIMIT 1), '') ELSE '' END "
      "FROM tasks t JOIN items i ON i.plan_id = t.plan_id AND i.item_key = t.item_key JOIN plans p ON p.id = t.plan_id "
      "WHERE t.status IN ('planned', 'in_progress', 'done')";
  int n = 0;
  if (!scope.plan_id.empty()) sql += " AND t.plan_id = ?" + std::to_string(++n);
  bool range = scope.due_from && scope.due_to;
  if (range) {
    sql += " AND t.due >= ?" + std::to_string(n + 1) + " AND t.due <= ?" + std::to_string(n + 2);
    n += 2;
  }
  sql += " ORDER BY t.plan_id, i.position, t.due IS NULL, t.due, t.id";
  auto st = db.prepare(sql);
  int b = 0;
  if (!scope.plan_id.empty()) st.bind(++b, scope.plan_id);
  if (range) {
    st.bind(++b, calendar::to_string(*scope.due_from));
    st.bind(++b, calendar::to_string(*scope.due_to));
  }
  std::vector<ReportTask> out;
  while (st.step()) {
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
    out.push_back(std::move(t));
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
