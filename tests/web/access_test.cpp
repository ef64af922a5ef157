// Who may see and change what (engine/access/principal.hpp's table), and the secrets: random,
// stored only as hashes, sign-in links used once and expiring, sessions revoked at sign-out, a new
// feed or API token replacing the old one, sign-in mails limited per hour.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <set>

#include "access/principal.hpp"
#include "access/secret.hpp"
#include "access/sessions.hpp"
#include "store/access_tokens.hpp"
#include "store/outbox.hpp"
#include "store/schema.hpp"
#include "store/task_repository.hpp"
#include "../store/temp_dir.hpp"

using namespace roadmap;
using access::Principal;
using access::TaskOwner;

namespace {

Principal person(model::Role role, std::string body, std::string school = "") {
  Principal p;
  p.ref = {"dir", "p"};
  p.role = role;
  p.body = std::move(body);
  p.school = std::move(school);
  return p;
}

const TaskOwner kDeptTask{"dir", "body", "Отдел образования"};
const TaskOwner kImcTask{"dir", "body", "ИМЦ"};
const TaskOwner kSchool1Task{"dir", "school", "sosh-1"};
const TaskOwner kSchool2Task{"dir", "school", "sosh-2"};
const TaskOwner kOtherDirTask{"other", "body", "Отдел образования"};

}  // namespace

TEST(AccessRules, CoordinatorSeesAndChangesTheWholeDirectoryOnly) {
  auto p = person(model::Role::coordinator, "Отдел образования");
  for (const auto& t : {kDeptTask, kImcTask, kSchool1Task, kSchool2Task}) {
    EXPECT_TRUE(access::can_view_task(p, t));
    EXPECT_TRUE(access::can_change_task(p, t));
  }
  EXPECT_FALSE(access::can_view_task(p, kOtherDirTask));
  EXPECT_FALSE(access::can_change_task(p, kOtherDirTask));
  EXPECT_TRUE(access::can_view_dashboard(p));
}

TEST(AccessRules, HeadOfABodySeesAllButChangesOnlyTheirBodys) {
  auto p = person(model::Role::head, "Отдел образования");
  EXPECT_TRUE(access::can_view_task(p, kImcTask));
  EXPECT_TRUE(access::can_view_task(p, kSchool2Task));
  EXPECT_TRUE(access::can_change_task(p, kDeptTask));
  EXPECT_FALSE(access::can_change_task(p, kImcTask));
  EXPECT_FALSE(access::can_change_task(p, kSchool1Task));
  EXPECT_TRUE(access::can_view_dashboard(p));
}

TEST(AccessRules, DirectorSeesOnlyTheirSchool) {
  auto p = person(model::Role::head, "", "sosh-1");
  EXPECT_TRUE(access::can_view_task(p, kSchool1Task));
  EXPECT_TRUE(access::can_change_task(p, kSchool1Task));
  EXPECT_FALSE(access::can_view_task(p, kSchool2Task));
  EXPECT_FALSE(access::can_view_task(p, kDeptTask));
  EXPECT_EQ(access::view_scope(p).unit, access::Scope::Unit::school);
  EXPECT_TRUE(access::can_view_dashboard(p));  // the school's own dashboard
}

TEST(AccessRules, ExecutorWorksOnTheirUnitOnly) {
  auto body = person(model::Role::executor, "ИМЦ");
  EXPECT_TRUE(access::can_view_task(body, kImcTask));
  EXPECT_TRUE(access::can_change_task(body, kImcTask));
  EXPECT_FALSE(access::can_view_task(body, kDeptTask));
  EXPECT_FALSE(access::can_change_task(body, kDeptTask));
  EXPECT_FALSE(access::can_view_task(body, kSchool1Task));
  EXPECT_FALSE(access::can_view_dashboard(body));
  auto school = person(model::Role::executor, "", "sosh-2");
  EXPECT_TRUE(access::can_change_task(school, kSchool2Task));
  EXPECT_FALSE(access::can_change_task(school, kSchool1Task));
}

TEST(AccessRules, ViewerChangesNothing) {
  auto p = person(model::Role::viewer, "ММО");
  EXPECT_TRUE(access::can_view_task(p, kSchool1Task));
  for (const auto& t : {kDeptTask, kImcTask, kSchool1Task}) EXPECT_FALSE(access::can_change_task(p, t));
}

TEST(AccessRules, Feeds) {
  auto exec = person(model::Role::executor, "ИМЦ");
  EXPECT_TRUE(access::can_view_person_feed(exec, exec.ref));
  EXPECT_FALSE(access::can_view_person_feed(exec, {"dir", "someone-else"}));
  EXPECT_TRUE(access::can_view_unit_feed(exec, "dir", "body", "ИМЦ"));
  EXPECT_FALSE(access::can_view_unit_feed(exec, "dir", "school", "sosh-1"));
  auto head = person(model::Role::head, "Отдел образования");
  EXPECT_TRUE(access::can_view_person_feed(head, {"dir", "someone-else"}));
  EXPECT_FALSE(access::can_view_person_feed(head, {"other", "someone-else"}));
  EXPECT_TRUE(access::can_view_unit_feed(head, "dir", "school", "sosh-1"));
  EXPECT_FALSE(access::can_view_unit_feed(head, "other", "school", "sosh-1"));
}

TEST(Secrets, RandomUrlSafeAndHashed) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    auto s = access::new_secret();
    EXPECT_TRUE(access::looks_like_secret(s)) << s;
    EXPECT_TRUE(seen.insert(s).second);
  }
  auto s = *seen.begin();
  EXPECT_EQ(access::secret_hash(s).size(), 64u);
  EXPECT_NE(access::secret_hash(s), s);
  EXPECT_FALSE(access::looks_like_secret("short"));
  EXPECT_FALSE(access::looks_like_secret(std::string(43, '/')));
  EXPECT_NE(access::csrf_token(s), access::csrf_token(*seen.rbegin()));
  EXPECT_TRUE(access::equal_constant_time("abc", "abc"));
  EXPECT_FALSE(access::equal_constant_time("abc", "abd"));
  EXPECT_FALSE(access::equal_constant_time("abc", "abcd"));
}

TEST(NextPath, OnlyLocalPaths) {
  EXPECT_EQ(access::safe_next_path("/tasks/42?saved=1"), "/tasks/42?saved=1");
  EXPECT_EQ(access::safe_next_path("//evil.example/x"), "/");
  EXPECT_EQ(access::safe_next_path("/\\evil.example"), "/");
  EXPECT_EQ(access::safe_next_path("https://evil.example"), "/");
  EXPECT_EQ(access::safe_next_path("/a\r\nSet-Cookie: x=1"), "/");
  EXPECT_EQ(access::safe_next_path(""), "/");
}

class Tokens : public ::testing::Test {
 protected:
  void SetUp() override {
    db = std::make_unique<store::Database>(store::open_store(dir.file("t.db")));
    model::Directory d;
    d.id = "dir";
    d.timezone = "Asia/Vladivostok";
    d.people.push_back({});
    auto& p = d.people.back();
    p.id = "ivanova";
    p.name = "Иванова Анна";
    p.email = "Anna.Ivanova@example.ru";
    p.role = model::Role::executor;
    p.body = "ИМЦ";
    store::save_directory(*db, d);
  }
  std::chrono::sys_seconds at(int hour) {
    return std::chrono::sys_days{std::chrono::year{2024} / 3 / 1} + std::chrono::hours(hour);
  }
  std::size_t rows(const std::string& sql) {
    auto st = db->prepare(sql);
    st.step();
    return static_cast<std::size_t>(st.column_int(0));
  }
  roadmap::testing::TempDir dir;
  std::unique_ptr<store::Database> db;
  store::PersonRef who{"dir", "ivanova"};
  access::Lifetimes life;
};

TEST_F(Tokens, SignInLinkWorksOnceAndOnlyItsHashIsStored) {
  auto link = access::issue(*db, store::TokenKind::signin, who, at(9), life, "/tasks/7");
  auto in = access::sign_in(*db, link.secret, at(10), life);
  ASSERT_TRUE(in);
  EXPECT_EQ(in->principal.ref, who);
  EXPECT_EQ(in->principal.timezone, "Asia/Vladivostok");  // the directory's zone
  EXPECT_EQ(in->next_path, "/tasks/7");
  EXPECT_FALSE(access::sign_in(*db, link.secret, at(10), life)) << "a link opens once";
  // The session works until it expires or is ended.
  auto me = access::authenticate(*db, store::TokenKind::session, in->session.secret, at(11));
  ASSERT_TRUE(me);
  EXPECT_EQ(me->name, "Иванова Анна");
  EXPECT_FALSE(access::authenticate(*db, store::TokenKind::api, in->session.secret, at(11))) << "kinds do not mix";
  EXPECT_FALSE(access::authenticate(*db, store::TokenKind::session, in->session.secret, at(11) + life.session));
  access::sign_out(*db, in->session.secret, at(12));
  EXPECT_FALSE(access::authenticate(*db, store::TokenKind::session, in->session.secret, at(12)));
  // Nothing in the database file is a secret.
  db.reset();
  std::ifstream f(dir.file("t.db"), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::ifstream w(dir.file("t.db-wal"), std::ios::binary);
  bytes.append((std::istreambuf_iterator<char>(w)), std::istreambuf_iterator<char>());
  EXPECT_EQ(bytes.find(link.secret), std::string::npos);
  EXPECT_EQ(bytes.find(in->session.secret), std::string::npos);
  EXPECT_NE(bytes.find(access::secret_hash(link.secret)), std::string::npos);
}

TEST_F(Tokens, ExpiredOrForeignLinksDoNotWork) {
  auto link = access::issue(*db, store::TokenKind::signin, who, at(0), life);
  EXPECT_FALSE(access::sign_in(*db, link.secret, at(0) + life.signin, life)) << "expired";
  EXPECT_FALSE(access::sign_in(*db, access::new_secret(), at(1), life)) << "unknown";
  EXPECT_FALSE(access::sign_in(*db, "../../etc/passwd", at(1), life));
  // A person removed from the directory: the link stays unused and opens nothing.
  auto other = access::issue(*db, store::TokenKind::signin, {"dir", "gone"}, at(0), life);
  EXPECT_FALSE(access::sign_in(*db, other.secret, at(1), life));
  EXPECT_EQ(rows("SELECT count(*) FROM access_tokens WHERE kind = 'session'"), 0u);
}

TEST_F(Tokens, ANewFeedOrApiTokenReplacesTheOld) {
  auto a = access::issue(*db, store::TokenKind::feed, who, at(0), life);
  auto b = access::issue(*db, store::TokenKind::feed, who, at(1), life);
  EXPECT_FALSE(a.expires_at);
  EXPECT_FALSE(access::authenticate(*db, store::TokenKind::feed, a.secret, at(2)));
  EXPECT_TRUE(access::authenticate(*db, store::TokenKind::feed, b.secret, at(2 + 24 * 365)));
  auto api = access::issue(*db, store::TokenKind::api, who, at(3), life);
  EXPECT_TRUE(access::authenticate(*db, store::TokenKind::api, api.secret, at(4)));
  EXPECT_TRUE(access::authenticate(*db, store::TokenKind::feed, b.secret, at(4))) << "an API token leaves the feed alone";
}

TEST_F(Tokens, SignInMailsAreLimitedAndFoundByAnyCaseOfTheAddress) {
  std::size_t links = 0;
  for (int i = 0; i < 8; ++i) links += access::request_signin(*db, "anna.IVANOVA@example.ru", at(9), life, "/").size();
  EXPECT_EQ(links, life.signin_per_hour);
  EXPECT_EQ(access::request_signin(*db, "anna.ivanova@example.ru", at(10) + std::chrono::minutes(1), life, "/").size(), 1u);
  EXPECT_TRUE(access::request_signin(*db, "nobody@example.ru", at(9), life, "/").empty());
  EXPECT_EQ(rows("SELECT count(*) FROM access_tokens WHERE directory_id = 'dir' AND person = 'nobody'"), 0u);
}
