// The pages' frame: see html.hpp.
#include "server/html.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include <fmt/format.h>

#include <cstdio>

#include "calendar/local_time.hpp"
#include "calendar/production_calendar.hpp"
#include "reports/render.hpp"
#include "store/sha256.hpp"

namespace roadmap::web {

std::string esc(std::string_view text) {
  return reports::html_escape(text);
}

std::string json_string(std::string_view text) {
  return boost::json::serialize(boost::json::string(text));
}

const std::string& stylesheet() {
  static const std::string css = R"css(:root{--fg:#1d2430;--muted:#5b6577;--line:#d8dde6;--bg:#f5f7fa;--accent:#1f5fae;
--done:#2e7d32;--done-bg:#dff1e0;--late:#b3261e;--late-bg:#f9dedc;--open-bg:#fff;--partly-bg:#fff3c4;--wait-bg:#ece7f6}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
header.top{background:#fff;border-bottom:1px solid var(--line);padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center}
header.top .brand{font-weight:700;text-decoration:none;color:var(--fg)}
header.top nav{display:flex;flex-wrap:wrap;gap:.25rem .9rem}
header.top nav a{text-decoration:none;padding:.2rem 0}
header.top nav a.on{font-weight:700;border-bottom:2px solid var(--accent)}
header.top .who{margin-left:auto;display:flex;gap:.6rem;align-items:center;color:var(--muted);font-size:.9rem}
header.top form{margin:0}
main{padding:1rem;max-width:1200px;margin:0 auto}
main.wide{max-width:none}
h1{font-size:1.35rem;margin:.2rem 0 .8rem}
h2{font-size:1.1rem;margin:1.4rem 0 .5rem}
.panel{background:#fff;border:1px solid var(--line);border-radius:8px;padding:1rem;margin-bottom:1rem}
.muted{color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:.75rem;margin-bottom:1rem}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.7rem .9rem}
.card .v{font-size:1.6rem;font-weight:700}
.card.late .v{color:var(--late)}.card.done .v{color:var(--done)}
a.card{text-decoration:none;color:inherit}a.card:hover{border-color:var(--accent)}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}
th{font-size:.85rem;color:var(--muted);font-weight:600;background:#fafbfc}
td.n,th.n{text-align:right;white-space:nowrap}
td{white-space:pre-line}
td.done{background:var(--done-bg)}td.partly{background:var(--partly-bg)}td.overdue{background:var(--late-bg)}td.open{background:var(--open-bg)}
progress{width:8rem;height:.8rem;vertical-align:middle}
.st{display:inline-block;border-radius:999px;padding:.05rem .55rem;font-size:.82rem;white-space:nowrap;border:1px solid var(--line)}
.st-done{background:var(--done-bg);border-color:#b7dcb9}.st-overdue{background:var(--late-bg);border-color:#f0b8b3}
.st-in_progress{background:#e3edfb;border-color:#b9cdee}.st-cancelled,.st-not_needed{background:#eee;color:#555}
.st-waiting{background:var(--wait-bg)}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin-bottom:1rem}
form.filters label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted);max-width:100%}
select,input[type=text],input[type=url],input[type=email],input[type=date],textarea{font:inherit;padding:.35rem .45rem;border:1px solid #b9c1cf;border-radius:6px;background:#fff;max-width:100%}
textarea{width:100%;min-height:5rem}
button{font:inherit;padding:.4rem .9rem;border-radius:6px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer}
button.secondary{background:#fff;color:var(--accent)}
button.link{background:none;border:none;color:var(--accent);padding:0;text-decoration:underline}
.actions form{border-top:1px solid var(--line);padding-top:.8rem;margin-top:.8rem}
.actions label{display:block;margin:.4rem 0 .2rem;font-size:.9rem}
dl.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.3rem 1rem;margin:0}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;overflow-wrap:anywhere}
.flash{border-left:4px solid var(--done);background:var(--done-bg);padding:.6rem .8rem;margin-bottom:1rem}
.flash.err{border-color:var(--late);background:var(--late-bg)}
.matrix td,.matrix th{text-align:center;padding:.25rem .3rem;font-size:.85rem;white-space:nowrap}
.matrix th.school,.matrix td.school{text-align:left}
.legend span{display:inline-block;padding:.1rem .5rem;margin-right:.4rem;border:1px solid var(--line)}
.chart{display:block;max-width:100%;height:auto;margin:.5rem 0}
.chart .ct{font-size:13px;font-weight:bold}.chart .cl,.chart .cv{font-size:11px}
.chart .bar{fill:#b3261e}.chart .line{fill:none;stroke:#1f5fae;stroke-width:2}.chart .dot{fill:#1f5fae}
.chart .grid{stroke:#ddd;stroke-width:1}
.pager{display:flex;gap:1rem;margin:.8rem 0}
.panel.report{overflow-x:auto}.report h1{text-align:center}.report p.sub{text-align:center;margin:.1rem 0}.report .sign{margin-top:2rem}
@media (max-width:640px){main{padding:.6rem}header.top .who{margin-left:0}th,td{padding:.35rem .3rem}
dl.facts{grid-template-columns:minmax(0,1fr);gap:0}dl.facts dd{margin-bottom:.45rem}}
@media print{header.top,form.filters,.noprint{display:none}main{max-width:none;padding:0}.panel{border:none;padding:0}}
)css";
  return css;
}

const std::string& stylesheet_etag() {
  static const std::string tag = "\"" + store::sha256_hex(stylesheet()).substr(0, 16) + "\"";
  return tag;
}

std::string message_text(const diag::Message& m, i18n::Lang lang) {
  return i18n::format(lang, m.key, m.args);
}

std::string iso_date(const std::chrono::year_month_day& d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

std::string moment_text(std::string_view iso, std::string_view tz) {
  if (iso.size() < 19 || iso[10] != 'T') return std::string(iso);
  auto d = calendar::parse_date(iso.substr(0, 10));
  int h = 0, m = 0, s = 0;
  if (!d || std::sscanf(std::string(iso.substr(11, 8)).c_str(), "%2d:%2d:%2d", &h, &m, &s) != 3) return std::string(iso);
  auto local = calendar::to_local(std::chrono::sys_days{*d} + std::chrono::hours(h) + std::chrono::minutes(m) +
                                      std::chrono::seconds(s),
                                  tz);
  return fmt::format("{:02}.{:02}.{:04} {:02}:{:02}", static_cast<unsigned>(local.date.day()),
                     static_cast<unsigned>(local.date.month()), static_cast<int>(local.date.year()), local.hour, local.minute);
}

std::string date_text(const std::optional<std::chrono::year_month_day>& d) {
  if (!d) return "—";
  return fmt::format("{:02}.{:02}.{:04}", static_cast<unsigned>(d->day()), static_cast<unsigned>(d->month()),
                     static_cast<int>(d->year()));
}

std::string status_badge(const Exchange& x, std::string_view status) {
  return "<span class=\"st st-" + esc(status) + "\">" + esc(x.tr("web.status." + std::string(status))) + "</span>";
}

std::string csrf_field(const Exchange& x) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(x.csrf()) + "\">";
}

std::string select_field(std::string_view name, const std::vector<std::pair<std::string, std::string>>& options,
                         std::string_view selected) {
  std::string out = "<select name=\"" + esc(name) + "\">";
  for (const auto& [value, label] : options) {
    out += "<option value=\"" + esc(value) + "\"";
    if (value == selected) out += " selected";
    out += ">" + esc(label) + "</option>";
  }
  return out + "</select>";
}

std::string render_page(const Exchange& x, const Page& page) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"";
  out += x.lang == i18n::Lang::en ? "en" : "ru";
  out += "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + esc(page.title) + " · " + esc(x.tr("web.brand")) + "</title>\n";
  out += "<link rel=\"stylesheet\" href=\"/static/app.css\">\n</head>\n<body>\n<header class=\"top\">";
  out += "<a class=\"brand\" href=\"/\">" + esc(x.tr("web.brand")) + "</a>";
  if (x.who) {
    const auto& p = *x.who;
    auto link = [&](std::string_view key, std::string_view href, std::string_view id) {
      out += "<a href=\"" + std::string(href) + "\"" + (page.nav == id ? " class=\"on\"" : "") + ">" + esc(x.tr(key)) + "</a>";
    };
    out += "<nav>";
    if (access::can_view_dashboard(p)) link("web.nav.plans", "/", "plans");
    link("web.nav.my", "/my", "my");
    link("web.nav.tasks", "/tasks", "tasks");
    if (access::can_view_dashboard(p)) link("web.nav.reports", "/reports", "reports");
    link("web.nav.calendar", "/calendar", "calendar");
    out += "</nav><div class=\"who\"><span>" + esc(p.name.empty() ? p.ref.person : p.name) + " · " +
           esc(x.tr("web.role." + std::string(model::to_string(p.role)))) + "</span>";
    out += "<form method=\"post\" action=\"/logout\">" + csrf_field(x) + "<button class=\"link\" type=\"submit\">" +
           esc(x.tr("web.nav.signout")) + "</button></form></div>";
  }
  out += "</header>\n<main" + std::string(page.wide ? " class=\"wide\"" : "") + ">\n";
  out += page.body;
  out += "\n</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace roadmap::web
