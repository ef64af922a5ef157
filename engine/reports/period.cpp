#include "reports/period.hpp"

#include <fmt/format.h>

#include <cctype>
#include <optional>

#include "calendar/production_calendar.hpp"
#include "reports/error.hpp"

namespace roadmap::reports {

namespace {

using namespace std::chrono;

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

int number(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

[[noreturn]] void bad_form(std::string_view text) {
  throw Error("report.err.period_form", {std::string(text)});
}

Date date_or_throw(std::string_view whole, std::string_view part) {
  // Shape first: YYYY-MM-DD; then the calendar.
  if (part.size() != 10 || part[4] != '-' || part[7] != '-' || !digits(part.substr(0, 4)) ||
      !digits(part.substr(5, 2)) || !digits(part.substr(8, 2)))
    bad_form(whole);
  auto d = calendar::parse_date(part);
  if (!d) throw Error("report.err.period_date", {std::string(whole), std::string(part)});
  return *d;
}

Date month_end(year y, month m) {
  return year_month_day{year_month_day_last{y, month_day_last{m}}};
}

}  // namespace

std::string ru_date(const Date& d) {
  return fmt::format("{:02}.{:02}.{:04}", static_cast<unsigned>(d.day()), static_cast<unsigned>(d.month()),
                     static_cast<int>(d.year()));
}

std::string period_text(const Period& p) {
  return ru_date(p.first) + " – " + ru_date(p.last);
}

Period parse_period(std::string_view text) {
  std::string_view s = text;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  Period p;
  p.text = std::string(s);
  if (auto dots = s.find(".."); dots != std::string_view::npos) {
    p.first = date_or_throw(text, s.substr(0, dots));
    p.last = date_or_throw(text, s.substr(dots + 2));
  } else if (s.size() == 4 && digits(s)) {  // 2024
    year y{number(s)};
    p.first = y / January / 1;
    p.last = y / December / 31;
  } else if (s.size() == 9 && s[4] == '-' && digits(s.substr(0, 4)) && digits(s.substr(5))) {  // 2023-2024
    int a = number(s.substr(0, 4)), b = number(s.substr(5));
    if (b != a + 1) throw Error("report.err.period_school_year", {std::string(text)});
    p.first = year{a} / September / 1;
    p.last = year{b} / August / 31;
  } else if (s.size() == 7 && s[4] == '-' && digits(s.substr(0, 4)) && digits(s.substr(5))) {  // 2024-03
    int m = number(s.substr(5));
    if (m < 1 || m > 12) throw Error("report.err.period_date", {std::string(text), std::string(s.substr(5))});
    year y{number(s.substr(0, 4))};
    p.first = y / month{static_cast<unsigned>(m)} / 1;
    p.last = month_end(y, month{static_cast<unsigned>(m)});
  } else if (s.size() == 7 && s[4] == '-' && (s[5] == 'Q' || s[5] == 'q') && digits(s.substr(0, 4)) &&
             digits(s.substr(6))) {  // 2024-Q1
    int q = number(s.substr(6));
    if (q < 1 || q > 4) throw Error("report.err.period_date", {std::string(text), std::string(s.substr(5))});
    year y{number(s.substr(0, 4))};
    p.first = y / month{static_cast<unsigned>(3 * q - 2)} / 1;
    p.last = month_end(y, month{static_cast<unsigned>(3 * q)});
  } else {
    bad_form(text);
  }
  if (sys_days{p.last} < sys_days{p.first})
    throw Error("report.err.period_reversed", {std::string(text), ru_date(p.first), ru_date(p.last)});
  return p;
}

}  // namespace roadmap::reports
