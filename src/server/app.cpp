// The request pipeline: see app.hpp.
#include "server/app.hpp"

#include <boost/beast/http/field.hpp>

#include <iostream>

#include "access/secret.hpp"
#include "calendar/local_time.hpp"
#include "server/caches.hpp"
#include "server/html.hpp"
#include "store/error.hpp"
#include "store/outbox.hpp"
#include "store/schema.hpp"

namespace roadmap::web {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 1;
  while (i <= path.size()) {
    std::size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(i, end - i));
    i = end + 1;
  }
  return out;
}

// Matches "/tasks/{}" against "/tasks/42"; fills the {} parts.
bool match(std::string_view pattern, const std::vector<std::string_view>& segments, std::vector<std::string>& args) {
  auto parts = split_path(pattern);
  if (parts.size() != segments.size()) return false;
  std::vector<std::string> found;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i] == "{}") {
      if (segments[i].empty()) return false;
      found.emplace_back(segments[i]);
    } else if (parts[i] != segments[i]) {
      return false;
    }
  }
  args = std::move(found);
  return true;
}

// What the log may show of a path: sign-in links carry a secret.
std::string loggable(std::string_view path) {
  if (path.rfind("/auth/", 0) == 0) return "/auth/…";
  return std::string(path);
}

void add_security_headers(Response& res) {
  // No script runs on our pages, whatever a plan's text holds; nothing frames them.
  res.set("Content-Security-Policy",
          "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
          "frame-ancestors 'none'; base-uri 'none'");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "no-referrer");
  if (res.find(http::field::cache_control) == res.end()) res.set(http::field::cache_control, "no-store");
  res.set(http::field::server, "roadmap");
}

bool state_changing(http::verb v) {
  return v != http::verb::get && v != http::verb::head;
}

}  // namespace

std::string Exchange::csrf() const {
  return session.empty() ? std::string() : access::csrf_token(session);
}

bool Exchange::wants_json() const {
  return target.path.rfind("/api/", 0) == 0;
}

App::App(AppConfig config, const calendar::ProductionCalendar& calendar, SigninMailer mailer)
    : config_(std::move(config)), calendar_(calendar), mailer_(std::move(mailer)), caches_(std::make_unique<Caches>()) {
  while (!config_.base_url.empty() && config_.base_url.back() == '/') config_.base_url.pop_back();
  register_auth_routes(*this);
  register_dashboard_routes(*this);
  register_task_routes(*this);
  register_report_routes(*this);
  register_calendar_routes(*this);
  register_api_routes(*this);
  register_feed_routes(*this);
}

App::~App() = default;

void App::add_route(http::verb method, std::string pattern, Gate gate, RouteFn fn) {
  routes_.push_back({method, std::move(pattern), gate, std::move(fn)});
}

bool App::send_signin_mail(store::Database& db, const access::Principal& who, const std::string& link) const {
  return mailer_ && mailer_(db, who, link);
}

std::chrono::year_month_day App::today(std::string_view tz, std::chrono::sys_seconds now) const {
  if (config_.today) return *config_.today;
  return calendar::to_local(now, tz).date;
}

store::Database& App::connection() {
  // One connection per worker thread: SQLite connections are not shared between threads, and WAL
  // lets the readers go on while one writer commits.
  thread_local std::unique_ptr<store::Database> db;
  thread_local std::string path;
  if (!db || path != config_.db_path) {
    db = std::make_unique<store::Database>(config_.db_path, store::Database::OpenMode::existing_only);
    path = config_.db_path;
  }
  return *db;
}

std::int64_t App::revision(store::Database& db) {
  // Every change of a task appends an audit record; every re-plan (load, schedule) records a run.
  auto st = db.prepare(
      "SELECT (SELECT ifnull(max(id), 0) FROM task_audit) * 1000003 + (SELECT ifnull(max(id), 0) FROM schedule_runs)");
  st.step();
  return st.column_int(0);
}

Response error_response(const Exchange& x, http::status status, std::string_view code, const std::string& message) {
  Response res;
  if (x.wants_json()) {
    res = json_response(status, "{\"error\":{\"code\":" + json_string(code) + ",\"message\":" + json_string(message) + "}}");
  } else {
    Page page;
    page.title = x.tr("web.error.title", std::to_string(static_cast<unsigned>(status)));
    page.body = "<section class=\"panel\"><h1>" + esc(page.title) + "</h1><p>" + esc(message) + "</p><p><a href=\"/\">" +
                esc(x.tr("web.error.home")) + "</a></p></section>";
    res = html_response(status, render_page(x, page));
  }
  return res;
}

Response App::dispatch(Exchange& x, const Route& route) {
  const auto& req = x.req;
  bool by_cookie = false;
  // Who is asking.
  if (auto cookie = cookie_value(req[http::field::cookie], kSessionCookie)) {
    if (auto p = access::authenticate(x.db, store::TokenKind::session, *cookie, x.now)) {
      x.who = std::move(p);
      x.session = *cookie;
      by_cookie = true;
    }
  }
  if (!x.who && route.gate == Gate::api) {
    std::string_view auth = req[http::field::authorization];
    if (auth.rfind("Bearer ", 0) == 0)
      x.who = access::authenticate(x.db, store::TokenKind::api, auth.substr(7), x.now);
  }
  if (!x.who && route.gate == Gate::feed) {
    if (auto token = x.target.query.find("token"))
      x.who = access::authenticate(x.db, store::TokenKind::feed, *token, x.now);
  }
  // The language: a chosen one (cookie), else the person's, else the browser's.
  if (auto l = cookie_value(req[http::field::cookie], kLangCookie); l && i18n::parse_lang(*l, x.lang)) {
  } else if (x.who) {
    x.lang = x.who->lang;
  } else {
    x.lang = preferred_lang(req[http::field::accept_language]);
  }

  if (!x.who) {
    switch (route.gate) {
      case Gate::open: break;
      case Gate::page: {
        std::string next = std::string(req.target());
        return redirect("/login?next=" + url_encode(next));
      }
      case Gate::api:
      case Gate::feed: {
        auto res = error_response(x, http::status::unauthorized, "unauthorized", x.tr("web.err.unauthorized"));
        if (route.gate == Gate::api) res.set(http::field::www_authenticate, "Bearer realm=\"roadmap\"");
        return res;
      }
    }
  }

  if (state_changing(req.method())) {
    std::string_view type = req[http::field::content_type];
    if (type.rfind("multipart/form-data", 0) == 0) {
      auto form = parse_multipart(type, req.body());
      if (!form) return error_response(x, http::status::bad_request, "bad_form", x.tr("web.err.bad_form"));
      x.form = std::move(form->fields);
      x.files = std::move(form->files);
    } else if (type.rfind("application/x-www-form-urlencoded", 0) == 0) {
      auto form = parse_urlencoded(req.body());
      if (!form) return error_response(x, http::status::bad_request, "bad_form", x.tr("web.err.bad_form"));
      x.form = std::move(*form);
    }
    // A browser sends the cookie with any form posted to us, also from another site's page: the
    // form must prove it came from ours (a token only our pages know). API tokens need no proof.
    if (by_cookie && route.gate != Gate::open) {
      std::string given = x.form.get("csrf");
      if (given.empty()) given = std::string(req["X-CSRF-Token"]);
      if (!access::equal_constant_time(given, x.csrf()))
        return error_response(x, http::status::forbidden, "csrf", x.tr("web.err.csrf"));
    }
  }
  return route.fn(x);
}

Response App::handle(Incoming& in) {
  auto started = std::chrono::steady_clock::now();
  Response res;
  std::string path = "?";
  std::string who = "-";
  try {
    auto target = parse_target(in.request.target());
    if (!target) {
      res = text_response(http::status::bad_request, "400 Bad Request\n", "text/plain; charset=utf-8");
    } else {
      path = loggable(target->path);
      auto segments = split_path(target->path);
      const Route* found = nullptr;
      bool other_method = false;
      std::vector<std::string> args;
      http::verb method = in.request.method() == http::verb::head ? http::verb::get : in.request.method();
      for (const auto& r : routes_) {
        std::vector<std::string> a;
        if (!match(r.pattern, segments, a)) continue;
        if (r.method != method) {
          other_method = true;
          continue;
        }
        found = &r;
        args = std::move(a);
        break;
      }
      store::Database* db = nullptr;
      try {
        db = &connection();
      } catch (const store::Error& e) {
        std::cerr << "roadmap serve: " << store::describe(e, i18n::Lang::ru) << '\n';
        res = text_response(http::status::service_unavailable, "503 Service Unavailable\n", "text/plain; charset=utf-8");
      }
      if (db) {
        Exchange x{in, in.request, std::move(*target), *db, *this};
        x.now = config_.clock.now();
        x.lang = preferred_lang(in.request[http::field::accept_language]);
        x.args = std::move(args);
        try {
          if (!found) {
            res = other_method ? error_response(x, http::status::method_not_allowed, "method", x.tr("web.err.method"))
                               : error_response(x, http::status::not_found, "not_found", x.tr("web.err.not_found"));
          } else {
            res = dispatch(x, *found);
          }
        } catch (const store::Error& e) {
          bool conflict = e.message().key == "store.err.task_changed" || e.message().key == "store.err.version_conflict";
          bool busy = e.message().key == "store.err.busy";
          res = error_response(x,
                               conflict ? http::status::conflict
                               : busy   ? http::status::service_unavailable
                                        : http::status::bad_request,
                               e.message().key, store::describe(e, x.lang));
        }
        if (x.who) who = x.who->ref.person;
        for (const auto& c : x.cookies) res.insert(http::field::set_cookie, c);
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "roadmap serve: " << in.request.method_string() << ' ' << path << ": " << e.what() << '\n';
    res = text_response(http::status::internal_server_error, "500 Internal Server Error\n", "text/plain; charset=utf-8");
  }
  add_security_headers(res);
  if (config_.log_requests) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    std::string line = store::iso_utc(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())) + ' ' +
                       in.peer + ' ' + std::string(in.request.method_string()) + ' ' + path + ' ' +
                       std::to_string(res.result_int()) + ' ' + std::to_string(ms) + "ms " + who + '\n';
    std::cerr << line;
  }
  return res;
}

}  // namespace roadmap::web
