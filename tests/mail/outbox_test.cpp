// The outbox in a real SQLite file: dedup by key, items told once, what is deliverable when, the
// state changes, and delivery to a server that is not there (back-off, nothing lost).
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mail/deliver.hpp"
#include "store/outbox.hpp"
#include "store/schema.hpp"
#include "store/temp_dir.hpp"

using namespace roadmap;
using namespace std::chrono;

namespace {

const sys_seconds kNow = sys_days{2023y / 9 / 1} + 7h;

store::OutboxMessage msg(const std::string& key, const std::string& person = "d/p1") {
  store::OutboxMessage m;
  m.dedup_key = key;
  m.person = person;
  m.email = "p1@example.ru";
  m.kind = "digest";
  m.subject = "Тема";
  m.body = "Subject: x\r\n\r\nbody\r\n";
  m.created_at = store::iso_utc(kNow);
  m.next_attempt_at = m.created_at;
  return m;
}

// A loopback port nobody listens on (bound, then closed).
int free_port() {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  int port = ntohs(a.sin_port);
  close(s);
  return port;
}

}  // namespace

TEST(Outbox, SameKeyIsQueuedOnceAndItemsAreRecorded) {
  roadmap::testing::TempDir dir;
  auto db = store::open_store(dir.file("o.db"));
  EXPECT_TRUE(store::enqueue(db, msg("digest|d/p1|2023-09-01"), {"reminder|k1|3|2023-09-06", "invite|k1|2023-09-06"}));
  EXPECT_FALSE(store::enqueue(db, msg("digest|d/p1|2023-09-01"), {"reminder|k2|3|2023-09-06"}));
  auto told = store::told_items(db);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told["d/p1"], (std::set<std::string>{"invite|k1|2023-09-06", "reminder|k1|3|2023-09-06"}));
  EXPECT_EQ(store::outbox_keys(db, "digest|"), (std::set<std::string>{"digest|d/p1|2023-09-01"}));
  EXPECT_TRUE(store::outbox_keys(db, "other|").empty());
  EXPECT_EQ(store::outbox_counts(db)["queued"], 1);
}

TEST(Outbox, DeliverableOrderAndStateChanges) {
  roadmap::testing::TempDir dir;
  auto db = store::open_store(dir.file("o.db"));
  store::enqueue(db, msg("a"), {});
  auto later = msg("b");
  later.next_attempt_at = store::iso_utc(kNow + 10min);
  store::enqueue(db, later, {});
  store::enqueue(db, msg("c"), {});
  auto due = store::deliverable(db, kNow);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].dedup_key, "a");
  EXPECT_EQ(due[1].dedup_key, "c");
  EXPECT_EQ(due[0].body, "Subject: x\r\n\r\nbody\r\n");
  // a message left 'sending' by a crash comes first
  store::mark_sending(db, due[1].id);
  auto again = store::deliverable(db, kNow);
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(again[0].dedup_key, "c");
  EXPECT_EQ(again[0].state, "sending");
  store::mark_sent(db, due[1].id, kNow);
  store::mark_retry(db, due[0].id, "connection refused", kNow + 1min, false);
  EXPECT_TRUE(store::deliverable(db, kNow).empty());
  EXPECT_EQ(store::deliverable(db, kNow + 10min).size(), 2u);
  auto a = store::find_outbox(db, due[0].id);
  EXPECT_EQ(a->state, "queued");
  EXPECT_EQ(a->attempts, 1);
  EXPECT_EQ(a->last_error, "connection refused");
  EXPECT_EQ(a->next_attempt_at, "2023-09-01T07:01:00Z");
  store::mark_rejected(db, due[0].id, "550 no such mailbox");
  EXPECT_EQ(store::find_outbox(db, due[0].id)->state, "rejected");
  EXPECT_EQ(store::deliverable(db, kNow + 24h).size(), 1u);  // only b; rejected never again
  auto c = store::find_outbox(db, due[1].id);
  EXPECT_EQ(c->state, "sent");
  EXPECT_EQ(c->sent_at.value_or(""), "2023-09-01T07:00:00Z");
  auto rejected = store::list_outbox(db, {"rejected", "", 0});
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_TRUE(rejected[0].body.empty());
  EXPECT_EQ(store::list_outbox(db, {"", "P1@example.ru", 0}).size(), 3u);
}

TEST(Outbox, BackoffGrowsAndIsCapped) {
  EXPECT_EQ(mail::backoff(1), minutes(1));
  EXPECT_EQ(mail::backoff(2), minutes(5));
  EXPECT_EQ(mail::backoff(3), minutes(30));
  EXPECT_EQ(mail::backoff(4), minutes(120));
  EXPECT_EQ(mail::backoff(5), minutes(360));
  EXPECT_EQ(mail::backoff(50), minutes(360));
}

TEST(Outbox, ServerDownKeepsEveryMessageQueuedWithBackoffThenGivesUp) {
  roadmap::testing::TempDir dir;
  auto db = store::open_store(dir.file("o.db"));
  for (int i = 0; i < 3; ++i) store::enqueue(db, msg("k" + std::to_string(i)), {});
  mail::SmtpConfig cfg;
  cfg.url = "smtp://127.0.0.1:" + std::to_string(free_port());
  cfg.connect_timeout_s = 5;
  mail::SmtpSender sender(cfg);
  mail::DeliverOptions opt;
  opt.now = kNow;
  opt.envelope_from = "roadmap@example.ru";
  opt.max_attempts = 2;
  int calls = 0;
  opt.on_result = [&](const store::OutboxMessage&, const mail::SendResult& r) {
    ++calls;
    EXPECT_EQ(r.status, mail::SendResult::Status::temporary);
    EXPECT_FALSE(r.error.empty());
  };
  auto rep = mail::deliver(db, sender, opt);
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(rep.retry, 3u);
  EXPECT_EQ(rep.sent, 0u);
  for (const auto& m : store::list_outbox(db, {})) {
    EXPECT_EQ(m.state, "queued");
    EXPECT_EQ(m.attempts, 1);
    EXPECT_EQ(m.next_attempt_at, "2023-09-01T07:01:00Z");
    EXPECT_FALSE(m.last_error.empty());
  }
  // Not yet time for the next attempt: nothing is tried.
  EXPECT_EQ(mail::deliver(db, sender, opt).retry, 0u);
  opt.now = kNow + 2min;
  auto rep2 = mail::deliver(db, sender, opt);
  EXPECT_EQ(rep2.failed, 3u);
  EXPECT_EQ(store::outbox_counts(db)["failed"], 3);
}
