// The scheduler's benchmark of issue 4: a region (bench/region/make_region.py: N schools, the five
// seed plans over two school years) expanded into tasks and stored, against a plain SQLite insert of
// the same rows. Multi-second single runs, so not Google Benchmark's statistics loop: every phase
// runs in its own child process (this program re-executed with --phase) on a fresh SQLite file, so
// its peak RSS (getrusage ru_maxrss) is its own. The phases run the code the commands run
// (planning::load_and_schedule, planning::replan) and time it from outside, step by step through
// planning::Options::on_step.
//
//   scheduler_bench REGION_DIR [--repeat 3] [--json FILE] [--tmp DIR] [--cache-mb N] [--keep]
//
// Phases (timed with steady_clock and process CPU time; --repeat rounds of the four, interleaved, and
// the median run of each phase reported):
//   reference  a plain insert of exactly N rows (N = the full expansion's tasks) into a table with the
//              columns of `tasks` as the store's schema has them (rowid table, no index, no
//              constraint), one transaction, one prepared statement, the expansion's own values;
//              the untimed set-up expands the plans to get them
//   full       what `roadmap load` does: read the plan files, planning::load_and_schedule (directory,
//              events and production calendar read, every plan expanded, one transaction: plans,
//              directory snapshot, task diffs, indexes rebuilt, commit)
//   replan     (set-up: the full phase, untimed) one item's deadline changed (a month window that
//              fans out to every school) and that plan loaded again, as `roadmap load FILE` after an
//              edit; the tasks touched must be exactly that item's tasks
//   noop       (set-up: the full phase, untimed) `roadmap schedule`: every stored plan re-planned
//              (planning::replan) with nothing changed; 0 rows may be written
// Exit status 1 when a generated plan does not expand cleanly (the diagnostics are printed), when a
// re-plan touches other tasks than the changed item's, or when a no-change re-plan writes anything.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "load/plan_loader.hpp"
#include "model/plan.hpp"
#include "planning/planning.hpp"
#include "scheduler/expand.hpp"
#include "scheduler/inputs.hpp"
#include "scheduler/task.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"
#include "store/task_repository.hpp"

namespace fs = std::filesystem;
namespace sch = roadmap::scheduler;
namespace st = roadmap::store;
namespace planning = roadmap::planning;
using roadmap::model::Plan;

namespace {

[[noreturn]] void die(const std::string& msg) {
  std::cerr << "scheduler_bench: " << msg << "\n";
  std::exit(1);
}

std::string render(const roadmap::diag::Diagnostics& d) {
  return roadmap::diag::render_all(d, roadmap::i18n::Lang::en);
}

// --- clocks

struct Clock {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  double cpu = cpu_now();
  static double cpu_now() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
  }
  double wall_ms() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall).count();
  }
  double cpu_ms() const { return cpu_now() - cpu; }
};

double peak_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;  // KiB on Linux
}

// What one phase reports (one line "key=value ..." on stdout of the child).
struct Result {
  std::map<std::string, double> v;
  std::string str() const {
    std::ostringstream o;
    o.precision(10);
    for (const auto& [k, x] : v) o << k << '=' << x << ' ';
    return o.str();
  }
  static Result parse(const std::string& line) {
    Result r;
    std::istringstream in(line);
    std::string tok;
    while (in >> tok) {
      auto eq = tok.find('=');
      if (eq != std::string::npos) r.v[tok.substr(0, eq)] = std::stod(tok.substr(eq + 1));
    }
    return r;
  }
};

// The planning steps' laps, each from the end of the one before: wall "ms_<step>", CPU "cpu_<step>"
// (all threads of the process: the plans expand side by side).
class StepTimer {
 public:
  explicit StepTimer(Result& res) : res_(res) {}
  void lap(const std::string& name) {
    res_.v["ms_" + name] += t_.wall_ms();
    res_.v["cpu_" + name] += t_.cpu_ms();
    t_ = Clock{};
  }
  void observe(planning::Options& o) {
    o.on_step = [this](planning::Step s) {
      switch (s) {
        case planning::Step::inputs_read: lap("read_inputs"); break;
        case planning::Step::expanded: lap("expand"); break;
        case planning::Step::plans_saved: lap("save_plans"); break;
        case planning::Step::tasks_applied: lap("apply_tasks"); break;
        case planning::Step::indexes_built: lap("index_rebuild"); break;
        case planning::Step::committed: lap("commit"); break;
      }
    };
  }

 private:
  Result& res_;
  Clock t_;
};

// --- the region

std::vector<std::string> plan_files(const std::string& region_dir) {
  std::vector<std::string> out;
  fs::path dir = fs::path(region_dir) / "plans";
  if (!fs::is_directory(dir)) die("no plans/ in " + region_dir + " (run bench/region/make_region.py)");
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".yaml") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  if (out.empty()) die("no plans in " + dir.string());
  return out;
}

// As `roadmap load` reads its files.
std::vector<Plan> load_plans(const std::vector<std::string>& files) {
  std::vector<Plan> plans;
  for (const auto& f : files) {
    auto load = roadmap::load::load_plan_file(f);
    if (!load.ok()) die("plan " + f + ":\n" + render(load.diagnostics));
    plans.push_back(std::move(*load.plan));
  }
  return plans;
}

std::string fresh_db(const std::string& tmp, const std::string& phase) {
  fs::create_directories(tmp);
  std::string path = (fs::path(tmp) / ("scheduler_bench-" + phase + "-" + std::to_string(getpid()) + ".sqlite")).string();
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
  return path;
}

// --cache-mb: SQLite's page cache for every connection of the run (0: SQLite's default).
int g_cache_mb = 0;

void tune(st::Database& db) {
  if (g_cache_mb > 0) db.exec("PRAGMA cache_size = -" + std::to_string(g_cache_mb * 1024));
}

bool g_keep = false;  // --keep: leave the SQLite files in --tmp for a look

void remove_db(const std::string& path) {
  if (g_keep) {
    std::cerr << "kept " << path << "\n";
    return;
  }
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
}

// Every plan's tasks created: what a first load into an empty store must report.
std::size_t check_created(const planning::Result& r) {
  if (!r.ok() || !r.applied) die("the load was not applied:\n" + render(r.diagnostics));
  std::size_t n = 0;
  for (const auto& p : r.plans) {
    if (!p.scheduled) die("plan " + p.plan_id + " was not scheduled");
    if (p.diff.created != p.tasks) die("not every task of " + p.plan_id + " was created");
    n += p.tasks;
  }
  return n;
}

// The full expansion with persistence, the way `roadmap load` does it; `res` gets the step times.
std::size_t full_load(const std::vector<std::string>& files, st::Database& db, Result* res) {
  Result scratch;
  Result& out = res ? *res : scratch;
  StepTimer steps(out);
  planning::Options o;
  o.actor = "bench";
  steps.observe(o);
  auto plans = load_plans(files);
  steps.lap("load_plans");
  return check_created(planning::load_and_schedule(db, std::move(plans), o));
}

// --- phases (in the child)

// The reference table: the columns of `tasks` as the store's schema has them now (so it follows any
// change of theirs), with their declared types and nothing else.
std::vector<std::string> task_columns(const std::string& tmp) {
  std::string path = fresh_db(tmp, "columns");
  std::vector<std::string> cols;
  {
    st::Database db = st::open_store(path);
    auto q = db.prepare("SELECT name, type FROM pragma_table_info('tasks') ORDER BY cid");
    while (q.step()) cols.push_back(q.column_text(0) + " " + q.column_text(1));
  }
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
  if (cols.empty() || cols.front() != "id INTEGER") die("tasks has no leading id INTEGER column");
  cols.front() = "id INTEGER PRIMARY KEY";
  return cols;
}

Result phase_reference(const std::string& region, const std::string& tmp) {
  // The values: the region expanded (untimed), as planning does it.
  auto plans = load_plans(plan_files(region));
  sch::InputFiles files;
  roadmap::diag::Diagnostics d;
  std::vector<sch::Inputs> inputs;
  for (const auto& p : plans) {
    sch::Inputs in{&p, files.directory_for(p, d), files.events_for(p, d), files.calendar(d), {}};
    if (!in.directory || !in.calendar) die("inputs of " + p.id + ":\n" + render(d));
    inputs.push_back(std::move(in));
  }
  auto expansions = sch::expand_all(inputs);
  for (const auto& e : expansions)
    if (!e.ok()) die("a plan does not expand:\n" + render(e.diagnostics));

  const auto columns = task_columns(tmp);
  std::string path = fresh_db(tmp, "reference");
  Result res;
  {
    st::Database db(path);
    tune(db);
    std::string ddl = "CREATE TABLE tasks (";
    for (std::size_t i = 0; i < columns.size(); ++i) ddl += (i ? ", " : "") + columns[i];
    db.exec(ddl + ")");
    const std::string now = st::utc_now_iso();
    Clock c;
    std::size_t rows = 0;
    {
      st::Transaction tx(db);
      // The columns a new task has values in; the others (done_on, result ...) stay NULL.
      auto ins = db.prepare(
          "INSERT INTO tasks (key, plan_id, item_key, sub, clause, occurrence, kind, label, directory_id, "
          "assignee_kind, assignee, via, role, opens, due, timezone, waiting, waits_for, status, version, "
          "created_at, updated_at, created_run) "
          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'planned',1,?,?,1)");
      char b1[32], b2[32];
      auto iso = [](const std::optional<sch::Date>& day, char(&buf)[32]) -> const char* {
        if (!day) return nullptr;
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(day->year()), unsigned(day->month()),
                      unsigned(day->day()));
        return buf;
      };
      for (const auto& e : expansions) {
        for (const auto& t : e.tasks) {
          ins.bind(1, t.key).bind(2, t.plan_id).bind(3, t.item_key).bind(4, t.sub).bind(5, t.clause);
          ins.bind(6, t.occurrence).bind(7, sch::to_string(t.kind)).bind(8, t.label).bind(9, t.directory_id);
          ins.bind(10, sch::to_string(t.assignee_kind)).bind(11, t.assignee).bind(12, t.via);
          ins.bind(13, sch::to_string(t.role));
          if (const char* s = iso(t.opens, b1)) ins.bind(14, std::string_view(s)); else ins.bind_null(14);
          if (const char* s = iso(t.due, b2)) ins.bind(15, std::string_view(s)); else ins.bind_null(15);
          ins.bind(16, t.timezone).bind(17, sch::to_string(t.waiting)).bind(18, t.waits_for);
          ins.bind(19, now).bind(20, now);
          ins.run();
          ++rows;
        }
      }
      tx.commit();
    }
    res.v["wall_ms"] = c.wall_ms();
    res.v["cpu_ms"] = c.cpu_ms();
    res.v["rows"] = static_cast<double>(rows);
  }
  res.v["db_mb"] = fs::file_size(path) / 1048576.0;
  remove_db(path);
  return res;
}

Result phase_full(const std::string& region, const std::string& tmp) {
  auto files = plan_files(region);
  std::string path = fresh_db(tmp, "full");
  Result res;
  {
    Clock c;
    st::Database db = st::open_store(path);
    tune(db);
    res.v["ms_open_store"] = c.wall_ms();
    res.v["rows"] = static_cast<double>(full_load(files, db, &res));
    res.v["wall_ms"] = c.wall_ms();
    res.v["cpu_ms"] = c.cpu_ms();
  }
  res.v["db_mb"] = fs::file_size(path) / 1048576.0;
  remove_db(path);
  return res;
}

// The item of the re-plan: among items without sub-measures whose tasks are all month windows of
// schools, the one with the most tasks; and a month that moves every one of them (found with dry runs).
struct Edit {
  std::size_t plan = 0, section = 0, item = 0;
  std::string key, old_deadline, new_deadline;
  std::size_t tasks = 0;
};

const char* const kMonths[] = {"январь", "февраль", "март",     "апрель",  "май",    "июнь",
                               "июль",   "август",  "сентябрь", "октябрь", "ноябрь", "декабрь"};

// Only that item's tasks, all of them, moved: nothing created, cancelled or restored.
bool moves_exactly(const st::PlanDiff& diff, const std::string& item, std::size_t tasks) {
  if (diff.moved != tasks || diff.created + diff.cancelled + diff.restored != 0) return false;
  return std::all_of(diff.changes.begin(), diff.changes.end(),
                     [&](const st::TaskChange& c) { return c.task.item_key == item; });
}

Edit choose_edit(st::Database& db, std::vector<Plan>& plans) {
  struct Cand { std::size_t plan, section, item, tasks; std::string key; };
  std::vector<Cand> cands;
  auto q = db.prepare(
      "SELECT count(*), sum(kind = 'window' AND assignee_kind = 'school') FROM tasks WHERE plan_id = ? AND "
      "item_key = ?");
  for (std::size_t pi = 0; pi < plans.size(); ++pi) {
    Plan& p = plans[pi];
    for (std::size_t si = 0; si < p.sections.size(); ++si) {
      for (std::size_t ii = 0; ii < p.sections[si].items.size(); ++ii) {
        const auto& item = p.sections[si].items[ii];
        if (!item.sub_measures.empty() || item.schedule) continue;
        std::string key = roadmap::model::item_key(p, si, item);
        q.bind_all(p.id, key);
        q.step();
        auto n = static_cast<std::size_t>(q.column_int(0));
        bool windows = n > 0 && q.column_int(1) == q.column_int(0);
        q.reset();
        if (windows) cands.push_back({pi, si, ii, n, key});
      }
    }
  }
  std::stable_sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) { return a.tasks > b.tasks; });
  for (const auto& c : cands) {
    auto& item = plans[c.plan].sections[c.section].items[c.item];
    const std::string old = item.deadline;
    for (const char* m : kMonths) {
      if (old == m) continue;
      item.deadline = m;
      planning::Options dry;
      dry.dry_run = true;
      auto r = planning::load_and_schedule(db, {plans[c.plan]}, dry);
      item.deadline = old;
      if (r.ok() && r.plans.size() == 1 && moves_exactly(r.plans[0].diff, c.key, c.tasks))
        return {c.plan, c.section, c.item, c.key, old, m, c.tasks};
    }
  }
  die("no item of the region can be re-planned by a month window");
}

Result phase_replan(const std::string& region, const std::string& tmp, bool change) {
  auto files = plan_files(region);
  std::string path = fresh_db(tmp, change ? "replan" : "noop");
  Result res;
  {
    st::Database db = st::open_store(path);
    tune(db);
    full_load(files, db, nullptr);
    planning::Options o;
    o.actor = "bench";
    planning::Result r;
    if (change) {
      auto plans = load_plans(files);
      Edit edit = choose_edit(db, plans);
      res.v["item_tasks"] = static_cast<double>(edit.tasks);
      std::cerr << "replan: plan " << plans[edit.plan].id << ", item " << edit.key << ": \"" << edit.old_deadline
                << "\" -> \"" << edit.new_deadline << "\" (" << edit.tasks << " tasks)\n";
      plans[edit.plan].sections[edit.section].items[edit.item].deadline = edit.new_deadline;
      std::vector<Plan> one{std::move(plans[edit.plan])};
      Clock c;
      StepTimer steps(res);
      steps.observe(o);
      r = planning::load_and_schedule(db, std::move(one), o);
      res.v["wall_ms"] = c.wall_ms();
      res.v["cpu_ms"] = c.cpu_ms();
      if (!r.ok() || !r.applied || r.plans.size() != 1) die("the re-plan was not applied:\n" + render(r.diagnostics));
      const auto& diff = r.plans[0].diff;
      std::size_t touched = diff.created + diff.moved + diff.cancelled + diff.restored;
      std::size_t others = 0;
      for (const auto& ch : diff.changes) others += ch.task.item_key != edit.key;
      res.v["rows"] = static_cast<double>(touched);
      res.v["desired"] = static_cast<double>(r.plans[0].tasks);
      res.v["other_items"] = static_cast<double>(others);
      if (!moves_exactly(diff, edit.key, edit.tasks))
        die("replan touched " + std::to_string(touched) + " tasks (" + std::to_string(diff.moved) + " moved, " +
            std::to_string(others) + " of other items); the item has " + std::to_string(edit.tasks));
    } else {
      Clock c;
      StepTimer steps(res);
      steps.observe(o);
      r = planning::replan(db, {}, o);
      res.v["wall_ms"] = c.wall_ms();
      res.v["cpu_ms"] = c.cpu_ms();
      if (!r.ok() || !r.applied) die("the re-plan was not applied:\n" + render(r.diagnostics));
      std::size_t touched = 0, desired = 0;
      for (const auto& p : r.plans) {
        touched += p.diff.created + p.diff.moved + p.diff.cancelled + p.diff.restored;
        desired += p.tasks;
      }
      res.v["rows"] = static_cast<double>(touched);
      res.v["desired"] = static_cast<double>(desired);
      if (touched != 0) die("a re-plan with nothing changed wrote " + std::to_string(touched) + " tasks");
    }
  }
  remove_db(path);
  return res;
}

// --- the parent: one child a phase run

Result run_child(const std::string& self, const std::vector<std::string>& args) {
  int fd[2];
  if (pipe(fd) != 0) die("pipe failed");
  pid_t pid = fork();
  if (pid < 0) die("fork failed");
  if (pid == 0) {
    dup2(fd[1], STDOUT_FILENO);
    close(fd[0]);
    close(fd[1]);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(self.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(self.c_str(), argv.data());
    _exit(127);
  }
  close(fd[1]);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  close(fd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) die("phase " + args[1] + " failed");
  auto pos = out.rfind("RESULT ");
  if (pos == std::string::npos) die("phase " + args[1] + " printed no result");
  return Result::parse(out.substr(pos + 7));
}

// The 1, 5 and 15 minute load averages: other builds on a shared machine make wall times vary.
std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

std::string json_number(double x) {
  std::ostringstream o;
  o.precision(6);
  o << x;
  return o.str();
}

}  // namespace

int main(int argc, char** argv) {
  std::string region, phase, json, tmp = fs::temp_directory_path().string();
  int repeat = 3;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) die(a + " needs a value");
      return argv[++i];
    };
    if (a == "--repeat") repeat = std::max(1, std::atoi(value().c_str()));
    else if (a == "--phase") phase = value();
    else if (a == "--json") json = value();
    else if (a == "--tmp") tmp = value();
    else if (a == "--keep") g_keep = true;
    else if (a == "--cache-mb") g_cache_mb = std::max(0, std::atoi(value().c_str()));
    else if (a == "-h" || a == "--help") {
      std::cout << "usage: scheduler_bench REGION_DIR [--repeat N] [--json FILE] [--tmp DIR] [--cache-mb N] [--keep]\n";
      return 0;
    } else if (!a.empty() && a[0] == '-') die("unknown option " + a);
    else region = a;
  }
  if (region.empty()) die("usage: scheduler_bench REGION_DIR [--repeat N] [--json FILE] [--tmp DIR]");

  if (!phase.empty()) {  // the child
    try {
      Result r;
      if (phase == "reference") r = phase_reference(region, tmp);
      else if (phase == "full") r = phase_full(region, tmp);
      else if (phase == "replan") r = phase_replan(region, tmp, true);
      else if (phase == "noop") r = phase_replan(region, tmp, false);
      else die("unknown phase " + phase);
      r.v["rss_mb"] = peak_rss_mb();
      std::cout << "RESULT " << r.str() << std::endl;
      return 0;
    } catch (const std::exception& e) {
      die(phase + ": " + e.what());
    }
  }

  const std::string self = fs::read_symlink("/proc/self/exe").string();
  const char* phases[] = {"reference", "full", "replan", "noop"};
  // Round by round (a, b, c, d, then again), so the reference and the full expansion it is compared
  // with see the same load of a shared machine rather than one phase its quiet minutes, the next
  // its busy ones.
  const std::string load_before = load_average();
  std::map<std::string, std::vector<Result>> runs;
  for (int k = 0; k < repeat; ++k) {
    for (const char* ph : phases) {
      std::vector<std::string> args{region, "--phase", ph, "--tmp", tmp, "--cache-mb", std::to_string(g_cache_mb)};
      if (g_keep) args.push_back("--keep");
      runs[ph].push_back(run_child(self, args));
      std::cerr << ph << " run " << (k + 1) << ": " << runs[ph].back().str() << "\n";
    }
  }
  const std::string load_after = load_average();
  // Each round's own ratio of (b) to (a), the spread the medians hide.
  std::vector<double> round_wall, round_cpu;
  for (int k = 0; k < repeat; ++k) {
    const auto& a = runs["reference"][k].v;
    const auto& b = runs["full"][k].v;
    round_wall.push_back(b.at("wall_ms") / a.at("wall_ms"));
    round_cpu.push_back(b.at("cpu_ms") / a.at("cpu_ms"));
  }
  std::map<std::string, Result> median;
  for (const char* ph : phases) {
    auto& r = runs[ph];
    std::sort(r.begin(), r.end(), [](const Result& a, const Result& b) { return a.v.at("wall_ms") < b.v.at("wall_ms"); });
    Result m = r[r.size() / 2];
    double rss = 0;
    for (const auto& x : r) rss = std::max(rss, x.v.at("rss_mb"));
    m.v["rss_mb"] = rss;
    m.v["wall_ms_min"] = r.front().v.at("wall_ms");
    m.v["wall_ms_max"] = r.back().v.at("wall_ms");
    median[ph] = m;
  }

  const double ref = median["reference"].v["wall_ms"];
  const char* what[] = {"(a) reference: plain SQLite insert", "(b) full expansion + persistence",
                        "(c) re-plan, one item changed", "(d) re-plan, nothing changed"};
  std::printf("region %s, median of %d round(s) of the four phases, each phase in its own process and SQLite file; "
              "page cache %s\n\n",
              region.c_str(), repeat, g_cache_mb ? (std::to_string(g_cache_mb) + " MB").c_str() : "SQLite's default");
  const double ref_cpu = median["reference"].v["cpu_ms"];
  std::printf("%-38s %10s %10s %10s %12s %11s %10s\n", "phase", "rows", "wall ms", "CPU ms", "peak RSS MB", "wall/(a)",
              "CPU/(a)");
  for (std::size_t i = 0; i < 4; ++i) {
    auto& v = median[phases[i]].v;
    std::printf("%-38s %10.0f %10.1f %10.1f %12.1f %10.2fx %9.2fx\n", what[i], v["rows"], v["wall_ms"], v["cpu_ms"],
                v["rss_mb"], ref > 0 ? v["wall_ms"] / ref : 0.0, ref_cpu > 0 ? v["cpu_ms"] / ref_cpu : 0.0);
  }
  auto& f = median["full"].v;
  std::printf("\n(b) by step, wall / CPU ms: open_store %.0f, load plans %.0f / %.0f, read directory/events/calendar "
              "%.0f / %.0f, expand %.0f / %.0f, save_plans %.0f / %.0f, apply_tasks %.0f / %.0f, index rebuild %.0f / "
              "%.0f, commit %.0f / %.0f\n",
              f["ms_open_store"], f["ms_load_plans"], f["cpu_load_plans"], f["ms_read_inputs"], f["cpu_read_inputs"],
              f["ms_expand"], f["cpu_expand"], f["ms_save_plans"], f["cpu_save_plans"], f["ms_apply_tasks"],
              f["cpu_apply_tasks"], f["ms_index_rebuild"], f["cpu_index_rebuild"], f["ms_commit"], f["cpu_commit"]);
  auto& c = median["replan"].v;
  std::printf("(c) the changed item has %.0f tasks; touched %.0f (tasks of other items: %.0f); read inputs %.1f ms, "
              "expand %.1f ms, save plan %.1f ms, apply %.1f ms, commit %.1f ms\n",
              c["item_tasks"], c["rows"], c["other_items"], c["ms_read_inputs"], c["ms_expand"], c["ms_save_plans"],
              c["ms_apply_tasks"], c["ms_commit"]);
  auto& d = median["noop"].v;
  std::printf("(d) %.0f desired tasks compared, %.0f written; read plans and inputs %.1f ms, expand %.1f ms, "
              "apply %.1f ms\n",
              d["desired"], d["rows"], d["ms_read_inputs"], d["ms_expand"], d["ms_apply_tasks"]);
  auto spread = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2fx-%.2fx", v.front(), v.back());
    return std::string(buf);
  };
  std::printf("(b)/(a) round by round: wall %s, CPU %s; load average %s before, %s after\n",
              spread(round_wall).c_str(), spread(round_cpu).c_str(), load_before.c_str(), load_after.c_str());
  const double ratio = ref > 0 ? f["wall_ms"] / ref : 0;
  std::printf("\ntargets: full expansion <= 3x the reference: %.2fx %s; one-item re-plan well under 1 s: %.0f ms %s\n", ratio,
              ratio <= 3.0 ? "OK" : "MISSED", c["wall_ms"], c["wall_ms"] < 1000 ? "OK" : "MISSED");

  if (!json.empty()) {
    std::ofstream o(json);
    o << "{\n  \"region\": \"" << region << "\",\n  \"repeat\": " << repeat << ",\n  \"cache_mb\": " << g_cache_mb
      << ",\n  \"load_average_before\": \"" << load_before << "\",\n  \"load_average_after\": \"" << load_after
      << "\",\n  \"phases\": {\n";
    for (std::size_t i = 0; i < 4; ++i) {
      o << "    \"" << phases[i] << "\": {";
      bool first = true;
      for (const auto& [k, x] : median[phases[i]].v) {
        o << (first ? "" : ", ") << '"' << k << "\": " << json_number(x);
        first = false;
      }
      o << ", \"ratio_to_reference\": " << json_number(ref > 0 ? median[phases[i]].v["wall_ms"] / ref : 0)
        << ", \"cpu_ratio_to_reference\": " << json_number(ref_cpu > 0 ? median[phases[i]].v["cpu_ms"] / ref_cpu : 0) << "}"
        << (i + 1 < 4 ? ",\n" : "\n");
    }
    o << "  }\n}\n";
  }
  return 0;
}
