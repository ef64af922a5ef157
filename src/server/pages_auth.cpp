// Signing in and out (issue 7): the sign-in page that mails a personal link, the page a link opens
// (one button, so that a mail scanner fetching the link does not use it up), the session cookie,
// sign-out, the language switch; and the open resources (stylesheet, health check).
#include <boost/beast/http/field.hpp>

#include "access/secret.hpp"
#include "server/app.hpp"
#include "server/html.hpp"
#include "store/access_tokens.hpp"
#include "store/outbox.hpp"

namespace roadmap::web {

namespace {

bool secure(const App& app) {
  return app.config().base_url.rfind("https://", 0) == 0;
}

std::string cookie(const App& app, std::string_view name, std::string_view value, long max_age_seconds) {
  std::string c = std::string(name) + "=" + std::string(value) + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
                  std::to_string(max_age_seconds);
  if (secure(app)) c += "; Secure";
  return c;
}

Response stylesheet_route(Exchange& x) {
  if (x.req[http::field::if_none_match] == stylesheet_etag()) {
    Response res{http::status::not_modified, 11};
    res.set(http::field::etag, stylesheet_etag());
    return res;
  }
  auto res = text_response(http::status::ok, stylesheet(), "text/css; charset=utf-8");
  res.set(http::field::etag, stylesheet_etag());
  res.set(http::field::cache_control, "public, max-age=3600");
  return res;
}

Response login_page(Exchange& x, const std::string& notice, bool error) {
  std::string next = access::safe_next_path(x.target.query.get("next").empty() ? x.form.get("next")
                                                                                 : x.target.query.get("next"));
  // Double-submit token: the form must carry the value of a cookie only our page could have set.
  std::string token = access::new_secret();
  x.cookies.push_back(cookie(x.app, kLoginCsrfCookie, token, 3600));
  Page page;
  page.title = x.tr("web.login.title");
  std::string& b = page.body;
  b += "<section class=\"panel\"><h1>" + esc(page.title) + "</h1>";
  if (!notice.empty()) b += std::string("<p class=\"flash") + (error ? " err" : "") + "\">" + esc(notice) + "</p>";
  b += "<p>" + esc(x.tr("web.login.explain")) + "</p>";
  b += "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"login_csrf\" value=\"" + esc(token) +
       "\"><input type=\"hidden\" name=\"next\" value=\"" + esc(next) + "\">";
  b += "<p><label>" + esc(x.tr("web.login.email")) +
       "<br><input type=\"email\" name=\"email\" required autocomplete=\"email\" size=\"32\"></label></p>";
  b += "<p><button type=\"submit\">" + esc(x.tr("web.login.send")) + "</button></p></form></section>";
  return html_response(http::status::ok, render_page(x, page));
}

Response get_login(Exchange& x) {
  if (x.who) return redirect(access::safe_next_path(x.target.query.get("next")));
  return login_page(x, "", false);
}

Response post_login(Exchange& x) {
  auto expected = cookie_value(x.req[http::field::cookie], kLoginCsrfCookie);
  if (!expected || !access::equal_constant_time(*expected, x.form.get("login_csrf")))
    return error_response(x, http::status::forbidden, "csrf", x.tr("web.err.csrf"));
  std::string email = x.form.get("email");
  std::string next = access::safe_next_path(x.form.get("next"));
  auto links = access::request_signin(x.db, email, x.now, x.app.config().lifetimes, next);
  bool sent_all = true;
  for (const auto& l : links) {
    std::string url = x.app.config().base_url + "/auth/" + l.link.secret;
    if (!x.app.send_signin_mail(x.db, l.principal, url)) sent_all = false;
  }
  // The same words whether or not the address is known: the page tells nobody who is in the directory.
  if (!sent_all) return login_page(x, x.tr("web.login.no_mail"), true);
  return login_page(x, x.tr("web.login.sent", std::to_string(x.app.config().lifetimes.signin.count() / 3600)), false);
}

Response get_auth(Exchange& x) {
  const std::string& secret = x.args[0];
  Page page;
  page.title = x.tr("web.auth.title");
  std::string& b = page.body;
  b += "<section class=\"panel\"><h1>" + esc(page.title) + "</h1>";
  std::optional<store::DirectoryPerson> person;
  if (access::looks_like_secret(secret))
    if (auto t = store::find_valid_token(x.db, store::TokenKind::signin, access::secret_hash(secret), store::iso_utc(x.now)))
      person = store::find_directory_person(x.db, t->owner);
  if (!person) {
    b += "<p class=\"flash err\">" + esc(x.tr("web.auth.invalid")) + "</p><p><a href=\"/login\">" +
         esc(x.tr("web.auth.new_link")) + "</a></p></section>";
    return html_response(http::status::not_found, render_page(x, page));
  }
  b += "<p>" + esc(x.tr("web.auth.as", person->person.name.empty() ? person->person.id : person->person.name)) + "</p>";
  b += "<form method=\"post\" action=\"/auth\"><input type=\"hidden\" name=\"token\" value=\"" + esc(secret) +
       "\"><button type=\"submit\">" + esc(x.tr("web.auth.enter")) + "</button></form></section>";
  auto res = html_response(http::status::ok, render_page(x, page));
  return res;
}

Response post_auth(Exchange& x) {
  auto in = access::sign_in(x.db, x.form.get("token"), x.now, x.app.config().lifetimes);
  if (!in) {
    Page page;
    page.title = x.tr("web.auth.title");
    page.body = "<section class=\"panel\"><h1>" + esc(page.title) + "</h1><p class=\"flash err\">" +
                esc(x.tr("web.auth.invalid")) + "</p><p><a href=\"/login\">" + esc(x.tr("web.auth.new_link")) +
                "</a></p></section>";
    return html_response(http::status::forbidden, render_page(x, page));
  }
  x.cookies.push_back(cookie(x.app, kSessionCookie, in->session.secret,
                             static_cast<long>(x.app.config().lifetimes.session.count())));
  x.cookies.push_back(cookie(x.app, kLoginCsrfCookie, "", 0));
  return redirect(in->next_path);
}

Response post_logout(Exchange& x) {
  access::sign_out(x.db, x.session, x.now);
  x.cookies.push_back(cookie(x.app, kSessionCookie, "", 0));
  return redirect("/login");
}

Response get_lang(Exchange& x) {
  i18n::Lang lang;
  if (i18n::parse_lang(x.target.query.get("to"), lang))
    x.cookies.push_back(cookie(x.app, kLangCookie, lang == i18n::Lang::en ? "en" : "ru", 365L * 24 * 3600));
  return redirect(access::safe_next_path(x.target.query.get("next")));
}

}  // namespace

void register_auth_routes(App& app) {
  app.add_route(http::verb::get, "/static/app.css", Gate::open, stylesheet_route);
  app.add_route(http::verb::get, "/healthz", Gate::open,
                [](Exchange&) { return text_response(http::status::ok, "ok\n", "text/plain; charset=utf-8"); });
  app.add_route(http::verb::get, "/login", Gate::open, get_login);
  app.add_route(http::verb::post, "/login", Gate::open, post_login);
  app.add_route(http::verb::get, "/auth/{}", Gate::open, get_auth);
  app.add_route(http::verb::post, "/auth", Gate::open, post_auth);
  app.add_route(http::verb::post, "/logout", Gate::page, post_logout);
  app.add_route(http::verb::get, "/lang", Gate::open, get_lang);
}

}  // namespace roadmap::web
