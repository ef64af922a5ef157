// libFuzzer target for the assessment-event calendar loader: any bytes as an event file. Checks
// what must hold for every input: no crash, hang or sanitizer report; a result carries a calendar
// exactly when there is no error; every diagnostic has a catalogue key, renders in Russian and
// English and points inside the file; in a loaded calendar every event has a known kind, starts no
// later than it ends and lies in its school year, events and schedule entries are in date order,
// and "ОП" selects exactly the assessment procedures.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "deadline/schedule.hpp"
#include "i18n/catalogue.hpp"
#include "load/event_calendar_loader.hpp"

namespace {

namespace diag = roadmap::diag;
namespace i18n = roadmap::i18n;
namespace model = roadmap::model;
using namespace std::chrono;

[[noreturn]] void fail(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "event_calendar_load_fuzz: %s\n%s\n", what, detail.c_str());
  std::abort();
}

void check_diagnostics(const diag::Diagnostics& ds, std::string_view text) {
  const long lines = 1 + static_cast<long>(std::count(text.begin(), text.end(), '\n'));
  for (const auto& d : ds.items()) {
    if (!i18n::has(d.what.key)) fail("diagnostic without a catalogue entry", d.what.key);
    for (const auto& h : d.hints)
      if (!i18n::has(h.key)) fail("hint without a catalogue entry", h.key);
    if (d.where.line < 0 || d.where.line > lines) fail("diagnostic outside the file", d.what.key);
    if (d.where.column < 0 || static_cast<std::size_t>(d.where.column) > text.size() + 1) fail("column outside the line", d.what.key);
    if (diag::render(d, i18n::Lang::ru).empty() || diag::render(d, i18n::Lang::en).empty()) fail("empty rendering", d.what.key);
  }
}

void check_calendar(const model::EventCalendar& c) {
  std::size_t assessments = 0;
  for (std::size_t i = 0; i < c.events.size(); ++i) {
    const auto& e = c.events[i];
    const model::EventKind* k = c.find_kind(e.kind);
    if (!k) fail("an event of an unknown kind", e.kind);
    if (sys_days{e.last} < sys_days{e.first}) fail("an event ends before it starts");
    if (sys_days{e.first} < sys_days{year{e.school_year} / September / 1} ||
        sys_days{e.last} > sys_days{year{e.school_year + 1} / August / 31})
      fail("an event outside its school year");
    if (i > 0 && sys_days{c.events[i - 1].first} > sys_days{e.first}) fail("events out of date order");
    assessments += k->assessment;
  }
  const auto all = c.matching(roadmap::deadline::ev_op, year{1900} / January / 1, year{2200} / December / 31);
  if (all.size() != assessments) fail("ОП does not select exactly the assessment procedures");
  for (const auto& s : c.schedules) {
    if (c.find_schedule(s.name) == nullptr) fail("a schedule not found by its name", s.name);
    for (std::size_t i = 0; i < s.entries.size(); ++i) {
      if (sys_days{s.entries[i].last} < sys_days{s.entries[i].first}) fail("an entry ends before it starts");
      if (i > 0 && sys_days{s.entries[i - 1].first} > sys_days{s.entries[i].first}) fail("entries out of date order");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto load = roadmap::load::load_event_calendar_text(text, "fuzz.yaml");
  if (load.calendar.has_value() == load.diagnostics.has_errors()) fail("calendar present iff no errors");
  check_diagnostics(load.diagnostics, text);
  if (load.calendar) check_calendar(*load.calendar);
  return 0;
}
