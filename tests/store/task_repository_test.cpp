// Tasks in the store: schema migration 1 -> 2, re-planning as a diff (create, unchanged, move,
// cancel, restore; nothing deleted, history untouched, items skipped by digest), the append-only
// audit log, optimistic concurrency, queries, the agenda and items done. Real SQLite files.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

#include "plan_fixture.hpp"
#include "store/plan_repository.hpp"
#include "store/schema.hpp"
#include "store/task_repository.hpp"
#include "temp_dir.hpp"

using namespace roadmap;
using namespace roadmap::store;
using roadmap::testing::TempDir;
using scheduler::PlannedTask;
using Ymd = std::chrono::year_month_day;

namespace {

constexpr const char* kPlan = "khabarovsk-vpr-2021";

Ymd ymd(int y, unsigned m, unsigned d) {
  return Ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

PlannedTask task(const std::string& item, const std::string& occurrence, const std::string& assignee,
                 std::optional<Ymd> due, scheduler::AssigneeKind kind = scheduler::AssigneeKind::body) {
  PlannedTask t;
  t.plan_id = kPlan;
  t.item_key = item;
  t.occurrence = occurrence;
  t.assignee_kind = kind;
  t.assignee = assignee;
  t.key = fmt::format("{}|{}|0|0|{}|{}:{}|lead", kPlan, item, occurrence, to_string(kind), assignee);
  t.kind = due ? scheduler::TaskKind::date : scheduler::TaskKind::on_demand;
  t.label = "метка " + occurrence;
  t.directory_id = "khv";
  t.due = due;
  if (due) t.opens = Ymd{std::chrono::sys_days{*due} - std::chrono::days{10}};
  t.timezone = "Asia/Vladivostok";
  return t;
}

// Items 1.1 (two bodies), 1.2 (a school, and a waiting task), 2.1 (one body).
std::vector<PlannedTask> baseline() {
  std::vector<PlannedTask> v;
  v.push_back(task("1.1", "1", "ОИВ", ymd(2021, 8, 31)));
  v.push_back(task("1.1", "1", "РЦОКО", ymd(2021, 9, 30)));
  v.push_back(task("1.2", "1", "sosh-11", ymd(2021, 10, 15), scheduler::AssigneeKind::school));
  auto w = task("1.2", "2", "sosh-11", std::nullopt, scheduler::AssigneeKind::school);
  w.kind = scheduler::TaskKind::after_item;
  w.waiting = scheduler::Waiting::item;
  w.waits_for = "1.1";
  w.opens.reset();
  v.push_back(w);
  v.push_back(task("2.1", "1", "ОИВ", ymd(2021, 12, 1)));
  return v;
}

PlanDiff replan(Database& db, const std::vector<PlannedTask>& desired, const std::string& actor = "tester") {
  Transaction tx(db);
  auto d = apply_tasks(db, kPlan, desired, actor);
  tx.commit();
  return d;
}

std::int64_t scalar(Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  EXPECT_TRUE(st.step()) << sql;
  return st.column_int(0);
}

std::int64_t id_of(Database& db, const std::string& key) {
  auto st = db.prepare("SELECT id FROM tasks WHERE key = ?");
  st.bind_all(key);
  EXPECT_TRUE(st.step()) << key;
  return st.column_int(0);
}

StoredTask stored(Database& db, const std::string& key) {
  auto t = find_task(db, id_of(db, key));
  EXPECT_TRUE(t.has_value());
  return t ? *t : StoredTask{};
}

model::Directory directory() {
  model::Directory d;
  d.id = "khv";
  d.title = "Хабаровский край";
  d.timezone = "Asia/Vladivostok";
  model::DirectoryBody oiv;
  oiv.id = "ОИВ";
  oiv.short_name = "Минобрнауки";
  oiv.kind = model::BodyKind::authority;
  oiv.head = "ivanov";
  model::DirectoryBody rcoko;
  rcoko.id = "РЦОКО";
  rcoko.kind = model::BodyKind::institute;
  d.bodies = {oiv, rcoko};
  model::School s;
  s.id = "sosh-11";
  s.short_name = "МКОУ СОШ №11";
  s.body = "ОИВ";
  d.schools = {s};
  model::Person a;
  a.id = "ivanov";
  a.name = "Иванов И.И.";
  a.email = "Ivanov@Example.RU";
  a.role = model::Role::head;
  a.body = "ОИВ";
  model::Person b;
  b.id = "petrova";
  b.name = "Петрова П.П.";
  b.email = "petrova@sosh11.ru";
  b.school = "sosh-11";
  b.language = "en";
  d.people = {a, b};
  return d;
}

class Tasks : public ::testing::Test {
 protected:
  void SetUp() override {
    db = std::make_unique<Database>(open_store(dir.file("r.db")));
    save_plan(*db, roadmap::testing::sample_plan(kPlan));
  }
  TempDir dir;
  std::unique_ptr<Database> db;
};

// A filter from field names: filter({{"body", "ОИВ"}, {"limit", "2"}}).
TaskFilter filter(std::initializer_list<std::pair<std::string, std::string>> fields) {
  TaskFilter f;
  for (const auto& [name, value] : fields) {
    if (name == "plan_id") f.plan_id = value;
    else if (name == "body") f.body = value;
    else if (name == "school") f.school = value;
    else if (name == "person") f.person = value;
    else if (name == "month") f.month = value;
    else if (name == "status") f.status = value;
    else if (name == "item") f.item = value;
    else if (name == "waiting_only") f.waiting_only = value == "1";
    else if (name == "limit") f.limit = std::stoul(value);
    else if (name == "offset") f.offset = std::stoul(value);
    else ADD_FAILURE() << "no filter field " << name;
  }
  return f;
}

std::vector<std::string> keys(const std::vector<StoredTask>& v) {
  std::vector<std::string> out;
  for (const auto& t : v) out.push_back(t.task.key);
  return out;
}

}  // namespace

TEST(TaskSchema, MigratingAVersionOneFileKeepsItsPlans) {
  TempDir dir;
  auto plan = roadmap::testing::sample_plan(kPlan);
  {
    Database db(dir.file("r.db"));
    migrate(db, migrations().first(1));
    ASSERT_EQ(schema_version(db), 1);
    save_plan(db, plan);
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'tasks'"), 0);
  }
  Database db = open_store(dir.file("r.db"));
  EXPECT_EQ(schema_version(db), latest_schema_version());
  auto back = load_plan(db, kPlan);
  ASSERT_TRUE(back.has_value());
  roadmap::testing::expect_same_plan(plan, *back);
  for (const char* t : {"tasks", "task_audit", "schedule_runs", "item_task_digests", "dir_bodies", "dir_schools",
                        "dir_people"})
    EXPECT_EQ(scalar(db, fmt::format("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '{}'", t)),
              1)
        << t;
  auto d = replan(db, baseline());
  EXPECT_EQ(d.created, baseline().size());
}

TEST_F(Tasks, FirstApplyCreatesEveryTaskPlannedWithoutAuditRows) {
  auto d = replan(*db, baseline());
  EXPECT_EQ(d.created, 5u);
  EXPECT_EQ(d.moved + d.cancelled + d.restored + d.unchanged, 0u);
  EXPECT_FALSE(d.empty());
  EXPECT_TRUE(d.changes.empty()) << "creations are counted, not listed";
  for (const auto& t : baseline()) {
    auto s = stored(*db, t.key);
    EXPECT_GT(s.id, 0);
    EXPECT_EQ(s.task, t);  // every field round-trips
    EXPECT_EQ(s.status, "planned");
    EXPECT_EQ(s.version, 1);
    EXPECT_EQ(s.created_at, s.updated_at);
    EXPECT_EQ(s.created_at.size(), 20u) << s.created_at;
    EXPECT_EQ(s.created_at.back(), 'Z');
  }
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM task_audit"), 0);
  EXPECT_EQ(scalar(*db, "SELECT count(DISTINCT created_run) FROM tasks"), 1);
  EXPECT_EQ(scalar(*db, "SELECT created_run FROM tasks LIMIT 1"), d.run_id);
  auto run = db->prepare("SELECT actor, plan_id, created, unchanged, dry_run FROM schedule_runs WHERE id = ?");
  run.bind_all(d.run_id);
  ASSERT_TRUE(run.step());
  EXPECT_EQ(run.column_text(0), "tester");
  EXPECT_EQ(run.column_text(1), kPlan);
  EXPECT_EQ(run.column_int(2), 5);
  EXPECT_EQ(run.column_int(3), 0);
  EXPECT_EQ(run.column_int(4), 0);
  // Creations per item, in plan order.
  std::vector<std::string> counted;
  for (const auto& c : d.creations) counted.push_back(fmt::format("{}/{}: {}", c.item_key, c.sub, c.count));
  EXPECT_EQ(counted, (std::vector<std::string>{"1.1/0: 2", "1.2/0: 2", "2.1/0: 1"}));
}

TEST_F(Tasks, CreationsAreCountedPerSubMeasureInTheOrderOfTheirItems) {
  auto desired = baseline();
  for (int sub : {2, 1, 2}) {  // item 2.1's sub-measures, given out of order
    auto t = task("2.1", std::to_string(desired.size()), "ОИВ", ymd(2022, 3, 1));
    t.sub = sub;
    t.key = fmt::format("{}|2.1|{}|0|{}|body:ОИВ|lead", kPlan, sub, t.occurrence);
    desired.push_back(t);
  }
  auto dry = diff_tasks(*db, kPlan, desired);
  auto d = replan(*db, desired);
  for (const auto* diff : {&dry, &d}) {
    std::vector<std::string> counted;
    for (const auto& c : diff->creations) counted.push_back(fmt::format("{}/{}: {}", c.item_key, c.sub, c.count));
    EXPECT_EQ(counted, (std::vector<std::string>{"1.1/0: 2", "1.2/0: 2", "2.1/0: 1", "2.1/1: 1", "2.1/2: 2"}));
    EXPECT_EQ(diff->created, 8u);
  }
  // Once stored, nothing is created again.
  auto again = replan(*db, desired);
  EXPECT_TRUE(again.creations.empty());
  EXPECT_TRUE(again.empty());
}

TEST_F(Tasks, APreviewOfAPlanNotStoredYetCountsEveryTaskAsNewAndWritesNothing) {
  auto tasks = baseline();
  for (auto& t : tasks) {
    t.plan_id = "not-loaded-yet";
    t.key = "not-loaded-yet" + t.key.substr(std::string(kPlan).size());
  }
  int total_before = sqlite3_total_changes(db->handle());
  auto dry = diff_tasks(*db, "not-loaded-yet", tasks);
  EXPECT_EQ(dry.created, tasks.size());
  EXPECT_EQ(dry.creations.size(), 3u);
  EXPECT_TRUE(dry.changes.empty());
  EXPECT_EQ(sqlite3_total_changes(db->handle()), total_before);
  // Applying needs the plan's row.
  Transaction tx(*db);
  try {
    apply_tasks(*db, "not-loaded-yet", tasks, "tester");
    FAIL() << "tasks of a plan not stored were written";
  } catch (const Error& e) {
    EXPECT_EQ(e.message().key, "store.err.unknown_plan");
  }
}

TEST_F(Tasks, ReapplyingTheSameTasksWritesNothingButTheRunRecord) {
  replan(*db, baseline());
  auto before = query_tasks(*db, {});
  int total_before = sqlite3_total_changes(db->handle());
  auto reversed = baseline();
  std::reverse(reversed.begin(), reversed.end());  // order of the scheduler's output does not matter
  auto d = replan(*db, reversed);
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(d.unchanged, 5u);
  EXPECT_EQ(d.created + d.moved + d.cancelled + d.restored, 0u);
  // One INSERT and one UPDATE of schedule_runs; not a single task, audit or digest row.
  EXPECT_EQ(sqlite3_total_changes(db->handle()) - total_before, 2);
  auto after = query_tasks(*db, {});
  ASSERT_EQ(after.size(), before.size());
  for (std::size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].version, before[i].version);
    EXPECT_EQ(after[i].updated_at, before[i].updated_at);
  }
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM schedule_runs"), 2);
}

TEST_F(Tasks, ADryRunDiffWritesNothingAndAgreesWithTheApply) {
  replan(*db, baseline());
  auto desired = baseline();
  desired[0].due = ymd(2021, 8, 30);
  desired.erase(desired.begin() + 4);                  // 2.1 gone
  desired.push_back(task("1.1", "2", "ОИВ", ymd(2022, 1, 10)));
  int total_before = sqlite3_total_changes(db->handle());
  auto dry = diff_tasks(*db, kPlan, desired);
  EXPECT_EQ(sqlite3_total_changes(db->handle()), total_before);
  EXPECT_EQ(dry.run_id, 0);
  auto real = replan(*db, desired);
  EXPECT_EQ(dry.created, 1u);
  EXPECT_EQ(dry.moved, 1u);
  EXPECT_EQ(dry.cancelled, 1u);
  ASSERT_EQ(dry.changes.size(), 2u);  // the move and the cancellation; the creation is counted
  ASSERT_EQ(dry.changes.size(), real.changes.size());
  for (std::size_t i = 0; i < dry.changes.size(); ++i) {
    EXPECT_EQ(dry.changes[i].kind, real.changes[i].kind);
    EXPECT_EQ(dry.changes[i].task.key, real.changes[i].task.key);
  }
  ASSERT_EQ(dry.creations.size(), 1u);
  ASSERT_EQ(real.creations.size(), 1u);
  EXPECT_EQ(dry.creations[0].item_key, "1.1");
  EXPECT_EQ(real.creations[0].item_key, "1.1");
  EXPECT_EQ(dry.creations[0].count, 1u);
  EXPECT_EQ(dry.unchanged, real.unchanged);
}

TEST_F(Tasks, AChangedDateMovesTheTaskWithAnAuditRow) {
  replan(*db, baseline());
  auto desired = baseline();
  desired[0].due = ymd(2021, 8, 30);
  auto d = replan(*db, desired);
  EXPECT_EQ(d.moved, 1u);
  EXPECT_EQ(d.unchanged, 4u);
  ASSERT_EQ(d.changes.size(), 1u);
  const auto& c = d.changes[0];
  EXPECT_EQ(c.kind, ChangeKind::move);
  ASSERT_TRUE(c.before);
  EXPECT_EQ(c.before->due, ymd(2021, 8, 31));
  EXPECT_EQ(c.task.due, ymd(2021, 8, 30));
  auto s = stored(*db, desired[0].key);
  EXPECT_EQ(s.id, c.id);
  EXPECT_EQ(s.task.due, ymd(2021, 8, 30));
  EXPECT_EQ(s.version, 2);
  EXPECT_EQ(s.status, "planned");
  auto audit = task_audit(*db, s.id);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "moved");
  EXPECT_EQ(audit[0].from_value, "due 2021-08-31");
  EXPECT_EQ(audit[0].to_value, "due 2021-08-30");
  EXPECT_EQ(audit[0].actor, "tester");
  EXPECT_EQ(audit[0].run_id, d.run_id);
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM tasks"), 5);
}

TEST_F(Tasks, ATaskNoLongerPlannedIsCancelledAndRestoredWhenPlannedAgain) {
  replan(*db, baseline());
  auto without = baseline();
  const std::string gone = without[1].key;
  without.erase(without.begin() + 1);
  auto d = replan(*db, without);
  EXPECT_EQ(d.cancelled, 1u);
  ASSERT_EQ(d.changes.size(), 1u);
  EXPECT_EQ(d.changes[0].kind, ChangeKind::cancel);
  EXPECT_EQ(d.changes[0].task.key, gone);
  auto s = stored(*db, gone);
  EXPECT_EQ(s.status, "cancelled");
  EXPECT_EQ(s.cancelled_by, "plan");
  EXPECT_EQ(s.version, 2);
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM tasks"), 5);  // nothing deleted

  // Planned again, with another date: restored (and the move recorded).
  auto back = baseline();
  back[1].due = ymd(2021, 9, 29);
  auto r = replan(*db, back);
  EXPECT_EQ(r.restored, 1u);
  EXPECT_EQ(r.moved, 0u);
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].kind, ChangeKind::restore);
  EXPECT_EQ(r.changes[0].id, s.id);
  s = stored(*db, gone);
  EXPECT_EQ(s.status, "planned");
  EXPECT_EQ(s.cancelled_by, "");
  EXPECT_EQ(s.task.due, ymd(2021, 9, 29));
  EXPECT_EQ(s.version, 3);
  auto audit = task_audit(*db, s.id);
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[0].action, "cancelled");
  EXPECT_EQ(audit[0].reason, "store.reason.task_removed");
  EXPECT_EQ(audit[1].action, "restored");
  EXPECT_EQ(audit[2].action, "moved");
  EXPECT_EQ(audit[2].to_value, "due 2021-09-29");
}

TEST_F(Tasks, TheOpenTasksOfARemovedItemAreCancelled) {
  replan(*db, baseline());
  auto desired = baseline();
  desired.pop_back();  // 2.1
  auto d = replan(*db, desired);
  EXPECT_EQ(d.cancelled, 1u);
  EXPECT_EQ(d.unchanged, 4u);
  auto s = stored(*db, baseline().back().key);
  EXPECT_EQ(s.status, "cancelled");
  auto audit = task_audit(*db, s.id);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].reason, "store.reason.item_removed");
  // A second run has nothing left to do for it.
  auto again = replan(*db, desired);
  EXPECT_TRUE(again.empty());
  EXPECT_EQ(task_audit(*db, s.id).size(), 1u);
}

TEST_F(Tasks, DoneAndUserCancelledTasksAreNeverTouchedByAReplan) {
  replan(*db, baseline());
  auto base = baseline();
  auto done = stored(*db, base[0].key);
  update_status(*db, done.id, 1, "done", "ivanov", "сделано", ymd(2021, 8, 20));
  auto user_cancelled = stored(*db, base[1].key);
  update_status(*db, user_cancelled.id, 1, "cancelled", "ivanov", "не нужно");

  // The plan moves the done one and drops the cancelled one: neither is touched.
  auto desired = base;
  desired[0].due = ymd(2021, 7, 1);
  desired.erase(desired.begin() + 1);
  auto d = replan(*db, desired);
  EXPECT_TRUE(d.empty()) << d.changes.size();
  auto s = stored(*db, base[0].key);
  EXPECT_EQ(s.status, "done");
  EXPECT_EQ(s.task.due, ymd(2021, 8, 31));
  EXPECT_EQ(s.done_on, ymd(2021, 8, 20));
  EXPECT_EQ(s.version, 2);
  // Desired again, a user's cancellation is not restored by the plan.
  auto d2 = replan(*db, base);
  EXPECT_EQ(d2.restored, 0u);
  EXPECT_EQ(stored(*db, base[1].key).status, "cancelled");
  EXPECT_EQ(stored(*db, base[1].key).cancelled_by, "user");
}

TEST_F(Tasks, AnItemWhoseDigestIsUnchangedIsSkippedWithoutReadingItsRows) {
  replan(*db, baseline());
  // Tamper with a row of item 2.1 behind the store's back: a re-plan that reads 2.1 would move it.
  db->exec("UPDATE tasks SET due = '2030-01-01' WHERE item_key = '2.1'");
  auto desired = baseline();
  desired[0].due = ymd(2021, 8, 27);  // only item 1.1 changes
  auto before_12 = query_tasks(*db, filter({{"item", "1.2"}}));
  auto d = replan(*db, desired);
  EXPECT_EQ(d.moved, 1u);
  EXPECT_EQ(d.unchanged, 4u);
  for (const auto& c : d.changes) EXPECT_EQ(c.task.item_key, "1.1");
  EXPECT_EQ(stored(*db, desired.back().key).task.due, ymd(2030, 1, 1));  // 2.1 skipped
  auto after_12 = query_tasks(*db, filter({{"item", "1.2"}}));
  ASSERT_EQ(after_12.size(), before_12.size());
  for (std::size_t i = 0; i < after_12.size(); ++i) EXPECT_EQ(after_12[i].version, before_12[i].version);

  // A status change re-opens the item to the next re-plan, which then repairs the row.
  auto t21 = stored(*db, desired.back().key);
  update_status(*db, t21.id, t21.version, "in_progress", "ivanov", "");
  auto d2 = replan(*db, desired);
  EXPECT_EQ(d2.moved, 1u);
  EXPECT_EQ(stored(*db, desired.back().key).task.due, ymd(2021, 12, 1));
  EXPECT_EQ(stored(*db, desired.back().key).status, "in_progress");
}

TEST_F(Tasks, DigestsOfAnEarlierVersionCostOneReadAndNoTaskWrite) {
  replan(*db, baseline());
  auto before = query_tasks(*db, {});
  db->exec("UPDATE item_task_digests SET digest = '86532001e8ce9409'");  // an FNV-1a digest
  auto d = replan(*db, baseline());
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(d.unchanged, 5u);
  auto after = query_tasks(*db, {});
  ASSERT_EQ(after.size(), before.size());
  for (std::size_t i = 0; i < after.size(); ++i) EXPECT_EQ(after[i].version, before[i].version);
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM item_task_digests WHERE digest = '86532001e8ce9409'"), 0);
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM task_audit"), 0);
  // Stored again, the new digests let the next re-plan skip every item.
  int total_before = sqlite3_total_changes(db->handle());
  EXPECT_TRUE(replan(*db, baseline()).empty());
  EXPECT_EQ(sqlite3_total_changes(db->handle()) - total_before, 2);  // the run record only
}

TEST(TaskDigest, IsAStableValueOfEveryFieldFramed) {
  // item_task_digests keeps these: a changed encoding makes every stored item look changed, and
  // the next re-plan reads them all once (as the change from FNV-1a to MurmurHash64A did). The
  // expected values are MurmurHash64A, seed 0, over the length-prefixed fields (8-byte
  // little-endian length, then the bytes: the count, then each task's fields in key order;
  // numbers in decimal, dates ISO, '-' for none), computed outside the engine.
  PlannedTask t;
  t.key = "khabarovsk-vpr-2021|1.2|0|1|2024-04-16/ВПР/математика/4|school:sosh-11|co_executor";
  t.plan_id = "khabarovsk-vpr-2021";
  t.item_key = "1.2";
  t.clause = 1;
  t.occurrence = "2024-04-16/ВПР/математика/4";
  t.kind = scheduler::TaskKind::event;
  t.label = "ВПР, 16.04.2024";
  t.directory_id = "khv";
  t.assignee_kind = scheduler::AssigneeKind::school;
  t.assignee = "sosh-11";
  t.via = "ОО";
  t.role = scheduler::TaskRole::co_executor;
  t.opens = ymd(2024, 4, 16);
  t.due = ymd(2024, 4, 23);
  t.timezone = "Asia/Vladivostok";
  PlannedTask u = t;
  u.key = "khabarovsk-vpr-2021|1.2|3|0|1|body:ОИВ|lead";
  u.sub = 3;
  u.clause = 0;
  u.occurrence = "1";
  u.kind = scheduler::TaskKind::after_item;
  u.label = "";
  u.assignee_kind = scheduler::AssigneeKind::body;
  u.assignee = "ОИВ";
  u.via = "";
  u.role = scheduler::TaskRole::lead;
  u.opens.reset();
  u.due.reset();
  u.waiting = scheduler::Waiting::item;
  u.waits_for = "1.1";
  EXPECT_EQ(task_digest({&t, &u}), "0ff8a324c62b8ee8");
  EXPECT_EQ(task_digest({&u}), "b8a447a1180d9710");
}

TEST(TaskDigest, IsOrderIndependentAndCoversEveryField) {
  auto v = baseline();
  std::vector<const PlannedTask*> a{&v[0], &v[1]}, b{&v[1], &v[0]};
  EXPECT_EQ(task_digest(a), task_digest(b));
  EXPECT_EQ(task_digest(a).size(), 16u);
  auto w = v;
  std::vector<const PlannedTask*> c{&w[0], &w[1]};
  w[1].label += "!";
  EXPECT_NE(task_digest(a), task_digest(c));
  w = v;
  w[1].directory_id = "other";
  EXPECT_NE(task_digest(a), task_digest(c));
  w = v;
  w[1].opens.reset();
  EXPECT_NE(task_digest(a), task_digest(c));
  // The same character added to different fields gives different digests.
  w = v;
  w[1].waits_for = "x";
  auto x = v;
  x[1].timezone += "x";
  std::vector<const PlannedTask*> e{&x[0], &x[1]};
  EXPECT_NE(task_digest(c), task_digest(e));
}

TEST_F(Tasks, ApplyOutsideATransactionIsRefusedAndWritesNothing) {
  try {
    apply_tasks(*db, kPlan, baseline(), "tester");
    FAIL() << "applied outside a transaction";
  } catch (const Error& e) {
    EXPECT_EQ(e.message().key, "store.err.no_transaction");
    EXPECT_NE(describe(e, i18n::Lang::ru).find("транзакции"), std::string::npos);
  }
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM tasks"), 0);
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM schedule_runs"), 0);
}

TEST_F(Tasks, BadInputIsRefused) {
  Transaction tx(*db);
  try {
    apply_tasks(*db, "no-such-plan", {}, "tester");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message().key, "store.err.unknown_plan");
  }
  auto dup = baseline();
  dup.push_back(dup[0]);
  try {
    apply_tasks(*db, kPlan, dup, "tester");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message().key, "store.err.duplicate_task_key");
  }
  // A key shared by two items would be missed by a check within each item: a key must start with
  // its plan and item.
  for (std::string wrong : {std::string(kPlan) + "|1.2|0|0|1|body:ОИВ|lead", std::string("other|1.1|0|0|1|body:ОИВ|lead"),
                            std::string(kPlan) + "|1.1", std::string(kPlan) + "|1.10|0|0|1|body:ОИВ|lead"}) {
    auto bad = baseline();
    bad[0].key = wrong;  // item 1.1
    try {
      apply_tasks(*db, kPlan, bad, "tester");
      ADD_FAILURE() << wrong;
    } catch (const Error& e) {
      EXPECT_EQ(e.message().key, "store.err.task_key_form") << wrong;
    }
  }
  auto other = baseline();
  other[2].plan_id = "other";
  try {
    apply_tasks(*db, kPlan, other, "tester");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message().key, "store.err.task_plan_mismatch");
  }
}

TEST_F(Tasks, RereadingAChangedPlanKeepsItsTasks) {
  replan(*db, baseline());
  auto plan = roadmap::testing::sample_plan(kPlan);
  plan.title += " (редакция 2)";
  plan.sections[1].items.clear();  // item 2.1 removed from the plan
  EXPECT_EQ(save_plan(*db, plan).outcome, SaveOutcome::replaced);
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM tasks"), 5);
  // The removed item's task still sorts (after the items the plan has).
  auto all = query_tasks(*db, {});
  EXPECT_EQ(all.size(), 5u);
}

TEST_F(Tasks, TheAuditLogIsAppendOnly) {
  replan(*db, baseline());
  auto desired = baseline();
  desired[0].due = ymd(2021, 8, 30);
  replan(*db, desired);
  ASSERT_EQ(scalar(*db, "SELECT count(*) FROM task_audit"), 1);
  for (const char* sql : {"UPDATE task_audit SET reason = 'x'", "DELETE FROM task_audit"}) {
    try {
      db->exec(sql);
      FAIL() << sql;
    } catch (const Error& e) {
      EXPECT_EQ(e.primary_code(), SQLITE_CONSTRAINT) << sql;
      EXPECT_NE(std::string(e.what()).find("append-only"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM task_audit"), 1);
  // Tasks are not deleted either while they have an audit trail.
  EXPECT_THROW(db->exec("DELETE FROM tasks"), Error);
}

TEST_F(Tasks, StatusChangesAreVersionedAndAudited) {
  replan(*db, baseline());
  auto s = stored(*db, baseline()[0].key);
  update_status(*db, s.id, 1, "in_progress", "ivanov", "начали");
  try {
    update_status(*db, s.id, 1, "done", "petrova", "");
    FAIL() << "a stale version was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.message().key, "store.err.version_conflict");
    EXPECT_EQ(e.message().args, (std::vector<std::string>{std::to_string(s.id), "1", "2"}));
  }
  auto now = stored(*db, baseline()[0].key);
  EXPECT_EQ(now.status, "in_progress");
  EXPECT_EQ(now.version, 2);
  update_status(*db, s.id, 2, "done", "ivanov", "готово", ymd(2021, 8, 25));
  now = stored(*db, baseline()[0].key);
  EXPECT_EQ(now.done_on, ymd(2021, 8, 25));
  update_status(*db, s.id, 3, "planned", "ivanov", "ошибочно закрыта");
  now = stored(*db, baseline()[0].key);
  EXPECT_FALSE(now.done_on);
  EXPECT_EQ(now.version, 4);
  auto audit = task_audit(*db, s.id);
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[0].action, "status");
  EXPECT_EQ(audit[0].from_value, "planned");
  EXPECT_EQ(audit[0].to_value, "in_progress");
  EXPECT_EQ(audit[0].reason, "начали");
  EXPECT_FALSE(audit[0].run_id);
  EXPECT_EQ(audit[2].action, "reopened");

  try {
    update_status(*db, 999999, 1, "done", "ivanov", "");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message().key, "store.err.unknown_task");
  }
  try {
    update_status(*db, s.id, 4, "finished", "ivanov", "");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message().key, "store.err.bad_status");
  }
  // Inside the caller's transaction, rolled back with it.
  {
    Transaction tx(*db);
    update_status(*db, s.id, 4, "not_needed", "ivanov", "");
  }
  EXPECT_EQ(stored(*db, baseline()[0].key).status, "planned");
}

TEST_F(Tasks, DirectorySnapshotAndPeople) {
  save_directory(*db, directory());
  auto p = find_person(*db, "IVANOV@example.ru");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->id, "ivanov");
  EXPECT_EQ(p->role, model::Role::head);
  EXPECT_EQ(p->body, "ОИВ");
  auto q = find_person(*db, "petrova");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->school, "sosh-11");
  EXPECT_EQ(q->language, "en");
  EXPECT_FALSE(find_person(*db, "nobody"));
  // Saving again replaces the directory's rows.
  auto d = directory();
  d.people.pop_back();
  save_directory(*db, d);
  EXPECT_FALSE(find_person(*db, "petrova"));
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM dir_bodies WHERE directory_id = 'khv'"), 2);
  auto school = db->prepare("SELECT body, short_name FROM dir_schools WHERE directory_id = 'khv' AND id = 'sosh-11'");
  ASSERT_TRUE(school.step());
  EXPECT_EQ(school.column_text(0), "ОИВ");
  EXPECT_EQ(school.column_text(1), "МКОУ СОШ №11");
}

TEST_F(Tasks, QueriesFilterAndOrder) {
  save_directory(*db, directory());
  replan(*db, baseline());
  auto base = baseline();
  // Order: by due, undated last.
  auto all = query_tasks(*db, {});
  EXPECT_EQ(keys(all), (std::vector<std::string>{base[0].key, base[1].key, base[2].key, base[4].key, base[3].key}));

  EXPECT_EQ(keys(query_tasks(*db, filter({{"body", "ОИВ"}}))), (std::vector<std::string>{base[0].key, base[4].key}));
  EXPECT_EQ(keys(query_tasks(*db, filter({{"school", "sosh-11"}}))),
            (std::vector<std::string>{base[2].key, base[3].key}));
  EXPECT_TRUE(query_tasks(*db, filter({{"school", "ОИВ"}})).empty());  // a body is not a school
  EXPECT_EQ(keys(query_tasks(*db, filter({{"person", "ivanov@EXAMPLE.ru"}}))),
            (std::vector<std::string>{base[0].key, base[4].key}));
  EXPECT_EQ(keys(query_tasks(*db, filter({{"person", "petrova"}}))),
            (std::vector<std::string>{base[2].key, base[3].key}));
  EXPECT_EQ(keys(query_tasks(*db, filter({{"month", "2021-09"}}))), (std::vector<std::string>{base[1].key}));
  EXPECT_EQ(keys(query_tasks(*db, filter({{"item", "1.2"}, {"waiting_only", "1"}}))),
            (std::vector<std::string>{base[3].key}));
  EXPECT_EQ(keys(query_tasks(*db, filter({{"limit", "2"}, {"offset", "1"}}))),
            (std::vector<std::string>{base[1].key, base[2].key}));
  EXPECT_EQ(query_tasks(*db, filter({{"plan_id", "other"}})).size(), 0u);

  // An undated on-demand task is in every month from its opening on.
  auto desired = base;
  auto od = task("2.1", "od", "ОИВ", std::nullopt);
  od.opens = ymd(2021, 10, 1);
  desired.push_back(od);
  replan(*db, desired);
  EXPECT_EQ(keys(query_tasks(*db, filter({{"month", "2021-11"}, {"status", "open"}}))),
            (std::vector<std::string>{od.key}));
  EXPECT_TRUE(query_tasks(*db, filter({{"month", "2021-09"}, {"item", "2.1"}})).empty());

  update_status(*db, id_of(*db, base[0].key), 1, "done", "ivanov", "");
  EXPECT_EQ(keys(query_tasks(*db, filter({{"status", "done"}}))), (std::vector<std::string>{base[0].key}));
  EXPECT_EQ(query_tasks(*db, filter({{"status", "open"}})).size(), 5u);

  try {
    query_tasks(*db, filter({{"person", "сидоров"}}));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message().key, "store.err.unknown_person");
    EXPECT_NE(describe(e, i18n::Lang::ru).find("сидоров"), std::string::npos);
  }
  for (const char* bad : {"2021-13", "2021-8", "август", "2021-08-01"}) {
    try {
      query_tasks(*db, filter({{"month", bad}}));
      FAIL() << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.message().key, "store.err.bad_month") << bad;
    }
  }
  try {
    query_tasks(*db, filter({{"status", "overdue"}}));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message().key, "store.err.bad_status_filter");
  }
}

TEST_F(Tasks, AgendaShowsDueOverdueAndWaitingOpenTasks) {
  save_directory(*db, directory());
  auto desired = baseline();
  desired.push_back(task("2.1", "late", "sosh-11", ymd(2021, 9, 1), scheduler::AssigneeKind::school));
  desired.push_back(task("2.1", "later", "sosh-11", ymd(2021, 11, 1), scheduler::AssigneeKind::school));
  desired.push_back(task("2.1", "closed", "sosh-11", ymd(2021, 9, 2), scheduler::AssigneeKind::school));
  replan(*db, desired);
  update_status(*db, id_of(*db, desired.back().key), 1, "done", "petrova", "");

  // 2021-10-10 + 7 days: the overdue one (09-01), the one due 10-15, the waiting one; not 11-01.
  auto a = agenda(*db, "petrova@SOSH11.ru", ymd(2021, 10, 10), 7);
  EXPECT_EQ(keys(a), (std::vector<std::string>{desired[5].key, desired[2].key, desired[3].key}));
  // Ivanov's body: 08-31 overdue; 12-01 beyond the horizon.
  EXPECT_EQ(keys(agenda(*db, "ivanov", ymd(2021, 10, 10), 7)), (std::vector<std::string>{desired[0].key}));
  EXPECT_EQ(keys(agenda(*db, "ivanov", ymd(2021, 10, 10), 60)),
            (std::vector<std::string>{desired[0].key, desired[4].key}));
  EXPECT_THROW(agenda(*db, "nobody", ymd(2021, 10, 10), 7), Error);
}

TEST_F(Tasks, ItemsAreDoneWhenAllTheirLiveTasksAre) {
  replan(*db, baseline());
  auto base = baseline();
  EXPECT_TRUE(items_done(*db, kPlan).empty());
  update_status(*db, id_of(*db, base[0].key), 1, "done", "ivanov", "", ymd(2021, 8, 20));
  EXPECT_TRUE(items_done(*db, kPlan).empty());  // 1.1 has another open task
  update_status(*db, id_of(*db, base[1].key), 1, "not_needed", "ivanov", "", ymd(2021, 8, 25));
  auto done = items_done(*db, kPlan);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done.at("1.1"), ymd(2021, 8, 25));
  // A cancelled task does not keep an item open; an item with only cancelled tasks is not done.
  update_status(*db, id_of(*db, base[4].key), 1, "cancelled", "ivanov", "");
  update_status(*db, id_of(*db, base[2].key), 1, "done", "petrova", "", ymd(2021, 10, 1));
  update_status(*db, id_of(*db, base[3].key), 1, "cancelled", "petrova", "");
  done = items_done(*db, kPlan);
  EXPECT_EQ(done.size(), 2u);
  EXPECT_EQ(done.at("1.2"), ymd(2021, 10, 1));
  EXPECT_FALSE(done.count("2.1"));
  EXPECT_TRUE(items_done(*db, "other").empty());
}
