// libFuzzer target for the deadline language: any bytes as a phrase. Checks
// what must hold for every input, read or not: no crash or sanitizer report;
// the stop position lies within the phrase; a phrase understood renders
// (Russian and English) to text that parses back understood and to the same
// schedule; the concrete dates of a schedule are valid and ordered; describing
// the phrase for a user does not fail.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "deadline/dates.hpp"
#include "deadline/describe.hpp"
#include "deadline/parse.hpp"
#include "deadline/render.hpp"

namespace {

namespace dl = roadmap::deadline;

[[noreturn]] void fail(const char* what, std::string_view phrase, const std::string& detail = {}) {
  std::fprintf(stderr, "deadline_parse_fuzz: %s\nphrase: \"%.*s\"\n%s\n", what,
               static_cast<int>(phrase.size()), phrase.data(), detail.c_str());
  std::abort();
}

// Characters of UTF-8 text: the bytes that do not continue a sequence. A stray
// continuation byte of invalid UTF-8 may count as a character of its own, so
// the byte count bounds the column as well.
std::size_t characters(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const std::size_t len = c < 0x80           ? 1
                            : (c >> 5) == 0x6  ? 2
                            : (c >> 4) == 0xE  ? 3
                            : (c >> 3) == 0x1E ? 4
                                               : 0;
    if (len == 0 || i + len > text.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

void check_round_trip(const dl::ParseResult& result, const dl::ParseOptions& opts, std::string_view phrase) {
  for (dl::Lang lang : {dl::Lang::ru, dl::Lang::en}) {
    const std::string canonical = dl::render(result.schedule, lang);
    const dl::ParseResult again = dl::parse(canonical, opts);
    if (!again.understood()) {
      fail("the rendering of an understood phrase does not parse back", phrase,
           "rendering: \"" + canonical + "\", stop column " + std::to_string(again.stop_column));
    }
    if (!(again.schedule == result.schedule)) {
      fail(
          "the rendering of an understood phrase parses back to another "
          "schedule",
          phrase,
          "rendering: \"" + canonical + "\", which renders as \"" + dl::render(again.schedule, lang) + "\"");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view phrase(reinterpret_cast<const char*>(data), size);
  dl::ParseOptions opts;
  opts.school_year_start = 2023;
  opts.years = {2023, 2024};
  // The first byte, when there is one, also picks the half-year setting, so
  // both readings run.
  if (size > 0 && (data[0] & 1)) opts.half_year = dl::HalfYear::calendar;

  const dl::ParseResult result = dl::parse(phrase, opts);
  if (result.stop_byte > phrase.size() || result.stop_column > phrase.size() ||
      (is_valid_utf8(phrase) && result.stop_column > characters(phrase))) {
    fail("the stop position lies outside the phrase", phrase,
         "stop byte " + std::to_string(result.stop_byte) + ", stop column " +
             std::to_string(result.stop_column) + ", " + std::to_string(phrase.size()) + " bytes");
  }
  if (result.understood() && result.schedule.clauses.empty()) fail("understood, but no clause", phrase);
  if (result.understood()) {
    check_round_trip(result, opts, phrase);
    for (const dl::Occurrence& occ : dl::dates(result.schedule, opts)) {
      if (occ.need != dl::Need::none) continue;
      if (!occ.first.ok() || !occ.last.ok() || occ.last < occ.first) {
        fail("dates() gave an invalid or reversed occurrence", phrase,
             "clause " + std::to_string(occ.clause));
      }
    }
  }
  const dl::Description description = dl::describe(phrase, opts, dl::Lang::ru);
  if (description.understood != result.understood()) {
    fail("describe() and parse() disagree on whether the phrase is understood", phrase);
  }
  return 0;
}
