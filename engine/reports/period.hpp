// The --period of a report: "2023-09-01..2024-08-31", "2024-03" (a month), "2024-Q1" (a quarter),
// "2024" (a year), "2023-2024" (a school year, 1 September to 31 August). Both ends inclusive.
#pragma once
#include <chrono>
#include <string>
#include <string_view>

namespace roadmap::reports {

using Date = std::chrono::year_month_day;

struct Period {
  Date first, last;
  std::string text;  // as given
};

// Throws reports::Error "report.err.period_form" (not one of the forms, naming them),
// "report.err.period_date" (an impossible date such as 2024-02-30 or month 13),
// "report.err.period_reversed" (the end before the start).
Period parse_period(std::string_view text);

// "01.09.2023 – 31.08.2024", as printed on a report.
std::string period_text(const Period& p);
// "31.08.2024"
std::string ru_date(const Date& d);

}  // namespace roadmap::reports
