// The notification planner on a real store: who gets what on which day -- reminders at the nearest
// offset in working days and never twice, overdue work daily, the head's weekly list, the
// coordinators after N working days, invites within the horizon, opt-outs, the local hour in the
// person's zone, days off, one digest a person a day.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>

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
  static const mail::PlannedMail* to(const mail::PlanResult& r, const std::string& email) {
    for (const auto& m : r.mails)
      if (m.message.email == email) return &m;
    return nullptr;
  }
  static bool has(const mail::PlannedMail* m, const std::string& item) {
    return m && std::find(m->items.begin(), m->items.end(), item) != m->items.end();
  }

  roadmap::testing::TempDir dir_;
  std::optional<store::Database> db_;
  std::optional<calendar::ProductionCalendar> cal_;
  mail::Policy policy_;
  const std::string kA = fmt::format("{}|1.1|0|0|a|body:ОИВ|lead", kPlan);
  const std::string kB = fmt::format("{}|1.2|0|0|b|body:ОИВ|lead", kPlan);
};

}  // namespace

TEST_F(Planner, FridayDigests) {
  auto r = plan(morning(2021y / 9 / 10));  // Friday
  EXPECT_EQ(r.people, 5u);
  EXPECT_EQ(r.before_hour, 0u);
  // Sep 15 is 3 working days after Friday Sep 10: the 3-day reminder, and an invite (within 60 days).
  auto* e1 = to(r, "exec1@example.ru");
  ASSERT_TRUE(e1);
  EXPECT_TRUE(has(e1, "reminder|" + kA + "|3|2021-09-15"));
  EXPECT_TRUE(has(e1, "invite|" + kA + "|2021-09-15"));
  EXPECT_EQ(e1->reminders, 1u);
  EXPECT_EQ(e1->overdue, 1u);  // B, due Sep 1
  EXPECT_EQ(e1->invites, 1u);
  // the December task: no reminder yet, outside the invite horizon
  for (const auto& i : e1->items) EXPECT_EQ(i.find("|c|"), std::string::npos) << i;
  EXPECT_NE(e1->message.body.find("Content-Type: text/calendar; charset=UTF-8; method=REQUEST"), std::string::npos);
  EXPECT_EQ(mail::decode_header_text(e1->message.body.substr(e1->message.body.find("Subject: ") + 9,
                                                             e1->message.body.find("\r\nDate:") -
                                                                 e1->message.body.find("Subject: ") - 9)),
            "Дорожные карты, 10.09.2021: сроки — 1, просрочено — 1, приглашения — 1");
  // exec2 opted out of reminders: overdue work and the invite only
  auto* e2 = to(r, "exec2@example.ru");
  ASSERT_TRUE(e2);
  EXPECT_EQ(e2->reminders, 0u);
  EXPECT_EQ(e2->overdue, 1u);
  EXPECT_EQ(e2->invites, 1u);
  // the head: not a task's recipient (the body has executors), and Friday is not the weekly day
  EXPECT_FALSE(to(r, "head1@example.ru"));
  // the coordinator: B is 7 working days late (>= 5)
  auto* c = to(r, "coord@example.ru");
  ASSERT_TRUE(c);
  EXPECT_TRUE(has(c, "coordinator|" + kB));
  EXPECT_EQ(c->escalations, 1u);
  EXPECT_FALSE(to(r, "viewer@example.ru"));
  EXPECT_EQ(r.mails.size(), 3u);
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
  EXPECT_EQ(e1->invites, 0u);
  EXPECT_EQ(e1->overdue, 1u);
  EXPECT_FALSE(to(mon, "coord@example.ru"));  // told once a task
  mail::queue_mails(*db_, mon);
  // Tuesday: 1 working day left: the 1-day reminder
  auto tue = plan(morning(2021y / 9 / 14));
  EXPECT_TRUE(has(to(tue, "exec1@example.ru"), "reminder|" + kA + "|1|2021-09-15"));
}

TEST_F(Planner, AMovedDateInvitesAgainAndACancelSendsCancel) {
  mail::queue_mails(*db_, plan(morning(2021y / 9 / 10)));
  {
    store::Transaction tx(*db_);
    store::apply_tasks(*db_, kPlan,
                       {task("1.1", "a", 2021y / 9 / 20), task("1.2", "b", 2021y / 9 / 1), task("1.1", "c", 2021y / 12 / 1)},
                       "test");
    tx.commit();
  }
  auto mon = plan(morning(2021y / 9 / 13));
  auto* e1 = to(mon, "exec1@example.ru");
  ASSERT_TRUE(e1);
  EXPECT_TRUE(has(e1, "invite|" + kA + "|2021-09-20"));
  EXPECT_NE(e1->message.body.find("method=REQUEST"), std::string::npos);
  mail::queue_mails(*db_, mon);
  store::TaskFilter f;
  f.plan_id = kPlan;
  f.item = "1.1";
  auto a = store::query_tasks(*db_, f);
  auto it = std::find_if(a.begin(), a.end(), [&](const auto& t) { return t.task.key == kA; });
  ASSERT_NE(it, a.end());
  store::update_status(*db_, it->id, it->version, "cancelled", "test", "не нужно");
  auto tue = plan(morning(2021y / 9 / 14));
  auto* c1 = to(tue, "exec1@example.ru");
  ASSERT_TRUE(c1);
  EXPECT_EQ(c1->cancels, 1u);
  EXPECT_TRUE(has(c1, "cancel|" + kA));
  EXPECT_NE(c1->message.body.find("method=CANCEL"), std::string::npos);
  // the December task was never invited: its cancel would tell nobody anything
  EXPECT_EQ(c1->reminders, 0u);
}
