// libFuzzer target for the production-calendar loaders: any bytes as a calendar file and as a
// territory overrides file. Checks what must hold for every input: no crash, hang or sanitizer
// report; a result carries a calendar exactly when there is no error; every diagnostic has a
// catalogue key, renders in Russian and English, and points inside the file; a loaded calendar
// answers the working-day queries consistently over every year it covers and refuses the others.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "calendar/production_calendar.hpp"
#include "i18n/catalogue.hpp"

namespace {

namespace cal = roadmap::calendar;
namespace diag = roadmap::diag;
namespace i18n = roadmap::i18n;
using namespace std::chrono;

[[noreturn]] void fail(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "calendar_load_fuzz: %s\n%s\n", what, detail.c_str());
  std::abort();
}

void check_diagnostics(const diag::Diagnostics& ds, std::string_view text) {
  const long lines = 1 + static_cast<long>(std::count(text.begin(), text.end(), '\n'));
  for (const auto& d : ds.items()) {
    if (!i18n::has(d.what.key)) fail("diagnostic without a catalogue entry", d.what.key);
    for (const auto& h : d.hints) {
      if (!i18n::has(h.key)) fail("hint without a catalogue entry", h.key);
    }
    if (d.where.line < 0 || d.where.line > lines) fail("diagnostic outside the file", d.what.key);
    if (d.where.column < 0 || static_cast<std::size_t>(d.where.column) > text.size() + 1) {
      fail("column outside the line", d.what.key);
    }
    if (diag::render(d, i18n::Lang::ru).empty() || diag::render(d, i18n::Lang::en).empty()) {
      fail("empty rendering", d.what.key);
    }
  }
}

// The queries over every covered year agree with each other; an uncovered year throws.
void check_calendar(const cal::ProductionCalendar& c) {
  int checked = 0;
  for (const auto& info : c.years()) {
    if (++checked > 3) break;  // a few years say as much as many, and keep each run fast
    const cal::Date first = info.year / January / 1, last = info.year / December / 31;
    long working = 0;
    for (sys_days d{first}; d <= sys_days{last}; d += days{1}) {
      const cal::Date day{d};
      const bool w = c.is_working_day(day);
      working += w;
      const auto k = c.kind(day);
      const bool kind_working = k == cal::DayKind::working || k == cal::DayKind::working_weekend;
      if (k != cal::DayKind::non_working_by_decree && kind_working != w)
        fail("kind and is_working_day disagree");
      if (c.is_shortened(day) && !w) fail("a shortened day that is not working");
      // Art. 193 and the window's end stay in covered years or say they cannot.
      try {
        const auto next = c.next_working_day_on_or_after(day);
        if (sys_days{next} < d || !c.is_working_day(next)) fail("next_working_day_on_or_after is wrong");
        if (w && next != day) fail("a working day does not map to itself");
      } catch (const cal::NotCovered&) {
      }
      try {
        const auto prev = c.last_working_day_on_or_before(day);
        if (sys_days{prev} > d || !c.is_working_day(prev)) fail("last_working_day_on_or_before is wrong");
      } catch (const cal::NotCovered&) {
      }
    }
    if (c.count_working_days(first, last) != working) fail("count_working_days disagrees");
    try {
      const auto later = c.add_working_days(first, 10);
      if (c.working_days_between(first, later) != 10)
        fail("add_working_days and working_days_between disagree");
    } catch (const cal::NotCovered&) {
    }
  }
  bool thrown = false;
  try {
    (void)c.is_working_day(year{1000} / January / 1);
  } catch (const cal::NotCovered&) {
    thrown = true;
  }
  if (!thrown) fail("a year outside the calendar answered");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto load = cal::load_calendar_text(text, "fuzz.yaml");
  if (load.calendar.has_value() == load.diagnostics.has_errors()) fail("calendar present iff no errors");
  check_diagnostics(load.diagnostics, text);
  if (load.calendar) check_calendar(*load.calendar);

  auto ov = cal::load_overrides_text(text, "fuzz.yaml");
  if (ov.overrides.has_value() == ov.diagnostics.has_errors()) fail("overrides present iff no errors");
  check_diagnostics(ov.diagnostics, text);
  if (ov.overrides) {
    // Applied to the shipped shape of calendar: a small one built here, so the fuzzer need not
    // find a whole valid calendar in the same input.
    cal::ProductionCalendar base;
    base.set_identity("ru", "");
    for (int y = 2023; y <= 2025; ++y) base.add_year(cal::YearInfo{year{y}, false, {}, {}, {}, {}});
    auto applied = cal::apply_overrides(base, *ov.overrides);
    if (applied.calendar.has_value() == applied.diagnostics.has_errors())
      fail("applied present iff no errors");
    for (const auto& d : applied.diagnostics.items()) {
      if (!i18n::has(d.what.key)) fail("override diagnostic without a catalogue entry", d.what.key);
    }
    if (applied.calendar) check_calendar(*applied.calendar);
  }
  return 0;
}
