// The notification policy loader: defaults, every field, located errors in Russian, opt-outs.
#include <gtest/gtest.h>

#include "mail/policy.hpp"

using namespace roadmap;
using namespace roadmap::mail;

namespace {

std::string errors(const PolicyLoad& l) {
  return diag::render_all(l.diagnostics, i18n::Lang::ru);
}

}  // namespace

TEST(Policy, EmptyMappingGivesTheDefaults) {
  auto l = load_policy_text("local_hour: 9\n", "notify.yaml");
  ASSERT_TRUE(l.policy) << errors(l);
  EXPECT_EQ(l.policy->before_due, (std::vector<int>{14, 3, 1}));
  EXPECT_TRUE(l.policy->working_days_only);
  EXPECT_EQ(l.policy->head_weekday, 1);
}

TEST(Policy, AnEmptyFileGivesTheDefaults) {
  // As an empty server configuration (load/config_reader.hpp): nothing said, every default holds.
  auto l = load_policy_text("", "notify.yaml");
  ASSERT_TRUE(l.policy) << errors(l);
  EXPECT_EQ(l.policy->local_hour, 9);
  EXPECT_TRUE(l.policy->invites);
}

TEST(Policy, EveryField) {
  auto l = load_policy_text(R"(
local_hour: 8
working_days_only: false
base_url: https://roadmap.example.ru
from: {name: Отдел образования, email: noreply@example.ru}
sender_zone: Europe/Samara
reminders: {before_due: [1, 10, 5], window_opens: false, checkins: no}
escalation: {executor_daily: false, head_weekly: пятница, coordinator_after: 3}
invites: {enabled: false, horizon_days: 30}
opt_out:
  - person: sokolov-dn
  - {person: M.Petrova@Example.ru, what: [reminders, invites]}
)",
                            "notify.yaml");
  ASSERT_TRUE(l.policy) << errors(l);
  const Policy& p = *l.policy;
  EXPECT_EQ(p.local_hour, 8);
  EXPECT_FALSE(p.working_days_only);
  EXPECT_EQ(p.base_url, "https://roadmap.example.ru");
  EXPECT_EQ(p.from_email, "noreply@example.ru");
  EXPECT_EQ(p.from_name, "Отдел образования");
  EXPECT_EQ(p.sender_zone, "Europe/Samara");
  EXPECT_EQ(p.before_due, (std::vector<int>{10, 5, 1}));
  EXPECT_FALSE(p.window_opens);
  EXPECT_FALSE(p.checkins);
  EXPECT_FALSE(p.executor_daily);
  EXPECT_EQ(p.head_weekday, 5);
  EXPECT_EQ(p.coordinator_after, 3);
  EXPECT_FALSE(p.invites);
  EXPECT_EQ(p.invite_horizon_days, 30);
  EXPECT_TRUE(p.opted_out("sokolov-dn", "d.sokolov@example.ru", Topic::escalation));
  EXPECT_TRUE(p.opted_out("x", "m.petrova@example.ru", Topic::reminders));
  EXPECT_TRUE(p.opted_out("x", "M.PETROVA@example.ru", Topic::invites));
  EXPECT_FALSE(p.opted_out("x", "m.petrova@example.ru", Topic::escalation));
  EXPECT_FALSE(p.opted_out("someone", "a@b.ru", Topic::reminders));
}

TEST(Policy, ErrorsAreLocatedAndInRussian) {
  auto l = load_policy_text("local_hour: 25\nreminders:\n  before_due: [3, 3, x]\n  sms: true\nescalation:\n  head_weekly: "
                            "someday\nfrom: {email: \"a@b.ru\\r\\nBcc: x@y.z\"}\nopt_out:\n  - what: all\n",
                            "notify.yaml");
  EXPECT_FALSE(l.policy);
  std::string e = errors(l);
  EXPECT_NE(e.find("notify.yaml:1:13: ошибка: здесь нужно целое число от 0 до 23"), std::string::npos) << e;
  EXPECT_NE(e.find("notify.yaml:3:19: ошибка: срок напоминания 3 указан дважды"), std::string::npos) << e;
  EXPECT_NE(e.find("notify.yaml:3:22: ошибка: здесь нужно целое число от 0 до 365"), std::string::npos) << e;
  EXPECT_NE(e.find("notify.yaml:4:3: ошибка: неизвестный ключ «sms»"), std::string::npos) << e;
  EXPECT_NE(e.find("notify.yaml:6:16: ошибка: неизвестный день недели «someday»"), std::string::npos) << e;
  EXPECT_NE(e.find("неверный адрес электронной почты"), std::string::npos) << e;
  EXPECT_NE(e.find("notify.yaml:9:5: ошибка: не указан person"), std::string::npos) << e;
}

TEST(Policy, BrokenYamlAndWrongRoots) {
  for (const char* text : {"[1, 2", "- a\n- b\n", "just text", ",", "local_hour: [1]\n", "opt_out: x\n"}) {
    auto l = load_policy_text(text, "p.yaml");
    EXPECT_FALSE(l.policy) << text;
    EXPECT_TRUE(l.diagnostics.has_errors()) << text;
  }
  auto missing = load_policy_file("/nonexistent/notify.yaml");
  EXPECT_FALSE(missing.policy);
  EXPECT_NE(errors(missing).find("не удалось открыть"), std::string::npos);
}
