// The scheduler's benchmark of issue 4: a region (bench/region/make_region.py: N schools, the five
// seed plans over two school years) expanded into tasks and stored, against a plain SQLite insert of
// the same rows. Multi-second single runs, so not Google Benchmark's statistics loop: every phase
// runs in its own child process (this program re-executed with --phase) on a fresh SQLite file, so
// its peak RSS (getrusage ru_maxrss) is its own.
//
//   scheduler_bench REGION_DIR [--repeat 3] [--json FILE] [--tmp DIR] [--cache-mb N] [--keep]
//
// Phases (timed with steady_clock and process CPU time; the median run of --repeat is reported):
//   reference  a plain insert of exactly N rows (N = the full expansion's tasks) into a table with the
//              columns of `tasks` (rowid table, no index), one transaction, one prepared statement,
//              the expansion's own values; the untimed set-up expands the plans to get them
//   full       load the plans, read directory / events / production calendar, expand each plan,
//              open_store, one transaction: save_plans + apply_tasks per plan, commit
//   replan     (set-up: the full phase, untimed) one item's deadline changed in memory (a month window
//              that fans out to every school), that plan re-expanded and applied in a transaction;
//              the tasks touched must be exactly that item's tasks
//   noop       (set-up: the full phase, untimed) every plan re-expanded and applied unchanged: 0 rows
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
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "load/plan_loader.hpp"
#include "model/plan.hpp"
#include "scheduler/expand.hpp"
#include "scheduler/inputs.hpp"
#include "scheduler/task.hpp"
#include "store/plan_repository.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"
#include "store/task_repository.hpp"

namespace fs = std::filesystem;
namespace sch = roadmap::scheduler;
namespace st = roadmap::store;
using roadmap::model::Plan;

namespace {

[[noreturn]] void die(const std::string& msg) {
  std::cerr << "scheduler_bench: " << msg << "\n";
  std::exit(1);
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

// --- the region

struct Region {
  std::vector<std::string> files;
  std::vector<Plan> plans;
  sch::InputFiles inputs;
  std::vector<sch::Expansion> expansions;
  std::size_t tasks() const {
    std::size_t n = 0;
    for (const auto& e : expansions) n += e.tasks.size();
    return n;
  }
};

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

void load_plans(Region& r) {
  for (const auto& f : r.files) {
    auto load = roadmap::load::load_plan_file(f);
    if (!load.ok()) die("plan " + f + ":\n" + roadmap::diag::render_all(load.diagnostics, roadmap::i18n::Lang::en));
    r.plans.push_back(std::move(*load.plan));
  }
}

void read_inputs(Region& r) {
  roadmap::diag::Diagnostics d;
  bool ok = r.inputs.calendar(d) != nullptr;
  for (const auto& p : r.plans) {
    ok = r.inputs.directory_for(p, d) && ok;
    r.inputs.events_for(p, d);
  }
  if (!ok || d.has_errors()) die("region inputs:\n" + roadmap::diag::render_all(d, roadmap::i18n::Lang::en));
}

sch::Expansion expand_plan(Region& r, const Plan& p) {
  roadmap::diag::Diagnostics d;
  sch::Inputs in;
  in.plan = &p;
  in.directory = r.inputs.directory_for(p, d);
  in.events = r.inputs.events_for(p, d);
  in.calendar = r.inputs.calendar(d);
  if (!in.directory || !in.calendar || d.has_errors())
    die("inputs of " + p.id + ":\n" + roadmap::diag::render_all(d, roadmap::i18n::Lang::en));
  auto e = sch::expand(in);
  if (!e.ok()) die("plan " + p.id + " does not expand:\n" + roadmap::diag::render_all(e.diagnostics, roadmap::i18n::Lang::en));
  return e;
}

// As planning::load_and_schedule does: the plans expand side by side (scheduler::expand_all).
void expand_all(Region& r) {
  roadmap::diag::Diagnostics d;
  std::vector<sch::Inputs> inputs;
  for (const auto& p : r.plans) {
    sch::Inputs in;
    in.plan = &p;
    in.directory = r.inputs.directory_for(p, d);
    in.events = r.inputs.events_for(p, d);
    in.calendar = r.inputs.calendar(d);
    if (!in.directory || !in.calendar || d.has_errors())
      die("inputs of " + p.id + ":\n" + roadmap::diag::render_all(d, roadmap::i18n::Lang::en));
    inputs.push_back(std::move(in));
  }
  r.expansions = sch::expand_all(inputs);
  for (std::size_t i = 0; i < r.plans.size(); ++i)
    if (!r.expansions[i].ok())
      die("plan " + r.plans[i].id + " does not expand:\n" +
          roadmap::diag::render_all(r.expansions[i].diagnostics, roadmap::i18n::Lang::en));
}

std::string fresh_db(const std::string& tmp, const std::string& phase) {
  fs::create_directories(tmp);
  std::string path = (fs::path(tmp) / ("scheduler_bench-" + phase + "-" + std::to_string(getpid()) + ".sqlite")).string();
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
  return path;
}

// --cache-mb: SQLite's page cache for every connection of the run (0: SQLite's default, 2 MB).
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

// The full expansion with persistence, the way `roadmap load` does it. `sub` gets sub-phase times.
void full_load(Region& r, st::Database& db, Result* res) {
  Clock c;
  auto lap = [&](const char* name, Clock& t) {
    if (res) res->v[std::string("ms_") + name] = t.wall_ms();
    t = Clock{};
  };
  Clock t;
  load_plans(r);
  lap("load_plans", t);
  read_inputs(r);
  lap("read_inputs", t);
  expand_all(r);
  lap("expand", t);
  st::Transaction tx(db);
  st::save_plans(db, r.plans);
  lap("save_plans", t);
  // As planning::load_and_schedule does: a load bringing many new tasks builds the scattered
  // indexes once, sorted, at the end.
  std::size_t incoming = 0;
  for (const auto& x : r.expansions) incoming += x.tasks.size();
  st::BulkTaskIndexes bulk(db, incoming);
  for (std::size_t i = 0; i < r.plans.size(); ++i) {
    auto diff = st::apply_tasks(db, r.plans[i].id, r.expansions[i].tasks, "bench");
    if (diff.created != r.expansions[i].tasks.size()) die("full: not every task was created for " + r.plans[i].id);
  }
  lap("apply_tasks", t);
  bulk.rebuild();
  lap("index_rebuild", t);
  tx.commit();
  lap("commit", t);
  if (res) {
    res->v["wall_ms"] = c.wall_ms();
    res->v["cpu_ms"] = c.cpu_ms();
  }
}

const char* iso(const std::optional<sch::Date>& d, char (&buf)[32]) {
  if (!d) return nullptr;
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d->year()), unsigned(d->month()), unsigned(d->day()));
  return buf;
}

// --- phases (in the child)

Result phase_reference(const std::string& region, const std::string& tmp) {
  Region r;
  r.files = plan_files(region);
  load_plans(r);
  read_inputs(r);
  expand_all(r);
  std::string path = fresh_db(tmp, "reference");
  Result res;
  {
    st::Database db(path);
    tune(db);
    db.exec(R"(CREATE TABLE tasks (
      id INTEGER PRIMARY KEY, key TEXT, plan_id TEXT, item_key TEXT, sub INTEGER, clause INTEGER,
      occurrence TEXT, kind TEXT, label TEXT, directory_id TEXT, assignee_kind TEXT, assignee TEXT,
      via TEXT, role TEXT, opens TEXT, due TEXT, timezone TEXT, waiting TEXT, waits_for TEXT,
      status TEXT, cancelled_by TEXT, done_on TEXT, result TEXT, version INTEGER,
      created_at TEXT, updated_at TEXT, created_run INTEGER))");
    const std::string now = st::utc_now_iso();
    Clock c;
    std::size_t rows = 0;
    {
      st::Transaction tx(db);
      auto ins = db.prepare(
          "INSERT INTO tasks (key, plan_id, item_key, sub, clause, occurrence, kind, label, directory_id, "
          "assignee_kind, assignee, via, role, opens, due, timezone, waiting, waits_for, status, cancelled_by, "
          "done_on, result, version, created_at, updated_at, created_run) "
          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'planned',NULL,NULL,NULL,1,?,?,1)");
      char b1[32], b2[32];
      for (const auto& e : r.expansions) {
        for (const auto& t : e.tasks) {
          ins.reset();
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
  Region r;
  r.files = plan_files(region);
  std::string path = fresh_db(tmp, "full");
  Result res;
  {
    Clock c;
    st::Database db = st::open_store(path);
    tune(db);
    double open_ms = c.wall_ms();
    full_load(r, db, &res);
    res.v["ms_open_store"] = open_ms;
    res.v["wall_ms"] += open_ms;
    res.v["cpu_ms"] = c.cpu_ms();
    res.v["rows"] = static_cast<double>(r.tasks());
  }
  res.v["db_mb"] = fs::file_size(path) / 1048576.0;
  remove_db(path);
  return res;
}

// The item of the re-plan: the one with the most tasks among items without sub-measures whose
// tasks are all month windows given to schools; and a month that moves every one of its tasks.
struct Edit {
  std::size_t plan = 0, section = 0, item = 0;
  std::string key, old_deadline, new_deadline;
  std::size_t tasks = 0;
};

const char* const kMonths[] = {"январь", "февраль", "март",     "апрель",  "май",    "июнь",
                               "июль",   "август",  "сентябрь", "октябрь", "ноябрь", "декабрь"};

std::vector<const sch::PlannedTask*> tasks_of(const sch::Expansion& e, const std::string& item) {
  std::vector<const sch::PlannedTask*> out;
  for (const auto& t : e.tasks)
    if (t.item_key == item) out.push_back(&t);
  return out;
}

Edit choose_edit(Region& r) {
  struct Cand { std::size_t plan, section, item, tasks; std::string key; };
  std::vector<Cand> cands;
  for (std::size_t pi = 0; pi < r.plans.size(); ++pi) {
    Plan& p = r.plans[pi];
    for (std::size_t si = 0; si < p.sections.size(); ++si) {
      for (std::size_t ii = 0; ii < p.sections[si].items.size(); ++ii) {
        const auto& item = p.sections[si].items[ii];
        if (!item.sub_measures.empty() || item.schedule) continue;
        std::string key = roadmap::model::item_key(p, si, item);
        auto ts = tasks_of(r.expansions[pi], key);
        bool windows = !ts.empty() && std::all_of(ts.begin(), ts.end(), [](const sch::PlannedTask* t) {
          return t->kind == sch::TaskKind::window && t->assignee_kind == sch::AssigneeKind::school;
        });
        if (windows) cands.push_back({pi, si, ii, ts.size(), key});
      }
    }
  }
  std::stable_sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) { return a.tasks > b.tasks; });
  for (const auto& c : cands) {
    Plan& p = r.plans[c.plan];
    auto& item = p.sections[c.section].items[c.item];
    const std::string old = item.deadline;
    auto before = tasks_of(r.expansions[c.plan], c.key);
    std::map<std::string, const sch::PlannedTask*> by_key;
    for (const auto* t : before) by_key[t->key] = t;
    for (const char* m : kMonths) {
      if (old == m) continue;
      item.deadline = m;
      sch::Inputs in;
      roadmap::diag::Diagnostics d;
      in.plan = &p;
      in.directory = r.inputs.directory_for(p, d);
      in.events = r.inputs.events_for(p, d);
      in.calendar = r.inputs.calendar(d);
      auto e = sch::expand(in);
      item.deadline = old;
      if (!e.ok()) continue;
      auto after = tasks_of(e, c.key);
      if (after.size() != before.size()) continue;
      bool all_moved = std::all_of(after.begin(), after.end(), [&](const sch::PlannedTask* t) {
        auto it = by_key.find(t->key);
        return it != by_key.end() && !it->second->same_schedule(*t);
      });
      if (all_moved) return {c.plan, c.section, c.item, c.key, old, m, c.tasks};
    }
  }
  die("no item of the region can be re-planned by a month window");
}

Result phase_replan(const std::string& region, const std::string& tmp, bool change) {
  Region r;
  r.files = plan_files(region);
  std::string path = fresh_db(tmp, change ? "replan" : "noop");
  Result res;
  {
    st::Database db = st::open_store(path);
    tune(db);
    full_load(r, db, nullptr);
    std::vector<std::size_t> which;
    Edit edit;
    if (change) {
      edit = choose_edit(r);
      which.push_back(edit.plan);
      res.v["item_tasks"] = static_cast<double>(edit.tasks);
      std::cerr << "replan: plan " << r.plans[edit.plan].id << ", item " << edit.key << ": \"" << edit.old_deadline
                << "\" -> \"" << edit.new_deadline << "\" (" << edit.tasks << " tasks)\n";
    } else {
      for (std::size_t i = 0; i < r.plans.size(); ++i) which.push_back(i);
    }
    Clock c, t;
    if (change) r.plans[edit.plan].sections[edit.section].items[edit.item].deadline = edit.new_deadline;
    std::vector<sch::Expansion> fresh;
    for (auto i : which) fresh.push_back(expand_plan(r, r.plans[i]));
    res.v["ms_expand"] = t.wall_ms();
    t = Clock{};
    std::size_t touched = 0, other_items = 0, moved = 0, rows = 0;
    {
      st::Transaction tx(db);
      for (std::size_t k = 0; k < which.size(); ++k) {
        auto diff = st::apply_tasks(db, r.plans[which[k]].id, fresh[k].tasks, "bench");
        touched += diff.created + diff.moved + diff.cancelled + diff.restored;
        moved += diff.moved;
        for (const auto& ch : diff.changes)
          if (!change || ch.task.item_key != edit.key) ++other_items;
        rows += fresh[k].tasks.size();
      }
      tx.commit();
    }
    res.v["ms_apply_tasks"] = t.wall_ms();
    res.v["wall_ms"] = c.wall_ms();
    res.v["cpu_ms"] = c.cpu_ms();
    res.v["rows"] = static_cast<double>(touched);
    res.v["desired"] = static_cast<double>(rows);
    res.v["other_items"] = static_cast<double>(other_items);
    if (change && (touched != edit.tasks || moved != edit.tasks || other_items != 0))
      die("replan touched " + std::to_string(touched) + " tasks (" + std::to_string(moved) + " moved, " +
          std::to_string(other_items) + " of other items); the item has " + std::to_string(edit.tasks));
    if (!change && touched != 0) die("a re-plan with nothing changed wrote " + std::to_string(touched) + " tasks");
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
  std::map<std::string, Result> median;
  for (const char* ph : phases) {
    std::vector<Result> runs;
    for (int k = 0; k < repeat; ++k) {
      std::vector<std::string> args{region, "--phase", ph, "--tmp", tmp, "--cache-mb", std::to_string(g_cache_mb)};
      if (g_keep) args.push_back("--keep");
      runs.push_back(run_child(self, args));
      std::cerr << ph << " run " << (k + 1) << ": " << runs.back().str() << "\n";
    }
    std::sort(runs.begin(), runs.end(), [](const Result& a, const Result& b) { return a.v.at("wall_ms") < b.v.at("wall_ms"); });
    Result m = runs[runs.size() / 2];
    double rss = 0;
    for (const auto& r : runs) rss = std::max(rss, r.v.at("rss_mb"));
    m.v["rss_mb"] = rss;
    m.v["wall_ms_min"] = runs.front().v.at("wall_ms");
    m.v["wall_ms_max"] = runs.back().v.at("wall_ms");
    median[ph] = m;
  }

  const double ref = median["reference"].v["wall_ms"];
  const char* what[] = {"(a) reference: plain SQLite insert", "(b) full expansion + persistence",
                        "(c) re-plan, one item changed", "(d) re-plan, nothing changed"};
  std::printf("region %s, median of %d run(s) a phase, each in its own process and SQLite file; page cache %s\n\n",
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
  std::printf("\n(b) by sub-phase, ms: open_store %.1f, load plans %.1f, read directory/events/calendar %.1f, "
              "expand %.1f, save_plans %.1f, apply_tasks %.1f, index rebuild %.1f, commit %.1f\n",
              f["ms_open_store"], f["ms_load_plans"], f["ms_read_inputs"], f["ms_expand"], f["ms_save_plans"],
              f["ms_apply_tasks"], f["ms_index_rebuild"], f["ms_commit"]);
  auto& c = median["replan"].v;
  std::printf("(c) the changed item has %.0f tasks; touched %.0f (tasks of other items: %.0f); expand %.1f ms, apply %.1f ms\n",
              c["item_tasks"], c["rows"], c["other_items"], c["ms_expand"], c["ms_apply_tasks"]);
  auto& d = median["noop"].v;
  std::printf("(d) %.0f desired tasks compared, %.0f written; expand %.1f ms, apply %.1f ms\n", d["desired"], d["rows"],
              d["ms_expand"], d["ms_apply_tasks"]);
  const double ratio = ref > 0 ? f["wall_ms"] / ref : 0;
  std::printf("\ntargets: full expansion <= 3x the reference: %.2fx %s; one-item re-plan well under 1 s: %.0f ms %s\n", ratio,
              ratio <= 3.0 ? "OK" : "MISSED", c["wall_ms"], c["wall_ms"] < 1000 ? "OK" : "MISSED");

  if (!json.empty()) {
    std::ofstream o(json);
    o << "{\n  \"region\": \"" << region << "\",\n  \"repeat\": " << repeat << ",\n  \"cache_mb\": " << g_cache_mb
      << ",\n  \"phases\": {\n";
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
