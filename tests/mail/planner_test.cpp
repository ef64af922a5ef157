// The notification planner on a real store: who gets what on which day -- reminders at the nearest
// offset in working days and never twice, overdue work daily, the head's weekly list, the
// coordinators after N working days, invites within the horizon, opt-outs, the local hour in the
// person's zone, days off, one digest a person a day; each invite and cancel a message of its own
// with one calendar, sent again whenever the date the calendar has moves (and back), after a
// restore, never twice.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "calendar/production_calendar.hpp"
#include "mail/mime.hpp"
#include "mail/planner.hpp"
#include "scheduler/inputs.hpp"
#include "store/plan_fixture.hpp"
#include "store/plan_repository.hpp"
#include "store/schema.hpp"
#include "store/task_repository.hpp"
#include "store/temp_dir.hpp"

using namespace roadmap;
using namespace std::chrono;
using Ymd = year_month_day;

namespace {

constexpr const char* kPlan = "khabarovsk-vpr-2021";

scheduler::PlannedTask task(const std::string& item, const std::string& occurrence, Ymd due) {
  scheduler::PlannedTask t;
  t.plan_id = kPlan;
  t.item_key = item;
  t.occurrence = occurrence;
  t.assignee_kind = scheduler::AssigneeKind::body;
  t.assignee = "ОИВ";
  t.key = fmt::format("{}|{}|0|0|{}|body:ОИВ|lead", kPlan, item, occurrence);
  t.kind = scheduler::TaskKind::date;
  t.directory_id = "khv";
  t.due = due;
  t.timezone = "Asia/Vladivostok";
  return t;
}

model::Person person(const std::string& id, model::Role role, const std::string& email) {
  model::Person p;
  p.id = id;
  p.name = "Сотрудник " + id;
  p.email = email;
  p.role = role;
  p.body = "ОИВ";
  p.timezone = "Asia/Vladivostok";
  return p;
}

// 10:30 in Vladivostok (UTC+10) on the day.
sys_seconds morning(Ymd d) {
  return sys_days{d} + 30min;
}

class Planner : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.emplace(store::open_store(dir_.file("n.db")));
    store::save_plan(*db_, roadmap::testing::sample_plan(kPlan));
    model::Directory d;
    d.id = "khv";
    d.timezone = "Asia/Vladivostok";
    model::DirectoryBody b;
    b.id = "ОИВ";
    b.head = "head1";
    d.bodies = {b};
    d.people = {person("exec1", model::Role::executor, "exec1@example.ru"),
                person("exec2", model::Role::executor, "exec2@example.ru"),
                person("head1", model::Role::head, "head1@example.ru"),
                person("coord", model::Role::coordinator, "coord@example.ru"),
                person("viewer", model::Role::viewer, "viewer@example.ru")};
    d.reindex();
    store::save_directory(*db_, d);
    store::Transaction tx(*db_);
    store::apply_tasks(*db_, kPlan,
                       {task("1.1", "a", 2021y / 9 / 15), task("1.2", "b", 2021y / 9 / 1),
                        task("1.1", "c", 2021y / 12 / 1)},
                       "test");
    tx.commit();
    auto cal = calendar::load_calendar_file(scheduler::default_calendar_path());
    ASSERT_TRUE(cal.ok());
    cal_ = *cal.calendar;
    policy_.base_url = "http://roadmap.test";
    policy_.from_email = "roadmap@example.ru";
    policy_.opt_out["exec2@example.ru"] = {mail::Topic::reminders};
  }

  mail::PlanResult plan(sys_seconds now) {
    mail::PlanOptions o;
    o.now = now;
    return mail::plan_notifications(*db_, policy_, *cal_, o);
  }
  // The digest for `email` (nullptr: none).
  static const mail::PlannedMail* to(const mail::PlanResult& r, const std::string& email) {
    for (const auto& m : r.mails)
      if (m.message.email == email && m.message.kind == "digest") return &m;
    return nullptr;
  }
  // The invite and cancel messages for `email`, in order.
  static std::vector<const mail::PlannedMail*> calendar_mails(const mail::PlanResult& r, const std::string& email) {
    std::vector<const mail::PlannedMail*> out;
    for (const auto& m : r.mails)
      if (m.message.email == email && m.message.kind != "digest") out.push_back(&m);
    return out;
  }
  // The one calendar of an iMIP message, decoded; fails the test unless there is exactly one
  // text/calendar part and its method parameter equals the object's METHOD.
  static std::string calendar_of(const mail::PlannedMail& m) {
    const std::string& body = m.message.body;
    const std::string head = "Content-Type: text/calendar; charset=UTF-8; method=";
    auto at = body.find(head);
    EXPECT_NE(at, std::string::npos) << body;
    if (at == std::string::npos) return {};
    EXPECT_EQ(body.find("text/calendar", at + head.size()), std::string::npos) << "one text/calendar part";
    std::string method = body.substr(at + head.size(), body.find("\r\n", at) - at - head.size());
    auto start = body.find("\r\n\r\n", at) + 4;
    std::string text = mail::base64_decode(body.substr(start, body.find("\r\n--", start) - start));
    EXPECT_NE(text.find("\r\nMETHOD:" + method + "\r\n"), std::string::npos) << text;
    return text;
  }
  static std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  }
  const store::StoredTask& stored(const std::string& key) {
    all_ = store::query_tasks(*db_, store::TaskFilter{});
    auto it = std::find_if(all_.begin(), all_.end(), [&](const auto& t) { return t.task.key == key; });
    EXPECT_NE(it, all_.end()) << key;
    return *it;
  }
  // A lifecycle change of the task as `roadmap cancel` / `reopen` make it (the version goes up).
  void set_status(const std::string& key, std::string_view status) {
    const auto& t = stored(key);
    store::update_status(*db_, t.id, t.version, status, "test", "причина");
  }
  void move(Ymd a_due) {
    store::Transaction tx(*db_);
    store::apply_tasks(*db_, kPlan, {task("1.1", "a", a_due), task("1.2", "b", 2021y / 9 / 1), task("1.1", "c", 2021y / 12 / 1)},
                       "test");
    tx.commit();
  }
  static bool has(const mail::PlannedMail* m, const std::string& item) {
    return m && std::find(m->items.begin(), m->items.end(), item) != m->items.end();
  }

  roadmap::testing::TempDir dir_;
  std::optional<store::Database> db_;
  std::optional<calendar::ProductionCalendar> cal_;
  mail::Policy policy_;
  std::vector<store::StoredTask> all_;
  const std::string kA = fmt::format("{}|1.1|0|0|a|body:ОИВ|lead", kPlan);
  const std::string kB = fmt::format("{}|1.2|0|0|b|body:ОИВ|lead", kPlan);
};

}  // namespace

TEST_F(Planner, FridayDigests) {
  auto r = plan(morning(2021y / 9 / 10));  // Friday
  EXPECT_EQ(r.people, 5u);
  EXPECT_EQ(r.before_hour, 0u);
  // Sep 15 is 3 working days after Friday Sep 10: the 3-day reminder in the digest, and an invite
  // (within 60 days) as a message of its own.
  auto* e1 = to(r, "exec1@example.ru");
  ASSERT_TRUE(e1);
  EXPECT_TRUE(has(e1, "reminder|" + kA + "|3|2021-09-15"));
  EXPECT_EQ(e1->reminders, 1u);
  EXPECT_EQ(e1->overdue, 1u);  // B, due Sep 1
  EXPECT_EQ(e1->invites, 0u);
  EXPECT_EQ(e1->message.body.find("calendar"), std::string::npos) << "the digest carries no calendar";
  EXPECT_EQ(e1->message.dedup_key, "digest|khv/exec1|2021-09-10");
  // the December task: no reminder yet, outside the invite horizon
  for (const auto& i : e1->items) EXPECT_EQ(i.find("|c|"), std::string::npos) << i;
  EXPECT_EQ(mail::decode_header_text(e1->message.body.substr(e1->message.body.find("Subject: ") + 9,
                                                             e1->message.body.find("\r\nDate:") -
                                                                 e1->message.body.find("Subject: ") - 9)),
            "Дорожные карты, 10.09.2021: сроки — 1, просрочено — 1");
  auto inv = calendar_mails(r, "exec1@example.ru");
  ASSERT_EQ(inv.size(), 1u);
  EXPECT_EQ(inv[0]->message.kind, "invite");
  EXPECT_EQ(inv[0]->items, std::vector<std::string>{"invite|" + kA + "|2021-09-15|0"});
  EXPECT_EQ(inv[0]->message.dedup_key, "invite|khv/exec1|" + kA + "|2021-09-15|0");
  EXPECT_EQ(inv[0]->invites, 1u);
  EXPECT_TRUE(inv[0]->message.subject.starts_with("Срок 15.09.2021: п. 1.1 · ")) << inv[0]->message.subject;
  std::string cal = calendar_of(*inv[0]);
  EXPECT_NE(cal.find("METHOD:REQUEST\r\n"), std::string::npos);
  EXPECT_EQ(count(cal, "BEGIN:VEVENT"), 1u);
  EXPECT_NE(cal.find("DTSTART;VALUE=DATE:20210915\r\n"), std::string::npos) << cal;
  EXPECT_NE(cal.find("SEQUENCE:0\r\n"), std::string::npos) << cal;
  EXPECT_NE(cal.find("X-ROADMAP-DEADLINE;VALUE=DATE-TIME;TZID=Asia/Vladivostok:20210916T000000\r\n"), std::string::npos)
      << cal;
  EXPECT_EQ(count(cal, "BEGIN:VTIMEZONE"), 1u);
  EXPECT_NE(cal.find("ATTENDEE;CN="), std::string::npos);
  // exec2 opted out of reminders: overdue work in the digest and the invite
  auto* e2 = to(r, "exec2@example.ru");
  ASSERT_TRUE(e2);
  EXPECT_EQ(e2->reminders, 0u);
  EXPECT_EQ(e2->overdue, 1u);
  EXPECT_EQ(calendar_mails(r, "exec2@example.ru").size(), 1u);
  // the head: not a task's recipient (the body has executors), and Friday is not the weekly day
  EXPECT_FALSE(to(r, "head1@example.ru"));
  EXPECT_TRUE(calendar_mails(r, "head1@example.ru").empty());
  // the coordinator: B is 7 working days late (>= 5)
  auto* c = to(r, "coord@example.ru");
  ASSERT_TRUE(c);
  EXPECT_TRUE(has(c, "coordinator|" + kB));
  EXPECT_EQ(c->escalations, 1u);
  EXPECT_FALSE(to(r, "viewer@example.ru"));
  EXPECT_EQ(r.mails.size(), 5u);  // three digests, two invites
  std::set<std::string> ids;
  for (const auto& m : r.mails) EXPECT_TRUE(ids.insert(m.message.dedup_key).second) << m.message.dedup_key;
}

TEST_F(Planner, HeadsHearWeeklyOnTheirDay) {
  policy_.head_weekday = 5;  // Friday
  auto r = plan(morning(2021y / 9 / 10));
  auto* h = to(r, "head1@example.ru");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->escalations, 1u);
  EXPECT_NE(h->message.body.find(mail::base64("Здравствуйте").substr(0, 8)), std::string::npos);
}

TEST_F(Planner, OnceADayNeverTheSameReminderTwiceNotOnDaysOffNotBeforeTheHour) {
  // 08:00 in Vladivostok: before the hour, nothing
  auto early = plan(sys_days{2021y / 9 / 9} + 22h);
  EXPECT_EQ(early.before_hour, 5u);
  EXPECT_TRUE(early.mails.empty());

  auto fri = plan(morning(2021y / 9 / 10));
  EXPECT_EQ(mail::queue_mails(*db_, fri), fri.mails.size());
  auto again = plan(morning(2021y / 9 / 10) + 5h);
  EXPECT_TRUE(again.mails.empty());
  EXPECT_EQ(again.already, 3u);
  EXPECT_EQ(mail::queue_mails(*db_, fri), 0u);  // the same keys: nothing new

  auto sat = plan(morning(2021y / 9 / 11));
  EXPECT_EQ(sat.day_off, 5u);
  EXPECT_TRUE(sat.mails.empty());
  policy_.working_days_only = false;
  EXPECT_FALSE(plan(morning(2021y / 9 / 11)).mails.empty());
  policy_.working_days_only = true;

  // Monday: 2 working days left, the 3-day reminder was told: only the overdue list, no invite again
  auto mon = plan(morning(2021y / 9 / 13));
  auto* e1 = to(mon, "exec1@example.ru");
  ASSERT_TRUE(e1);
  EXPECT_EQ(e1->reminders, 0u);
  EXPECT_TRUE(calendar_mails(mon, "exec1@example.ru").empty());
  EXPECT_EQ(e1->overdue, 1u);
  EXPECT_FALSE(to(mon, "coord@example.ru"));  // told once a task
  mail::queue_mails(*db_, mon);
  // Tuesday: 1 working day left: the 1-day reminder
  auto tue = plan(morning(2021y / 9 / 14));
  EXPECT_TRUE(has(to(tue, "exec1@example.ru"), "reminder|" + kA + "|1|2021-09-15"));
}

TEST_F(Planner, AMovedDateInvitesAgainAndACancelSendsCancel) {
  EXPECT_EQ(mail::queue_mails(*db_, plan(morning(2021y / 9 / 10))), 5u);
  int seq0 = stored(kA).version - 1;
  move(2021y / 9 / 20);
  auto mon = plan(morning(2021y / 9 / 13));
  auto inv = calendar_mails(mon, "exec1@example.ru");
  ASSERT_EQ(inv.size(), 1u);
  int seq1 = stored(kA).version - 1;
  EXPECT_GT(seq1, seq0);
  EXPECT_EQ(inv[0]->items, std::vector<std::string>{"invite|" + kA + "|2021-09-20|" + std::to_string(seq1)});
  EXPECT_TRUE(inv[0]->message.subject.starts_with("Новый срок 20.09.2021: п. 1.1 · ")) << inv[0]->message.subject;
  EXPECT_NE(inv[0]->message.body.find(mail::base64("Здравствуйте").substr(0, 8)), std::string::npos);
  std::string cal = calendar_of(*inv[0]);
  EXPECT_NE(cal.find("DTSTART;VALUE=DATE:20210920\r\n"), std::string::npos) << cal;
  EXPECT_NE(cal.find("SEQUENCE:" + std::to_string(seq1) + "\r\n"), std::string::npos) << cal;
  mail::queue_mails(*db_, mon);
  EXPECT_TRUE(calendar_mails(plan(morning(2021y / 9 / 14)), "exec1@example.ru").empty()) << "told once";

  set_status(kA, "cancelled");
  int seq2 = stored(kA).version - 1;
  auto tue = plan(morning(2021y / 9 / 14));
  auto c1 = calendar_mails(tue, "exec1@example.ru");
  ASSERT_EQ(c1.size(), 1u);
  EXPECT_EQ(c1[0]->message.kind, "cancel");
  EXPECT_EQ(c1[0]->cancels, 1u);
  EXPECT_EQ(c1[0]->items, std::vector<std::string>{"cancel|" + kA + "|" + std::to_string(seq2)});
  EXPECT_EQ(c1[0]->message.dedup_key, "cancel|khv/exec1|" + kA + "|" + std::to_string(seq2));
  EXPECT_TRUE(c1[0]->message.subject.starts_with("Отменено: п. 1.1 · ")) << c1[0]->message.subject;
  std::string ccal = calendar_of(*c1[0]);
  EXPECT_NE(ccal.find("METHOD:CANCEL\r\n"), std::string::npos);
  EXPECT_NE(ccal.find("STATUS:CANCELLED\r\n"), std::string::npos);
  EXPECT_NE(ccal.find("SEQUENCE:" + std::to_string(seq2) + "\r\n"), std::string::npos) << ccal;
  EXPECT_EQ(count(ccal, "BEGIN:VEVENT"), 1u);
  mail::queue_mails(*db_, tue);
  EXPECT_TRUE(calendar_mails(plan(morning(2021y / 9 / 15)), "exec1@example.ru").empty()) << "one cancel";

  // Reopened: the calendar dropped the entry, so it is invited again, and a new cancel follows a
  // second cancellation.
  set_status(kA, "planned");
  auto wed = plan(morning(2021y / 9 / 15));
  auto again = calendar_mails(wed, "exec1@example.ru");
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0]->message.kind, "invite");
  EXPECT_TRUE(again[0]->message.subject.starts_with("Срок 20.09.2021: ")) << again[0]->message.subject;
  mail::queue_mails(*db_, wed);
  set_status(kA, "cancelled");
  auto thursday = plan(morning(2021y / 9 / 16));
  auto thu = calendar_mails(thursday, "exec1@example.ru");
  ASSERT_EQ(thu.size(), 1u);
  EXPECT_EQ(thu[0]->message.kind, "cancel");
}

TEST_F(Planner, ADateMovedAndMovedBackIsSentBothTimesEvenBeyondTheHorizon) {
  mail::queue_mails(*db_, plan(morning(2021y / 9 / 10)));  // invited for Sep 15
  move(2022y / 3 / 1);  // far beyond the 60-day horizon: the calendar still has Sep 15
  auto mon = plan(morning(2021y / 9 / 13));
  auto inv = calendar_mails(mon, "exec1@example.ru");
  ASSERT_EQ(inv.size(), 1u);
  EXPECT_NE(calendar_of(*inv[0]).find("DTSTART;VALUE=DATE:20220301\r\n"), std::string::npos);
  mail::queue_mails(*db_, mon);
  move(2021y / 9 / 15);  // back to the date told first
  auto tue = plan(morning(2021y / 9 / 14));
  inv = calendar_mails(tue, "exec1@example.ru");
  ASSERT_EQ(inv.size(), 1u) << "the calendar has 01.03.2022 now";
  EXPECT_TRUE(inv[0]->message.subject.starts_with("Новый срок 15.09.2021: ")) << inv[0]->message.subject;
  EXPECT_NE(calendar_of(*inv[0]).find("DTSTART;VALUE=DATE:20210915\r\n"), std::string::npos);
  EXPECT_EQ(calendar_mails(tue, "exec2@example.ru").size(), 1u);
}

TEST_F(Planner, InvitesGoOutTheSameDayAfterTheDigestButNotTheDigestAgain) {
  auto fri = plan(morning(2021y / 9 / 10));
  mail::queue_mails(*db_, fri);
  move(2021y / 9 / 17);
  auto later = plan(morning(2021y / 9 / 10) + 4h);
  EXPECT_EQ(later.already, 3u);
  EXPECT_FALSE(to(later, "exec1@example.ru"));
  EXPECT_EQ(calendar_mails(later, "exec1@example.ru").size(), 1u);
  EXPECT_EQ(calendar_mails(later, "exec2@example.ru").size(), 1u);
  EXPECT_EQ(later.mails.size(), 2u);
  EXPECT_EQ(mail::queue_mails(*db_, later), 2u);
  EXPECT_EQ(mail::queue_mails(*db_, later), 0u) << "the same keys: nothing new";
}

TEST_F(Planner, ItemsWithoutASequenceAndLongerKeysAreReadRight) {
  // What outboxes hold from before the sequence was part of an item, and an item of another task
  // whose key starts with this one's.
  store::OutboxMessage old;
  old.dedup_key = "old|1";
  old.person = "khv/exec1";
  old.email = "exec1@example.ru";
  old.kind = "digest";
  old.body = "x";
  old.created_at = old.next_attempt_at = "2021-09-09T00:00:00Z";
  ASSERT_TRUE(store::enqueue(*db_, old, {"invite|" + kA + "|2021-09-15", "invite|" + kB + "|x|2021-09-01|0"}));
  auto r = plan(morning(2021y / 9 / 10));
  EXPECT_TRUE(calendar_mails(r, "exec1@example.ru").empty()) << "told before, at the same date";
  EXPECT_EQ(calendar_mails(r, "exec2@example.ru").size(), 1u);
  // A cancelled B: exec1's calendar never had B (the longer key is another task), so no cancel.
  set_status(kB, "cancelled");
  set_status(kA, "cancelled");
  auto replanned = plan(morning(2021y / 9 / 10));
  auto later = calendar_mails(replanned, "exec1@example.ru");
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0]->items.at(0).rfind("cancel|" + kA + "|", 0), 0u) << later[0]->items.at(0);
  old.dedup_key = "old|2";
  ASSERT_TRUE(store::enqueue(*db_, old, {"cancel|" + kA}));
  EXPECT_TRUE(calendar_mails(plan(morning(2021y / 9 / 10)), "exec1@example.ru").empty()) << "a cancel without a sequence";
}
