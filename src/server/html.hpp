// The pages' frame and small pieces: escaping (every text from a plan, a directory or a user goes
// through esc()), the layout with navigation and sign-out, the stylesheet, dates and statuses as
// people read them. Pages are server-rendered HTML without scripts (the Content-Security-Policy
// forbids them), usable on a phone.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostic.hpp"
#include "server/app.hpp"

namespace roadmap::web {

// & < > " ' escaped.
std::string esc(std::string_view text);
// A JSON string literal, quotes included.
std::string json_string(std::string_view text);

struct Page {
  std::string title;
  std::string body;      // the content, already escaped
  std::string nav;       // the active navigation entry: plans, my, tasks, reports, calendar
  bool wide = false;     // tables wider than a phone: let the page scroll sideways
};

// The whole document: <head>, the header with the navigation and the person, the content.
std::string render_page(const Exchange& x, const Page& page);

// The stylesheet served at /static/app.css, and its ETag.
const std::string& stylesheet();
const std::string& stylesheet_etag();

// A catalogue message (an error's key and arguments) in the language.
std::string message_text(const diag::Message& m, i18n::Lang lang);
// "2023-08-31"
std::string iso_date(const std::chrono::year_month_day& d);
// A stored UTC moment ("2026-11-25T10:54:44Z") as people read it in a zone: "25.11.2026 13:54";
// the text as it is when it is not such a moment.
std::string moment_text(std::string_view iso_utc, std::string_view tz);
// "31.08.2023"; "—" for none.
std::string date_text(const std::optional<std::chrono::year_month_day>& d);
// A task status as a badge: "<span class=\"st st-done\">выполнено</span>".
std::string status_badge(const Exchange& x, std::string_view status);
// The hidden CSRF field of a form.
std::string csrf_field(const Exchange& x);
// A <select> with its options (value, label) and the selected value.
std::string select_field(std::string_view name, const std::vector<std::pair<std::string, std::string>>& options,
                         std::string_view selected);

}  // namespace roadmap::web
