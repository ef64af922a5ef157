// Calendar subscription (issue 7): a person creates a personal link for their calendar app (the
// secret is shown once and kept only as a hash; a new link replaces the old one). The same link's
// token opens the feeds of the bodies and schools the person may see.
#include "server/html.hpp"
#include "server/views.hpp"

namespace roadmap::web {

namespace {

std::string webcal(const std::string& url) {
  if (url.rfind("https://", 0) == 0) return "webcal://" + url.substr(8);
  if (url.rfind("http://", 0) == 0) return "webcal://" + url.substr(7);
  return url;
}

Response calendar_page(Exchange& x, const std::string& secret) {
  const auto& who = x.principal();
  Page page;
  page.nav = "calendar";
  page.title = x.tr("web.calendar.title");
  std::string& b = page.body;
  b += "<h1>" + esc(page.title) + "</h1><section class=\"panel\"><p>" + esc(x.tr("web.calendar.explain")) + "</p>";
  if (!secret.empty()) {
    std::string base = x.app.config().base_url;
    std::string mine = base + "/ics/person/" + url_encode(who.ref.person) + ".ics?token=" + secret;
    b += "<p class=\"flash\">" + esc(x.tr("web.calendar.once")) + "</p>";
    b += "<p><strong>" + esc(x.tr("web.calendar.mine")) + "</strong><br><a href=\"" + esc(webcal(mine)) + "\">" + esc(webcal(mine)) +
         "</a><br><span class=\"muted\">" + esc(mine) + "</span></p>";
    if (access::view_scope(who).unit == access::Scope::Unit::directory)
      b += "<p class=\"muted\">" + esc(x.tr("web.calendar.units", base + "/ics/body/…ics?token=…", base + "/ics/school/…ics?token=…")) + "</p>";
  }
  b += "<form method=\"post\" action=\"/calendar\">" + csrf_field(x) + "<button type=\"submit\">" +
       esc(x.tr("web.calendar.create")) + "</button></form></section>";
  return html_response(http::status::ok, render_page(x, page));
}

}  // namespace

void register_calendar_routes(App& app) {
  app.add_route(http::verb::get, "/calendar", Gate::page, [](Exchange& x) { return calendar_page(x, ""); });
  app.add_route(http::verb::post, "/calendar", Gate::page, [](Exchange& x) {
    auto issued = access::issue(x.db, store::TokenKind::feed, x.principal().ref, x.now, x.app.config().lifetimes);
    return calendar_page(x, issued.secret);
  });
}

}  // namespace roadmap::web
