// The web application over a real SQLite file holding seed 002 (Левокумский, with the examples'
// directory: people of every role), called in-process through App::handle the way the HTTP
// server calls it, with "today" pinned to 01.12.2023. Helpers sign people in and send requests.
#pragma once

#include <gtest/gtest.h>

#include <boost/beast/http.hpp>

#include <memory>
#include <string>
#include <vector>

#include "access/secret.hpp"
#include "access/sessions.hpp"
#include "load/plan_loader.hpp"
#include "planning/planning.hpp"
#include "server/app.hpp"
#include "store/schema.hpp"
#include "../reports/ru_calendar.hpp"
#include "../store/temp_dir.hpp"

namespace roadmap::testing {

namespace http = boost::beast::http;

class WebApp : public ::testing::Test {
 protected:
  static constexpr const char* kPlan = "levokumsky-objectivity-2023";

  void SetUp() override {
    auto load = load::load_plan_file(std::string(ROADMAP_SOURCE_DIR) + "/plans/002-levokumsky-objectivity-2023.yaml");
    ASSERT_TRUE(load.ok());
    db_path_ = dir_.file("web.db");
    db_ = std::make_unique<store::Database>(store::open_store(db_path_));
    std::vector<model::Plan> plans{*load.plan};
    ASSERT_TRUE(planning::load_and_schedule(*db_, std::move(plans), {}).ok());
    web::AppConfig cfg;
    cfg.db_path = db_path_;
    cfg.base_url = "http://127.0.0.1:8080";
    cfg.today = std::chrono::year{2023} / 12 / 1;
    cfg.log_requests = false;
    app_ = std::make_unique<web::App>(cfg, ru_calendar(),
                                      [this](store::Database&, const access::Principal& who, const std::string& link) {
                                        mails_.emplace_back(who.email, link);
                                        return true;
                                      });
  }

  struct Session {
    std::string cookie;  // "rm_session=..."
    std::string csrf;
  };

  // Signs a person in the way a link does (issue + sign_in), returning the cookie and CSRF token.
  Session sign_in(const std::string& person) {
    auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    auto link = access::issue(*db_, store::TokenKind::signin, {"levokumsky", person}, now, {});
    auto in = access::sign_in(*db_, link.secret, now, {});
    EXPECT_TRUE(in) << person;
    return {"rm_session=" + in->session.secret, access::csrf_token(in->session.secret)};
  }

  web::Response send(http::verb method, const std::string& target, const std::string& cookie = "",
                     const std::string& body = "", const std::string& content_type = "",
                     std::vector<std::pair<std::string, std::string>> headers = {}) {
    web::Incoming in;
    in.peer = "127.0.0.1";
    in.request.method(method);
    in.request.target(target);
    in.request.version(11);
    if (!cookie.empty()) in.request.set(http::field::cookie, cookie);
    if (!content_type.empty()) in.request.set(http::field::content_type, content_type);
    for (auto& [k, v] : headers) in.request.set(k, v);
    in.request.body() = body;
    in.request.prepare_payload();
    return app_->handle(in);
  }
  web::Response get(const std::string& target, const std::string& cookie = "") {
    return send(http::verb::get, target, cookie);
  }
  web::Response post_form(const std::string& target, const std::string& cookie, const std::string& body) {
    return send(http::verb::post, target, cookie, body, "application/x-www-form-urlencoded");
  }

  // The id of the first task matching an SQL condition on tasks.
  std::int64_t task_where(const std::string& where) {
    auto st = db_->prepare("SELECT id FROM tasks WHERE " + where + " ORDER BY id LIMIT 1");
    EXPECT_TRUE(st.step()) << where;
    return st.column_int(0);
  }
  std::string status_of(std::int64_t id) {
    auto st = db_->prepare("SELECT status FROM tasks WHERE id = ?");
    st.bind_all(id);
    st.step();
    return st.column_text(0);
  }
  int version_of(std::int64_t id) {
    auto st = db_->prepare("SELECT version FROM tasks WHERE id = ?");
    st.bind_all(id);
    st.step();
    return static_cast<int>(st.column_int(0));
  }

  roadmap::testing::TempDir dir_;
  std::string db_path_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<web::App> app_;
  std::vector<std::pair<std::string, std::string>> mails_;  // (e-mail, link) the app asked to send
};

}  // namespace roadmap::testing
