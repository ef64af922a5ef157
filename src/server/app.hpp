// The web application (issue 7): routes, who may call them, and what every request goes through --
// the target parsed, the caller authenticated (session cookie, API token or feed token), the gate
// of the route checked, CSRF checked for every state-changing request signed in by cookie, the
// handler called on a worker thread with that thread's own SQLite connection, errors turned into
// a page or a JSON error in the caller's language, security headers added, one log line written.
// Handlers live in pages_*.cpp, api.cpp and feeds.cpp; they call the engine and render, nothing more.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "access/principal.hpp"
#include "access/sessions.hpp"
#include "calendar/production_calendar.hpp"
#include "i18n/catalogue.hpp"
#include "server/http_server.hpp"
#include "server/request.hpp"
#include "store/sqlite.hpp"

namespace roadmap::web {

// The server's "now": the system clock, or a moment given at start (--now, for demos and tests)
// that then advances with real time.
class WallClock {
 public:
  WallClock() = default;
  explicit WallClock(std::chrono::sys_seconds start) : start_(start), started_(std::chrono::steady_clock::now()) {}
  std::chrono::sys_seconds now() const {
    if (!start_) return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return *start_ + std::chrono::floor<std::chrono::seconds>(std::chrono::steady_clock::now() - started_);
  }

 private:
  std::optional<std::chrono::sys_seconds> start_;
  std::chrono::steady_clock::time_point started_{};
};

struct AppConfig {
  std::string db_path;
  std::string base_url = "http://localhost:8080";  // links in mails and feeds; https makes cookies Secure
  access::Lifetimes lifetimes;
  std::optional<std::chrono::year_month_day> today;  // pins "today" for dashboards and reports (demos, tests)
  WallClock clock;
  std::size_t page_size = 50;
  bool log_requests = true;
};

// Sends the sign-in mail of a person (queued in the outbox, delivered at once when mail is set up).
// Returns false when no mail can be sent from this server.
using SigninMailer = std::function<bool(store::Database& db, const access::Principal& who, const std::string& link)>;

class App;
struct Caches;

// One request as a handler sees it.
struct Exchange {
  const Incoming& in;
  const Request& req;
  Target target;
  store::Database& db;
  App& app;
  std::optional<access::Principal> who{};
  std::string session{};  // the session's secret when signed in by cookie (for the CSRF token)
  i18n::Lang lang = i18n::Lang::ru;
  std::chrono::sys_seconds now{};
  std::vector<std::string> args{};  // the route's {} parts, in order, percent-decoded
  Params form{};                  // a POST's fields (urlencoded or multipart)
  std::vector<UploadedFile> files{};
  std::vector<std::string> cookies{};  // Set-Cookie values to add to the response

  template <class... A>
  std::string tr(std::string_view key, const A&... a) const {
    return i18n::tr(lang, key, a...);
  }
  const access::Principal& principal() const { return *who; }
  std::string csrf() const;
  bool wants_json() const;  // an API route
};

using RouteFn = std::function<Response(Exchange&)>;

// Who may call a route.
enum class Gate {
  open,     // anyone (sign-in pages, the stylesheet, the API reference)
  page,     // a signed-in person; others are sent to /login?next=...
  api,      // a session cookie or an API token ("Authorization: Bearer ..."); others get 401
  feed,     // a feed token (?token=...) or a session cookie; others get 401
};

struct Route {
  http::verb method;
  std::string pattern;  // "/tasks/{}" -- a {} matches one non-empty path segment
  Gate gate;
  RouteFn fn;
};

class App {
 public:
  App(AppConfig config, const calendar::ProductionCalendar& calendar, SigninMailer mailer);
  ~App();

  // The server's handler: runs on a worker thread.
  Response handle(Incoming& in);

  const AppConfig& config() const { return config_; }
  const calendar::ProductionCalendar& production_calendar() const { return calendar_; }
  const std::vector<Route>& routes() const { return routes_; }
  bool send_signin_mail(store::Database& db, const access::Principal& who, const std::string& link) const;

  // "Today" in a zone, or the pinned date.
  std::chrono::year_month_day today(std::string_view tz, std::chrono::sys_seconds now) const;

  // Results kept while the store's revision (the last audit record and the last re-planning run)
  // stays the same (caches.hpp).
  Caches& caches() { return *caches_; }
  static std::int64_t revision(store::Database& db);

  void add_route(http::verb method, std::string pattern, Gate gate, RouteFn fn);

 private:
  Response dispatch(Exchange& x, const Route& route);
  store::Database& connection();

  AppConfig config_;
  const calendar::ProductionCalendar& calendar_;
  SigninMailer mailer_;
  std::vector<Route> routes_;
  std::unique_ptr<Caches> caches_;
};

// The cookie names.
inline constexpr std::string_view kSessionCookie = "rm_session";
inline constexpr std::string_view kLangCookie = "rm_lang";
inline constexpr std::string_view kLoginCsrfCookie = "rm_login";

// The routes of each part of the application.
void register_auth_routes(App& app);   // pages_auth.cpp: sign-in, sign-out, language, stylesheet
void register_dashboard_routes(App& app);  // pages_dashboard.cpp: plans, a plan's overview, the matrix
void register_task_routes(App& app);       // pages_tasks.cpp: task lists, the task page and its actions
void register_report_routes(App& app);     // pages_reports.cpp: the reports, printable, CSV and JSON
void register_calendar_routes(App& app);   // pages_calendar.cpp: calendar subscription links
void register_api_routes(App& app);    // api.cpp: /api/v1/..., /api/openapi.yaml
void register_feed_routes(App& app);   // feeds.cpp: /ics/...

// Error responses in the caller's format: an HTML page or {"error": {"code", "message"}}.
Response error_response(const Exchange& x, http::status status, std::string_view code, const std::string& message);

}  // namespace roadmap::web
