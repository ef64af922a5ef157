// The web application's request pipeline on seed 002, in-process: who gets in where (gates, roles,
// another body's task, another directory), CSRF on every state change signed by cookie, the sign-in
// flow (link page, one-time use, cookie attributes, mail on request), transitions from the task page
// and the API with the version check, escaping of plan text, the overview's figures, feeds.
#include <boost/json.hpp>

#include "server/html.hpp"
#include "web_fixture.hpp"

using namespace roadmap;
using roadmap::testing::WebApp;
namespace http = boost::beast::http;
namespace json = boost::json;

namespace {

std::string header(const web::Response& r, http::field f) {
  auto it = r.find(f);
  return it == r.end() ? std::string() : std::string(it->value());
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

}  // namespace

TEST_F(WebApp, PagesSendStrangersToSignInAndTheApiSays401) {
  auto page = get("/tasks?status=open");
  EXPECT_EQ(page.result(), http::status::see_other);
  EXPECT_EQ(header(page, http::field::location), "/login?next=%2Ftasks%3Fstatus%3Dopen");
  auto api = get("/api/v1/tasks");
  EXPECT_EQ(api.result(), http::status::unauthorized);
  EXPECT_TRUE(contains(api.body(), "\"code\":\"unauthorized\""));
  EXPECT_EQ(get("/ics/person/zaitseva-ov.ics").result(), http::status::unauthorized);
  EXPECT_EQ(get("/login").result(), http::status::ok);
  EXPECT_EQ(get("/static/app.css").result(), http::status::ok);
  EXPECT_EQ(get("/nowhere").result(), http::status::not_found);
  // A forged or foreign cookie is nobody.
  EXPECT_EQ(get("/", "rm_session=" + access::new_secret()).result(), http::status::see_other);
  EXPECT_EQ(get("/", "rm_session=x'; DROP TABLE tasks; --").result(), http::status::see_other);
}

TEST_F(WebApp, EverySecurityHeaderIsSet) {
  auto r = get("/login");
  EXPECT_TRUE(contains(header(r, http::field::content_type), "text/html"));
  auto csp = std::string(r["Content-Security-Policy"]);
  EXPECT_TRUE(contains(csp, "default-src 'none'")) << csp;
  EXPECT_FALSE(contains(csp, "script-src")) << "no script may run";
  EXPECT_EQ(r["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(r["X-Frame-Options"], "DENY");
  EXPECT_EQ(r["Referrer-Policy"], "no-referrer");
}

TEST_F(WebApp, SignInLinkOpensAPageThenOneSession) {
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  auto link = access::issue(*db_, store::TokenKind::signin, {"levokumsky", "kovaleva-sa"}, now, {}, "/my");
  auto page = get("/auth/" + link.secret);
  EXPECT_EQ(page.result(), http::status::ok);
  EXPECT_TRUE(contains(page.body(), "Ковалёва Светлана Анатольевна")) << "whose link it is";
  // Looking at the page (a mail scanner does) uses nothing; the button does.
  auto in = post_form("/auth", "", "token=" + link.secret);
  ASSERT_EQ(in.result(), http::status::see_other);
  EXPECT_EQ(header(in, http::field::location), "/my");
  std::string cookie;
  for (const auto& f : in)
    if (f.name() == http::field::set_cookie && contains(std::string(f.value()), "rm_session=")) cookie = std::string(f.value());
  EXPECT_TRUE(contains(cookie, "HttpOnly"));
  EXPECT_TRUE(contains(cookie, "SameSite=Lax"));
  EXPECT_TRUE(contains(cookie, "Path=/"));
  std::string session = cookie.substr(0, cookie.find(';'));
  auto my = get("/my", session);
  EXPECT_EQ(my.result(), http::status::ok);
  EXPECT_TRUE(contains(my.body(), "МКОУ СОШ №1"));
  EXPECT_EQ(post_form("/auth", "", "token=" + link.secret).result(), http::status::forbidden) << "used once";
  EXPECT_EQ(get("/auth/" + link.secret).result(), http::status::not_found);
  // Sign-out ends the session (with the CSRF token of the pages).
  auto out = post_form("/logout", session, "csrf=" + access::csrf_token(session.substr(11)));
  EXPECT_EQ(out.result(), http::status::see_other);
  EXPECT_EQ(get("/my", session).result(), http::status::see_other);
}

TEST_F(WebApp, TheSignInPageMailsALinkWithoutTellingWhoExists) {
  auto page = get("/login?next=/tasks/5");
  std::string set = header(page, http::field::set_cookie);
  ASSERT_TRUE(contains(set, "rm_login="));
  std::string login = set.substr(0, set.find(';'));
  std::string token = login.substr(9);
  auto known = post_form("/login", login, "login_csrf=" + token + "&next=%2Ftasks%2F5&email=SOSH1.UVR%40example.ru");
  auto unknown = post_form("/login", login, "login_csrf=" + token + "&next=%2F&email=nobody%40example.ru");
  EXPECT_EQ(known.result(), http::status::ok);
  EXPECT_EQ(unknown.result(), http::status::ok);
  EXPECT_TRUE(contains(known.body(), "Если этот адрес есть в справочнике"));
  EXPECT_TRUE(contains(unknown.body(), "Если этот адрес есть в справочнике"));
  ASSERT_EQ(mails_.size(), 1u);
  EXPECT_EQ(mails_[0].first, "sosh1.uvr@example.ru");
  EXPECT_TRUE(contains(mails_[0].second, "http://127.0.0.1:8080/auth/"));
  // The form without the cookie's value (posted from another site) is refused.
  EXPECT_EQ(post_form("/login", "", "login_csrf=" + token + "&email=sosh1.uvr%40example.ru").result(), http::status::forbidden);
  EXPECT_EQ(mails_.size(), 1u);
}

TEST_F(WebApp, RolesDecideDashboardsAndTasks) {
  auto head = sign_in("zaitseva-ov");  // head of the department
  auto exec = sign_in("vasilieva-es");  // executor of МКУ «ИМЦСО ЛМО СК»
  auto director = sign_in("belova-in");  // director of МКОУ СОШ №1
  std::string plan = std::string("/plans/") + kPlan;
  EXPECT_EQ(get(plan, head.cookie).result(), http::status::ok);
  EXPECT_EQ(get(plan, exec.cookie).result(), http::status::forbidden);
  EXPECT_EQ(get("/reports/overdue?plan=" + std::string(kPlan), exec.cookie).result(), http::status::forbidden);
  EXPECT_EQ(get("/", exec.cookie).result(), http::status::see_other);  // to "my tasks"
  auto dept_task = task_where("assignee = 'Отдел образования' AND item_key = '2'");
  auto imc_task = task_where("assignee = 'МКУ «ИМЦСО ЛМО СК»'");
  auto school2_task = task_where("assignee = 'sosh-2'");
  EXPECT_EQ(get("/tasks/" + std::to_string(imc_task), exec.cookie).result(), http::status::ok);
  EXPECT_EQ(get("/tasks/" + std::to_string(dept_task), exec.cookie).result(), http::status::not_found);
  EXPECT_EQ(get("/tasks/" + std::to_string(school2_task), director.cookie).result(), http::status::not_found);
  EXPECT_EQ(get("/api/v1/tasks/" + std::to_string(dept_task), exec.cookie).result(), http::status::not_found);
  // The task list of an executor holds their unit's tasks whatever the query asks.
  auto list = json::parse(get("/api/v1/tasks?body=" + std::string("%D0%9E%D1%82%D0%B4%D0%B5%D0%BB") + "&page_size=1000", exec.cookie).body());
  ASSERT_GT(list.at("total").as_int64(), 0);
  for (const auto& t : list.at("tasks").as_array())
    EXPECT_EQ(t.at("assignee").at("id").as_string(), "МКУ «ИМЦСО ЛМО СК»");
  // A head may look at another body's task but not mark it.
  EXPECT_EQ(get("/tasks/" + std::to_string(imc_task), head.cookie).result(), http::status::ok);
  auto r = post_form("/tasks/" + std::to_string(imc_task), head.cookie, "csrf=" + head.csrf + "&action=start");
  EXPECT_EQ(r.result(), http::status::forbidden);
  EXPECT_EQ(status_of(imc_task), "planned");
  // Another directory's plan does not exist for them.
  EXPECT_EQ(get("/plans/khabarovsk-vpr-2021", head.cookie).result(), http::status::not_found);
}

TEST_F(WebApp, EveryStateChangeByCookieNeedsTheFormsToken) {
  auto exec = sign_in("vasilieva-es");
  auto id = task_where("assignee = 'МКУ «ИМЦСО ЛМО СК»' AND status = 'planned'");
  std::string path = "/tasks/" + std::to_string(id);
  EXPECT_EQ(post_form(path, exec.cookie, "action=start").result(), http::status::forbidden);
  EXPECT_EQ(post_form(path, exec.cookie, "action=start&csrf=" + access::csrf_token(access::new_secret())).result(),
            http::status::forbidden);
  EXPECT_EQ(send(http::verb::post, "/api/v1/tasks/" + std::to_string(id) + "/transitions", exec.cookie,
                 R"({"action":"start"})", "application/json")
                .result(),
            http::status::forbidden);
  EXPECT_EQ(status_of(id), "planned");
  auto ok = post_form(path, exec.cookie, "action=start&csrf=" + exec.csrf);
  EXPECT_EQ(ok.result(), http::status::see_other);
  EXPECT_EQ(header(ok, http::field::location), path + "?saved=1");
  EXPECT_EQ(status_of(id), "in_progress");
}

TEST_F(WebApp, ExecutorMarksDoneWithAFileAndTheVersionCheckStopsAStaleForm) {
  auto exec = sign_in("vasilieva-es");
  auto id = task_where("assignee = 'МКУ «ИМЦСО ЛМО СК»' AND status = 'planned' AND due < '2023-12-01'");
  int version = version_of(id);
  std::string body =
      "--b1\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + exec.csrf +
      "\r\n--b1\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\ndone"
      "\r\n--b1\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n" + std::to_string(version) +
      "\r\n--b1\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nСеминар проведён, 27 участников"
      "\r\n--b1\r\nContent-Disposition: form-data; name=\"done_on\"\r\n\r\n2023-11-30"
      "\r\n--b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"протокол.txt\"\r\nContent-Type: text/plain\r\n\r\n"
      "Протокол семинара\r\n--b1--\r\n";
  auto r = send(http::verb::post, "/tasks/" + std::to_string(id), exec.cookie, body, "multipart/form-data; boundary=b1");
  ASSERT_EQ(r.result(), http::status::see_other) << r.body();
  EXPECT_EQ(status_of(id), "done");
  auto page = get("/tasks/" + std::to_string(id) + "?saved=1", exec.cookie);
  EXPECT_TRUE(contains(page.body(), "Сохранено"));
  EXPECT_TRUE(contains(page.body(), "Семинар проведён, 27 участников"));
  EXPECT_TRUE(contains(page.body(), "протокол.txt"));
  auto detail = json::parse(get("/api/v1/tasks/" + std::to_string(id), exec.cookie).body());
  ASSERT_EQ(detail.at("files").as_array().size(), 1u);
  std::string url(detail.at("files").at(0).at("url").as_string());
  auto file = get(url.substr(url.find("/tasks/")), exec.cookie);
  EXPECT_EQ(file.result(), http::status::ok);
  EXPECT_EQ(file.body(), "Протокол семинара");
  EXPECT_TRUE(contains(header(file, http::field::content_disposition), "filename*=UTF-8''%D0%BF%D1%80%D0%BE"));
  EXPECT_EQ(detail.at("done_on").as_string(), "2023-11-30");
  // The same form sent again (the old version): nothing changes, the person learns why.
  auto stale = send(http::verb::post, "/tasks/" + std::to_string(id), exec.cookie, body, "multipart/form-data; boundary=b1");
  EXPECT_EQ(stale.result(), http::status::conflict);
  EXPECT_TRUE(contains(stale.body(), "flash err"));
  EXPECT_EQ(version_of(id), version + 1);
}

TEST_F(WebApp, ApiTransitionsWithABearerToken) {
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  auto token = access::issue(*db_, store::TokenKind::api, {"levokumsky", "sokolov-dn"}, now, {});
  auto id = task_where("assignee = 'Отдел образования' AND status = 'planned' AND due < '2023-12-01'");
  std::vector<std::pair<std::string, std::string>> auth{{"Authorization", "Bearer " + token.secret}};
  auto me = send(http::verb::get, "/api/v1/me", "", "", "", auth);
  ASSERT_EQ(me.result(), http::status::ok);
  EXPECT_EQ(json::parse(me.body()).at("role").as_string(), "executor");
  std::string path = "/api/v1/tasks/" + std::to_string(id) + "/transitions";
  // Refused by the lifecycle: nothing written, a message in Russian.
  auto no_reason = send(http::verb::post, path, "", R"({"action":"cancel"})", "application/json", auth);
  EXPECT_EQ(no_reason.result(), http::status::bad_request);
  EXPECT_TRUE(contains(json::parse(no_reason.body()).at("error").at("message").as_string().c_str(), "причин"));
  EXPECT_EQ(send(http::verb::post, path, "", "not json", "application/json", auth).result(), http::status::bad_request);
  EXPECT_EQ(send(http::verb::post, path, "", R"({"action":"fly"})", "application/json", auth).result(), http::status::bad_request);
  auto done = send(http::verb::post, path, "",
                   R"({"action":"done","version":1,"result":{"text":"Сделано","document":"приказ № 5 от 28.11.2023"}})",
                   "application/json", auth);
  ASSERT_EQ(done.result(), http::status::ok) << done.body();
  auto v = json::parse(done.body());
  EXPECT_EQ(v.at("status").as_string(), "done");
  EXPECT_EQ(v.at("version").as_int64(), 2);
  EXPECT_EQ(v.at("result").at("document").as_string(), "приказ № 5 от 28.11.2023");
  EXPECT_EQ(v.at("history").as_array().back().at("actor").as_string(), "sokolov-dn");
  auto again = send(http::verb::post, path, "", R"({"action":"reopen","version":1,"reason":"ошибка"})", "application/json", auth);
  EXPECT_EQ(again.result(), http::status::conflict);
  EXPECT_EQ(status_of(id), "done");
  // A revoked or made-up token is nobody.
  auto other = access::issue(*db_, store::TokenKind::api, {"levokumsky", "sokolov-dn"}, now, {});
  EXPECT_EQ(send(http::verb::get, "/api/v1/me", "", "", "", auth).result(), http::status::unauthorized);
  EXPECT_EQ(send(http::verb::get, "/api/v1/me", "", "", "", {{"Authorization", "Bearer " + other.secret}}).result(), http::status::ok);
}

TEST_F(WebApp, PlanTextIsEscapedEverywhere) {
  db_->exec("UPDATE items SET measure = '<script>alert(1)</script> & \"x\"', expected_result = '<img src=x onerror=alert(2)>' "
            "WHERE plan_id = 'levokumsky-objectivity-2023' AND item_key = '2'");
  db_->exec("UPDATE plans SET title = '<b onmouseover=alert(3)>План</b>' WHERE id = 'levokumsky-objectivity-2023'");
  auto head = sign_in("zaitseva-ov");
  auto id = task_where("assignee = 'Отдел образования' AND item_key = '2'");
  for (const std::string& path : {std::string("/tasks/") + std::to_string(id), std::string("/plans/") + kPlan, std::string("/"),
                                  std::string("/reports/execution?plan=") + kPlan}) {
    auto r = get(path, head.cookie);
    ASSERT_EQ(r.result(), http::status::ok) << path;
    EXPECT_FALSE(contains(r.body(), "<script>")) << path;
    EXPECT_FALSE(contains(r.body(), "<img src=x")) << path;
    EXPECT_FALSE(contains(r.body(), "<b onmouseover")) << path;
  }
  auto page = get("/tasks/" + std::to_string(id), head.cookie).body();
  EXPECT_TRUE(contains(page, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
  auto api = json::parse(get("/api/v1/tasks/" + std::to_string(id), head.cookie).body());
  EXPECT_EQ(api.at("measure").as_string(), "<script>alert(1)</script> & \"x\"") << "JSON carries the text as it is";
}

TEST_F(WebApp, OverviewCountsMatchTheStore) {
  auto head = sign_in("zaitseva-ov");
  auto o = json::parse(get(std::string("/api/v1/plans/") + kPlan + "/overview", head.cookie).body());
  auto count = [&](const std::string& where) {
    auto st = db_->prepare("SELECT count(*) FROM tasks WHERE plan_id = 'levokumsky-objectivity-2023' AND " + where);
    st.step();
    return st.column_int(0);
  };
  EXPECT_EQ(o.at("today").as_string(), "2023-12-01");
  EXPECT_EQ(o.at("totals").at("total").as_int64(), count("status NOT IN ('cancelled', 'not_needed')"));
  EXPECT_EQ(o.at("totals").at("overdue").as_int64(),
            count("status IN ('planned', 'in_progress') AND waiting = 'none' AND due < '2023-12-01'"));
  EXPECT_EQ(o.at("totals").at("done").as_int64(), 0);
  // A director's overview is their school's alone.
  auto director = sign_in("belova-in");
  auto mine = json::parse(get(std::string("/api/v1/plans/") + kPlan + "/overview", director.cookie).body());
  EXPECT_EQ(mine.at("totals").at("total").as_int64(), count("assignee = 'sosh-1' AND status NOT IN ('cancelled', 'not_needed')"));
  // The filter by school on the head's overview gives the same figures.
  auto filtered = json::parse(get(std::string("/api/v1/plans/") + kPlan + "/overview?school=sosh-1", head.cookie).body());
  EXPECT_EQ(filtered.at("totals"), mine.at("totals"));
  // Marking a task done shows at once (the cached answer is dropped when the store changes).
  auto exec = sign_in("kovaleva-sa");
  auto id = task_where("assignee = 'sosh-1' AND status = 'planned' AND due < '2023-12-01'");
  ASSERT_EQ(post_form("/tasks/" + std::to_string(id), exec.cookie, "csrf=" + exec.csrf + "&action=done&text=ok").result(),
            http::status::see_other);
  auto after = json::parse(get(std::string("/api/v1/plans/") + kPlan + "/overview", head.cookie).body());
  EXPECT_EQ(after.at("totals").at("done").as_int64(), 1);
  EXPECT_EQ(after.at("totals").at("overdue").as_int64(), o.at("totals").at("overdue").as_int64() - 1);
  EXPECT_EQ(get(std::string("/api/v1/plans/") + kPlan + "/overview?month=2024-13", head.cookie).result(), http::status::bad_request);
}

TEST_F(WebApp, ThePlansListCountsWhatTheOverviewCounts) {
  // A cancelled task is no work to do: neither the overview nor the list of plans counts it.
  auto coordinator = sign_in("petrova-ma");
  auto id = task_where("assignee = 'sosh-2' AND status = 'planned' AND due > '2023-12-01'");
  ASSERT_EQ(post_form("/tasks/" + std::to_string(id), coordinator.cookie,
                      "csrf=" + coordinator.csrf + "&action=cancel&reason=%D0%BD%D0%B5%20%D0%BD%D1%83%D0%B6%D0%BD%D0%BE")
                .result(),
            http::status::see_other);
  ASSERT_EQ(status_of(id), "cancelled");
  auto head = sign_in("zaitseva-ov");
  auto o = json::parse(get(std::string("/api/v1/plans/") + kPlan + "/overview", head.cookie).body());
  auto total = o.at("totals").at("total").as_int64();
  auto overdue = o.at("totals").at("overdue").as_int64();
  auto home = get("/", head.cookie).body();
  auto row = home.substr(home.find(std::string("<a href=\"/plans/") + kPlan + "\">"));
  row = row.substr(0, row.find("</tr>"));
  EXPECT_TRUE(contains(row, "<td class=\"n\">" + std::to_string(total) + "</td>")) << total << " in " << row;
  EXPECT_FALSE(contains(row, "<td class=\"n\">" + std::to_string(total + 1) + "</td>")) << row;
  EXPECT_TRUE(contains(row, ">" + std::to_string(overdue) + "</a>")) << overdue << " in " << row;
}

TEST_F(WebApp, TheHistoryNamesStatusesInTheReadersLanguage) {
  auto exec = sign_in("kovaleva-sa");
  auto id = task_where("assignee = 'sosh-1' AND status = 'planned' AND due < '2023-12-01'");
  std::string path = "/tasks/" + std::to_string(id);
  ASSERT_EQ(post_form(path, exec.cookie, "csrf=" + exec.csrf + "&action=done&text=ok").result(), http::status::see_other);
  auto page = get(path, exec.cookie).body();
  EXPECT_TRUE(contains(page, "запланировано → выполнено")) << page;
  EXPECT_FALSE(contains(page, "planned → done"));
  // The API keeps the codes, for programs.
  auto api = json::parse(get("/api/v1/tasks/" + std::to_string(id), exec.cookie).body());
  EXPECT_EQ(api.at("history").as_array().back().at("from").as_string(), "planned");
}

TEST_F(WebApp, FeedsNeedTheirTokenAndAnswer304WhileNothingChanged) {
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  auto feed = access::issue(*db_, store::TokenKind::feed, {"levokumsky", "kovaleva-sa"}, now, {});
  auto r = get("/ics/school/sosh-1.ics?token=" + feed.secret);
  ASSERT_EQ(r.result(), http::status::ok) << r.body();
  EXPECT_TRUE(contains(header(r, http::field::content_type), "text/calendar"));
  EXPECT_TRUE(contains(r.body(), "BEGIN:VCALENDAR"));
  std::string etag = header(r, http::field::etag);
  ASSERT_FALSE(etag.empty());
  auto again = send(http::verb::get, "/ics/school/sosh-1.ics?token=" + feed.secret, "", "", "", {{"If-None-Match", etag}});
  EXPECT_EQ(again.result(), http::status::not_modified);
  EXPECT_TRUE(again.body().empty());
  EXPECT_EQ(get("/ics/school/sosh-2.ics?token=" + feed.secret).result(), http::status::forbidden);
  EXPECT_EQ(get("/ics/school/sosh-1.ics?token=" + access::new_secret()).result(), http::status::unauthorized);
  // A change of a task of the feed changes the ETag.
  auto exec = sign_in("kovaleva-sa");
  auto id = task_where("assignee = 'sosh-1' AND status = 'planned'");
  ASSERT_EQ(post_form("/tasks/" + std::to_string(id), exec.cookie, "csrf=" + exec.csrf + "&action=start").result(),
            http::status::see_other);
  auto changed = send(http::verb::get, "/ics/school/sosh-1.ics?token=" + feed.secret, "", "", "", {{"If-None-Match", etag}});
  EXPECT_EQ(changed.result(), http::status::ok);
  EXPECT_NE(header(changed, http::field::etag), etag);
}

TEST_F(WebApp, EnglishOnRequest) {
  auto head = sign_in("zaitseva-ov");
  auto set = get("/lang?to=en&next=/", head.cookie);
  EXPECT_EQ(set.result(), http::status::see_other);
  auto page = get("/", head.cookie + "; rm_lang=en");
  EXPECT_TRUE(contains(page.body(), "<html lang=\"en\">"));
  EXPECT_TRUE(contains(page.body(), ">Plans<"));
  EXPECT_TRUE(contains(get("/login", "rm_lang=en").body(), "Sign in"));
  auto err = send(http::verb::get, "/api/v1/me", "", "", "", {{"Accept-Language", "en-US,en;q=0.9"}});
  EXPECT_TRUE(contains(err.body(), "You need to sign in"));
}

TEST_F(WebApp, TheOpenApiDocumentNamesEveryApiRoute) {
  auto doc = get("/api/openapi.yaml").body();
  for (const auto& r : app_->routes()) {
    if (r.pattern.rfind("/api/v1/", 0) != 0 && r.pattern.rfind("/ics/", 0) != 0) continue;
    std::string path = r.pattern;
    // "{}" in a route is a named parameter in the document.
    std::string needle = path.substr(0, path.find("{}"));
    EXPECT_TRUE(contains(doc, "  " + needle)) << path;
  }
  EXPECT_TRUE(contains(doc, "/api/v1/tasks/{task}/transitions:"));
}
