// The reports' benchmark of issue 5: each report (overdue, completion, execution, discipline) built
// over a whole region's database (bench/region/make_region.py loaded with the real `roadmap load`,
// a few per cent of the tasks marked done on time or late by SQL; bench/reports/run.sh), timed
// end to end (read the tasks, aggregate, make the document, render it as JSON), and in the same run
// the same aggregation written as plain SQL, run by the sqlite3 shell (a child process, `.timer on`):
// the shell's own query time and the whole process's wall time are both reported.
//
//   reports_bench DB [--today 2024-03-15] [--repeat 3] [--sqlite3 /usr/bin/sqlite3] [--calendar FILE]
//                    [--only overdue|completion|execution|discipline] [--no-sql]   (for profiling one report)
//
// Wall time with steady_clock, CPU time with getrusage (user + system) of this process; the median
// of --repeat runs. The plain SQL is simpler than the reports (one date for "today" everywhere, no
// working-day count, no names or people): it is the floor a hand-written query gives, not the same
// output. Exit status 1 when a report is empty over the region (something is wrong with the data).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "calendar/production_calendar.hpp"
#include "reports/document.hpp"
#include "reports/render.hpp"
#include "scheduler/inputs.hpp"
#include "store/schema.hpp"

namespace {

using namespace roadmap;
using Clock = std::chrono::steady_clock;

double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

struct Timing {
  double wall = 0, cpu = 0;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// The plain SQL of each report, with {today} replaced.
std::string plain_sql(const std::string& kind, const std::string& today) {
  const std::string body =
      "COALESCE(s.body, t.assignee)";
  const std::string from =
      " FROM tasks t LEFT JOIN dir_schools s ON t.assignee_kind = 'school' AND s.directory_id = t.directory_id "
      "AND s.id = t.assignee WHERE t.status IN ('planned', 'in_progress', 'done')";
  const std::string overdue =
      "(t.status IN ('planned', 'in_progress') AND t.waiting = 'none' AND t.due < '" + today + "')";
  std::string sql;
  if (kind == "overdue") {
    sql = "SELECT " + body + " AS body, count(*), min(t.due)" + from + " AND " + overdue +
          " GROUP BY 1 ORDER BY 2 DESC;\n"
          "SELECT t.assignee, count(*), min(t.due)" + from + " AND t.assignee_kind = 'school' AND " + overdue +
          " GROUP BY 1 ORDER BY 2 DESC;\n"
          "SELECT t.id, t.plan_id, i.number, t.assignee, t.due FROM tasks t JOIN items i ON i.plan_id = t.plan_id "
          "AND i.item_key = t.item_key WHERE " + overdue + " ORDER BY t.due, t.id;\n";
  } else if (kind == "completion") {
    std::string counts = "count(*), sum(t.status = 'done'), sum(t.status = 'done' AND t.done_on > t.due), sum(" +
                         overdue + "), round(100.0 * sum(t.status = 'done') / count(*), 1)";
    sql = "SELECT i.section_position, " + counts +
          " FROM tasks t JOIN items i ON i.plan_id = t.plan_id AND i.item_key = t.item_key "
          "WHERE t.status IN ('planned', 'in_progress', 'done') GROUP BY t.plan_id, i.section_position;\n"
          "SELECT i.number, " + counts +
          " FROM tasks t JOIN items i ON i.plan_id = t.plan_id AND i.item_key = t.item_key "
          "WHERE t.status IN ('planned', 'in_progress', 'done') GROUP BY t.plan_id, i.position;\n"
          "SELECT " + body + ", " + counts + from + " GROUP BY 1;\n"
          "SELECT t.plan_id, t.assignee, t.item_key, CASE WHEN sum(t.status = 'done') = count(*) THEN 'done' "
          "WHEN sum(" + overdue + ") > 0 THEN 'overdue' WHEN sum(t.status = 'done') > 0 THEN 'partly' ELSE 'open' END" +
          " FROM tasks t WHERE t.assignee_kind = 'school' AND t.status IN ('planned', 'in_progress', 'done') "
          "GROUP BY 1, 2, 3;\n";
  } else if (kind == "execution") {
    sql = "SELECT i.number, i.measure, i.deadline, count(t.id), sum(t.status = 'done'), sum(" + overdue +
          "), group_concat(CASE WHEN t.status = 'done' THEN t.done_on || ' ' || t.assignee || ': ' || "
          "COALESCE(t.result, '') END, '; ') FROM items i LEFT JOIN tasks t ON t.plan_id = i.plan_id AND "
          "t.item_key = i.item_key AND t.status IN ('planned', 'in_progress', 'done') "
          "GROUP BY i.plan_id, i.position ORDER BY i.plan_id, i.position;\n";
  } else {
    std::string shares = "count(*), sum(t.status = 'done' AND t.done_on <= t.due), sum(t.status = 'done' AND "
                         "t.done_on > t.due), sum(" + overdue + "), sum(t.status <> 'done' AND NOT " + overdue + ")";
    sql = "SELECT " + body + ", " + shares + from + " AND t.due IS NOT NULL GROUP BY 1;\n"
          "SELECT substr(t.due, 1, 7), " + shares + from + " AND t.due IS NOT NULL GROUP BY 1 ORDER BY 1;\n";
  }
  return sql;
}

struct ShellTiming {
  double query_real = 0, query_cpu = 0, process_wall = 0;
  std::size_t lines = 0;
};

ShellTiming run_shell(const std::string& sqlite3, const std::string& db, const std::string& sql) {
  char path[] = "/tmp/reports-bench-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("mkstemp");
  close(fd);
  {
    std::ofstream f(path);
    f << ".timer on\n" << sql;
  }
  std::string cmd = "'" + sqlite3 + "' -readonly '" + db + "' < '" + path + "' 2>&1";
  auto start = Clock::now();
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) throw std::runtime_error("popen");
  std::string out;
  char buf[65536];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  ShellTiming t;
  t.process_wall = std::chrono::duration<double>(Clock::now() - start).count();
  std::remove(path);
  if (status != 0) throw std::runtime_error("sqlite3 failed: " + out.substr(0, 500));
  static const std::regex timer(R"(Run Time: real ([0-9.]+) user ([0-9.]+) sys ([0-9.]+))");
  for (std::sregex_iterator it(out.begin(), out.end(), timer), end; it != end; ++it) {
    t.query_real += std::stod((*it)[1]);
    t.query_cpu += std::stod((*it)[2]) + std::stod((*it)[3]);
  }
  for (char c : out) t.lines += c == '\n';
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: reports_bench DB [--today YYYY-MM-DD] [--repeat N] [--sqlite3 PATH] [--calendar FILE]\n";
    return 2;
  }
  std::string db_path = argv[1], today = "2024-03-15", sqlite3 = "sqlite3";
  std::string calendar_path = scheduler::default_calendar_path();
  int repeat = 3;
  std::string only;
  bool sql = true;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--no-sql") {
      sql = false;
      continue;
    }
    if (i + 1 >= argc) break;
    ++i;
    if (a == "--today") today = argv[i];
    else if (a == "--repeat") repeat = std::max(1, std::atoi(argv[i]));
    else if (a == "--sqlite3") sqlite3 = argv[i];
    else if (a == "--calendar") calendar_path = argv[i];
    else if (a == "--only") only = argv[i];
  }
  auto cal = calendar::load_calendar_file(calendar_path);
  auto today_date = calendar::parse_date(today);
  if (!cal.ok() || !today_date) {
    std::cerr << "reports_bench: no calendar or bad --today\n";
    return 2;
  }
  std::size_t tasks = 0;
  {
    store::Database db = store::open_store(db_path, store::Database::OpenMode::existing_only);
    auto st = db.prepare("SELECT count(*), sum(status = 'done') FROM tasks");
    st.step();
    tasks = static_cast<std::size_t>(st.column_int(0));
    std::cout << "database: " << db_path << "\ntasks: " << tasks << " (done: " << st.column_int(1) << ")\ntoday: "
              << today << "\n\n";
  }
  std::printf("%-11s %10s %10s %8s | %12s %12s %14s | %9s %9s\n", "report", "wall, s", "cpu, s", "rows",
              "sql query, s", "sql cpu, s", "sqlite3 proc, s", "vs query", "vs proc");
  int status = 0;
  for (std::string kind : {"overdue", "completion", "execution", "discipline"}) {
    if (!only.empty() && kind != only) continue;
    std::vector<double> walls, cpus, q_real, q_cpu, p_wall;
    std::size_t rows = 0;
    for (int r = 0; r < repeat; ++r) {
      auto w0 = Clock::now();
      double c0 = cpu_seconds();
      store::Database db = store::open_store(db_path, store::Database::OpenMode::existing_only);
      auto in = reports::load_input(db, "", std::nullopt);
      auto clock = reports::Clock::fixed(*today_date);
      reports::OverdueRule rule(*cal.calendar, clock);
      reports::DocOptions opt{i18n::Lang::ru, today};
      reports::Document doc;
      // What `roadmap report overdue` gives by default: the summaries whole, the oldest
      // kOverdueRowsShown rows of each list and the count of the rest.
      if (kind == "overdue")
        doc = reports::overdue_document(in, reports::build_overdue(in, rule, reports::kOverdueRowsShown), opt);
      else if (kind == "completion") doc = reports::completion_document(in, reports::build_completion(in, rule), opt);
      else if (kind == "execution") doc = reports::execution_document(in, reports::build_execution(in, rule), opt);
      else doc = reports::discipline_document(in, reports::build_discipline(in, rule), opt);
      auto json = reports::render_json(doc);
      walls.push_back(std::chrono::duration<double>(Clock::now() - w0).count());
      cpus.push_back(cpu_seconds() - c0);
      rows = 0;
      for (const auto& t : doc.tables) rows += t.rows.size();
      if (json.size() < 10) status = 1;
      if (!sql) continue;
      auto sh = run_shell(sqlite3, db_path, plain_sql(kind, today));
      q_real.push_back(sh.query_real);
      q_cpu.push_back(sh.query_cpu);
      p_wall.push_back(sh.process_wall);
    }
    if (rows == 0) status = 1;
    double w = median(walls), qr = median(q_real), pw = median(p_wall);
    std::printf("%-11s %10.3f %10.3f %8zu | %12.3f %12.3f %14.3f | %8.2fx %8.2fx\n", kind.c_str(), w, median(cpus),
                rows, qr, median(q_cpu), pw, qr > 0 ? w / qr : 0.0, pw > 0 ? w / pw : 0.0);
  }
  std::cout << "\nwall/cpu: the report end to end in this process (read, aggregate, document, JSON), median of "
            << repeat << ";\nsql query: the sqlite3 shell's `.timer on` total for the same aggregation as plain SQL; "
               "sqlite3 proc: the shell process's wall time;\nvs: the report's wall time over the SQL's.\n";
  return status;
}
