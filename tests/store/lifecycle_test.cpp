// The task lifecycle (issue 5) over real SQLite files: every allowed and refused transition, the
// reason and result rules, the version check between two connections, result files (stored, hashed,
// removed when the transaction fails), the audit records, migration 2 -> 3, SHA-256.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "plan_fixture.hpp"
#include "store/lifecycle.hpp"
#include "store/plan_repository.hpp"
#include "store/schema.hpp"
#include "store/sha256.hpp"
#include "store/task_repository.hpp"
#include "temp_dir.hpp"

using namespace roadmap;
using namespace roadmap::store;
using roadmap::testing::TempDir;
using scheduler::PlannedTask;
using Ymd = std::chrono::year_month_day;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPlan = "khabarovsk-vpr-2021";

Ymd ymd(int y, unsigned m, unsigned d) {
  return Ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

PlannedTask task(const std::string& item, const std::string& occurrence, const std::string& assignee,
                 std::optional<Ymd> due, scheduler::TaskKind kind) {
  PlannedTask t;
  t.plan_id = kPlan;
  t.item_key = item;
  t.occurrence = occurrence;
  t.assignee_kind = scheduler::AssigneeKind::body;
  t.assignee = assignee;
  t.key = fmt::format("{}|{}|0|0|{}|body:{}|lead", kPlan, item, occurrence, assignee);
  t.kind = kind;
  t.directory_id = "khv";
  t.due = due;
  t.opens = due ? std::optional(Ymd{std::chrono::sys_days{*due} - std::chrono::days{10}}) : std::optional(ymd(2021, 9, 1));
  t.timezone = "Asia/Vladivostok";
  return t;
}

// The day the tests run on, in the tasks' zone.
const Ymd kToday = ymd(2021, 9, 10);

class Lifecycle : public ::testing::Test {
 protected:
  void SetUp() override {
    db = std::make_unique<Database>(open_store(dir.file("r.db")));
    save_plan(*db, roadmap::testing::sample_plan(kPlan));  // item 1.1 expects a result, 1.2 and 2.1 do not
    std::vector<PlannedTask> v;
    v.push_back(task("1.1", "1", "ОИВ", ymd(2021, 8, 31), scheduler::TaskKind::window));  // needs a result
    v.push_back(task("1.2", "1", "ОИВ", ymd(2021, 10, 15), scheduler::TaskKind::date));
    auto w = task("1.2", "2", "ОИВ", std::nullopt, scheduler::TaskKind::after_item);
    w.waiting = scheduler::Waiting::item;
    w.waits_for = "1.1";
    w.opens.reset();
    v.push_back(w);
    v.push_back(task("2.1", "demand", "ОИВ", std::nullopt, scheduler::TaskKind::on_demand));
    v.push_back(task("2.1", "demand/c1", "ОИВ", ymd(2021, 9, 30), scheduler::TaskKind::checkin));
    v.push_back(task("2.1", "span/c1", "ОИВ", ymd(2021, 9, 30), scheduler::TaskKind::checkin));
    {
      Transaction tx(*db);
      apply_tasks(*db, kPlan, v, "loader");
      tx.commit();
    }
    for (const auto& t : v) ids[t.item_key + "/" + t.occurrence] = id_of(t.key);

    model::Directory d;
    d.id = "khv";
    model::Person p;
    p.id = "petrova";
    p.name = "Петрова П.П.";
    p.email = "petrova@example.ru";
    p.body = "ОИВ";
    d.people = {p};
    save_directory(*db, d);
  }

  std::int64_t id_of(const std::string& key) {
    auto st = db->prepare("SELECT id FROM tasks WHERE key = ?");
    st.bind_all(key);
    EXPECT_TRUE(st.step()) << key;
    return st.column_int(0);
  }

  std::int64_t scalar(const std::string& sql) {
    auto st = db->prepare(sql);
    EXPECT_TRUE(st.step()) << sql;
    return st.column_int(0);
  }

  // Everything a transition may write, as one string.
  std::string snapshot() {
    auto st = db->prepare(
        "SELECT (SELECT group_concat(id || ':' || status || ':' || version || ':' || coalesce(done_on, '') || ':' || "
        "coalesce(result, '') || ':' || coalesce(result_link, '') || ':' || coalesce(result_document, '') || ':' || "
        "coalesce(cancelled_by, '') || ':' || updated_at, ';') FROM tasks), "
        "(SELECT count(*) FROM task_audit), (SELECT count(*) FROM task_results), (SELECT count(*) FROM task_files)");
    st.step();
    return st.column_text(0) + "|" + st.column_text(1) + "|" + st.column_text(2) + "|" + st.column_text(3);
  }

  TransitionOutcome change(std::int64_t id, Transition t, std::string reason = {}, TaskResult result = {},
                           std::optional<int> version = std::nullopt, std::optional<Ymd> on = std::nullopt) {
    TransitionRequest r;
    r.task_id = id;
    r.transition = t;
    r.expected_version = version;
    r.actor = "tester";
    r.reason = std::move(reason);
    r.result = std::move(result);
    r.done_on = on;
    r.today = kToday;
    return change_task(*db, r);
  }

  // The refused change's message key, after checking it wrote nothing.
  template <class F>
  std::string refused(F f) {
    std::string before = snapshot();
    std::string key = "(no error)";
    try {
      f();
    } catch (const Error& e) {
      key = e.message().key;
      last_args = e.message().args;
    }
    EXPECT_EQ(snapshot(), before) << key << ": a refused change wrote something";
    EXPECT_FALSE(db->in_transaction());
    return key;
  }

  TaskResult text(const std::string& s) {
    TaskResult r;
    r.text = s;
    return r;
  }

  std::string write_file(const std::string& name, const std::string& content) {
    std::string p = dir.file(name);
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

  TempDir dir;
  std::unique_ptr<Database> db;
  std::map<std::string, std::int64_t> ids;
  std::vector<std::string> last_args;
};

}  // namespace

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  Sha256 s;  // fed in uneven pieces across block boundaries: 500 of 1000 and 500 of 999 bytes
  std::string a(1000, 'a');
  for (int i = 0; i < 1000; ++i) s.update(std::string_view(a).substr(0, i % 2 ? 999 : 1000));
  EXPECT_EQ(s.hex(), sha256_hex(std::string(999500, 'a')));
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(LifecycleSchema, MigratingAVersionTwoFileKeepsItsTasksAndAddsResultTables) {
  TempDir dir;
  {
    Database db(dir.file("r.db"));
    migrate(db, migrations().first(2));
    save_plan(db, roadmap::testing::sample_plan(kPlan));
    Transaction tx(db);
    apply_tasks(db, kPlan, {task("1.2", "1", "ОИВ", ymd(2021, 10, 15), scheduler::TaskKind::date)}, "loader");
    tx.commit();
  }
  Database db = open_store(dir.file("r.db"));
  EXPECT_GE(schema_version(db), 3);  // open_store migrates to the latest step
  auto st = db.prepare("SELECT id, status, result_link, result_document FROM tasks");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.column_text(1), "planned");
  EXPECT_TRUE(st.column_is_null(2));
  EXPECT_TRUE(st.column_is_null(3));
  for (const char* t : {"task_results", "task_files"}) {
    auto c = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?");
    c.bind_all(std::string(t));
    c.step();
    EXPECT_EQ(c.column_int(0), 1) << t;
  }
}

TEST_F(Lifecycle, StartThenDoneWithAResultRecordsEveryStepInTheAudit) {
  auto id = ids["1.1/1"];
  auto s = change(id, Transition::start);
  EXPECT_EQ(s.before.status, "planned");
  EXPECT_EQ(s.after.status, "in_progress");
  EXPECT_EQ(s.after.version, 2);
  EXPECT_FALSE(s.after.done_on);

  TaskResult r;
  r.text = "причины выявлены";
  r.document = "приказ № 12 от 01.09.2021";
  r.link = "https://example.ru/report?id=7";
  auto d = change(id, Transition::done, "", r);
  EXPECT_EQ(d.after.status, "done");
  EXPECT_EQ(d.after.version, 3);
  EXPECT_EQ(d.after.done_on, kToday);  // today in the task's zone
  EXPECT_EQ(d.after.result, "причины выявлены");

  auto audit = task_audit(*db, id);
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].action, "status");
  EXPECT_EQ(audit[0].from_value, "planned");
  EXPECT_EQ(audit[0].to_value, "in_progress");
  EXPECT_EQ(audit[0].actor, "tester");
  EXPECT_FALSE(audit[0].run_id);
  EXPECT_FALSE(audit[0].at.empty());
  EXPECT_EQ(audit[1].from_value, "in_progress");
  EXPECT_EQ(audit[1].to_value, "done");
  EXPECT_EQ(audit[1].id, d.audit_id);

  auto details = task_details(*db, id);
  ASSERT_TRUE(details);
  EXPECT_EQ(details->result_link, "https://example.ru/report?id=7");
  EXPECT_EQ(details->result_document, "приказ № 12 от 01.09.2021");
  EXPECT_EQ(details->item_number, "1.1");
  EXPECT_EQ(details->expected_result, "Выявление причин");
  EXPECT_TRUE(details->done_late());  // done on 10.09, due 31.08

  auto h = task_history(*db, id);
  ASSERT_EQ(h.size(), 2u);
  EXPECT_TRUE(h[0].result_text.empty());
  EXPECT_EQ(h[1].result_text, "причины выявлены");
  EXPECT_EQ(h[1].result_document, "приказ № 12 от 01.09.2021");
  // The re-plan reads the item again (its digest no longer says everything).
  EXPECT_EQ(scalar("SELECT count(*) FROM item_task_digests WHERE item_key = '1.1' AND digest = ''"), 1);
}

TEST_F(Lifecycle, DoneStraightFromPlannedNeedsNoResultWhenThePlanAsksForNone) {
  auto d = change(ids["1.2/1"], Transition::done, "", {}, std::nullopt, ymd(2021, 9, 1));
  EXPECT_EQ(d.after.status, "done");
  EXPECT_EQ(d.after.done_on, ymd(2021, 9, 1));
  auto details = task_details(*db, ids["1.2/1"]);
  EXPECT_FALSE(details->done_late());  // due 15.10
}

TEST_F(Lifecycle, DoneWithoutTheResultThePlanAsksForIsRefused) {
  auto id = ids["1.1/1"];
  EXPECT_EQ(refused([&] { change(id, Transition::done); }), "store.err.result_required");
  EXPECT_EQ(last_args, (std::vector<std::string>{std::to_string(id), "Выявление причин"}));
  EXPECT_EQ(refused([&] { change(id, Transition::done, "", text("   \n")); }), "store.err.result_required");
  // Any one kind of result is enough.
  TaskResult doc;
  doc.document = "приказ № 1";
  EXPECT_EQ(change(id, Transition::done, "", doc).after.status, "done");
}

TEST_F(Lifecycle, LinksMustBeHttpAddresses) {
  auto id = ids["1.1/1"];
  for (const char* bad : {"ftp://example.ru/a", "https://", "http://exa mple.ru", "example.ru", "https:///path"}) {
    TaskResult r;
    r.link = bad;
    EXPECT_EQ(refused([&] { change(id, Transition::done, "", r); }), "store.err.bad_link") << bad;
  }
  TaskResult ok;
  ok.link = "HTTP://user@host.example:8080/x";
  EXPECT_EQ(change(id, Transition::done, "", ok).after.status, "done");
}

TEST_F(Lifecycle, CancelNeedsAReasonAndIsKeptAsCancelledByAUser) {
  auto id = ids["1.2/1"];
  EXPECT_EQ(refused([&] { change(id, Transition::cancel); }), "store.err.reason_required.cancel");
  EXPECT_EQ(refused([&] { change(id, Transition::cancel, "  "); }), "store.err.reason_required.cancel");
  change(id, Transition::start);
  auto c = change(id, Transition::cancel, "  мероприятие перенесено приказом  ");
  EXPECT_EQ(c.after.status, "cancelled");
  EXPECT_EQ(c.after.cancelled_by, "user");
  auto audit = task_audit(*db, id);
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[1].from_value, "in_progress");
  EXPECT_EQ(audit[1].to_value, "cancelled");
  EXPECT_EQ(audit[1].reason, "мероприятие перенесено приказом");
}

TEST_F(Lifecycle, NotNeededOnlyForOnDemandTasksAndTheirCheckIns) {
  EXPECT_EQ(refused([&] { change(ids["2.1/demand"], Transition::not_needed); }),
            "store.err.reason_required.not_needed");
  auto n = change(ids["2.1/demand"], Transition::not_needed, "обращений не было");
  EXPECT_EQ(n.after.status, "not_needed");
  EXPECT_EQ(n.after.done_on, kToday);
  EXPECT_EQ(change(ids["2.1/demand/c1"], Transition::not_needed, "обращений не было").after.status, "not_needed");
  EXPECT_EQ(refused([&] { change(ids["1.2/1"], Transition::not_needed, "не нужно"); }), "store.err.not_on_demand");
  EXPECT_EQ(last_args, std::vector<std::string>{std::to_string(ids["1.2/1"])});
  // A check-in of a span is not on demand either.
  EXPECT_EQ(refused([&] { change(ids["2.1/span/c1"], Transition::not_needed, "не нужно"); }),
            "store.err.not_on_demand");
}

TEST_F(Lifecycle, ReopenBringsAClosedTaskBackKeepingItsEarlierResultInTheHistory) {
  auto id = ids["1.1/1"];
  change(id, Transition::done, "", text("первый результат"));
  EXPECT_EQ(refused([&] { change(id, Transition::reopen); }), "store.err.reason_required.reopen");
  auto r = change(id, Transition::reopen, "результат не принят");
  EXPECT_EQ(r.after.status, "planned");
  EXPECT_FALSE(r.after.done_on);
  EXPECT_TRUE(r.after.result.empty());
  EXPECT_EQ(task_details(*db, id)->result_link, "");
  auto audit = task_audit(*db, id);
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[1].action, "reopened");
  EXPECT_EQ(audit[1].from_value, "done");
  EXPECT_EQ(audit[1].to_value, "planned");
  EXPECT_EQ(audit[1].reason, "результат не принят");
  change(id, Transition::done, "", text("второй результат"));
  auto h = task_history(*db, id);
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0].result_text, "первый результат");
  EXPECT_EQ(h[2].result_text, "второй результат");

  // Cancelled and not needed come back too.
  auto c = ids["1.2/1"];
  change(c, Transition::cancel, "ошибка");
  EXPECT_EQ(change(c, Transition::reopen, "нет, нужно").after.status, "planned");
  EXPECT_TRUE(find_task(*db, c)->cancelled_by.empty());
  auto n = ids["2.1/demand"];
  change(n, Transition::not_needed, "не было");
  EXPECT_EQ(change(n, Transition::reopen, "появилось обращение").after.status, "planned");
}

TEST_F(Lifecycle, ReopenRefusesOpenTasksAndTasksThePlanCancelled) {
  auto id = ids["1.2/1"];
  EXPECT_EQ(refused([&] { change(id, Transition::reopen, "почему-то"); }), "store.err.not_closed");
  change(id, Transition::start);
  EXPECT_EQ(refused([&] { change(id, Transition::reopen, "почему-то"); }), "store.err.not_closed");
  // The plan drops item 2.1's on-demand task: cancelled by the plan, and only the plan brings it back.
  {
    Transaction tx(*db);
    apply_tasks(*db, kPlan,
                {task("1.1", "1", "ОИВ", ymd(2021, 8, 31), scheduler::TaskKind::window),
                 task("1.2", "1", "ОИВ", ymd(2021, 10, 15), scheduler::TaskKind::date)},
                "loader");
    tx.commit();
  }
  auto dropped = ids["2.1/demand"];
  ASSERT_EQ(find_task(*db, dropped)->cancelled_by, "plan");
  EXPECT_EQ(refused([&] { change(dropped, Transition::reopen, "вернуть"); }), "store.err.reopen_plan_cancelled");
  EXPECT_EQ(refused([&] { change(dropped, Transition::start); }), "store.err.closed.cancelled_by_plan");
}

TEST_F(Lifecycle, ClosedTasksRefuseEveryTransitionButReopenAndSayWhoClosedThem) {
  struct Case {
    const char* task;
    Transition close;
    const char* reason;
    const char* key;
  };
  for (const Case& c : {Case{"1.2/1", Transition::done, "", "store.err.closed.done"},
                        Case{"2.1/span/c1", Transition::cancel, "отменено", "store.err.closed.cancelled"},
                        Case{"2.1/demand", Transition::not_needed, "не было", "store.err.closed.not_needed"}}) {
    SCOPED_TRACE(c.task);
    auto id = ids[c.task];
    TransitionRequest r;
    r.task_id = id;
    r.transition = c.close;
    r.reason = c.reason;
    r.actor = "petrova";
    r.today = kToday;
    change_task(*db, r);
    for (Transition t : {Transition::start, Transition::done, Transition::cancel, Transition::not_needed}) {
      EXPECT_EQ(refused([&] { change(id, t, "причина", text("результат")); }), c.key) << to_string(t);
      ASSERT_EQ(last_args.size(), 3u);
      EXPECT_EQ(last_args[1], "Петрова П.П.");  // the directory's name for the actor
    }
  }
}

TEST_F(Lifecycle, StartingTwiceIsRefused) {
  auto id = ids["1.2/1"];
  change(id, Transition::start);
  EXPECT_EQ(refused([&] { change(id, Transition::start); }), "store.err.already_started");
}

TEST_F(Lifecycle, ATaskWaitingForAnItemCannotBeStartedOrDoneButCanBeCancelled) {
  auto id = ids["1.2/2"];
  EXPECT_EQ(refused([&] { change(id, Transition::start); }), "store.err.waiting.item");
  EXPECT_EQ(last_args[1], "1.1");
  EXPECT_EQ(refused([&] { change(id, Transition::done, "", text("готово")); }), "store.err.waiting.item");
  EXPECT_EQ(change(id, Transition::cancel, "не будет").after.status, "cancelled");
}

TEST_F(Lifecycle, DoneOnAFutureDayIsRefused) {
  auto id = ids["1.2/1"];
  EXPECT_EQ(refused([&] { change(id, Transition::done, "", {}, std::nullopt, ymd(2021, 9, 11)); }),
            "store.err.done_in_future");
  EXPECT_EQ(last_args, (std::vector<std::string>{std::to_string(id), "2021-09-11", "2021-09-10"}));
  EXPECT_EQ(change(id, Transition::done, "", {}, std::nullopt, kToday).after.done_on, kToday);
}

TEST_F(Lifecycle, WithoutATodayTheDayIsTodayInTheTasksZone) {
  TransitionRequest r;
  r.task_id = ids["1.2/1"];
  r.transition = Transition::done;
  r.actor = "tester";
  auto out = change_task(*db, r);
  ASSERT_TRUE(out.after.done_on);
  auto utc = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  auto diff = std::chrono::sys_days{*out.after.done_on} - utc;
  EXPECT_GE(diff.count(), 0);  // Vladivostok is ahead of UTC
  EXPECT_LE(diff.count(), 1);
}

TEST_F(Lifecycle, UnknownTaskIsRefused) {
  EXPECT_EQ(refused([&] { change(9999, Transition::start); }), "store.err.unknown_task");
  EXPECT_EQ(last_args[0], "9999");
}

TEST_F(Lifecycle, AStaleVersionFromAnotherConnectionIsRefusedNamingWhoChangedIt) {
  auto id = ids["1.2/1"];
  Database other = open_store(dir.file("r.db"));
  auto seen = find_task(*db, id);  // the loser reads version 1
  ASSERT_EQ(seen->version, 1);

  TransitionRequest winner;
  winner.task_id = id;
  winner.transition = Transition::start;
  winner.expected_version = 1;
  winner.actor = "petrova@example.ru";
  change_task(other, winner);

  EXPECT_EQ(refused([&] { change(id, Transition::done, "", text("готово"), seen->version); }),
            "store.err.task_changed");
  ASSERT_EQ(last_args.size(), 5u);
  EXPECT_EQ(last_args[0], std::to_string(id));
  EXPECT_EQ(last_args[1], "Петрова П.П.");
  EXPECT_FALSE(last_args[2].empty());
  EXPECT_EQ(last_args[3], "1");
  EXPECT_EQ(last_args[4], "2");
  auto now = find_task(*db, id);
  EXPECT_EQ(now->status, "in_progress");
  EXPECT_EQ(now->version, 2);
  // With the version it now has, the change goes through.
  EXPECT_EQ(change(id, Transition::done, "", text("готово"), 2).after.version, 3);
}

TEST_F(Lifecycle, TwoConcurrentWritersWithoutAVersionNeverBothWin) {
  for (int round = 0; round < 5; ++round) {
    auto id = ids["1.2/1"];
    if (round > 0) change(id, Transition::reopen, "ещё раз");
    std::atomic<int> wins{0}, closed{0};
    auto writer = [&](const char* who) {
      Database conn = open_store(dir.file("r.db"));
      TransitionRequest r;
      r.task_id = id;
      r.transition = Transition::done;
      r.actor = who;
      r.today = kToday;
      try {
        change_task(conn, r);
        ++wins;
      } catch (const Error& e) {
        if (e.message().key == "store.err.closed.done") ++closed;
      }
    };
    std::thread a(writer, "a"), b(writer, "b");
    a.join();
    b.join();
    EXPECT_EQ(wins.load(), 1);
    EXPECT_EQ(closed.load(), 1);
    EXPECT_EQ(scalar(fmt::format("SELECT count(*) FROM task_audit WHERE task_id = {} AND to_value = 'done'", id)),
              round + 1);
  }
}

TEST_F(Lifecycle, AResultFileIsStoredNextToTheDatabaseUnderItsHash) {
  std::string content = "протокол заседания\n" + std::string(70000, 'x');
  auto src = write_file("Протокол.PDF", content);
  TaskResult r;
  r.file = src;
  auto out = change(ids["1.1/1"], Transition::done, "", r);
  ASSERT_TRUE(out.file);
  std::string sha = sha256_hex(content);
  EXPECT_EQ(out.file->sha256, sha);
  EXPECT_EQ(out.file->stored_name, sha + ".pdf");
  EXPECT_EQ(out.file->original_name, "Протокол.PDF");
  EXPECT_EQ(out.file->size, static_cast<std::int64_t>(content.size()));
  fs::path stored = fs::path(files_dir(*db)) / out.file->stored_name;
  EXPECT_EQ(files_dir(*db), dir.file("r.db") + ".files");
  std::ifstream in(stored, std::ios::binary);
  std::stringstream back;
  back << in.rdbuf();
  EXPECT_EQ(back.str(), content);
  // Nothing else is left in the directory (no half-written temporary).
  EXPECT_EQ(std::distance(fs::directory_iterator(files_dir(*db)), fs::directory_iterator{}), 1);

  auto details = task_details(*db, ids["1.1/1"]);
  ASSERT_EQ(details->files.size(), 1u);
  EXPECT_EQ(details->files[0].sha256, sha);
  EXPECT_EQ(details->files[0].audit_id, out.audit_id);
  auto h = task_history(*db, ids["1.1/1"]);
  ASSERT_TRUE(h.back().file);
  EXPECT_EQ(h.back().file->original_name, "Протокол.PDF");
}

TEST_F(Lifecycle, AFileIsRemovedWhenTheTransactionFails) {
  // A failure after the file is stored: the database refuses the result row.
  db->exec("CREATE TRIGGER fail_results BEFORE INSERT ON task_results BEGIN SELECT RAISE(ABORT, 'injected'); END;");
  auto src = write_file("акт.docx", "акт проверки");
  TaskResult r;
  r.file = src;
  EXPECT_EQ(refused([&] { change(ids["1.1/1"], Transition::done, "", r); }), "store.err.sqlite");
  fs::path stored = fs::path(files_dir(*db)) / (sha256_hex("акт проверки") + ".docx");
  EXPECT_FALSE(fs::exists(stored));
  EXPECT_EQ(std::distance(fs::directory_iterator(files_dir(*db)), fs::directory_iterator{}), 0);
  EXPECT_EQ(find_task(*db, ids["1.1/1"])->status, "planned");

  // A file with the same content kept for another task is not removed by a later failure.
  db->exec("DROP TRIGGER fail_results");
  change(ids["1.2/1"], Transition::done, "", r);
  ASSERT_TRUE(fs::exists(stored));
  db->exec("CREATE TRIGGER fail_results BEFORE INSERT ON task_results BEGIN SELECT RAISE(ABORT, 'injected'); END;");
  EXPECT_EQ(refused([&] { change(ids["1.1/1"], Transition::done, "", r); }), "store.err.sqlite");
  EXPECT_TRUE(fs::exists(stored));
}

TEST_F(Lifecycle, AMissingFileIsRefusedBeforeAnythingIsWritten) {
  TaskResult r;
  r.file = dir.file("нет-такого.pdf");
  EXPECT_EQ(refused([&] { change(ids["1.1/1"], Transition::done, "", r); }), "store.err.file_missing");
  r.file = dir.path().string();  // a directory is not a file
  EXPECT_EQ(refused([&] { change(ids["1.1/1"], Transition::done, "", r); }), "store.err.file_missing");
  EXPECT_FALSE(fs::exists(files_dir(*db)));
}

TEST_F(Lifecycle, ResultsAndFilesAreAppendOnly) {
  TaskResult r;
  r.text = "итог";
  r.file = write_file("a.txt", "a");
  change(ids["1.1/1"], Transition::done, "", r);
  for (const char* sql : {"UPDATE task_results SET text = 'x'", "DELETE FROM task_results",
                          "UPDATE task_files SET size = 0", "DELETE FROM task_files"})
    EXPECT_THROW(db->exec(sql), Error) << sql;
  EXPECT_EQ(scalar("SELECT count(*) FROM task_results"), 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM task_files"), 1);
}

TEST_F(Lifecycle, InsideAnOpenTransactionIsRefused) {
  Transaction tx(*db);
  EXPECT_THROW(change(ids["1.2/1"], Transition::start), Error);
}
