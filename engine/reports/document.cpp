#include "reports/document.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace roadmap::reports {

namespace {

using i18n::Lang;

struct Tr {
  Lang lang;
  std::string operator()(std::string_view key, const std::vector<std::string>& args = {}) const {
    return i18n::format(lang, key, args);
  }
};

DocCell text(std::string s, std::string css = {}) {
  return DocCell{std::move(s), std::nullopt, std::move(css)};
}

DocCell count(std::size_t n) {
  return DocCell{std::to_string(n), static_cast<double>(n), {}};
}

std::string percent_text(Lang lang, double v) {
  auto s = fmt::format("{:.1f}", v);
  if (lang == Lang::ru) std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

DocCell percent(Lang lang, double v) {
  double rounded = static_cast<double>(static_cast<long long>(v * 10 + 0.5)) / 10;
  return DocCell{percent_text(lang, v), rounded, {}};
}

DocColumn col(const Tr& tr, std::string id, std::string_view key, bool numeric = false) {
  return DocColumn{std::move(id), tr(key), numeric};
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

std::string person_text(const Tr& tr, const std::string& name) {
  return name.empty() ? tr("report.no_person") : name;
}

DocCell late_cell(const Tr& tr, const std::optional<long>& days) {
  if (!days) return text(tr("report.days.unknown"));
  return DocCell{working_days_text(tr.lang, *days), static_cast<double>(*days), "overdue"};
}

std::vector<std::string> common_subtitle(const Tr& tr, const Input& in, const DocOptions& o) {
  std::vector<std::string> out;
  for (const auto& p : in.plans) {
    std::string line = p.title;
    std::replace(line.begin(), line.end(), '\n', ' ');
    out.push_back(line);
    if (!p.approved_kind.empty() && p.approved_date)
      out.push_back(tr("report.sub.approved", {p.approved_kind, p.approved_number, ru_date(*p.approved_date)}));
  }
  auto unit_name = [&](std::string_view kind, const std::string& id) {
    for (const auto& [key, u] : in.units)
      if (u.kind == kind && u.id == id) return u.name;
    return id;
  };
  if (!in.body.empty()) out.push_back(tr("report.sub.body", {unit_name("body", in.body)}));
  if (!in.school.empty()) out.push_back(tr("report.sub.school", {unit_name("school", in.school)}));
  if (in.period) {
    out.push_back(tr("report.sub.period", {period_text(*in.period)}));
  } else if (!in.plans.empty()) {
    Period whole{in.plans.front().first_day, in.plans.front().last_day, {}};
    for (const auto& p : in.plans) {
      if (std::chrono::sys_days{p.first_day} < std::chrono::sys_days{whole.first}) whole.first = p.first_day;
      if (std::chrono::sys_days{p.last_day} > std::chrono::sys_days{whole.last}) whole.last = p.last_day;
    }
    out.push_back(tr("report.sub.whole", {period_text(whole)}));
  }
  out.push_back(tr("report.sub.as_of", {o.as_of}));
  return out;
}

void base_meta(Document& d, const Input& in, const DocOptions& o) {
  if (in.period) {
    d.meta.emplace_back("period_from", calendar::to_string(in.period->first));
    d.meta.emplace_back("period_to", calendar::to_string(in.period->last));
  }
  d.meta.emplace_back("as_of", o.as_of);
  if (!in.body.empty()) d.meta.emplace_back("body", in.body);
  if (!in.school.empty()) d.meta.emplace_back("school", in.school);
  std::vector<std::string> ids;
  for (const auto& p : in.plans) ids.push_back(p.id);
  d.meta.emplace_back("plans", join(ids, ","));
}

std::vector<DocCell> counts_cells(Lang lang, const Counts& c) {
  return {count(c.total), count(c.done), count(c.done_late), count(c.overdue), count(c.open),
          percent(lang, c.percent_done())};
}

std::vector<DocColumn> counts_columns(const Tr& tr) {
  return {col(tr, "total", "report.col.total", true),     col(tr, "done", "report.col.done", true),
          col(tr, "done_late", "report.col.done_late", true), col(tr, "overdue", "report.col.overdue", true),
          col(tr, "open", "report.col.open", true),       col(tr, "percent", "report.col.percent", true)};
}

}  // namespace

std::string working_days_text(Lang lang, long n) {
  long a = n < 0 ? -n : n;
  std::string_view key = "report.days.many";
  if (a % 10 == 1 && a % 100 != 11) key = "report.days.one";
  else if (a % 10 >= 2 && a % 10 <= 4 && (a % 100 < 12 || a % 100 > 14)) key = "report.days.few";
  return i18n::format(lang, key, {std::to_string(n)});
}

Document overdue_document(const Input& in, const OverdueReport& r, const DocOptions& o) {
  Tr tr{o.lang};
  Document d;
  d.kind = "overdue";
  d.title = tr("report.overdue.title");
  d.subtitle = common_subtitle(tr, in, o);
  d.subtitle.push_back(tr("report.sub.days_note"));
  base_meta(d, in, o);
  auto summary = [&](std::string id, std::string_view title, std::string_view name_col,
                     const std::vector<OverdueGroup>& groups, bool person) {
    DocTable t;
    t.id = std::move(id);
    t.title = tr(title);
    t.columns = {col(tr, "name", name_col), col(tr, "count", "report.col.count", true),
                 col(tr, "max_days", "report.col.max_late", true), col(tr, "oldest_due", "report.col.oldest")};
    for (const auto& g : groups)
      t.rows.push_back({text(person ? person_text(tr, g.name) : g.name), count(g.count),
                        DocCell{std::to_string(g.max_days), static_cast<double>(g.max_days), {}},
                        text(ru_date(g.oldest_due))});
    t.empty = tr("report.no_overdue");
    d.tables.push_back(std::move(t));
  };
  summary("by_body", "report.t.by_body", "report.col.body", r.by_body, false);
  summary("by_school", "report.t.by_school", "report.col.school", r.by_school, false);
  summary("by_person", "report.t.by_person", "report.col.person", r.by_person, true);
  auto detail = [&](std::string id, std::string_view title, const std::vector<OverdueRow>& rows, std::size_t total,
                    bool done) {
    DocTable t;
    t.id = std::move(id);
    t.title = tr(title);
    t.columns = {col(tr, "task", "report.col.task", true), col(tr, "no", "report.col.no"),
                 col(tr, "measure", "report.col.measure"), col(tr, "assignee", "report.col.assignee"),
                 col(tr, "people", "report.col.people"),   col(tr, "due", "report.col.due")};
    if (done) t.columns.push_back(col(tr, "done_on", "report.col.done_on"));
    t.columns.push_back(col(tr, "working_days", done ? "report.col.late_by" : "report.col.late", true));
    for (const auto& row : rows) {
      std::string measure = row.measure;
      if (!row.label.empty()) measure += " (" + row.label + ")";
      std::vector<DocCell> cells{count(static_cast<std::size_t>(row.task_id)), text(row.item_number), text(measure),
                                 text(row.who.assignee),
                                 text(row.who.people.empty() ? tr("report.no_person") : join(row.who.people, ", ")),
                                 text(ru_date(row.due))};
      if (done) cells.push_back(text(row.done_on ? ru_date(*row.done_on) : ""));
      cells.push_back(late_cell(tr, row.working_days));
      t.rows.push_back(std::move(cells));
    }
    t.empty = tr(done ? "report.no_done_late" : "report.no_overdue");
    if (total > rows.size()) {
      t.total_rows = total;
      t.note = tr("report.note.rows_shown",
                  {std::to_string(rows.size()), std::to_string(total), std::to_string(total - rows.size())});
    }
    d.tables.push_back(std::move(t));
  };
  detail("overdue", "report.t.rows", r.rows, r.rows_total, false);
  detail("done_late", "report.t.done_late", r.done_late, r.done_late_total, true);
  d.meta.emplace_back("overdue_total", std::to_string(r.rows_total));
  d.meta.emplace_back("done_late_total", std::to_string(r.done_late_total));
  DocChart chart;
  chart.kind = DocChart::Kind::bars;
  chart.title = tr("report.chart.overdue");
  for (const auto& g : r.by_body) chart.points.emplace_back(g.name, static_cast<double>(g.count));
  if (!chart.points.empty()) d.charts.push_back(std::move(chart));
  return d;
}

Document completion_document(const Input& in, const CompletionReport& r, const DocOptions& o) {
  Tr tr{o.lang};
  Document d;
  d.kind = "completion";
  d.title = tr("report.completion.title");
  d.subtitle = common_subtitle(tr, in, o);
  base_meta(d, in, o);
  {
    DocTable t;
    t.id = "total";
    t.title = tr("report.t.total");
    t.columns = counts_columns(tr);
    t.rows.push_back(counts_cells(o.lang, r.total));
    d.tables.push_back(std::move(t));
  }
  auto rows = [&](std::string id, std::string_view title, const std::vector<CompletionRow>& list, bool numbered,
                  std::string_view name_col) {
    DocTable t;
    t.id = std::move(id);
    t.title = tr(title);
    if (numbered) t.columns.push_back(col(tr, "no", "report.col.no"));
    t.columns.push_back(col(tr, "name", name_col));
    for (auto& c : counts_columns(tr)) t.columns.push_back(std::move(c));
    for (const auto& row : list) {
      std::vector<DocCell> cells;
      if (numbered) cells.push_back(text(row.number));
      cells.push_back(text(row.name));
      for (auto& c : counts_cells(o.lang, row.counts)) cells.push_back(std::move(c));
      t.rows.push_back(std::move(cells));
    }
    t.empty = tr("report.no_rows");
    d.tables.push_back(std::move(t));
  };
  rows("sections", "report.t.sections", r.sections, true, "report.col.section");
  rows("items", "report.t.items", r.items, true, "report.col.measure");
  rows("bodies", "report.t.bodies", r.bodies, false, "report.col.body");
  for (const auto& mx : r.matrices) {
    DocTable t;
    t.id = "matrix";
    t.title = tr("report.t.matrix", {mx.plan_id});
    t.wide = true;
    t.columns.push_back(col(tr, "school", "report.col.school"));
    for (const auto& n : mx.item_numbers) t.columns.push_back(DocColumn{"item_" + n, n, false});
    for (std::size_t s = 0; s < mx.schools.size(); ++s) {
      std::vector<DocCell> cells{text(mx.schools[s])};
      for (Cell c : mx.cells[s]) {
        switch (c) {
          case Cell::done: cells.push_back(text(tr("report.cell.done"), "done")); break;
          case Cell::partly: cells.push_back(text(tr("report.cell.partly"), "partly")); break;
          case Cell::overdue: cells.push_back(text(tr("report.cell.overdue"), "overdue")); break;
          case Cell::open: cells.push_back(text(tr("report.cell.open"), "open")); break;
          case Cell::none: cells.push_back(text(tr("report.cell.none"))); break;
        }
      }
      t.rows.push_back(std::move(cells));
    }
    t.empty = tr("report.legend");
    d.tables.push_back(std::move(t));
    d.landscape = true;
  }
  DocChart chart;
  chart.title = tr("report.chart.completion");
  chart.unit = "%";
  for (const auto& p : r.timeline) chart.points.emplace_back(p.label, p.percent);
  if (!chart.points.empty()) d.charts.push_back(std::move(chart));
  return d;
}

Document execution_document(const Input& in, const ExecutionReport& r, const DocOptions& o) {
  Tr tr{o.lang};
  Document d;
  d.kind = "execution";
  d.title = tr("report.execution.title");
  d.subtitle = common_subtitle(tr, in, o);
  base_meta(d, in, o);
  for (const auto& ep : r.plans) {
    DocTable t;
    t.id = "execution";
    t.title = ep.plan.id;
    t.columns = {col(tr, "no", "report.col.no"),           col(tr, "measure", "report.col.measure"),
                 col(tr, "deadline", "report.col.deadline"), col(tr, "responsible", "report.col.responsible"),
                 col(tr, "mark", "report.col.mark"),       col(tr, "status", "report.col.status")};
    for (const auto& row : ep.rows) {
      std::vector<std::string> lines;
      const auto& c = row.counts;
      if (c.total > kLatestMarksShown)
        lines.push_back(tr("report.mark.summary", {std::to_string(c.done), std::to_string(c.total)}));
      for (auto it = row.done.rbegin(); it != row.done.rend(); ++it) {  // newest first
        std::string who = it->assignee;
        if (!it->label.empty()) who += " (" + it->label + ")";
        std::string line = ru_date(it->done_on) + " — " + who;
        if (!it->result.empty()) line = tr("report.mark.done", {line, it->result});
        std::vector<std::string> notes;
        if (it->late_days > 0) notes.push_back(tr("report.mark.late", {working_days_text(o.lang, it->late_days)}));
        if (!it->actor.empty()) notes.push_back(tr("report.mark.by", {it->actor}));
        if (!notes.empty()) line += " (" + join(notes, "; ") + ")";
        lines.push_back(line);
      }
      if (c.done > row.done.size()) lines.push_back(tr("report.mark.more", {std::to_string(c.done - row.done.size())}));
      if (!row.overdue_units.empty()) {
        std::string list = join(row.overdue_units, ", ");
        if (row.overdue_unit_count > row.overdue_units.size())
          list += " " + tr("report.mark.more", {std::to_string(row.overdue_unit_count - row.overdue_units.size())});
        lines.push_back(tr("report.mark.overdue", {list}));
      }
      if (lines.empty()) lines.push_back(tr("report.mark.none"));
      std::string status, css;
      switch (row.status) {
        case ExecStatus::no_tasks: status = tr("report.status.no_tasks"); break;
        case ExecStatus::not_due: status = tr("report.status.not_due"); css = "open"; break;
        case ExecStatus::in_progress: status = tr("report.status.in_progress"); css = "partly"; break;
        case ExecStatus::overdue: status = tr("report.status.overdue"); css = "overdue"; break;
        case ExecStatus::done: status = tr("report.status.done"); css = "done"; break;
        case ExecStatus::done_late: status = tr("report.status.done_late"); css = "partly"; break;
      }
      t.rows.push_back({text(row.number), text(row.measure), text(row.deadline), text(join(row.responsible, ", ")),
                        text(join(lines, "\n")), text(status, css)});
    }
    t.empty = tr("report.no_rows");
    d.tables.push_back(std::move(t));
    if (!ep.plan.approved_signed_by.empty())
      d.signature.push_back(tr("report.sign.line", {tr("report.sign.position"), ep.plan.approved_signed_by}));
  }
  if (d.signature.empty()) d.signature.push_back(tr("report.sign.line", {tr("report.sign.position"), "            "}));
  d.signature.push_back(tr("report.sign.date"));
  return d;
}

Document discipline_document(const Input& in, const DisciplineReport& r, const DocOptions& o) {
  Tr tr{o.lang};
  Document d;
  d.kind = "discipline";
  d.title = tr("report.discipline.title");
  d.subtitle = common_subtitle(tr, in, o);
  base_meta(d, in, o);
  auto table = [&](std::string id, std::string_view title, std::string_view name_col,
                   const std::vector<DisciplineRow>& rows, bool person) {
    DocTable t;
    t.id = std::move(id);
    t.title = tr(title);
    t.columns = {col(tr, "name", name_col),
                 col(tr, "total", "report.col.total", true),
                 col(tr, "on_time", "report.col.on_time", true),
                 col(tr, "late", "report.col.late_n", true),
                 col(tr, "overdue", "report.col.overdue", true),
                 col(tr, "open", "report.col.open", true),
                 col(tr, "on_time_pct", "report.col.on_time_pct", true),
                 col(tr, "late_pct", "report.col.late_pct", true),
                 col(tr, "overdue_pct", "report.col.overdue_pct", true),
                 col(tr, "open_pct", "report.col.open_pct", true)};
    for (const auto& row : rows) {
      const auto& c = row.counts;
      std::size_t on_time = c.done - c.done_late;
      t.rows.push_back({text(person ? person_text(tr, row.name) : row.name), count(c.total), count(on_time),
                        count(c.done_late), count(c.overdue), count(c.open), percent(o.lang, c.share(on_time)),
                        percent(o.lang, c.share(c.done_late)), percent(o.lang, c.share(c.overdue)),
                        percent(o.lang, c.share(c.open))});
    }
    t.empty = tr("report.no_rows");
    d.tables.push_back(std::move(t));
  };
  table("total", "report.t.total", "report.col.body", {DisciplineRow{tr("report.t.total"), r.total}}, false);
  table("by_body", "report.t.bodies", "report.col.body", r.by_body, false);
  table("by_person", "report.t.people", "report.col.person", r.by_person, true);
  table("by_month", "report.t.by_month", "report.col.month", r.by_month, false);
  DocChart chart;
  chart.title = tr("report.chart.trend");
  chart.unit = "%";
  for (const auto& m : r.by_month) {
    // Of the tasks due that month whose term has passed (done, late or overdue), the share on time.
    auto passed = m.counts.done + m.counts.overdue;
    double v = passed ? 100.0 * static_cast<double>(m.counts.done - m.counts.done_late) / static_cast<double>(passed) : 0;
    chart.points.emplace_back(m.name, v);
  }
  if (!chart.points.empty()) d.charts.push_back(std::move(chart));
  return d;
}

}  // namespace roadmap::reports
