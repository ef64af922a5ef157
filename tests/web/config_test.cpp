// The server's configuration file: every value read, every mistake located (file, line, column,
// field) so the coordinator can fix it, nothing started on an error.
#include <gtest/gtest.h>

#include "server/config.hpp"

using namespace roadmap;

TEST(ServeConfig, EveryFieldIsRead) {
  auto r = web::load_serve_config_text(R"(listen: "[::1]:9443"
base_url: https://roadmap.example.ru
threads: 8
limits: {body_kb: 2048, header_kb: 8, read_timeout_s: 5, write_timeout_s: 7, max_connections: 100, max_per_peer: 10}
sessions: {signin_link_hours: 2, session_days: 7, signin_per_hour: 3}
notify: {enabled: false, policy: plans/notify/policy.yaml, every_minutes: 5}
smtp: {url: "smtp://127.0.0.1:2525", user: roadmap, starttls: true, verify_tls: false, ca: /etc/ca.pem}
log_requests: no
)", "serve.yaml");
  ASSERT_TRUE(r.config) << diag::render_all(r.diagnostics, i18n::Lang::en);
  const auto& c = *r.config;
  EXPECT_EQ(c.listen, "[::1]:9443");
  EXPECT_EQ(c.base_url, "https://roadmap.example.ru");
  EXPECT_EQ(c.threads, 8u);
  EXPECT_EQ(c.limits.body_bytes, 2048u * 1024);
  EXPECT_EQ(c.limits.header_bytes, 8u * 1024);
  EXPECT_EQ(c.limits.read_timeout, std::chrono::seconds(5));
  EXPECT_EQ(c.limits.write_timeout, std::chrono::seconds(7));
  EXPECT_EQ(c.limits.max_connections, 100u);
  EXPECT_EQ(c.limits.max_per_peer, 10u);
  EXPECT_EQ(c.lifetimes.signin, std::chrono::hours(2));
  EXPECT_EQ(c.lifetimes.session, std::chrono::hours(24 * 7));
  EXPECT_EQ(c.lifetimes.signin_per_hour, 3u);
  EXPECT_FALSE(c.notify);
  EXPECT_EQ(c.policy, "plans/notify/policy.yaml");
  EXPECT_EQ(c.notify_every, std::chrono::minutes(5));
  ASSERT_TRUE(c.smtp);
  EXPECT_EQ(c.smtp->url, "smtp://127.0.0.1:2525");
  EXPECT_EQ(c.smtp->user, "roadmap");
  EXPECT_TRUE(c.smtp->starttls);
  EXPECT_FALSE(c.smtp->verify_tls);
  EXPECT_EQ(c.smtp->ca_file, "/etc/ca.pem");
  EXPECT_FALSE(c.log_requests);
}

TEST(ServeConfig, AnEmptyFileKeepsTheDefaults) {
  auto r = web::load_serve_config_text("", "serve.yaml");
  ASSERT_TRUE(r.config);
  EXPECT_EQ(r.config->listen, "127.0.0.1:8080");
  EXPECT_FALSE(r.config->smtp);
}

TEST(ServeConfig, MistakesAreLocatedAndNothingIsKept) {
  auto r = web::load_serve_config_text(R"(listen: 127.0.0.1:808080
threads: 0
limits:
  body_kbytes: 10
smtp:
  user: x
notify: {every_minutes: sometimes}
)", "serve.yaml");
  EXPECT_FALSE(r.config);
  auto text = diag::render_all(r.diagnostics, i18n::Lang::ru);
  EXPECT_NE(text.find("serve.yaml:1:9:"), std::string::npos) << text;  // the value of listen
  EXPECT_NE(text.find("127.0.0.1:808080"), std::string::npos) << text;
  EXPECT_NE(text.find("serve.yaml:2:10:"), std::string::npos) << text;  // threads
  EXPECT_NE(text.find("от 1 до 256"), std::string::npos) << text;
  EXPECT_NE(text.find("serve.yaml:4:3:"), std::string::npos) << text;  // the unknown key, with the allowed ones
  EXPECT_NE(text.find("body_kb"), std::string::npos) << text;
  EXPECT_NE(text.find("smtp://"), std::string::npos) << text;  // smtp without a url: what to write
  EXPECT_NE(text.find("serve.yaml:7:25:"), std::string::npos) << text;
  EXPECT_EQ(r.diagnostics.error_count(), 5u) << text;
}

TEST(ServeConfig, NotAMappingOrBrokenYaml) {
  EXPECT_FALSE(web::load_serve_config_text("- a\n- b\n", "s.yaml").config);
  auto broken = web::load_serve_config_text("listen: [1, 2\n", "s.yaml");
  EXPECT_FALSE(broken.config);
  EXPECT_TRUE(broken.diagnostics.has_errors());
  auto missing = web::load_serve_config_file("/nonexistent/serve.yaml");
  EXPECT_FALSE(missing.config);
  EXPECT_NE(diag::render_all(missing.diagnostics, i18n::Lang::ru).find("/nonexistent/serve.yaml"), std::string::npos);
}

TEST(ServeConfig, TheBundledExampleLoads) {
  auto r = web::load_serve_config_file(std::string(ROADMAP_SOURCE_DIR) + "/examples/serve.yaml");
  ASSERT_TRUE(r.config) << diag::render_all(r.diagnostics, i18n::Lang::ru);
  EXPECT_EQ(r.config->policy, "plans/notify/policy.yaml");
  ASSERT_TRUE(r.config->smtp);
  EXPECT_EQ(r.config->limits.read_timeout, std::chrono::seconds(15));
}
